"""Commands of what was read from the web: fetching it again. Offered by the
main screen in every pane, and only when a URL was named."""

from .base import Command

WEB_COMMANDS: tuple[Command, ...] = (
    Command(
        "web.refresh",
        "r",
        "refresh_article",
        "Refresh",
        "Fetch the open article again: comments that arrived are marked new; "
        "the cursor, the folds and the scroll stay",
    ),
    Command(
        "web.refresh_all",
        "R",
        "refresh_all",
        "Refresh all",
        "Fetch every article read from the web again (front pages list their new stories)",
        show=False,
    ),
)
