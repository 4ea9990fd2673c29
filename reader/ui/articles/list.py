"""The list of loaded articles: title, then source/author and comment count.

A Line-API `ScrollView`: every entry is two lines (the title, then who wrote
it and the counts), each cut to the width with `…`, so the list's height is
known without measuring anything, and a frame or a key costs the entries on
screen, not the whole list. Rendered entries are cached (LRU) by what they
show; a cursor move repaints only the two entries it changes, and appending
a batch of articles paints only those of the new ones that are on screen.

With a state this session, an article never opened (before or now) is
unread: its title is bold behind a `●`; the others' titles are plain, and each
entry says how many of its comments are new since the last visit and how many
unread; an item its feed listed since the last launch says `new` before its
feed's name. The counts come from the `ArticleState`s the load worker made:
no query per entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize

from ...model import Article
from ...search.query import Query
from ...store import DocumentStore
from ..commands import ARTICLE_LIST_COMMANDS, bindings
from ..search.jumps import Jumps
from ..search.pane import Matches, SearchState
from .arrangement import SAID, Arrangement, Row
from .entry import article_prompt

# What a search of the list finds: an article id and how many of its comments match.
FoundArticle = tuple[str, int]

# Lines per entry: the title, then source · author · counts.
ENTRY_HEIGHT = 2
# How many rendered entries are kept: several screens' worth.
CACHED_ENTRIES = 1024


class ArticleList(ScrollView, can_focus=True):
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

    # No repaint of the whole list: the watcher repaints the two entries.
    highlighted: reactive[int | None] = reactive(None, init=False, repaint=False)
    """Which entry the cursor is on (None: the list is empty)."""

    def __init__(self, store: DocumentStore, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        # The article to highlight when a search stops narrowing the list: the
        # one highlighted before it narrowed it, or the one opened since.
        self._selection_before: str | None = None
        # Every loaded article with its comment count, and where each is in it.
        self._entries: list[tuple[Article, int]] = []
        self._position: dict[str, int] = {}
        # While a search narrows the list: what it found (position in
        # `_entries`, matching comments).
        self._found: list[Row] | None = None
        # The rows shown, when not every article in load order (a search, a
        # sort, the limit), and where each article is among them.
        self.arrangement = Arrangement()
        self._rows: list[Row] | None = None
        self._row_of: dict[str, int] = {}
        # The articles that share their title and source with another: their
        # entries name their files too.
        self._twins: set[str] = set()
        self._first_of: dict[tuple[str, str | None], str] = {}
        # The articles opened this session: no longer shown as unread.
        self.opened: set[str] = set()
        self._hover: int | None = None
        # True while the reader moves the cursor (see `Highlighted.by_reader`).
        self._moving = False
        # The line of the view the cursor's entry is kept on while the list
        # grows (see `keep_cursor_row`), until the reader moves.
        self._pinned_row: int | None = None
        self._rendered: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(CACHED_ENTRIES)
        # The article highlighted before the last jump (`'`).
        self.jumps: Jumps[str] = Jumps()

    # What is shown -------------------------------------------------------------

    @property
    def narrowed(self) -> bool:
        return self._found is not None

    @property
    def entry_count(self) -> int:
        """How many articles the list shows now."""
        return len(self._entries) if self._rows is None else len(self._rows)

    def _entry(self, index: int) -> tuple[Article, int, int | None]:
        """The article shown at `index`, its comment count and matching comments."""
        if self._rows is None:
            article, count = self._entries[index]
            return article, count, None
        position, matching = self._rows[index]
        article, count = self._entries[position]
        return article, count, matching

    def id_at(self, index: int) -> str:
        return self._entry(index)[0].id

    def prompt_at(self, index: int, width: int | None = None) -> Text:
        """The entry at `index` as shown (cut to `width`, if given)."""
        article, count, matching = self._entry(index)
        return article_prompt(
            article,
            count,
            matching,
            self.store.state(article.id),
            article.id in self.opened,
            width,
            article.id in self._twins,
            self.get_component_rich_style("article-list--new", partial=True),
        )

    def _index_of(self, article_id: str) -> int | None:
        if self._rows is None:
            return self._position.get(article_id)
        return self._row_of.get(article_id)

    @property
    def highlighted_id(self) -> str | None:
        return None if self.highlighted is None else self.id_at(self.highlighted)

    def highlight_id(self, article_id: str | None) -> None:
        index = None if article_id is None else self._index_of(article_id)
        if index is not None:
            self.highlighted = index

    # Changing what is shown ------------------------------------------------------

    def add_articles(self, entries: list[tuple[Article, int]]) -> None:
        """Append articles (with their comment counts): the entries already
        there are neither measured nor painted again."""
        first = len(self._entries)
        for position, (article, _) in enumerate(entries, first):
            self._position[article.id] = position
            self._note_twin(article)
        self._entries.extend(entries)
        if self._found is None and self.arrangement.plain:
            self._shown_changed(first)
        elif self._found is None:
            # Sorted or limited: the new articles go where they belong.
            self._arrange(keep=True)

    def _note_twin(self, article: Article) -> None:
        """Two articles of one title and source (one thread from two files):
        each entry names its file."""
        key = (article.title, article.source)
        first = self._first_of.setdefault(key, article.id)
        if first != article.id and first in self._position:
            self._twins.update((first, article.id))
            self.refresh_marks({first})

    def replace_article(self, article: Article) -> None:
        """`article` in the place of the entry under its id (its whole text
        fetched: its author may be new)."""
        position = self._position.get(article.id)
        if position is None:
            return
        self._entries[position] = (article, self._entries[position][1])
        # Cached by id: this entry's lines would be the old article's.
        self._rendered.clear()
        self.refresh_marks({article.id})

    def replace_last(self, count: int, entries: list[tuple[Article, int]]) -> None:
        """Put `entries` in the place of the last `count`: a preview, and its
        file's batch that takes its place. A search's results hold each
        replaced article's full version instead (same file and `source_id`);
        the cursor stays on the entry it was on."""
        first = len(self._entries) - count
        replaced = [article for article, _ in self._entries[first:]]
        shown_before = self.entry_count
        for article in replaced:
            del self._position[article.id]
            self.opened.discard(article.id)  # the screen marks the one it opens
        del self._entries[first:]
        self.add_articles(entries)
        if self._found is not None:
            full_version = {
                (article.path, article.source_id): position
                for position, (article, _) in enumerate(entries, first)
            }
            found = []
            for position, matching in self._found:
                if position >= first:
                    article = replaced[position - first]
                    position = full_version.get((article.path, article.source_id), -1)
                if position >= 0:
                    found.append((position, matching))
            self._found = found
        if not self.arrangement.plain or self._found is not None:
            self._arrange(keep=True)
        # Painted again: the entries from the first replaced one on, and any
        # left past the new end.
        start = min(first, self.entry_count) if self._rows is None else 0
        self._resize_list()
        lines = max(shown_before, self.entry_count) - start
        if lines > 0:
            self.refresh_lines(start * ENTRY_HEIGHT, lines * ENTRY_HEIGHT)
        if self.highlighted is not None and self.highlighted >= self.entry_count:
            self.highlighted = self.entry_count - 1 if self.entry_count else None

    def row_of_cursor(self) -> int | None:
        """The line of the view the cursor's entry starts on (None: no cursor)."""
        if self.highlighted is None:
            return None
        return self.highlighted * ENTRY_HEIGHT - round(self.scroll_offset.y)

    def keep_cursor_row(self, row: int | None) -> None:
        """Keep the cursor's entry on the view's line `row` (entries came in
        above it), while entries come in below (the list grows while files
        load), until the reader moves: the list may scroll past its last
        entry meanwhile."""
        self._pinned_row = row
        self._resize_list()
        self._keep_pinned_row()

    def _unpin(self) -> None:
        if self._pinned_row is not None:
            self._pinned_row = None
            self._resize_list()

    def _keep_pinned_row(self) -> None:
        if self._pinned_row is not None and self.highlighted is not None:
            top = self.highlighted * ENTRY_HEIGHT - self._pinned_row
            self.scroll_to(y=max(0, top), animate=False, immediate=True)

    def replace_entry(self, article: Article, count: int) -> None:
        """The article of the entry with `article.id` is `article` now (fetched
        again): its entry shows it where it was."""
        position = self._position[article.id]
        self._entries[position] = (article, count)
        if not self.arrangement.plain:
            self._arrange(keep=True)
        self.refresh_marks({article.id})

    def narrow(self, found: list[tuple[str, int]]) -> None:
        """Show only the articles in `found` (article id, matching comments)."""
        self._found = [(self._position[article_id], matching) for article_id, matching in found]
        self._arrange()
        self._reset()

    def show_all(self) -> None:
        self._found = None
        self._arrange()
        self._reset()

    def _arrange(self, keep: bool = False) -> None:
        """Work out the rows shown (`keep`: the cursor stays on its article)."""
        kept = self.highlighted_id if keep else None
        if self._found is None and self.arrangement.plain:
            self._rows, self._row_of = None, {}
        else:
            self._rows = self.arrangement.rows(
                self._entries, self._found, self._wanted, self.store.thread
            )
            self._row_of = {
                self._entries[position][0].id: index
                for index, (position, _) in enumerate(self._rows)
            }
        if keep:
            self._resize_list()
            self.refresh()
            index = self._index_of(kept) if kept is not None else None
            self.set_reactive(ArticleList.highlighted, index)

    def _wanted(self, article: Article) -> bool:
        """Whether the limit lets `article` show: new or unread comments, or
        never opened, or new in its feed."""
        saved = self.store.state(article.id)
        if saved is None:
            return True
        unopened = not saved.opened_before and article.id not in self.opened
        return unopened or saved.new_item or bool(saved.new_count or saved.unread_count)

    def action_sort(self) -> None:
        """The list in its next order: load order, newest first, latest comment
        first, most comments first."""
        order = self.arrangement.next_order()
        self._rearranged(f"Articles {SAID[order]}")

    def action_limit(self) -> None:
        """Only the articles with new or unread comments (or never opened), or
        every article again."""
        if self.store.states == [] and not self.arrangement.limited:
            self.notify("Only with saved state: nothing is new or unread", timeout=2)
            return
        self.arrangement.limited = not self.arrangement.limited
        said = "with new or unread comments only" if self.arrangement.limited else "all"
        self._rearranged(f"Articles: {said}")

    def _rearranged(self, said: str) -> None:
        kept = self.highlighted_id
        self._arrange()
        self._reset()
        index = self._index_of(kept) if kept is not None else None
        self.highlighted = index if index is not None else (0 if self.entry_count else None)
        self.notify(said, timeout=1.5, markup=False)

    def _reset(self) -> None:
        """Another set of entries, from the top; no cursor until the caller puts
        it on one (which tells the screen)."""
        self._pinned_row = None
        self.set_reactive(ArticleList.highlighted, None)
        self._hover = None
        self.scroll_to(y=0, animate=False, immediate=True)
        self._resize_list()
        self.refresh()

    def _shown_changed(self, first: int) -> None:
        """The entries from `first` on are new: size the list, paint those on screen."""
        self._resize_list()
        self._keep_pinned_row()
        count = self.entry_count - first
        if count > 0:
            self.refresh_lines(first * ENTRY_HEIGHT, count * ENTRY_HEIGHT)

    @property
    def _lines(self) -> int:
        return self.entry_count * ENTRY_HEIGHT

    def mark_opened(self, article_id: str) -> None:
        if article_id not in self.opened and self.store.state(article_id) is not None:
            self.opened.add(article_id)
            self.refresh_marks({article_id})

    def refresh_marks(self, article_ids: set[str] | None = None) -> None:
        """Repaint the entries of `article_ids` (None: all): opened or marked read.
        The cache is keyed by what an entry shows, so nothing is stale in it."""
        if article_ids is None:
            self.refresh()
            return
        for article_id in article_ids:
            index = self._index_of(article_id)
            if index is not None:
                self._refresh_entry(index)

    def _refresh_entry(self, index: int | None) -> None:
        if index is not None:
            self.refresh_lines(index * ENTRY_HEIGHT, ENTRY_HEIGHT)

    # Painting ---------------------------------------------------------------------

    def on_resize(self) -> None:
        self._resize_list()

    def _resize_list(self) -> None:
        """Set the scrollable height to the entries' lines. Not by assigning
        `virtual_size`, which repaints every line on screen: only the scrollbars
        are updated (as OptionList does), and they lay the list out again
        only when one comes or goes."""
        lines = self._lines
        if self._pinned_row is not None and self.highlighted is not None:
            # Room below the last entry for the pinned one to stay on its line
            # until the entries after it come in.
            view = self.scrollable_content_region.height
            lines = max(lines, self.highlighted * ENTRY_HEIGHT - self._pinned_row + view)
        size = Size(self.scrollable_content_region.width, lines)
        if size != self.virtual_size:
            self.set_reactive(ArticleList.virtual_size, size)
            self._scroll_update(size)

    def notify_style_update(self) -> None:
        # Focus, hover or theme: the styles in the cache keys change, repaint.
        self.refresh()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index, offset = divmod(line, ENTRY_HEIGHT)
        if line < 0 or index >= self.entry_count:
            return Strip.blank(width, self.get_visual_style("article-list--entry").rich_style)
        return self._entry_lines(index, width)[offset]

    def _entry_lines(self, index: int, width: int) -> list[Strip]:
        """The entry's lines at `width`, from the cache when it shows the same."""
        article, count, matching = self._entry(index)
        saved = self.store.state(article.id)
        if index == self.highlighted:
            style = self.get_visual_style("article-list--entry", "article-list--highlighted")
        elif index == self._hover:
            style = self.get_visual_style("article-list--entry", "article-list--hover")
        else:
            style = self.get_visual_style("article-list--entry")
        state = (
            None if saved is None else (saved.opened_before or article.id in self.opened),
            None if saved is None else (saved.new_count, saved.unread_count, saved.new_item),
            matching,
        )
        key = (article.id, count, width, style, state, article.id in self._twins)
        lines = self._rendered.get(key)
        if lines is None:
            visual = visualize(self, self.prompt_at(index, width), markup=False)
            strips = Visual.to_strips(self, visual, width, ENTRY_HEIGHT, style)
            lines = [strip.extend_cell_length(width, style.rich_style) for strip in strips]
            self._rendered[key] = lines
        return lines

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
            self._moving = True
            self.highlighted = start + entries
            self._moving = False

    def action_select(self) -> None:
        if self.highlighted is not None:
            article_id = self.id_at(self.highlighted)
            if self.narrowed:
                self._selection_before = article_id
            self.post_message(self.Selected(self, article_id))

    # Searching (a `SearchTarget`: the pane's search narrows the list) -------------

    def find(self, query: Query) -> Iterator[FoundArticle]:
        return self.store.search_all(query)

    def new_matches(self) -> list[FoundArticle]:
        return []

    def show_matches(self, search: SearchState[FoundArticle]) -> None:
        query = search.search_query
        if query is not None and query.text:
            if not self.narrowed:
                self._selection_before = self.highlighted_id
            if search.counted or not self.narrowed:
                self.narrow(list(search.matches))
            current = search.current_match
            self.highlight_id(current[0] if current else None)
        elif self.narrowed:
            self.show_all()
            self.highlight_id(self._selection_before)

    def matches_added(
        self, added: Matches[FoundArticle], search: SearchState[FoundArticle]
    ) -> None:
        self.show_matches(search)

    def current_moved(self, search: SearchState[FoundArticle]) -> None:
        self.show_matches(search)

    def go_to(self, match: FoundArticle) -> None:
        self.highlight_id(match[0])

    def place(self) -> str | None:
        return self.highlighted_id

    def return_to(self, place: str | None) -> None:
        self.highlight_id(place)

    def starts_from(self, place: str | None) -> Callable[[FoundArticle], bool]:
        """From the highlighted article on, in the order of the list (the
        matches come in the order the articles loaded, which is the list's)."""
        positions = dict(self._position)
        start = positions.get(place, 0) if place is not None else 0
        return lambda found: positions.get(found[0], -1) >= start

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
