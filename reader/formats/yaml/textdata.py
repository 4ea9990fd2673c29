"""A text (block strings and layout) as dump data, and back.

A text of plain paragraphs is one string, paragraphs separated by a blank
line, as the YAML schema has always had it. A text with layout, or with a
paragraph a blank-line split would not give back, is a list of blocks:

    - kind: quote          # p, quote, code, item, heading, rule, links
      level: 1             # omitted when 0
      marker: "1."         # omitted when empty
      text: the words
      spans: [[0, 3, em], [4, 9, link, "https://example.com/"]]   # omitted when none

A link's span may carry its title after its URL: `[4, 9, link, URL, "a title"]`.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from ...text import BLOCK_KINDS, PARAGRAPH, SPAN_KINDS, Block, Span

# One or more blank (or whitespace-only) lines end a paragraph.
_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)+")
_LEADING_BLANK_LINES = re.compile(r"^(?:[ \t]*\n)+")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a body or comment text: blocks separated by blank lines.

    A paragraph's common indentation is removed from all its lines alike, so
    an indented snippet keeps its shape."""
    paragraphs = []
    for chunk in _PARAGRAPH_BREAK.split(text):
        paragraph = textwrap.dedent(_LEADING_BLANK_LINES.sub("", chunk)).rstrip()
        if paragraph.strip():
            paragraphs.append(paragraph)
    return paragraphs


def text_to_data(
    strings: list[str] | tuple[str, ...], blocks: tuple[Block, ...] | None
) -> str | list[Any]:
    """The dump form of a text (its strings a list, or a tuple as a parser or the
    store freezes them): a string when that loses nothing, else blocks."""
    if blocks is None:
        joined = "\n\n".join(strings)
        if split_paragraphs(joined) == list(strings):
            return joined
        blocks = tuple(Block() for _ in strings)
    items: list[Any] = []
    for string, block in zip(strings, blocks, strict=False):
        item: dict[str, Any] = {"kind": block.kind}
        if block.level:
            item["level"] = block.level
        if block.marker:
            item["marker"] = block.marker
        item["text"] = string
        if block.has_spans:
            item["spans"] = [
                [span.start, span.end, span.kind, *_link_of(span)] for span in block.spans
            ]
        items.append(item)
    return items


def _link_of(span: Span) -> list[str]:
    """What a span's dump says beside its place and kind: its URL and title."""
    if span.title is not None:
        return [span.url or "", span.title]
    return [span.url] if span.url else []


def text_from_data(value: object) -> tuple[list[str], tuple[Block, ...] | None]:
    """The text a dump's `text` or `body` holds; ValueError says what is wrong."""
    if isinstance(value, str):
        return split_paragraphs(value), None
    if not isinstance(value, list):
        raise ValueError("expected a string or a list of blocks")
    strings: list[str] = []
    blocks: list[Block] = []
    for number, item in enumerate(value):
        if not isinstance(item, dict):
            raise ValueError(f"block {number}: expected a mapping")
        kind = item.get("kind", PARAGRAPH)
        if kind not in BLOCK_KINDS:
            raise ValueError(f"block {number}: unknown kind {kind!r}")
        level = item.get("level", 0)
        marker = item.get("marker", "")
        text = item.get("text", "")
        if not isinstance(level, int) or not isinstance(marker, str) or not isinstance(text, str):
            raise ValueError(f"block {number}: level must be a number, marker and text strings")
        strings.append(text)
        blocks.append(Block(kind, level, marker, _spans(item.get("spans") or [], number, text)))
    if all(block == Block() for block in blocks):
        return strings, None
    return strings, tuple(blocks)


def _spans(value: object, number: int, text: str) -> tuple[Span, ...]:
    if not isinstance(value, list):
        raise ValueError(f"block {number}: spans must be a list")
    spans = []
    for span in value:
        if (
            not isinstance(span, list)
            or len(span) not in (3, 4, 5)
            or not all(isinstance(bound, int) for bound in span[:2])
            or span[2] not in SPAN_KINDS
            or not 0 <= span[0] <= span[1] <= len(text)
        ):
            raise ValueError(f"block {number}: bad span {span!r}")
        url, title = [*span[3:], None, None][:2]
        if not all(part is None or isinstance(part, str) for part in (url, title)):
            raise ValueError(f"block {number}: a span's URL and title must be strings")
        spans.append(Span(span[0], span[1], span[2], url, title))
    return tuple(spans)
