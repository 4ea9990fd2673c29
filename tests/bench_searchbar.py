"""The benchmark's `searchbar` section: the UI thread's work per keystroke in
the search bar on the XL thread, counted and timed on that thread alone.

The echo of a key waits behind whatever the UI thread does for the key before
it, so each keystroke should leave it as little as a bare Input does: no
relayout of the screen (each is one of every widget), and no comment painted
again when nothing was highlighted before or after (a query typed on with no
match). Headless; `time.thread_time()` of the UI thread (the test's own: Pilot
runs the app there) around the key and the frame it causes, so a search worker
on the other core is not counted, nor is the machine's load."""

from __future__ import annotations

import asyncio
import statistics
import time

from reader.loading import Loading
from tests.bench_support import SCREEN, Bench, Figure
from tests.ui.textual_probe import on_layouts

# No letter of these is in the corpus: every keystroke is a search that finds nothing.
UNMATCHED = "xqzxqzxqzxqz"


def searchbar_section(bench: Bench) -> list[Figure]:
    return asyncio.run(_keystroke_figures(bench))


async def _keystroke_figures(bench: Bench) -> list[Figure]:
    from reader.ui.app import ReaderApp
    from reader.ui.thread.pane import ThreadPane

    relayouts = 0

    def counting_relayout(screen: object) -> None:
        nonlocal relayouts
        relayouts += 1

    app = ReaderApp(Loading([bench.corpus.xl_txt]))
    async with app.run_test(size=SCREEN) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = app.screen.query_one(ThreadPane)
        pane.thread_view.focus()
        await pilot.press("slash", UNMATCHED[0])
        await app.workers.wait_for_complete()
        await pilot.pause()
        on_layouts(app.screen, counting_relayout)
        costs = []
        for character in UNMATCHED[1:]:
            start = time.thread_time()
            await pilot.press(character)
            await app.workers.wait_for_complete()
            await pilot.pause()
            costs.append(time.thread_time() - start)
        assert pane.counter == "no matches", pane.counter
        keys = len(UNMATCHED) - 1
    cost = statistics.median(costs) * 1000
    return [
        Figure(
            "XL search bar: screen relayouts per keystroke (no match)",
            relayouts / keys,
            "",
            "0",
            relayouts == 0,
        ),
        Figure(
            "XL search bar: UI-thread CPU per keystroke and its frame (no match)",
            cost,
            "ms",
            "report",
            None,
        ),
    ]
