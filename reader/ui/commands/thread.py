"""Commands of the comment thread."""

from .base import Command

THREAD_COMMANDS: tuple[Command, ...] = (
    Command("thread.down", "j,down", "cursor_down", "Next", "Next comment", "j/↓", show=False),
    Command("thread.up", "k,up", "cursor_up", "Previous", "Previous comment", "k/↑", show=False),
    Command(
        "thread.toggle", "space,enter", "toggle", "Fold", "Collapse or expand the comment", "space"
    ),
    Command(
        "thread.collapse",
        "h,left",
        "collapse",
        "Collapse",
        "Collapse the comment, or go to its parent if it is collapsed or has no replies",
        "h",
        show=False,
    ),
    Command("thread.expand", "l,right", "expand", "Expand", "Expand the comment", "l", show=False),
    Command("thread.parent", "p", "parent", "Parent", "Go to the parent comment"),
    Command("thread.next_sibling", "J", "next_sibling", "Next sibling", "Next sibling", show=False),
    Command(
        "thread.previous_sibling",
        "K",
        "previous_sibling",
        "Previous sibling",
        "Previous sibling",
        show=False,
    ),
    Command(
        "thread.next_top",
        "right_square_bracket",
        "next_top_level",
        "Next thread",
        "Next top-level comment",
        "]",
    ),
    Command(
        "thread.previous_top",
        "left_square_bracket",
        "previous_top_level",
        "Previous thread",
        "Previous top-level comment",
        "[",
        show=False,
    ),
    Command("thread.collapse_all", "C", "collapse_all", "Collapse all", "Collapse to top level"),
    Command("thread.expand_all", "E", "expand_all", "Expand all", "Expand every comment"),
    Command(
        "thread.depth",
        "1,2,3,4,5,6,7,8,9",
        "show_depth({key})",
        "Depth",
        "Show the thread down to that depth (1-9)",
        "1-9",
        show=False,
    ),
    Command("thread.first", "g,home", "first", "First", "First comment", "g", show=False),
    Command("thread.last", "G,end", "last", "Last", "Last comment", "G", show=False),
    Command("thread.page_down", "pagedown", "page_down", "Page down", "Down a page", show=False),
    Command("thread.page_up", "pageup", "page_up", "Page up", "Up a page", show=False),
)
