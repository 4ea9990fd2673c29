"""A file's preview in the app (a big mailbox's first thread, read from its
first messages): shown in the first frame, then its full version takes its
place in the list and on screen, with the reader kept where they were.

The format is stood in for: `load_batches` gives a preview of a thread, then
the batch with its full version, the load worker waiting in between, so the
tests can act on the preview first."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import loading as loading_module
from reader.formats.batch import Batch
from reader.loading import Loading
from reader.model import Article, Comment
from reader.state import State, open_state
from reader.ui.app import ReaderApp
from reader.ui.articles.list import ArticleList
from reader.ui.body.view import ArticleBody
from reader.ui.screens.main import MainScreen
from reader.ui.thread.view import ThreadView

from .gated_loading import GatedLoading
from .scenes import settle, wait_for

WIDE = (160, 45)
# The preview holds the replies among the first messages; the full version
# has more, some of them before the preview's in display order.
PREVIEW_REPLIES = ["r1", "r1.1", "r3", "r5"]


def reply(source_id: str, *replies: Comment) -> Comment:
    words = " ".join(["An invented reply to fill some lines of the thread."] * 6)
    return Comment(
        author=f"Author {source_id}",
        text=[f"Reply {source_id}. {words}", "A second paragraph of it."],
        source_id=f"<{source_id}@list.example>",
        replies=list(replies),
    )


def thread(source_id: str, replies: list[Comment]) -> Article:
    return Article(
        title=f"Thread {source_id}",
        author="Ana",
        body=[f"The first message of {source_id}, with some words. " * 20] * 12,
        comments=replies,
        source_id=f"<{source_id}@list.example>",
        format="mail",
    )


def preview() -> Article:
    return thread("t1", [reply("r1", reply("r1.1")), reply("r3"), reply("r5")])


def full() -> Article:
    return thread(
        "t1",
        [
            reply("r1", reply("r1.1"), reply("r1.2", reply("r1.2.1"))),
            reply("r2"),
            reply("r3", reply("r3.1")),
            reply("r4"),
            reply("r5"),
            *(reply(f"r{number}") for number in range(6, 10)),
        ],
    )


@pytest.fixture
def mailbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file whose format gives a preview of thread t1, then (after the
    threads in `mailbox_before`) its full version."""
    path = tmp_path / "list.txt"
    path.write_text("Stands for a mailbox.\n", encoding="utf-8")
    before: list[Article] = []

    def batches(found: Path, warnings: list[str] | None = None) -> Iterator[Batch]:
        for articles, read, is_preview in (
            ([preview()], 0.01, True),
            ([*before, full()], 1.0, False),
        ):
            for article in articles:
                article.path = found
            yield Batch(articles, read, is_preview)

    monkeypatch.setattr(loading_module, "load_batches", batches)
    mailbox_before[path] = before
    return path


mailbox_before: dict[Path, list[Article]] = {}


def ids(view: ThreadView) -> list[str | None]:
    assert view.thread is not None
    return [comment.source_id for comment in view.thread.comments]


def cursor_id(view: ThreadView) -> str | None:
    assert view.thread is not None
    return view.thread.comments[view.cursor].source_id


async def test_the_preview_is_shown_then_its_full_version_in_its_place(mailbox: Path) -> None:
    loading = GatedLoading([mailbox])
    app = ReaderApp(loading)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        view = app.query_one(ThreadView)
        articles = app.query_one("#articles", ArticleList)
        assert articles.entry_count == 1
        assert ids(view) == [f"<{name}@list.example>" for name in PREVIEW_REPLIES]
        loading.gate.set()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert len(screen.store) == 1, "the full version in the preview's place, not beside it"
        assert articles.entry_count == 1 and articles.highlighted == 0
        article = screen.store.article(articles.id_at(0))
        assert screen.article is article and len(article.comments) == 9
        assert view.thread is screen.store.thread(article.id) and len(view.thread) == 13
        assert str(articles.prompt_at(0)).splitlines()[1].endswith("13 comments")
        assert screen.query_one("#thread-pane").border_title == "Comments (13)"


async def test_the_reader_keeps_the_comment_line_folds_and_body_scroll(mailbox: Path) -> None:
    loading = GatedLoading([mailbox])
    app = ReaderApp(loading)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        view = app.query_one(ThreadView)
        body = app.query_one(ArticleBody)
        view.focus()
        await pilot.press("space")  # fold r1 (its reply r1.1 hidden)
        await pilot.press("j", "j")  # to r5, below r3
        await pilot.pause()
        assert cursor_id(view) == "<r5@list.example>"
        body.scroll_to(y=7, animate=False, immediate=True)
        view.scroll_to(y=3, animate=False, immediate=True)
        await pilot.pause()
        before = view.place()
        assert before.cursor_row is not None
        loading.gate.set()
        await settle(pilot)
        assert len(view.thread or []) == 13
        assert cursor_id(view) == "<r5@list.example>", "the same comment under the cursor"
        after = view.place()
        assert after.cursor_row == before.cursor_row, "on the same line of the view"
        assert [ids(view)[index] for index in after.collapsed] == ["<r1@list.example>"]
        assert body.scroll_y == 7
        assert view.has_focus


