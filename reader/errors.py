"""The one error type for everything that can go wrong while loading a file."""

from __future__ import annotations

from pathlib import Path

from .sanitize import inert_line as _inert


class LoadError(Exception):
    """A file that could not be loaded: where, and a one-line reason why."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = Path(path)
        # As given: a URL's `//` would not survive `Path`.
        self.name = str(path)
        self.line = line
        # Keep the reason to one line whatever the underlying library said.
        self.reason = _inert(" ".join(str(reason).split()))
        super().__init__(str(self))

    @property
    def location(self) -> str:
        """The path as it is safe to print (the real one is `self.path`), and the line."""
        path = _inert(self.name)
        return f"{path}:{self.line}" if self.line is not None else path

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"
