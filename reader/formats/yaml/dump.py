"""Writing an article out as YAML or JSON, in the schema `schema` reads.

`yaml.dump` and `json.dumps` both recurse into nested data, and a reply chain
can be thousands of levels deep, so neither is given the nested structure.
Both writers here consume one flat token stream made by an explicit-stack
walk: the YAML writer turns it into PyYAML events for `yaml.emit` (its
emitter is a state machine), the JSON writer formats it itself, with
`json.dumps` for single scalars only.

Indentation grows with depth, so writing every level indented would make the
output quadratic in the nesting depth (some 400 MB for a 10,000-deep chain).
Containers nested deeper than `PRETTY_DEPTH` are therefore written on one line
(YAML flow style, compact JSON): ordinary threads stay readable and deep ones
stay linear in size.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import yaml
from yaml import events

from ...model import Article
from .nodes import BOOL_TAG, INT_TAG, NULL_TAG, RESOLVER, STR_TAG
from .textdata import text_to_data

# Container depth of the article mapping is 0, `comments` 1, a top-level
# comment 2, its `replies` 3, ...: this keeps about 24 reply levels indented.
PRETTY_DEPTH = 50

LIBYAML_DUMPER: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Line breaks other than `\n` that a YAML parser would turn into `\n` in a
# block scalar, so such text must be written double-quoted (as escapes).
_OTHER_BREAKS = frozenset("\r\x85\u2028\u2029")
# Wide enough that no line is ever folded: folding would make deep flow-style
# lines carry quadratic indentation (and the C emitter takes a C int).
_NO_WRAP = 2**31 - 1

# Token kinds of the flat stream.
_MAP, _SEQ, _END, _KEY, _VALUE = range(5)
_Token = tuple[int, Any, int]


def article_to_dict(article: Article) -> dict[str, Any]:
    """The article as plain data in the YAML schema's keys and order, plus the
    optional keys (`id`, `subject`, `score`, `comment_count`, `partial`,
    `feeds`, `comments_note`; per comment `id`, `subject`, `score`, `edited`,
    `op`, `status`, `more`, `distinguished`, `stickied`) where the article has
    them. A text with layout is a list of blocks (see `textdata`)."""
    comments: list[dict[str, Any]] = []
    data: dict[str, Any] = {
        "title": article.title,
        "subtitle": article.subtitle,
        "byline": article.byline,
        "author": article.author,
        "source": article.source,
        "published": article.published,
        "url": article.url,
        "body": text_to_data(article.body, article.body_blocks),
        "author_bio": article.author_bio,
    }
    _put(data, "id", article.source_id)
    _put(data, "subject", article.subject)
    _put(data, "score", article.score)
    _put(data, "comment_count", article.comment_count)
    _put(data, "partial", article.partial or None)
    _put(data, "feeds", list(article.feeds) or None)
    _put(data, "comments_note", article.comments_note)
    data["comments"] = comments
    stack = [(article.comments, comments)]
    while stack:
        sources, targets = stack.pop()
        for comment in sources:
            replies: list[dict[str, Any]] = []
            item: dict[str, Any] = {
                "author": comment.author,
                "posted": comment.posted,
                "text": text_to_data(comment.text, comment.blocks),
            }
            _put(item, "id", comment.source_id)
            _put(item, "subject", comment.subject)
            _put(item, "score", comment.score)
            _put(item, "edited", comment.edited)
            _put(item, "op", comment.is_op or None)
            _put(item, "status", comment.status)
            _put(item, "more", comment.more)
            _put(item, "distinguished", comment.distinguished)
            _put(item, "stickied", comment.stickied or None)
            item["replies"] = replies
            targets.append(item)
            if comment.replies:
                stack.append((comment.replies, replies))
    return data


def _put(data: dict[str, Any], key: str, value: object) -> None:
    if value is not None:
        data[key] = value


def dump_yaml(article: Article) -> str:
    """The article as a YAML document that `parse_yaml` reads back unchanged."""
    return yaml.emit(
        _yaml_events(article_to_dict(article)),
        Dumper=LIBYAML_DUMPER,
        allow_unicode=True,
        indent=2,
        width=_NO_WRAP,
    )


def dump_json(article: Article) -> str:
    """The article as a JSON object with the YAML schema's keys, newline-terminated.

    Up to `PRETTY_DEPTH` it is laid out like `json.dumps(..., indent=2)`.
    """
    out: list[str] = []
    # Per open container: has it written an item yet?
    started: list[bool] = []
    after_key = False
    for kind, value, depth in _tokens(article_to_dict(article)):
        if kind == _END:
            if started.pop() and depth <= PRETTY_DEPTH:
                out.append("\n" + "  " * depth)
            out.append("}" if value == _MAP else "]")
            continue
        if after_key:
            after_key = False
        elif started:
            # The first item of a container, or a later one: separator and layout.
            separator = "," if started[-1] else ""
            pretty = depth - 1 <= PRETTY_DEPTH  # an item is one deeper than its container
            out.append(separator + ("\n" + "  " * depth if pretty else " " if separator else ""))
            started[-1] = True
        if kind in (_MAP, _SEQ):
            out.append("{" if kind == _MAP else "[")
            started.append(False)
        elif kind == _KEY:
            out.append(json.dumps(value, ensure_ascii=False) + ": ")
            after_key = True
        else:
            out.append(json.dumps(value, ensure_ascii=False))
    out.append("\n")
    return "".join(out)


def dump_articles(articles: list[Article], output: str) -> str:
    """Articles as `output` ("yaml" or "json"): one article as one document, as
    ever; several (a mailing list's threads) as a YAML stream of documents,
    each after a `---` line, or as a JSON array of article objects."""
    dump = dump_json if output == "json" else dump_yaml
    if len(articles) == 1:
        return dump(articles[0])
    if output == "json":
        return "[\n" + ",\n".join(dump(article).rstrip("\n") for article in articles) + "\n]\n"
    return "".join("---\n" + dump(article) for article in articles)


def _tokens(data: dict[str, Any]) -> Iterator[_Token]:
    """Flat (kind, value, depth) tokens for nested dicts, lists and scalars.

    A container's start and end tokens carry its own depth (the end token's
    value says which kind it closes); keys and scalars carry their
    container's depth plus one.
    """
    yield _MAP, None, 0
    # Open containers: (kind, iterator over (key or None, value) items).
    stack: list[tuple[int, Iterator[tuple[str | None, Any]]]] = [(_MAP, iter(data.items()))]
    while stack:
        kind, items = stack[-1]
        depth = len(stack)
        item = next(items, None)
        if item is None:
            stack.pop()
            yield _END, kind, depth - 1
            continue
        key, value = item
        if key is not None:
            yield _KEY, key, depth
        if isinstance(value, dict):
            yield _MAP, None, depth
            stack.append((_MAP, iter(value.items())))
        elif isinstance(value, list):
            # A list of scalars (a span) is short: YAML writes it on one line.
            scalars = bool(value) and not any(isinstance(item, dict | list) for item in value)
            yield _SEQ, scalars or None, depth
            stack.append((_SEQ, ((None, element) for element in value)))
        else:
            yield _VALUE, value, depth


def _yaml_events(data: dict[str, Any]) -> Iterator[events.Event]:
    yield events.StreamStartEvent()
    yield events.DocumentStartEvent(explicit=False)
    for kind, value, depth in _tokens(data):
        # A container's own depth decides its style; a scalar's container's, its.
        flow = depth > PRETTY_DEPTH if kind in (_MAP, _SEQ, _END) else depth - 1 > PRETTY_DEPTH
        flow = flow or (kind == _SEQ and value is True)
        if kind == _MAP:
            yield events.MappingStartEvent(None, None, True, flow_style=flow)
        elif kind == _SEQ:
            yield events.SequenceStartEvent(None, None, True, flow_style=flow)
        elif kind == _END:
            yield events.MappingEndEvent() if value == _MAP else events.SequenceEndEvent()
        elif kind == _KEY:
            yield events.ScalarEvent(None, STR_TAG, (True, False), value)
        else:
            yield _scalar_event(value, flow)
    yield events.DocumentEndEvent(explicit=False)
    yield events.StreamEndEvent()


def _scalar_event(value: str | int | None, flow: bool) -> events.ScalarEvent:
    """A string or null, quoted exactly when YAML would read it as something else.

    As PyYAML's serializer does: plain style is allowed (`implicit[0]`) only if
    the plain text resolves back to a string, so `null`, `yes`, `1984` and
    `2017-03-25` are quoted; the emitter quotes `: ` and the like by itself.
    """
    if value is None:
        return events.ScalarEvent(None, NULL_TAG, (True, False), "null")
    if isinstance(value, bool):
        return events.ScalarEvent(None, BOOL_TAG, (True, False), "true" if value else "false")
    if isinstance(value, int):
        return events.ScalarEvent(None, INT_TAG, (True, False), str(value))
    plain = RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == STR_TAG
    style = None
    if "\n" in value or not _OTHER_BREAKS.isdisjoint(value):
        # Literal block style keeps paragraphs readable; it is not available in
        # flow context, where double quotes keep each value on its line.
        style = '"' if flow or not _OTHER_BREAKS.isdisjoint(value) else "|"
    return events.ScalarEvent(None, STR_TAG, (plain, True), value, style=style)
