"""The line that holds the current match is on screen once the search has gone
to it, in the thread and in the body, even where the comments or paragraphs
above it were only estimated when the view scrolled (code blocks of long lines
are estimated many times their height: wrapped as prose, they are not)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.ui.body.pane import BodyPane
from reader.ui.body.view import ArticleBody
from reader.ui.thread.pane import ThreadPane
from reader.ui.thread.view import ThreadView

from .conftest import make_app
from .scenes import burst, settle

CODE_LINE = "x = 1  # " + "a long line of code that is clipped, not wrapped " * 4
PROSE = "Words that wrap over a line or two of the pane, and then some more words. " * 3


def code(lines: int) -> str:
    return "<pre><code>" + "\n".join([CODE_LINE] * lines) + "</code></pre>"


def hn_item(item_id: int, text: str, children: list[dict[str, object]] | None = None) -> dict:
    return {
        "id": item_id,
        "created_at_i": 1714566896 + item_id,
        "type": "comment",
        "author": f"author{item_id}",
        "text": text,
        "parent_id": None,
        "children": children or [],
    }


@pytest.fixture
def code_thread(tmp_path: Path) -> Path:
    """Comments of code before the one with the match, which is long itself."""
    long_text = "<p>".join(["Here is the needle."] + [PROSE] * 30)
    story = {
        "id": 1,
        "created_at_i": 1714566896,
        "type": "story",
        "author": "op",
        "title": "Code and a needle",
        "url": None,
        "text": "A story.",
        "points": 1,
        "children": [
            hn_item(2, "A short one."),
            hn_item(3, code(40)),
            hn_item(4, code(40)),
            hn_item(5, long_text),
            hn_item(6, code(40)),
        ],
    }
    path = tmp_path / "code.json"
    path.write_text(json.dumps(story), encoding="utf-8")
    return path


async def type_at_once(pilot: Pilot[None], text: str) -> None:
    """`text` typed as a terminal hands fast typing over: one burst, which
    the search runs once for."""
    await burst(pilot, ((character, character) for character in text))


def match_line_on_screen(view: ThreadView) -> tuple[int, float, int]:
    """The current match's line in the thread, and the view's first and last lines."""
    pane = view.parent
    assert isinstance(pane, ThreadPane)
    match = pane.current_match
    assert match is not None and view.rows is not None
    index, paragraph = match.key  # type: ignore[misc]
    position = view.rows.position(index)
    assert position is not None
    painted = view.thread_layout.painted(index)
    line = view.rows.line_of(position) + painted.line_of(paragraph, match.start)
    return line, view.scroll_y, round(view.scroll_y) + view.scrollable_content_region.height


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 45)])
async def test_the_thread_shows_the_line_of_the_match_it_went_to(
    code_thread: Path, size: tuple[int, int]
) -> None:
    app = make_app([code_thread])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "slash")
        await type_at_once(pilot, "needle")
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(ThreadView)
        line, top, bottom = match_line_on_screen(view)
        assert top <= line < bottom, f"match on line {line}, view {top}-{bottom}"


async def test_after_a_resize_n_goes_to_a_match_whose_line_shows(code_thread: Path) -> None:
    app = make_app([code_thread])
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "slash")
        await type_at_once(pilot, "needle")
        await pilot.press("enter", "g")
        # Another width: every height is an estimate again.
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        line, top, bottom = match_line_on_screen(app.query_one(ThreadView))
        assert top <= line < bottom, f"match on line {line}, view {top}-{bottom}"


@pytest.fixture
def code_article(tmp_path: Path) -> Path:
    """A body of code paragraphs before the needle, and of words so long that
    a wrapped line leaves much of itself empty (estimated shorter than it is)."""
    long_words = " ".join(["Pneumonoultramicroscopicsilicovolcanoconiosis" + "x" * 11] * 90)
    body = "<p>".join([PROSE, code(60), code(60), long_words, "The needle is here.", PROSE])
    story = {
        "id": 1,
        "created_at_i": 1714566896,
        "type": "story",
        "author": "op",
        "title": "Code in the body",
        "url": None,
        "text": body,
        "points": 1,
        "children": [],
    }
    path = tmp_path / "body.json"
    path.write_text(json.dumps(story), encoding="utf-8")
    return path


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_body_shows_the_line_of_the_match_it_went_to(
    code_article: Path, size: tuple[int, int]
) -> None:
    app = make_app([code_article])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter", "slash")
        await type_at_once(pilot, "needle")
        await pilot.press("enter")
        await settle(pilot)
        body = app.query_one(ArticleBody)
        pane = app.query_one(BodyPane)
        assert pane.current_match is not None
        shown = [body.render_line(y).text for y in range(body.scrollable_content_region.height)]
        assert any("needle" in line for line in shown), "\n".join(shown)
