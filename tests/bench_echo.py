"""The benchmark's `echo` section: one typed character to its echo in the
search bar on the XL thread while the previous query's count still runs, in a
real pseudo-terminal (`python -m reader`, read through pyte), from sending the
key until the bar shows it; the baseline is a bare Textual app's Input, timed
the same way in the same run. The protocols are explained in `echo_figures`.
"""

from __future__ import annotations

import contextlib
import os
import re
import statistics
import sys
import time

import pexpect
import pyte

from tests.bench_support import SCREEN, Bench, Figure

# The query typed: its first letter alone matches most comments, so its count
# is still running when the second letter is typed.
TYPED = "in"
# Typed for reference: no letter of it is in the corpus, so nothing is found
# (the thread is still searched through, but no count is shown growing).
UNMATCHED = "xq"

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


def echo_figures(bench: Bench) -> list[Figure]:
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
