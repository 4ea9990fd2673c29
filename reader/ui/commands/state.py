"""Commands of the memory between sessions: new and unread comments, and
marking read. Offered by the main screen in every pane, and only when there
is a state. Unread is `.` / `,` (next / previous, as `>` / `<` sit over them):
`r` / `R` refresh what was fetched from the web."""

from .base import Command

STATE_COMMANDS: tuple[Command, ...] = (
    Command(
        "state.next_new",
        "u",
        "go_to_mark('new', True)",
        "Next new",
        "Next new comment (arrived since the last visit): opens the comments",
    ),
    Command(
        "state.previous_new",
        "U",
        "go_to_mark('new', False)",
        "Previous new",
        "Previous new comment",
        show=False,
    ),
    Command(
        "state.next_unread",
        "full_stop",
        "go_to_mark('unread', True)",
        "Next unread",
        "Next unread comment (there before, never on screen): opens the comments",
    ),
    Command(
        "state.previous_unread",
        "comma",
        "go_to_mark('unread', False)",
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
