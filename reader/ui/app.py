"""The reader application."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.dom import DOMNode
from textual.screen import Screen

from ..errors import LoadError
from ..model import Article
from ..store import DocumentStore
from .commands import (
    APP_COMMANDS,
    ARTICLE_LIST_COMMANDS,
    BODY_COMMANDS,
    PANE_COMMANDS,
    SEARCH_COMMANDS,
    THREAD_COMMANDS,
    Command,
    bindings,
)
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .widgets.article_body import ArticleBody
from .widgets.article_list import ArticleList
from .widgets.search_pane import SearchPane
from .widgets.thread_view import ThreadView

# The commands each kind of view offers while it has focus.
VIEW_COMMANDS: dict[type[DOMNode], tuple[Command, ...]] = {
    ArticleList: ARTICLE_LIST_COMMANDS,
    ArticleBody: BODY_COMMANDS,
    ThreadView: THREAD_COMMANDS,
}


class ReaderApp(App[None]):
    """Reads articles and their comment threads from the given files."""

    TITLE = "reader"
    BINDINGS = bindings(APP_COMMANDS)

    def __init__(
        self,
        files: list[Path],
        problems: list[LoadError] | None = None,
        loaded: list[Article] | None = None,
    ) -> None:
        """`files` are still to be read; `loaded` are articles parsed already
        (the command line reads up to the first good file before the UI starts)."""
        super().__init__()
        self.store = DocumentStore()
        self.files = files
        self.loaded = list(loaded or [])
        # Every file that failed to load; kept here so it outlives the screens,
        # for the command line to print after the app has exited.
        self.load_errors: list[LoadError] = list(problems or [])

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.store, self.files, self.load_errors, self.loaded)

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    @property
    def article_count(self) -> int:
        return len(self.store)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.load_errors))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers the focused pane's commands and the global ones."""
        yield from super().get_system_commands(screen)
        focused = screen.focused
        pane_commands: tuple[Command, ...] = ()
        for view, commands in VIEW_COMMANDS.items():
            if isinstance(focused, view):
                pane_commands = commands
        for command in (*pane_commands, *SEARCH_COMMANDS, *PANE_COMMANDS, *APP_COMMANDS):
            if command.id == "app.palette":
                continue
            for binding in command.bindings():
                namespace = self._namespace_of(command, pane_commands, screen)
                title = command.title
                if "{key}" in command.action:
                    title = f"{command.title} {binding.key}"
                yield SystemCommand(
                    title,
                    f"{command.help} ({binding.key_display or command.display_keys})",
                    partial(self._run_command, binding.action, namespace),
                )

    def _namespace_of(
        self, command: Command, pane_commands: tuple[Command, ...], screen: Screen
    ) -> DOMNode:
        """Where a palette entry's action runs: the pane's view, its pane, the screen
        or the app, as it would for its key."""
        focused = screen.focused
        if command in pane_commands and focused is not None:
            return focused
        if command in SEARCH_COMMANDS and focused is not None:
            pane = next((node for node in focused.ancestors if isinstance(node, SearchPane)), None)
            return pane or screen
        if command in PANE_COMMANDS:
            return screen
        return self

    async def _run_command(self, action: str, namespace: DOMNode) -> None:
        await self.run_action(action, namespace)
