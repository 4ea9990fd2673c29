"""Which of the main screen's commands it offers now (its `check_action`):
the state's only with a state, a mail thread's only while one is open, the
page commands only where the article has a page or feeds, fetching again
only when a URL was named, and none of these while the search bar, where
their keys are letters of the query, has the focus.
"""

from __future__ import annotations

from typing import Protocol

from textual.widget import Widget
from textual.widgets import Input

from ...model import Article
from ...state import State
from ..commands import MAIL_COMMANDS, PAGE_COMMANDS, READING_COMMANDS, STATE_COMMANDS, WEB_COMMANDS
from .main_layout import PANES
from .page_settings import wants_page
from .pane_focus import PaneFocus
from .web_reading import WebReading

# The state's commands, which need a state (and not the search bar's focus).
STATE_ACTIONS = {command.action.partition("(")[0] for command in STATE_COMMANDS}
# The reading commands' actions (letters of the query in the search bar).
READING_ACTIONS = {command.action.partition("(")[0] for command in READING_COMMANDS}
# A mail thread's commands: only while one is open.
MAIL_ACTIONS = {command.action for command in MAIL_COMMANDS}
# An article's page and a page's feeds: only where the article has them.
WHOLE_ARTICLE, OPEN_FEED = (command.action for command in PAGE_COMMANDS)
# Fetching again: only when a URL was named.
WEB_ACTIONS = {command.action for command in WEB_COMMANDS}


class OffersActions(Protocol):
    """What of the main screen says which commands are offered."""

    state: State | None
    panes: PaneFocus
    web: WebReading

    @property
    def article(self) -> Article | None: ...

    @property
    def focused(self) -> Widget | None: ...


def offered(screen: OffersActions, action: str) -> bool:
    """Whether `screen` offers `action` now (Textual's `check_action`)."""
    if action in STATE_ACTIONS:
        # In the search bar these keys are letters of the query.
        return screen.state is not None and not isinstance(screen.focused, Input)
    if action in READING_ACTIONS:
        return not isinstance(screen.focused, Input)
    if action in WEB_ACTIONS:
        return screen.web.offered and not isinstance(screen.focused, Input)
    if action in MAIL_ACTIONS:
        return is_mail_file(screen.article) and not isinstance(screen.focused, Input)
    if action in (WHOLE_ARTICLE, OPEN_FEED):
        article = screen.article
        if article is None or isinstance(screen.focused, Input):
            return False
        return wants_page(article) if action == WHOLE_ARTICLE else bool(article.feeds)
    if action == "back":
        return screen.panes.current != PANES[0]
    return True


def is_mail_file(article: Article | None) -> bool:
    """Whether the open article is a mail thread read from a file."""
    return article is not None and article.format == "mail" and article.path is not None
