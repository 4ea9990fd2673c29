"""The reader application."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from contextlib import suppress
from functools import partial

from textual import on
from textual.app import App, SystemCommand
from textual.binding import ActiveBinding, Keymap
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Input

from ..config import Config
from ..errors import LoadError
from ..loading import Loading
from ..permalinks import comment_url
from ..state import State
from ..store import DocumentStore
from .commands import (
    ALL_COMMANDS,
    APP_COMMANDS,
    LINK_COMMANDS,
    bindings,
    collision_reasons,
    key_collisions,
)
from .links import copy_link, open_link
from .messages import ShowFullText, ShowLinks
from .screens.main import MainScreen
from .screens.main_layout import COMMENTS_SETTING, PaneSizes
from .screens.page_settings import PageSettings
from .thread.view import ThreadView

# Every command's binding ids: what the palette offers (not Textual's own keys).
COMMAND_IDS = {binding.id for command in ALL_COMMANDS for binding in command.bindings()}
# Textual's palette entries that repeat one of ours.
REPEATED_SYSTEM_COMMANDS = ("Quit", "Keys")
# How long a warning about the config or the state stays up.
WARNING_SECONDS = 10


class ReaderApp(App[None]):
    """Reads articles and their comment threads from the given files."""

    TITLE = "reader"
    BINDINGS = [*bindings(APP_COMMANDS), *bindings(LINK_COMMANDS)]

    def __init__(
        self,
        loading: Loading,
        *,
        state: State | None = None,
        config: Config | None = None,
        warnings: list[str] | None = None,
        offline: bool = False,
    ) -> None:
        """`loading` gives the files to read (the command line may have read the
        first one already); `warnings` are the state's from opening it (shown as
        the app starts, with the config's problems); `offline`: what the app
        fetches (a whole article, a page's feed) comes from the cache only."""
        super().__init__()
        # Memory between sessions (None: none this session) and the config file;
        # the caller opens and closes the state. Each article's is read as it loads.
        self.state = state
        loading.state = state
        self.config = config or Config()
        self.offline = offline
        # Scrolling jumps unless the config says otherwise (Textual's default glides).
        self.animation_level = self.config.animation_level(os.environ)  # type: ignore[assignment]
        self.start_warnings = list(warnings or [])
        # What was wrong with the config and the state as the app started.
        self.start_problems: list[str] = []
        # The theme is remembered once the start-up theme is in place.
        self._remember_theme = False
        if state is not None:
            state.on_warning = self._state_warning
        self.store = DocumentStore()
        # Not `self.loading`: that is Textual's reactive for a loading indicator.
        self.files = loading
        # Every file that failed to load; kept here so it outlives the screens,
        # for the command line to print after the app has exited.
        self.load_errors: list[LoadError] = list(loading.problems)

    def on_mount(self) -> None:
        """Apply the config (keymap, theme) and show every problem with it, and
        with the state, as a warning."""
        config = self.config
        keymap = config.keymap(COMMAND_IDS)
        self.set_keymap(keymap)
        themes = set(self.available_themes)
        theme = config.choose_theme(themes, self.state.theme if self.state else None)
        if theme is not None:
            self.theme = theme
        self._remember_theme = True
        self.start_problems = [
            *config.problems,
            *config.check_keys(COMMAND_IDS),
            # A key given to two commands where both act: which one has it.
            *(
                config.message(reason, binding_id)
                for reason, binding_id in collision_reasons(key_collisions(keymap), keymap)
            ),
            *config.check_theme(themes),
            *self.start_warnings,
        ]
        # One notification: a config of 1,000 mistakes made 1,000, each laid
        # out again as the next came (the first frame took seconds). The help
        # screen's load log lists them all.
        if len(self.start_problems) == 1:
            message = self.start_problems[0]
        elif self.start_problems:
            message = (
                f"{len(self.start_problems)} problems with the config or the state"
                " — press ? for details"
            )
        else:
            return
        self.notify(message, severity="warning", timeout=WARNING_SECONDS, markup=False)

    def watch_theme(self, theme: str) -> None:
        if self._remember_theme and self.state is not None:
            self.state.remember_theme(theme)

    def _state_warning(self, message: str) -> None:
        """A problem with the state mid-session, from one of its threads."""
        # Once the app has ended this raises, and the command line prints it.
        with suppress(RuntimeError):
            self.call_from_thread(
                self.notify, message, severity="warning", timeout=WARNING_SECONDS, markup=False
            )

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(
            self.store,
            self.files,
            self.load_errors,
            self.size.width,
            self.state,
            absolute_times=self.config.time == "absolute",
            refresh_minutes=self.config.network.refresh_minutes,
            sizes=PaneSizes.chosen(
                self.config.layout,
                self.state.setting(COMMENTS_SETTING) if self.state is not None else None,
            ),
            pages=PageSettings(self.config.network, self.offline, self.config.whole_article),
        )

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    @property
    def article_count(self) -> int:
        return len(self.store)

    def action_quit_now(self) -> None:
        self.exit()

    def action_redraw(self) -> None:
        self.screen.refresh()

    @on(ShowLinks)
    def _show_links(self, message: ShowLinks) -> None:
        from .screens.links import LinksScreen  # here: the first frame has no use for it

        self.push_screen(LinksScreen(message.title, message.links))

    @on(ShowFullText)
    def _show_full_text(self, message: ShowFullText) -> None:
        from .screens.full_text import FullTextScreen  # here, as the links screen

        self.push_screen(FullTextScreen(message.title, message.text))

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # here: the first frame has no use for it

        if not isinstance(self.screen, HelpScreen):
            # The notices ("3 files could not be read — press ? for details") are
            # answered here, and would cover the help on a small screen.
            self.clear_notifications()
            warnings = [*self.start_problems, *self.files.warnings]
            self.push_screen(HelpScreen(self.load_errors, self.keymap, warnings))

    @property
    def keymap(self) -> Keymap:
        """The keys remapped with `set_keymap` / `update_keymap`, by binding id."""
        # Textual keeps the keymap it applies privately; this is that one.
        return self._keymap

    def _link_here(self) -> str | None:
        """The link `o` and `y` act on: in the comments, the comment's own
        (its HN item, Reddit permalink, place in a list's archive), else the
        open article's URL; None having said there is none."""
        article = self.main_screen.article
        focused = self.screen.focused
        if article is not None and isinstance(focused, ThreadView):
            comment = focused.cursor_comment
            url = comment_url(article, comment) if comment is not None else None
            if url is not None:
                return url
        if article is None or not article.url:
            self.notify("This article has no URL", timeout=2, markup=False)
            return None
        return article.url

    def action_open_article_link(self) -> None:
        if (url := self._link_here()) is not None:
            open_link(self, url)

    def action_copy_article_link(self) -> None:
        if (url := self._link_here()) is not None:
            copy_link(self, url)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the search bar `q` and `?` are letters of the query.
        return not (action in ("quit", "help") and isinstance(self.screen.focused, Input))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own entries, less the two that repeat ours (Quit, and Keys for
        help); then every command the keys can run where the focus is now, once
        each, with the keys bound to it now."""
        for command in super().get_system_commands(screen):
            if command.title not in REPEATED_SYSTEM_COMMANDS:
                yield command
        entries: dict[tuple[int, str], list[ActiveBinding]] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            if active.enabled and binding.id in COMMAND_IDS and binding.description:
                entries.setdefault((id(active.node), binding.action), []).append(active)
        titles = Counter(actives[0].binding.description for actives in entries.values())
        for actives in entries.values():
            binding, node = actives[0].binding, actives[0].node
            keys = " ".join(dict.fromkeys(self.get_key_display(a.binding) for a in actives))
            title = binding.description
            if titles[title] > 1:
                title = f"{title} {keys}"  # Depth 1, Depth 2, ...
            yield SystemCommand(
                title,
                f"{binding.tooltip} ({keys})",
                partial(self._run_command, binding.action, node),
            )

    async def _run_command(self, action: str, namespace: DOMNode) -> None:
        await self.run_action(action, namespace)
