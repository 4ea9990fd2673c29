"""The benchmark's `search` section: searching the XL thread (100,000 comments).

- Finding: the first match shown, every match counted and shown, a regex
  against Python's `re` over the same text (headless, wall clock: the work is
  all on one thread).
- `n` / `N` with a query of about 100,000 matches against one of about 100:
  `time.process_time()` around the action plus a repaint of the visible region.

The search bar's echo while a count runs is the `echo` section (tests/bench_echo.py).
"""

from __future__ import annotations

import asyncio
import re
import statistics
import time
from collections.abc import Callable

from reader.loading import Loading
from reader.search.query import Query
from reader.ui.search.target import FixedSearch
from reader.ui.thread.matches import ThreadMatches
from tests.bench_corpus import RARE_WORD
from tests.bench_support import SCREEN, Bench, Figure, median_of, painter, repaint_cost

# About 100,000 matches in the XL thread (10,000 in the quick one), and about 100
# (135 in the full XL thread, a handful in the quick one).
MANY = "in"
FEW = "and café"


def search_figures(bench: Bench) -> list[Figure]:
    return asyncio.run(_headless_figures(bench))


async def _headless_figures(bench: Bench) -> list[Figure]:

    from reader.ui.app import ReaderApp
    from reader.ui.thread.pane import ThreadPane

    app = ReaderApp(Loading([bench.corpus.xl_txt]))
    async with app.run_test(size=SCREEN) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        store = app.store
        article_id = store.articles[0].id
        pane = app.screen.query_one(ThreadPane)
        view = pane.thread_view
        view.focus()
        await pilot.pause()

        paint = painter(view)

        figures = _finding_figures(store, article_id, view, paint, bench.runs)

        async def step_costs(text: str) -> tuple[int, float, float]:
            pane.start_search(Query(text))
            await app.workers.wait_for_complete()
            await pilot.pause()
            pane.bar.close()
            view.focus()
            await pilot.pause()

            def key(action: Callable[[], None]) -> float:
                costs = []
                for _ in range(10 * bench.runs):
                    costs.append(repaint_cost(action, paint))
                return statistics.median(costs) * 1000

            return len(pane.matches), key(pane.action_next_match), key(pane.action_previous_match)

        many, many_next, many_previous = await step_costs(MANY)
        few, few_next, few_previous = await step_costs(FEW)
        pane.end_search()
        for key, large, small in (("n", many_next, few_next), ("N", many_previous, few_previous)):
            ratio = large / small if small else 1.0
            figures.append(
                Figure(
                    f"XL search: {key!r} + repaint, {many:,} matches (vs {few:,})",
                    large,
                    "ms",
                    "<= 10 ms, <= 1.5x",
                    large <= 10 and ratio <= 1.5,
                    small,
                    ratio,
                )
            )
    return figures


def _finding_figures(store, article_id: str, view, paint, runs: int) -> list[Figure]:  # type: ignore[no-untyped-def]
    def fresh() -> None:
        """The thread as loaded: no chunk of its search text folded yet (the
        first search of a session folds the chunks it reaches, then keeps them)."""
        store.forget_folded()

    def first_match(text: str, cold: bool = True) -> float:
        if cold:
            fresh()
        start = time.perf_counter()
        match = next(store.search_thread(article_id, Query(text)))
        view.show_matches(FixedSearch(ThreadMatches([match]), match))
        view.go_to(match)
        paint()
        return time.perf_counter() - start

    def all_matches(text: str) -> float:
        start = time.perf_counter()
        matches = ThreadMatches(store.search_thread(article_id, Query(text)))
        view.show_matches(FixedSearch(matches, matches[0] if len(matches) else None))
        paint()
        return time.perf_counter() - start

    common_first = median_of(runs, lambda: first_match("coalition")) * 1000
    rare_first = median_of(runs, lambda: first_match(RARE_WORD)) * 1000
    rare_again = median_of(runs, lambda: first_match(RARE_WORD, cold=False)) * 1000
    common_all = median_of(runs, lambda: all_matches("coalition")) * 1000
    view.show_matches(FixedSearch(ThreadMatches(), None))
    thread = store.thread(article_id)
    text = "\n".join(paragraph for comment in thread.comments for paragraph in comment.text)
    pattern = r"\b\w+ing\b"
    compiled = re.compile(pattern)

    def bare_regex() -> float:
        start = time.perf_counter()
        compiled.findall(text)
        return time.perf_counter() - start

    def our_regex() -> float:
        start = time.perf_counter()
        list(store.search_thread(article_id, Query(pattern, regex=True)))
        return time.perf_counter() - start

    bare = median_of(runs, bare_regex)
    ours = median_of(runs, our_regex)
    return [
        Figure(
            "XL search, first of the session: first match shown (common word)",
            common_first,
            "ms",
            "<= 50 ms",
            common_first <= 50,
        ),
        Figure(
            "XL search, first of the session: first match shown (last comment)",
            rare_first,
            "ms",
            "<= 50 ms",
            rare_first <= 50,
        ),
        Figure(
            "XL search, text folded: first match shown (last comment)",
            rare_again,
            "ms",
            "report",
            None,
        ),
        Figure(
            "XL search: every match counted, shown",
            common_all,
            "ms",
            "<= 300 ms",
            common_all <= 300,
        ),
        Figure(
            "XL search: regex, all matches",
            ours * 1000,
            "ms",
            "<= 2x Python re",
            ours / bare <= 2,
            bare * 1000,
            ours / bare,
        ),
    ]
