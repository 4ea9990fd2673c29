"""Finding text in articles and threads, for the store to offer to every pane.

Each searchable document (a thread, or an article's own text) is turned once,
when it is added to the store, into a `SearchText`: its fields, joined in chunks
by a separator that cannot occur in loaded text, with a case-folded copy of each
chunk made on the first search that needs it. A query is then one compiled
regular expression run by `re` over a chunk in C, and a match is mapped back to
its field by counting the separators before it.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Sequence
from functools import lru_cache
from typing import AnyStr, NamedTuple

# NUL never reaches a field: the loader refuses files that contain it.
SEPARATOR = "\x00"
SEPARATOR_BYTES = SEPARATOR.encode()
_ESCAPES = re.compile(r"\\.")
# The characters beyond ASCII that `fold` turns into ASCII: only KELVIN SIGN,
# to "k" (tests/test_search_folding.py checks this over all of Unicode). A chunk
# holding one cannot have its ASCII letters alone folded for an ASCII query.
FOLDS_TO_ASCII = "\u212a"
FOLDS_TO_ASCII_UTF8 = FOLDS_TO_ASCII.encode()


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


class Query(NamedTuple):
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

    def needle(self) -> tuple[bytes, bool] | None:
        """ASCII bytes that every match holds, and whether in either case (its
        ASCII letters): a search may skip text whose bytes lack them. None
        for a regular expression, or a query beyond ASCII."""
        if self.regex or not self.text or not self.text.isascii():
            return None
        return self.text.encode(), not self.case_sensitive

    def compile(self) -> re.Pattern[str]:
        """The regular expression for this query; `QueryError` if it is invalid."""
        if not self.text:
            raise QueryError("empty query")
        source = self.text if self.regex else re.escape(self.text)
        try:
            # No IGNORECASE: a case-insensitive query has no capitals and runs
            # over the folded text, which lets `re` use its fast literal search.
            # The user's text alone first, so that an error's position is in it.
            pattern = re.compile(source)
        except re.error as error:
            raise QueryError(f"invalid regular expression: {error}") from None
        return re.compile(rf"\b(?:{source})\b") if self.whole_word else pattern


class Plan(NamedTuple):
    """How `SearchText` runs a query: made once per query, not once per document
    (a search of 10,000 small articles runs 20,000 documents)."""

    pattern: re.Pattern[str]
    # A plain lower-case query: its UTF-8 bytes, found in the folded bytes.
    literal: re.Pattern[bytes] | None
    case_sensitive: bool
    ascii_query: bool


@lru_cache(maxsize=16)
def plan(query: Query) -> Plan:
    """The compiled form of `query` (`QueryError` if it is invalid)."""
    pattern = query.compile()
    case_sensitive = query.case_sensitive
    literal = None
    if not (query.regex or query.whole_word or case_sensitive):
        literal = re.compile(re.escape(query.text.encode()))
    return Plan(pattern, literal, case_sensitive, query.text.isascii())


class Match(NamedTuple):
    """One match: which field of the document, and where in that field."""

    key: Hashable
    start: int
    end: int


class Chunk:
    """A run of consecutive fields joined into one text, searched in one go:
    fields `first` to `first + count`, held by the document's parts `part` to
    `part + parts` (a part is one field, a str, or several, packed: see
    `SearchText`).

    The case-folded text is kept as UTF-8 bytes, which plain queries search
    directly: mostly ASCII text with a few CJK or Arabic words would otherwise
    take two bytes a character as a Python str. It is built on the chunk's first
    search, not at load: the fields themselves are the document's own strings,
    and a copy of every loaded text, folded, would add as much again to the
    memory of a corpus most of which is never searched.

    For a query all in ASCII, the folded text is only the UTF-8 bytes with their
    ASCII letters lowered (`bytes.lower`, at memory speed, where `fold` costs some
    2.5 ms a MB of text beyond Latin-1). That finds what the full fold finds:
    every byte of a character beyond ASCII is beyond ASCII in UTF-8, in the text
    as written and in its full fold alike, so an ASCII query matches only runs of
    ASCII characters, which both foldings lower the same way; the one exception,
    a character that folds into ASCII (`FOLDS_TO_ASCII`), makes its chunk take
    the full fold. A query beyond ASCII needs the full fold, which then replaces
    the ASCII one: a chunk keeps one folded copy, never two.
    """

    __slots__ = ("_folded", "_fully_folded", "count", "first", "original", "part", "parts")

    def __init__(self, first: int, count: int, part: int | None = None, parts: int = 0) -> None:
        self.first = first
        self.count = count
        # A part a field where not said.
        self.part = first if part is None else part
        self.parts = count if part is None else parts
        self._folded: bytes | None = None
        self._fully_folded = False
        # The text as written, joined on the first case-sensitive query, then kept.
        self.original: str | None = None

    @property
    def is_folded(self) -> bool:
        """Whether the chunk holds a folded copy (made by a search that reached it)."""
        return self._folded is not None

    def forget_folded(self) -> None:
        """Drop the folded copy: the next search that reaches it folds again."""
        self._folded, self._fully_folded = None, False

    def utf8(self, parts: list[str | bytes]) -> bytes:
        """The chunk's fields, parted by the separator, in UTF-8."""
        mine = parts[self.part : self.part + self.parts]
        # Parts all of one kind are joined at once: strings (an article's
        # fields, encoded after) or packed texts (a thread without authors).
        # In a chunk of both, a join stops at its first part of the other kind.
        try:
            return SEPARATOR.join(mine).encode()  # type: ignore[arg-type]
        except TypeError:
            pass
        try:
            return SEPARATOR_BYTES.join(mine)  # type: ignore[arg-type]
        except TypeError:
            # Both (a thread's authors and packed texts): each string encoded.
            return SEPARATOR_BYTES.join(
                [part if type(part) is bytes else part.encode() for part in mine]  # type: ignore[union-attr]
            )

    def folded(self, parts: list[str | bytes], ascii_query: bool) -> bytes:
        """The folded UTF-8 text of this chunk of `parts`, fit for a query that
        is all ASCII (`ascii_query`) or not."""
        if self._folded is not None and (ascii_query or self._fully_folded):
            return self._folded
        joined = self.utf8(parts)
        if joined.isascii():
            self._folded, self._fully_folded = joined.lower(), True
        elif ascii_query and FOLDS_TO_ASCII_UTF8 not in joined:
            self._folded, self._fully_folded = joined.lower(), False
        else:
            self._folded, self._fully_folded = fold(joined.decode()).encode(), True
        return self._folded


