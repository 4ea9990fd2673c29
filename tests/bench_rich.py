"""Benchmark section `rich`: a 100,000-comment Reddit thread in which every
comment is rich Markdown (a code block, nested quotes, a list, links, emphasis),
opened in the thread view: open to painted, and every thread key plus the
repaint of the visible region (process time, as the `thread` section does)."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from reader.loading import Loading
from tests.bench_sites import site_thread
from tests.bench_support import (
    SCREEN,
    Bench,
    Figure,
    key_costs,
    median_of,
    open_seconds,
    painter,
)

_WORDS = "the soil trial ran for months while a river survey counted every heron".split()


def rich_body(rng: random.Random, number: int) -> str:
    """One comment's Markdown: a nested quote, a paragraph with emphasis, inline
    code and two links, a list, and a fenced code block."""

    def words(low: int, high: int) -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high)))

    code = "\n".join(
        f"{'  ' * (line % 3)}step_{line} = survey({line}, '{rng.choice(_WORDS)}')"
        for line in range(rng.randint(2, 6))
    )
    return (
        f"> {words(6, 14)}\n>\n> > {words(4, 10)}\n\n"
        f"{words(8, 20)} *{rng.choice(_WORDS)}* **{rng.choice(_WORDS)}** `trial_{number}` "
        f"[the log](https://example.com/log/{number}) and "
        f"[https://example.org/{number}/raw](https://example.org/{number}/raw).\n\n"
        f"```python\n{code}\n```\n\n"
        f"- {words(3, 8)}\n- {words(3, 8)}\n  - {words(2, 6)}\n"
    )


def rich_reddit_thread(count: int, seed: int = 13) -> str:
    """A Reddit thread of `count` rich comments as JSON, nested at most 6 deep."""
    return site_thread(count, "reddit", seed, rich_body=rich_body, title="Rich comments")


async def rich_figures(path: Path, runs: int, count: int) -> list[Figure]:

    from reader.ui.app import ReaderApp
    from reader.ui.thread.view import ThreadView

    app = ReaderApp(Loading([path]))
    figures: list[Figure] = []
    async with app.run_test(size=SCREEN) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        thread = app.store.thread(app.store.articles[0].id)
        view = app.query_one(ThreadView)
        view.focus()
        await pilot.pause()

        paint = painter(view)

        open_ms = median_of(runs, lambda: open_seconds(view, thread, paint)) * 1000
        label = f"rich {count:,}"
        figures.append(
            Figure(f"{label}: open the thread, painted", open_ms, "ms", "<= 150 ms", open_ms <= 150)
        )

        for key, cost in key_costs(view, thread, paint, runs).items():
            figures.append(
                Figure(f"{label}: key {key!r} + repaint", cost, "ms", "<= 10 ms", cost <= 10)
            )
    return figures


def rich_section(bench: Bench) -> list[Figure]:
    count = bench.shape.xl_comments
    path = bench.folder / "rich-thread.json"
    path.write_text(rich_reddit_thread(count), encoding="utf-8")
    return asyncio.run(rich_figures(path, bench.runs, count))
