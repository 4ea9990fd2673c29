"""The performance benchmark: is reader still instant on huge threads and corpora?

    python tests/bench.py            # the full run, targets enforced (exit 1 on a miss)
    python tests/bench.py --quick    # small corpora, a smoke run: targets not enforced
                                     # (either run exits 1 when a section fails)
    python tests/bench.py --json     # machine-readable figures
    python tests/bench.py --markdown # the table as Markdown, for the README

Corpora are generated deterministically (tests/bench_corpus.py): S, the bundled
seeds; L, 100 articles x 1,000 comments in seed text (and the same in YAML); XL,
one article with 100,000 comments. Every figure is the median of several runs.
Start-up is timed in a real pseudo-terminal, to the first painted frame,
against a bare Textual app (Header, Static, Footer) started the same way in
the same run. Key handling is timed with `time.process_time()` around the
action plus the repaint of the visible region, not with wall-clock
`pilot.press()`, which sleeps on purpose.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.formats.loader import bundled_seeds  # noqa: E402
from reader.loading import Loading  # noqa: E402
from reader.model import Thread  # noqa: E402
from tests.bench_archive import archive_figures  # noqa: E402
from tests.bench_body import body_figures  # noqa: E402
from tests.bench_corpus import FULL, QUICK, Corpus, Shape, generate  # noqa: E402
from tests.bench_echo import echo_figures  # noqa: E402
from tests.bench_feeds import feed_figures  # noqa: E402
from tests.bench_hostile import hostile_section  # noqa: E402
from tests.bench_list import list_figures  # noqa: E402
from tests.bench_mailstream import mailstream_figures  # noqa: E402
from tests.bench_memory import memory_section, million_section  # noqa: E402
from tests.bench_rich import rich_section  # noqa: E402
from tests.bench_search import search_figures  # noqa: E402
from tests.bench_searchbar import searchbar_section  # noqa: E402
from tests.bench_sites import site_figures  # noqa: E402
from tests.bench_startup import startup_figures  # noqa: E402
from tests.bench_support import (  # noqa: E402
    SCREEN,
    THREAD_KEYS,
    Bench,
    Figure,
    key_costs,
    load_into_store,
    mb,
    median_of,
    open_seconds,
    painter,
    repaint_cost,
    resize_ms,
    table,
    typical_comment,
)
from tests.bench_web import web_figures  # noqa: E402
from tests.bench_web_keys import keys_while_fetching_figures  # noqa: E402
from tests.bench_web_many import many_urls_figures  # noqa: E402
from tests.builders import load_one  # noqa: E402

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Loading ----------------------------------------------------------------------


def bare_yaml_load(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    return time.perf_counter() - start


def load_figures(corpus: Corpus, runs: int) -> list[Figure]:
    text_seconds = median_of(runs, lambda: load_into_store(corpus.large_txt))
    throughput = mb(corpus.large_txt) / text_seconds
    ours = median_of(runs, lambda: load_into_store(corpus.large_yaml))
    bare = median_of(runs, lambda: bare_yaml_load(corpus.large_yaml))
    return [
        Figure(
            "load L, seed text (into the store)", throughput, "MB/s", ">= 15 MB/s", throughput >= 15
        ),
        Figure(
            "load L, YAML (into the store)",
            ours * 1000,
            "ms",
            "<= 1.25x bare yaml.load",
            ours / bare <= 1.25,
            bare * 1000,
            ours / bare,
        ),
    ]


# The thread view, headless -------------------------------------------------------


async def thread_figures(corpus: Corpus, runs: int) -> list[Figure]:

    from reader.ui.app import ReaderApp
    from reader.ui.thread.view import ThreadView

    app = ReaderApp(Loading([corpus.thousand_txt, corpus.xl_txt]))
    figures: list[Figure] = []
    async with app.run_test(size=SCREEN) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        store = app.store
        thousand, xl = (store.thread(article.id) for article in store.articles)
        view = app.query_one(ThreadView)
        view.focus()
        await pilot.pause()

        paint = painter(view)

        open_ms = median_of(runs, lambda: open_seconds(view, xl, paint)) * 1000
        figures.append(
            Figure("XL: open the thread, painted", open_ms, "ms", "<= 150 ms", open_ms <= 150)
        )

        small = key_costs(view, thousand, paint, runs)
        large = key_costs(view, xl, paint, runs)
        for key in THREAD_KEYS:
            ratio = large[key] / small[key] if small[key] else 1.0
            ok = large[key] <= 10 and (ratio <= 1.5 or large[key] - small[key] <= 1.0)
            figures.append(
                Figure(
                    f"XL: key {key!r} + repaint",
                    large[key],
                    "ms",
                    "<= 10 ms, <= 1.5x 1k",
                    ok,
                    small[key],
                    ratio,
                )
            )

        view.thread = xl
        paint()

        def fold_all() -> float:
            cost = repaint_cost(view.action_collapse_all, paint)
            return max(cost, repaint_cost(view.action_expand_all, paint))

        folds = median_of(runs, fold_all) * 1000
        figures.append(
            Figure("XL: collapse all / expand all", folds, "ms", "<= 150 ms", folds <= 150)
        )

        resize_cost = await resize_ms(pilot, paint, runs)
        figures.append(
            Figure("XL: terminal resize", resize_cost, "ms", "<= 150 ms", resize_cost <= 150)
        )
    return figures


# State ----------------------------------------------------------------------------


def state_figures(corpus: Corpus, runs: int, folder: Path, seen_articles: int) -> list[Figure]:
    """The state database's costs: the UI-thread part of marking a comment seen,
    what it adds to an XL article (keys and seen comments, in the load worker),
    and its size on disk per million seen comments."""
    from reader.model import Article, Comment
    from reader.state import open_state
    from reader.state.identity import article_key, comment_keys

    xl = load_one(corpus.xl_txt)
    thread = Thread(xl.comments)
    key = article_key(xl)

    def identity() -> float:
        start = time.perf_counter()
        comment_keys(key, thread)
        return time.perf_counter() - start

    identity_ms = median_of(runs, identity) * 1000
    database = folder / "state" / "state.db"
    state, _ = open_state(database)
    assert state is not None
    marks = state.prepare(xl, thread)
    state.opened(marks)
    start = time.process_time()
    for index in range(len(thread)):
        state.mark_seen(marks, (index,))
    mark_us = (time.process_time() - start) / len(thread) * 1e6
    state.close()
    # The next session: every comment was seen in an earlier one.
    state, _ = open_state(database)
    assert state is not None

    def prepare() -> float:
        start = time.perf_counter()
        state.prepare(xl, thread)
        return time.perf_counter() - start

    prepare_ms = median_of(runs, prepare) * 1000
    state.close()
    # Size: `seen_articles` articles of 1,000 comments, all marked seen.
    sized = folder / "sized" / "state.db"
    state, _ = open_state(sized)
    assert state is not None
    for number in range(seen_articles):
        comments = [Comment(author="a", text=[f"comment {number} {n}"]) for n in range(1000)]
        article = Article(title=f"Article {number}", source_id=str(number), comments=comments)
        article_marks = state.prepare(article, Thread(article.comments))
        state.opened(article_marks)
        state.mark_seen(article_marks, range(1000))
    state.close()
    size = sum(path.stat().st_size for path in sized.parent.iterdir())
    # Bytes per seen comment are megabytes per million.
    per_million = size / (seen_articles * 1000)
    return [
        Figure(
            "state: mark a comment seen, UI thread", mark_us, "us", "<= 1000 us", mark_us <= 1000
        ),
        # Load-worker time, reported: it lengthens loading, not opening. The
        # issue's "open it with its state: <= 50 ms more" is measured on the UI
        # thread by `state_ui_figures` ("open the thread, added by its state").
        Figure("XL state: comment keys (identity)", identity_ms, "ms", "report", None),
        Figure("XL state: keys + seen read (load worker)", prepare_ms, "ms", "report", None),
        Figure(
            f"state: size per 1M seen ({seen_articles * 1000:,} stored)",
            per_million,
            "MB",
            "<= 60 MB",
            per_million <= 60,
        ),
    ]


async def state_ui_figures(corpus: Corpus, runs: int, folder: Path) -> list[Figure]:
    """What the state costs the UI on the XL thread: marking the comments on
    screen seen after each key, and opening the thread with its marks (half
    its comments new, a quarter unread: the painter's marks and the scrollbar
    minimap)."""
    from textual.geometry import Region

    from reader.state import Reading, open_state
    from reader.ui.app import ReaderApp
    from reader.ui.thread.view import ThreadView

    app = ReaderApp(Loading([corpus.xl_txt]))
    async with app.run_test(size=SCREEN) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        article = app.store.articles[0]
        xl = app.store.thread(article.id)
        view = app.query_one(ThreadView)
        database = folder / "state-ui" / "state.db"
        state, _ = open_state(database)
        assert state is not None
        marks = state.prepare(article, xl)
        # A visit that had only the even comments: the odd ones arrived since.
        marks.unlisted = marks.unlisted[::2]
        state.opened(marks)
        state.mark_seen(marks, range(0, len(xl), 4))
        state.close()
        state, _ = open_state(database)
        assert state is not None
        marks = state.prepare(article, xl)

        def paint() -> None:
            view.render_lines(Region(0, 0, view.size.width, view.size.height))
            view.minimap_marks(view.size.height)

        def open_thread(with_state: bool) -> float:
            view.thread = None
            # What the screen's `Reading` is as it opens the article.
            view.reading = Reading(state if with_state else None)
            view.reading.article = marks if with_state else None
            paint()
            start = time.perf_counter()
            view.thread = xl
            paint()
            return time.perf_counter() - start

        without = median_of(runs, lambda: open_thread(False)) * 1000
        with_state = median_of(runs, lambda: open_thread(True)) * 1000
        added_open = with_state - without

        def key_cost(with_state: bool) -> float:
            open_thread(with_state)
            view.cursor = typical_comment(xl)
            paint()
            costs = []
            for _ in range(30):
                costs.append(repaint_cost(view.action_page_down, paint))
            return statistics.median(costs)

        key_without = median_of(runs, lambda: key_cost(False)) * 1000
        key_with = median_of(runs, lambda: key_cost(True)) * 1000
        added_key = key_with - key_without
        state.close()
    return [
        Figure(
            "XL state: open the thread, added by its state",
            added_open,
            "ms",
            "<= 50 ms",
            added_open <= 50,
            without,
        ),
        Figure(
            "XL state: pagedown + repaint, added by seen marking",
            added_key,
            "ms",
            "<= 1 ms",
            added_key <= 1,
            key_without,
        ),
    ]


# Sections: each a function of the Bench, run in this order; `--only` picks some.
SECTIONS: dict[str, Callable[[Bench], list[Figure]]] = {
    "startup": startup_figures,
    "load": lambda bench: load_figures(bench.corpus, bench.runs),
    "sites": site_figures,
    "feeds": feed_figures,
    "thread": lambda bench: asyncio.run(thread_figures(bench.corpus, bench.runs)),
    "search": search_figures,
    "searchbar": searchbar_section,
    "echo": echo_figures,
    "state": lambda bench: state_figures(
        bench.corpus, bench.runs, bench.folder, 100 if bench.quick else 1000
    ),
    "state-ui": lambda bench: asyncio.run(state_ui_figures(bench.corpus, bench.runs, bench.folder)),
    "list": list_figures,
    "mailstream": mailstream_figures,
    "body": body_figures,
    "rich": rich_section,
    "memory": memory_section,
    "million": million_section,
    "hostile": hostile_section,
    "web": lambda bench: [
        *web_figures(bench),
        *many_urls_figures(bench),
        *keys_while_fetching_figures(bench),
    ],
    "archive": archive_figures,
}


def _section_figures(
    name: str, section: Callable[[Bench], list[Figure]], bench: Bench, failed: list[str]
) -> list[Figure]:
    """The section's figures; a section that fails is one missed row (its
    traceback on stderr, its name added to `failed`: the run exits 1, quick
    or not), and the sections after it still run and print."""
    try:
        return section(bench)
    except Exception as error:  # any failure is reported, not fatal
        traceback.print_exc()
        failed.append(name)
        return [Figure(f"section {name}: failed ({type(error).__name__})", 0, "", "runs", False)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small corpora; targets not enforced")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument(
        "--only",
        metavar="SECTION",
        action="append",
        choices=list(SECTIONS),
        help="run only this section (repeatable): " + ", ".join(SECTIONS),
    )
    options = parser.parse_args()
    shape: Shape = QUICK if options.quick else FULL
    runs = 3 if options.quick else 5
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as scratch:
        folder = Path(scratch)
        # The readers started here keep their state (and find no config) in here.
        os.environ["XDG_STATE_HOME"] = str(folder / "xdg-state")
        os.environ["XDG_CONFIG_HOME"] = str(folder / "xdg-config")
        corpus = generate(folder, shape)
        bench = Bench(corpus, shape, runs, folder, options.quick)
        figures: list[Figure] = []
        failed: list[str] = []
        for name, section in SECTIONS.items():
            if not options.only or name in options.only:
                figures += _section_figures(name, section, bench, failed)
        sizes = f"{mb(corpus.large_txt):.1f} MB text, {mb(corpus.large_yaml):.1f} MB YAML"
    elapsed = time.perf_counter() - started
    seeds = len(list(bundled_seeds().glob("*.txt")))
    if options.json:
        print(
            json.dumps(
                {
                    "quick": options.quick,
                    "seconds": elapsed,
                    "figures": [asdict(f) for f in figures],
                },
                indent=2,
            )
        )
    else:
        print(
            f"reader benchmark ({'quick' if options.quick else 'full'}): S={seeds} seeds, "
            f"L={shape.articles}x{shape.comments:,} comments ({sizes}), "
            f"XL={shape.xl_comments:,} comments; "
            f"medians of {runs} runs; {elapsed:.0f} s\n"
        )
        print(table(figures, enforce=not options.quick, markdown=options.markdown))
    missed = [figure.name for figure in figures if figure.ok is False]
    return 1 if failed or (missed and not options.quick) else 0


if __name__ == "__main__":
    raise SystemExit(main())
