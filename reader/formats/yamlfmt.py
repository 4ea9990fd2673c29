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

Optional keys, written by `reader dump` where a source has them: `id`, `score`,
`comment_count` and `text_format` (`plain` or `markdown`: how to read body and
comment strings) on the article; `id`, `score`, `edited`, `op`, `status`,
`more`, `distinguished` and `stickied` on a comment. A `body` or `text` may
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

import sys
from datetime import datetime
from pathlib import Path

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ..errors import LoadError
from ..model import Article, Comment
from ..text import Block
from .markdowntext import markdown_to_text
from .textdata import split_paragraphs, text_from_data

# Only the parser half of the loader is used; "safe" is belt and braces.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# libyaml 0.2.6 (bundled from PyYAML 6.0.4) refuses to nest deeper than this
# ("exceeded maximum nesting depth"), and every libyaml slows with the square of
# the depth (it rescans each open level at every token), while the pure-Python
# parser has no limit and stays linear. Deeper documents are read by the latter,
# whichever libyaml is installed, so every PyYAML 6.0.x reads the same files alike.
C_NESTING_LIMIT = 1000


class PurePythonLoader(yaml.SafeLoader):
    """PyYAML's pure-Python parser with its simple-key bookkeeping made linear.

    The scanner keeps one possible simple key per open flow level and walks
    them all at every token, so a line of n nested `[` costs n squared. Keys
    are only ever added at the current (deepest) level after the deeper ones
    were dropped, so the dict's order is the levels' order: the first key has
    the smallest token number, and the stale ones (an earlier line, or more
    than 1024 characters back) are a prefix.
    """

    def next_possible_simple_key(self) -> int | None:
        for key in self.possible_simple_keys.values():
            return key.token_number
        return None

    def stale_possible_simple_keys(self) -> None:
        keys = self.possible_simple_keys
        stale = []
        for level, key in keys.items():
            if key.line == self.line and self.index - key.index <= 1024:
                break
            if key.required:
                raise yaml.scanner.ScannerError(
                    "while scanning a simple key",
                    key.mark,
                    "could not find expected ':'",
                    self.get_mark(),
                )
            stale.append(level)
        for level in stale:
            del keys[level]

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
ARTICLE_EXTRA_KEYS = ("id", "score", "comment_count", "text_format")
COMMENT_EXTRA_KEYS = (
    "id",
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

# Aliases may add at most this many nodes on top of the ones written out: far
# beyond any sane reuse of a subtree, far below what an alias bomb asks for.
MAX_ALIAS_EXPANSION = 100_000

# Deep documents are parsed in pure Python at about 0.3 MB/s (a 50,000-level
# reply chain as `dump_yaml` writes it, 4 MB, in some 15 seconds); twice that is
# accepted, deeper is refused rather than parsed for minutes.
MAX_REPLY_DEPTH = 100_000
# Each reply level is a mapping and its `replies` list, under the article and `comments`.
_MAX_NESTING = 2 * MAX_REPLY_DEPTH + 2

_STD = "tag:yaml.org,2002:"
_NULL_TAG = _STD + "null"
_STR_TAG = _STD + "str"
_TIMESTAMP_TAG = _STD + "timestamp"
# `None` is "no tag", `!` the non-specific tag; both mean "resolve as usual".
_SCALAR_TAGS = frozenset(
    [None, "!", _STR_TAG, _NULL_TAG, _STD + "int", _STD + "float", _STD + "bool", _TIMESTAMP_TAG]
)
_SEQUENCE_TAGS = frozenset([None, "!", _STD + "seq"])
_MAPPING_TAGS = frozenset([None, "!", _STD + "map"])
_NULL_VALUES = frozenset(["", "~", "null", "Null", "NULL"])
_TAG_NAMES = {
    _NULL_TAG: "null",
    _STD + "bool": "a boolean",
    _STD + "int": "a number",
    _STD + "float": "a number",
    _TIMESTAMP_TAG: "a date",
}

# How YAML (and JSON, as Python writes it) spells infinity and not-a-number.
_INFINITIES = frozenset((".inf", "inf", "infinity"))
_NANS = frozenset((".nan", "nan"))
# Python's limit on the digits of an integer read from text.
_MOST_DIGITS = sys.get_int_max_str_digits() or 4300

_RESOLVER = yaml.resolver.Resolver()


class _Node:
    __slots__ = ("line", "size", "tag")

    def __init__(self, tag: str | None, line: int | None) -> None:
        self.tag = tag
        self.line = line
        # Nodes in the subtree, aliases expanded: what walking it will cost.
        self.size = 1


class _Scalar(_Node):
    __slots__ = ("plain", "value")

    def __init__(self, tag: str | None, line: int | None, value: str, plain: bool) -> None:
        super().__init__(tag, line)
        self.value = value
        self.plain = plain


class _Sequence(_Node):
    __slots__ = ("items",)

    def __init__(self, tag: str | None, line: int | None) -> None:
        super().__init__(tag, line)
        self.items: list[_Node] = []


class _Mapping(_Node):
    __slots__ = ("pairs",)

    def __init__(self, tag: str | None, line: int | None) -> None:
        super().__init__(tag, line)
        self.pairs: list[tuple[_Node, _Node]] = []


_ALLOWED_TAGS: dict[type[_Node], frozenset[str | None]] = {
    _Scalar: _SCALAR_TAGS,
    _Sequence: _SEQUENCE_TAGS,
    _Mapping: _MAPPING_TAGS,
}

# A place in the document, built cheaply as a linked list (parent, segment)
# and only spelt out when there is something to report.
_Where = tuple["_Where | None", str] | None


def parse_yaml(text: str, path: Path, warnings: list[str] | None = None) -> Article:
    """Parse one YAML article; problems that do not stop loading go to `warnings`.

    Raises LoadError, with the line where known, for anything else.
    """
    if not text.strip():
        raise LoadError(path, "empty file")
    roots = _compose(text, path, single=True)
    return _article(roots[0], path, warnings)


def parse_yaml_documents(
    text: str, path: Path, warnings: list[str] | None = None
) -> list[Article]:
    """Every article of a YAML stream (`reader dump` of a mailing list writes
    one document per thread)."""
    if not text.strip():
        raise LoadError(path, "empty file")
    return [_article(root, path, warnings) for root in _compose(text, path, single=False)]


def article_from_data(data: object, path: Path, warnings: list[str] | None = None) -> Article:
    """An article from plain data in the same schema (`reader dump --format
    json` read back), checked exactly as a YAML document is."""
    return _article(_nodes(data), path, warnings)


def _nodes(data: object) -> _Node:
    """Plain (JSON) data as a node tree, without recursion; no lines to report."""
    root = _data_node(data)
    stack = [(root, data)]
    while stack:
        node, value = stack.pop()
        if isinstance(node, _Mapping):
            assert isinstance(value, dict)
            for key, item in value.items():
                child = _data_node(item)
                node.pairs.append((_Scalar(_STR_TAG, None, str(key), False), child))
                stack.append((child, item))
        elif isinstance(node, _Sequence):
            assert isinstance(value, list)
            for item in value:
                child = _data_node(item)
                node.items.append(child)
                stack.append((child, item))
    return root


def _data_node(value: object) -> _Node:
    if isinstance(value, dict):
        return _Mapping(None, None)
    if isinstance(value, list):
        return _Sequence(None, None)
    if value is None:
        return _Scalar(_NULL_TAG, None, "null", True)
    if isinstance(value, bool):
        return _Scalar(_STD + "bool", None, "true" if value else "false", True)
    if isinstance(value, int):
        return _Scalar(_STD + "int", None, str(value), True)
    if isinstance(value, float):
        return _Scalar(_STD + "float", None, repr(value), True)
    return _Scalar(_STR_TAG, None, str(value), False)


def _article(root: _Node, path: Path, warnings: list[str] | None) -> Article:
    article = _Builder(path, warnings).article(root)
    article.path = path
    article.format = "yaml"
    return article


class _TooDeepForC(Exception):
    """libyaml's parser reached `C_NESTING_LIMIT`: the pure-Python one takes over."""


def _compose(text: str, path: Path, *, single: bool) -> list[_Node]:
    """The documents' node trees, from the parser's events, without recursion."""
    if _Loader is yaml.SafeLoader:
        return _compose_with(PurePythonLoader, text, path, single=single, max_open=None)
    try:
        return _compose_with(_Loader, text, path, single=single, max_open=C_NESTING_LIMIT)
    except _TooDeepForC:
        return _compose_with(PurePythonLoader, text, path, single=single, max_open=None)


def _compose_with(
    loader_type: type, text: str, path: Path, *, single: bool, max_open: int | None
) -> list[_Node]:
    loader = None
    try:
        # The pure-Python reader already checks the characters here.
        loader = loader_type(text)
        loader.get_event()  # StreamStartEvent
        if loader.check_event(StreamEndEvent):
            raise LoadError(path, "no YAML document in the file")
        roots = [_compose_events(loader, path, max_open)]
        while not loader.check_event(StreamEndEvent):
            if single:
                line = loader.peek_event().start_mark.line + 1
                raise LoadError(path, "more than one YAML document (one article per file)", line)
            roots.append(_compose_events(loader, path, max_open))
        return roots
    except yaml.MarkedYAMLError as error:
        if max_open is not None and "maximum nesting depth" in str(error.problem):
            raise _TooDeepForC from None
        mark = error.problem_mark or error.context_mark
        reason = f"YAML syntax error: {error.problem or error.context}"
        if error.context and error.context_mark is not None and error.problem:
            reason += f" ({error.context} on line {error.context_mark.line + 1})"
        raise LoadError(path, reason, mark.line + 1 if mark is not None else None) from None
    except yaml.reader.ReaderError as error:
        raise _reader_error(error, text, path) from None
    except yaml.YAMLError as error:
        raise LoadError(path, f"YAML error: {error}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _compose_events(loader: yaml.SafeLoader, path: Path, max_open: int | None) -> _Node:
    """One document's node tree; `_TooDeepForC` past `max_open` open collections."""
    anchors: dict[str, _Node] = {}
    # The open collections, innermost last, and for each mapping its key
    # still waiting for a value.
    open_nodes: list[_Node] = []
    open_ids: set[int] = set()
    pending_keys: list[_Node | None] = []
    expansion = 0
    root: _Node | None = None

    loader.get_event()  # DocumentStartEvent
    while True:
        event = loader.get_event()
        kind = type(event)
        line = event.start_mark.line + 1
        node: _Node
        if kind is ScalarEvent:
            node = _Scalar(event.tag, line, event.value, event.implicit[0])
        elif kind is MappingStartEvent:
            node = _Mapping(event.tag, line)
        elif kind is SequenceStartEvent:
            node = _Sequence(event.tag, line)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            closed = open_nodes.pop()
            open_ids.discard(id(closed))
            pending_keys.pop()
            if open_nodes:
                open_nodes[-1].size += closed.size
            continue
        elif kind is AliasEvent:
            found = anchors.get(event.anchor)
            if found is None:
                raise LoadError(path, f"alias *{event.anchor} has no anchor before it", line)
            if id(found) in open_ids:
                raise LoadError(path, f"alias *{event.anchor} refers to its own ancestor", line)
            node = found
            expansion += node.size
            if expansion > MAX_ALIAS_EXPANSION:
                raise LoadError(path, "too many aliases (possible alias bomb)", line)
        elif kind is DocumentEndEvent:
            break
        else:  # pragma: no cover - the parser emits nothing else inside a document
            raise LoadError(path, f"unexpected YAML event {kind.__name__}", line)

        if kind is not AliasEvent and event.anchor is not None:
            anchors[event.anchor] = node
        if open_nodes:
            parent = open_nodes[-1]
            key = pending_keys[-1]
            if isinstance(parent, _Sequence):
                parent.items.append(node)
            elif key is None:
                pending_keys[-1] = node
            else:
                assert isinstance(parent, _Mapping)
                parent.pairs.append((key, node))
                pending_keys[-1] = None
        else:
            root = node
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            open_nodes.append(node)
            open_ids.add(id(node))
            if max_open is not None and len(open_nodes) >= max_open:
                raise _TooDeepForC
            if len(open_nodes) > _MAX_NESTING:
                raise LoadError(
                    path, f"nested more than {MAX_REPLY_DEPTH:,} reply levels deep", line
                )
            pending_keys.append(None)
        elif open_nodes:
            open_nodes[-1].size += node.size

    assert root is not None  # a document always holds a node
    return root


def _reader_error(error: yaml.reader.ReaderError, text: str, path: Path) -> LoadError:
    """A one-line report of a character YAML does not allow, with its line."""
    character = error.character
    if isinstance(character, int):
        character = chr(character)
    offset = text.find(character) if isinstance(character, str) else -1
    line = text.count("\n", 0, offset) + 1 if offset >= 0 else None
    code = f"#x{ord(character):04x}" if isinstance(character, str) else "?"
    return LoadError(path, f"character {code} is not allowed in YAML ({error.reason})", line)


def _describe(node: _Node) -> str:
    if isinstance(node, _Mapping):
        return "a mapping"
    if isinstance(node, _Sequence):
        return "a list"
    assert isinstance(node, _Scalar)
    tag = _scalar_tag(node)
    if tag == _STD + "float":
        # `.inf` and `1.5` are both numbers: say which (`score: .inf` said
        # "expected a number, got a number").
        value = node.value.lower().lstrip("+-")
        if value in _INFINITIES:
            return "infinity"
        if value in _NANS:
            return "NaN (not a number)"
        return f"a decimal number ({node.value[:20]})"
    return _TAG_NAMES.get(tag, "a string")


def _scalar_tag(node: _Scalar) -> str:
    """The tag YAML gives the scalar: its own, or the one its plain text resolves to."""
    if node.tag is None or node.tag == "!":
        return _RESOLVER.resolve(yaml.ScalarNode, node.value, (node.plain, not node.plain))
    return node.tag


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

    def error(self, node: _Node, where: _Where, reason: str) -> LoadError:
        place = _spell(where)
        return LoadError(self.path, f"{place}: {reason}" if place else reason, node.line)

    def article(self, root: _Node) -> Article:
        self.check_tag(root, (None, "top level"))
        if not isinstance(root, _Mapping):
            raise self.error(
                root, (None, "top level"), f"expected a mapping, got {_describe(root)}"
            )
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
            score=self.optional_int(fields, "score", None),
            comment_count=self.optional_int(fields, "comment_count", None),
        )

    def comments(self, node: _Node, where: _Where) -> list[Comment]:
        """The comment forest under a `comments:` list, walked in document order."""
        roots: list[Comment] = []
        # Each frame: the list being filled, the nodes still to read into it
        # (reversed, so that pop() is the next one), and the list's place.
        stack: list[tuple[list[Comment], list[_Node], _Where]] = [
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
            )
            target.append(comment)
            replies = fields.get("replies")
            if replies is not None:
                replies_where: _Where = (item_where, "replies")
                stack.append(
                    (comment.replies, self.sequence(replies, replies_where)[::-1], replies_where)
                )
        return roots

    def fields(self, node: _Node, where: _Where, known: tuple[str, ...]) -> dict[str, _Node]:
        """The values of a mapping by key; unknown keys are reported and skipped."""
        self.check_tag(node, where)
        if not isinstance(node, _Mapping):
            raise self.error(node, where, f"expected a mapping, got {_describe(node)}")
        fields: dict[str, _Node] = {}
        for key_node, value in node.pairs:
            if not isinstance(key_node, _Scalar):
                raise self.error(key_node, where, f"expected a key name, got {_describe(key_node)}")
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

    def check_tag(self, node: _Node, where: _Where) -> None:
        """Refuse tags beyond plain data (`!!python/...`, `!custom`) before anything
        else, so that the report names the tag rather than the node's shape."""
        if node.tag not in _ALLOWED_TAGS[type(node)]:
            tag = str(node.tag).replace(_STD, "!!", 1)
            raise self.error(node, where, f"tag {tag!r} is not allowed (plain YAML data only)")

    def sequence(self, node: _Node, where: _Where) -> list[_Node]:
        """The items of a list; null stands for an empty one."""
        self.check_tag(node, where)
        if isinstance(node, _Sequence):
            return node.items
        if isinstance(node, _Scalar) and _is_null(node):
            return []
        raise self.error(node, where, f"expected a list, got {_describe(node)}")

    def string(self, node: _Node, where: _Where) -> str:
        """A required string. Any non-null scalar counts, as written (`title: 1984`)."""
        self.check_tag(node, where)
        if isinstance(node, _Scalar) and not _is_null(node):
            return node.value
        raise self.error(node, where, f"expected a string, got {_describe(node)}")

    def text(self, node: _Node, where: _Where) -> tuple[list[str], tuple[Block, ...] | None]:
        """A body or comment text: a string (plain paragraphs, or Markdown with
        `text_format: markdown`), or the list of blocks `reader dump` writes."""
        self.check_tag(node, where)
        if isinstance(node, _Sequence) and all(isinstance(i, _Mapping) for i in node.items):
            try:
                return text_from_data(_plain(node))
            except ValueError as error:
                raise self.error(node, where, str(error)) from None
        source = self.string(node, where)
        return markdown_to_text(source) if self.markdown else (split_paragraphs(source), None)

    def optional_int(self, fields: dict[str, _Node], key: str, where: _Where) -> int | None:
        node = fields.get(key)
        if node is None or (isinstance(node, _Scalar) and _is_null(node)):
            return None
        if isinstance(node, _Scalar) and _scalar_tag(node) == _STD + "int":
            try:
                return int(node.value.replace("_", ""))
            except ValueError:
                if len(node.value) > _MOST_DIGITS:
                    reason = f"a number of more than {_MOST_DIGITS:,} digits"
                    raise self.error(node, (where, key), reason) from None
                # 0x1f and the like: not what a dump writes
        raise self.error(node, (where, key), f"expected a whole number, got {_describe(node)}")

    def flag(self, fields: dict[str, _Node], key: str, where: _Where) -> bool:
        node = fields.get(key)
        if node is None:
            return False
        if isinstance(node, _Scalar) and _scalar_tag(node) == _STD + "bool":
            return node.value.lower() in ("true", "yes", "on", "y")
        raise self.error(node, (where, key), f"expected true or false, got {_describe(node)}")

    def optional_string(self, fields: dict[str, _Node], key: str, where: _Where) -> str | None:
        node = fields.get(key)
        if node is None or (isinstance(node, _Scalar) and _is_null(node)):
            return None
        return self.string(node, (where, key))

    def date(
        self, fields: dict[str, _Node], key: str, where: _Where, *, strict: bool
    ) -> str | None:
        """A date as ISO text. YAML-only timestamp spellings are converted; with
        `strict`, anything `datetime.fromisoformat` cannot read is an error."""
        value = self.optional_string(fields, key, where)
        if value is None or _is_iso(value):
            return value
        node = fields[key]
        assert isinstance(node, _Scalar)
        if _scalar_tag(node) == _TIMESTAMP_TAG:
            # `2001-12-14 21:59:43.10 -5`: a YAML timestamp Python cannot parse.
            constructor = yaml.constructor.SafeConstructor()
            scalar = yaml.ScalarNode(_TIMESTAMP_TAG, value)
            return constructor.construct_yaml_timestamp(scalar).isoformat()
        if strict:
            raise self.error(
                node, (where, key), f"expected an ISO date or date-time, got {value!r}"
            )
        return value


def _plain(node: _Node, depth: int = 0) -> object:
    """A small subtree (a text's block list) as plain data."""
    if depth > 4:
        raise ValueError("nested too deeply for a text")
    if isinstance(node, _Sequence):
        return [_plain(item, depth + 1) for item in node.items]
    if isinstance(node, _Mapping):
        return {
            str(_plain(key, depth + 1)): _plain(value, depth + 1) for key, value in node.pairs
        }
    assert isinstance(node, _Scalar)
    tag = _scalar_tag(node)
    if tag == _NULL_TAG:
        return None
    if tag == _STD + "int":
        try:
            return int(node.value)
        except ValueError:
            raise ValueError(f"a number of more than {_MOST_DIGITS:,} digits") from None
    return node.value


def _is_null(node: _Scalar) -> bool:
    if node.tag is None or node.tag == "!":
        return node.plain and node.value in _NULL_VALUES
    return node.tag == _NULL_TAG


def _is_iso(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
