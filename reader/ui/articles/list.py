"""The list of loaded articles: title, then source/author and comment count.

One Textual class in layers, a concept each, over a pure `Listing` (which
articles, in which rows): `drawn_list.py` paints the rows (each entry two
lines, cached), `searched_list.py` is the pane's search target (a search
narrows the list), and this layer takes the articles as they load, sorts and
limits them (`s`, `l`), and moves the cursor (keys and the mouse), telling the
screen which article is highlighted and which is to open.
"""

from __future__ import annotations

from textual import events
from textual.message import Message

from ...collector import pause_collector
from ...model import Article
from ...store import DocumentStore
from ..commands import ARTICLE_LIST_COMMANDS, bindings
from .arrangement import SAID
from .drawn_list import ENTRY_HEIGHT
from .listing import Entry
from .searched_list import SearchedArticleList


class ArticleList(SearchedArticleList, can_focus=True):
    """The articles in load order, or only those a search found (`narrow`)."""

    BINDINGS = bindings(ARTICLE_LIST_COMMANDS)

    COMPONENT_CLASSES = {
        "article-list--entry",
        "article-list--highlighted",
        "article-list--hover",
        "article-list--new",
    }

    # OptionList's look, which this list replaces.
    DEFAULT_CSS = """
    ArticleList {
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        padding: 0 1;
        background: $surface;
        & > .article-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .article-list--hover {
            background: $block-hover-background;
        }
        /* As the thread's new comments: readable (4.5:1) in dark and light themes. */
        & > .article-list--new { color: $text-success; text-style: bold; }
        &:light > .article-list--new { color: $text-primary; }
        &:focus {
            background-tint: $foreground 5%;
            & > .article-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    class _ArticleMessage(Message):
        def __init__(self, article_list: ArticleList, article_id: str) -> None:
            super().__init__()
            self.article_list = article_list
            self.article_id = article_id

        @property
        def control(self) -> ArticleList:
            return self.article_list

    class Highlighted(_ArticleMessage):
        """The cursor is on another article: moved by the reader (a key, a
        click: `by_reader`) or by the app (a search's result, a restore)."""

        def __init__(self, article_list: ArticleList, article_id: str, by_reader: bool) -> None:
            super().__init__(article_list, article_id)
            self.by_reader = by_reader

    class Selected(_ArticleMessage):
        """`enter` or a click on an article: open it."""

    def __init__(self, store: DocumentStore, *, id: str | None = None) -> None:
        super().__init__(store, id=id)
        # True while the reader moves the cursor (see `Highlighted.by_reader`).
        self._moving = False

    # The articles as they load ---------------------------------------------------

    def add_articles(self, entries: list[Entry]) -> None:
        """Append articles (with their comment counts): the entries already
        there are neither measured nor painted again."""
        first = len(self.listing.entries)
        # Two articles of one title and source (one thread from two files):
        # each entry names its file.
        for twin in self.listing.add(entries):
            self.refresh_marks({twin})
        if not self.listing.arranged:
            self._shown_changed(first)
        elif not self.narrowed:
            # Sorted or limited: the new articles go where they belong.
            self._arrange(keep=True)

    def replace_article(self, article: Article) -> None:
        """`article` in the place of the entry under its id (its whole text
        fetched: its author may be new)."""
        if article.id not in self.listing.position:
            return
        self.listing.replace(article)
        # Cached by id: this entry's lines would be the old article's.
        self._rendered.clear()
        self.refresh_marks({article.id})

    def replace_last(self, count: int, entries: list[Entry]) -> None:
        """Put `entries` in the place of the last `count`: a preview, and its
        file's batch that takes its place. A search's results hold each
        replaced article's full version instead (same file and `source_id`);
        the cursor stays on the entry it was on."""
        first = len(self.listing.entries) - count
        shown_before = self.entry_count
        replaced, twins = self.listing.replace_last(count, entries)
        for article in replaced:
            self.opened.discard(article.id)  # the screen marks the one it opens
        if self.listing.arranged:
            self._arrange(keep=True)
        else:
            self._shown_changed(first)
        for twin in twins:
            self.refresh_marks({twin})
        # Painted again: the entries from the first replaced one on, and any
        # left past the new end.
        start = min(first, self.entry_count) if self.listing.rows is None else 0
        self._resize_list()
        lines = max(shown_before, self.entry_count) - start
        if lines > 0:
            self.refresh_lines(start * ENTRY_HEIGHT, lines * ENTRY_HEIGHT)
        if self.highlighted is not None and self.highlighted >= self.entry_count:
            self.highlighted = self.entry_count - 1 if self.entry_count else None

    def replace_entry(self, article: Article, count: int) -> None:
        """The article of the entry with `article.id` is `article` now (fetched
        again): its entry shows it where it was."""
        self.listing.replace(article, count)
        if not self.listing.arrangement.plain:
            self._arrange(keep=True)
        self.refresh_marks({article.id})

    # Sorting and limiting ----------------------------------------------------------

    def action_sort(self) -> None:
        """The list in its next order: load order, newest first, latest comment
        first, most comments first."""
        order = self.listing.arrangement.next_order()
        self._rearranged(f"Articles {SAID[order]}")

    def action_limit(self) -> None:
        """Only the articles with new or unread comments (or never opened), or
        every article again."""
        arrangement = self.listing.arrangement
        if self.store.states == [] and not arrangement.limited:
            self.notify("Only with saved state: nothing is new or unread", timeout=2)
            return
        arrangement.limited = not arrangement.limited
        said = "with new or unread comments only" if arrangement.limited else "all"
        self._rearranged(f"Articles: {said}")

    def _rearranged(self, said: str) -> None:
        kept = self.highlighted_id
        self._arrange()
        self._reset()
        index = self.listing.index_of(kept) if kept is not None else None
        self.highlighted = index if index is not None else (0 if self.entry_count else None)
        self.notify(said, timeout=1.5, markup=False)

    # The cursor -------------------------------------------------------------------

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self.entry_count:
            return None
        return min(max(highlighted, 0), self.entry_count - 1)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._refresh_entry(old)
        self._refresh_entry(new)
        if new is None:
            return
        self._scroll_to_entry(new)
        by_reader, self._moving = self._moving, False
        self.post_message(self.Highlighted(self, self.id_at(new), by_reader))

    def _scroll_to_entry(self, index: int) -> None:
        """Scroll just enough that the entry is on screen."""
        top = index * ENTRY_HEIGHT
        view = self.scrollable_content_region.height
        if not view:
            return  # Hidden (a narrow screen shows one pane): done on show.
        if top < self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + ENTRY_HEIGHT > self.scroll_offset.y + view:
            self.scroll_to(y=top + ENTRY_HEIGHT - view, animate=False, immediate=True)

    def on_show(self) -> None:
        if self.highlighted is not None:
            self._scroll_to_entry(self.highlighted)

    # A list of articles stops at its ends (OptionList wrapped round).
    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(self._page)

    def action_page_up(self) -> None:
        self._move(-self._page)

    def action_first(self) -> None:
        self._jumping()
        self._move(-self.entry_count)

    def action_last(self) -> None:
        self._jumping()
        self._move(self.entry_count)

    def _jumping(self) -> None:
        if (here := self.place()) is not None:
            self.jumps.record(here)

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // ENTRY_HEIGHT)

    def _move(self, entries: int) -> None:
        self._unpin()
        if self.entry_count:
            start = self.highlighted if self.highlighted is not None else 0
            # No collection between the key and its frame: a page's repaint
            # makes a thousand objects, which set off a few (a young
            # generation's, holding the threads opened before: up to 6 ms).
            self.call_after_refresh(pause_collector())
            self._moving = True
            self.highlighted = start + entries
            self._moving = False

    def action_select(self) -> None:
        if self.highlighted is not None:
            article_id = self.id_at(self.highlighted)
            if self.narrowed:
                self._selection_before = article_id
            self.post_message(self.Selected(self, article_id))

    # The mouse --------------------------------------------------------------------

    def _index_at(self, event: events.MouseEvent) -> int | None:
        """The entry under the mouse, found from its line."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        index = (self.scroll_offset.y + offset.y) // ENTRY_HEIGHT
        return index if 0 <= index < self.entry_count else None

    def on_click(self, event: events.Click) -> None:
        self._unpin()
        index = self._index_at(event)
        if index is not None:
            self._moving = True
            self.highlighted = index
            self._moving = False
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._index_at(event))

    def on_leave(self) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            self._refresh_entry(self._hover)
            self._hover = index
            self._refresh_entry(index)
