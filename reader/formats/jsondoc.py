"""Reading a JSON document (or JSON lines) of any nesting depth.

Python's `json` decoder recurses once per nesting level, and a Reddit reply
chain nests about four levels per reply, so 3,000 replies are far past the
recursion limit (which newer Pythons do not even let the C decoder exceed).
A document too deep for it is decoded again by `decode_iteratively`, an
explicit-stack decoder built on the same C string scanner: slower, but only
deep documents take it, and it knows no depth limit.
"""

from __future__ import annotations

import json
import re
import sys
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


def parse_json(text: str, path: Path) -> Any:
    """The document in `text`: one JSON value, or a list of the objects of a
    JSON-lines file. Malformed JSON raises LoadError with its line and column."""
    try:
        try:
            return _decode(text)
        except JSONDecodeError as error:
            if error.msg == "Extra data":
                return _parse_lines(text, path)
            raise _malformed(error, path, 0) from None
    except ValueError:
        # Not malformed: Python converts no integer of over 4,300 digits.
        raise _huge_number(text, path) from None


def _decode(text: str) -> Any:
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
            items.append(_decode(line))
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
