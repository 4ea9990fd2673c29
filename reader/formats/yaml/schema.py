"""The YAML article format (`.yaml`, `.yml`).

```yaml
title: str              # required
subtitle: str | null
byline: str | null
author: str | null
source: str | null
published: str | null   # ISO date or date-time
url: str | null
body: str               # required; paragraphs separated by a blank line
author_bio: str | null
comments:               # null or missing: no comments
  - author: str | null
    posted: str | null
    text: str           # required (may be empty); paragraphs as in body
    replies: [ ...comments... ]
```

Optional keys, written by `reader dump` where a source has them: `id`,
`subject`, `score`, `comment_count`, `partial` (true: the body is only a
summary, or empty), `feeds` (a web page's feed URLs), `comments_note` (where
the comments came from, when not from the article's source) and
`text_format` (`plain` or `markdown`: how to read body and comment strings)
on the article; `id`, `subject`, `score`, `edited`, `op`, `status`, `more`,
`distinguished` and `stickied` on a comment. A `body` or `text` may
also be a list of blocks with their layout (see `textdata`). A file may hold
several documents, one article each (`parse_yaml_documents`).

The document is never handed to a PyYAML constructor. The parser's event
stream (libyaml's when available) is composed into a light node tree by an
explicit-stack loop, and the model is built from those nodes by another. So:

* no tag can create an object: anything beyond plain data is refused by name;
* nesting depth is bounded only by memory (PyYAML's own composers recurse,
  the libyaml one in C, where a deep enough document crashes the process).
  libyaml's parser is used up to `C_NESTING_LIMIT` levels; a deeper document
  is read again by PyYAML's pure-Python parser (see `_compose`);
* every schema error carries the line of the offending node;
* aliases are counted while composing, so an alias bomb is refused before
  anything is expanded.

It is also cheaper than `yaml.load`: the events cost little next to
PyYAML's generic constructor, which calls the resolver on every scalar.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import yaml

from ...errors import LoadError
from ...model import Article, Comment
from ...text import Block
from ..text.markdown import markdown_to_text
from .compose import compose
from .nodes import (
    ALLOWED_TAGS,
    BOOL_TAG,
    INT_TAG,
    MOST_DIGITS,
    STD,
    TIMESTAMP_TAG,
    TOO_MANY_DIGITS,
    Mapping,
    Node,
    Scalar,
    Sequence,
    describe,
    is_null,
    plain_data,
    scalar_tag,
)
from .textdata import split_paragraphs, text_from_data

ARTICLE_KEYS = (
    "title",
    "subtitle",
    "byline",
    "author",
    "source",
    "published",
    "url",
    "body",
    "author_bio",
    "comments",
)
COMMENT_KEYS = ("author", "posted", "text", "replies")
# Optional keys `reader dump` writes for what a source says beyond the schema
# above; `text_format: markdown` says body and comments are Markdown.
ARTICLE_EXTRA_KEYS = (
    "id",
    "subject",
    "score",
    "comment_count",
    "text_format",
    "partial",
    "feeds",
    "comments_note",
)
COMMENT_EXTRA_KEYS = (
    "id",
    "subject",
    "score",
    "edited",
    "op",
    "status",
    "more",
    "distinguished",
    "stickied",
)
TEXT_FORMATS = ("plain", "markdown")
STATUSES = ("deleted", "removed", "dead", "more")

# A place in the document, built cheaply as a linked list (parent, segment)
# and only spelt out when there is something to report.
_Where = tuple["_Where | None", str] | None


def parse_yaml(text: str, path: Path, warnings: list[str] | None = None) -> Article:
    """Parse one YAML article; problems that do not stop loading go to `warnings`.

    Raises LoadError, with the line where known, for anything else.
    """
    if not text.strip():
        raise LoadError(path, "empty file")
    roots = compose(text, path, single=True)
    return article_from_nodes(roots[0], path, warnings)


def parse_yaml_documents(text: str, path: Path, warnings: list[str] | None = None) -> list[Article]:
    """Every article of a YAML stream (`reader dump` of a mailing list writes
    one document per thread)."""
    if not text.strip():
        raise LoadError(path, "empty file")
    return [article_from_nodes(root, path, warnings) for root in compose(text, path, single=False)]


def article_from_nodes(root: Node, path: Path, warnings: list[str] | None) -> Article:
    """The article a document's node tree holds, checked against the schema."""
    article = _Builder(path, warnings).article(root)
    article.path = path
    article.format = "yaml"
    return article


def _spell(where: _Where) -> str:
    """`comments[3].replies[0].text`; very deep places keep both ends only."""
    segments: list[str] = []
    while where is not None:
        where, segment = where
        segments.append(segment)
    parts: list[str] = []
    for segment in reversed(segments):
        if segment.startswith("[") and parts:
            parts[-1] += segment
        else:
            parts.append(segment)
    if len(parts) > 10:
        parts = [*parts[:4], "…", *parts[-5:]]
    return ".".join(parts)


