"""An entry of the article list as it reads: the title, then where it is from
(its site, subreddit or list, else its file: two copies of a thread are told
apart by their files), who wrote it and how many comments (new, unread,
matching), each line cut to the width."""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from ...model import Article
from ...sanitize import neutralise
from ...state import ArticleState
from ..render.reading_counts import SEPARATOR, reading_counts

UNREAD_MARKER = "● "
# Before where an item of a feed is from, when the feed did not list it at
# the last launch.
NEW_ITEM_LABEL = "new"


def article_prompt(
    article: Article,
    comment_count: int,
    matching: int | None = None,
    article_state: ArticleState | None = None,
    opened: bool = False,
    width: int | None = None,
    with_file: bool = False,
    new_style: Style | str = "bold",
) -> Text:
    """An entry: the title, then who wrote it, how many comments (and how many
    match); with `marks`, whether it is unread (and not `opened` this session)
    and how many comments are new and unread (not said of an unread article:
    all of it is). With a `width`, each line is cut to it: the title ends in
    `…`, the names give way so the counts stay whole, and counts too long for
    the width are said shorter (`12 new · 300 unread of 487`). Where the
    article is from is its source (a feed's title), else its file (and its
    file too `with_file`: another article has its title and source); an item
    its feed listed since the last launch says `new` first, in `new_style`."""
    # One line: a title with line breaks (YAML allows them) would push the
    # second line out of the entry.
    title = " ".join(neutralise(article.title).splitlines())
    unread = article_state is not None and not article_state.opened_before and not opened
    if article_state is None:
        prompt = Text(title, style="bold")
    elif unread:
        prompt = Text(UNREAD_MARKER + title, style="bold")
    else:
        prompt = Text(title)
    if width is not None:
        prompt.truncate(width, overflow="ellipsis")
    # Its source, then its file where that tells it apart from a twin; with
    # no source, its file after its author (who wrote it reads first).
    # An item of a feed fetched is told apart by its feed's URL (without the
    # scheme), not by the cache's name for its copy.
    file = article.path.name if article.path is not None else None
    if article.feed is not None and "://" in article.feed:
        file = article.feed.partition("://")[2]  # its host first: what tells two apart
    if article.source:
        parts = [article.source, file if with_file else None, article.author]
    else:
        parts = [article.author, file]
    names = SEPARATOR.join(" ".join(neutralise(name).splitlines()) for name in parts if name)
    if not comment_count and article.comment_count:
        # A front page's story, listed without its comments: what its site counts.
        comment_count = article.comment_count
    reading = reading_counts(article_state, unread=not unread)
    count = SEPARATOR.join(
        [f"{comment_count} comment{'' if comment_count == 1 else 's'}", *reading]
    )
    if width is not None and reading and cell_len(count) > width:
        count = f"{SEPARATOR.join(reading)} of {comment_count}"
    if matching is not None:
        count += f", {matching} matching"
    label = Text()
    if article_state is not None and article_state.new_item:
        label = Text.assemble((NEW_ITEM_LABEL, new_style), (SEPARATOR, "dim"))
    if width is not None:
        width = max(width - label.cell_len, 1)
    details = Text(names)
    if width is not None and names:
        room = width - cell_len(SEPARATOR + count)
        if room < 2:
            details = Text()
        else:
            details.truncate(room, overflow="ellipsis")
    details = Text(SEPARATOR).join(part for part in (details, Text(count)) if part)
    if width is not None:
        details.truncate(width, overflow="ellipsis")
    prompt.append("\n")
    prompt.append_text(label)
    prompt.append_text(Text(details.plain, style="dim"))
    return prompt
