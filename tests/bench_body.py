"""Benchmark section `body`: the article body on huge text (issue 12).

A generated article body of 2 MB (paragraphs with quotes, code and links, as
Markdown) resized and repainted, and a body that is one line of 10 MB opened
and paged down. `time.process_time()` around the action and a repaint of the
whole visible body, as for the thread's keys: the machine is shared."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from pathlib import Path

from reader.formats.text.markdown import markdown_to_text
from reader.loading import Loading
from reader.model import Article
from tests.bench_support import SCREEN, Bench, Figure, painter, repaint_cost, resize_ms

WORDS = (
    "garden river stone bridge lantern orchard meadow harbour quiet evening "
    "window letter kettle pebble willow thistle ferry market ladder chimney"
).split()


def markdown_body(size: int, seed: int = 12) -> str:
    """About `size` characters of Markdown: mostly prose paragraphs, some with
    links, and every so often a quote or a code block."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    number = 0
    while length < size:
        number += 1
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 120)))
        if number % 7 == 0:
            part = f"> {words}\n>\n> {words[: len(words) // 2]}"
        elif number % 11 == 0:
            part = (
                "```\n" + "\n".join(f"step({n}, '{rng.choice(WORDS)}')" for n in range(8)) + "\n```"
            )
        elif number % 3 == 0:
            part = f"{words} [see the notes](https://example.com/notes/{number}/page) {words[:40]}"
        else:
            part = words
        parts.append(part)
        length += len(part) + 2
    return "\n\n".join(parts)


def one_line(size: int, seed: int = 13) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)


async def body_run(bench: Bench) -> list[Figure]:

    from reader.ui.app import ReaderApp
    from reader.ui.body.view import ArticleBody

    big, line = (200_000, 1_000_000) if bench.quick else (2_000_000, 10_000_000)
    strings, blocks = markdown_to_text(markdown_body(big))
    structured = Article(title="A long article", body=strings, body_blocks=blocks)
    long_line = Article(title="One long line", body=[one_line(line)])
    small = bench.folder / "body-bench.txt"
    small.write_text("A small article\n\nIts body.\n", encoding="utf-8")
    app = ReaderApp(Loading([Path(small)]))
    figures: list[Figure] = []
    runs = bench.runs
    async with app.run_test(size=SCREEN) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for article in (structured, long_line):
            app.store.add(article, article.title)
        body = app.query_one(ArticleBody)
        body.focus()
        await pilot.pause()

        paint = painter(body)

        body.article = structured
        paint()
        body.scroll_to(y=body.max_scroll_y // 2, animate=False, immediate=True)
        paint()

        resize_cost = await resize_ms(pilot, paint, runs)
        mb = sum(map(len, strings)) / 1e6
        figures.append(
            Figure(
                f"body of {mb:.1f} MB: resize + repaint",
                resize_cost,
                "ms",
                "<= 150 ms",
                resize_cost <= 150,
            )
        )

        def open_line() -> float:
            body.article = None
            paint()
            start = time.process_time()
            body.article = long_line
            paint()
            return time.process_time() - start

        opens = [open_line() for _ in range(runs)]
        open_ms = statistics.median(opens) * 1000
        mb = len(long_line.body[0]) / 1e6
        figures.append(
            Figure(
                f"body, one {mb:.0f} MB line: open, painted",
                open_ms,
                "ms",
                "<= 1 s",
                open_ms <= 1000,
            )
        )

        body.scroll_to(y=body.max_scroll_y // 2, animate=False, immediate=True)
        paint()

        def page_down() -> float:
            return repaint_cost(lambda: body.scroll_page_down(animate=False), paint)

        pages = [page_down() for _ in range(5 * runs)]
        page_ms = statistics.median(pages) * 1000
        figures.append(
            Figure(
                f"body, one {mb:.0f} MB line: pagedown + repaint",
                page_ms,
                "ms",
                "<= 10 ms",
                page_ms <= 10,
            )
        )
    return figures


def body_figures(bench: Bench) -> list[Figure]:
    return asyncio.run(body_run(bench))
