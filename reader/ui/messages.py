"""What parts of the UI tell the ones that route them.

A view asks for a screen over the main one (`ShowLinks`, `ShowFullText`):
the app pushes it, so no widget imports a screen (the screens are imported
on first use: the first frame has no use for them). The load worker hands
the main screen what it has read (`ArticlesLoaded`, `LoadFinished`).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import NamedTuple

from rich.text import Text
from textual.message import Message
from textual.widget import Widget

from ..errors import LoadError
from ..prepared import PreparedBatch
from ..text import Block, Link, links_in


class LoadProgressFigures(NamedTuple):
    """How far the load is: files read, of how many (None: still being
    found); bytes read, of how many (None: not measured yet)."""

    files_done: int
    file_count: int | None
    bytes_done: int
    byte_count: int | None


class ShowLinks(Message):
    """List `links` under `title`, to open or copy one by number."""

    def __init__(self, title: str, links: list[Link]) -> None:
        super().__init__()
        self.title = title
        self.links = links


def ask_for_links(
    widget: Widget,
    title: str,
    strings: Sequence[str],
    blocks: tuple[Block, ...] | None,
    none: str,
) -> None:
    """Ask for the links of a text (its blocks' `strings` and layouts) to be
    listed under `title`; with none, say `none` instead."""
    links = links_in(strings, blocks)
    if links:
        widget.post_message(ShowLinks(title, links))
    else:
        widget.notify(none, timeout=2, markup=False)


class ShowFullText(Message):
    """Show `text` in full under `title`: nothing wrapped or clipped."""

    def __init__(self, title: str, text: Text) -> None:
        super().__init__()
        self.title = title
        self.text = text


class ArticlesLoaded(Message):
    """The load worker's hand-over: batches of articles ready for the store
    (each with its state), or files that failed, and the load's `progress`.
    The worker waits for `handled` before it reads on."""

    def __init__(
        self,
        results: list[PreparedBatch | LoadError],
        progress: LoadProgressFigures,
        handled: threading.Event | None = None,
    ) -> None:
        super().__init__()
        self.results = results
        self.progress = progress
        self.handled = handled


class LoadFinished(Message):
    """Every file has been read. The worker waits for `shown` (set once the
    screen that says so is painted) before its last collection."""

    def __init__(self, shown: threading.Event | None = None) -> None:
        super().__init__()
        self.shown = shown
