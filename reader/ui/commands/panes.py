"""Commands that move between the panes of the main screen."""

from .base import Command

PANE_COMMANDS: tuple[Command, ...] = (
    Command("panes.next", "tab", "next_pane", "Next pane", "Focus the next pane", show=False),
    Command(
        "panes.previous",
        "shift+tab",
        "previous_pane",
        "Previous pane",
        "Focus the previous pane",
        show=False,
    ),
    # As vim's ctrl+w > and <; kept for the next sessions.
    Command(
        "panes.more_comments",
        "greater_than_sign",
        "comments_room(5)",
        "More comments",
        "More room for the comments: a bigger share beside the article list (kept)",
        ">",
        show=False,
    ),
    Command(
        "panes.less_comments",
        "less_than_sign",
        "comments_room(-5)",
        "Less comments",
        "Less room for the comments, more for the article body (kept)",
        "<",
        show=False,
    ),
    # Escape ends a search first: the panes' own `escape` comes before this one.
    Command("panes.back", "escape", "back", "Back", "Back to the article list", "esc"),
)
