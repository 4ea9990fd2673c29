"""Commands of going back to where the reader was, offered by every pane."""

from .base import Command

JUMP_COMMANDS: tuple[Command, ...] = (
    # `'` as less's `''` (one press: reader has no marks to name), `ctrl+o` as vim's.
    Command(
        "jumps.back",
        "apostrophe,ctrl+o",
        "jump_back",
        "Jump back",
        "Back to where you were before the last jump (a search, n/N, g/G, u, . and the"
        " like); again to return",
        "'",
        show=False,
    ),
)
