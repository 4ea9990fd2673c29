"""The seed-text (`.txt`) article format: parser and renderer.

The format is plain prose: a title line, blank-line-separated paragraphs and an
indented, numbered/bulleted comment section. GRAMMAR.md next to this module is
the specification; the rule names in the comments below (R1, R2, ...) refer to it.

The parser is line based and single pass over the lines that matter: each line
is classified with cheap `str` checks and at most one precompiled regex match,
paragraph lines are collected in lists and joined once, and the comment tree is
built with an explicit stack of open comments, so that neither file size nor
nesting depth costs recursion or quadratic work.

Nothing but structural tokens is dropped: every non-whitespace character of
the input ends up, in order, in exactly one field of the article, except a
leading byte-order mark, the comment markers (`1.`, `2)`, `•`, ...) and the
`Author:` label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from ..collector import collector_paused
from ..errors import LoadError
from ..model import Article, Comment

# R3: a tab in a line's indentation advances to the next multiple of 8 columns
# (the `str.expandtabs` default); every other whitespace character is 1 column.
TAB_WIDTH = 8
# R6: the characters that mark a reply (any of them also marks a top-level comment).
BULLETS = "•◦▪-*–"
# R5: a subtitle is a short line; longer one-liners are body paragraphs.
SUBTITLE_MAX = 160

_BOM = "\ufeff"
_BULLET_CLASS = "[" + re.escape(BULLETS) + "]"
# R6: a marker opens a line's content and is followed by whitespace or the line's end.
_MARKER = re.compile(rf"(?:\d+[.)]|{_BULLET_CLASS})(?:\s+|$)")
# R4: an indented marker line; group 1 is set for a number marker. Possessive, so a
# deeply indented line is scanned once.
_INDENTED_MARKER = re.compile(rf"\s++(?:(\d+)[.)]|{_BULLET_CLASS})(?:\s|$)")
_BYLINE = re.compile(r"(?:By|BY)\s+\S")
_AUTHOR = re.compile(r"author:\s*(\S.*)", re.IGNORECASE)
# R5: characters that end (or continue) a sentence, and closers that may follow them.
_SENTENCE_END = frozenset(".!?…:;,")
_CLOSERS = "\"'”’)]»"


def parse_seed_text(text: str, path: Path) -> Article:
    """The article in `text`, the decoded content of the seed-text file at `path`.

    Raises `LoadError` only when there is no article at all (no non-whitespace
    character); any other oddity still yields an article.
    """
    return parse_seed_lines(split_lines(text), path)


def parse_seed_lines(lines: list[str], path: Path) -> Article:
    """`parse_seed_text` on the file's lines (see `split_lines`).

    A loader that splits the decoded file itself lets the whole text go before
    the parse begins, rather than keep it alive beside its lines to the end.
    """
    return parse_seed_pieces(iter((lines,)), path)


def parse_seed_pieces(pieces: Iterator[list[str]], path: Path) -> Article:
    """`parse_seed_lines` on the file's lines in pieces, in order (see
    `Sample.take_utf8_line_pieces`): only the lines up to the comment section
    are gathered; the comments are read a piece at a time, so that a loader
    that decodes each piece when it is reached never holds all the lines
    beside the comments made of them (issue 24)."""
    lines = _lines_to_the_comments(pieces)
    title_at = next((i for i, line in enumerate(lines) if line and not line.isspace()), None)
    if title_at is None:
        raise LoadError(path, "empty file")
    start = _comment_section_start(lines, title_at + 1)
    article = Article(title=lines[title_at].strip(), path=path, format="txt")
    _read_body(article, _blocks(lines, title_at + 1, start))
    with collector_paused():
        article.comments = _read_comments(lines, start, pieces)
    return article


def _lines_to_the_comments(pieces: Iterator[list[str]]) -> list[str]:
    """The first pieces' lines, joined, up to the piece in which the comment
    section starts (R4) at a numbered marker line: every piece when an
    indented bullet line comes first (whether it starts the section depends
    on the lines after it, R4b) or when there is no marker line."""
    lines: list[str] = []
    title_at: int | None = None
    scanned = 0
    for piece in pieces:
        if lines:
            lines += piece
        else:
            lines = piece
            if lines and lines[0].startswith(_BOM):
                lines[0] = lines[0][1:]
        for index in range(scanned, len(lines)):
            line = lines[index]
            if title_at is None:
                if line and not line.isspace():
                    title_at = index
                continue
            if line and line[0].isspace():
                match = _INDENTED_MARKER.match(line)
                if match is None:
                    continue
                if match.group(1) is not None:
                    return lines
                for rest in pieces:
                    lines += rest
                return lines
        scanned = len(lines)
    return lines


def split_lines(text: str) -> list[str]:
    """R1: lines end at `\\n`, `\\r\\n` or `\\r`, and at nothing else."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _comment_section_start(lines: list[str], first: int) -> int:
    """Index of the comment section's first line (R4), `len(lines)` if there is none.

    The section starts at the first indented line with a number marker, or at
    an earlier indented bullet line after which no non-blank line is at column 0.
    """
    last_flush: int | None = None
    for index in range(first, len(lines)):
        line = lines[index]
        if line and line[0].isspace():
            match = _INDENTED_MARKER.match(line)
            if match is None:
                continue
            if match.group(1) is not None:
                return index
            # A bullet line qualifies after the last non-blank line at column 0
            # (R4b); found once, and only when a bullet line comes up.
            if last_flush is None:
                last_flush = _last_flush_line(lines, first)
            if index > last_flush:
                return index
    return len(lines)


