"""A mail's parts to structured text.

A `text/plain` part: lines are kept as written (mail is hard-wrapped). A
blank line ends a paragraph; `> ` prefixes make quote blocks by their depth;
a patch (from `diff --git`, a `---`/`+++` pair or the `---` line before a
diffstat on) is a code block, so its lines and indentation survive; the `-- `
signature stays ordinary text. URLs become links (their text is the URL, so
no marker is added).

A message of several parts shows each text part in order, HTML converted and
other text types (a `text/x-diff` patch) as code, each after a `part` line
naming it (the first only when it has a file name; a forwarded message under
its From, Date and Subject), then a `part` line for each other attachment:
its name, type and size.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...text import CODE, PARAGRAPH, PART, PLAIN, QUOTE, Block
from ..text.build import TextBuilder
from .parts import ATTACHMENT, FORWARDED, HTML_PART, PLAIN_PART, MailPart

_QUOTE_PREFIX = re.compile(r"(?:>[ \t]?)+")
# A paragraph's layout, then a quote's by its level: shared (they are immutable).
_QUOTES = (PLAIN, *(Block(QUOTE, level) for level in range(1, 10)))
_URL = re.compile(r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]")
# A diffstat's line: ` path/to/file.c | 12 +++---` (or `| Bin 0 -> 1 bytes`).
_DIFFSTAT_LINE = re.compile(r" \S.* \| +(?:\d+(?: [+-]*)?|Bin )")
# Lines a unified diff is made of (a mailer may drop a context line's space).
_DIFF_LINE = re.compile(
    r"(?:[ +\-@\\]|diff |index |new file|deleted file|similarity |rename |"
    r"old mode|new mode|Binary files|$)"
)


def parts_to_text(parts: Sequence[MailPart]) -> tuple[list[str], tuple[Block, ...] | None]:
    """The block strings and layout of a message's parts (see `mail_parts`)."""
    if len(parts) == 1 and parts[0].name is None and not parts[0].attached:
        # Most mail: one part, read on its own (no builder for plain text).
        if parts[0].kind == PLAIN_PART:
            return mail_to_text(parts[0].text)
        if parts[0].kind == HTML_PART:
            return _html_to_text(parts[0].text)
    builder = TextBuilder()
    shown = False
    for number, part in enumerate(parts):
        if part.kind == ATTACHMENT:
            _part_line(builder, _listed(part))
            continue
        # A forwarded message's first part goes on under its head.
        forwarded = number and parts[number - 1].kind == FORWARDED
        if part.kind == FORWARDED:
            _part_line(builder, "forwarded message")
        elif (shown and not forwarded) or part.name is not None or part.attached:
            _part_line(builder, part.name or part.content_type)
        shown = True
        if part.kind == FORWARDED:
            builder.open_block(PARAGRAPH)
            builder.add(part.text)
        elif part.kind == PLAIN_PART:
            add_mail(builder, _lines(part.text), _may_diff(part.text))
        elif part.kind == HTML_PART:
            from ..text.html import add_html  # see `_html_to_text`

            add_html(builder, part.text)
        else:
            builder.open_block(CODE)
            builder.add(part.text)
        builder.close_block()
    return builder.finish()


def _html_to_text(html: str) -> tuple[list[str], tuple[Block, ...] | None]:
    # HTML mail is rare: its reader and `html.parser` are imported when the
    # first comes, not before a mailbox's first frame.
    from ..text.html import html_to_text

    return html_to_text(html)


def _part_line(builder: TextBuilder, words: str) -> None:
    builder.open_block(PART)
    builder.add(" ".join(words.split()))
    builder.close_block()


def _listed(part: MailPart) -> str:
    """An attachment as its line lists it: `chart.png · image/png · 2.1 kB`."""
    return f"{part.name or 'unnamed'} · {part.content_type} · {size_text(part.size)}"


def size_text(size: int) -> str:
    """A size in bytes as people say it: `1 byte`, `512 bytes`, `2.1 kB`, `3.4 MB`."""
    if size < 1000:
        return f"{size} byte{'' if size == 1 else 's'}"
    amount = float(size)
    for unit in ("kB", "MB", "GB"):
        amount /= 1000
        if amount < 999.95 or unit == "GB":
            break
    return f"{amount:.1f} {unit}"


