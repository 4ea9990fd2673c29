"""Reading and writing a JSON document (or reading JSON lines) of any nesting depth.

Python's `json` decoder recurses once per nesting level, and a Reddit reply
chain nests about four levels per reply, so 3,000 replies are far past the
recursion limit (which newer Pythons do not even let the C decoder exceed).
A document too deep for it is decoded again by `decode_iteratively`, an
explicit-stack decoder built on the same C string scanner: slower, but only
deep documents take it, and it knows no depth limit. Writing is the same:
`encode_json` falls back on `encode_iteratively` (documents reader builds
from fetched threads, such as a Hacker News thread in HN's order, are as deep
as the thread).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from json.decoder import JSONDecodeError, scanstring
from pathlib import Path
from typing import Any

from ..errors import LoadError

_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
# Python's limit on the digits of an integer read from text.
_MOST_DIGITS = sys.get_int_max_str_digits() or 4300
_HUGE_NUMBER = re.compile(rf"[0-9]{{{_MOST_DIGITS + 1}}}")
_CONSTANTS = {
    "true": True,
    "false": False,
    "null": None,
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "-Infinity": float("-inf"),
}
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_END = object()


def parse_json(text: str, path: Path) -> Any:
    """The document in `text`: one JSON value, or a list of the objects of a
    JSON-lines file. Malformed JSON raises LoadError with its line and column."""
    try:
        try:
            return decode_json(text)
        except JSONDecodeError as error:
            if error.msg == "Extra data":
                return _parse_lines(text, path)
            raise _malformed(error, path, 0) from None
    except ValueError:
        # Not malformed: Python converts no integer of over 4,300 digits.
        raise _huge_number(text, path) from None


def decode_json(text: str) -> Any:
    """`json.loads(text)`, at any depth (JSONDecodeError when malformed)."""
    try:
        return json.loads(text)
    except RecursionError:
        return decode_iteratively(text)


def _parse_lines(text: str, path: Path) -> list[Any]:
    items = []
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        try:
            items.append(decode_json(line))
        except JSONDecodeError as error:
            raise _malformed(error, path, number) from None
    return items


def _malformed(error: JSONDecodeError, path: Path, line_offset: int) -> LoadError:
    return LoadError(
        path, f"malformed JSON at column {error.colno}: {error.msg}", error.lineno + line_offset
    )


def _huge_number(text: str, path: Path) -> LoadError:
    found = _HUGE_NUMBER.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found is not None else None
    return LoadError(path, f"a number of more than {_MOST_DIGITS:,} digits", line)


def decode_iteratively(text: str) -> Any:
    """What `json.loads(text)` gives (or raises), without recursion."""
    end = len(text)
    # Open containers, innermost last, each with the key its next value goes to.
    stack: list[tuple[dict[str, Any] | list[Any], str | None]] = []
    pos = _skip(text, 0)
    while True:
        value: Any
        char = text[pos : pos + 1]
        if char == "{" or char == "[":
            pos = _skip(text, pos + 1)
            closer = "}" if char == "{" else "]"
            if text.startswith(closer, pos):
                value, pos = ({} if char == "{" else []), pos + 1
            elif char == "{":
                key, pos = _key(text, pos)
                stack.append(({}, key))
                continue
            else:
                stack.append(([], None))
                continue
        elif char == '"':
            value, pos = scanstring(text, pos + 1)
        else:
            value, pos = _scalar(text, pos)
        # Store the value; close every container that ends after it.
        while True:
            if not stack:
                pos = _skip(text, pos)
                if pos != end:
                    raise JSONDecodeError("Extra data", text, pos)
                return value
            container, key = stack[-1]
            if isinstance(container, dict):
                container[key or ""] = value
            else:
                container.append(value)
            pos = _skip(text, pos)
            char = text[pos : pos + 1]
            if char == ",":
                pos = _skip(text, pos + 1)
                if isinstance(container, dict):
                    key, pos = _key(text, pos)
                    stack[-1] = (container, key)
                break
            if char == ("}" if isinstance(container, dict) else "]"):
                stack.pop()
                value, pos = container, pos + 1
                continue
            raise JSONDecodeError("Expecting ',' delimiter", text, pos)


def encode_json(value: Any) -> bytes:
    """`value` as compact UTF-8 JSON, at any depth (its keys are strings)."""
    try:
        text = _COMPACT.encode(value)
    except RecursionError:
        text = encode_iteratively(value)
    return text.encode()


def encode_iteratively(value: Any) -> str:
    """What `encode_json` writes, without recursion: each open container is
    an iterator over what it still holds, innermost last."""
    out: list[str] = []
    # Each open container: what it still holds, whether it is an object, and
    # whether a comma comes before its next member.
    stack: list[tuple[Iterator[Any], bool, list[bool]]] = []
    while True:
        if isinstance(value, dict):
            out.append("{")
            stack.append((iter(value.items()), True, [False]))
        elif isinstance(value, list | tuple):
            out.append("[")
            stack.append((iter(value), False, [False]))
        else:
            out.append(_COMPACT.encode(value))
        while stack:
            members, is_object, comma = stack[-1]
            member = next(members, _END)
            if member is _END:
                out.append("}" if is_object else "]")
                stack.pop()
                continue
            if comma[0]:
                out.append(",")
            comma[0] = True
            if is_object:
                key, value = member
                out.append(_COMPACT.encode(key))
                out.append(":")
            else:
                value = member
            break
        else:
            return "".join(out)


def _skip(text: str, pos: int) -> int:
    """The position of the next non-space character (or the end)."""
    match = _SPACE.match(text, pos)
    return match.end() if match is not None else pos


def _key(text: str, pos: int) -> tuple[str, int]:
    """An object's key and the position of its value."""
    if not text.startswith('"', pos):
        raise JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
    key, pos = scanstring(text, pos + 1)
    pos = _skip(text, pos)
    if not text.startswith(":", pos):
        raise JSONDecodeError("Expecting ':' delimiter", text, pos)
    return key, _skip(text, pos + 1)


def _scalar(text: str, pos: int) -> tuple[Any, int]:
    number = _NUMBER.match(text, pos)
    if number is not None:
        whole, fraction, exponent = number.groups()
        if fraction or exponent:
            return float(whole + (fraction or "") + (exponent or "")), number.end()
        return int(whole), number.end()
    for word, value in _CONSTANTS.items():
        if text.startswith(word, pos):
            return value, pos + len(word)
    raise JSONDecodeError("Expecting value", text, pos)
