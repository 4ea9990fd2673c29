"""A big Reddit thread read a piece at a time (issue 24): the same articles as
the file read whole, its text and parsed tree never whole, and every file
that is not a thread after all (or not JSON that reads so) told apart as the
whole reading tells it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reader.errors import LoadError
from reader.formats import jsondoc, jsonstream
from reader.formats.loader import load_articles, load_batches
from reader.model import Article, iter_comments
from tests.bench_rich import rich_reddit_thread
from tests.builders import write

# Big enough to be read in chunks (the loader reads the first 64 KB first).
COMMENTS = 400


def _thread(count: int = COMMENTS) -> dict[str, Any]:
    post = {"kind": "t3", "data": {"title": "Tide pools ✓", "author": "a", "selftext": "Body."}}
    comments = []
    for number in range(count):
        body = (
            f"Comment {number}: the heron’s count was {number * 7} — «ok» 🐦 "
            f"[a log](https://example.com/{number}) *and* `code`\n\n> quoted {'ü' * (number % 9)}"
        )
        data: dict[str, Any] = {
            "id": f"c{number}",
            "author": "[deleted]" if number % 50 == 7 else f"user{number % 13}",
            "body": "[removed]" if number % 50 == 9 else body,
            "created_utc": 1714800000 + number * 1.5,
            "score": -number,
            "edited": False if number % 2 else 1714900000,
            "is_submitter": number % 11 == 0,
            "replies": "",
        }
        entry = {"kind": "t1", "data": data}
        if number % 5 and comments:
            parent = comments[-1]["data"]
            if parent["replies"] == "":
                parent["replies"] = {"kind": "Listing", "data": {"children": []}}
            parent["replies"]["data"]["children"].append(entry)
        else:
            comments.append(entry)
    comments.append({"kind": "more", "data": {"count": 12, "name": "t1_more"}})
    return [
        {"kind": "Listing", "data": {"children": [post]}},
        {"kind": "Listing", "data": {"after": None, "children": comments, "before": None}},
    ]


def _fingerprint(articles: list[Article]) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    for article in articles:
        found.append((article.title, article.author, tuple(article.body), article.url))
        found.extend(
            (
                comment.author,
                comment.posted,
                tuple(comment.text),
                comment.blocks,
                comment.source_id,
                comment.score,
                comment.edited,
                comment.is_op,
                comment.status,
                comment.more,
                len(comment.replies),
            )
            for comment in iter_comments(article.comments)
        )
    return found


def _read_whole(path: Path) -> list[Article]:
    """The articles of `path` as the JSON parsed whole gives them."""
    parsed = jsondoc.parse_json(path.read_bytes().decode("utf-8-sig"), path)
    return [
        article
        for batch in load_batches(path, parsed=parsed)
        if not batch.preview
        for article in batch.articles
    ]


@pytest.mark.parametrize("chunk", [5, 64, 1 << 20])
@pytest.mark.parametrize("ascii_only", [True, False])
def test_a_thread_read_in_chunks_is_the_thread_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, ascii_only: bool
) -> None:
    # Chunks of 5 bytes cut strings, numbers, escapes and UTF-8 sequences.
    monkeypatch.setattr(jsonstream, "CHUNK_BYTES", chunk)
    text = "\ufeff" + json.dumps(_thread(), ensure_ascii=ascii_only, indent=1)
    path = write(tmp_path / "thread.json", text)
    assert path.stat().st_size > 128 * 1024
    streamed = load_articles(path)
    assert len(list(iter_comments(streamed[0].comments))) > COMMENTS
    assert _fingerprint(streamed) == _fingerprint(_read_whole(path))


def test_a_big_threads_text_and_tree_are_never_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: the file was decoded whole and `json.loads` made its whole tree,
    # both alive beside the comments (2 and 4 times the file). Now no text
    # longer than a few chunks is ever scanned, and each value read is at
    # most one top-level comment's entry.
    monkeypatch.setattr(jsonstream, "CHUNK_BYTES", 16 * 1024)
    path = write(tmp_path / "rich.json", rich_reddit_thread(1_000))
    size = path.stat().st_size

    def never(*_: object) -> None:
        raise AssertionError("the whole document was parsed")

    monkeypatch.setattr(jsondoc, "decode_json", never)
    longest = [0]
    scan = jsonstream.scan_value

    def scan_counted(text: str, position: int) -> tuple[Any, int]:
        longest[0] = max(longest[0], len(text))
        return scan(text, position)

    monkeypatch.setattr(jsonstream, "scan_value", scan_counted)
    (article,) = load_articles(path)
    assert len(list(iter_comments(article.comments))) == 1_000
    assert 0 < longest[0] < size / 10, (longest[0], size)


def _big(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """A file big enough for the loader to stream."""
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    assert path.stat().st_size > 128 * 1024
    return path


def _error(path: Path) -> str:
    with pytest.raises(LoadError) as raised:
        load_articles(path)
    return str(raised.value)


def _broken_after_the_first_comments(tmp_path: Path, name: str, bad: bytes) -> tuple[Path, int]:
    """A thread big enough to be streamed with `bad` before its last comment's
    score, and the line `bad` is on."""
    text = json.dumps(_thread(), indent=1)
    cut = text.rindex('"score"')
    path = _big(tmp_path, name, text[:cut].encode() + bad + text[cut:].encode())
    return path, text[:cut].count("\n") + 1


@pytest.mark.parametrize(
    ("bad", "reason"),
    [(b"oops", "malformed JSON"), (b"\xff", "not UTF-8 text")],
    ids=["malformed JSON", "bytes not UTF-8"],
)
def test_an_error_after_the_first_comments_says_its_line_as_the_whole_read_does(
    tmp_path: Path, bad: bytes, reason: str
) -> None:
    path, line = _broken_after_the_first_comments(tmp_path, "broken.json", bad)
    message = _error(path)
    assert message.startswith(f"{path}:{line}: {reason}"), message


def test_a_file_that_starts_as_a_thread_but_is_none_is_told_apart_as_before(
    tmp_path: Path,
) -> None:
    # Three listings: no format reads that, and the message says so.
    three = [*_thread(), {"kind": "Listing", "data": {"children": []}}]
    message = _error(_big(tmp_path, "three.json", json.dumps(three)))
    assert "JSON of an unknown shape" in message
    # A thread followed by more JSON: the whole reading takes it as JSON
    # lines, which no format reads either.
    line = json.dumps(_thread())
    message = _error(_big(tmp_path, "lines.json", line + "\n" + line))
    assert "JSON of an unknown shape" in message


def test_a_thread_too_deep_for_the_scanner_is_read_whole(tmp_path: Path) -> None:
    depth = 3_000
    post = {"kind": "t3", "data": {"title": "deep", "author": "a", "created_utc": 0}}
    head = json.dumps({"kind": "Listing", "data": {"children": [post]}})
    opening = [head, ', {"kind": "Listing", "data": {"children": [']
    opening += [
        f'{{"kind": "t1", "data": {{"id": "c{number}", "author": "u", "body": "x",'
        f' "replies": {{"kind": "Listing", "data": {{"children": ['
        for number in range(depth)
    ]
    path = _big(tmp_path, "deep.json", "[" + "".join(opening) + "]}}}}" * depth + "]}}]")
    (article,) = load_articles(path)
    assert len(list(iter_comments(article.comments))) == depth
