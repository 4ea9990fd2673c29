"""Hacker News in its three shapes (Algolia, HNPWA, Firebase items) and its HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.formats.loader import load_articles
from reader.formats.text import html as htmltext
from reader.formats.text.html import html_to_text
from reader.text import CODE, LINK, LINKS, MARKER, PARAGRAPH, QUOTE, Span
from tests.builders import write
from tests.formats_support import (
    DEEP,
    assert_round_trips,
    by_id,
    comments,
    depth_of,
    kinds,
    load,
    nested_json,
)
from tests.test_html_markup import by_html_parser

# HN's HTML -------------------------------------------------------------------


def test_unclosed_p_starts_each_paragraph() -> None:
    text, blocks = html_to_text("one<p>two<p>three")
    assert text == ["one", "two", "three"]
    assert blocks is None  # plain paragraphs carry no layout


def test_truncated_link_text_shows_the_full_href_without_a_marker() -> None:
    href = "https://example.com/a/very/long/path/to/the/page"
    text, blocks = html_to_text(f'see <a href="{href}">https://example.com/a/very/long/pa...</a>')
    assert text == [f"see {href}"]
    assert blocks is not None and blocks[0].spans == (Span(4, 4 + len(href), LINK, href),)


def test_link_with_other_text_gets_a_marker_and_a_links_block() -> None:
    text, blocks = html_to_text(
        '<a href="https://a.example/">https://a.example/</a> and <a href="https://b.example/">b</a>'
    )
    assert text == ["https://a.example/ and b [2]", "[2] https://b.example/"]
    assert kinds(blocks) == [PARAGRAPH, LINKS]
    assert blocks is not None
    assert [(s.kind, text[0][s.start : s.end]) for s in blocks[0].spans] == [
        (LINK, "https://a.example/"),
        (LINK, "b"),
        (MARKER, "[2]"),
    ]


def test_a_links_title_attribute_is_listed_after_its_url() -> None:
    text, blocks = html_to_text(
        '<p>See <a href="https://a.example/x" title="The  x page">x</a>, '
        '<a href="https://b.example/" title="Bee">https://b.example/</a> '
        'and <a href="https://c.example/" title="">c</a>'
    )
    # A titled link is listed even when its text is its URL; an empty title is none.
    assert text == [
        "See x [1], https://b.example/ [2] and c [3]",
        '[1] https://a.example/x "The x page"\n[2] https://b.example/ "Bee"\n'
        "[3] https://c.example/",
    ]
    assert blocks is not None
    links = [span for span in blocks[0].spans if span.kind == LINK]
    assert [(span.url, span.title) for span in links] == [
        ("https://a.example/x", "The x page"),
        ("https://b.example/", "Bee"),
        ("https://c.example/", None),
    ]


def test_pre_keeps_lines_blank_lines_and_indentation() -> None:
    text, blocks = html_to_text("<p>x<pre><code>  a\n\n\tb\n</code></pre>after")
    assert text == ["x", "  a\n\n        b", "after"]
    assert kinds(blocks) == [PARAGRAPH, CODE, PARAGRAPH]


def test_entities_are_decoded_and_markup_stays_out_of_the_words() -> None:
    text, _ = html_to_text("it&#x27;s &quot;a&quot; &#x2F; b &gt; c <i>d</i>")
    assert text == ['it\'s "a" / b > c d']


def test_gt_paragraph_is_a_quote_in_hn_text_only() -> None:
    text, blocks = html_to_text("&gt; quoted<p>mine", gt_quotes=True)
    assert text == ["quoted", "mine"]
    assert blocks is not None and (blocks[0].kind, blocks[0].level) == (QUOTE, 1)
    assert html_to_text("&gt; quoted")[0] == ["> quoted"]


# Algolia ---------------------------------------------------------------------


def test_algolia_item_becomes_an_article_with_its_thread() -> None:
    (article,) = load("hn_algolia.json")
    assert article.title.startswith("Ask HN: How do you keep notes")
    assert article.source == "Hacker News"
    assert article.url == "https://news.ycombinator.com/item?id=4100"
    assert article.published == "2024-05-01T12:34:56+00:00"
    assert (article.source_id, article.score) == ("4100", 57)
    assert article.body == [
        "I run soil-moisture trials that last months.",
        "My notebook is a mess & I'd like ideas.",
    ]
    assert [c.source_id for c in comments(article)] == ["4101", "4103", "4104", "4105", "4102"]
    first = by_id(article)["4101"]
    assert first.text[0].endswith(
        "https://example.com/notes/2024/a-very-long-path-to-the-log-format"
    )
    assert first.text[2] == "  2024-05-01 plot A: 31%\n\n      note: rain overnight"
    assert kinds(first.blocks) == [PARAGRAPH, PARAGRAPH, CODE, PARAGRAPH]


def test_algolia_deleted_comment_keeps_its_place_and_replies() -> None:
    (article,) = load("hn_algolia.json")
    gone = by_id(article)["4104"]
    assert (gone.status, gone.author, gone.text) == ("deleted", None, ())
    assert [reply.source_id for reply in gone.replies] == ["4105"]


def test_op_is_marked_by_author() -> None:
    (article,) = load("hn_algolia.json")
    assert [c.source_id for c in comments(article) if c.is_op] == ["4103"]


# HNPWA -----------------------------------------------------------------------


def test_hnpwa_item_with_deleted_and_dead_comments() -> None:
    (article,) = load("hn_pwa.json")
    assert article.url == "https://news.ycombinator.com/item?id=5200"
    assert (article.score, article.comment_count) == (88, 5)
    assert article.published == "2024-05-01T21:46:40+00:00"
    found = by_id(article)
    assert (found["5202"].status, found["5202"].author, found["5202"].text) == (
        "deleted",
        None,
        (),
    )
    assert found["5204"].status == "dead"
    assert found["5204"].text == ("This one was flagged but its words stay.",)
    assert found["5201"].text[-1] == "[1] https://example.net/models/birds"


def test_hnpwa_older_commentscount_key(tmp_path: Path) -> None:
    data = {"id": 1, "title": "t", "user": "u", "time": 0, "commentscount": 7, "comments": []}
    (article,) = load_articles(write(tmp_path / "old.json", json.dumps(data)))
    assert article.comment_count == 7


# Firebase --------------------------------------------------------------------


def test_firebase_items_assemble_by_kids_order_then_parent() -> None:
    (article,) = load("hn_firebase.jsonl")
    # kids [6302, 6301]; 6304 is a reply 6301 does not list; 6305's parent is missing.
    assert [c.source_id for c in article.comments] == ["6302", "6301", "6305"]
    assert [c.source_id for c in article.comments[1].replies] == ["6303", "6304"]
    assert [c.status for c in article.comments[1].replies] == ["dead", "deleted"]
    assert (article.title, article.url, article.comment_count) == (
        "Field notes from a river survey",
        "https://example.com/river",
        5,
    )


def test_firebase_array_and_json_lines_give_the_same_thread() -> None:
    (lines,) = load("hn_firebase.jsonl")
    (array,) = load("hn_firebase.json")
    assert [c.source_id for c in comments(lines)] == [c.source_id for c in comments(array)]


# Round trips and depth -----------------------------------------------------------


@pytest.mark.parametrize("name", ["hn_algolia.json", "hn_pwa.json", "hn_firebase.jsonl"])
def test_dump_then_load_gives_the_same_article(name: str, tmp_path: Path) -> None:
    assert_round_trips(load(name), tmp_path)


def test_3000_deep_replies_load_in_every_hn_shape(tmp_path: Path) -> None:
    algolia = nested_json(
        '{"id": 1, "created_at_i": 0, "title": "deep", "author": "a"',
        '"id": {n}, "author": "u", "text": "x<p>y"',
        "children",
        DEEP,
    )
    pwa = nested_json(
        '{"id": 1, "title": "deep", "user": "a", "time": 0, "comments_count": 1',
        '"id": {n}, "user": "u", "time": 0, "content": "x"',
        "comments",
        DEEP,
    )
    firebase = [{"id": 1, "type": "story", "by": "a", "time": 0, "title": "deep", "kids": [2]}]
    firebase += [
        {"id": n, "by": "u", "time": 0, "parent": n - 1, "text": "x", "kids": [n + 1]}
        for n in range(2, DEEP + 2)
    ]
    for name, data in (("a.json", algolia), ("p.json", pwa), ("f.json", json.dumps(firebase))):
        path = tmp_path / name
        path.write_text(data, encoding="utf-8")
        (article,) = load_articles(path)
        assert depth_of(article) == DEEP
    assert_round_trips([article], tmp_path)


# The parser-free path for `<p>`-only HTML gives what the parser gives ---------------

_HN_PIECES = st.sampled_from(
    [
        "<p>",
        "&gt; ",
        "&gt;&gt;",
        ">",
        " ",
        "  ",
        "\n",
        "\t",
        "\xa0",
        "&#x27;",
        "&quot;",
        "&amp;",
        "&nbsp;",
        "&#x2F;",
        "word",
        "Wörd",
        "&",
        "&unknown;",
        "x > y",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_HN_PIECES, max_size=12).map("".join), st.booleans())
def test_p_only_html_skips_the_parser_with_the_same_result(html: str, gt_quotes: bool) -> None:
    assert htmltext.OTHER_THAN_P.search(html) is None
    assert html_to_text(html, gt_quotes=gt_quotes) == by_html_parser(html, gt_quotes)


# HN's own tags skip `html.parser` with the same result -----------------------------

_HN_MARKUP_PIECES = st.sampled_from(
    ["<p>", "</p>", "<i>", "</i>", "<code>", "</code>", "<pre>", "</pre>", "</a>", "<a>",
     '<a href="https:&#x2F;&#x2F;x.example&#x2F;a?b=1&amp;c=2" rel="nofollow">',
     '<a href="https://x.example/b">', '<a href="">', "https://x.example/b", "https://x.ex...",
     "&gt; ", ">", " ", "\n", "  ", "&#x27;", "&amp", "&", "word", "Wörd", "<b>", "<I>",
     "<p/>", "<", "a < b", "<!-- c -->", '<a rel="nofollow" href="https://y.example">',
     "<script>", "&lt;i&gt;", "\xa0"]
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(_HN_MARKUP_PIECES, max_size=14).map("".join), st.booleans())
def test_hn_markup_skips_the_html_parser_with_the_same_result(html: str, gt_quotes: bool) -> None:
    assert html_to_text(html, gt_quotes=gt_quotes) == by_html_parser(html, gt_quotes)


def test_a_comment_in_hns_tags_never_reaches_the_html_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fed: list[str] = []
    monkeypatch.setattr(htmltext.Converter, "feed", lambda self, html: fed.append(html))
    text, _ = html_to_text(
        '&gt; said<p>See <a href="https:&#x2F;&#x2F;x.example&#x2F;a" rel="nofollow">'
        "https:&#x2F;&#x2F;x.example&#x2F;a</a> <i>now</i><pre><code>  x = 1\n</code></pre>",
        gt_quotes=True,
    )
    assert text == ["said", "See https://x.example/a now", "  x = 1"]
    assert fed == []
    html_to_text("<!-- a comment --> is not HN's")
    assert fed == ["<!-- a comment --> is not HN's"]
