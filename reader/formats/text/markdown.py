"""Markdown (Reddit posts and comments, YAML with `text_format: markdown`) to
structured text.

`markdown-it-py` parses; its token stream drives the shared `TextBuilder`.
Nothing is rendered: raw HTML inside Markdown stays text (`html` is off).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.token import Token

from ...text import CODE, EMPHASIS, HEADING, INLINE_CODE, ITEM, PARAGRAPH, QUOTE, RULE, STRONG
from ...text import Block as TextBlock
from .build import TextBuilder

# Anything that could be Markdown syntax: emphasis, code, links, HTML, entities,
# escapes, headings, tables; and lines that could open a list, a quote, a code
# block or a setext heading, or end in a hard break. Text with none of it is
# plain paragraphs, and most comments are: they skip the parser. (Plain
# scans: a pattern with line anchors, or an alternative such as `&[#a-zA-Z]`
# beside the class, makes `re` try every position and costs several times more.)
_MARKUP_CHARACTER = re.compile(r"[\\`*_\[\]<>#~|\t\r\f\v\x00&]")
_ENTITY_START = re.compile(r"[#a-zA-Z]")  # after `&`
_MARKUP_LINE = re.compile(r"\n[ \-+=0-9]")
_HARD_BREAK = "  \n"
_BLANK_LINES = re.compile(r"\n\n+")
_MARKUP_LINE_START = frozenset(" -+=0123456789")
# What a line may not start with (after its `>`s) to be part of a paragraph
# for sure: list, heading, code, rule, setext, html, quote, link-definition and
# indentation starts. Tabs and the characters `normalize` rewrites: anywhere.
_BLOCK_LINE_START = frozenset(" #-+*_=`~<>[|0123456789")
_BLOCK_CONTROL = re.compile(r"[\t\r\f\v\x00]")
_STYLES = {"em_open": EMPHASIS, "strong_open": STRONG}
_CLOSERS = {"em_close": EMPHASIS, "strong_close": STRONG}


class _LinksAsWritten(MarkdownIt):
    """Links keep the URL their author wrote (entities and escapes decoded), not
    a percent-encoded, punycoded one: reader shows URLs, it never fetches them
    through a browser engine, and an autolink's text then equals its URL. (It
    also spares a URL parse per link, a fair share of a comment's cost.)"""

    def normalizeLink(self, url: str) -> str:
        return url

    def normalizeLinkText(self, link: str) -> str:
        return link


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    # No strikethrough: reader has no style for it, so `~~` stays visible.
    return _LinksAsWritten("commonmark", {"html": False})


def markdown_to_text(source: str) -> tuple[list[str], tuple[TextBlock, ...] | None]:
    """The block strings and layout of a Markdown text (see `reader.text`)."""
    if (
        not _has_markup_character(source)
        and _MARKUP_LINE.search(source) is None
        and _HARD_BREAK not in source
        and source[:1] not in _MARKUP_LINE_START
    ):
        return _plain_paragraphs(source), None
    paragraphs = _quoted_paragraphs(source)
    if paragraphs is None:
        return parsed(source)
    return _inline_only(paragraphs)


def _has_markup_character(text: str) -> bool:
    """Whether `text` has a character that could be inline or block syntax (an
    `&` only when an entity could follow)."""
    found = _MARKUP_CHARACTER.search(text)
    while found is not None:
        end = found.end()
        if found.group() != "&" or _ENTITY_START.match(text, end) is not None:
            return True
        found = _MARKUP_CHARACTER.search(text, end)
    return False


def _quoted_paragraphs(source: str) -> list[tuple[int, str]] | None:
    """The paragraphs of a text whose only block syntax is `>` quotes, each with
    its quote level, as markdown-it's block parser would find them; None when
    any line could be other block syntax (a list, heading, code, rule, table,
    link definition, lazy quote continuation, indentation): that text needs it.
    """
    if _BLOCK_CONTROL.search(source) is not None:
        return None
    paragraphs: list[tuple[int, str]] = []
    lines: list[str] = []
    quote = 0
    for line in source.split("\n"):
        if not line.strip(" "):
            if lines:
                paragraphs.append((quote, mdTrim("\n".join(lines))))
                lines = []
            continue
        level = start = 0
        while line.startswith(">", start):
            level += 1
            start += 2 if line.startswith(" ", start + 1) else 1
        words = line[start:] if start else line
        if not words or words[0] in _BLOCK_LINE_START or (lines and level != quote):
            return None
        quote = level
        lines.append(words)
    if lines:
        paragraphs.append((quote, mdTrim("\n".join(lines))))
    return paragraphs