def _in_fields(
    text: AnyStr, found: Iterator[re.Match[AnyStr]], separator: AnyStr
) -> Iterator[tuple[int, int, int, int]]:
    """The matches `found` in `text` (in order) that lie within one field, each
    as its field's number, where that field starts, and the match's span.

    Fields are counted as the matches come, over the text between one match and
    the next, so no table of where each field starts is built or kept.
    """
    field = field_start = counted = 0
    for match in found:
        start, end = match.span()
        if start == end:
            continue  # An empty match (a regex such as `x*`) marks nothing.
        if text.find(separator, start, end) >= 0:
            continue  # It runs across the separator into the next field.
        crossed = text.count(separator, counted, start)
        if crossed:
            field += crossed
            field_start = text.rfind(separator, counted, start) + 1
        counted = start
        yield field, field_start, start, end


class SearchText:
    """A document's searchable fields, prepared once for any number of queries.

    `keys[i]` names field `i` (any indexable of hashables: a list, or a compact
    table such as `reader.search.fields.CommentFields`). The fields are joined in chunks
    of about `CHUNK` characters, so that building the folded text never holds a
    second full copy of a huge thread, and only the chunks searched are folded.

    The fields are held in parts: a str is one field; bytes are one or more
    fields in UTF-8, parted by the separator, as a comment keeps its
    paragraphs (`reader.model.packed_text`), so that a thread's text is
    searched as its comments hold it, not copied into a string a paragraph.
    """

    __slots__ = ("_chunks", "_keys", "_parts")

    CHUNK = 1 << 20

    def __init__(self, texts: list[str], keys: Sequence[Hashable]) -> None:
        """Takes the list `texts` over, as the fields (not copied: a huge thread's
        list of fields is megabytes)."""
        # A field holding the separator itself is blanked there, so fields stay apart.
        for number, text in enumerate(texts):
            if SEPARATOR in text:
                texts[number] = text.replace(SEPARATOR, " ")
        chunks: list[Chunk] = []
        first = size = 0
        for number, text in enumerate(texts):
            size += len(text) + 1
            if size >= self.CHUNK:
                chunks.append(Chunk(first, number + 1 - first))
                first, size = number + 1, 0
        if first < len(texts) or not chunks:
            chunks.append(Chunk(first, len(texts) - first))
        self._parts: list[str | bytes] = texts  # type: ignore[assignment]
        self._keys = keys
        self._chunks = chunks

    @classmethod
    def of_parts(
        cls, parts: list[str | bytes], keys: Sequence[Hashable], chunks: list[Chunk]
    ) -> SearchText:
        """Fields given as `parts` (taken over), cut into `chunks` by the
        caller, who knows how many fields each part holds; no part holds
        the separator but between its fields, and every field is as shown."""
        text = cls.__new__(cls)
        text._parts, text._keys, text._chunks = parts, keys, chunks
        return text

    @property
    def chunks(self) -> list[Chunk]:
        """The runs of fields searched in one go, in field order."""
        return self._chunks

    def forget_folded(self) -> None:
        """Drop every chunk's folded copy (memory back as at load; the next
        search of each chunk folds it again)."""
        for chunk in self._chunks:
            chunk.forget_folded()

    def finditer(self, query: Query) -> Iterator[Match]:
        """The matches of `query` in field order; lazy, so the first comes at once."""
        compiled = plan(query)
        literal = compiled.literal
        if literal is None:
            for chunk in self._chunks:
                yield from self._general(chunk, compiled.pattern, compiled.case_sensitive)
        else:
            length, ascii_query = len(query.text), compiled.ascii_query
            for chunk in self._chunks:
                yield from self._plain(chunk, literal, length, ascii_query)

    def _plain(
        self, chunk: Chunk, needle: re.Pattern[bytes], length: int, ascii_query: bool
    ) -> Iterator[Match]:
        """A lower-case literal: found in the UTF-8 bytes, spans turned into characters."""
        folded = chunk.folded(self._parts, ascii_query)
        first, keys = chunk.first, self._keys
        for field, field_start, start, _ in _in_fields(
            folded, needle.finditer(folded), SEPARATOR_BYTES
        ):
            base = len(folded[field_start:start].decode())
            yield Match(keys[first + field], base, base + length)

    def _general(
        self, chunk: Chunk, pattern: re.Pattern[str], case_sensitive: bool
    ) -> Iterator[Match]:
        """Any query, over the text as a str: the folded text or the original."""
        if case_sensitive:
            if chunk.original is None:
                chunk.original = chunk.utf8(self._parts).decode()
            haystack = chunk.original
        else:
            haystack = chunk.folded(self._parts, ascii_query=False).decode()
        first, keys = chunk.first, self._keys
        for field, field_start, start, end in _in_fields(
            haystack, pattern.finditer(haystack), SEPARATOR
        ):
            yield Match(keys[first + field], start - field_start, end - field_start)
