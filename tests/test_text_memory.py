"""Issue 23 §18: a big seed text is loaded in little more than its own size.
Its bytes, its lines as bytes and its lines as text were alive together (a
251 MB file: 978 MB in the app, 2.2 times the file to load); now the bytes
are cut from their end as the lines are decoded. Measured with tracemalloc,
every allocation Python makes (the resident memory is in tests/bench.py)."""

from __future__ import annotations

import random
import tracemalloc
from pathlib import Path

import pytest

from reader.errors import LoadError
from reader.formats.sample import LINES_CHUNK, Sample
from reader.loading import Loading

SIZE = 16_000_000


def big_text(path: Path) -> Path:
    rng = random.Random(18)
    words = "the of and a to in is you that it was for on are as with they at be this".split()
    paragraphs = [
        " ".join(rng.choice(words) for _ in range(rng.randint(20, 120))) for _ in range(300)
    ]
    with path.open("w", encoding="utf-8") as file:
        file.write("A big text\n\n")
        written = number = 0
        while written < SIZE:
            paragraph = f"{number} {paragraphs[number % len(paragraphs)]}\n\n"
            file.write(paragraph)
            written += len(paragraph)
            number += 1
    return path


def test_loading_a_big_text_takes_under_twice_its_size(tmp_path: Path) -> None:
    path = big_text(tmp_path / "big.txt")
    tracemalloc.start()
    try:
        loading = Loading([path])
        assert loading.read_ahead()
        batches = list(loading)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert batches and batches[0].articles[0].article.title == "A big text"  # type: ignore[union-attr]
    assert peak <= 1.8 * path.stat().st_size, peak / path.stat().st_size


def lines_taken(data: bytes) -> list[str] | None:
    """The lines of seed text `data` as the loader hands them to its parser
    (in a bytearray, which is cut from its end as they are decoded)."""
    return Sample(Path("a.txt"), bytearray(data)).take_utf8_lines()


def test_lines_from_the_end_are_the_lines_split() -> None:
    for data in (b"\n", b"a", b"a\n", b"a\nb", b"\n\na\n\n", b"x" * 5 + b"\n" + b"y" * 3):
        assert lines_taken(data) == [line.decode() for line in data.split(b"\n")]


def test_lines_across_many_chunks_are_the_lines_split() -> None:
    data = "".join(f"line {n} é\n" * (n % 3) + "\n" for n in range(400_000)).encode()
    assert len(data) > 3 * LINES_CHUNK, "the lines are cut from the end in several chunks"
    assert lines_taken(data) == [line.decode() for line in data.split(b"\n")]
    # A line longer than a chunk.
    long_line = b"z" * (2 * LINES_CHUNK + 100) + b"\n" + b"w" * 50
    assert lines_taken(long_line) == ["z" * (2 * LINES_CHUNK + 100), "w" * 50]


def test_a_line_not_utf8_is_named_by_its_number() -> None:
    lines = b"".join(b"line %d\n" % n for n in range(50)) + b"bad \xff\n"
    after = b"".join(b"end %d\n" % n for n in range(3 * LINES_CHUNK // 8))
    assert len(after) > 2 * LINES_CHUNK, "the bad line is in a chunk before the last"
    with pytest.raises(LoadError) as raised:
        lines_taken(lines + after)
    assert raised.value.line == 51


def test_an_articles_search_keys_are_its_fields_keys() -> None:
    """Each field's text is found under the key `article_fields` gives it."""
    from reader.model import Article
    from reader.search.fields import article_fields, article_search_text
    from reader.search.query import Query

    for article in (
        Article(
            title="tern",
            body=["alpha", "beta", "gamma"],
            subtitle="skua",
            author_bio="xeno\n\nyarrow",
        ),
        Article(title="tern"),
        Article(title="tern", author_bio="only a bio"),
    ):
        search_text = article_search_text(article)
        for key, text in article_fields(article):
            assert [match.key for match in search_text.finditer(Query(text))] == [key]
