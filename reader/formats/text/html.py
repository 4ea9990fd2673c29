"""HTML (Hacker News comments, HTML-only mail, feeds, web pages) to structured text.

Parsed with the standard library's `html.parser`, never rendered: the markup
only decides blocks and spans, and every character of text stays text.
Hacker News writes `<p>` to start a paragraph and never closes it, cuts a long
link's text (the `href` is the link), and keeps `<pre><code>` verbatim.
An image is its `[image: alt]` text, a link to the image (its URL in the list
of links): never shown as a picture.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin

from ...text import (
    CODE,
    EMPHASIS,
    HEADING,
    INLINE_CODE,
    ITEM,
    PARAGRAPH,
    QUOTE,
    RULE,
    STRONG,
    Block,
)
from .build import TextBuilder, quote_level

_SPACE = re.compile(r"\s+")
# An absolute http(s) URL that `urljoin` gives back as it is, whatever the
# (equally plain) base: a host and a path, lower-case scheme, no parameters,
# query, fragment, whitespace or brackets (`urljoin` would rebuild those).
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~!$&'()*+,=:@%/-]*)?")
# Most HN comments have no markup but `<p>`: they need no parser.
OTHER_THAN_P = re.compile(r"<(?!p>)")
# Simple tags (a name, attributes with quoted values or none, no `<` in them)
# need no `html.parser`: one regular expression finds them as the parser would
# read them. HN writes only such tags; so do most feeds and mail. At the first
# `<` that is not one (a comment, a doctype, a bare `<`, an unquoted value) or
# a raw-text element, the parser takes the rest: its state between two tags is
# empty, so the rest reads as it would have.
# ASCII whitespace only: `html.parser` reads other spaces as part of a tag's name.
_ATTRIBUTE_PATTERN = (
    r"""[ \t\n\r\f]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)"""
    r"""(?:[ \t\n\r\f]*=[ \t\n\r\f]*(?:"([^"<]*)"|'([^'<]*)'))?"""
)
_ATTRIBUTE = re.compile(_ATTRIBUTE_PATTERN)
# A simple tag (groups: an end tag's name; a start tag's name and attributes), else `<`.
_TAG = re.compile(
    r"<(?:/([a-zA-Z][a-zA-Z0-9]*)[ \t\n\r\f]*"
    rf"|([a-zA-Z][a-zA-Z0-9]*)((?:{_ATTRIBUTE_PATTERN})*+)[ \t\n\r\f]*/?)>|<"
)
# Elements whose content `html.parser` reads as raw text (in some Python versions).
_RAW_TEXT = frozenset(
    "script style textarea title xmp iframe noembed noframes noscript plaintext".split()
)
_STYLES = {"i": EMPHASIS, "em": EMPHASIS, "b": STRONG, "strong": STRONG}
# Tags that end the paragraph they are in and start a new one.
_BREAKING = frozenset(["p", "div", "section", "article", "table", "tr"])
# Content never shown.
_HIDDEN = frozenset(["script", "style", "head", "title"])
_HEADINGS = {f"h{n}": n for n in range(1, 7)}


def html_to_text(
    html: str, *, gt_quotes: bool = False, base: str | None = None
) -> tuple[list[str], tuple[Block, ...] | None]:
    """The block strings and layout of an HTML fragment (see `reader.text`);
    relative links and images are resolved against `base` when given."""
    if OTHER_THAN_P.search(html) is None:
        return _paragraphs(html, gt_quotes)
    return _parsed(html, gt_quotes, base)


def add_html(builder: TextBuilder, html: str) -> None:
    """Add an HTML text's blocks to `builder` (a mail's HTML part among others)."""
    Converter(builder).read(html)
    builder.close_block()


def _parsed(
    html: str, gt_quotes: bool, base: str | None = None
) -> tuple[list[str], tuple[Block, ...] | None]:
    parser = Converter(TextBuilder(gt_quotes=gt_quotes), base)
    parser.read(html)
    return parser.builder.finish()


def _paragraphs(html: str, gt_quotes: bool) -> tuple[list[str], tuple[Block, ...] | None]:
    """What the parser makes of HTML whose only tag is `<p>`: its paragraphs,
    entities decoded, whitespace collapsed (and `>` paragraphs quoted)."""
    texts = map(collapsed, map(unescape, html.split("<p>")))
    paragraphs = [words for words in texts if words]
    if not gt_quotes or not any(words.startswith(">") for words in paragraphs):
        return paragraphs, None
    strings: list[str] = []
    blocks: list[Block] = []
    for words in paragraphs:
        if words.startswith(">"):
            level, cut = quote_level(words)
            if cut < len(words):
                strings.append(words[cut:])
                blocks.append(Block(QUOTE, level))
        else:
            strings.append(words)
            blocks.append(Block(PARAGRAPH))
    if all(block.kind == PARAGRAPH for block in blocks):
        return strings, None
    return strings, tuple(blocks)


