"""HTML's simple tags are read with one regular expression instead of
`html.parser`, and the parser reads from the first tag that is not simple, with
the parser's own result: checked against the parser alone on generated markup
(tags in any case, attributes quoted either way, empty or without a value,
entities, self-closing tags) and on markup that must take the parser part of
the way (comments, a bare `<`, unquoted values, raw-text elements, spaces
beyond ASCII in a tag)."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.formats.text import html as htmltext
from reader.formats.text.build import TextBuilder
from reader.formats.text.html import html_to_text

BASE = "https://site.example/feed/item"


def by_html_parser(html: str, gt_quotes: bool, base: str | None = None) -> tuple[list[str], object]:
    """What `html.parser` makes of `html`: the oracle of the faster paths."""
    converter = htmltext.Converter(TextBuilder(gt_quotes=gt_quotes), base)
    converter.feed(html)
    converter.close()
    return converter.builder.finish()


_NAMES = st.sampled_from(
    ["p", "P", "a", "A", "b", "i", "em", "strong", "code", "pre", "blockquote", "ul", "ol",
     "li", "h2", "hr", "img", "br", "div", "span", "td", "script", "Style", "title", "textarea"]
)  # fmt: skip
_ATTRIBUTES = st.sampled_from(
    ['href="https://x.example/a?b=1&amp;c=2"', "href='/relative/path'", 'HREF="../up"',
     'title="a &quot;title&quot;"', 'alt="an &lt;alt&gt;"', 'src="pic.png"', 'class=""',
     "hidden", 'href = "spaced"', "href=unquoted", 'href="a>b"', 'data-x="1"', 'href=""',
     'title="two\nlines"']
)  # fmt: skip
_SPACE = st.sampled_from([" ", "  ", "\n", "\t"])


@st.composite
def _tag(draw: st.DrawFn) -> str:
    name = draw(_NAMES)
    if draw(st.booleans()):
        return f"</{name}{draw(st.sampled_from(['', ' ', chr(10)]))}>"
    attributes = "".join(draw(_SPACE) + a for a in draw(st.lists(_ATTRIBUTES, max_size=3)))
    return f"<{name}{attributes}{draw(st.sampled_from(['', ' ', '/', ' /']))}>"


_TEXT = st.sampled_from(
    ["word", "Wörd", " ", "\n\n", "&amp;", "&lt;i&gt;", "&", "&unknown;", "x > y", "&#x27;",
     "\xa0", "&gt; quoted", "> quoted", "  spaced  words  "]
)  # fmt: skip
_OTHER = st.sampled_from(["<!-- c -->", "a < b", "<!DOCTYPE html>", "<a\xa0href='x'>", "</>"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(_tag(), _TEXT, _TEXT), max_size=16).map("".join), st.booleans())
def test_simple_markup_reads_as_html_parser_reads_it(html: str, gt_quotes: bool) -> None:
    assert html_to_text(html, gt_quotes=gt_quotes, base=BASE) == by_html_parser(
        html, gt_quotes, BASE
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_tag(), _TEXT, _OTHER), max_size=12).map("".join))
def test_markup_beyond_the_simple_reads_as_html_parser_reads_it(html: str) -> None:
    assert html_to_text(html, base=BASE) == by_html_parser(html, False, BASE)


@pytest.mark.parametrize(
    ("html", "parsed"),
    [
        ("<p>See <a href=\"/a?b=1&amp;c=2\" title='T'>this</a><br/>and <EM>that</EM></p>", ""),
        ("<ul><li>one</li><li>two</li></ul><img src='x.png' alt=\"pic\" />", ""),
        ("<p>a < b</p>", "< b</p>"),
        ("<p>x</p><!-- note --><p>y</p>", "<!-- note --><p>y</p>"),
        ("<a href=unquoted>x</a>", "<a href=unquoted>x</a>"),
        ("<p>x</p><SCRIPT>if (a<b) {}</script><p>y</p>", "<SCRIPT>if (a<b) {}</script><p>y</p>"),
    ],
)
def test_html_parser_reads_from_the_first_tag_that_is_not_simple(
    html: str, parsed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = by_html_parser(html, False, BASE)
    fed: list[str] = []
    feed = htmltext.Converter.feed
    monkeypatch.setattr(
        htmltext.Converter, "feed", lambda self, data: fed.append(data) or feed(self, data)
    )
    assert html_to_text(html, base=BASE) == expected
    assert fed == ([parsed] if parsed else [])


# Text told collapsed without splitting it: any whitespace `split` and `\s`
# know, next to the ASCII space, printable or not.
_SPACED_TEXT = st.lists(
    st.sampled_from(["word", "é", " ", "  ", "\t", "\n", "\xa0", "\x1c", "\x85", "\u2028",
                     "\u3000", "\u200b", "\x00"])
).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(_SPACED_TEXT)
def test_text_with_single_spaces_is_kept_as_the_general_path_keeps_it(text: str) -> None:
    assert htmltext.collapsed(text) == " ".join(text.split())
    assert htmltext.single_spaced(text) == htmltext._SPACE.sub(" ", text)


def test_most_text_is_told_collapsed_without_splitting_it(monkeypatch: pytest.MonkeyPatch) -> None:
    split: list[str] = []

    class Counted(str):
        def split(self, *args: object) -> list[str]:  # type: ignore[override]
            split.append(self)
            return super().split(*args)  # type: ignore[arg-type]

    assert htmltext.collapsed(Counted("nine herons, counted")) == "nine herons, counted"
    assert htmltext.collapsed(Counted(" nine  herons ")) == "nine herons"
    assert split == [" nine  herons "]


_URL_PARTS = st.tuples(
    st.sampled_from(["https://", "http://", "HTTP://", "ftp://", "", "//", "https:"]),
    st.sampled_from(["site.example", "a-b.example.org", "[::1", "x y", "", "h:8080", "u@h"]),
    st.sampled_from(["", "/", "/a/b", "/a;b", "/a;", "/a?x=1", "/a#f", "//b", "/%41", "/a b",
                     "/a\tb", "/../c", "/a(b)*c!", "/é", "?q", "#f"]),
).map("".join)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.one_of(st.none(), _URL_PARTS), _URL_PARTS)
def test_a_plain_absolute_link_resolves_as_urljoin_resolves_it(base: str | None, url: str) -> None:
    def outcome(resolve: object) -> object:
        try:
            return resolve()  # type: ignore[operator]
        except ValueError as error:
            return type(error)

    assert outcome(lambda: htmltext.absolute(base, url)) == outcome(
        lambda: urljoin(base, url) if base else url
    )


def test_a_plain_absolute_link_skips_urljoin(monkeypatch: pytest.MonkeyPatch) -> None:
    joined: list[str] = []
    monkeypatch.setattr(htmltext, "urljoin", lambda base, url: joined.append(url) or url)
    assert htmltext.absolute(BASE, "https://x.example/a/b") == "https://x.example/a/b"
    assert htmltext.absolute(BASE, "/a/b") == "/a/b"
    assert joined == ["/a/b"]
