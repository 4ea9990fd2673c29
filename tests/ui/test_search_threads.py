"""Search workers get what they search captured on the UI thread: the pane's
view (its search target) picks its document there, and the worker only runs
the store's lazy search."""

from __future__ import annotations

import threading

import pytest

from reader.ui.articles.list import ArticleList
from reader.ui.articles.pane import ArticlesPane
from reader.ui.body.pane import BodyPane
from reader.ui.body.view import ArticleBody
from reader.ui.thread.pane import ThreadPane
from reader.ui.thread.view import ThreadView

from .conftest import make_app
from .scenes import settle


@pytest.mark.parametrize(
    ("pane", "view", "keys"),
    [
        (ArticlesPane, ArticleList, ()),
        (BodyPane, ArticleBody, ("enter",)),
        (ThreadPane, ThreadView, ("enter", "c")),
    ],
)
async def test_each_pane_picks_what_to_search_on_the_ui_thread(
    pane: type, view: type, keys: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    find = view.find

    def recording(self, query):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return find(self, query)

    monkeypatch.setattr(view, "find", recording)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press(*keys, "slash", *"mosul")
        await settle(pilot)
        assert app.main_screen.query_one(pane).matches, "the search found something"
    assert threads and all(thread is threading.main_thread() for thread in threads)
