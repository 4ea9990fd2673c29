"""A mailing-list archive in the app (issue 24): the list's keys never wait for
a thread, and nothing moves under the reader while the archive loads.

A key in the list repaints the list and nothing else: the article under the
cursor is opened after that frame, and not at all if the cursor has moved on
by then; a big thread listed before its text was read is read off the UI
thread. While the archive loads, its first thread shown from a preview is
replaced by its full version, even when that thread turns out to start with
an earlier message and threads come in above and below it in the list: the
article open and the list's cursor stay on that thread, on the same line of
the list, with no key pressed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.formats.mail import mailbox
from reader.loading import Loading
from reader.store import DocumentStore
from reader.ui.app import ReaderApp
from reader.ui.articles.list import ArticleList
from reader.ui.screens import cursor_article
from reader.ui.screens.main import MainScreen
from reader.ui.thread.view import ThreadView

from .gated_loading import GatedLoading
from .scenes import settle, wait_for

WIDE = (160, 45)


def _message(number: int, minute: int, reply_to: int | None = None) -> bytes:
    reply = f"In-Reply-To: <m{reply_to}@list.example>\n" if reply_to is not None else ""
    return (
        f"From w@list.example Mon May  6 09:00:00 2024\n"
        f"From: Writer {number % 5} <w{number % 5}@list.example>\n"
        f"Subject: {'Re: ' if reply_to is not None else ''}Topic {number}\n"
        f"Date: Mon, 06 May 2024 {9 + minute // 60:02d}:{minute % 60:02d}:00 +0000\n"
        f"Message-ID: <m{number}@list.example>\n{reply}\n"
        f"Message {number}, invented for the test.\n\n"
    ).encode()


def _archive(path: Path) -> Path:
    """The first message replies to one far into the file (its thread then
    starts earlier than the preview showed it); threads dated before that
    one come after it in the file, threads dated after it before."""
    messages = [_message(0, 300, reply_to=500)]
    messages += [_message(number, 305 + number, reply_to=0) for number in range(1, 60)]
    messages += [_message(number, 400 + number) for number in range(60, 130)]  # below
    messages.append(_message(500, 200))  # the thread's real first message
    messages += [_message(number, 305 + number, reply_to=0) for number in range(131, 200)]
    messages += [_message(number, number - 190) for number in range(200, 240)]  # above
    path.write_bytes(b"".join(messages))
    return path


def _holds(store: DocumentStore, article_id: str, message_id: str) -> bool:
    article = store.article(article_id)
    return article.source_id == message_id or any(
        comment.source_id == message_id for comment in store.thread(article_id).comments
    )


async def test_the_open_thread_and_the_cursor_stay_put_while_the_archive_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loading = GatedLoading([_archive(tmp_path / "list.mbox")])
    app = ReaderApp(loading)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        articles = app.query_one("#articles", ArticleList)
        preview = screen.article
        assert preview is not None and preview.source_id == "<m0@list.example>"
        assert articles.entry_count == 1
        row = articles.row_of_cursor()
        opened: list[str] = []
        screen.watch(screen, "article", lambda article: opened.append(article.id), init=False)
        # What each frame of the list shows: where its cursor is, on which line.
        shown: list[tuple[str | None, int | None]] = []
        render_line = articles.render_line

        def rendered(y: int) -> object:
            if y == 0:
                shown.append((articles.highlighted_id, articles.row_of_cursor()))
            return render_line(y)

        monkeypatch.setattr(articles, "render_line", rendered)
        loading.gate.set()
        await settle(pilot)
        await wait_for(pilot, lambda: screen.article is not preview, "the full version open")
        store = screen.store
        thread_id = articles.highlighted_id
        assert thread_id is not None
        # The thread that holds the preview's messages, complete, from its real first message.
        assert store.article(thread_id).source_id == "<m500@list.example>"
        assert _holds(store, thread_id, "<m0@list.example>")
        assert store.comment_count(thread_id) == 129
        # The list grew above it (40 earlier threads) and below (70 later ones).
        assert articles.entry_count == 111 and articles.highlighted == 40
        # Nothing else was opened, and the cursor was on no other thread.
        assert opened == [thread_id]
        assert shown, "frames painted while it loaded"
        assert all(_holds(store, where, "<m0@list.example>") for where, _ in shown if where)
        assert all(line == row for _, line in shown), ("on the same line of the list", shown)
        assert articles.row_of_cursor() == row


def _threads(path: Path, big: int) -> Path:
    """Threads of two messages, and one (the third) of `big` messages."""
    messages = []
    for thread in range(6):
        messages.append(_message(thread * 1000, thread))
        replies = big if thread == 2 else 1
        messages += [
            _message(thread * 1000 + reply, thread, reply_to=thread * 1000)
            for reply in range(1, replies + 1)
        ]
    path.write_bytes(b"".join(messages))
    return path


async def test_a_key_in_the_list_opens_the_article_only_after_its_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The article is opened by a callback the key's frame runs; keys typed
    before it runs leave only the last article to open."""
    app = ReaderApp(Loading([_threads(tmp_path / "list.mbox", 3)]))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        articles = app.query_one("#articles", ArticleList)
        articles.focus()
        first = screen.article
        after_frame: list[Callable[[], object]] = []
        monkeypatch.setattr(screen, "call_after_refresh", lambda call: after_frame.append(call))
        opened: list[str] = []
        real_open = screen.open_article
        monkeypatch.setattr(screen, "open_article", lambda id: opened.append(id) or real_open(id))
        await pilot.press("j")
        assert screen.article is first and opened == [], "nothing opened with the key"
        assert articles.highlighted == 1 and len(after_frame) == 1
        await pilot.press("j", "j", "k")
        assert opened == []
        for call in after_frame:
            call()
        assert opened == [], "not before the frame is written"
        await wait_for(pilot, lambda: bool(opened), "the article opened")
        assert opened == [articles.id_at(2)], "only where the cursor is now"
        assert screen.article is screen.store.article(articles.id_at(2))


async def test_a_big_thread_is_read_off_the_ui_thread_then_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ReaderApp(Loading([_threads(tmp_path / "list.mbox", 150)]))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        articles = app.query_one("#articles", ArticleList)
        articles.focus()
        read_in: dict[str, list[threading.Thread]] = {}
        real_read = screen.store.read
        big, small = articles.id_at(2), articles.id_at(3)

        def read(article_id: str, *state: object) -> object:
            read_in.setdefault(article_id, []).append(threading.current_thread())
            return real_read(article_id, *state)  # type: ignore[arg-type]

        monkeypatch.setattr(screen.store, "read", read)
        await pilot.press("j", "j")
        await wait_for(
            pilot, lambda: screen.article is not None and screen.article.id == big, "open"
        )
        assert read_in[big] and threading.main_thread() not in read_in[big]
        view = app.query_one(ThreadView)
        assert view.thread is not None and len(view.thread) == 150
        assert not screen.store.is_listed(big) and view.thread.comments[0].text
        # A small thread is read as it is opened, after the key's frame.
        await pilot.press("j")
        await wait_for(
            pilot, lambda: screen.article is not None and screen.article.id == small, "next"
        )
        assert read_in[small] == [threading.main_thread()]


def test_the_archive_here_gives_a_preview(tmp_path: Path) -> None:
    """(The first test's archive is bigger than the preview's messages.)"""
    assert mailbox.PREVIEW_MESSAGES < 240
    assert cursor_article.READ_AT_ONCE_COMMENTS < 150
