"""The `list` section: an article list of 10,000 articles (issue 12).

Two corpora, generated deterministically: a folder of 10,000 small seed-text
articles (a few comments each) and a mailbox of 10,000 threads (a message and
a reply each, written with the stdlib `mailbox`). Start-up is timed in a real
terminal against the bare app in the same run; the list's keys and its search
with `time.process_time()` around the action plus a repaint of the list.
"""

from __future__ import annotations

import asyncio
import compileall
import mailbox
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from reader.formats.seedtext import render_seed_text
from reader.loading import Loading
from reader.model import Article, Comment
from reader.search.query import Query
from tests.bench_corpus import WORDS
from tests.bench_startup import PACKAGE
from tests.bench_support import (
    BARE_APP,
    BARE_FRAME_MARKER,
    READER_FRAME_MARKERS,
    SCREEN,
    Bench,
    Figure,
    painter,
    repaint_cost,
    time_to_screen,
)

FULL_COUNT = 10_000
QUICK_COUNT = 500
# A word only the last article holds (in its last comment): the list search
# scans every other article before it finds the first result.
LAST_WORD = "quokkafish"
SEED = 20261122


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count)).capitalize() + "."


def write_articles(folder: Path, count: int) -> Path:
    """`count` small seed-text articles (a short body, two to four comments)."""
    rng = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        comments = [
            Comment(text=[_words(rng, rng.randint(8, 30))]) for _ in range(rng.randint(2, 4))
        ]
        comments[0].replies.append(Comment(text=[_words(rng, rng.randint(5, 15))]))
        if number == count - 1:
            comments.append(Comment(text=[f"The last word is {LAST_WORD}."]))
        article = Article(
            title=f"Small article {number:05d}: {_words(rng, rng.randint(3, 9))}",
            byline=f"By {rng.choice(['Ana', 'Bo', 'Chen', 'Dara'])} Writer | (The Bench)",
            author=None,
            body=[_words(rng, rng.randint(20, 60)) for _ in range(rng.randint(1, 3))],
            comments=comments,
        )
        path = folder / f"{number:05d}.txt"
        path.write_text(render_seed_text(article), encoding="utf-8")
    return folder


def write_mailbox(path: Path, threads: int) -> Path:
    """A mailbox of `threads` threads: each a message and one reply to it."""
    rng = random.Random(SEED + 1)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    box = mailbox.mbox(path, create=True)
    box.lock()
    try:
        for number in range(threads):
            subject = f"[bench-list] Thread {number:05d}: {_words(rng, rng.randint(3, 8))}"
            root_id = f"<t{number}@bench.example>"
            when = start + timedelta(minutes=number)
            last = number == threads - 1
            for reply in (False, True):
                message = EmailMessage()
                message["From"] = f"{rng.choice(['Ana', 'Bo', 'Chen'])} <list@bench.example>"
                message["To"] = "bench-list@lists.bench.example"
                message["Subject"] = ("Re: " if reply else "") + subject
                message["Date"] = format_datetime(when + timedelta(hours=reply))
                message["Message-ID"] = f"<t{number}r@bench.example>" if reply else root_id
                if reply:
                    message["In-Reply-To"] = root_id
                    message["References"] = root_id
                text = "\n\n".join(_words(rng, rng.randint(10, 40)) for _ in range(2))
                if reply and last:
                    text += f"\n\nThe last word is {LAST_WORD}.\n"
                message.set_content(text)
                box.add(message)
    finally:
        box.flush()
        box.unlock()
        box.close()
    return path


def list_figures(bench: Bench) -> list[Figure]:
    count = QUICK_COUNT if bench.quick else FULL_COUNT
    articles = write_articles(bench.folder / "list-articles", count)
    mbox = write_mailbox(bench.folder / "list-threads.mbox", count)
    # Start-up runs are seconds each: fewer of them than the other figures take.
    runs = 1 if bench.quick else 3
    figures = startup_figures(bench.folder, articles, mbox, count, runs)
    figures += asyncio.run(key_figures(articles, count, bench.runs))
    return figures


