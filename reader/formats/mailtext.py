"""The plain-text body of a mail to structured text.

Lines are kept as written (mail is hard-wrapped). A blank line ends a
paragraph; `> ` prefixes make quote blocks by their depth; a patch (from
`diff --git` or a `---`/`+++` pair on) is a code block, so its lines and
indentation survive; the `-- ` signature stays ordinary text. URLs become
links (their text is the URL, so no marker is added).
"""

from __future__ import annotations

import re

from ..text import CODE, PARAGRAPH, QUOTE, Block
from .textbuild import TextBuilder

_QUOTE_PREFIX = re.compile(r"(?:>[ \t]?)+")
_URL = re.compile(r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]")
# Lines a unified diff is made of (a mailer may drop a context line's space).
_DIFF_LINE = re.compile(r"(?:[ +\-@\\]|diff |index |new file|deleted file|similarity |rename |"
                        r"old mode|new mode|Binary files|$)")


def mail_to_text(body: str) -> tuple[list[str], tuple[Block, ...] | None]:
    """The block strings and layout of a plain-text mail body."""
    builder = TextBuilder()
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Most mail has no patch: then no line needs the test for one.
    may_diff = "diff --git " in body or "--- " in body
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
