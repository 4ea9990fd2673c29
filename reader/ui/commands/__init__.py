"""Every user-facing command, grouped by the pane that offers it."""

from .app import APP_COMMANDS
from .articles import ARTICLE_LIST_COMMANDS
from .base import Command, bindings
from .body import BODY_COMMANDS
from .jumps import JUMP_COMMANDS
from .links import (
    BODY_LINK_COMMANDS,
    LINK_COMMANDS,
    LINK_PICKER_COMMANDS,
    THREAD_LINK_COMMANDS,
)
from .mail import MAIL_COMMANDS
from .pages import PAGE_COMMANDS
from .panes import PANE_COMMANDS
from .places import (
    KeepsKeymap,
    collision_reasons,
    in_long_form,
    key_collisions,
    pane_keys_to,
    shown_keys,
)
from .reading import READING_COMMANDS
from .search import SEARCH_BAR_COMMANDS, SEARCH_COMMANDS
from .state import STATE_COMMANDS
from .thread import THREAD_COMMANDS
from .web import WEB_COMMANDS

# Every command, in the order the help screen lists them.
ALL_COMMANDS: tuple[Command, ...] = (
    *APP_COMMANDS,
    *LINK_COMMANDS,
    *PANE_COMMANDS,
    *READING_COMMANDS,
    *SEARCH_COMMANDS,
    *JUMP_COMMANDS,
    *STATE_COMMANDS,
    *WEB_COMMANDS,
    *MAIL_COMMANDS,
    *PAGE_COMMANDS,
    *ARTICLE_LIST_COMMANDS,
    *BODY_COMMANDS,
    *BODY_LINK_COMMANDS,
    *THREAD_COMMANDS,
    *THREAD_LINK_COMMANDS,
    *SEARCH_BAR_COMMANDS,
    *LINK_PICKER_COMMANDS,
)

__all__ = [
    "ALL_COMMANDS",
    "APP_COMMANDS",
    "ARTICLE_LIST_COMMANDS",
    "BODY_COMMANDS",
    "BODY_LINK_COMMANDS",
    "JUMP_COMMANDS",
    "LINK_COMMANDS",
    "LINK_PICKER_COMMANDS",
    "MAIL_COMMANDS",
    "PAGE_COMMANDS",
    "PANE_COMMANDS",
    "READING_COMMANDS",
    "SEARCH_BAR_COMMANDS",
    "SEARCH_COMMANDS",
    "STATE_COMMANDS",
    "THREAD_COMMANDS",
    "THREAD_LINK_COMMANDS",
    "WEB_COMMANDS",
    "Command",
    "KeepsKeymap",
    "bindings",
    "collision_reasons",
    "in_long_form",
    "key_collisions",
    "pane_keys_to",
    "shown_keys",
]
