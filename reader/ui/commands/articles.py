"""Commands of the article list."""

from .base import Command

ARTICLE_LIST_COMMANDS: tuple[Command, ...] = (
    Command("articles.down", "j,down", "cursor_down", "Down", "Next article", "j/↓", show=False),
    Command("articles.up", "k,up", "cursor_up", "Up", "Previous article", "k/↑", show=False),
    Command("articles.first", "g,home", "first", "First", "First article", "g", show=False),
    Command("articles.last", "G,end", "last", "Last", "Last article", "G", show=False),
    Command("articles.page_down", "pagedown", "page_down", "Page down", "Down a page", show=False),
    Command("articles.page_up", "pageup", "page_up", "Page up", "Up a page", show=False),
    Command("articles.open", "enter", "select", "Open", "Open the article: focus its body", "⏎"),
    Command(
        "articles.sort",
        "s",
        "sort",
        "Sort",
        "Sort the list: load order, newest first, latest comment first, most comments first,"
        " by feed (each feed's articles together, newest first)",
    ),
    # mutt's limit.
    Command(
        "articles.limit",
        "l",
        "limit",
        "Only new",
        "Only the articles with new or unread comments (or never opened, or new in their"
        " feed), or all again",
    ),
)
