"""`s` sorts the comments as tuir does: the source's order, best (score),
newest, oldest first. The cursor stays on its comment, the title says the
order, and the choice is kept for that kind of source (Reddit, HN, ...)."""

from __future__ import annotations

from pathlib import Path

from reader.loading import Loading
from reader.state import open_state
from reader.ui.app import ReaderApp
from reader.ui.thread.pane import ThreadPane
from reader.ui.thread.view import ThreadView

from .conftest import record_notifications
from .scenes import FIXTURES, settle

REDDIT = FIXTURES / "reddit.json"


def top_level_scores(view: ThreadView) -> list[int | None]:
    assert view.thread is not None
    return [view.thread.comments[index].score for index in view.thread.top_level]


async def test_s_sorts_the_comments_and_the_cursor_keeps_its_comment(tmp_path: Path) -> None:
    database = tmp_path / "state.db"
    state, _ = open_state(database)
    assert state is not None
    app = ReaderApp(Loading([REDDIT]), state=state)
    notes = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "right_square_bracket", "right_square_bracket")
        view = app.query_one(ThreadView)
        assert view.cursor_comment is not None
        under_cursor = view.cursor_comment
        source = top_level_scores(view)
        await pilot.press("s")
        await settle(pilot)
        best = top_level_scores(view)
        assert best == sorted(best, key=lambda score: -(score or 0)) != source
        assert view.cursor_comment is under_cursor, "the cursor stays on its comment"
        assert "best first" in str(app.query_one(ThreadPane).border_title)
        assert any(note["message"] == "Comments best first" for note in notes)
        await pilot.press("s", "s", "s")
        await settle(pilot)
        assert top_level_scores(view) == source, "round to the source's order"
        await pilot.press("s")
    state.close()
    # Kept for Reddit threads: the next session opens this one sorted.
    state, _ = open_state(database)
    assert state is not None
    app = ReaderApp(Loading([REDDIT]), state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        assert top_level_scores(view) == best
        assert "best first" in str(app.query_one(ThreadPane).border_title)
    state.close()


async def test_the_order_chosen_is_for_its_kind_of_source_only() -> None:
    app = ReaderApp(Loading([REDDIT, FIXTURES / "hn_algolia.json"]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "s", "s")  # Reddit: newest first
        await settle(pilot)
        view = app.query_one(ThreadView)
        assert view.thread is not None and view.thread.order == "newest"
        await pilot.press("escape", "j")  # the HN thread
        await settle(pilot)
        assert view.thread.order == "source"
        await pilot.press("k")
        await settle(pilot)
        assert view.thread.order == "newest"
