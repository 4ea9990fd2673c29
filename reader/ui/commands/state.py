"""Commands of the memory between sessions: new and unread comments, and
marking read. Offered by the main screen in every pane, and only when there
is a state. Unread is `.` / `,` (next / previous, as `>` / `<` sit over them):
`r` / `R` refresh what was fetched from the web."""

from .base import Command

STATE_COMMANDS: tuple[Command, ...] = (
    Command(
        "state.next_new",
        "u",
        "next_new",
        "Next new",
        "Next new comment (arrived since the last visit): opens the comments",
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
        "state.next_unread",
        "full_stop",
        "next_unread",
        "Next unread",
        "Next unread comment (there before, never on screen): opens the comments",
    ),
    Command(
        "state.previous_unread",
        "comma",
        "previous_unread",
        "Previous unread",
        "Previous unread comment",
        show=False,
    ),
    Command(
        "state.mark_read",
        "m",
        "mark_read",
        "Mark read",
        "Mark the article read: all its comments seen, no new or unread marks",
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
