"""The start-up figures: the real command in a pseudo-terminal, against a bare
Textual app (Header, Static, Footer) started the same way, interleaved run by run.

Both sides start from compiled bytecode, as an installed reader does (`pip
install` compiles it; Textual's in the virtualenv is compiled already): with
`PYTHONDONTWRITEBYTECODE` set, as in CI, reader's ~70 modules would otherwise be
compiled from source in every run and the figures would time the compiler. That
cost is still shown, as a figure without a target, so that it is not hidden.
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import sys
from pathlib import Path

import reader
from tests.bench_support import (
    BARE_APP,
    BARE_FRAME_MARKER,
    READER_FRAME_MARKERS,
    Bench,
    Figure,
    time_to_screen,
)

PACKAGE = Path(reader.__file__).resolve().parent


def startup_figures(bench: Bench) -> list[Figure]:
    corpus, runs = bench.corpus, bench.runs
    bare_script = bench.folder / "bare_app.py"
    bare_script.write_text(BARE_APP, encoding="utf-8")
    python = sys.executable
    bare, seeds, fresh, large_first, large_all = [], [], [], [], []
    large_dir = str(corpus.large_txt[0].parent)
    loaded_marker = f"{len(corpus.large_txt)} articles"
    compileall.compile_dir(PACKAGE, quiet=1)
    for run in range(runs):
        # Interleaved, so that machine noise hits both sides alike.
        bare.extend(time_to_screen([python, str(bare_script)], BARE_FRAME_MARKER))
        seeds.append(time_to_screen([python, "-m", "reader"], *READER_FRAME_MARKERS)[-1])
        fresh.append(_fresh_state_first_frame(python, bench.folder / f"fresh-state-{run}"))
        *_, first, everything = time_to_screen(
            [python, "-m", "reader", large_dir], *READER_FRAME_MARKERS, loaded_marker
        )
        large_first.append(first)
        large_all.append(everything)
    from_source = _seeds_from_source(python, runs)
    bare_median = statistics.median(bare)
    seeds_ratio = statistics.median(seeds) / bare_median
    fresh_ratio = statistics.median(fresh) / bare_median
    large_ratio = statistics.median(large_first) / bare_median
    return [
        Figure("bare Textual app: first frame", bare_median * 1000, "ms", "baseline", None),
        Figure(
            "start-up S: first frame",
            statistics.median(seeds) * 1000,
            "ms",
            "<= 1.3x bare",
            seeds_ratio <= 1.3,
            bare_median * 1000,
            seeds_ratio,
        ),
        Figure(
            "start-up S, fresh state folder: first frame",
            statistics.median(fresh) * 1000,
            "ms",
            "<= 1.3x bare",
            fresh_ratio <= 1.3,
            bare_median * 1000,
            fresh_ratio,
        ),
        Figure(
            "start-up L: first frame",
            statistics.median(large_first) * 1000,
            "ms",
            "<= 1.4x bare",
            large_ratio <= 1.4,
            bare_median * 1000,
            large_ratio,
        ),
        Figure(
            "start-up L: all articles listed",
            statistics.median(large_all) * 1000,
            "ms",
            "<= 1200 ms",
            statistics.median(large_all) <= 1.2,
        ),
        Figure(
            "start-up S, reader compiled from source",
            from_source * 1000,
            "ms",
            "(no target)",
            None,
            bare_median * 1000,
            from_source / bare_median,
        ),
    ]


def _fresh_state_first_frame(python: str, folder: Path) -> float:
    """The seeds' first frame with a state folder of its own, empty: as a new
    user starts (the database made, its schema written), where the other runs
    share one made by the first."""
    warm = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(folder)
    try:
        return time_to_screen([python, "-m", "reader"], *READER_FRAME_MARKERS)[-1]
    finally:
        if warm is None:
            del os.environ["XDG_STATE_HOME"]
        else:
            os.environ["XDG_STATE_HOME"] = warm


def _seeds_from_source(python: str, runs: int) -> float:
    """The seeds' first frame with no bytecode of reader's (a source checkout run
    with `PYTHONDONTWRITEBYTECODE`): the median of fewer runs, for information."""
    for cache in PACKAGE.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    times = [
        time_to_screen([python, "-B", "-m", "reader"], *READER_FRAME_MARKERS)[-1]
        for _ in range(max(1, runs // 2))
    ]
    # Compiled again: the sections after this one time the installed reader too
    # (left without bytecode, the list's start-up figures timed the compiler).
    compileall.compile_dir(PACKAGE, quiet=1)
    return statistics.median(times)
