"""Issue 23 §18: a big seed text is loaded in little more than its own size.
Its bytes, its lines as bytes and its lines as text were alive together (a
251 MB file: 978 MB in the app, 2.2 times the file to load); now the bytes
are cut from their end as the lines are decoded. Measured with tracemalloc,
every allocation Python makes (the resident memory is in tests/bench.py)."""

from __future__ import annotations

import random
import tracemalloc
from itertools import chain
from pathlib import Path

import pytest

from reader.errors import LoadError
from reader.formats import sample as sample_module
from reader.formats.loader import load_articles
from reader.formats.sample import LINES_CHUNK, Sample
from reader.formats.seedtext import parse_seed_text
from reader.formats.yaml.dump import dump_json
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
    (in a bytearray, which is cut into pieces from its end, each piece then
    decoded as it is reached), joined."""
    pieces = Sample(Path("a.txt"), bytearray(data)).take_utf8_line_pieces()
    return None if pieces is None else list(chain.from_iterable(pieces))


def test_lines_from_the_end_are_the_lines_split() -> None:
    for data in (b"\n", b"a", b"a\n", b"a\nb", b"\n\na\n\n", b"x" * 5 + b"\n" + b"y" * 3):
        assert lines_taken(data) == [line.decode() for line in data.split(b"\n")]


def test_lines_across_many_chunks_are_the_lines_split() -> None:
    data = "".join(f"line {n} é\n" * (n % 3) + "\n" for n in range(400_000)).encode()
    assert len(data) > 3 * LINES_CHUNK, "the lines are cut from the end in several pieces"
    assert lines_taken(data) == [line.decode() for line in data.split(b"\n")]
    # A line longer than a chunk.
    long_line = b"z" * (2 * LINES_CHUNK + 100) + b"\n" + b"w" * 50
    assert lines_taken(long_line) == ["z" * (2 * LINES_CHUNK + 100), "w" * 50]


def test_a_line_not_utf8_is_named_by_its_number() -> None:
    lines = b"".join(b"line %d\n" % n for n in range(50)) + b"bad \xff\n"
    after = b"".join(b"end %d\n" % n for n in range(3 * LINES_CHUNK // 8))
    assert len(after) > 2 * LINES_CHUNK, "the bad line is in a piece before the last"
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


def _comments_text(comments: int, blank: str) -> str:
    lines = ["A thread", "", "By A Writer", "", "Its body."]
    for number in range(comments):
        depth = number % 7
        marker = f"{number // 7 + 1}." if depth == 0 else "•"
        lines += [f"{' ' * (2 + 4 * depth)}{marker} comment {number} é", blank]
    return "\n".join(lines) + "\n"


def test_a_seed_threads_lines_are_decoded_as_the_parse_reaches_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: every line was decoded before the parse began, and freed as it
    # read them (their holes not filled by the comments: `VmRSS` after the
    # XL load 70 MB, 57 now). Here each comment has a second line, a long run
    # of spaces and then an emoji, which makes the decoded line 4 bytes a
    # character: decoded all at once the lines are 4 times the file, a piece
    # at a time a piece's 4 times (the bytes are cut into pieces first: 1.5
    # times the file at most).
    monkeypatch.setattr(sample_module, "LINES_CHUNK", 64 * 1024)
    path = tmp_path / "thread.txt"
    path.write_text(_comments_text(2_000, " " * 500 + "\U0001f426"), encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        (article,) = load_articles(path)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(article.comments) == 2_000 // 7 + 1
    assert peak - before < 2 * size, (peak - before, kept - before, size)


@pytest.mark.parametrize("piece", [1, 40, 1 << 20])
@pytest.mark.parametrize(
    "text",
    [
        _comments_text(300, ""),
        "\ufeff" + _comments_text(300, "   "),
        # R4b: a bullet line first starts the section only if no line after
        # it is at column 0 (here one is: the bullets are the body's list).
        "Title\n\nBody.\n\n  • a list item\n  • another\n\nMore body.\n\n  1. A comment\n" * 30,
        "Title\n\nBody.\n\n  • a comment\n    • a reply\n" * 40,
        "Title\n\n" + "A paragraph of the body.\n\n" * 200,
        "\n\n   \n" * 100 + "Title\n\n  1. first\n  2. second",
    ],
)
def test_seed_text_read_in_pieces_is_the_text_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piece: int, text: str
) -> None:
    monkeypatch.setattr(sample_module, "LINES_CHUNK", piece)
    path = tmp_path / "thread.txt"
    path.write_text(text, encoding="utf-8")
    assert dump_json(load_articles(path)[0]) == dump_json(parse_seed_text(text, path))
