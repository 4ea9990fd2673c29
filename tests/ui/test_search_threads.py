"""Search workers get what they search captured on the UI thread: the pane picks
its document there, and the worker only runs the store's lazy search."""

from __future__ import annotations

import threading

import pytest

from reader.ui.articles.pane import ArticlesPane
from reader.ui.body.pane import BodyPane
from reader.ui.thread.pane import ThreadPane

from .conftest import make_app
from .scenes import settle


@pytest.mark.parametrize(
    ("pane", "keys"),
    [(ArticlesPane, ()), (BodyPane, ("enter",)), (ThreadPane, ("enter", "c"))],
)
async def test_each_pane_picks_what_to_search_on_the_ui_thread(
    pane: type, keys: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    find = pane.find

    def recording(self, query):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return find(self, query)

    monkeypatch.setattr(pane, "find", recording)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press(*keys, "slash", *"mosul")
        await settle(pilot)
        assert app.main_screen.query_one(pane).matches, "the search found something"
    assert threads and all(thread is threading.main_thread() for thread in threads)
