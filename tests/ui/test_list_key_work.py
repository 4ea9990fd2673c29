"""A key in the article list costs the entries on screen, never the number of
articles: each entry on screen is looked up once a frame (not once a line),
the entries' styles are worked out once a frame, and nothing sorts, counts or
searches the whole list (issue 24's keys at 5,000 and 50,000 articles)."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from textual.app import App, ComposeResult

from reader.model import Article
from reader.store import DocumentStore
from reader.ui.articles.arrangement import Arrangement
from reader.ui.articles.list import ENTRY_HEIGHT, ArticleList
from reader.ui.articles.listing import Listing

from .scenes import wait_for

SIZE = (60, 20)
ON_SCREEN = SIZE[1] // ENTRY_HEIGHT
ARTICLES = 10_000


class ListApp(App[None]):
    """Only the list, full screen: 20 lines show 10 entries."""

    def compose(self) -> ComposeResult:
        yield ArticleList(DocumentStore(), id="articles")


@contextmanager
def counting(monkeypatch: pytest.MonkeyPatch, view: ArticleList) -> Iterator[Counter[str]]:
    """Count, while in the block, the list's lookups of entries, of their
    styles, and any arranging of the whole list."""
    calls: Counter[str] = Counter()

    def count(owner: object, name: str) -> None:
        real = getattr(owner, name)

        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)

    count(view.listing, "entry")
    count(view.listing, "arrange")
    count(view, "get_visual_style")
    count(view, "prompt_at")
    count(view, "render_lines")
    count(Arrangement, "rows")
    count(Listing, "index_of")
    yield calls
    monkeypatch.undo()


@pytest.mark.parametrize("key", ["pagedown", "G", "j", "pageup", "g"])
async def test_a_key_costs_the_entries_on_screen_once_each(
    monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleList)
        view.add_articles(
            [
                (Article(title=f"Article {n}", author="Ann", id=f"a{n}"), n % 9)
                for n in range(ARTICLES)
            ]
        )
        view.focus()
        view.highlighted = ARTICLES // 2
        await pilot.pause()
        with counting(monkeypatch, view) as calls:
            await pilot.press(key)
            await pilot.pause()
        assert view.highlighted != ARTICLES // 2, "the cursor moved"
        # A screenful of entries at most (one more where the view's edge cuts
        # one), each looked up once (the frame paints two lines an entry) and
        # rendered at most once (looked up again to say what it shows), and
        # the one the cursor went to, to tell the screen.
        assert calls["prompt_at"] <= ON_SCREEN + 1, calls
        assert calls["entry"] <= ON_SCREEN + 1 + calls["prompt_at"] + 1, calls
        # Three styles (an entry, the cursor's, the mouse's) a frame.
        assert 1 <= calls["render_lines"] <= 2, calls
        assert calls["get_visual_style"] <= 3 * calls["render_lines"], calls
        assert calls["arrange"] == calls["rows"] == calls["index_of"] == 0, calls


async def test_the_collector_waits_from_a_key_until_its_frame_is_made() -> None:
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleList)
        view.add_articles(
            [(Article(title=f"Article {n}", author="Ann", id=f"a{n}"), 1) for n in range(100)]
        )
        view.focus()
        view.highlighted = 0
        await pilot.pause()
        # Each paint: the first line it shows, and whether the collector runs.
        paints: list[tuple[int, bool]] = []
        render_lines = view.render_lines
        before = view.scroll_offset.y

        def painting(crop):  # type: ignore[no-untyped-def]
            paints.append((view.scroll_offset.y, gc.isenabled()))
            return render_lines(crop)

        view.render_lines = painting  # type: ignore[method-assign]
        assert gc.isenabled()
        await pilot.press("pagedown")
        # A loaded machine may paint the old page again first, or repaint later.
        await wait_for(
            pilot,
            lambda: any(top != before for top, _ in paints) and gc.isenabled(),
            "the key's frame, and the collector back",
        )
        key_frame = next(running for top, running in paints if top != before)
        assert not key_frame, "no collection while the key's frame is made"
        assert gc.isenabled(), "collecting again after it"
