"""A folded comment is one line, its words first: who wrote it and the start
of its text, then (shortened, at the right edge) what the source says of it
and `+N` for the replies the fold hides. Folded comments follow each other with
no blank line between them, as an index does."""

from __future__ import annotations

from pathlib import Path

from reader.ui.thread.view import ThreadView

from .conftest import make_app
from .scenes import FIXTURES, settle


def shown_lines(app, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    view = app.query_one(ThreadView)
    return [view.render_line(y).text.rstrip() for y in range(count)]


async def test_fold_all_shows_one_line_a_comment(nested_file: Path) -> None:
    app = make_app([nested_file])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "C")
        await settle(pilot)
        first, second, third, after = shown_lines(app, 4)
        assert "First top-level comment." in first and first.endswith("+4"), first
        assert "Second top-level comment." in second, second
        assert "Third top-level comment." in third, third
        assert not after.strip(), "nothing after the last: the thread is three lines"


async def test_at_80_columns_the_text_comes_before_what_the_source_says() -> None:
    """The reddit fixture's first comment: a long name, a score, a time, an edit
    and six replies. `· 2 replies · 6 hidden  [+6]` pushed its text off the line."""
    app = make_app([FIXTURES / "reddit.json"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "C")
        await settle(pilot)
        first = shown_lines(app, 1)[0]
        assert "margin_notes  A recipe for plum jam" in first, first
        assert first.endswith("+6"), first
        assert "hidden" not in first and "replies" not in first
