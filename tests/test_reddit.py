"""Reddit thread JSON and the Markdown of its posts and comments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.formats.loader import load_articles
from reader.formats.text import markdown as markdowntext
from reader.formats.text.markdown import markdown_to_text
from reader.formats.yaml.dump import dump_articles
from reader.text import CODE, HEADING, ITEM, LINKS, PARAGRAPH, QUOTE, RULE, Span
from tests.builders import write
from tests.formats_support import DEEP, assert_round_trips, by_id, depth_of, kinds, load

# Markdown ----------------------------------------------------------------------


def test_markdown_blocks_and_their_layout() -> None:
    source = (
        "# Title\n\n> one\n>> two\n\n1. first\n   - inner\n2. second\n\n"
        "```\na\n\n  b\n```\n\n    indented\n\n---\n\nend"
    )
    text, blocks = markdown_to_text(source)
    assert text == [
        "Title",
        "one",
        "two",
        "first",
        "inner",
        "second",
        "a\n\n  b",
        "indented",
        "",
        "end",
    ]
    assert blocks is not None
    assert [(b.kind, b.level, b.marker) for b in blocks] == [
        (HEADING, 1, ""),
        (QUOTE, 1, ""),
        (QUOTE, 2, ""),
        (ITEM, 1, "1."),
        (ITEM, 2, "•"),
        (ITEM, 1, "2."),
        (CODE, 0, ""),
        (CODE, 0, ""),
        (RULE, 0, ""),
        (PARAGRAPH, 0, ""),
    ]


def test_markdown_inline_styles_links_and_html_as_text() -> None:
    text, blocks = markdown_to_text("*a* **b** `c` [d](https://d.example) <b>e</b>")
    assert text == ["a b c d [1] <b>e</b>", "[1] https://d.example"]
    assert blocks is not None and blocks[1].kind == LINKS
    assert blocks[0].spans == (
        Span(0, 1, "em"),
        Span(2, 3, "strong"),
        Span(4, 5, "code"),
        Span(6, 7, "link", "https://d.example"),
        Span(8, 11, "marker"),
    )


def test_markdown_link_whose_text_is_its_url_has_no_marker() -> None:
    text, _ = markdown_to_text("<https://x.example/>")
    assert text == ["https://x.example/"]


def test_markdown_link_and_image_titles_are_listed_after_their_urls() -> None:
    text, blocks = markdown_to_text(
        '[boognish](http://i.example/x.jpg "bananas and blow") ![a map](http://m.example/m.png '
        "'the map') [plain](http://p.example/)"
    )
    assert text == [
        "boognish [1] a map [2] plain [3]",
        '[1] http://i.example/x.jpg "bananas and blow"\n[2] http://m.example/m.png "the map"\n'
        "[3] http://p.example/",
    ]
    assert blocks is not None
    titles = [(span.url, span.title) for span in blocks[0].spans if span.kind == "link"]
    assert titles == [
        ("http://i.example/x.jpg", "bananas and blow"),
        ("http://m.example/m.png", "the map"),
        ("http://p.example/", None),
    ]


def test_a_link_title_is_dumped_and_read_back(tmp_path: Path) -> None:
    (article,) = load("reddit.json")
    dumped = dump_articles([article], "yaml")
    assert "What r/books allows" in dumped
    (again,) = load_articles(write(tmp_path / "again.yaml", dumped))
    rules = "https://www.reddit.com/r/books/about/rules"
    assert again.body_blocks is not None
    (link,) = [span for span in again.body_blocks[2].spans if span.kind == "link"]
    assert (link.url, link.title) == (rules, "What r/books allows")
    assert again.body[-1] == f'[1] {rules} "What r/books allows"'


# The thread ----------------------------------------------------------------------


def test_post_fields() -> None:
    (article,) = load("reddit.json")
    assert article.title == "What is the oddest thing you found in a library book?"
    assert (article.author, article.source) == ("inkwell_ada", "r/books")
    assert article.published == "2024-05-04T05:20:00+00:00"  # created_utc, not created
    assert (article.source_id, article.score, article.comment_count) == ("t3_1abcde", 1234, 9)
    assert article.url == "https://www.reddit.com/r/books/comments/1abcde/what_is_the_oddest_thing/"
    # &amp; and &gt; are unescaped before the Markdown is read: a real quote block.
    assert article.body[:2] == [
        "Mine was a pressed fern & a bus ticket from 1987.",
        "Books are time capsules",
    ]
    assert kinds(article.body_blocks)[:2] == [PARAGRAPH, QUOTE]


def test_comments_keep_ids_scores_edits_and_op() -> None:
    (article,) = load("reddit.json")
    found = by_id(article)
    jam = found["t1_c1"]
    assert (jam.score, jam.edited) == (321, "2024-05-04T05:35:00+00:00")
    assert jam.text[-1] == "Also x < y & <b>not bold</b>."
    assert jam.text[4] == "stir   gently\n\n  for 20 min"
    assert [c.source_id for c in found.values() if c.is_op] == ["t1_c2"]
    assert [(b.kind, b.level) for b in found["t1_c2"].blocks or ()] == [
        (QUOTE, 1),
        (QUOTE, 2),
        (PARAGRAPH, 0),
    ]


def test_distinguished_and_stickied_comments_are_kept_and_round_trip(tmp_path: Path) -> None:
    def comment(name: str, **data: object) -> dict:
        return {"kind": "t1", "data": {"id": name, "author": "u", "body": "x", **data}}

    post = {"kind": "t3", "data": {"id": "p", "title": "t", "author": "a", "selftext": ""}}
    listing = [
        {"kind": "Listing", "data": {"children": [post]}},
        {"kind": "Listing", "data": {"children": [
            comment("m", distinguished="moderator", stickied=True),
            comment("a", distinguished="admin", stickied=False),
            comment("n", distinguished=None),
        ]}},
    ]  # fmt: skip
    (article,) = load_articles(write(tmp_path / "t.json", json.dumps(listing)))
    assert [(c.distinguished, c.stickied) for c in article.comments] == [
        ("moderator", True), ("admin", False), (None, False),
    ]  # fmt: skip
    assert_round_trips([article], tmp_path)
    dumped = write(tmp_path / "dumped.yaml", dump_articles([article], "yaml"))
    assert "distinguished: moderator" in dumped.read_text(encoding="utf-8")
    (again,) = load_articles(dumped)
    assert [(c.distinguished, c.stickied) for c in again.comments] == [
        ("moderator", True), ("admin", False), (None, False),
    ]  # fmt: skip


def test_deleted_and_removed_stay_with_their_replies() -> None:
    (article,) = load("reddit.json")
    found = by_id(article)
    assert (found["t1_c3"].status, found["t1_c3"].author, found["t1_c3"].text) == (
        "deleted",
        None,
        (),
    )
    assert [r.source_id for r in found["t1_c3"].replies] == ["t1_c4"]
    assert found["t1_c8"].status == "removed"


def test_more_entries_become_stub_comments() -> None:
    (article,) = load("reddit.json")
    found = by_id(article)
    assert (found["t1_c7"].status, found["t1_c7"].more, found["t1_c7"].text) == (
        "more",
        3,
        ("3 more replies not in this file",),
    )
    assert (found["t1_c6"].more, found["t1_c6"].text) == (0, ("thread continues on reddit",))


def test_dump_then_load_gives_the_same_article(tmp_path: Path) -> None:
    assert_round_trips(load("reddit.json"), tmp_path)


def _deep_thread(depth: int) -> str:
    post = {"kind": "t3", "data": {"title": "deep", "author": "a", "created_utc": 0}}
    head = json.dumps({"kind": "Listing", "data": {"children": [post]}})
    opening = [head, ', {"kind": "Listing", "data": {"children": [']
    for number in range(depth):
        opening.append(
            f'{{"kind": "t1", "data": {{"id": "c{number}", "author": "u", "body": "x",'
            f' "created_utc": 0, "replies": {{"kind": "Listing", "data": {{"children": ['
        )
    return "[" + "".join(opening) + "]}}}}" * depth + "]}}]"


def test_3000_deep_replies_load_past_the_recursion_limit(tmp_path: Path) -> None:
    text = _deep_thread(DEEP)
    with pytest.raises(RecursionError):
        json.loads(text)  # what the deep path is there for
    (article,) = load_articles(write(tmp_path / "deep.json", text))
    assert depth_of(article) == DEEP
    assert_round_trips([article], tmp_path)


# The parser-free path for plain text gives what the parser gives -----------------

_MD_PIECES = st.sampled_from(
    [
        "word",
        "Wörd",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\n \n",
        ".",
        ",",
        "&",
        "& x",
        "1",
        "1.",
        "-",
        "*",
        "_",
        ">",
        "#",
        "`",
        "[a]",
        "(b)",
        "\\",
        "~",
        "|",
        "=",
        "+",
        "\t",
        "\xa0",
        "'",
        "!",
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_MD_PIECES, max_size=14).map("".join))
@example("word \nword")
@example("a\xa0\n\nb ")
def test_plain_text_skips_the_parser_with_the_same_result(source: str) -> None:
    assert markdown_to_text(source) == markdowntext.parsed(source)


# Quotes and paragraphs skip the block parser with the same result ---------------

_MD_LINES = st.sampled_from(
    ["> quoted *em* [a](https://a.example) &amp; x", ">> deeper `code`", "> > spaced",
     ">no space", ">  two spaces", ">", "> ", "plain words", "words  ", "trailing \\",
     "*starts* with em", "_x_ y", "# heading", "- item", "1. item", "2) item", "    code",
     "```", "---", "===", "[ref]: https://r.example", "see [ref]", "<b>html</b>", "| a |",
     "\xa0", "  ", "", "a **b** <https://c.example> &#x27;", "![img](https://i.example)",
     "~~strike~~", "\\*escaped\\*", "x\ty", "fish &amp; chips", "it&#x27;s", "AT&T",
     "trailing break  "]
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(_MD_LINES, max_size=8).map("\n".join))
@example("> a\nlazy")
@example("> a\n>> b")
@example("a\n> b")
@example("[ref]\n\n[ref]: https://r.example")
def test_quotes_and_paragraphs_skip_the_block_parser_with_the_same_result(source: str) -> None:
    assert markdown_to_text(source) == markdowntext.parsed(source)


def test_a_quote_and_a_styled_paragraph_never_reach_the_block_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    parser = markdowntext.parser()
    parse = parser.parse

    def counted(source: str, env: dict | None = None) -> list:
        calls.append(source)
        return parse(source, env)

    monkeypatch.setattr(parser, "parse", counted)
    inline_parse = parser.inline.parse
    inline: list[str] = []

    def counted_inline(source: str, *args: object) -> list:
        inline.append(source)
        return inline_parse(source, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(parser.inline, "parse", counted_inline)
    text, blocks = markdown_to_text("> they *said*\n> so\n\nI [checked](https://x.example).")
    assert text == ["they said so", "I checked [1].", "[1] https://x.example"]
    assert blocks is not None and [block.kind for block in blocks] == [QUOTE, PARAGRAPH, LINKS]
    assert calls == []
    assert inline == ["they *said*\nso", "I [checked](https://x.example)."]
    # A quote of plain words, and a plain comment, reach no parser at all.
    assert markdown_to_text("> plain words\n\nmore words")[0] == ["plain words", "more words"]
    assert markdown_to_text("just words, nothing else")[0] == ["just words, nothing else"]
    assert len(inline) == 2 and calls == []
    markdown_to_text("- a list needs it")
    assert calls == ["- a list needs it"]


def test_link_urls_are_kept_as_written() -> None:
    # Not percent-encoded: an autolink's text stays equal to its URL (no marker).
    assert markdown_to_text("<https://x.example/café>")[0] == ["https://x.example/café"]
    text, _ = markdown_to_text("[menu](https://x.example/café)")
    assert text == ["menu [1]", "[1] https://x.example/café"]