def _last_flush_line(lines: list[str], first: int) -> int:
    """Index of the last non-blank line at column 0 from `first` on, else `first - 1`."""
    for index in range(len(lines) - 1, first - 1, -1):
        line = lines[index]
        if line and not line[0].isspace():
            return index
    return first - 1


def _blocks(lines: list[str], begin: int, end: int) -> list[str]:
    """The runs of non-blank lines in `lines[begin:end]`, each line stripped
    (R2), each run joined by line breaks: a one-line run is its line, with no
    list made for it (a big text file is a million one-line paragraphs)."""
    blocks: list[str] = []
    run: list[str] = []
    for index in range(begin, end):
        stripped = lines[index].strip()
        if stripped:
            run.append(stripped)
        elif run:
            blocks.append("\n".join(run))
            run.clear()
    if run:
        blocks.append("\n".join(run))
    return blocks


def _read_body(article: Article, blocks: list[str]) -> None:
    """Fill in the header (R5), the body and the author's bio (R7) from `blocks`."""
    position = 0
    # At most one byline and one subtitle, in either order, right after the title.
    while position < len(blocks) and "\n" not in blocks[position]:
        line = blocks[position]
        if article.byline is None and _is_byline(line):
            article.byline = line
            article.author, article.source = _parse_byline(line)
        elif article.subtitle is None and _is_subtitle(line):
            article.subtitle = line
        else:
            break
        position += 1
    body = article.body
    bio: list[str] | None = None
    last = len(blocks) - 1
    for index in range(position, len(blocks)):
        block = blocks[index]
        if bio is None and "\n" not in block and index < last:
            name = _bio_author(article.author, block)
            if name is not None:
                article.author = article.author or name
                bio = []
                continue
        (body if bio is None else bio).append(block)
    if bio is not None:
        article.author_bio = "\n\n".join(bio)


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in _SENTENCE_END


def _is_byline(line: str) -> bool:
    """R5: `By NAME ...`, with a `|` or not ending like a sentence ("By then, ... .")."""
    return _BYLINE.match(line) is not None and ("|" in line or not _ends_sentence(line))


def _is_subtitle(line: str) -> bool:
    """R5: a short line that does not end like a sentence and is no `Author:` line."""
    return len(line) <= SUBTITLE_MAX and not _ends_sentence(line) and _AUTHOR.match(line) is None


def _parse_byline(line: str) -> tuple[str | None, str | None]:
    """Author and source of `By NAME | (SOURCE) | ...`: the first `|` field, less
    `By`, and the first later field wrapped in parentheses, less them."""
    head, *fields = line.split("|")
    author = head[2:].strip() or None
    for field in fields:
        field = field.strip()
        if len(field) >= 2 and field[0] == "(" and field[-1] == ")":
            return author, field[1:-1].strip() or None
    return author, None


def _bio_author(byline_author: str | None, line: str) -> str | None:
    """R7: NAME if `line` is an `Author: NAME` line that opens the author's bio.

    A NAME that contradicts the byline's author would have no field to go to,
    so such a line stays a body paragraph (nothing is ever dropped).
    """
    match = _AUTHOR.match(line)
    if match is None:
        return None
    name = match.group(1)
    if byline_author is None or byline_author.split() == name.split():
        return name
    return None


