"""A thread of rich comments (quotes, code, lists, links, emphasis) opens by
estimating heights from the store's measures, not by painting: only the
comments on screen (and the few around them) are ever rendered."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region

from reader.ui.thread.painter import CommentPainter
from reader.ui.thread.view import ThreadView
from tests.bench_rich import rich_reddit_thread

from .conftest import make_app

COMMENTS = 2_000


async def test_opening_a_rich_thread_paints_only_the_comments_on_screen(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "rich.json"
    path.write_text(rich_reddit_thread(COMMENTS), encoding="utf-8")
    painted: list[int] = []
    paint = CommentPainter.paint

    def counted(self, comment, *args, **kwargs):  # type: ignore[no-untyped-def]
        painted.append(comment.thread.comments.index(comment))
        return paint(self, comment, *args, **kwargs)

    monkeypatch.setattr(CommentPainter, "paint", counted)
    app = make_app([path])
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.query_one(ThreadView)
        assert view.thread is not None and len(view.thread) == COMMENTS
        painted.clear()
        view.thread = None
        view.thread = app.store.thread(app.store.articles[0].id)
        view.render_lines(Region(0, 0, view.size.width, view.size.height))
        await pilot.pause()
        # Each rich comment takes a dozen lines or more: a 40-line pane shows a few.
        assert 0 < len(set(painted)) <= 10
        view.action_last()
        view.render_lines(Region(0, 0, view.size.width, view.size.height))
        assert max(painted) == COMMENTS - 1 and len(set(painted)) <= 20
