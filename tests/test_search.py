"""Searching in the store: smart case, Unicode folding, regex, whole word, order, spans."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from reader.model import Article, Comment
from reader.search.fields import BODY, HEADER, TITLE
from reader.search.query import Match, Query, QueryError, SearchText, fold, plan
from reader.store import DocumentStore


def store_with(*comments: Comment, body: list[str] | None = None) -> DocumentStore:
    store = DocumentStore()
    store.add(Article(title="Title", body=body or [], comments=list(comments)), "a")
    return store


def keys(store: DocumentStore, query: Query) -> list[tuple[object, int, int]]:
    return [(m.key, m.start, m.end) for m in store.search_thread("a", query)]


def test_lower_case_query_matches_any_case() -> None:
    store = store_with(Comment(text=["Aleppo and ALEPPO and aleppo"]))
    assert [start for _, start, _ in keys(store, Query("aleppo"))] == [0, 11, 22]


def test_a_capital_makes_the_query_case_sensitive() -> None:
    store = store_with(Comment(text=["Aleppo and ALEPPO and aleppo"]))
    assert keys(store, Query("Aleppo")) == [((0, 0), 0, 6)]


@pytest.mark.parametrize(
    ("text", "query", "found"),
    [
        ("ÉTÉ en Égypte", "été", "ÉTÉ"),
        ("Straße ΣΟΦΊΑ", "σοφία", "ΣΟΦΊΑ"),
        ("مرحبا بالعالم", "بالعالم", "بالعالم"),
        ("你好世界", "世界", "世界"),
        ("İstanbul and Ankara", "ankara", "Ankara"),
    ],
)
def test_unicode_text_is_folded_without_shifting_spans(text: str, query: str, found: str) -> None:
    store = store_with(Comment(text=[text]))
    [(_, start, end)] = keys(store, Query(query))
    assert text[start:end] == found


def test_fold_keeps_length_even_for_characters_that_lower_to_two() -> None:
    assert len(fold("İİ abc")) == len("İİ abc")
    assert fold("ABC") == "abc"


def test_regex_and_whole_word() -> None:
    store = store_with(Comment(text=["cat catalog concat cat."]))
    assert len(keys(store, Query("cat"))) == 4
    assert [s for _, s, _ in keys(store, Query("cat", whole_word=True))] == [0, 19]
    assert [s for _, s, _ in keys(store, Query(r"\bcat\w+", regex=True))] == [4]
    assert keys(store, Query(r"c.t\.", regex=True)) == [((0, 0), 19, 23)]


def test_escapes_in_a_regex_do_not_count_as_capitals() -> None:
    assert not Query(r"\S+ing", regex=True).case_sensitive
    assert Query(r"\SING", regex=True).case_sensitive


def test_invalid_regex_is_a_query_error_with_a_reason() -> None:
    store = store_with(Comment(text=["x"]))
    with pytest.raises(QueryError, match="invalid regular expression"):
        list(store.search_thread("a", Query("(unclosed", regex=True)))


def test_an_invalid_whole_word_regex_reports_the_position_in_the_users_text() -> None:
    with pytest.raises(QueryError) as caught:
        Query("([", regex=True, whole_word=True).compile()
    assert str(caught.value).endswith("at position 1")


def test_matches_come_in_display_order_with_headers_first() -> None:
    store = store_with(
        Comment(
            author="Nemo",
            text=["nemo one", "two nemo"],
            replies=[Comment(author="nemo", text=["nemo"])],
        ),
        Comment(text=["last nemo"]),
    )
    assert keys(store, Query("nemo")) == [
        ((0, HEADER), 0, 4),
        ((0, 0), 0, 4),
        ((0, 1), 4, 8),
        ((1, HEADER), 0, 4),
        ((1, 0), 0, 4),
        ((2, 0), 5, 9),
    ]


def test_matches_never_span_two_fields() -> None:
    text = SearchText(["end", "start"], ["a", "b"])
    assert list(text.finditer(Query(r"end.start", regex=True))) == []
    assert list(text.finditer(Query(r"d\W*s", regex=True))) == []


class CountedKeys(Sequence[int]):
    """Field keys that remember which were looked up: a match's key is looked up
    when the match is made, so this shows how far a search has read."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.read: list[int] = []

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> int:  # type: ignore[override]
        self.read.append(index)
        return index


