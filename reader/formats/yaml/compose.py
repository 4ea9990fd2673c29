"""YAML text to node trees, by an explicit-stack loop over the parser's events.

PyYAML's own composers recurse (the libyaml one in C, where a deep enough
document crashes the process), and its constructors may build objects from
tags. Here libyaml's parser (when installed) is used up to `C_NESTING_LIMIT`
open levels; a deeper document is read again by PyYAML's pure-Python parser,
its simple-key bookkeeping made linear (`PurePythonLoader`). Aliases are
counted while composing, so an alias bomb is refused before anything is
expanded; every node keeps its line for the schema's error messages.
"""

from __future__ import annotations

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

from ...errors import LoadError
from .nodes import Mapping, Node, Scalar, Sequence

# Only the parser half of the loader is used; "safe" is belt and braces.
LIBYAML_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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


# Aliases may add at most this many nodes on top of the ones written out: far
# beyond any sane reuse of a subtree, far below what an alias bomb asks for.
MAX_ALIAS_EXPANSION = 100_000

# Deep documents are parsed in pure Python at about 0.3 MB/s (a 50,000-level
# reply chain as `dump_yaml` writes it, 4 MB, in some 15 seconds); twice that is
# accepted, deeper is refused rather than parsed for minutes.
MAX_REPLY_DEPTH = 100_000
# Each reply level is a mapping and its `replies` list, under the article and `comments`.
MAX_NESTING = 2 * MAX_REPLY_DEPTH + 2


class _TooDeepForC(Exception):
    """libyaml's parser reached `C_NESTING_LIMIT`: the pure-Python one takes over."""


def compose(text: str, path: Path, *, single: bool) -> list[Node]:
    """The documents' node trees, from the parser's events, without recursion."""
    if LIBYAML_LOADER is yaml.SafeLoader:
        return _compose_with(PurePythonLoader, text, path, single=single, max_open=None)
    try:
        return _compose_with(LIBYAML_LOADER, text, path, single=single, max_open=C_NESTING_LIMIT)
    except _TooDeepForC:
        return _compose_with(PurePythonLoader, text, path, single=single, max_open=None)


def _compose_with(
    loader_type: type, text: str, path: Path, *, single: bool, max_open: int | None
) -> list[Node]:
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


def _compose_events(loader: yaml.SafeLoader, path: Path, max_open: int | None) -> Node:
    """One document's node tree; `_TooDeepForC` past `max_open` open collections."""
    anchors: dict[str, Node] = {}
    # The open collections, innermost last, and for each mapping its key
    # still waiting for a value.
    open_nodes: list[Node] = []
    open_ids: set[int] = set()
    pending_keys: list[Node | None] = []
    expansion = 0
    root: Node | None = None

    loader.get_event()  # DocumentStartEvent
    while True:
        event = loader.get_event()
        kind = type(event)
        line = event.start_mark.line + 1
        node: Node
        if kind is ScalarEvent:
            node = Scalar(event.tag, line, event.value, event.implicit[0])
        elif kind is MappingStartEvent:
            node = Mapping(event.tag, line)
        elif kind is SequenceStartEvent:
            node = Sequence(event.tag, line)
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
            if isinstance(parent, Sequence):
                parent.items.append(node)
            elif key is None:
                pending_keys[-1] = node
            else:
                assert isinstance(parent, Mapping)
                parent.pairs.append((key, node))
                pending_keys[-1] = None
        else:
            root = node
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            open_nodes.append(node)
            open_ids.add(id(node))
            if max_open is not None and len(open_nodes) >= max_open:
                raise _TooDeepForC
            if len(open_nodes) > MAX_NESTING:
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
