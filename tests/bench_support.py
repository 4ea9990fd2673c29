"""What every section of the benchmark shares: the figure type, medians, the
pseudo-terminal timer and the load the app does. A section is a function
`(bench: Bench) -> list[Figure]`, best in its own module `tests/bench_<topic>.py`,
listed once in `tests/bench.py`'s SECTIONS."""

from __future__ import annotations

import fcntl
import gc
import os
import pty
import select
import statistics
import struct
import subprocess
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.collector import bulk_loading
from reader.model import Thread
from reader.store import DocumentStore
from tests.bench_corpus import Corpus, Shape
from tests.builders import load_one

SCREEN = (120, 40)
BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("ready")
        yield Footer()

Bare().run()
"""
# Every frame of both apps has the footer's command palette entry; its label is
# the marker, not its key: a footer cropped to the width writes `^` and `p` as
# two runs.
BARE_FRAME_MARKER = "palette"
# reader's first frame is the first with the footer and the first article's
# thread: the comments pane's title gives their count only once it shows them.
READER_FRAME_MARKERS = ("Commands", "Comments (")


@dataclass(frozen=True)
class Bench:
    """What a section gets: the generated corpora, their shape, how many runs
    each median takes, a scratch folder, and whether this is the quick run."""

    corpus: Corpus
    shape: Shape
    runs: int
    folder: Path
    quick: bool


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str
    ok: bool | None
    baseline: float | None = None
    ratio: float | None = None


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def mb(paths: list[Path]) -> float:
    return sum(path.stat().st_size for path in paths) / 1e6


def time_to_screen(
    command: list[str],
    *markers: str,
    timeout: float = 30,
    then: Callable[[int, int], None] | None = None,
) -> list[float]:
    """Seconds from spawning `command` in a pty until each marker has been
    written to it, in order.

    The pty is read as a terminal reads it, at once: the bytes are searched as
    they come (a marker is written whole: Textual writes a line's text runs
    unbroken), not first fed to a terminal emulator in Python, which took 2 to
    3 ms a 4 kB read, the app's writes waiting meanwhile, so a command that
    draws more (reader's first frame: some 40 kB, the bare app's 13) was timed
    slower for the emulator's sake. The command is started with `subprocess`
    (a `vfork`), not `pexpect` (a `fork`, which copies this process's page
    tables: by the later sections it holds some 2 GB of corpora, some 45 ms a
    start), and this process's collector is paused meanwhile (its collections
    of those corpora were timed as the command's). `then`, if given, is called
    with the pty and the command's pid once every marker is seen, before the
    command is ended (to type keys, to read its memory)."""
    columns, lines = SCREEN
    env = {**os.environ, "TERM": "xterm-256color"}
    wanted = [marker.encode() for marker in markers]
    collecting = gc.isenabled()
    gc.disable()
    terminal, child_end = pty.openpty()
    fcntl.ioctl(child_end, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    start = time.perf_counter()
    child = subprocess.Popen(
        command, stdin=child_end, stdout=child_end, stderr=child_end, env=env,
        start_new_session=True,
    )  # fmt: skip
    os.close(child_end)
    written = bytearray()
    seen: list[float] = []
    try:
        while len(seen) < len(markers):
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"{command} never showed {markers[len(seen)]!r}")
            if not select.select([terminal], [], [], 0.01)[0]:
                continue
            try:
                written += os.read(terminal, 1 << 16)
            except OSError:  # the command has ended
                raise RuntimeError(f"{command} ended before {markers[len(seen)]!r}") from None
            now = time.perf_counter()
            while len(seen) < len(markers) and wanted[len(seen)] in written:
                seen.append(now - start)
        if then is not None:
            then(terminal, child.pid)
    finally:
        child.kill()
        child.wait()
        os.close(terminal)
        if collecting:
            gc.enable()
    return seen


def load_into_store(paths: list[Path]) -> float:
    """Load as the app does: parse, index and register each file, the cyclic
    collector paused for the whole load (its final collection included)."""
    start = time.perf_counter()
    store = DocumentStore()
    with bulk_loading():
        for path in paths:
            store.add(load_one(path), path.stem)
    return time.perf_counter() - start


def table(figures: list[Figure], enforce: bool, markdown: bool = False) -> str:
    """The figures as a text table, or as Markdown (`--markdown`, for the README)."""
    rows = [("figure", "median", "target", "baseline", "ratio", "")]
    for figure in figures:
        verdict = "" if figure.ok is None else ("ok" if figure.ok else "MISS")
        rows.append(
            (
                figure.name,
                f"{figure.value:,.1f} {figure.unit}",
                figure.target,
                "" if figure.baseline is None else f"{figure.baseline:,.1f} {figure.unit}",
                "" if figure.ratio is None else f"{figure.ratio:.2f}x",
                verdict if enforce else verdict.lower(),
            )
        )
    if markdown:
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + "---|" * len(rows[0]))
        return "\n".join(lines)
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


async def resize_ms(pilot: Any, paint: Callable[[], None], runs: int) -> float:
    """Median process time, in ms, of resizing the terminal (to 200x50 and back to
    `SCREEN`, alternately) with all of Textual's relayout and our repaint."""

    async def resize(size: tuple[int, int]) -> float:
        start = time.process_time()
        await pilot.resize_terminal(*size)
        await pilot.pause()
        paint()
        return time.process_time() - start

    resizes = []
    for _ in range(runs):
        resizes.append(await resize((200, 50)))
        resizes.append(await resize(SCREEN))
    return statistics.median(resizes) * 1000


