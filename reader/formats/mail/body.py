"""The plain-text body of a mail to structured text.

Lines are kept as written (mail is hard-wrapped). A blank line ends a
paragraph; `> ` prefixes make quote blocks by their depth; a patch (from
`diff --git` or a `---`/`+++` pair on) is a code block, so its lines and
indentation survive; the `-- ` signature stays ordinary text. URLs become
links (their text is the URL, so no marker is added).
"""

from __future__ import annotations

import re

from ...text import CODE, PARAGRAPH, PLAIN, QUOTE, Block
from ..text.build import TextBuilder

_QUOTE_PREFIX = re.compile(r"(?:>[ \t]?)+")
# A paragraph's layout, then a quote's by its level: shared (they are immutable).
_QUOTES = (PLAIN, *(Block(QUOTE, level) for level in range(1, 10)))
_URL = re.compile(r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]")
# Lines a unified diff is made of (a mailer may drop a context line's space).
_DIFF_LINE = re.compile(
    r"(?:[ +\-@\\]|diff |index |new file|deleted file|similarity |rename |"
    r"old mode|new mode|Binary files|$)"
)


def mail_to_text(body: str) -> tuple[list[str], tuple[Block, ...] | None]:
    """The block strings and layout of a plain-text mail body."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Most mail has no patch: then no line needs the test for one.
    may_diff = "diff --git " in body or "--- " in body
    if not may_diff and "http" not in body:
        return _paragraphs_and_quotes(lines)
    return _built(lines, may_diff)


def _built(lines: list[str], may_diff: bool) -> tuple[list[str], tuple[Block, ...] | None]:
    """Any mail body's blocks, by the builder: patches, quotes, links."""
    builder = TextBuilder()
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
    return builder.finish()


def _paragraphs_and_quotes(lines: list[str]) -> tuple[list[str], tuple[Block, ...] | None]:
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
    return line.startswith("diff --git ") or (
        line.startswith("--- ") and following.startswith("+++ ")
    )


def _add_with_links(builder: TextBuilder, text: str) -> None:
    position = 0
    for match in _URL.finditer(text):
        builder.add(text[position : match.start()])
        builder.link(match.group())
        position = match.end()
    builder.add(text[position:])
