"""The article list drawn: a Line-API `ScrollView` over its `Listing`.

Every entry is two lines (the title, then who wrote it and the counts), each
cut to the width with `…`, so the list's height is known without measuring
anything, and a frame or a key costs the entries on screen, not the whole
list. Rendered entries are cached (LRU) by what they show; a cursor move
repaints only the two entries it changes, and appending a batch of articles
paints only those of the new ones that are on screen.

With a state this session, an article never opened (before or now) is
unread: its title is bold behind a `●`; the others' titles are plain, and each
entry says how many of its comments are new since the last visit and how many
unread; an item its feed listed since the last launch says `new` before its
feed's name. The counts come from the `ArticleState`s the load worker made:
no query per entry.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual, visualize

from ...model import Article
from ...store import DocumentStore
from .entry import article_prompt
from .listing import Listing

# Lines per entry: the title, then source · author · counts.
ENTRY_HEIGHT = 2
# How many rendered entries are kept: several screens' worth.
CACHED_ENTRIES = 1024


class Paint(NamedTuple):
    """What every line of a frame shares: the width and the entries' styles,
    and the entries looked up for it (each has two lines)."""

    width: int
    entry: VisualStyle
    highlighted: VisualStyle
    hover: VisualStyle
    entries: dict[int, list[Strip]]


class DrawnArticleList(ScrollView):
    """The listing's rows painted, the highlighted one and the one under the
    mouse distinctly."""

    # No repaint of the whole list: the watcher repaints the two entries.
    highlighted: reactive[int | None] = reactive(None, init=False, repaint=False)
    """Which entry the cursor is on (None: the list is empty)."""

    def __init__(self, store: DocumentStore, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        self.listing = Listing()
        # The articles opened this session: no longer shown as unread.
        self.opened: set[str] = set()
        self._hover: int | None = None
        # The line of the view the cursor's entry is kept on while the list
        # grows (see `keep_cursor_row`), until the reader moves.
        self._pinned_row: int | None = None
        self._rendered: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(CACHED_ENTRIES)
        # While a frame is painted: what its lines share (see `render_lines`).
        self._paint: Paint | None = None

    # What is shown -------------------------------------------------------------

    @property
    def entry_count(self) -> int:
        """How many articles the list shows now."""
        return self.listing.count

    def id_at(self, index: int) -> str:
        return self.listing.entry(index)[0].id

    def prompt_at(self, index: int, width: int | None = None) -> Text:
        """The entry at `index` as shown (cut to `width`, if given)."""
        article, count, matching = self.listing.entry(index)
        return article_prompt(
            article,
            count,
            matching,
            self.store.state(article.id),
            article.id in self.opened,
            width,
            article.id in self.listing.twins,
            self.get_component_rich_style("article-list--new", partial=True),
        )

    @property
    def highlighted_id(self) -> str | None:
        return None if self.highlighted is None else self.id_at(self.highlighted)

    def highlight_id(self, article_id: str | None) -> None:
        index = None if article_id is None else self.listing.index_of(article_id)
        if index is not None:
            self.highlighted = index

    # Another set of rows -----------------------------------------------------------

    def _arrange(self, keep: bool = False) -> None:
        """Work out the rows shown (`keep`: the cursor stays on its article)."""
        kept = self.highlighted_id if keep else None
        self.listing.arrange(self._wanted, self.store.thread)
        if keep:
            self._resize_list()
            self.refresh()
            index = self.listing.index_of(kept) if kept is not None else None
            self.set_reactive(DrawnArticleList.highlighted, index)

    def _wanted(self, article: Article) -> bool:
        """Whether the limit lets `article` show: new or unread comments, or
        never opened, or new in its feed."""
        saved = self.store.state(article.id)
        if saved is None:
            return True
        unopened = not saved.opened_before and article.id not in self.opened
        return unopened or saved.new_item or bool(saved.new_count or saved.unread_count)

    def _reset(self) -> None:
        """Another set of entries, from the top; no cursor until the caller puts
        it on one (which tells the screen)."""
        self._pinned_row = None
        self.set_reactive(DrawnArticleList.highlighted, None)
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

    # The cursor's line kept -------------------------------------------------------

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

    # Marks ------------------------------------------------------------------------

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
            index = self.listing.index_of(article_id)
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
        lines = self.entry_count * ENTRY_HEIGHT
        if self._pinned_row is not None and self.highlighted is not None:
            # Room below the last entry for the pinned one to stay on its line
            # until the entries after it come in.
            view = self.scrollable_content_region.height
            lines = max(lines, self.highlighted * ENTRY_HEIGHT - self._pinned_row + view)
        size = Size(self.scrollable_content_region.width, lines)
        if size != self.virtual_size:
            self.set_reactive(DrawnArticleList.virtual_size, size)
            self._scroll_update(size)

    def notify_style_update(self) -> None:
        # Focus, hover or theme: the styles in the cache keys change, repaint.
        self.refresh()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The width and the styles, worked out once a frame, not once a line
        # (a page's 40 lines asked for them 40 times).
        self._paint = self._frame_paint()
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def _frame_paint(self) -> Paint:
        entry = "article-list--entry"
        return Paint(
            self.scrollable_content_region.width,
            self.get_visual_style(entry),
            self.get_visual_style(entry, "article-list--highlighted"),
            self.get_visual_style(entry, "article-list--hover"),
            {},
        )

    def render_line(self, y: int) -> Strip:
        paint = self._paint or self._frame_paint()
        line = self.scroll_offset.y + y
        index, offset = divmod(line, ENTRY_HEIGHT)
        if line < 0 or index >= self.entry_count:
            return Strip.blank(paint.width, paint.entry.rich_style)
        lines = paint.entries.get(index)
        if lines is None:
            lines = paint.entries[index] = self._entry_lines(index, paint)
        return lines[offset]

    def _entry_lines(self, index: int, paint: Paint) -> list[Strip]:
        """The entry's lines at the paint's width, from the cache when it shows the same."""
        width = paint.width
        article, count, matching = self.listing.entry(index)
        saved = self.store.state(article.id)
        if index == self.highlighted:
            style = paint.highlighted
        elif index == self._hover:
            style = paint.hover
        else:
            style = paint.entry
        state = (
            None if saved is None else (saved.opened_before or article.id in self.opened),
            None if saved is None else (saved.new_count, saved.unread_count, saved.new_item),
            matching,
        )
        key = (article.id, count, width, style, state, article.id in self.listing.twins)
        lines = self._rendered.get(key)
        if lines is None:
            visual = visualize(self, self.prompt_at(index, width), markup=False)
            strips = Visual.to_strips(self, visual, width, ENTRY_HEIGHT, style)
            lines = [strip.extend_cell_length(width, style.rich_style) for strip in strips]
            self._rendered[key] = lines
        return lines
