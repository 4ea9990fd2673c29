"""Commands available everywhere."""

from .base import Command

APP_COMMANDS: tuple[Command, ...] = (
    Command("app.quit", "q", "app.quit", "Quit", "Quit reader"),
    Command("app.help", "question_mark", "app.help", "Help", "Show the keys and the load log", "?"),
    Command(
        "app.palette",
        "ctrl+p",
        "app.command_palette",
        "Commands",
        "Open the command palette",
        "^p",
        show=False,
    ),
)
