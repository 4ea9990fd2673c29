"""A comment's or the body's text in full: nothing wrapped or clipped, so a
long line of code reads to its end by scrolling sideways."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ...sanitize import neutralise


class FullTextScreen(ModalScreen[None]):
    """Scrolls both ways over an unwrapped text; `escape`, `q` or `v` closes it."""

    DEFAULT_CSS = """
    FullTextScreen {
        align: center middle;
        & > ScrollableContainer {
            width: 95%;
            height: 90%;
            overflow-x: auto;
            overflow-y: auto;
            border: round $accent;
            border-title-color: $text;
            background: $surface;
            padding: 0 1;
        }
        Static { width: auto; }
    }
    """

    BINDINGS = [
        Binding("escape,q,v", "close", "Close", id="full_text.close"),
        Binding("left,h", "scroll('left')", "Left", show=False, id="full_text.left"),
        Binding("right,l", "scroll('right')", "Right", show=False, id="full_text.right"),
    ]

    def __init__(self, title: str, text: Text) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        container = ScrollableContainer()
        container.border_title = neutralise(self.title_text)
        with container:
            yield Static(self.text)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ScrollableContainer).focus()

    def action_scroll(self, direction: str) -> None:
        container = self.query_one(ScrollableContainer)
        if direction == "left":
            container.scroll_left(animate=False)
        else:
            container.scroll_right(animate=False)

    def action_close(self) -> None:
        self.dismiss()
