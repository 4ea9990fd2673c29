"""HTML's simple tags are read with one regular expression instead of
`html.parser`, and the parser reads from the first tag that is not simple, with
the parser's own result: checked against the parser alone on generated markup
(tags in any case, attributes quoted either way, empty or without a value,
entities, self-closing tags) and on markup that must take the parser part of
the way (comments, a bare `<`, unquoted values, raw-text elements, spaces
beyond ASCII in a tag)."""

from __future__ import annotations

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
