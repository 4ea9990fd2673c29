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
    # Escape ends a search first: the panes' own `escape` comes before this one.
    Command("panes.back", "escape", "back", "Back", "Back to the article list", "esc"),
)
