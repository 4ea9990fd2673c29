"""Resizing the terminal keeps the reader's place, as less does: the text at
the top of the comments pane stays at the top, in the middle of a long comment
too, and a match the search went to stays on screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.ui.thread.pane import ThreadPane
from reader.ui.thread.view import ThreadView

from .conftest import make_app
from .scenes import settle
from .test_match_on_screen import match_line_on_screen

SENTENCES = 400
LONG_COMMENT = "\n\n".join(
    "      "
    + " ".join(
        f"Sentence {number} of the long one goes on."
        for number in range(start, min(start + 8, SENTENCES))
    )
    for start in range(0, SENTENCES, 8)
)
THREAD = f"""\
A long comment

The body.

  1. A short first comment.
  2. The long comment starts here.

{LONG_COMMENT}
  3. A short last comment.
"""


@pytest.fixture
def long_thread(tmp_path: Path) -> Path:
    path = tmp_path / "long.txt"
    path.write_text(THREAD, encoding="utf-8")
    return path


def words_of(view: ThreadView, lines: int) -> list[str]:
    """The words on the view's first `lines` lines."""
    text = " ".join(view.render_line(y).text for y in range(lines))
    return re.findall(r"[A-Za-z0-9]+", text)


@pytest.mark.parametrize("sizes", [((120, 40), (160, 45)), ((160, 45), (80, 24))])
async def test_the_text_at_the_top_of_the_comments_stays_there_through_resizes(
    long_thread: Path, sizes: tuple[tuple[int, int], tuple[int, int]]
) -> None:
    first, second = sizes
    app = make_app([long_thread])
    async with app.run_test(size=first) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "j", *["j"] * 3)
        await settle(pilot)
        view = app.query_one(ThreadView)
        assert view.cursor == 1, "in the long comment"
        # The top line's first words: where its text starts. Wrapped at
        # another width, the line holding that start is the top one (its next
        # word may wrap to the line after); the top line may be the blank
        # between two paragraphs, then the next line is the text.
        blank = not words_of(view, 1)
        top = " ".join(words_of(view, 2)[:2])
        assert top.startswith("Sentence"), f"in the middle of the comment: {top!r}"
        for size in (second, first, second, first):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            shown = " ".join(words_of(view, 2 + blank))
            assert top.split()[0] in words_of(view, 1 + blank) and top in shown, (
                f"at {size}: {top!r} was at the top, now {shown!r}"
            )


async def test_a_match_gone_to_stays_on_screen_when_the_pane_narrows(long_thread: Path) -> None:
    app = make_app([long_thread])
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "slash", *"sentence 150 ", "enter")
        await settle(pilot)
        assert app.query_one(ThreadPane).current_match is not None
        for size in ((120, 40), (100, 30), (160, 45)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            line, top, bottom = match_line_on_screen(app.query_one(ThreadView))
            assert top <= line < bottom, f"at {size}: match on line {line}, view {top}-{bottom}"
