"""Memory: what a loaded thread costs above its own text, counted in bytes
(tracemalloc), not in time. The bounds are ones the earlier layout exceeded:
a list per comment's text and replies, and a case-folded copy of every text
built at load."""

from __future__ import annotations

import gc
import random
import tracemalloc
from pathlib import Path

import pytest

from reader.errors import LoadError
from reader.formats.registry import FORMATS
from reader.formats.sample import Sample
from reader.formats.seedtext import render_seed_text
from reader.model import Article, iter_comments
from reader.search.query import Query, SearchText
from reader.store import DocumentStore
from tests.bench_corpus import make_article
from tests.builders import load_one, write

COMMENTS = 10_000
parse_seed = next(format.parse for format in FORMATS if format.name == "text")


def ten_thousand_comments(folder: Path) -> Path:
    article = make_article(random.Random(5), "Ten thousand", COMMENTS, chains=1, depth=50)
    return write(folder / "ten.txt", render_seed_text(article))


def retained_bytes(build):  # type: ignore[no-untyped-def]
    """What `build()` allocates and keeps alive, and its result."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = build()
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before, result
    finally:
        tracemalloc.stop()


def text_bytes(article: Article) -> int:
    """The comments' own words, one byte a character: the floor of any layout."""
    store = DocumentStore()
    store.add(article, "measure")
    thread = store.thread("measure")
    return sum(len(paragraph) for comment in thread.comments for paragraph in comment.text)


def test_a_loaded_thread_costs_under_360_bytes_a_comment_above_its_text(tmp_path: Path) -> None:
    path = ten_thousand_comments(tmp_path)

    def load() -> DocumentStore:
        store = DocumentStore()
        store.add(load_one(path), "ten")
        return store

    retained, store = retained_bytes(load)
    thread = store.thread("ten")
    assert len(thread) == COMMENTS
    above = retained - text_bytes(store.article("ten"))
    # The earlier layout kept some 710 bytes a comment above its text here
    # (this one about 310): 15 slots a comment, a list for every text and every
    # (empty) replies, two ints a search field, a folded copy of all text.
    assert above / COMMENTS < 360


def test_indexed_comments_keep_no_lists_and_read_their_place_from_the_thread() -> None:
    article = make_article(random.Random(6), "Small", 200, chains=1, depth=30)
    parsed = iter_comments(article.comments)
    replies = {id(comment): [id(reply) for reply in comment.replies] for comment in parsed}
    store = DocumentStore()
    store.add(article, "small")
    thread = store.thread("small")
    assert thread.comments == parsed
    for index, comment in enumerate(thread.comments):
        # No list of its own: the text a tuple (or a bare string), the replies
        # and the place in the tree read from the thread's arrays.
        assert type(comment.text) is tuple and type(comment.replies) is tuple
        assert [id(reply) for reply in comment.replies] == replies[id(comment)]
        assert comment.depth == thread.depths[index]
        parent = comment.parent
        assert (parent is None) == (thread.parents[index] < 0)
        siblings = parent.replies if parent is not None else article.comments
        assert siblings[comment.ordinal - 1] is comment


def test_the_search_text_keeps_no_folded_copy_until_searched() -> None:
    texts = [f"Paragraph {number} of The Thread, in Mixed Case. " * 3 for number in range(20_000)]
    characters = sum(map(len, texts))
    keys = range(len(texts))
    retained, search_text = retained_bytes(lambda: SearchText(texts, keys))
    # The field list and chunk bookkeeping only: far less than a second copy.
    assert retained < characters / 4

    def count(text: str) -> int:
        return sum(1 for _ in search_text.finditer(Query(text)))

    searched, matches = retained_bytes(lambda: count("the thread"))
    assert matches == 3 * len(texts)
    # Searching folds the text once and keeps it for the next query.
    assert searched > characters
    again, matches = retained_bytes(lambda: count("mixed"))
    assert matches == 3 * len(texts) and again < characters / 4


def test_a_plain_search_folds_only_the_chunks_it_reaches(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(SearchText, "CHUNK", 1 << 12)
    texts = [f"Line {number} of a long thread." for number in range(5_000)]
    search_text = SearchText(texts, list(range(len(texts))))
    first = next(search_text.finditer(Query("line 1 ")))
    assert first.key == 1
    chunks = search_text.chunks
    assert len(chunks) > 10
    folded = [chunk for chunk in chunks if chunk.is_folded]
    assert folded == chunks[:1]


def test_seed_text_is_parsed_without_its_decoded_text_beside_its_lines() -> None:
    """The bytes are split into lines and decoded a line at a time: the whole
    text, decoded (two bytes a character once one character needs it), is never
    alive beside all its lines. Before, parsing peaked some 1.9 times the file's
    size above what it kept; then about 0.15 times. Now that the comments keep
    their text packed, in less than the file, the peak is early, where the
    file's bytes are still alive beside the pieces cut from them: 0.6 times."""
    article = make_article(random.Random(5), "Ten thousand", COMMENTS, chains=1, depth=50)
    data = render_seed_text(article).encode()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        (parsed,) = parse_seed(Sample(Path("ten.txt"), bytes(bytearray(data))))
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(iter_comments(parsed.articles[0].comments)) == COMMENTS
    assert kept > before
    assert peak - kept < len(data)


def test_seed_text_is_kept_in_under_twice_its_file() -> None:
    """Each comment's paragraphs are kept as one string of UTF-8 bytes: a str
    a paragraph took 49 to 74 bytes of header, and two bytes a character once
    one was beyond Latin-1. Kept before: 2.4 times the file; now 1.8."""
    article = make_article(random.Random(5), "Ten thousand", COMMENTS, chains=1, depth=50)
    data = render_seed_text(article).encode()
    parse_seed(Sample(Path("warm.txt"), data[:2000]))  # the parser's module and caches
    kept, (parsed,) = retained_bytes(lambda: parse_seed(Sample(Path("ten.txt"), data)))
    assert len(iter_comments(parsed.articles[0].comments)) == COMMENTS
    assert kept < 2 * len(data)


def test_a_bad_byte_in_seed_text_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.txt", b"Title\n\nBody.\n\n  1. fine\n  2. not \xff fine\n")
    with pytest.raises(LoadError) as raised:
        load_one(path)
    assert raised.value.line == 6 and "not UTF-8" in str(raised.value)


def test_seed_text_comments_leave_the_parser_with_their_text_frozen() -> None:
    """Each comment's text is a tuple (one paragraph: its string) as the parser
    ends the comment, so its list is freed while the parse goes on and its memory
    is taken again by the next comments. Before, every comment kept a list until
    the store froze them all after the last one: 100,000 lists freed at once,
    holes in the heap that nothing filled (XL: 7 MB of peak RSS)."""
    article = make_article(random.Random(5), "Ten thousand", COMMENTS, chains=1, depth=50)
    data = render_seed_text(article).encode()
    (parsed,) = parse_seed(Sample(Path("ten.txt"), bytearray(data)))
    comments = iter_comments(parsed.articles[0].comments)
    assert len(comments) == COMMENTS
    assert all(type(comment.text) is tuple for comment in comments)
    assert sum(len(comment.text) > 1 for comment in comments) > COMMENTS // 10
