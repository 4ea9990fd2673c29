"""Turns one comment into the screen lines the thread view shows.

A comment is a header line (fold marker, position, author, time, replies)
followed by its wrapped paragraphs and a blank separator line; folded, it is
one line: the author, the start of its text as far as it fits, and `+N` for
the N replies hidden under it. Times are said relative to now (`3 h ago`).
Every line starts with one guide per ancestor level, coloured by depth, and the
comment's own guide runs down beside its text. Indentation is capped so that
the text always keeps `MIN_TEXT_WIDTH` columns: past the cap, deeper comments
stay at the cap's indentation, their last guide dotted (`┊`) for the levels it
stands for, and their header says how deep they are.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from ... import times
from ...model import Comment
from ...sanitize import neutralise
from ...search.fields import HEADER
from ...text import QUOTE, Block, block_at
from ...times import posted_text
from ..render.block_lines import MatchSpan, block_gap, block_lines, gap_prefix
from .painted_comment import Mark, PaintedComment
from .styles import PainterStyles

MIN_TEXT_WIDTH = 50
GUIDE_WIDTH = 2
# Positions deeper than this are shown as "…" plus their last components.
MAX_PATH_PARTS = 4


# A comment's status as its header says it (`more` stubs are drawn apart).
STATUS_WORDS = {"deleted": "[deleted]", "removed": "[removed]", "dead": "[dead]"}
STUB_MARK = "⋯ "
# Who a distinguished Reddit comment speaks for, as its header says it.
DISTINGUISHED_WORDS = {"moderator": "mod", "admin": "admin"}


def indent_levels(depth: int, width: int) -> int:
    """Guide levels drawn before a comment at `depth`: capped to keep text readable."""
    cap = max(0, (width - MIN_TEXT_WIDTH) // GUIDE_WIDTH - 1)
    return min(depth, cap)


def text_width(depth: int, width: int) -> int:
    return max(1, width - GUIDE_WIDTH * (indent_levels(depth, width) + 1))


def short_path(comment: Comment) -> str:
    """The comment's position, abbreviated for deep replies (`…4.1.2`)."""
    if comment.depth < MAX_PATH_PARTS:
        return comment.path
    parts: list[str] = []
    node: Comment | None = comment
    while node is not None and len(parts) < MAX_PATH_PARTS - 1:
        parts.append(str(node.ordinal))
        node = node.parent
    return "…" + ".".join(reversed(parts))


# The lines of a comment besides its text: the header and the separator after it.
# A comment's unfolded height is guessed, before wrapping, as these plus its
# line breaks plus its characters divided by its text width.
FIXED_LINES = 2
# A folded comment's text preview is left out when fewer cells than this remain;
# and no more characters than this are read for it (a header is one line).
MIN_PREVIEW = 8
MAX_PREVIEW = 1000


def preview_text(comment: Comment) -> str:
    """The start of a comment's text on one line, for its folded header."""
    start = ""
    for paragraph in comment.text:
        start += " " + paragraph[:MAX_PREVIEW]
        if len(start) >= MAX_PREVIEW:
            break
    return " ".join(start[:MAX_PREVIEW].split())


