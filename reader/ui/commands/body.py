"""Commands of the article body."""

from .base import Command, half_page_commands

BODY_COMMANDS: tuple[Command, ...] = (
    Command("body.down", "j,down", "scroll_down", "Down", "Scroll down a line", "j/↓", show=False),
    Command("body.up", "k,up", "scroll_up", "Up", "Scroll up a line", "k/↑", show=False),
    Command(
        "body.page_down", "space,pagedown,ctrl+f", "page_down", "Page down", "Down a page", "space"
    ),
    Command("body.page_up", "b,pageup,ctrl+b", "page_up", "Page up", "Up a page", "b"),
    *half_page_commands("body"),
    Command("body.top", "g,home", "scroll_home", "Top", "Go to the top", "g", show=False),
    Command("body.bottom", "G,end", "scroll_end", "Bottom", "Go to the end", "G", show=False),
    Command("body.comments", "c", "comments", "Comments", "Jump to the comments"),
)
