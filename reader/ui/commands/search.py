"""Commands of searching, offered by every pane."""

from .base import Command

SEARCH_COMMANDS: tuple[Command, ...] = (
    Command("search.open", "slash", "search", "Search", "Search in this pane", "/"),
    Command("search.next", "n", "next_match", "Next match", "Go to the next match"),
    Command("search.previous", "N", "previous_match", "Previous match", "Previous match"),
    Command(
        "search.end", "escape", "end_search", "End search", "End the search", "esc", show=False
    ),
)
