"""A one-line question at the bottom of the screen, as mutt asks it: what
command to pipe a message to, where to save it. `enter` answers, `escape`
cancels (the answer is None); nothing is done with an empty answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ...sanitize import neutralise


class PromptScreen(ModalScreen[str | None]):
    """Asks `question`; `value` is what the answer starts as."""

    DEFAULT_CSS = """
    PromptScreen {
        align: left bottom;
        background: $background 40%;
        & > Horizontal {
            height: 3;
            width: 1fr;
            border: round $accent;
            background: $surface;
        }
        Label { width: auto; padding: 0 1 0 0; color: $text; text-style: bold; }
        Input {
            width: 1fr; height: 1; padding: 0; border: none; background: $surface;
            &:focus { border: none; }
        }
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(neutralise(self.question), markup=False)
            yield Input(self.value, select_on_focus=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answer = event.value.strip()
        self.dismiss(answer or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
