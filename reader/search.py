"""Finding text in articles and threads, for the store to offer to every pane.

Each searchable document (a thread, or an article's own text) is turned once,
when it is added to the store, into a `SearchText`: all its fields joined into
one string by a separator that cannot occur in loaded text, plus a case-folded
copy of the same length, made on the first search that needs it. A query is
then one compiled regular expression run by `re` over that string in C, and a
match is mapped back to its field with a binary search over the field start
offsets.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

# NUL never reaches a field: the loader refuses files that contain it.
SEPARATOR = "\x00"
SEPARATOR_BYTES = SEPARATOR.encode()
_ESCAPES = re.compile(r"\\.")


def fold(text: str) -> str:
    """Lower-case `text` without changing its length, so spans stay aligned.

    `str.lower` turns a few characters (such as `İ`) into two; those keep
    their own case here rather than shift every offset after them.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


class QueryError(ValueError):
    """A query that cannot be searched for, with a reason fit for the search bar."""


@dataclass(frozen=True, slots=True)
class Query:
    """What to look for, and how.

    Smart case: a query with no capital letters matches any case; a capital
    anywhere makes it case-sensitive.
    """

    text: str
    regex: bool = False
    whole_word: bool = False

    @property
    def case_sensitive(self) -> bool:
        # In a regular expression `\S`, `\W` and the like are not capitals.
        letters = _ESCAPES.sub("", self.text) if self.regex else self.text
        return letters != fold(letters)

    def compile(self) -> re.Pattern[str]:
        """The regular expression for this query; `QueryError` if it is invalid."""
        if not self.text:
            raise QueryError("empty query")
        source = self.text if self.regex else re.escape(self.text)
        if self.whole_word:
            source = rf"\b(?:{source})\b"
        try:
            # No IGNORECASE: a case-insensitive query has no capitals and runs
            # over the folded text, which lets `re` use its fast literal search.
            return re.compile(source)
        except re.error as error:
            raise QueryError(f"invalid regular expression: {error}") from None


class Match(NamedTuple):
    """One match: which field of the document, and where in that field."""

    key: Hashable
    start: int
    end: int


class _Chunk:
    """A run of consecutive fields joined into one text, searched in one go.

    The case-folded text is kept as UTF-8 bytes, which plain queries search
    directly: mostly ASCII text with a few CJK or Arabic words would otherwise
    take two bytes a character as a Python str. It is built on the chunk's first
    search, not at load: the fields themselves are the document's own strings,
    and a copy of every loaded text, folded, would add as much again to the
    memory of a corpus most of which is never searched.
    """

    __slots__ = ("_byte_starts", "_folded", "count", "first", "original", "original_starts")

    def __init__(self, first: int, count: int) -> None:
        self.first = first
        self.count = count
        self._folded: bytes | None = None
        self._byte_starts: array[int] | None = None
        # The text as written, joined on the first case-sensitive query, then kept.
        self.original: str | None = None
        self.original_starts: array[int] | None = None

    def folded(self, fields: list[str]) -> tuple[bytes, array[int]]:
        """The folded UTF-8 text of this chunk of `fields`, and where each field starts."""
        if self._folded is None or self._byte_starts is None:
            folded = fold(SEPARATOR.join(fields[self.first : self.first + self.count])).encode()
            self._byte_starts = _starts(folded.split(SEPARATOR_BYTES))
            self._folded = folded
        return self._folded, self._byte_starts


def _starts(fields: list[str] | list[bytes]) -> array[int]:
    """Where each field begins in their join."""
    return array("q", accumulate((len(field) + 1 for field in fields[:-1]), initial=0))


class SearchText:
    """A document's searchable fields, prepared once for any number of queries.

    `keys[i]` names field `i` (any indexable of hashables: a list, or a compact
    table such as `reader.store.CommentFields`). The fields are joined in chunks
    of about `CHUNK` characters, so that building the folded text never holds a
    second full copy of a huge thread, and only the chunks searched are folded.
    """

    __slots__ = ("_chunks", "_fields", "_keys")

    CHUNK = 1 << 20

    def __init__(self, texts: list[str], keys: Sequence[Hashable]) -> None:
        """Takes the list `texts` over, as the fields (not copied: a huge thread's
        list of fields is megabytes)."""
        # A field holding the separator itself is blanked there, so fields stay apart.
        for number, text in enumerate(texts):
            if SEPARATOR in text:
                texts[number] = text.replace(SEPARATOR, " ")
        self._fields = texts
        self._keys = keys
        self._chunks: list[_Chunk] = []
        first = size = 0
        for number, text in enumerate(self._fields):
            size += len(text) + 1
            if size >= self.CHUNK:
                self._chunks.append(_Chunk(first, number + 1 - first))
                first, size = number + 1, 0
        if first < len(self._fields) or not self._chunks:
            self._chunks.append(_Chunk(first, len(self._fields) - first))

    def finditer(self, query: Query) -> Iterator[Match]:
        """The matches of `query` in field order; lazy, so the first comes at once."""
        pattern = query.compile()
        if query.regex or query.whole_word or query.case_sensitive:
            for chunk in self._chunks:
                yield from self._general(chunk, pattern, query.case_sensitive)
        else:
            needle = re.compile(re.escape(query.text.encode()))
            for chunk in self._chunks:
                yield from self._plain(chunk, needle, len(query.text))

    def _plain(self, chunk: _Chunk, needle: re.Pattern[bytes], length: int) -> Iterator[Match]:
        """A lower-case literal: found in the UTF-8 bytes, spans turned into characters."""
        folded, starts = chunk.folded(self._fields)
        first, keys = chunk.first, self._keys
        fields = len(starts)
        for found in needle.finditer(folded):
            start, end = found.span()
            field = bisect_right(starts, start) - 1
            if field + 1 < fields and end >= starts[field + 1]:
                continue  # It runs across the separator into the next field.
            base = len(folded[starts[field] : start].decode())
            yield Match(keys[first + field], base, base + length)

    def _general(
        self, chunk: _Chunk, pattern: re.Pattern[str], case_sensitive: bool
    ) -> Iterator[Match]:
        """Any query, over the text as a str: the folded text or the original."""
        if case_sensitive:
            if chunk.original is None:
                fields = self._fields[chunk.first : chunk.first + chunk.count]
                chunk.original = SEPARATOR.join(fields)
                chunk.original_starts = _starts(fields)
            haystack, starts = chunk.original, chunk.original_starts
        else:
            haystack = chunk.folded(self._fields)[0].decode()
            starts = _starts(haystack.split(SEPARATOR))
        assert starts is not None
        first, keys, fields = chunk.first, self._keys, len(starts)
        for found in pattern.finditer(haystack):
            start, end = found.span()
            if start == end:
                continue
            field = bisect_right(starts, start) - 1
            if field + 1 < fields and end >= starts[field + 1]:
                continue  # It runs across the separator into the next field.
            base = starts[field]
            yield Match(keys[first + field], start - base, end - base)
