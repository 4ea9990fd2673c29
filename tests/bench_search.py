"""The benchmark's `search` section: searching the XL thread (100,000 comments).

- Finding: the first match shown, every match counted and shown, a regex
  against Python's `re` over the same text (headless, wall clock: the work is
  all on one thread).
- `n` / `N` with a query of about 100,000 matches against one of about 100:
  `time.process_time()` around the action plus a repaint of the visible region.
- One typed character to its echo in the search bar while the previous query's
  count is still running, in a real pseudo-terminal (`python -m reader`, read
  through pyte): from sending the key until the bar shows it, typed at a
  person's pace (the target) and back to back (Textual's frame clock, see
  `_echo_figures`); the baseline is a bare Textual app's Input, timed the same
  way in the same run.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import statistics
import sys
import time
from collections.abc import Callable

import pexpect
import pyte

from reader.loading import Loading
from reader.search import Query
from reader.ui.thread_matches import ThreadMatches
from tests.bench_corpus import RARE_WORD
from tests.bench_support import SCREEN, Bench, Figure, median_of, painter, repaint_cost

# About 100,000 matches in the XL thread (10,000 in the quick one), and about 100
# (135 in the full XL thread, a handful in the quick one).
MANY = "in"
FEW = "and café"
# The query typed in the pty: its first letter alone matches most comments, so
# its count is still running when the second letter is typed.
TYPED = "in"
# Typed for reference: no letter of it is in the corpus, so nothing is counted.
UNMATCHED = "xq"


def search_figures(bench: Bench) -> list[Figure]:
    figures = asyncio.run(_headless_figures(bench))
    figures.extend(_echo_figures(bench))
    return figures


async def _headless_figures(bench: Bench) -> list[Figure]:

    from reader.ui.app import ReaderApp
    from reader.ui.widgets.thread_pane import ThreadPane

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
        for chunk in store._thread_text[article_id]._chunks:
            chunk._folded = chunk._byte_starts = None

    def first_match(text: str, cold: bool = True) -> float:
        if cold:
            fresh()
        start = time.perf_counter()
        match = next(store.search_thread(article_id, Query(text)))
        view.set_matches(ThreadMatches([match]), match)
        view.go_to_match(match)
        paint()
        return time.perf_counter() - start

    def all_matches(text: str) -> float:
        start = time.perf_counter()
        matches = ThreadMatches(store.search_thread(article_id, Query(text)))
        view.set_matches(matches, matches[0] if len(matches) else None)
        paint()
        return time.perf_counter() - start

    common_first = median_of(runs, lambda: first_match("coalition")) * 1000
    rare_first = median_of(runs, lambda: first_match(RARE_WORD)) * 1000
    rare_again = median_of(runs, lambda: first_match(RARE_WORD, cold=False)) * 1000
    common_all = median_of(runs, lambda: all_matches("coalition")) * 1000
    view.set_matches(ThreadMatches(), None)
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


# One typed character to its echo, in a real terminal ------------------------------

# The floor: a bare Textual app with the same one-line bar, its Input focused.
BARE_INPUT_APP = """
from textual.app import App
from textual.containers import Horizontal
from textual.widgets import Footer, Input, Label

class Bare(App):
    CSS = '''
    Horizontal { height: 1; }
    Input { border: none; height: 1; width: 1fr; padding: 0; }
    #prompt { padding: 0 0 0 1; }
    #toggle { padding: 0 1; }
    '''

    def compose(self):
        with Horizontal():
            yield Label("/", id="prompt")
            yield Input(placeholder="search")
            yield Label(".*", id="toggle")
        yield Footer()

Bare().run()
"""


class _Pty:
    """A command in a pseudo-terminal of the benchmark's size, read through pyte."""

    def __init__(self, command: list[str]) -> None:
        columns, lines = SCREEN
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        env = {**os.environ, "TERM": "xterm-256color"}
        self.child = pexpect.spawn(command[0], command[1:], dimensions=(lines, columns), env=env)
        # pexpect waits 50 ms before each send by default: not part of an echo.
        self.child.delaybeforesend = None

    def read(self, timeout: float) -> None:
        with contextlib.suppress(pexpect.TIMEOUT):
            self.stream.feed(self.child.read_nonblocking(1 << 16, timeout=timeout))

    def wait_for(self, needle: str, timeout: float = 120) -> None:
        start = time.perf_counter()
        while needle not in "\n".join(self.screen.display):
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"never saw {needle!r} on screen")
            self.read(0.05)

    def pause(self, seconds: float) -> None:
        """Wait `seconds`, reading the screen meanwhile, as a person between keys."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            self.read(min(left, 0.005))

    def bar_line(self, text: str) -> str | None:
        """The bar's line if it shows exactly `text` typed (the `.*` toggle follows it)."""
        bar = re.compile(rf" /{re.escape(text)}\s+\.\*")
        return next((line for line in self.screen.display if bar.search(line)), None)

    def bar_shows(self, text: str) -> bool:
        return self.bar_line(text) is not None

    def time_to_echo(self, key: str, text: str, timeout: float = 10) -> float:
        """Seconds from sending `key` until the bar shows `text`."""
        start = time.perf_counter()
        self.child.send(key)
        while not self.bar_shows(text):
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"the search bar never showed {text!r}")
            self.read(0.002)
        return time.perf_counter() - start

    def close(self) -> None:
        self.child.terminate(force=True)


