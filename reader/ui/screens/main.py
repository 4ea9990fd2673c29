"""The main screen: article list, article body and comment thread.

The screen owns the state (which article is open) and pushes it into the
panes with `data_bind`; the panes post messages up. On narrow terminals only
the focused pane is shown and `tab` switches between them.

The files are read by the load worker (`load_worker`), whose batches (each
article with its state, where there is one) `Arrivals` hands to the store and
the article list. The screen opens the article the list highlights, where the
reader left it (`ArticleOpening`, through `Reading`, the state's memory of each
article), once the frame that shows the list's cursor on it is out; an article
listed before its text was read (a mailbox's thread) is read first, a big one
in a worker (`CursorArticle`). `PaneFocus` keeps the current pane, `Marks` the
new, unread and mark-read commands, `FirstFrame` the first frame out at once
and whole, `WebReading` what is fetched from the web (its parts made when
first needed), `offered` says which commands are offered now, and a mail
thread's message is piped or saved by `MessageActions` (imported then).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header

from ...errors import LoadError
from ...loading import Loading
from ...model import Article, Thread
from ...sanitize import neutralise
from ...search.history import SearchHistory
from ...state import Reading, State
from ...store import DocumentStore
from ..articles.list import ArticleList
from ..articles.pane import ArticlesPane
from ..body.pane import BodyPane
from ..body.view import ArticleBody
from ..commands import (
    MAIL_COMMANDS,
    PAGE_COMMANDS,
    PANE_COMMANDS,
    READING_COMMANDS,
    SEARCH_COMMANDS,
    STATE_COMMANDS,
    WEB_COMMANDS,
    bindings,
)
from ..footer import ReaderFooter
from ..messages import ArticlesLoaded, LoadFinished
from ..search.pane import SearchPane
from ..thread.pane import ThreadPane
from ..thread.view import ThreadView
from .arrivals import Arrivals
from .cursor_article import CursorArticle
from .first_frame import FirstFrame
from .load_worker import start_loading
from .main_layout import MAIN_CSS, PANES, PaneSizes
from .marks import Marks
from .offered_actions import offered
from .opening import ArticleOpening
from .page_settings import PageSettings
from .pane_focus import PaneFocus
from .web_reading import WebReading

if TYPE_CHECKING:
    from .fetches import FetchDone


class MainScreen(Screen[None]):
    """Reads the loaded articles; loads the files in a worker as it starts."""

    DEFAULT_CSS = MAIN_CSS

    # `n` / `N` reach the screen only when no search is on (the panes' are then
    # disabled): say so. Same ids as the panes' keys, so a keymap moves both.
    BINDINGS = [
        *bindings(PANE_COMMANDS),
        *bindings(READING_COMMANDS),
        *bindings(STATE_COMMANDS),
        *bindings(MAIL_COMMANDS),
        *bindings(WEB_COMMANDS),
        *bindings(PAGE_COMMANDS),
        *(
            Binding(command.keys, "no_search", show=False, id=command.id)
            for command in SEARCH_COMMANDS
            if command.action in ("next_match", "previous_match")
        ),
    ]

    article: reactive[Article | None] = reactive(None)
    thread: reactive[Thread | None] = reactive(None)

    def __init__(
        self,
        store: DocumentStore,
        loading: Loading,
        load_errors: list[LoadError],
        width: int,
        state: State | None = None,
        absolute_times: bool = False,
        sizes: PaneSizes | None = None,
        pages: PageSettings | None = None,
        refresh_minutes: float = 0.0,
    ):
        """`load_errors` holds the problems found so far; the screen adds to it.
        `width` is the terminal's, to start with its layout. `state` is the
        memory between sessions (None: none this session); `absolute_times`:
        comment headers give times in full (the config's); `sizes` lays the
        panes out (the comments' share chosen); `pages` is how an article's
        page and a page's feed are fetched; `refresh_minutes`: how often what
        was read from the web is fetched again (0: never)."""
        self.sizes = sizes or PaneSizes()
        # The first classes from the start: each class change restyles every widget.
        super().__init__(classes=f"-show-{PANES[0]} {self.sizes.kind(width, 0)}")
        self.store = store
        # The files to read. Not `self.loading`: that is Textual's reactive for
        # a loading indicator.
        self.files = loading
        self.state = state
        self.absolute_times = absolute_times
        # Before the current pane changes, the article the list's cursor is on
        # is opened, if it was to be after the frame: keys typed ahead (`j`
        # `enter` `c` `j`) act on it.
        self.panes = PaneFocus(self, lambda: self.cursor_article.open_wanted(at_once=True))
        self.arrivals = Arrivals(self, self, loading, load_errors, state)
        # One history for every pane's search bar, kept in the state.
        self.search_history = SearchHistory(saved=state)
        # What the views report of the reader in the open article.
        self.reading = Reading(state)
        # The article opened where the reader left it; its comments sorted.
        self.opening = ArticleOpening(self, state)
        self.marks = Marks(self, store, self.reading, self.panes)
        # What is fetched while the reader reads (refresh, stories, whole articles, feeds).
        self.web = WebReading(
            self, loading.web, load_errors, refresh_minutes, pages or PageSettings()
        )
        self.first_frame = FirstFrame()
        # The thread cursor as the open article was opened (see `Arrivals`).
        self.opened_cursor = -1
        # The article the list's cursor is on, opened (a listed thread read first).
        self.cursor_article = CursorArticle(self)

    def compose(self) -> ComposeResult:
        self.first_frame.hold(self.app)
        yield Header()
        with Horizontal(id="panes"):
            yield ArticlesPane(self.store, id="articles-pane", classes="pane")
            with Container(id="reading"):
                yield BodyPane(self.store, self.reading, id="body-pane", classes="pane")
                yield ThreadPane(self.store, self.reading, id="thread-pane", classes="pane")
        yield ReaderFooter()

    async def on_mount(self) -> None:
        try:
            await self._set_up()
        finally:
            self.first_frame.set_up()

    async def _set_up(self) -> None:
        self.query_one(BodyPane).data_bind(MainScreen.article)
        self.query_one(ThreadPane).data_bind(MainScreen.thread)
        self.query_one("#articles-pane").border_title = "Articles"
        self.query_one("#body-pane").border_title = "Article"
        for pane in self.query(SearchPane):
            pane.history = self.search_history
        self.query_one(ThreadView).absolute_times = self.absolute_times
        self.sizes.follow(self)
        # At once, not later: the footer is built below for the focused pane's keys.
        self.set_focus(self.query_one(f"#{self.panes.current}"))
        shows = self.arrivals.take_read_ahead()
        self.first_frame.then_load(self, lambda: start_loading(self, self.files), shows)
        # The footer's keys on the first frame (they would come a frame later).
        await self.query_one(ReaderFooter).show_keys()

    def on_unmount(self) -> None:
        self.web.close()
        self.first_frame.close()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        self.first_frame.resumed(event)

    def on_resize(self, event: events.Resize) -> None:
        """Take the layout for the new width. Textual calls this before its own
        handler lays the screen out at the new size, so a resize across a layout
        width is laid out and painted once, not at the new size in the old
        layout first (which estimates every comment of the thread twice)."""
        if not self.first_frame.laid_out_already(self, event):
            self.sizes.apply(self, event.size)

    def action_comments_room(self, step: int) -> None:
        """More (or less) of the reading area for the comments, kept."""
        said = self.sizes.choose_share(self, step, self.state)
        self.notify(said, timeout=1.5, markup=False)

    # Loading ---------------------------------------------------------------

    @on(LoadFinished)
    def _load_finished(self, message: LoadFinished) -> None:
        if message.shown is not None:
            self.call_after_refresh(message.shown.set)
        self.arrivals.finished()
        self.web.load_finished()

    @on(ArticlesLoaded)
    def _articles_loaded(self, message: ArticlesLoaded) -> None:
        try:
            self.web.loaded(self.arrivals.add(message.results, message.progress))
        finally:
            if message.handled is not None:
                message.handled.set()

    # The open article -------------------------------------------------------

    @on(ArticleList.Highlighted, "#articles")
    def _article_highlighted(self, event: ArticleList.Highlighted) -> None:
        self.cursor_article.highlighted(event.article_id, event.by_reader)

    @on(ThreadView.SortAsked)
    def _sort_comments(self) -> None:
        self.opening.sort_next()

    def open_article(self, article_id: str) -> None:
        """Show the article and its thread, where the reader left them (one
        listed before its text was read is read now: see `CursorArticle`)."""
        self.cursor_article.read_if_listed(article_id)
        article = self.opening.open(article_id)
        # Where the article opened: the reader has moved once the cursor has.
        self.opened_cursor = self.query_one(ThreadView).cursor
        self.web.shown(article)

    # The web -------------------------------------------------------------------

    def action_whole_article(self) -> None:
        if self.article is not None:
            self.web.pages.whole_article(self.article)

    def action_open_feed(self) -> None:
        if self.article is not None:
            self.web.pages.open_feed(self.article)

    def action_refresh_article(self) -> None:
        self.web.updates.refresh_open()

    def action_refresh_all(self) -> None:
        self.web.updates.refresh_all()

    def on_fetch_done(self, message: FetchDone) -> None:
        """A fetch is done (see `fetches`, imported when a fetch is first asked)."""
        message.deliver()

    @on(ThreadView.ExpandAsked)
    def _expand_stub(self, message: ThreadView.ExpandAsked) -> None:
        self.web.updates.expand(message.index, message.stub)

    def action_pipe_message(self) -> None:
        from .message_actions import MessageActions  # here: a mail thread's only

        MessageActions(self).pipe(self.article)

    def action_save_message(self) -> None:
        from .message_actions import MessageActions

        MessageActions(self).save(self.article)

    # Memory between sessions -------------------------------------------------

    def action_go_to_mark(self, kind: str, forward: bool) -> None:
        self.marks.go_to(kind, forward)

    def action_mark_read(self) -> None:
        self.marks.mark_read(self.article)

    def action_mark_all_read(self) -> None:
        self.marks.mark_all_read()

    def watch_article(self, article: Article | None) -> None:
        self.sub_title = neutralise(article.title) if article else ""
        # The keys offered depend on the article (a summary, a page's feeds).
        self.refresh_bindings()

    @on(ArticleList.Selected, "#articles")
    def _article_selected(self) -> None:
        """Open the article; a search of the list carries over into its thread."""
        query = self.query_one(ArticlesPane).search_query
        if query is not None and query.text:
            self.query_one(ThreadPane).start_search(query)
            self.query_one(ThreadPane).close_bar()
        self.panes.show("body")

    @on(ArticleBody.JumpToComments)
    def _jump_to_comments(self) -> None:
        self.panes.show("thread")

    # Panes -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return offered(self, action)

    def action_no_search(self) -> None:
        self.notify("No search: press / to search", timeout=2, markup=False)

    def action_back(self) -> None:
        self.panes.show(PANES[0])

    def action_next_pane(self) -> None:
        self.panes.step(1)

    def action_previous_pane(self) -> None:
        self.panes.step(-1)

    def on_descendant_focus(self) -> None:
        """Mouse clicks move focus too: keep the current pane in step with it."""
        self.panes.follow_focus()
