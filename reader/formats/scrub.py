"""Lone surrogates out of loaded articles, once, at load.

A JSON or YAML escape (`"\\ud800"`) and a mail header's raw bytes (kept by the
email package as `\\udcff`) give strings holding UTF-16 surrogates alone: no
encoding can write them (`reader dump` failed with `UnicodeEncodeError`), and a
terminal draws each as a replacement glyph some cells wide while it is counted
as one (the layout broke). Each becomes U+FFFD, the replacement character, for
display and dump alike.

Most files cannot hold one at all, and are not walked: the check on the file's
bytes (`may_hold_surrogates`) is one search.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from dataclasses import fields, replace

from ..model import Article, Comment, iter_comments
from ..text import Block, Span

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
# A JSON or YAML escape of a surrogate: `\ud800` to `\udfff`, or YAML's `\U0000d800`.
_ESCAPED_SURROGATE = re.compile(rb"\\(?:u|U0000)[dD][89a-fA-F]")
# How UTF-16 and UTF-32 text starts: with a byte-order mark, or a zero byte.
_WIDE_STARTS = (b"\xff", b"\xfe", b"\x00")
# Every text field of an article (its strings), and of a comment.
_ARTICLE_FIELDS = tuple(
    field.name for field in fields(Article) if field.name not in ("body", "comments", "path")
)
_COMMENT_FIELDS = ("author", "posted", "source_id", "edited", "status", "distinguished", "subject")


def may_hold_surrogates(data: bytes | None) -> bool:
    """Whether text decoded strictly from `data` can hold a surrogate: only
    through an escape (strict UTF-8, -16 and -32 decoding never gives one).
    None (a Maildir's messages are read one by one), or UTF-16 or -32 bytes
    (the escape is not spelled in ASCII there): it may."""
    if data is None or data[:1] in _WIDE_STARTS:
        return True
    return _ESCAPED_SURROGATE.search(data) is not None


def scrub(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD."""
    return text if text.isascii() else _SURROGATE.sub(REPLACEMENT, text)


def scrub_articles(articles: Iterable[Article]) -> None:
    """Replace every lone surrogate in the articles' text, in place. (An
    article listed before its text was read has its comments' authors and
    ids scrubbed by its format, which scrubs its text as it reads it: they
    are not walked here.)"""
    for article in articles:
        _scrub_fields(article, _ARTICLE_FIELDS)
        article.body = [scrub(text) for text in article.body]
        article.body_blocks = _scrub_blocks(article.body_blocks)
        if article.deferred is None:
            for comment in iter_comments(article.comments):
                _scrub_comment(comment)


def _scrub_comment(comment: Comment) -> None:
    _scrub_fields(comment, _COMMENT_FIELDS)
    # ASCII holds no surrogate: most texts are neither unpacked nor compared.
    packed = comment.text_utf8
    if packed is None or not packed.isascii():
        text = comment.text
        if not all(map(str.isascii, text)):
            scrubbed = tuple(scrub(paragraph) for paragraph in text)
            if scrubbed != text:
                comment.text = scrubbed
    fields = comment.source_fields
    layout = fields.blocks if fields is not None else None
    if layout is not None and not layout.isascii():
        blocks = comment.blocks
        scrubbed_blocks = _scrub_blocks(blocks)
        if scrubbed_blocks is not blocks:
            comment.blocks = scrubbed_blocks


def _scrub_fields(owner: Article | Comment, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(owner, name, None)
        if isinstance(value, str) and not value.isascii():
            cleaned = scrub(value)
            if cleaned != value:
                setattr(owner, name, cleaned)


def _scrub_span(span: Span) -> Span:
    """The span with its URL and title scrubbed (itself if neither changed)."""
    url = scrub(span.url) if span.url is not None else None
    title = scrub(span.title) if span.title is not None else None
    if url == span.url and title == span.title:
        return span
    return replace(span, url=url, title=title)


def _scrub_blocks(blocks: tuple[Block, ...] | None) -> tuple[Block, ...] | None:
    """The blocks with their markers and link URLs scrubbed (new blocks only
    where one changed: they are frozen; the same tuple if none did)."""
    if blocks is None:
        return None
    scrubbed = tuple(map(_scrub_block, blocks))
    if all(map(operator.is_, scrubbed, blocks)):
        return blocks
    return scrubbed


def _scrub_block(block: Block) -> Block:
    if not block.has_spans and block.marker.isascii():
        return block  # (most blocks: an unstyled paragraph or a quote)
    old_spans = block.spans
    spans = tuple(map(_scrub_span, old_spans))
    marker = scrub(block.marker)
    if marker == block.marker and all(a is b for a, b in zip(spans, old_spans, strict=True)):
        return block
    return block.replaced(marker, spans)
