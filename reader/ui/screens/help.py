"""The help screen: the log of files that failed to load, then every key, by pane,
as bound now (a keymap set with `App.set_keymap` shows here)."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, Keymap
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...errors import LoadError
from ...sanitize import neutralise
from ..commands import (
    APP_COMMANDS,
    ARTICLE_LIST_COMMANDS,
    BODY_COMMANDS,
    BODY_LINK_COMMANDS,
    JUMP_COMMANDS,
    LINK_COMMANDS,
    LINK_PICKER_COMMANDS,
    MAIL_COMMANDS,
    PAGE_COMMANDS,
    PANE_COMMANDS,
    READING_COMMANDS,
    SEARCH_BAR_COMMANDS,
    SEARCH_COMMANDS,
    STATE_COMMANDS,
    THREAD_COMMANDS,
    THREAD_LINK_COMMANDS,
    WEB_COMMANDS,
    Command,
    shown_keys,
)
from ..footer import ReaderFooter

SECTIONS: tuple[tuple[str, tuple[Command, ...]], ...] = (
    (
        "Everywhere",
        APP_COMMANDS + LINK_COMMANDS + PANE_COMMANDS + SEARCH_COMMANDS + JUMP_COMMANDS,
    ),
    ("Reading (every pane)", READING_COMMANDS),
    ("Article list", ARTICLE_LIST_COMMANDS),
    ("Article body", BODY_COMMANDS + BODY_LINK_COMMANDS),
    ("Comments", THREAD_COMMANDS + THREAD_LINK_COMMANDS),
    ("New and unread (saved state)", STATE_COMMANDS),
    ("Read from the web (a URL named)", WEB_COMMANDS),
    ("Mail threads", MAIL_COMMANDS),
    ("Articles from the web", PAGE_COMMANDS),
    ("Search bar", SEARCH_BAR_COMMANDS),
    ("Link picker (L)", LINK_PICKER_COMMANDS),
)


def keys_table(keymap: Keymap, display: Callable[[Binding], str]) -> Table:
    """Every command, a section per pane, in one table so the columns line up."""
    table = Table(show_header=False, box=None, expand=True, padding=(0, 2, 0, 0))
    table.add_column("keys", style="bold", no_wrap=True, min_width=12)
    table.add_column("what", ratio=1)
    for number, (title, commands) in enumerate(SECTIONS):
        if number:
            table.add_row()
        table.add_row(Text(title, style="bold underline"))
        for command in commands:
            table.add_row(shown_keys(command, keymap, display), command.help)
    return table


def load_log(errors: list[LoadError], warnings: list[str] | None = None) -> Text:
    """Every file that could not be read, then what was skipped or ignored in
    the files that were (a mail that could not be read, an unknown YAML key)."""
    log = Text("Load log\n", style="bold underline")
    if not errors and not warnings:
        return log.append("Every file loaded.\n", style="dim")
    for error in errors:
        log.append(neutralise(str(error)) + "\n", style="red")
    for warning in warnings or []:
        log.append(neutralise(warning) + "\n", style="yellow")
    return log


class HelpScreen(ModalScreen[None]):
    """Modal help: dismissed with escape, q or ?."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        #help {
            width: 90%;
            max-width: 100;
            height: 1fr;
            margin: 1 0 0 0;
            border: round $accent;
            border-title-color: $text;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", key_display="esc"),
        Binding("j,down", "scroll('down')", "Scroll", key_display="j/↓"),
        Binding("k,up", "scroll('up')", "Scroll up", show=False),
        Binding("space,pagedown", "scroll('page_down')", "Page", key_display="space"),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
        Binding("G,end", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(
        self, load_errors: list[LoadError], keymap: Keymap, load_warnings: list[str] | None = None
    ) -> None:
        super().__init__()
        self.load_errors = load_errors
        self.load_warnings = list(load_warnings or [])
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as scroll:
            scroll.border_title = "reader: keys"
            yield Static(load_log(self.load_errors, self.load_warnings), id="log")
            yield Static(keys_table(self.keymap, self.app.get_key_display), id="keys")
        yield ReaderFooter()

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#help", VerticalScroll)
        move = {
            "down": scroll.scroll_down,
            "up": scroll.scroll_up,
            "page_down": scroll.scroll_page_down,
            "page_up": scroll.scroll_page_up,
            "home": scroll.scroll_home,
            "end": scroll.scroll_end,
        }[direction]
        move(animate=False)