def startup_figures(
    folder: Path, articles: Path, mbox: Path, count: int, runs: int
) -> list[Figure]:
    bare_script = folder / "bare_app.py"
    bare_script.write_text(BARE_APP, encoding="utf-8")
    python = sys.executable
    listed = f"{count} articles"
    # From bytecode, as an installed reader starts (see `bench_startup`).
    compileall.compile_dir(PACKAGE, quiet=1)
    bare: list[float] = []
    timings: dict[str, tuple[list[float], list[float]]] = {
        "articles": ([], []),
        "mailbox": ([], []),
    }
    for _ in range(runs):
        # Interleaved, so that machine noise hits every side alike.
        bare.extend(time_to_screen([python, str(bare_script)], BARE_FRAME_MARKER))
        for name, path in (("articles", articles), ("mailbox", mbox)):
            *_, first, everything = time_to_screen(
                [python, "-m", "reader", str(path)],
                *READER_FRAME_MARKERS,
                listed,
                timeout=120,
            )
            timings[name][0].append(first)
            timings[name][1].append(everything)
    bare_median = statistics.median(bare)
    figures = [
        Figure("list: bare Textual app, first frame", bare_median * 1000, "ms", "baseline", None)
    ]
    labels = {"articles": f"{count:,} small articles", "mailbox": f"{count:,}-thread mailbox"}
    for name, (first, everything) in timings.items():
        first_median, all_median = statistics.median(first), statistics.median(everything)
        ratio = first_median / bare_median
        figures.append(
            Figure(
                f"start-up, {labels[name]}: first frame",
                first_median * 1000,
                "ms",
                "<= 1.5x bare",
                ratio <= 1.5,
                bare_median * 1000,
                ratio,
            )
        )
        figures.append(
            Figure(
                f"start-up, {labels[name]}: all listed",
                all_median * 1000,
                "ms",
                "<= 5000 ms",
                all_median <= 5,
            )
        )
    return figures


async def key_figures(articles: Path, count: int, runs: int) -> list[Figure]:

    from reader.ui.app import ReaderApp
    from reader.ui.articles.list import ArticleList
    from reader.ui.articles.pane import ArticlesPane
    from reader.ui.search.batches import FoundBatch

    app = ReaderApp(Loading([articles]))
    async with app.run_test(size=SCREEN) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = app.query_one(ArticlesPane)
        view = app.query_one(ArticleList)
        assert view.entry_count == count, f"{view.entry_count} of {count} listed"
        view.focus()
        await pilot.pause()

        paint = painter(view)

        def from_middle(action: Callable[[], object]) -> Callable[[], float]:
            def measure() -> float:
                view.highlighted = count // 2
                paint()
                return repaint_cost(action, paint)

            return measure

        def search_first(word: str) -> Callable[[], float]:
            def measure() -> float:
                query = Query(word)
                pane.end_search()
                paint()
                start = time.process_time()
                # What the search pane does with the worker's first match.
                first = next(iter(view.find(query)))
                pane.search_query = query
                pane.take_batch(FoundBatch(pane.run, [first], True, False))
                paint()
                return time.process_time() - start

            return measure

        keys = {
            "j": from_middle(view.action_cursor_down),
            "G": from_middle(view.action_last),
            "pagedown": from_middle(view.action_page_down),
        }
        figures = []
        for key, measure in keys.items():
            cost = statistics.median(measure() for _ in range(runs)) * 1000
            figures.append(
                Figure(
                    f"list of {count:,}: key {key!r} + repaint", cost, "ms", "<= 10 ms", cost <= 10
                )
            )
        for label, word in (("a common word", "coalition"), ("only in the last", LAST_WORD)):
            cost = statistics.median(search_first(word)() for _ in range(runs)) * 1000
            figures.append(
                Figure(
                    f"list of {count:,}: search, first result shown ({label})",
                    cost,
                    "ms",
                    "<= 100 ms",
                    cost <= 100,
                )
            )
    return figures