def mail_to_text(body: str) -> tuple[list[str], tuple[Block, ...] | None]:
    """The block strings and layout of a plain-text mail body."""
    lines = _lines(body)
    may_diff = _may_diff(body)
    if not may_diff and "http" not in body:
        return paragraphs_and_quotes(lines)
    builder = TextBuilder()
    add_mail(builder, lines, may_diff)
    return builder.finish()


def _lines(body: str) -> list[str]:
    return body.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _may_diff(body: str) -> bool:
    """Whether a body may hold a patch (most mail has none: then no line needs
    the test for one)."""
    return "diff --git " in body or "--- " in body


def add_mail(builder: TextBuilder, lines: list[str], may_diff: bool) -> None:
    """Add a plain-text body's blocks to `builder`: patches, quotes, links."""
    in_diff = False
    current: tuple[str, int] | None = None  # (kind, level) of the open block
    words_of_block: list[str] = []  # its lines, added to the builder at its end
    for number, line in enumerate(lines):
        if in_diff:
            if _DIFF_LINE.match(line):
                builder.add("\n" + line)
                continue
            in_diff = False
            current = None
            builder.close_block()
        if may_diff and _starts_diff(line, lines[number + 1] if number + 1 < len(lines) else ""):
            _add_lines(builder, words_of_block)
            builder.open_block(CODE)
            builder.add(line)
            in_diff = True
            continue
        prefix = _QUOTE_PREFIX.match(line) if line.startswith(">") else None
        level = prefix.group().count(">") if prefix else 0
        words = line[prefix.end() :] if prefix else line
        if not words.strip():
            _add_lines(builder, words_of_block)
            builder.close_block()
            current = None
            continue
        kind = QUOTE if level else PARAGRAPH
        if current != (kind, level):
            _add_lines(builder, words_of_block)
            builder.open_block(kind, level)
            current = (kind, level)
        # The signature separator keeps its space: `-- ` is what marks it.
        words_of_block.append(words if words == "-- " else words.rstrip())
    _add_lines(builder, words_of_block)


def paragraphs_and_quotes(lines: list[str]) -> tuple[list[str], tuple[Block, ...] | None]:
    """What `mail_to_text` makes of mail with neither a patch nor a link (most
    of it), without the builder: only paragraphs and quotes, no spans."""
    strings: list[str] = []
    blocks: list[Block] = []
    current = -1  # the quote level of the open block (0: a paragraph)
    words_of_block: list[str] = []
    for line in [*lines, ""]:  # the empty line closes the last block
        level = 0
        words = line
        if line.startswith(">"):
            prefix = _QUOTE_PREFIX.match(line)
            if prefix is not None:
                level = prefix.group().count(">")
                words = line[prefix.end() :]
        blank = not words.strip()
        if words_of_block and (blank or level != current):
            # As the builder has it: the block's ends trimmed, an empty one dropped.
            text = "\n".join(words_of_block).strip()
            if text:
                strings.append(text)
                blocks.append(_QUOTES[current] if current < len(_QUOTES) else Block(QUOTE, current))
            words_of_block = []
        if blank:
            current = -1
            continue
        current = level
        # The signature separator keeps its space: `-- ` is what marks it.
        words_of_block.append(words if words == "-- " else words.rstrip())
    if all(block is PLAIN for block in blocks):
        return strings, None
    return strings, tuple(blocks)


def _add_lines(builder: TextBuilder, lines: list[str]) -> None:
    """Add a block's lines, one line break between each, and forget them."""
    if not lines:
        return
    if not any("http" in line for line in lines):
        builder.add("\n".join(lines))
    else:
        for number, line in enumerate(lines):
            if number:
                builder.line_break()
            _add_with_links(builder, line)
    lines.clear()


def _starts_diff(line: str, following: str) -> bool:
    """Whether a patch starts at `line`: its first file, or the `---` line
    `git format-patch` puts before the diffstat (whose columns then line up)."""
    return (
        line.startswith("diff --git ")
        or (line.startswith("--- ") and following.startswith("+++ "))
        or (line == "---" and _DIFFSTAT_LINE.match(following) is not None)
    )


def _add_with_links(builder: TextBuilder, text: str) -> None:
    position = 0
    for match in _URL.finditer(text):
        builder.add(text[position : match.start()])
        builder.link(match.group())
        position = match.end()
    builder.add(text[position:])
