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

from ..model import Article
from ..store import Thread


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
    the key of `thread.comments[i]`).

    Parents come before their replies in display order, so one pass finds each
    parent's digest ready. (Written for speed: this runs once per comment of
    every thread loaded.)"""
    article_bytes = article.to_bytes(8, "little", signed=True)
    digests: list[bytes] = []
    append = digests.append
    known: set[bytes] = set()
    remember = known.add
    repeats: dict[bytes, int] = {}
    for parent, comment in zip(thread.parents, thread.comments, strict=True):
        if comment.source_id:
            data = article_bytes + b"id\0" + _utf8(comment.source_id)
        else:
            scope = digests[parent] if parent >= 0 else article_bytes
            data = scope + _utf8(comment.author or "") + b"\0" + _utf8("\0".join(comment.text))
        digest = blake2b(data, digest_size=8).digest()
        if digest in known:
            # The same author and text again under the same parent: number it.
            repeat = repeats[digest] = repeats.get(digest, 0) + 1
            digest = blake2b(digest + repeat.to_bytes(8, "little"), digest_size=8).digest()
        remember(digest)
        append(digest)
    keys: array[int] = array("q")
    keys.frombytes(b"".join(digests))
    if sys.byteorder != "little":
        keys.byteswap()
    return keys


def _utf8(text: str) -> bytes:
    # Lone surrogates (from a JSON escape) must hash too, not raise.
    return text.encode("utf-8", "surrogatepass")
