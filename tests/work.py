"""Measuring the work code does, deterministically: how many Python and builtin
function calls it makes (the same on every run and machine, unlike its time)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

Result = TypeVar("Result")


def calls_made(function: Callable[..., Result], *args: Any) -> tuple[Result, int]:
    """`function(*args)`, and the number of function calls it made to get there
    (a generator resuming counts as a call). Work that grows with the size of the
    input in Python code shows here; work done inside one builtin does not."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        result = function(*args)
    finally:
        sys.setprofile(previous)
    return result, count
