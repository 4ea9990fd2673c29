"""Memory of a JSON thread (issue 24): what loading a Reddit thread holds at
its peak beyond what it keeps, and what each Markdown comment's layout costs,
counted in bytes and objects (tracemalloc), not in time."""

from __future__ import annotations

import copy
import gc
import json
import tracemalloc
from pathlib import Path

import pytest

from reader.formats import jsonstream
from reader.formats.loader import load_articles, load_batches
from reader.model import iter_comments
from reader.text import Block, Span
from tests.bench_rich import rich_reddit_thread
from tests.builders import write

COMMENTS = 2_000


def rich_thread(folder: Path) -> Path:
    return write(folder / "rich.json", rich_reddit_thread(COMMENTS))


def test_a_reddit_threads_load_holds_under_half_its_file_beyond_what_it_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: the file's bytes, its decoded text and the whole parsed tree were
    # all alive while the comments were made: the peak was some 4 times the
    # file above what the load keeps. Now the file is read in chunks, each
    # freed as it is decoded, and each top-level comment's entry is freed as
    # its comments are made (see `tests/test_json_stream.py`). Chunks of 64 KB
    # for this 1.5 MB file, as 1 MB ones are for the bench's 77 MB.
    monkeypatch.setattr(jsonstream, "CHUNK_BYTES", 64 * 1024)
    path = rich_thread(tmp_path)
    size = path.stat().st_size
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        articles = load_articles(path)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(list(iter_comments(articles[0].comments))) == COMMENTS
    assert peak - kept < size / 2, (peak - before, kept - before, size)


def test_markdown_comments_share_their_unstyled_blocks(tmp_path: Path) -> None:
    # Each comment has quotes, list items, code and its list of links: blocks
    # without spans, once one object each a comment (64 bytes), now shared.
    (article,) = load_articles(rich_thread(tmp_path))
    unstyled = [
        block
        for comment in iter_comments(article.comments)
        for block in comment.blocks or ()
        if not block.spans
    ]
    assert len(unstyled) > 5 * COMMENTS
    assert len({id(block) for block in unstyled}) < 20
    assert all(type(block) is Block for block in unstyled)


def test_json_given_to_the_loader_is_left_whole(tmp_path: Path) -> None:
    # A fetched document's JSON is its fetcher's too: only JSON the loader
    # parsed itself is consumed as its comments are made.
    path = rich_thread(tmp_path)
    page = json.loads(path.read_text(encoding="utf-8"))
    kept = copy.deepcopy(page)
    (batch,) = load_batches(path, parsed=page)
    assert len(list(iter_comments(batch.articles[0].comments))) == COMMENTS
    assert page == kept


def test_a_reddit_thread_is_kept_in_under_twice_its_file(tmp_path: Path) -> None:
    # Before: a string a paragraph (8 a comment here, some 390 bytes of string
    # headers), each block's spans a tuple of their fields and each URL a
    # string: 2.6 times the file kept. Now each comment's text is one string of
    # UTF-8 bytes and its layout another: 1.5 times.
    path = rich_thread(tmp_path)
    load_articles(path)  # the parsers' modules and caches, which are not the thread's
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        (article,) = load_articles(path)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(list(iter_comments(article.comments))) == COMMENTS
    assert kept < 1.8 * path.stat().st_size


def test_a_styled_layout_is_kept_packed_not_as_blocks_and_spans(tmp_path: Path) -> None:
    # Before: each styled block was a `Block` holding its spans' fields (and
    # their URLs) in a tuple, 600 bytes a comment with the layout's tuple; now
    # the layout is one string of bytes, made into blocks when a view asks.
    (article,) = load_articles(rich_thread(tmp_path))
    gc.collect()
    alive = gc.get_objects()
    assert not [thing for thing in alive if type(thing) is Block and thing.has_spans]
    assert not [thing for thing in alive if type(thing) is Span]
    styled = [
        block
        for comment in iter_comments(article.comments)
        for block in comment.blocks or ()
        if block.has_spans
    ]
    assert len(styled) >= COMMENTS
    # Asked for, they are the spans the Markdown gave.
    first = styled[0].spans
    assert {span.kind for span in first} >= {"em", "strong", "code", "link"}
    assert all(type(span) is Span for span in first)