class CommentPainter:
    """Renders comments to strips with a given console and set of styles."""

    def __init__(
        self,
        console: Console,
        styles: PainterStyles,
        clock: Callable[[], datetime] | None = None,
        absolute_times: bool = False,
        quotes_folded: bool = False,
    ) -> None:
        self.console = console
        self.styles = styles
        self.absolute_times = absolute_times
        # Quoted text shown as one line saying how long it is (mutt's `T`).
        self.quotes_folded = quotes_folded
        # What relative times are counted from (a fixed time in tests).
        self.clock = clock or times.now

    def _guides(self, levels: int, depth: int) -> list[Segment]:
        """The guides of the levels above a comment at `depth`, `levels` of
        them; past the cap the last stands for the levels not drawn."""
        guides = self.styles.guides
        drawn = [Segment("│ ", guides[level % len(guides)]) for level in range(levels)]
        if drawn and depth > levels:
            drawn[-1] = Segment("┊ ", drawn[-1].style)
        return drawn

    def header(
        self,
        comment: Comment,
        replies: int,
        hidden: int,
        collapsed: bool,
        author_spans: list[MatchSpan],
        current: MatchSpan | None,
        mark: Mark = Mark.NONE,
        subject: str | None = None,
    ) -> Text:
        """The header line: fold marker, `● new`, position, author and what
        the source says of the comment, then `subject` (a mail's, where it
        differs from its parent's) last, the part cut short when room runs out."""
        header = self._identity(comment, replies, collapsed, author_spans, current, mark)
        details = self._details(comment)
        if replies:
            details.append(f"{replies} {'reply' if replies == 1 else 'replies'}")
        if hidden:
            details.append(f"{hidden} hidden")
        if comment.depth >= MAX_PATH_PARTS:
            details.append(f"depth {comment.depth + 1}")
        if details:
            header.append("  " + " · ".join(details), style=self.styles.meta)
        if subject:
            header.append("  ")
            header.append(neutralise(subject), style=self.styles.subject)
        return header

    def _identity(
        self,
        comment: Comment,
        replies: int,
        collapsed: bool,
        author_spans: list[MatchSpan],
        current: MatchSpan | None,
        mark: Mark,
    ) -> Text:
        """A header's start: fold marker, `● new`, position, author, and the
        author's role and the comment's status, which say who speaks."""
        styles = self.styles
        marker = "▸ " if collapsed else "▾ " if replies else "• "
        header = Text()
        header.append(marker, style=styles.guides[comment.depth % len(styles.guides)])
        if mark is not Mark.NONE:
            header.append(mark.value, style=styles.new if mark is Mark.NEW else styles.unread)
        header.append(short_path(comment), style=styles.header)
        if comment.author:
            header.append("  ")
            author = Text(neutralise(comment.author), style=styles.header)
            self._highlight(author, author_spans, current)
            header.append_text(author)
        if comment.is_op:
            header.append(" OP", style=styles.op)
        if comment.distinguished:
            role = DISTINGUISHED_WORDS.get(comment.distinguished, comment.distinguished)
            header.append(f" [{neutralise(role)}]", style=styles.op)
        if comment.status in STATUS_WORDS:
            header.append(f" {STATUS_WORDS[comment.status]}", style=styles.status)
        return header

    def _details(self, comment: Comment) -> list[str]:
        """What the source says of the comment: pinned, score, time, edited."""
        details = ["pinned"] if comment.stickied else []
        if comment.score is not None:
            details.append(f"▲ {comment.score}")
        if comment.posted:
            details.append(posted_text(comment.posted, self.clock(), self.absolute_times))
        if comment.edited:
            details.append("edited")
        return details

    def folded_line(
        self,
        comment: Comment,
        hidden: int,
        width: int,
        author_spans: list[MatchSpan],
        current: MatchSpan | None,
        mark: Mark = Mark.NONE,
        subject: str | None = None,
    ) -> Text:
        """A folded comment's one line, its words first: who wrote it, its
        `subject` (a mail's, where it differs from its parent's), the start of
        its text, then (at the right edge) what the source says of it
        and `+N` for the replies the fold hides. What does not fit goes, the source's words
        first; the text's start stays while `MIN_PREVIEW` cells are left."""
        line = self._identity(comment, bool(hidden), True, author_spans, current, mark)
        if subject:
            line.append("  ")
            line.append(neutralise(subject), style=self.styles.subject)
        details = self._details(comment)
        count = Text(f"+{hidden}", style=self.styles.folded) if hidden else Text()
        preview = preview_text(comment)

        def tail() -> Text:
            said = Text(" · ".join(details), style=self.styles.meta)
            parts = [part for part in (said, count) if part]
            return Text("  ").join(parts) if parts else Text()

        # The text comes first: the source's words give way while the text's
        # start would get less than a third of the line (or less than all of it).
        wanted = min(cell_len(preview), max(MIN_PREVIEW, width // 3))
        while details and width - line.cell_len - tail().cell_len - 4 < wanted:
            details.pop()
        room = width - line.cell_len - tail().cell_len - 4
        if preview and room >= MIN_PREVIEW:
            start = Text(neutralise(preview[: room * 2]))
            start.truncate(room, overflow="ellipsis")
            line.append("  ")
            line.append_text(start)
        if tail():
            # At the right edge, as a column down the folded comments.
            line.append(" " * max(2, width - line.cell_len - tail().cell_len))
            line.append_text(tail())
        return line

    def paint(
        self,
        comment: Comment,
        width: int,
        replies: int,
        hidden: int,
        collapsed: bool,
        matches: dict[int, list[MatchSpan]] | None = None,
        current: tuple[int, MatchSpan] | None = None,
        mark: Mark = Mark.NONE,
        subject: str | None = None,
    ) -> PaintedComment:
        """The comment's lines at `width` cells, each exactly `width` long.

        `matches` maps a paragraph number (`HEADER` for the author) to the
        spans to highlight in it; `current` is the (paragraph, span) of the
        match drawn in the current-match style. `mark` says in the header
        whether the comment is new or unread; `subject` is the subject its
        header shows (see `Thread.shown_subject`).
        """
        matches = matches or {}
        levels = indent_levels(comment.depth, width)
        guides = self._guides(levels, comment.depth)
        if comment.status == "more":
            return self._stub(comment, guides, width, matches, current)
        own_guide = Segment("│ ", self.styles.guides[comment.depth % len(self.styles.guides)])
        author_spans = matches.get(HEADER, [])
        author_current = current[1] if current and current[0] == HEADER else None
        header_width = max(1, width - GUIDE_WIDTH * levels)
        if collapsed:
            header = self.folded_line(
                comment, hidden, header_width, author_spans, author_current, mark, subject
            )
        else:
            header = self.header(
                comment, replies, hidden, collapsed, author_spans, author_current, mark, subject
            )
        header.no_wrap = True
        header.overflow = "ellipsis"
        header_options = self.console.options.update_width(header_width)
        header_line = self.console.render_lines(header, header_options, pad=False)[0]
        painted = PaintedComment([self._strip([*guides, *header_line], width)], [(HEADER, 0)])
        if collapsed:
            # One line: folded comments follow each other as an index does.
            return painted
        wrap_width = text_width(comment.depth, width)
        # Made once a paint: the comment keeps them packed.
        text, blocks = comment.text, comment.blocks
        for number in range(len(text)):
            spans = matches.get(number, [])
            current_span = current[1] if current and current[0] == number else None
            lines = self._text_lines(comment, text, blocks, number, wrap_width, spans, current_span)
            for segments, start in lines:
                painted.add(self._strip([*guides, own_guide, *segments], width), (number, start))
        # The separator after the comment belongs to no paragraph.
        painted.add(self._strip(guides, width), (len(text), 0))
        return painted

    def _text_lines(
        self,
        comment: Comment,
        text: tuple[str, ...],
        blocks: tuple[Block, ...] | None,
        number: int,
        width: int,
        spans: list[MatchSpan],
        current: MatchSpan | None,
    ) -> list[tuple[list[Segment], int]]:
        """Paragraph `number`'s lines (of the comment's `text` laid out as
        `blocks`), after the blank line that parts it from the one before
        (list items sit together), laid out by the block renderer the body
        uses too (plain text is all plain paragraphs)."""
        paragraph, styles = text[number], self.styles.blocks
        block = block_at(blocks, number)
        previous = block_at(blocks, number - 1) if number else None
        if self.quotes_folded and block.kind == QUOTE:
            if previous is not None and previous.kind == QUOTE:
                return []  # said with the quote's first paragraph
            return self._folded_quote(text, blocks, number, previous)
        lines: list[tuple[list[Segment], int]] = []
        if previous is not None and block_gap(previous, block):
            lines.append((gap_prefix(previous, block, styles), 0))
        lines.extend(block_lines(paragraph, block, width, self.console, styles, spans, current))
        if comment.status == "dead":
            # Flagged dead: the text is kept but dimmed, below the comments around it.
            dead = self.styles.dead
            lines = [
                ([self._dimmed(segment, dead) for segment in segments], start)
                for segments, start in lines
            ]
        return lines

    def _folded_quote(
        self,
        text: tuple[str, ...],
        blocks: tuple[Block, ...] | None,
        number: int,
        previous: Block | None,
    ) -> list[tuple[list[Segment], int]]:
        """A run of quoted paragraphs from `number` on, folded: one line saying
        how many lines they hold, as mutt's `T` does."""
        lines, end = 0, number
        while end < len(text) and block_at(blocks, end).kind == QUOTE:
            lines += text[end].count("\n") + 1
            end += 1
        said = f"[… {lines} quoted line{'' if lines == 1 else 's'}]"
        folded: list[tuple[list[Segment], int]] = []
        if previous is not None:
            folded.append(([], 0))
        folded.append(([Segment(said, self.styles.blocks.quote)], 0))
        return folded

    @staticmethod
    def _dimmed(segment: Segment, dead: Style) -> Segment:
        """`segment` in the dead style, unless it is a search match (its own colours)."""
        style = segment.style
        if style is not None and style.bgcolor is not None:
            return segment
        return Segment(segment.text, (style or Style()) + dead)

    def _stub(
        self,
        comment: Comment,
        guides: list[Segment],
        width: int,
        matches: dict[int, list[MatchSpan]],
        current: tuple[int, MatchSpan] | None,
    ) -> PaintedComment:
        """A stub for replies the file does not hold: one line, its words as
        the source gave them (`3 more replies not in this file`)."""
        words = Text(neutralise(" ".join(comment.text)), style=self.styles.stub)
        self._highlight(
            words, matches.get(0, []), current[1] if current and current[0] == 0 else None
        )
        line = Text(STUB_MARK, style=self.styles.stub, no_wrap=True, overflow="ellipsis")
        line.append_text(words)
        options = self.console.options.update_width(max(1, width - GUIDE_WIDTH * len(guides)))
        segments = self.console.render_lines(line, options, pad=False)[0]
        painted = PaintedComment([self._strip([*guides, *segments], width)], [(0, 0)])
        painted.add(self._strip(guides, width), (len(comment.text), 0))
        return painted

    def _highlight(self, text: Text, spans: list[MatchSpan], current: MatchSpan | None) -> None:
        for span in spans:
            style = self.styles.current_match if span == current else self.styles.match
            text.stylize(style, *span)

    @staticmethod
    def _strip(segments: list[Segment], width: int) -> Strip:
        return Strip(segments).adjust_cell_length(width)
