"""Case folding for search: an ASCII query finds, in text with only its ASCII
letters lowered, exactly what the full `fold` finds, and folds no more than it must."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.search import query as search
from reader.search.query import FOLDS_TO_ASCII, SEPARATOR, Match, Query, SearchText, fold
from tests.test_memory import retained_bytes

# Letters whose folding is not plain ASCII: accents precomposed and combining,
# the dotted and dotless i, sharp s (small and capital), the Kelvin and Ohm
# signs, final and other sigma, a titlecase digraph, a ligature, an emoji.
CHARACTERS = (
    "aAkKiIsSeE -1\u00e9\u00c9\u0301\u0130\u0131\u00df\u1e9e\u212a\u2126\u03a9\u03c9"
    "\u03a3\u03c3\u03c2\u01c5\ufb00\U0001f600"
)
QUERIES = [
    "k", "i", "s", "ss", "e", "ke", "\u00e9", "e\u0301", "\u00df", "\u03c3", "\u03c2",
    "\u03c9", "i\u0307", "\U0001f600", "K", "\u0130", "\u212a", "SS", "\u01c6",
]  # fmt: skip
REGEXES = [r"\w+s", r"[a-z]+", r"k.", r"\W", r"i\u0307?", r"(?i)k", r"s*"]

FOLDING = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class SmallChunks(SearchText):
    """Chunks of a few fields each, so that one search crosses many."""

    __slots__ = ()
    CHUNK = 16


def reference(text: SearchText, texts: list[str], query: Query) -> list[Match]:
    """What the search found before ASCII folding, spelled out the slow way: each
    chunk's fields joined, folded whole with `fold` unless the query is case
    sensitive, the query's pattern run over that str."""
    pattern = query.compile()
    found = []
    for chunk in text.chunks:
        fields = texts[chunk.first : chunk.first + chunk.count]
        joined = SEPARATOR.join(fields)
        haystack = joined if query.case_sensitive else fold(joined)
        starts = list(accumulate((len(field) + 1 for field in fields), initial=0))
        for match in pattern.finditer(haystack):
            start, end = match.span()
            field = bisect_right(starts, start) - 1
            if start < end and SEPARATOR not in haystack[start:end]:
                base = starts[field]
                found.append(Match(chunk.first + field, start - base, end - base))
    return found


@st.composite
def queries(draw: st.DrawFn, texts: list[str]) -> Query:
    kind = draw(st.sampled_from(["listed", "random", "from the text", "regex"]))
    if kind == "regex":
        return Query(draw(st.sampled_from(REGEXES)), regex=True)
    if kind == "listed":
        text = draw(st.sampled_from(QUERIES))
    elif kind == "random":
        text = draw(st.text(st.sampled_from(CHARACTERS), min_size=1, max_size=3))
    else:
        field = draw(st.sampled_from(texts))
        start = draw(st.integers(0, len(field)))
        text = field[start : start + draw(st.integers(1, 4))] or "k"
        text = draw(st.sampled_from([str, fold, str.upper]))(text)
    return Query(text, whole_word=draw(st.booleans()))


@FOLDING
@given(
    texts=st.lists(st.text(st.sampled_from(CHARACTERS), max_size=12), min_size=1, max_size=12),
    small_chunks=st.booleans(),
    data=st.data(),
)
def test_search_finds_what_the_full_fold_finds(
    texts: list[str], small_chunks: bool, data: st.DataObject
) -> None:
    """Queries in turn on one search text, first searched for nothing, for an
    ASCII query or for one beyond ASCII: chunks folded for an ASCII query then
    meet queries beyond ASCII, and the other way round."""
    drawn = data.draw(st.lists(queries(texts), min_size=1, max_size=6))
    for first in ([], [Query("e")], [Query("\u00e9")]):
        text = (SmallChunks if small_chunks else SearchText)(list(texts), range(len(texts)))
        for query in first + drawn:
            assert list(text.finditer(query)) == reference(text, texts, query), (first, query)


def test_only_the_kelvin_sign_folds_from_beyond_ascii_into_ascii() -> None:
    """The one character beyond ASCII whose fold is ASCII, over all of Unicode
    (`str.lower` of a whole text differs from a character's own only for a
    final sigma, which stays Greek)."""
    into_ascii = [c for c in range(0x80, 0x110000) if fold(chr(c)).isascii()]
    assert into_ascii == [ord(char) for char in FOLDS_TO_ASCII] == [0x212A]


def test_an_ascii_query_folds_only_chunks_that_hold_a_kelvin_sign(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`fold` runs over text only where the ASCII fold would miss a match; a query
    beyond ASCII folds each chunk once, and that fold then serves every query."""
    folded: list[str] = []
    real_fold = search.fold

    def counted_fold(text: str) -> str:
        if SEPARATOR in text:  # A chunk's text, not a query's.
            folded.append(text)
        return real_fold(text)

    monkeypatch.setattr(search, "fold", counted_fold)
    monkeypatch.setattr(SearchText, "CHUNK", 64)
    texts = [f"\u00c9t\u00e9 \u00e0 Z\u00fcrich, {n} \u00b0C" for n in range(300)]
    texts[150] = "273 \u212a"
    text = SearchText(texts, range(len(texts)))
    chunks = len(text.chunks)
    assert chunks > 50

    assert [m.key for m in text.finditer(Query("k"))] == [150]
    assert len(folded) == 1 and "\u212a" in folded[0]
    assert len(list(text.finditer(Query("rich")))) == 299
    assert len(folded) == 1
    assert len(list(text.finditer(Query("\u00e9t\u00e9")))) == 299
    assert len(folded) == chunks
    assert len(list(text.finditer(Query("\u00e9t\u00e9")))) == 299
    assert len(list(text.finditer(Query("rich", whole_word=True)))) == 0
    assert len(folded) == chunks


def test_a_chunk_keeps_one_folded_copy_whichever_queries_came() -> None:
    """The full fold made for a query beyond ASCII replaces the ASCII one."""
    texts = [f"\u00c9t\u00e9 {n} in Z\u00fcrich, in Words of Mixed Case" for n in range(20_000)]

    def searched(*words: str) -> int:
        text = SearchText(list(texts), range(len(texts)))
        retained, counts = retained_bytes(
            lambda: [sum(1 for _ in text.finditer(Query(word))) for word in words]
        )
        assert counts == [len(texts)] * len(words)
        return retained  # type: ignore[no-any-return]

    full_only = searched("\u00e9t\u00e9")
    assert searched("mixed", "\u00e9t\u00e9") <= full_only * 1.1


def test_a_match_finds_its_field_among_empty_ones() -> None:
    texts = ["", "", "ab", "", "b", "", "", "xab", ""]
    text = SearchText(list(texts), range(len(texts)))
    assert list(text.finditer(Query("ab"))) == [Match(2, 0, 2), Match(7, 1, 3)]
    assert list(text.finditer(Query(r"b\b", regex=True))) == [
        Match(2, 1, 2),
        Match(4, 0, 1),
        Match(7, 2, 3),
    ]
