"""The structure of a comment's or an article's text, free of any UI.

A text is a list of blocks. Each block's *words* are a plain string in
`Comment.text` / `Article.body` (one string per block): that string is what is
shown and what search looks in, so the two always agree. Beside it, a
`Block` says how the block is laid out (paragraph, quote, code, list item,
heading, the list of links, the start of a mail's part) and which spans of its
string are styled (emphasis, inline code, link text, link markers).

A text whose blocks are all plain paragraphs carries no `Block`s at all
(`blocks is None`), so plain seed text and mail cost nothing extra.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

# Block kinds.
PARAGRAPH = "p"
QUOTE = "quote"  # `level` is the quote depth, 1 for `> `
CODE = "code"  # preformatted: line breaks and indentation kept, never re-wrapped
ITEM = "item"  # a list item: `level` is the list depth (1 outermost), `marker` its bullet
HEADING = "heading"  # `level` 1-6
RULE = "rule"  # a thematic break; its text is empty
LINKS = "links"  # the numbered URLs of the links above: `[1] https://...`, one a line
# A line that starts a part of a mail (its text names the part: a file name or
# a type) or lists an attachment that is not shown (`photo.png · image/png · 2.1 kB`).
PART = "part"
BLOCK_KINDS = (PARAGRAPH, QUOTE, CODE, ITEM, HEADING, RULE, LINKS, PART)

# Span kinds.
EMPHASIS = "em"
STRONG = "strong"
INLINE_CODE = "code"
LINK = "link"  # the link's text; `url` is where it goes
MARKER = "marker"  # a link's number after its text, `[1]`
SPAN_KINDS = (EMPHASIS, STRONG, INLINE_CODE, LINK, MARKER)

# Tabs in code are expanded to this many columns when the text is built.
CODE_TAB_SIZE = 8


@dataclass(frozen=True, slots=True)
class Span:
    """Characters `start:end` of a block's string, styled as `kind`; a link's
    `url`, and its `title` where it has one (Markdown's `[text](url "title")`,
    HTML's `title` attribute)."""

    start: int
    end: int
    kind: str
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """How one block of text is laid out and styled; its words live beside it."""

    kind: str = PARAGRAPH
    level: int = 0
    marker: str = ""
    spans: tuple[Span, ...] = ()


PLAIN = Block()


def block_at(blocks: tuple[Block, ...] | None, number: int) -> Block:
    """The layout of block `number` of a text (plain when the text has none)."""
    if blocks is None or number >= len(blocks):
        return PLAIN
    return blocks[number]


def links_of(blocks: tuple[Block, ...] | None) -> list[str]:
    """Every link's URL in the order of its number."""
    if blocks is None:
        return []
    return [span.url for block in blocks for span in block.spans if span.kind == LINK and span.url]


class Link(NamedTuple):
    """A link as the text shows it: where it goes, its words (empty: none
    given) and its title (HTML's `title`, Markdown's `"title"`), if any."""

    url: str
    text: str = ""
    title: str | None = None


def links_in(strings: Sequence[str], blocks: tuple[Block, ...] | None) -> list[Link]:
    """Every link of a text (its blocks' `strings` and layouts), with its
    words, in the order of its number."""
    if blocks is None:
        return []
    return [
        Link(
            span.url,
            strings[number][span.start : span.end] if number < len(strings) else "",
            span.title,
        )
        for number, block in enumerate(blocks)
        for span in block.spans
        if span.kind == LINK and span.url
    ]
