"""The node tree a YAML document (or plain data) is composed into, and the
tags plain YAML data may carry: what `compose` builds, `schema` checks and
`dump` writes."""

from __future__ import annotations

import sys

import yaml

STD = "tag:yaml.org,2002:"
NULL_TAG = STD + "null"
STR_TAG = STD + "str"
BOOL_TAG = STD + "bool"
INT_TAG = STD + "int"
FLOAT_TAG = STD + "float"
TIMESTAMP_TAG = STD + "timestamp"
# `None` is "no tag", `!` the non-specific tag; both mean "resolve as usual".
_SCALAR_TAGS = frozenset(
    [None, "!", STR_TAG, NULL_TAG, INT_TAG, FLOAT_TAG, BOOL_TAG, TIMESTAMP_TAG]
)
_SEQUENCE_TAGS = frozenset([None, "!", STD + "seq"])
_MAPPING_TAGS = frozenset([None, "!", STD + "map"])
_NULL_VALUES = frozenset(["", "~", "null", "Null", "NULL"])
_TAG_NAMES = {
    NULL_TAG: "null",
    BOOL_TAG: "a boolean",
    INT_TAG: "a number",
    FLOAT_TAG: "a number",
    TIMESTAMP_TAG: "a date",
}

# How YAML (and JSON, as Python writes it) spells infinity and not-a-number.
_INFINITIES = frozenset((".inf", "inf", "infinity"))
_NANS = frozenset((".nan", "nan"))
# Python's limit on the digits of an integer read from text.
MOST_DIGITS = sys.get_int_max_str_digits() or 4300
TOO_MANY_DIGITS = f"a number of more than {MOST_DIGITS:,} digits"

RESOLVER = yaml.resolver.Resolver()


class Node:
    __slots__ = ("line", "size", "tag")

    def __init__(self, tag: str | None, line: int | None) -> None:
        self.tag = tag
        self.line = line
        # Nodes in the subtree, aliases expanded: what walking it will cost.
        self.size = 1


class Scalar(Node):
    __slots__ = ("plain", "value")

    def __init__(self, tag: str | None, line: int | None, value: str, plain: bool) -> None:
        super().__init__(tag, line)
        self.value = value
        self.plain = plain


class Sequence(Node):
    __slots__ = ("items",)

    def __init__(self, tag: str | None, line: int | None) -> None:
        super().__init__(tag, line)
        self.items: list[Node] = []


class Mapping(Node):
    __slots__ = ("pairs",)

    def __init__(self, tag: str | None, line: int | None) -> None:
        super().__init__(tag, line)
        self.pairs: list[tuple[Node, Node]] = []


ALLOWED_TAGS: dict[type[Node], frozenset[str | None]] = {
    Scalar: _SCALAR_TAGS,
    Sequence: _SEQUENCE_TAGS,
    Mapping: _MAPPING_TAGS,
}


def describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    assert isinstance(node, Scalar)
    tag = scalar_tag(node)
    if tag == FLOAT_TAG:
        # `.inf` and `1.5` are both numbers: say which (`score: .inf` said
        # "expected a number, got a number").
        value = node.value.lower().lstrip("+-")
        if value in _INFINITIES:
            return "infinity"
        if value in _NANS:
            return "NaN (not a number)"
        return f"a decimal number ({node.value[:20]})"
    return _TAG_NAMES.get(tag, "a string")


def scalar_tag(node: Scalar) -> str:
    """The tag YAML gives the scalar: its own, or the one its plain text resolves to."""
    if node.tag is None or node.tag == "!":
        return RESOLVER.resolve(yaml.ScalarNode, node.value, (node.plain, not node.plain))
    return node.tag


def plain_data(node: Node, depth: int = 0) -> object:
    """A small subtree (a text's block list) as plain data."""
    if depth > 4:
        raise ValueError("nested too deeply for a text")
    if isinstance(node, Sequence):
        return [plain_data(item, depth + 1) for item in node.items]
    if isinstance(node, Mapping):
        return {
            str(plain_data(key, depth + 1)): plain_data(value, depth + 1)
            for key, value in node.pairs
        }
    assert isinstance(node, Scalar)
    tag = scalar_tag(node)
    if tag == NULL_TAG:
        return None
    if tag == INT_TAG:
        try:
            return int(node.value)
        except ValueError:
            raise ValueError(TOO_MANY_DIGITS) from None
    return node.value


def is_null(node: Scalar) -> bool:
    if node.tag is None or node.tag == "!":
        return node.plain and node.value in _NULL_VALUES
    return node.tag == NULL_TAG