def collapsed(text: str) -> str:
    """`" ".join(text.split())`: most text is that already (words one ASCII
    space apart), which is told in C without splitting it. (Every other
    character `split` splits at is not printable.)"""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def single_spaced(text: str) -> str:
    """Each run of whitespace in `text` one space: most text is that already
    (told in C, where the pattern's search is a step a character)."""
    return text if text.isprintable() and "  " not in text else _SPACE.sub(" ", text)


def absolute(base: str | None, url: str) -> str:
    """`url` resolved against `base` (`urljoin`; `url` itself without a base)."""
    if not base:
        return url
    if _PLAIN_URL.fullmatch(url) is not None and _PLAIN_URL.fullmatch(base) is not None:
        return url  # (what `urljoin` gives: the same scheme's is rebuilt as it was)
    return urljoin(base, url)


class Converter(HTMLParser):
    def __init__(self, builder: TextBuilder, base: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = builder
        self.base = base
        self.pre = 0
        self.hidden = 0
        self.quote = 0
        # Open lists: the next number of each (None for bullets).
        self.lists: list[int | None] = []

    def read(self, html: str) -> None:
        """`feed` and `close`: the simple tags found with one regular expression
        (`html.parser`'s scan costs about as much per tag as the rest of a
        comment), the parser fed from the first other `<` on."""
        data, start_tag, end_tag = self.handle_data, self.handle_starttag, self.handle_endtag
        position = 0
        for tag in _TAG.finditer(html):
            start = tag.start()
            if start > position:
                data(unescape(html[position:start]))
            closing, name, attributes = tag.group(1, 2, 3)
            if closing:
                end_tag(closing.lower())
            elif name is None or (name := name.lower()) in _RAW_TEXT:
                self.feed(html[start:])
                self.close()
                return
            else:
                start_tag(name, _attributes(attributes) if attributes else [])
            position = tag.end()
        if position < len(html):
            data(unescape(html[position:]))

    def _paragraph(self) -> None:
        if self.lists:
            self.builder.open_block(ITEM, len(self.lists))
        elif self.quote:
            self.builder.open_block(QUOTE, self.quote)
        else:
            self.builder.open_block(PARAGRAPH)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        builder = self.builder
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "pre":
            self.pre += 1
            builder.open_block(CODE)
        elif self.pre:
            return  # `<code>` inside `<pre>` and the like: the block says it all
        elif tag in _BREAKING:
            self._paragraph()
        elif tag == "br":
            builder.line_break()
        elif tag == "a":
            named = dict(attrs)
            href = (named.get("href") or "").strip()
            if href:
                builder.open_link(self._absolute(href), named.get("title"))
        elif tag in _STYLES:
            builder.push(_STYLES[tag])
        elif tag == "code":
            builder.push(INLINE_CODE)
        elif tag == "blockquote":
            self.quote += 1
            builder.open_block(QUOTE, self.quote)
        elif tag in ("ul", "ol"):
            self.lists.append(1 if tag == "ol" else None)
        elif tag == "li":
            number = self.lists[-1] if self.lists else None
            if self.lists and number is not None:
                self.lists[-1] = number + 1
            builder.open_block(ITEM, max(len(self.lists), 1), f"{number}." if number else "•")
        elif tag in _HEADINGS:
            builder.open_block(HEADING, _HEADINGS[tag])
        elif tag == "hr":
            builder.open_block(RULE)
            builder.close_block()
        elif tag == "img":
            self._image(dict(attrs))

    def _absolute(self, url: str) -> str:
        return absolute(self.base, url)

    def _image(self, attrs: dict[str, str | None]) -> None:
        """`[image: alt]`, a link to the image: its URL goes in the list of links."""
        if self.hidden:
            return
        alt = " ".join((attrs.get("alt") or "").split())
        words = f"[image: {alt}]" if alt else "[image]"
        source = (attrs.get("src") or "").strip()
        if not self.builder.ends_with_space:
            self.builder.add(" ")
        if source:
            self.builder.link(self._absolute(source), words)
        else:
            self.builder.add(words)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        builder = self.builder
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag == "pre":
            self.pre = max(self.pre - 1, 0)
            builder.close_block()
        elif self.pre:
            return
        elif tag == "a":
            builder.close_link()
        elif tag in _STYLES:
            builder.pop(_STYLES[tag])
        elif tag == "code":
            builder.pop(INLINE_CODE)
        elif tag == "blockquote":
            self.quote = max(self.quote - 1, 0)
            builder.close_block()
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            builder.close_block()
        elif tag in _HEADINGS or tag in _BREAKING or tag == "li":
            builder.close_block()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.pre:
            self.builder.add(data)
            return
        text = single_spaced(data)
        if self.builder.ends_with_space:
            text = text.lstrip()
        if not text:
            return
        if not self.builder.in_block:
            self._paragraph()
        self.builder.add(text)


def _attributes(source: str) -> list[tuple[str, str | None]]:
    """A simple tag's attributes as `html.parser` gives them: names lowered,
    values unquoted and unescaped, None for an attribute without one."""
    attributes: list[tuple[str, str | None]] = []
    for attribute in _ATTRIBUTE.finditer(source):
        name, double, single = attribute.groups()
        value = double if double is not None else single
        attributes.append((name.lower(), unescape(value) if value else value))
    return attributes