async def test_a_fold_of_a_comment_the_full_version_lacks_folds_nothing(
    mailbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (A preview's thread may be known by another root in full: its comments'
    # state keys are then all new.) Here the full version lacks r1.
    monkeypatch.setattr(sys.modules[__name__], "full", lambda: thread("t1", [reply("r3")]))
    loading = GatedLoading([mailbox])
    app = ReaderApp(loading)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        view = app.query_one(ThreadView)
        view.focus()
        await pilot.press("space")  # fold r1
        await pilot.pause()
        loading.gate.set()
        await settle(pilot)
        assert ids(view) == ["<r3@list.example>"]
        assert view.place().collapsed == [], "nothing folded in its stead"


async def test_the_cursor_follows_by_message_id_when_the_thread_has_another_root(
    mailbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The preview's first message turned out to reply to a later one: in full,
    # the thread starts elsewhere, and every comment's state key changed.
    earlier_root = thread("t0", [reply("t1-as-reply", *full().comments)])
    monkeypatch.setattr(sys.modules[__name__], "full", lambda: earlier_root)
    state = open_db(tmp_path)
    loading = GatedLoading([mailbox])
    app = ReaderApp(loading, state=state)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        view = app.query_one(ThreadView)
        view.focus()
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert cursor_id(view) == "<r5@list.example>"
        loading.gate.set()
        await settle(pilot)
        assert ids(view)[0] == "<t1-as-reply@list.example>"
        assert cursor_id(view) == "<r5@list.example>"
    state.close()


async def test_the_full_version_after_earlier_threads_is_followed_in_the_list(
    mailbox: Path,
) -> None:
    mailbox_before[mailbox].extend([thread("t0", [reply("s1")]), thread("t00", [])])
    loading = GatedLoading([mailbox])
    app = ReaderApp(loading)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        articles = app.query_one("#articles", ArticleList)
        first_id = articles.id_at(0)
        loading.gate.set()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert [article.source_id for article in screen.store] == [
            "<t0@list.example>",
            "<t00@list.example>",
            "<t1@list.example>",
        ]
        assert articles.entry_count == 3
        assert articles.highlighted == 2, "the cursor follows the article that was open"
        assert screen.article is not None and screen.article.source_id == "<t1@list.example>"
        assert len(screen.article.comments) == 9
        # The preview's id is free again: the first article of the file has it.
        assert articles.id_at(0) == first_id


def open_db(folder: Path) -> State:
    state, warnings = open_state(folder / "state.db")
    assert state is not None and not warnings
    return state


async def test_an_unmoved_reader_lands_where_the_state_left_them_last_session(
    mailbox: Path, tmp_path: Path
) -> None:
    # Last session (its full version loaded): the cursor left on r4, which
    # the preview does not hold.
    state = open_db(tmp_path)
    app = ReaderApp(Loading([mailbox]), state=state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        view.go_to_comment(ids(view).index("<r4@list.example>"))
        await pilot.pause()
    state.close()

    state = open_db(tmp_path)
    loading = GatedLoading([mailbox])
    app = ReaderApp(loading, state=state)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        view = app.query_one(ThreadView)
        assert "<r4@list.example>" not in ids(view)
        loading.gate.set()
        await settle(pilot)
        await wait_for(pilot, lambda: cursor_id(view) == "<r4@list.example>", "the cursor on r4")
        articles = app.query_one("#articles", ArticleList)
        assert articles.opened == {articles.id_at(0)}, "opened this session: not unread"
    state.close()


async def test_a_search_of_the_list_holds_the_full_version(mailbox: Path) -> None:
    loading = GatedLoading([mailbox])
    app = ReaderApp(loading)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        articles = app.query_one("#articles", ArticleList)
        articles.focus()
        await pilot.press("slash", *"Thread", "enter")
        await pilot.pause()
        assert articles.narrowed and articles.entry_count == 1
        loading.gate.set()
        await settle(pilot)
        assert articles.narrowed and articles.entry_count == 1
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert articles.id_at(0) == screen.store.articles[0].id
        assert screen.article is screen.store.articles[0]
