"""A big mailbox in the app: its first thread on screen while the rest loads."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.errors import LoadError
from reader.formats.mail import mailbox as mail
from reader.loading import Loading
from reader.prepared import PreparedBatch
from reader.ui.app import ReaderApp
from reader.ui.articles.list import ArticleList
from reader.ui.articles.pane import ArticlesPane
from reader.ui.articles.progress import LoadProgress
from reader.ui.body.view import ArticleBody

from ..test_mail_stream import Spec, message, write_mbox
from .scenes import settle, wait_for

THREADS = 1200


class GatedLoading(Loading):
    """Waits for `gate` before the load worker's first batch (the batch read
    ahead is shown as the screen mounts)."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__(paths)
        self.gate = threading.Event()

    def __iter__(self) -> Iterator[PreparedBatch | LoadError]:
        self.gate.wait(timeout=10)
        yield from super().__iter__()


def out_of_order_archive(folder: Path) -> GatedLoading:
    """A mailbox whose earliest thread starts with the archive's last message,
    its reply the archive's first, read ahead."""
    messages = [message(n, Spec(n, None, [], 10 + n % 40, "plain")) for n in range(THREADS)]
    messages.insert(0, message(THREADS + 1, Spec(THREADS + 1, THREADS, [], 1, "plain")))
    messages.append(message(THREADS, Spec(THREADS, None, [], 0, "plain")))
    loading = GatedLoading([write_mbox(folder / "list.mbox", messages)])
    assert loading.read_ahead()
    return loading


async def test_the_first_thread_shows_while_the_mailbox_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read without a preview (its first 100 messages' first thread, shown first).
    monkeypatch.setattr(mail, "PREVIEW_MESSAGES", THREADS + 2)
    loading = out_of_order_archive(tmp_path)
    app = ReaderApp(loading)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        for _ in range(50):
            await pilot.pause(0.02)
            if app.query_one(ArticleList).entry_count:
                break
        assert app.query_one(ArticleList).entry_count == 1
        body = app.query_one(ArticleBody)
        assert body.article is not None and body.article.source_id == f"<m{THREADS}@list.example>"
        pane = app.query_one(ArticlesPane)
        (progress,) = pane.query(LoadProgress)
        shown = str(progress.query_one("Static").render())
        # No file read whole yet, and the walk of the paths not finished.
        assert shown == "files 0/…", shown
        loading.gate.set()
        await settle(pilot)
        assert not pane.query(LoadProgress), "gone once the mailbox is read"
        assert app.query_one(ArticleList).entry_count == THREADS + 1
        assert str(pane.border_subtitle) == f"{THREADS + 1} articles"


async def test_a_big_mailbox_opens_on_a_preview_then_its_full_thread_in_its_place(
    tmp_path: Path,
) -> None:
    # The preview (from the first 100 messages) holds the archive's first
    # message alone; in full it is a reply in the earliest thread, listed first.
    loading = out_of_order_archive(tmp_path)
    app = ReaderApp(loading)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        articles = app.query_one(ArticleList)
        body = app.query_one(ArticleBody)
        assert articles.entry_count == 1
        assert body.article is not None
        assert body.article.source_id == f"<m{THREADS + 1}@list.example>"
        loading.gate.set()
        await settle(pilot)
        assert articles.entry_count == THREADS + 1, "the preview is no entry of its own"
        assert articles.highlighted == 0
        assert body.article is not None
        assert body.article.source_id == f"<m{THREADS}@list.example>"
        assert [c.source_id for c in body.article.comments] == [f"<m{THREADS + 1}@list.example>"]


async def test_the_loads_last_collection_comes_once_the_screen_says_it_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The collection that ends a load holds the interpreter for 0.1 to 0.2 s
    # after a big archive: the frame saying every article is listed comes first.
    loading = out_of_order_archive(tmp_path)
    app = ReaderApp(loading)
    said_at_collection: list[str] = []
    collect = gc.collect

    def noted_collect(*args: int) -> int:
        if threading.current_thread() is not threading.main_thread():
            said_at_collection.append(str(app.query_one(ArticlesPane).border_subtitle))
        return collect(*args)

    monkeypatch.setattr(gc, "collect", noted_collect)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        loading.gate.set()
        await wait_for(pilot, lambda: bool(said_at_collection), "the load's last collection")
    assert said_at_collection == [f"{THREADS + 1} articles"]
