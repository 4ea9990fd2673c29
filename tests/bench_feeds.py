"""The `feeds` section: a feed of 1,000 items into the store (MB/s), and the
main text of a web page extracted (ms a page), with what the extraction
library installs.

The feed is RSS 2.0 with `content:encoded`, each item a few paragraphs with
links, emphasis and a list (feedparser sanitises it, reader turns it into
blocks); the page is a news page of 30 paragraphs amid navigation, a sidebar
and a footer. Both generated deterministically. The extraction's quality on
real pages is measured by tests/bench_extraction.py (it needs the public
benchmark's pages, which are not in the repository).
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from reader.collector import bulk_loading
from reader.formats.loader import load_articles
from reader.store import DocumentStore
from tests.bench_extraction import installed_mb
from tests.bench_support import Bench, Figure, mb, median_of
from tests.feed_support import article_page

ITEMS = 1_000
FEED_TARGET_MB_S = 3.0
EXTRACT_TARGET_MS = 100.0
_WORDS = "the tide gauge read high while curlews fed along the channel edge at dusk".split()


def feed_figures(bench: Bench) -> list[Figure]:
    path = bench.folder / "feed.rss"
    path.write_text(feed(ITEMS), encoding="utf-8")
    seconds = median_of(bench.runs, lambda: _load_into_store(path))
    throughput = mb([path]) / seconds
    page = article_page(
        "Curlews", "Mara Fenn", "Paper", [_sentence(random.Random(n)) for n in range(30)]
    )
    from reader.web.extract import extract

    extract(page)  # the import, once
    per_page = median_of(bench.runs, lambda: _timed(lambda: extract(page))) * 1000
    return [
        Figure(
            f"load an RSS feed of {ITEMS:,} items ({mb([path]):.1f} MB) into the store",
            throughput,
            "MB/s",
            f">= {FEED_TARGET_MB_S:g} MB/s",
            throughput >= FEED_TARGET_MB_S,
        ),
        Figure(
            "extract a news page's main text (30 paragraphs)",
            per_page,
            "ms",
            f"<= {EXTRACT_TARGET_MS:g} ms",
            per_page <= EXTRACT_TARGET_MS,
        ),
        Figure(
            "installed: trafilatura and its dependencies",
            installed_mb("trafilatura"),
            "MB",
            "",
            None,
        ),
    ]


def feed(items: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel><title>Bench feed</title><link>https://bench.example/</link>"
        "<description>generated</description>",
    ]
    for number in range(items):
        body = "".join(
            f"<p>{_sentence(rng)} <em>{rng.choice(_WORDS)}</em> "
            f'<a href="https://bench.example/{number}/{p}">{rng.choice(_WORDS)}</a>.</p>'
            for p in range(4)
        )
        body += "<ul><li>" + "</li><li>".join(_sentence(rng) for _ in range(3)) + "</li></ul>"
        parts.append(
            f"<item><title>Item {number}: {_sentence(rng)[:40]}</title>"
            f"<link>https://bench.example/{number}</link>"
            f"<guid>https://bench.example/{number}</guid><dc:creator>Author {number % 40}"
            f"</dc:creator><pubDate>Sat, 01 Jun 2024 {number % 24:02d}:00:00 +0000</pubDate>"
            f"<description>{_sentence(rng)}</description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    parts.append("</channel></rss>")
    return "\n".join(parts)


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(12, 40))).capitalize() + "."


def _timed(run: object) -> float:
    start = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - start


def _load_into_store(path: Path) -> float:
    start = time.process_time()
    store = DocumentStore()
    with bulk_loading():
        for article in load_articles(path):
            store.add(article, path.stem)
    return time.process_time() - start
