"""Commands of the memory between sessions: new comments and marking read.
Offered by the main screen in every pane, and only when there is a state."""

from .base import Command

STATE_COMMANDS: tuple[Command, ...] = (
    Command(
        "state.next_new",
        "u",
        "next_new",
        "Next new",
        "Next new comment (new since the last session): opens the comments",
    ),
    Command(
        "state.previous_new",
        "U",
        "previous_new",
        "Previous new",
        "Previous new comment",
        show=False,
    ),
    Command(
        "state.mark_read",
        "m",
        "mark_read",
        "Mark read",
        "Mark the article read: all its comments seen, no new marks",
        show=False,
    ),
    Command(
        "state.mark_all_read",
        "M",
        "mark_all_read",
        "Mark all read",
        "Mark every loaded article read",
        show=False,
    ),
)
