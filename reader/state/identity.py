"""Identity: the keys under which the state database knows articles and comments.

Pure functions, no I/O: cheap enough to run in the load worker for a
100,000-comment thread. A key is an 8-byte BLAKE2b digest read as a signed
64-bit integer, the widest integer SQLite stores in place (so a million seen
comments stay a few tens of megabytes).

An article is known by what the source says it is (its id, else its URL), and
only failing both by its title and author: never by its file's path, so that
moving or re-downloading a file keeps its state. A comment is known by its
source id where it has one, else by its content: its author, its text and its
parent's key (the article's key for a top-level comment), so that comments
added, removed or reordered elsewhere in a re-download keep their keys.
Identical siblings (same author and text) are told apart by their order.
"""

from __future__ import annotations

import sys
from array import array
from hashlib import blake2b

from ..model import Article, Thread


def digest_key(data: bytes) -> int:
    """The signed 64-bit integer key of some bytes."""
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little", signed=True)


def article_key(article: Article) -> int:
    if article.source_id:
        identity = f"id\0{article.source_id.strip()}"
    elif article.url:
        identity = f"url\0{article.url.strip()}"
    else:
        identity = f"text\0{article.title.strip()}\0{(article.author or '').strip()}"
    return digest_key(identity.encode("utf-8", "surrogatepass"))


def comment_keys(article: int, thread: Thread) -> array[int]:
    """The key of every comment of the thread, in its display order (`keys[i]` is
    the key of `thread.comments[i]`)."""
    article_bytes = article.to_bytes(8, "little", signed=True)
    digests = [b""] * len(thread)
    _hash_range(article_bytes, thread, digests, 0, len(thread))
    if len(set(digests)) != len(digests):
        _number_repeats(article_bytes, thread, digests)
    keys: array[int] = array("q")
    keys.frombytes(b"".join(digests))
    if sys.byteorder != "little":
        keys.byteswap()
    return keys


def _hash_range(
    article_bytes: bytes, thread: Thread, digests: list[bytes], start: int, end: int
) -> None:
    """Set each comment's 8-byte digest from `start` to `end`. Parents come before
    their replies in display order, so each parent's digest is ready. (Written
    for speed: this runs once per comment of every thread loaded.)"""
    by_id = article_bytes + b"id\0"
    for index, parent, comment in zip(
        range(start, end), thread.parents[start:end], thread.comments[start:end], strict=True
    ):
        # Its source id read from its fields as they are kept, not through
        # `Comment.source_id` (a Python descriptor: a fifth of this, for mail).
        fields = comment.source_fields
        source_id = fields.source_id if fields is not None else None
        if source_id:
            digests[index] = blake2b(
                by_id + source_id.encode("utf-8", "surrogatepass"), digest_size=8
            ).digest()
            continue
        # The author and the paragraphs parted by NUL, in UTF-8 (lone
        # surrogates, from a JSON escape, hashed too): most comments' text
        # as they keep it, not made into strings.
        author = comment.author or ""
        text = comment.text_utf8
        if text is None:
            joined = "\0".join((author, *comment.text)).encode("utf-8", "surrogatepass")
        else:
            joined = author.encode("utf-8", "surrogatepass") + b"\0" + text
        data = (digests[parent] if parent >= 0 else article_bytes) + joined
        digests[index] = blake2b(data, digest_size=8).digest()


def _number_repeats(article_bytes: bytes, thread: Thread, digests: list[bytes]) -> None:
    """Tell identical siblings apart: the second, third ... of the same digest
    (same author and text under the same parent) get their repeat number hashed
    in, and their replies are hashed again under the new digest. Only threads
    with repeats pay for this pass."""
    known: set[bytes] = set()
    repeats: dict[bytes, int] = {}
    ends = thread.ends
    for index in range(len(digests)):
        digest = digests[index]
        if digest in known:
            repeat = repeats[digest] = repeats.get(digest, 0) + 1
            digest = digests[index] = blake2b(
                digest + repeat.to_bytes(8, "little"), digest_size=8
            ).digest()
            _hash_range(article_bytes, thread, digests, index + 1, ends[index])
        known.add(digest)
