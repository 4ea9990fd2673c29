"""Reading a JSON document (or JSON lines) of any nesting depth.

Python's `json` decoder recurses once per nesting level, and a Reddit reply
chain nests about four levels per reply, so 3,000 replies are far past the
default recursion limit. A document too deep for the calling thread is
decoded again in a thread of its own with a large stack and, for as long as
it runs, a recursion limit to match.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import Any

from ..errors import LoadError

# Deeper than this is refused rather than decoded (about 25,000 Reddit replies).
MAX_NESTING = 100_000
# Stack for the deep decoder: measured at well under 2 KB per level.
_DEEP_STACK_BYTES = 512 * 1024 * 1024
_deep_lock = threading.Lock()


def parse_json(text: str, path: Path) -> Any:
    """The document in `text`: one JSON value, or a list of the objects of a
    JSON-lines file. Malformed JSON raises LoadError with its line and column."""
    try:
        return json.loads(text)
    except RecursionError:
        return _parse_deep(text, path)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            return _parse_lines(text, path)
        raise _malformed(error, path, 0) from None


def _parse_lines(text: str, path: Path) -> list[Any]:
    items = []
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except RecursionError:
            items.append(_parse_deep(line, path))
        except json.JSONDecodeError as error:
            raise _malformed(error, path, number) from None
    return items


def _malformed(error: json.JSONDecodeError, path: Path, line_offset: int) -> LoadError:
    return LoadError(
        path, f"malformed JSON at column {error.colno}: {error.msg}", error.lineno + line_offset
    )


def _parse_deep(text: str, path: Path) -> Any:
    result: dict[str, Any] = {}

    def decode() -> None:
        try:
            result["value"] = json.loads(text)
        except RecursionError:
            result["error"] = LoadError(path, f"JSON nested more than {MAX_NESTING:,} levels deep")
        except json.JSONDecodeError as error:
            result["error"] = _malformed(error, path, 0)

    # One deep decode at a time: the stack size and recursion limit are
    # process-wide settings, restored as soon as the thread has started.
    with _deep_lock:
        old_limit = sys.getrecursionlimit()
        old_stack = threading.stack_size(_DEEP_STACK_BYTES)
        try:
            sys.setrecursionlimit(max(old_limit, MAX_NESTING + 1_000))
            worker = threading.Thread(target=decode, name="reader-deep-json")
            worker.start()
        finally:
            threading.stack_size(old_stack)
        worker.join()
        sys.setrecursionlimit(old_limit)
    if "error" in result:
        raise result["error"]
    return result["value"]
