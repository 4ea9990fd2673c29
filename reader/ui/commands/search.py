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

SEARCH_BAR_COMMANDS: tuple[Command, ...] = (
    Command("search_bar.keep", "enter", "submit", "Keep", "Leave the bar, keep the search", "⏎"),
    Command("search_bar.cancel", "escape", "cancel", "Close", "End the search", "esc"),
    Command("search_bar.regex", "alt+r", "toggle('regex')", "Regex", "Regular expression on/off"),
    Command("search_bar.word", "alt+w", "toggle('word')", "Word", "Whole word on/off"),
    Command(
        "search_bar.filter",
        "alt+f",
        "toggle('filter')",
        "Filter",
        "Comments: show only matching comments and their ancestors",
    ),
)
