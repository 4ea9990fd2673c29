"""Commands of how the open article is read: the room its comments get.
Offered by the main screen in every pane."""

from .base import Command

READING_COMMANDS: tuple[Command, ...] = (
    # As vim's ctrl+w > and <; kept for the next sessions.
    Command(
        "reading.more_comments",
        "greater_than_sign",
        "comments_room(5)",
        "More comments",
        "More room for the comments: a bigger share beside the article list (kept)",
        ">",
        show=False,
    ),
    Command(
        "reading.less_comments",
        "less_than_sign",
        "comments_room(-5)",
        "Less comments",
        "Less room for the comments, more for the article body (kept)",
        "<",
        show=False,
    ),
)
