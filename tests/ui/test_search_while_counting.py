"""`n` / `N` while a search is still counting its matches (a big thread): the
matches not handed over yet are not known, so there is nothing to wrap past;
saying "search wrapped" then would be wrong."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from reader.search.query import Match, Query
from reader.ui.thread.pane import ThreadPane

from .conftest import make_app, record_notifications
from .scenes import settle


async def test_next_match_while_counting_does_not_claim_to_wrap() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab")
        pane = app.screen.query_one(ThreadPane)
        finish = threading.Event()
        find = pane.target.find

        def slow_find(query: Query) -> Iterator[Match]:
            """The real matches, but the rest only once the test says so."""
            found = find(query)
            yield next(found)
            finish.wait(timeout=10)
            yield from found

        pane.target.find = slow_find  # type: ignore[method-assign]
        notes = record_notifications(app)
        await pilot.press("slash", *"aleppo", "enter")
        await pilot.pause()
        assert pane.bar.search_query.text == "aleppo" and pane.counter == "1/1…"
        await pilot.press("n", "N")
        messages = [note["message"] for note in notes]
        assert not any("wrapped" in message for message in messages), messages
        assert pane.counter == "1/1…"
        finish.set()
        await settle(pilot)
        assert pane.counter == "1/2"
