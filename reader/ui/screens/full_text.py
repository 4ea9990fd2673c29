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
    """Scrolls both ways over an unwrapped text (the arrow keys, as any
    scrolling container); `escape`, `q` or `v` closes it."""

    DEFAULT_CSS = """
    FullTextScreen {
        align: center middle;
        & > #full-text {
            width: 95%;
            height: 90%;
            overflow-x: auto;
            overflow-y: auto;
            border: round $accent;
            border-title-color: $text;
            background: $surface;
            padding: 0 1;
        }
        #full-text > Static { width: auto; }
    }
    """

    BINDINGS = [
        Binding("escape,q,v", "close", "Close", id="full_text.close"),
    ]

    def __init__(self, title: str, text: Text) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        # By id: the footer is a `ScrollableContainer` too.
        container = ScrollableContainer(id="full-text")
        container.border_title = neutralise(self.title_text)
        with container:
            yield Static(self.text)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#full-text", ScrollableContainer).focus()

    def action_close(self) -> None:
        self.dismiss()
