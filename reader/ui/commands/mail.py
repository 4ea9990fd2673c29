"""Commands of a mail thread, as mutt has them: the message under the cursor
piped to a command or saved, raw. Offered by the main screen, only while a
mail thread read from a file is open."""

from .base import Command

MAIL_COMMANDS: tuple[Command, ...] = (
    Command(
        "mail.pipe",
        "vertical_line",
        "pipe_message",
        "Pipe",
        "Pipe the message under the cursor, raw, to a command typed at a prompt"
        " (git am, ...), and show what it says",
        "|",
    ),
    Command(
        "mail.save",
        "S",
        "save_message",
        "Save",
        "Save the message under the cursor, raw, to a file (never over one)",
    ),
)
