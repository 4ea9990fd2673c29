"""Commands of searching, offered by every pane."""

from .base import Command

SEARCH_COMMANDS: tuple[Command, ...] = (
    Command(
        "search.open", "slash", "search", "Search", "Search in this pane, from the cursor on", "/"
    ),
    Command("search.next", "n", "next_match", "Next match", "Go to the next match"),
    Command("search.previous", "N", "previous_match", "Previous match", "Previous match"),
    Command(
        "search.end", "escape", "end_search", "End search", "End the search", "esc", show=False
    ),
)

# The bar's keys are priority bindings: the query input would otherwise take them
# first, and it reads `alt+r` sent as ESC+r (xterm, tmux) as the printable `r`.
SEARCH_BAR_COMMANDS: tuple[Command, ...] = (
    Command(
        "search_bar.keep",
        "enter",
        "submit",
        "Keep",
        "Leave the bar, keep the search",
        "⏎",
        priority=True,
    ),
    Command(
        "search_bar.cancel",
        "escape",
        "cancel",
        "Close",
        "End the search, back to where it began",
        "esc",
        priority=True,
    ),
    Command("search_bar.older", "up", "history(-1)", "Older", "Earlier query", "↑", show=False),
    Command("search_bar.newer", "down", "history(1)", "Newer", "Later query", "↓", show=False),
    Command(
        "search_bar.regex",
        "alt+r",
        "toggle('regex')",
        "Regex",
        "Regular expression on/off",
        priority=True,
    ),
    Command(
        "search_bar.word", "alt+w", "toggle('word')", "Word", "Whole word on/off", priority=True
    ),
    # Textual reads ESC+f (alt+f in xterm and tmux) as `ctrl+right`, the emacs and
    # macOS word-right: in the comments' bar it toggles the filter too.
    Command(
        "search_bar.filter",
        "alt+f,ctrl+right",
        "toggle('filter')",
        "Filter",
        "Comments: show only matching comments and their ancestors",
        "alt+f",
        priority=True,
    ),
)
