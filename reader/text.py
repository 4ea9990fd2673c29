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

import marshal
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
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


class Block:
    """How one block of text is laid out and styled; its words live beside it.

    Frozen. Its spans are kept flat, their five fields one after another in
    one tuple, and made into `Span`s when asked for (a view asks for the
    blocks it paints): a styled Markdown comment's two blocks held three
    `Span`s each and their tuples, 280 bytes a block against 160 flat, 24 MB
    of a 100,000-comment thread (issue 24)."""

    __slots__ = ("_spans", "kind", "level", "marker")

    kind: str
    level: int
    marker: str
    _spans: tuple[int | str | None, ...]

    def __init__(
        self, kind: str = PARAGRAPH, level: int = 0, marker: str = "", spans: Sequence[Span] = ()
    ) -> None:
        set_slot = object.__setattr__
        set_slot(self, "kind", kind)
        set_slot(self, "level", level)
        set_slot(self, "marker", marker)
        set_slot(
            self,
            "_spans",
            tuple(
                field
                for span in spans
                for field in (span.start, span.end, span.kind, span.url, span.title)
            ),
        )

    @property
    def spans(self) -> tuple[Span, ...]:
        flat = self._spans
        if not flat:
            return ()
        return tuple(Span(*flat[at : at + 5]) for at in range(0, len(flat), 5))  # type: ignore[arg-type]

    @property
    def has_spans(self) -> bool:
        """Whether any words of the block are styled or linked (told without
        making its spans)."""
        return bool(self._spans)

    @classmethod
    def of_flat_spans(
        cls, kind: str, level: int, marker: str, spans: tuple[int | str | None, ...]
    ) -> Block:
        """The block whose spans' fields are `spans`, one after another."""
        block = cls(kind, level, marker)
        object.__setattr__(block, "_spans", spans)
        return block

    def replaced(self, marker: str, spans: Sequence[Span]) -> Block:
        """The block with this marker and these spans."""
        return Block(self.kind, self.level, marker, spans)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Block is frozen: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Block is frozen: cannot delete {name}")

    def _key(self) -> tuple[object, ...]:
        return (self.kind, self.level, self.marker, self._spans)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Block:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[object, ...]:
        # Copied and pickled as made (its slots cannot be set one by one).
        return (Block, (self.kind, self.level, self.marker, self.spans))

    def __repr__(self) -> str:
        return (
            f"Block(kind={self.kind!r}, level={self.level!r}, marker={self.marker!r}, "
            f"spans={self.spans!r})"
        )


PLAIN = Block()


# A text's layout packed (see `packed_layout`): its format, then for each block
# its kind, level, marker's length and span count, its marker in UTF-8, and each
# span's start, end, kind and URL's and title's lengths in UTF-8 (each one more
# than its length; 0: none), followed by the URL and title.
_PACKED, _MARSHALLED = 0, 1
_BLOCK = struct.Struct("<BBBB")
_SPAN = struct.Struct("<IIBHH")
_KIND_CODES = {kind: code for code, kind in enumerate(BLOCK_KINDS)}
_SPAN_CODES = {kind: code for code, kind in enumerate(SPAN_KINDS)}
_PACKED_FORMAT = bytes((_PACKED,))
# The packed heads of the layouts without spans met so far (a few dozen).
_UNSTYLED_HEADS: dict[tuple[str, int, str], bytes] = {}


def packed_layout(blocks: Sequence[Block]) -> bytes:
    """A text's blocks as one string of bytes, as a comment keeps them: a
    styled Markdown comment's eight blocks, their spans and URLs took some 600
    bytes as objects, 200 packed (issue 24). A layout beyond the packed
    form's fields (a level past 255, say) is kept marshalled."""
    parts = [_PACKED_FORMAT]
    try:
        for block in blocks:
            spans = block._spans
            if not spans:
                # Most blocks: their few layouts packed once.
                layout = (block.kind, block.level, block.marker)
                head = _UNSTYLED_HEADS.get(layout)
                if head is None:
                    head = _block_head(*layout, 0)
                    if len(_UNSTYLED_HEADS) < 4096:
                        _UNSTYLED_HEADS[layout] = head
                parts.append(head)
                continue
            parts.append(_block_head(block.kind, block.level, block.marker, len(spans) // 5))
            for at in range(0, len(spans), 5):
                start, end, kind, url, title = spans[at : at + 5]
                url_bytes = b"" if url is None else str(url).encode("utf-8", "surrogatepass")
                title_bytes = b"" if title is None else str(title).encode("utf-8", "surrogatepass")
                parts.append(
                    _SPAN.pack(
                        start,
                        end,
                        _SPAN_CODES[kind],
                        0 if url is None else len(url_bytes) + 1,
                        0 if title is None else len(title_bytes) + 1,
                    )
                )
                parts.append(url_bytes + title_bytes)
    except (KeyError, struct.error):
        return bytes((_MARSHALLED,)) + marshal.dumps(
            tuple((block.kind, block.level, block.marker, block._spans) for block in blocks)
        )
    return b"".join(parts)


def _block_head(kind: str, level: int, marker: str, spans: int) -> bytes:
    """A block's packed layout before its spans' (`KeyError`, `struct.error`:
    beyond the packed form)."""
    marker_bytes = marker.encode("utf-8", "surrogatepass")
    return _BLOCK.pack(_KIND_CODES[kind], level, len(marker_bytes), spans) + marker_bytes


def unpacked_layout(data: bytes) -> tuple[Block, ...]:
    """The blocks of a packed layout (those without spans shared)."""
    if data[0] == _MARSHALLED:
        return tuple(_block(*fields) for fields in marshal.loads(data[1:]))
    blocks: list[Block] = []
    at, end = 1, len(data)
    while at < end:
        kind, level, marker_length, count = _BLOCK.unpack_from(data, at)
        at += 4
        marker = data[at : at + marker_length].decode("utf-8", "surrogatepass")
        at += marker_length
        if not count:
            blocks.append(unstyled_block(BLOCK_KINDS[kind], level, marker))
            continue
        spans: list[int | str | None] = []
        for _ in range(count):
            start, stop, span_kind, url_length, title_length = _SPAN.unpack_from(data, at)
            at += 13
            url = title = None
            if url_length:
                url = data[at : at + url_length - 1].decode("utf-8", "surrogatepass")
                at += url_length - 1
            if title_length:
                title = data[at : at + title_length - 1].decode("utf-8", "surrogatepass")
                at += title_length - 1
            spans += (start, stop, SPAN_KINDS[span_kind], url, title)
        blocks.append(Block.of_flat_spans(BLOCK_KINDS[kind], level, marker, tuple(spans)))
    return tuple(blocks)


def _block(kind: str, level: int, marker: str, spans: tuple[int | str | None, ...]) -> Block:
    if spans:
        return Block.of_flat_spans(kind, level, marker, spans)
    return unstyled_block(kind, level, marker)


@lru_cache(maxsize=1024)
def unstyled_block(kind: str, level: int = 0, marker: str = "") -> Block:
    """The one `Block` of this layout without spans, shared by every text that
    has one (blocks are frozen), as the converters build it and as a packed
    layout is unpacked: a Markdown comment's quotes, list items, code and
    list of links are most of its blocks, 64 bytes each if made anew."""
    return Block(kind, level, marker)


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