def _inline_only(
    paragraphs: list[tuple[int, str]],
) -> tuple[list[str], tuple[TextBlock, ...] | None]:
    """What `parsed` makes of these paragraphs, without the block parser: each
    one's inline markup parsed alone (or, with none, its lines joined)."""
    builder = TextBuilder()
    md = parser()
    for quote, words in paragraphs:
        builder.open_block(QUOTE if quote else PARAGRAPH, quote)
        if not _has_markup_character(words) and _HARD_BREAK not in words:
            builder.add(words.replace(" \n", "\n").replace("\n", " "))
        else:
            tokens: list[Token] = []
            md.inline.parse(words, md, {}, tokens)
            _inline(builder, tokens)
        builder.close_block()
    return builder.finish()


def parsed(source: str) -> tuple[list[str], tuple[TextBlock, ...] | None]:
    builder = TextBuilder()
    quote = 0
    # Open lists, innermost last: [ordered?, depth]; open items: marker not yet used.
    lists: list[bool] = []
    pending_markers: list[str] = []
    for token in parser().parse(source):
        kind = token.type
        if kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            pending_markers.append(f"{token.info}{token.markup}" if lists and lists[-1] else "•")
        elif kind == "list_item_close":
            pending_markers.pop()
        elif kind == "paragraph_open":
            if pending_markers:
                marker = pending_markers[-1]
                pending_markers[-1] = ""
                builder.open_block(ITEM, len(lists), marker)
            elif quote:
                builder.open_block(QUOTE, quote)
            else:
                builder.open_block(PARAGRAPH)
        elif kind == "heading_open":
            builder.open_block(HEADING, int(token.tag[1:]))
        elif kind in ("fence", "code_block"):
            builder.open_block(CODE, quote)
            builder.add(token.content)
            builder.close_block()
        elif kind == "hr":
            builder.open_block(RULE)
            builder.close_block()
        elif kind == "html_block":
            builder.open_block(QUOTE if quote else PARAGRAPH, quote)
            builder.add(token.content.rstrip("\n"))
        elif kind == "inline":
            _inline(builder, token.children or [])
        elif kind in ("paragraph_close", "heading_close"):
            builder.close_block()
    return builder.finish()


def _plain_paragraphs(source: str) -> list[str]:
    """What the parser makes of text without any Markdown syntax: paragraphs
    split at blank lines, lines joined by a space (no line starts with one),
    the ends trimmed."""
    paragraphs = []
    for chunk in _BLANK_LINES.split(source):
        # The builder trims a block's ends of any whitespace, as here.
        words = chunk.replace(" \n", "\n").replace("\n", " ").strip()
        if words:
            paragraphs.append(words)
    return paragraphs


def _inline(builder: TextBuilder, children: list[Token]) -> None:
    for child in children:
        kind = child.type
        # `text_special` (escapes, entities): only the inline-only path sees
        # them, as the whole parse's `text_join` turns them into `text`.
        if kind in ("text", "text_special", "html_inline"):
            builder.add(child.content)
        elif kind == "softbreak":
            builder.add(" ")
        elif kind == "hardbreak":
            builder.line_break()
        elif kind in _STYLES:
            builder.push(_STYLES[kind])
        elif kind in _CLOSERS:
            builder.pop(_CLOSERS[kind])
        elif kind == "code_inline":
            builder.push(INLINE_CODE)
            builder.add(child.content)
            builder.pop(INLINE_CODE)
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            if href:
                builder.open_link(href, _title(child))
        elif kind == "link_close":
            builder.close_link()
        elif kind == "image":
            source = str(child.attrs.get("src", ""))
            if source:
                builder.link(source, child.content or None, _title(child))
            else:
                builder.add(child.content)


def _title(token: Token) -> str | None:
    """A link's or image's title: `[text](url "title")`."""
    title = token.attrs.get("title")
    return str(title) if title else None
