"""The one builder every converter (HTML, Markdown, mail text) feeds.

A converter opens blocks, adds words, opens and closes styles and links; the
builder keeps the block strings and their `Block` layout in step, and owns the
link rules of `reader.text` in one place:

* every link gets a number, in order of appearance;
* a link whose text is its URL (or HN's truncated form of it, which ends in
  `...`) shows the full URL and gets no marker;
* any other link's text is followed by ` [n]` (a `marker` span), and the text
  ends with one `links` block of `[n] URL` lines for those links;
* a link with a title is one of those, whatever its text: its line says
  `[n] URL "title"`.
"""

from __future__ import annotations

from ...text import (
    CODE,
    CODE_TAB_SIZE,
    LINK,
    LINKS,
    MARKER,
    PARAGRAPH,
    QUOTE,
    RULE,
    Block,
    Span,
    unstyled_block,
)

# HN cuts a long link's text to its first characters and these dots.
_TRUNCATION = "..."


class TextBuilder:
    """Builds one text: call `open_block`, `add`, `push`/`pop`, `open_link`/
    `close_link`, then `finish`."""

    def __init__(self, *, gt_quotes: bool = False) -> None:
        # HN's convention: a paragraph starting with `>` quotes someone.
        self._gt_quotes = gt_quotes
        self._strings: list[str] = []
        self._blocks: list[Block] = []
        self._parts: list[str] = []
        self._length = 0
        self._kind: str | None = None
        self._level = 0
        self._marker = ""
        self._spans: list[Span] = []
        # Open styles: (kind, start, url, title).
        # Open styles: (kind, start, url, title, the index in `_parts` of their
        # first part): a link's text is read from its own parts, not the
        # paragraph's (a paragraph of 40,000 links was joined 40,000 times).
        self._open: list[tuple[str, int, str | None, str | None, int]] = []
        self._link_count = 0
        self._listed: list[tuple[int, str, str | None]] = []

    # Blocks ------------------------------------------------------------------

    @property
    def in_block(self) -> bool:
        return self._kind is not None

    @property
    def block_kind(self) -> str | None:
        return self._kind

    def open_block(self, kind: str = PARAGRAPH, level: int = 0, marker: str = "") -> None:
        """End the current block and start a new one."""
        self.close_block()
        self._kind, self._level, self._marker = kind, level, marker

    def close_block(self) -> None:
        """End the current block; an empty one (other than a rule) is dropped."""
        kind = self._kind
        if kind is None:
            return
        # Styles still open at the end of a block end with it.
        while self._open:
            self._end_style()
        text = joined(self._parts)
        spans = self._spans
        level = self._level
        if kind == CODE:
            text = "\n".join(line.rstrip().expandtabs(CODE_TAB_SIZE) for line in text.split("\n"))
            text = text.strip("\n")
        else:
            text = text.rstrip()
        if self._gt_quotes and kind == PARAGRAPH and text.startswith(">"):
            kind, level, text, spans = _as_quote(text, spans)
        self._kind, self._parts, self._length, self._spans = None, [], 0, []
        if not text and kind != RULE:
            return
        end = len(text)
        spans = sorted(
            (
                span if span.end <= end else Span(span.start, end, span.kind, span.url, span.title)
                for span in spans
                if span.start < end
            ),
            key=lambda span: span.start,
        )
        self._strings.append(text)
        self._blocks.append(
            Block(kind, level, self._marker, tuple(spans))
            if spans
            else unstyled_block(kind, level, self._marker)
        )
        self._marker = ""

    # Words -------------------------------------------------------------------

    def add(self, text: str) -> None:
        """Add words to the current block (a paragraph is opened if none is).

        Outside code, leading whitespace of a block is dropped."""
        if not text:
            return
        if self._kind is None:
            self.open_block()
        if self._kind != CODE and not self._length:
            text = text.lstrip()
            if not text:
                return
        self._parts.append(text)
        self._length += len(text)

    def line_break(self) -> None:
        if self._kind is not None and self._length:
            self._parts.append("\n")
            self._length += 1

    @property
    def ends_with_space(self) -> bool:
        return not self._length or self._parts[-1][-1:].isspace()

    # Styles and links -----------------------------------------------------------

    def push(self, kind: str, url: str | None = None, title: str | None = None) -> None:
        """Start a styled span (`em`, `strong`, `code`) at the current position."""
        if self._kind is None:
            self.open_block()
        self._open.append((kind, self._length, url, title, len(self._parts)))

    def pop(self, kind: str) -> None:
        """End the innermost open span of `kind` (and any opened inside it)."""
        if not any(style[0] == kind for style in self._open):
            return
        while self._open:
            if self._end_style() == kind:
                return

    def open_link(self, url: str, title: str | None = None) -> None:
        """Start a link to `url`; its `title` (an empty one is none) is listed after it."""
        self.push(LINK, url, " ".join(title.split()) if title else None)

    def close_link(self) -> None:
        self.pop(LINK)

    def link(self, url: str, text: str | None = None, title: str | None = None) -> None:
        """A whole link at once."""
        self.open_link(url, title)
        self.add(text if text is not None else url)
        self.close_link()

    def _end_style(self) -> str:
        kind, start, url, title, first_part = self._open.pop()
        if kind == LINK and url is not None:
            self._end_link(start, url, title or None, first_part)
        elif self._length > start:
            self._spans.append(Span(start, self._length, kind))
        return kind

    def _end_link(self, start: int, url: str, title: str | None, first_part: int) -> None:
        self._link_count += 1
        number = self._link_count
        text = joined(self._parts[first_part:])
        if not text.strip() or _names_url(text.strip(), url):
            # Shown as the full URL.
            self._truncate(start, first_part)
            self._parts.append(url)
            self._length += len(url)
            self._spans.append(Span(start, self._length, LINK, url, title))
            if title is None:
                return  # no marker needed
        else:
            self._spans.append(Span(start, self._length, LINK, url, title))
        marker = f" [{number}]"
        self._parts.append(marker)
        self._spans.append(Span(self._length + 1, self._length + len(marker), MARKER))
        self._length += len(marker)
        self._listed.append((number, url, title))

    def _truncate(self, start: int, first_part: int) -> None:
        """Drop the words from `start` (part `first_part` on), and the spans
        within them: the last ones, as spans nest (only those closed since the
        words began can start there)."""
        del self._parts[first_part:]
        self._length = start
        spans = self._spans
        while spans and spans[-1].start >= start:
            spans.pop()

    # The result ----------------------------------------------------------------

    def finish(self) -> tuple[list[str], tuple[Block, ...] | None]:
        """The block strings and their layout (None when all are plain paragraphs)."""
        self.close_block()
        if self._listed:
            lines = "\n".join(
                f"[{number}] {url}" + (f' "{title}"' if title else "")
                for number, url, title in self._listed
            )
            self._strings.append(lines)
            self._blocks.append(unstyled_block(LINKS))
            self._listed = []
        blocks = tuple(self._blocks)
        if all(block.kind == PARAGRAPH and not block.has_spans for block in blocks):
            return self._strings, None
        return self._strings, blocks


def joined(parts: list[str]) -> str:
    """The words of `parts`, as one string: each character of a block is
    joined once for the block, once for the link it is in (never once per
    link of the block)."""
    return "".join(parts)


def _names_url(text: str, url: str) -> bool:
    """Whether a link's text is its URL, or HN's truncated form of it."""
    if text == url:
        return True
    if text.endswith(_TRUNCATION):
        return url.startswith(text[: -len(_TRUNCATION)])
    return False


def quote_level(text: str) -> tuple[int, int]:
    """How many `>`s lead a paragraph (its quote level), and where its words start."""
    level = 0
    cut = 0
    while cut < len(text) and text[cut] in "> ":
        if text[cut] == ">":
            level += 1
        cut += 1
    return level, cut


def _as_quote(text: str, spans: list[Span]) -> tuple[str, int, str, list[Span]]:
    """A `>`-led paragraph as a quote block: the `>`s give the level."""
    level, cut = quote_level(text)
    shifted = [
        Span(max(s.start - cut, 0), s.end - cut, s.kind, s.url, s.title)
        for s in spans
        if s.end > cut
    ]
    return QUOTE, level, text[cut:], shifted