# The thread view's keys, by the action each runs.
THREAD_KEYS = {
    "j": "cursor_down",
    "k": "cursor_up",
    "space": "toggle",
    "h": "collapse",
    "l": "expand",
    "p": "parent",
    "J": "next_sibling",
    "K": "previous_sibling",
    "]": "next_top_level",
    "[": "previous_top_level",
    "g": "first",
    "G": "last",
    "pagedown": "page_down",
}


def typical_comment(thread: Thread) -> int:
    """A comment from the middle of the thread that every key has work to do on:
    it has replies, a parent, and siblings on both sides."""
    for index in range(len(thread) // 2, len(thread)):
        parent = thread.parents[index]
        if (
            thread.descendant_count(index)
            and parent >= 0
            and thread.next_sibling(index) is not None
            and thread.previous_sibling(index) is not None
        ):
            return index
    raise ValueError("no typical comment in the second half of the thread")


def open_seconds(view: Any, thread: Any, paint: Callable[[], None]) -> float:
    """Wall time to show `thread` in the thread view, painted, from no thread."""
    view.thread = None
    paint()
    start = time.perf_counter()
    view.thread = thread
    paint()
    return time.perf_counter() - start


def key_costs(view: Any, thread: Any, paint: Callable[[], None], runs: int) -> dict[str, float]:
    """Median process time, in ms, of each of `THREAD_KEYS` plus the repaint, the
    cursor put each time on the thread's `typical_comment`."""
    view.thread = thread
    paint()
    middle = typical_comment(thread)
    costs: dict[str, list[float]] = {key: [] for key in THREAD_KEYS}
    for _ in range(runs):
        for key, action in THREAD_KEYS.items():
            view.cursor = middle
            paint()
            costs[key].append(repaint_cost(getattr(view, f"action_{action}"), paint))
            if key in ("space", "h"):
                view.action_expand_all()
    return {key: statistics.median(values) * 1000 for key, values in costs.items()}


def painter(view: Any) -> Callable[[], None]:
    """Renders `view`'s visible region, as a repaint after a key would."""
    from textual.geometry import Region

    def paint() -> None:
        view.render_lines(Region(0, 0, view.size.width, view.size.height))

    return paint


def repaint_cost(action: Callable[[], object], paint: Callable[[], None]) -> float:
    """Process time, in seconds, of `action` and the repaint after it."""
    start = time.process_time()
    action()
    paint()
    return time.process_time() - start
