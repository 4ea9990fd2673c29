"""Commands of links: the article's URL from any pane (in the comments, the
comment's own link), and the links of the comment or body on show, picked by
number. Nothing opens or copies otherwise."""

from .base import Command

# Bound on the app: the article's URL is the same whichever pane has the focus
# (but the comments, where the comment under the cursor has a link of its own).
LINK_COMMANDS: tuple[Command, ...] = (
    Command(
        "links.open",
        "o",
        "open_article_link",
        "Open URL",
        "Open the article's URL; in the comments, the comment's own link (HN item,"
        " Reddit permalink, a mail's place in the list's archive) where it has one",
    ),
    Command(
        "links.copy",
        "y",
        "copy_article_link",
        "Copy URL",
        "Copy that URL to the clipboard (OSC 52)",
        show=False,
    ),
)


def _pane_link_commands(pane: str, what: str) -> tuple[Command, ...]:
    """`L` and `v` in a pane (`body`, `thread`), for `what` it shows."""
    return (
        Command(
            f"{pane}.links", "L", "links", "Links", f"Pick a link of the {what} to open or copy"
        ),
        Command(
            f"{pane}.full_text",
            "v",
            "full_text",
            "Full text",
            f"Show the {what} unwrapped: long code lines in full, scrolling sideways",
            show=False,
        ),
    )


BODY_LINK_COMMANDS = _pane_link_commands("body", "body")
THREAD_LINK_COMMANDS = _pane_link_commands("thread", "comment")

# The link picker's keys (`L`): what is highlighted is what `enter` opens.
LINK_PICKER_COMMANDS: tuple[Command, ...] = (
    Command("picker.open", "enter,o", "open", "Open", "Open the highlighted link", "⏎"),
    Command("picker.copy", "y", "copy", "Copy", "Copy the highlighted link (OSC 52)"),
    Command(
        "picker.number",
        "1,2,3,4,5,6,7,8,9",
        "open_number({key})",
        "Open",
        "Open the link of that number",
        "1-9",
        show=False,
    ),
    Command("picker.down", "j", "down", "Down", "Next link (also ↓)", show=False),
    Command("picker.up", "k", "up", "Up", "Previous link (also ↑)", show=False),
    Command("picker.first", "g", "first", "First", "First link (also home)", show=False),
    Command("picker.last", "G", "last", "Last", "Last link (also end)", show=False),
    Command("picker.close", "escape,q", "close", "Close", "Close the picker", "esc"),
)