class _Builder:
    """Builds the model from the node tree, checking it against the schema."""

    def __init__(self, path: Path, warnings: list[str] | None) -> None:
        self.path = path
        self.warnings = warnings
        self.markdown = False

    def error(self, node: Node, where: _Where, reason: str) -> LoadError:
        place = _spell(where)
        return LoadError(self.path, f"{place}: {reason}" if place else reason, node.line)

    def article(self, root: Node) -> Article:
        self.check_tag(root, (None, "top level"))
        if not isinstance(root, Mapping):
            raise self.error(root, (None, "top level"), f"expected a mapping, got {describe(root)}")
        fields = self.fields(root, None, ARTICLE_KEYS + ARTICLE_EXTRA_KEYS)
        title_node = fields.get("title")
        if title_node is None:
            raise self.error(root, None, "required key 'title' is missing")
        title = self.string(title_node, (None, "title"))
        if not title.strip():
            raise self.error(title_node, (None, "title"), "must not be empty")
        body_node = fields.get("body")
        if body_node is None:
            raise self.error(root, None, "required key 'body' is missing")
        text_format = self.optional_string(fields, "text_format", None)
        if text_format is not None and text_format not in TEXT_FORMATS:
            raise self.error(
                fields["text_format"], (None, "text_format"), "expected plain or markdown"
            )
        self.markdown = text_format == "markdown"
        body, body_blocks = self.text(body_node, (None, "body"))
        comments_node = fields.get("comments")
        return Article(
            title=title,
            subtitle=self.optional_string(fields, "subtitle", None),
            byline=self.optional_string(fields, "byline", None),
            author=self.optional_string(fields, "author", None),
            source=self.optional_string(fields, "source", None),
            published=self.date(fields, "published", None, strict=True),
            url=self.optional_string(fields, "url", None),
            body=body,
            body_blocks=body_blocks,
            author_bio=self.optional_string(fields, "author_bio", None),
            comments=(
                self.comments(comments_node, (None, "comments"))
                if comments_node is not None
                else []
            ),
            source_id=self.optional_string(fields, "id", None),
            subject=self.optional_string(fields, "subject", None),
            score=self.optional_int(fields, "score", None),
            comment_count=self.optional_int(fields, "comment_count", None),
            partial=self.flag(fields, "partial", None),
            feeds=tuple(
                self.string(item, ((None, "feeds"), f"[{number}]"))
                for number, item in enumerate(self.sequence(fields["feeds"], (None, "feeds")))
            )
            if "feeds" in fields
            else (),
            comments_note=self.optional_string(fields, "comments_note", None),
        )

    def comments(self, node: Node, where: _Where) -> list[Comment]:
        """The comment forest under a `comments:` list, walked in document order."""
        roots: list[Comment] = []
        # Each frame: the list being filled, the nodes still to read into it
        # (reversed, so that pop() is the next one), and the list's place.
        stack: list[tuple[list[Comment], list[Node], _Where]] = [
            (roots, self.sequence(node, where)[::-1], where)
        ]
        while stack:
            target, pending, list_where = stack[-1]
            if not pending:
                stack.pop()
                continue
            item_where: _Where = (list_where, f"[{len(target)}]")
            item = pending.pop()
            fields = self.fields(item, item_where, COMMENT_KEYS + COMMENT_EXTRA_KEYS)
            text_node = fields.get("text")
            if text_node is None:
                raise self.error(item, item_where, "required key 'text' is missing")
            text, blocks = self.text(text_node, (item_where, "text"))
            status = self.optional_string(fields, "status", item_where)
            if status is not None and status not in STATUSES:
                raise self.error(
                    fields["status"], (item_where, "status"), f"expected one of {STATUSES}"
                )
            comment = Comment(
                author=self.optional_string(fields, "author", item_where),
                posted=self.date(fields, "posted", item_where, strict=False),
                text=text,
                blocks=blocks,
                source_id=self.optional_string(fields, "id", item_where),
                score=self.optional_int(fields, "score", item_where),
                edited=self.optional_string(fields, "edited", item_where),
                is_op=self.flag(fields, "op", item_where),
                status=status,
                more=self.optional_int(fields, "more", item_where),
                distinguished=self.optional_string(fields, "distinguished", item_where),
                stickied=self.flag(fields, "stickied", item_where),
                subject=self.optional_string(fields, "subject", item_where),
            )
            target.append(comment)
            replies = fields.get("replies")
            if replies is not None:
                replies_where: _Where = (item_where, "replies")
                stack.append(
                    (comment.replies, self.sequence(replies, replies_where)[::-1], replies_where)
                )
        return roots

    def fields(self, node: Node, where: _Where, known: tuple[str, ...]) -> dict[str, Node]:
        """The values of a mapping by key; unknown keys are reported and skipped."""
        self.check_tag(node, where)
        if not isinstance(node, Mapping):
            raise self.error(node, where, f"expected a mapping, got {describe(node)}")
        fields: dict[str, Node] = {}
        for key_node, value in node.pairs:
            if not isinstance(key_node, Scalar):
                raise self.error(key_node, where, f"expected a key name, got {describe(key_node)}")
            key = key_node.value
            if key not in known:
                if self.warnings is not None:
                    self.warnings.append(
                        str(self.error(key_node, where, f"unknown key {key!r} ignored"))
                    )
                continue
            if key in fields:
                # PyYAML would silently keep the last one, and drop the first's data.
                raise self.error(key_node, where, f"duplicate key {key!r}")
            fields[key] = value
        return fields

    def check_tag(self, node: Node, where: _Where) -> None:
        """Refuse tags beyond plain data (`!!python/...`, `!custom`) before anything
        else, so that the report names the tag rather than the node's shape."""
        if node.tag not in ALLOWED_TAGS[type(node)]:
            tag = str(node.tag).replace(STD, "!!", 1)
            raise self.error(node, where, f"tag {tag!r} is not allowed (plain YAML data only)")

    def sequence(self, node: Node, where: _Where) -> list[Node]:
        """The items of a list; null stands for an empty one."""
        self.check_tag(node, where)
        if isinstance(node, Sequence):
            return node.items
        if isinstance(node, Scalar) and is_null(node):
            return []
        raise self.error(node, where, f"expected a list, got {describe(node)}")

    def string(self, node: Node, where: _Where) -> str:
        """A required string. Any non-null scalar counts, as written (`title: 1984`)."""
        self.check_tag(node, where)
        if isinstance(node, Scalar) and not is_null(node):
            return node.value
        raise self.error(node, where, f"expected a string, got {describe(node)}")

    def text(self, node: Node, where: _Where) -> tuple[list[str], tuple[Block, ...] | None]:
        """A body or comment text: a string (plain paragraphs, or Markdown with
        `text_format: markdown`), or the list of blocks `reader dump` writes."""
        self.check_tag(node, where)
        if isinstance(node, Sequence) and all(isinstance(i, Mapping) for i in node.items):
            try:
                return text_from_data(plain_data(node))
            except ValueError as error:
                raise self.error(node, where, str(error)) from None
        source = self.string(node, where)
        return markdown_to_text(source) if self.markdown else (split_paragraphs(source), None)

    def optional_int(self, fields: dict[str, Node], key: str, where: _Where) -> int | None:
        node = fields.get(key)
        if node is None or (isinstance(node, Scalar) and is_null(node)):
            return None
        if isinstance(node, Scalar) and scalar_tag(node) == INT_TAG:
            try:
                return int(node.value.replace("_", ""))
            except ValueError:
                if len(node.value) > MOST_DIGITS:
                    raise self.error(node, (where, key), TOO_MANY_DIGITS) from None
                # 0x1f and the like: not what a dump writes
        raise self.error(node, (where, key), f"expected a whole number, got {describe(node)}")

    def flag(self, fields: dict[str, Node], key: str, where: _Where) -> bool:
        node = fields.get(key)
        if node is None:
            return False
        if isinstance(node, Scalar) and scalar_tag(node) == BOOL_TAG:
            return node.value.lower() in ("true", "yes", "on", "y")
        raise self.error(node, (where, key), f"expected true or false, got {describe(node)}")

    def optional_string(self, fields: dict[str, Node], key: str, where: _Where) -> str | None:
        node = fields.get(key)
        if node is None or (isinstance(node, Scalar) and is_null(node)):
            return None
        return self.string(node, (where, key))

    def date(self, fields: dict[str, Node], key: str, where: _Where, *, strict: bool) -> str | None:
        """A date as ISO text. YAML-only timestamp spellings are converted; with
        `strict`, anything `datetime.fromisoformat` cannot read is an error."""
        value = self.optional_string(fields, key, where)
        if value is None or _is_iso(value):
            return value
        node = fields[key]
        assert isinstance(node, Scalar)
        if scalar_tag(node) == TIMESTAMP_TAG:
            # `2001-12-14 21:59:43.10 -5`: a YAML timestamp Python cannot parse.
            constructor = yaml.constructor.SafeConstructor()
            scalar = yaml.ScalarNode(TIMESTAMP_TAG, value)
            return constructor.construct_yaml_timestamp(scalar).isoformat()
        if strict:
            raise self.error(
                node, (where, key), f"expected an ISO date or date-time, got {value!r}"
            )
        return value


def _is_iso(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
