"""The one error type for everything that can go wrong while loading a file."""

from __future__ import annotations

from pathlib import Path


class LoadError(Exception):
    """A file that could not be loaded: where, and a one-line reason why."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        # Keep the reason to one line whatever the underlying library said.
        self.reason = " ".join(str(reason).split())
        super().__init__(str(self))

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"
