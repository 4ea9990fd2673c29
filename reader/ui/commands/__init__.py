"""Every user-facing command, grouped by the pane that offers it."""

from .app import APP_COMMANDS
from .articles import ARTICLE_LIST_COMMANDS
from .base import Command, bindings
from .body import BODY_COMMANDS
from .panes import PANE_COMMANDS
from .search import SEARCH_BAR_COMMANDS, SEARCH_COMMANDS
from .thread import THREAD_COMMANDS

__all__ = [
    "APP_COMMANDS",
    "ARTICLE_LIST_COMMANDS",
    "BODY_COMMANDS",
    "PANE_COMMANDS",
    "SEARCH_BAR_COMMANDS",
    "SEARCH_COMMANDS",
    "THREAD_COMMANDS",
    "Command",
    "bindings",
]
