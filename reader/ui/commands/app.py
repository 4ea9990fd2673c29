"""Commands available everywhere."""

from .base import Command

APP_COMMANDS: tuple[Command, ...] = (
    Command("app.quit", "q", "app.quit", "Quit", "Quit reader"),
    # Priority, and on the app: Textual binds ctrl+c to copy (in the input and the
    # screen) and to a hint about how to quit. Nothing is lost by quitting.
    Command(
        "app.quit_now",
        "ctrl+c",
        "app.quit_now",
        "Quit now",
        "Quit reader from anywhere, even the search bar",
        show=False,
        priority=True,
    ),
    Command("app.help", "question_mark", "app.help", "Help", "Show the keys and the load log", "?"),
    # As in less, mutt and slrn: after another program has written over the screen.
    Command("app.redraw", "ctrl+l", "app.redraw", "Redraw", "Redraw the screen", "^l", show=False),
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
