"""What a view asks of the app: a screen over the main one. Views post these
and the app pushes the screen, so no widget imports a screen (the screens are
imported on first use: the first frame has no use for them)."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message


class ShowLinks(Message):
    """List `urls` under `title`, to open or copy one by number."""

    def __init__(self, title: str, urls: list[str]) -> None:
        super().__init__()
        self.title = title
        self.urls = urls


class ShowFullText(Message):
    """Show `text` in full under `title`: nothing wrapped or clipped."""

    def __init__(self, title: str, text: Text) -> None:
        super().__init__()
        self.title = title
        self.text = text
