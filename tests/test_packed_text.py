"""A comment's text and layout as it keeps them (issue 24's memory): packed
into bytes, given back as they were made, and searched and keyed as the
strings they stand for would be."""

from __future__ import annotations

from hashlib import blake2b

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.model import Comment, Thread
from reader.sanitize import neutralise
from reader.search.fields import CommentFields, thread_search_text
from reader.search.query import Query, SearchText
from reader.state.identity import comment_keys
from reader.text import BLOCK_KINDS, SPAN_KINDS, Block, Span, packed_layout, unpacked_layout

# Any character, lone surrogates (a JSON escape's) and NUL among them.
_CHARACTERS = st.characters(codec=None, categories=None)
paragraphs = st.lists(st.text(_CHARACTERS, max_size=12), max_size=4)


@given(paragraphs)
def test_a_comments_paragraphs_come_back_as_they_were_given(given_text: list[str]) -> None:
    comment = Comment(text=given_text)
    assert comment.text == tuple(given_text)
    comment.text = list(reversed(given_text))
    assert comment.text == tuple(reversed(given_text))


def test_a_comments_text_is_kept_as_utf8_parted_by_nul() -> None:
    # A str a paragraph took 49 to 74 bytes of header, and two bytes a
    # character once one was beyond Latin-1 (`你`).
    comment = Comment(text=["café", "你好 there", ""])
    assert comment.text_utf8 == "café\x00你好 there\x00".encode()
    assert comment.text == ("café", "你好 there", "")


def test_a_text_holding_nul_of_its_own_or_no_text_is_not_packed() -> None:
    with_nul = Comment(text=["a\x00b", "c"])
    assert with_nul.text_utf8 is None and with_nul.text == ("a\x00b", "c")
    assert Comment().text_utf8 is None and Comment().text == ()
    assert Comment(text=[]).text == ()


_urls = st.none() | st.text(_CHARACTERS, max_size=20)
spans = st.builds(
    Span,
    st.integers(0, 2**32 - 1),
    st.integers(0, 2**32 - 1),
    st.sampled_from(SPAN_KINDS),
    _urls,
    _urls,
)
blocks = st.builds(
    Block,
    # A kind, level or marker beyond the packed form's fields is kept marshalled.
    st.sampled_from(BLOCK_KINDS) | st.just("aside"),
    st.integers(0, 300),
    st.text(_CHARACTERS, max_size=4),
    st.lists(spans, max_size=3),
)


@given(st.lists(blocks, max_size=6))
def test_a_layout_comes_back_as_it_was_packed(layout: list[Block]) -> None:
    assert unpacked_layout(packed_layout(layout)) == tuple(layout)


def test_a_comments_layout_is_kept_packed_and_made_when_asked_for() -> None:
    layout = (
        Block(spans=[Span(0, 4, "link", "https://example.org/a", "A title")]),
        Block("item", 2, "•"),
    )
    comment = Comment(text=["Link here", "item"], blocks=layout)
    assert comment.source_fields is not None
    assert type(comment.source_fields.blocks) is bytes
    assert comment.blocks == layout
    # A layout without spans is one shared object, whichever comment asks.
    assert Comment(text=["x"], blocks=layout).blocks[1] is comment.blocks[1]  # type: ignore[index]


def test_a_comments_state_key_is_the_one_its_words_always_had() -> None:
    # Keys are kept in the state database: packing must not change one.
    article = 7
    comments = [Comment(author="ann", text=["One.", "Twö."]), Comment(text=["x"]), Comment()]
    comments[0].replies.append(comments[1])
    thread = Thread([comments[0], comments[2]])

    def digest(data: bytes) -> bytes:
        return blake2b(data, digest_size=8).digest()

    root = article.to_bytes(8, "little", signed=True)
    first = digest(root + "ann\x00One.\x00Twö.".encode())
    expected = [first, digest(first + b"\x00x"), digest(root)]
    assert [key.to_bytes(8, "little", signed=True) for key in comment_keys(article, thread)] == (
        expected
    )


def _strings_search_text(thread: Thread) -> SearchText:
    """A thread's search text as it was made before its comments kept their
    text packed: each field a neutralised string."""
    texts: list[str] = []
    keys = CommentFields()
    for comment in thread.comments:
        if comment.author:
            texts.append(neutralise(comment.author))
        texts.extend(map(neutralise, comment.text))
        keys.add(len(comment.text), bool(comment.author))
    return SearchText(texts, keys)


# Words to find, among characters a search must get right: a tab and an escape
# (shown otherwise, so matches after them move), NUL, letters beyond ASCII, the
# Kelvin sign (which folds into ASCII).
_words = st.sampled_from(["needle", "Needle", "naïve", "\t", "\x1b[1m", "\x00", "\u212a", "你"])
_paragraph = st.lists(_words | st.text(_CHARACTERS, max_size=3), max_size=5).map(" ".join)
_comments = st.builds(
    Comment,
    author=st.none() | st.sampled_from(["", "needle", "ann\tb"]),
    text=st.lists(_paragraph, max_size=3),
)
_queries = st.sampled_from(
    [
        Query("needle"),
        Query("Needle"),
        Query("naïve"),
        Query("k"),
        Query("你"),
        Query(r"n\w+e", regex=True),
        Query("needle", whole_word=True),
    ]
)


@settings(max_examples=150)
@given(st.lists(_comments, max_size=12), _queries, st.sampled_from([8, 64, 1 << 20]))
def test_a_threads_packed_text_is_found_where_its_fields_as_strings_are(
    comments: list[Comment], query: Query, chunk: int
) -> None:
    thread = Thread(comments)
    expected = list(_strings_search_text(thread).finditer(query))
    was = SearchText.CHUNK
    SearchText.CHUNK = chunk
    try:
        found = thread_search_text(thread)
    finally:
        SearchText.CHUNK = was
    assert list(found.finditer(query)) == expected
