"""The help screen: every key, by pane, and the log of files that failed to load."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...errors import LoadError
from ...sanitize import neutralise
from ..commands import (
    APP_COMMANDS,
    ARTICLE_LIST_COMMANDS,
    BODY_COMMANDS,
    PANE_COMMANDS,
    SEARCH_BAR_COMMANDS,
    SEARCH_COMMANDS,
    THREAD_COMMANDS,
    Command,
)

SECTIONS: tuple[tuple[str, tuple[Command, ...]], ...] = (
    ("Everywhere", APP_COMMANDS + PANE_COMMANDS + SEARCH_COMMANDS),
    ("Article list", ARTICLE_LIST_COMMANDS),
    ("Article body", BODY_COMMANDS),
    ("Comments", THREAD_COMMANDS),
    ("Search bar", SEARCH_BAR_COMMANDS),
)


def keys_table() -> Table:
    """Every command, a section per pane, in one table so the columns line up."""
    table = Table(show_header=False, box=None, expand=True, padding=(0, 2, 0, 0))
    table.add_column("keys", style="bold", no_wrap=True, min_width=12)
    table.add_column("what", ratio=1)
    for number, (title, commands) in enumerate(SECTIONS):
        if number:
            table.add_row()
        table.add_row(Text(title, style="bold underline"))
        for command in commands:
            table.add_row(command.display_keys, command.help)
    return table


def load_log(errors: list[LoadError]) -> Text:
    if not errors:
        return Text("Every file loaded.", style="dim")
    log = Text()
    for error in errors:
        log.append(neutralise(str(error)) + "\n", style="red")
    return log


class HelpScreen(ModalScreen[None]):
    """Modal help: dismissed with escape, q or ?."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        #help {
            width: 90%;
            max-width: 100;
            height: 90%;
            border: round $accent;
            border-title-color: $text;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", key_display="esc"),
        Binding("j,down", "scroll('down')", show=False),
        Binding("k,up", "scroll('up')", show=False),
    ]

    def __init__(self, load_errors: list[LoadError]) -> None:
        super().__init__()
        self.load_errors = load_errors

    def compose(self) -> ComposeResult:
        log_title = Text("\nLoad log", style="bold underline")
        with VerticalScroll(id="help") as scroll:
            scroll.border_title = "reader: keys"
            scroll.border_subtitle = "esc to close"
            yield Static(Group(keys_table(), log_title, load_log(self.load_errors)))

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#help", VerticalScroll)
        if direction == "down":
            scroll.scroll_down(animate=False)
        else:
            scroll.scroll_up(animate=False)