def _read_comments(lines: list[str], start: int, more: Iterable[list[str]] = ()) -> list[Comment]:
    """The comment forest of `lines[start:]` and then of the lines of each
    piece of `more` (R6), whose first line is a marker line."""
    roots: list[Comment] = []
    # The open comments, outermost first, and the columns of their markers.
    open_comments: list[Comment] = []
    columns: list[int] = []
    # The latest comment, its paragraphs and the lines of its still-open
    # paragraph. Replaced at the section's first line, always a marker line.
    comment: Comment | None = None
    text: list[str] = []
    paragraph: list[str] = []
    marker = _MARKER.match
    for piece, begin in chain(((lines, start),), ((later, 0) for later in more)):
        for index in range(begin, len(piece)):
            # Each line is let go once read (its words live on in the comments),
            # so that a huge file is not held twice over, as lines and as comments.
            line, piece[index] = piece[index], ""
            content = line.lstrip()
            if not content:
                if paragraph:
                    text.append("\n".join(paragraph))
                    paragraph = []
                continue
            match = marker(content)
            if match is None:
                # A continuation of the latest comment, whatever its indentation.
                paragraph.append(content.rstrip())
                continue
            if paragraph:
                text.append("\n".join(paragraph))
                paragraph = []
            indent = len(line) - len(content)
            column = indent
            if line.find("\t", 0, indent) >= 0:
                column = len(line[:indent].expandtabs(TAB_WIDTH))
            # The parent is the nearest open comment whose marker is further left.
            while columns and columns[-1] >= column:
                columns.pop()
                open_comments.pop()
            if comment is not None:
                # The text as the store keeps it (a tuple, one paragraph its bare
                # string), made as the comment ends: its list is freed while the
                # parse goes on, its memory taken again by the next comments, not
                # left as holes by the store freezing 100,000 lists at once after
                # the last comment is made. (Inline: a call a comment was 5% of XL.)
                comment.text = tuple(text)
            comment = Comment()
            (open_comments[-1].replies if open_comments else roots).append(comment)
            open_comments.append(comment)
            columns.append(column)
            text = []
            first = content[match.end() :].rstrip()
            if first:
                paragraph.append(first)
    if paragraph:
        text.append("\n".join(paragraph))
    if comment is not None:
        comment.text = tuple(text)  # (as above)
    return roots


def render_seed_text(
    article: Article,
    *,
    indent: int = 2,
    bullet: str = "•",
    numbering: str = ".",
    use_tabs: bool = False,
    newline: str = "\n",
    bom: bool = False,
) -> str:
    """`article` written in the seed-text format; `parse_seed_text` reads it back.

    Top-level comments are numbered `1.`, `2.`, ... (or `1)` with
    `numbering=")"`) at column `indent`; each reply level is `indent` columns
    further in and marked with `bullet`; a comment's further lines are one more
    `indent` in. `use_tabs` writes indentation with tabs where a tab stop fits.

    Only what the format can hold comes back: single-line title, subtitle and
    byline, paragraphs without blank lines or marker-like comment lines. A
    comment's `author`/`posted`, `published` and `url` have no place in the
    format and are not written. A bio needs an author for its `Author:` line; a
    bio without one (or whose author contradicts the byline's) reads back as
    body paragraphs.
    """
    if indent < 1:
        raise ValueError("indent must be at least 1 column, or comments read as body")
    if len(bullet) != 1 or bullet not in BULLETS:
        raise ValueError(f"bullet must be one of {BULLETS!r}")
    if numbering not in (".", ")"):
        raise ValueError("numbering must be '.' or ')'")
    out: list[str] = [article.title, ""]
    for line in (article.subtitle, article.byline):
        if line is not None:
            out += [line, ""]
    for paragraph in article.body:
        out += [paragraph, ""]
    if article.author_bio is not None:
        if article.author is not None:
            out += [f"Author: {article.author}", ""]
        for paragraph in article.author_bio.split("\n\n"):
            out += [paragraph, ""]
    # Iterative preorder walk: (comment, depth, ordinal among top-level comments).
    stack: list[tuple[Comment, int, int]] = [
        (comment, 0, ordinal) for ordinal, comment in reversed(list(enumerate(article.comments, 1)))
    ]
    while stack:
        comment, depth, ordinal = stack.pop()
        column = indent * (depth + 1)
        marker = f"{ordinal}{numbering}" if depth == 0 else bullet
        first, *rest = "\n\n".join(comment.text).split("\n")
        pad = _indentation(column, use_tabs)
        out.append(f"{pad}{marker} {first}" if first else f"{pad}{marker}")
        inner = _indentation(column + indent, use_tabs)
        out.extend(f"{inner}{line}" if line else "" for line in rest)
        out.append("")
        stack.extend((reply, depth + 1, 0) for reply in reversed(comment.replies))
    text = "\n".join(out)
    if newline != "\n":
        text = text.replace("\n", newline)
    return _BOM + text if bom else text


def _indentation(column: int, use_tabs: bool) -> str:
    if use_tabs:
        return "\t" * (column // TAB_WIDTH) + " " * (column % TAB_WIDTH)
    return " " * column