# Typed "at a person's pace": each key this long after the previous one's echo.
PACE = 0.1


def _echo_figures(bench: Bench) -> list[Figure]:
    """One typed character to its echo, in two protocols, each against a bare
    Textual Input's echo timed the same way in the same run.

    Back to back: each key is sent as soon as the previous one's echo is seen.
    Textual paints on a timer that ticks on a fixed grid of 1/60 s and waits
    for the next tick when a frame was painted less than a period ago; a key
    sent 2 ms after the echo frame therefore waits about 15 ms for a tick in
    any app, the bare one included: this protocol measures Textual's frame
    clock more than the app (reported, with its ratio to the bare Input).

    At a person's pace: each key is sent `PACE` after the previous echo, so
    that the timer is idle when the key arrives, as when a person types; the
    bare Input then echoes in a few milliseconds. This is the target row. In
    the app each key is typed while the previous query's count runs (the
    second letter of `in` while `i`'s count of most comments runs, the
    backspace while `in`'s runs): before each key the bench checks that the
    bar still says the count is going on (`1/24577…`, the ellipsis), and fails
    if it does not, so that the row measures typing during a count. (Not
    checked with --quick: the quick XL thread counts in less than `PACE`.)

    For reference, the same keys back to back for a query with no match: the
    app's echo when no count runs."""
    bare_script = bench.folder / "bare_input.py"
    bare_script.write_text(BARE_INPUT_APP, encoding="utf-8")
    samples = 2 * bench.runs
    bare = _Pty([sys.executable, str(bare_script)])
    try:
        bare.wait_for("search")
        floor: list[float] = []
        paced_floor: list[float] = []
        for _ in range(samples):
            floor.append(bare.time_to_echo(TYPED[0], TYPED[0]))
            floor.append(bare.time_to_echo("\x7f", "search"))
        for _ in range(samples):
            bare.pause(PACE)
            paced_floor.append(bare.time_to_echo(TYPED[0], TYPED[0]))
            bare.pause(PACE)
            paced_floor.append(bare.time_to_echo("\x7f", "search"))
    finally:
        bare.close()
    echoes: list[float] = []
    paced: list[float] = []
    unmatched: list[float] = []
    terminal = _Pty([sys.executable, "-m", "reader", str(bench.corpus.xl_txt)])

    def typed_while_counting(key: str, before: str, after: str) -> float:
        """`key` typed `PACE` after the echo of `before`, whose count must still run."""
        terminal.pause(PACE)
        # What follows the toggles: the status, then the pane's border.
        status = (terminal.bar_line(before) or ".*").split(".*", 1)[1]
        if not bench.quick and "…" not in status:
            raise RuntimeError(
                f"the count of {before!r} was over before the next key: {status!r}; "
                "this row must measure typing while a count runs"
            )
        return terminal.time_to_echo(key, after)

    try:
        terminal.wait_for("1 article")
        terminal.child.send("\t\t/")
        terminal.wait_for(" /search")
        # The first search of a session folds the thread's text: not timed.
        terminal.time_to_echo(TYPED[0], TYPED[0])
        terminal.wait_for("/" + TYPED[0])
        terminal.pause(1)
        terminal.time_to_echo("\x7f", "search")
        for _ in range(samples):
            terminal.time_to_echo(TYPED[0], TYPED[0])
            echoes.append(terminal.time_to_echo(TYPED[1], TYPED))
            echoes.append(terminal.time_to_echo("\x7f", TYPED[0]))
            terminal.time_to_echo("\x7f", "search")
            terminal.time_to_echo(UNMATCHED[0], UNMATCHED[0])
            unmatched.append(terminal.time_to_echo(UNMATCHED[1], UNMATCHED))
            unmatched.append(terminal.time_to_echo("\x7f", UNMATCHED[0]))
            terminal.time_to_echo("\x7f", "search")
        for _ in range(samples):
            terminal.pause(PACE)
            terminal.time_to_echo(TYPED[0], TYPED[0])
            paced.append(typed_while_counting(TYPED[1], TYPED[0], TYPED))
            paced.append(typed_while_counting("\x7f", TYPED, TYPED[0]))
            terminal.pause(PACE)
            terminal.time_to_echo("\x7f", "search")
    finally:
        terminal.close()
    echo = statistics.median(echoes) * 1000
    bare_echo = statistics.median(floor) * 1000
    paced_echo = statistics.median(paced) * 1000
    paced_bare = statistics.median(paced_floor) * 1000
    quiet = statistics.median(unmatched) * 1000
    return [
        Figure(
            f"XL search bar: a character typed {PACE * 1000:.0f} ms after the last echo, "
            f"to its echo, while counting ({TYPED!r}, pty)",
            paced_echo,
            "ms",
            "<= 16 ms",
            paced_echo <= 16,
            paced_bare,
            paced_echo / paced_bare,
        ),
        Figure(
            f"XL search bar: the same typed back to back (Textual's frame clock; {TYPED!r}, pty)",
            echo,
            "ms",
            "report",
            None,
            bare_echo,
            echo / bare_echo,
        ),
        Figure(
            f"XL search bar: back to back, no match so no count ({UNMATCHED!r}, pty)",
            quiet,
            "ms",
            "report",
            None,
            bare_echo,
            quiet / bare_echo,
        ),
    ]