@pytest.mark.parametrize(
    "query",
    [Query("needle"), Query("Needle"), Query(r"need\w+", regex=True)],
    ids=["plain", "case-sensitive", "regex"],
)
def test_search_is_lazy_so_the_first_match_comes_before_the_rest_are_read(
    monkeypatch: pytest.MonkeyPatch, query: Query
) -> None:
    """A thousand fields in chunks of about 64 characters: the first match comes
    out having made no other match, in no chunk but the first."""
    monkeypatch.setattr(SearchText, "CHUNK", 64)
    keys = CountedKeys(1000)
    text = SearchText([f"Needle {i}" for i in range(1000)], keys)
    matches = text.finditer(query)
    assert next(matches) == Match(0, 0, 6)
    assert keys.read == [0]
    assert len(list(matches)) == 999 and len(keys.read) == 1000


def test_article_search_covers_title_and_body() -> None:
    store = store_with(body=["one word", "another word"])
    found = [(m.key, m.start) for m in store.search_article("a", Query("word"))]
    assert found == [((BODY, 0), 4), ((BODY, 1), 8)]
    assert [m.key for m in store.search_article("a", Query("title"))] == [(TITLE, 0)]


def test_search_all_names_matching_articles_with_matching_comment_counts() -> None:
    store = DocumentStore()
    store.add(Article(title="x", comments=[Comment(text=["hit"]), Comment(text=["hit hit"])]), "a")
    store.add(Article(title="hit in title"), "b")
    store.add(Article(title="nothing"), "c")
    assert list(store.search_all(Query("hit"))) == [("a", 2), ("b", 0)]


@pytest.mark.parametrize("text", ["hit", "Hit", "h.t"])
def test_a_search_of_every_article_compiles_its_query_once(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A list of 10,000 small articles is 20,000 documents: compiling the query
    # for each was most of the search's time.
    compiled: list[Query] = []
    compile_query = Query.compile
    monkeypatch.setattr(
        Query, "compile", lambda query: compiled.append(query) or compile_query(query)
    )
    plan.cache_clear()
    store = DocumentStore()
    for number in range(50):
        store.add(Article(title=f"t{number}", comments=[Comment(text=["no"])]), f"a{number}")
    store.add(Article(title="last", comments=[Comment(text=["Hit"])]), "last")
    query = Query(text, regex=text == "h.t")
    assert list(store.search_all(query)) == [("last", 1)]
    assert compiled == [query]


def test_aleppo_in_the_first_seed_thread_is_found_in_comments_2_and_7() -> None:
    from reader.formats.seedtext import parse_seed_text
    from tests.seeds import FIRST_SEED_FILE as path

    store = DocumentStore()
    article = store.add(parse_seed_text(path.read_text(encoding="utf-8"), path), path.stem)
    thread = store.thread(article.id)
    matches = list(store.search_thread(article.id, Query("aleppo")))
    assert [thread.comments[m.key[0]].path for m in matches] == ["2", "7"]  # type: ignore[index]


def test_chunked_search_text_finds_the_same_as_one_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"field {n} has {'needle ' * (n % 3)}and Needle" for n in range(200)]
    keys = list(range(200))
    whole = list(SearchText(texts, keys).finditer(Query("needle")))
    monkeypatch.setattr(SearchText, "CHUNK", 64)
    chunked_text = SearchText(texts, keys)
    assert len(chunked_text.chunks) > 10
    assert list(chunked_text.finditer(Query("needle"))) == whole
    assert len(list(chunked_text.finditer(Query("Needle")))) == 200
