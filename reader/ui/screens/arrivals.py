"""What the load hands the main screen, taken in: each prepared batch to the
store and the article list, failed files to the load log, the first article
opened, the article shown last session selected again once it loads, and a
preview's full version put in its place with the reader kept where they were
(in the thread, and the list's cursor on it, on the same line).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol

from textual.screen import Screen

from ...errors import LoadError
from ...loading import Loading
from ...model import Article, Thread
from ...prepared import PreparedBatch
from ...state import Reading, State
from ...store import DocumentStore
from ..articles.list import ArticleList
from ..articles.pane import ArticlesPane
from ..articles.progress import count_text
from ..body.view import ArticleBody
from ..messages import LoadProgressFigures
from ..thread.cursor import ThreadPlace
from ..thread.identity import comment_identities, place_in
from ..thread.view import ThreadView
from .load_worker import LoadNotices, progress_of

# How long the load errors' summary stays up.
NOTIFY_SECONDS = 6
# A file read ahead up to this size is indexed on the UI thread as the screen
# mounts (about 25 ms), so the first frame shows its first article: the screen
# is laid out and painted once, not empty and then again when the worker hands
# it over. A larger one is indexed by the worker, off the UI thread.
SHOWN_AT_ONCE_BYTES = 512 * 1024


class ShowsArticles(Protocol):
    """The screen the articles arrive on: what it shows, and how it opens one."""

    store: DocumentStore
    reading: Reading
    # The thread cursor as the open article was opened (the reader has moved
    # in it once the cursor has).
    opened_cursor: int

    @property
    def article(self) -> Article | None: ...

    @property
    def thread(self) -> Thread | None: ...

    def open_article(self, article_id: str) -> None: ...

    @property
    def cursor_article(self) -> ReadsThreads: ...


class ReadsThreads(Protocol):
    """What reads a listed article for the screen (its `CursorArticle`)."""

    def read_thread(self, article_id: str) -> None:
        """Read a listed article off the UI thread, then open it (or its
        `following`) if the reader is still on it."""
        ...


class Following(NamedTuple):
    """A preview's full version to open in its place: its id, and where the
    reader was in the preview (see `Arrivals._follow_preview`)."""

    article_id: str
    place: ThreadPlace
    body_scroll: float
    moved: bool
    identities: Sequence[object]


class Arrivals:
    """Takes in the load's batches for `shows`, which is `screen`."""

    def __init__(
        self,
        screen: Screen[None],
        shows: ShowsArticles,
        files: Loading,
        load_errors: list[LoadError],
        state: State | None,
    ) -> None:
        """`load_errors` holds the problems found so far (added to here);
        `state` is the memory between sessions (None: none this session)."""
        self.screen = screen
        self.shows = shows
        self.files = files
        self.load_errors = load_errors
        # The article shown last session is selected again when it loads.
        self._restore_key = state.selected_article if state is not None else None
        self._notices = LoadNotices()
        # A preview's full version being read, to open in its place.
        self.following: Following | None = None
        # Every file read (the list's subtitle counts the articles).
        self.done = False

    def take_read_ahead(self) -> bool:
        """The file read ahead, if small enough (`SHOWN_AT_ONCE_BYTES`), taken
        in now, for the first frame to show; whether it was."""
        first = self.files.take_read_ahead(SHOWN_AT_ONCE_BYTES)
        if first:
            self.add([PreparedBatch(first)], progress_of(self.files, measured=False))
        return bool(first)

    def add(
        self, results: list[PreparedBatch | LoadError], progress: LoadProgressFigures
    ) -> list[Article]:
        """Batches to the store and the list (a preview's full version in its
        place), failed files to the log; the first article opens. The articles
        that arrived, in the batches' order."""
        store = self.shows.store
        articles = self.screen.query_one("#articles", ArticleList)
        pane = self.screen.query_one(ArticlesPane)
        was_empty = articles.entry_count == 0
        added: list[tuple[Article, int]] = []
        arrived: list[Article] = []
        restore: str | None = None
        for result in results:
            if isinstance(result, LoadError):
                self.load_errors.append(result)
                continue
            if result.replacing:
                articles.add_articles(added)
                added = []
            replaced = store.apply(result)
            for prepared in result.articles:
                article = prepared.article
                arrived.append(article)
                added.append((article, store.comment_count(article.id)))
                if prepared.state is not None and prepared.state.key == self._restore_key:
                    restore, self._restore_key = article.id, None
            if result.replacing:
                articles.replace_last(result.replacing, added)
                self._follow_preview(replaced, [article for article, _ in added])
                added = []
        articles.add_articles(added)
        pane.show_progress(*progress)
        pane.set_resting_subtitle(
            f"loading {progress.files_done}/{count_text(progress.file_count)}"
        )
        if articles.highlighted is None and articles.entry_count:
            articles.highlighted = 0
            # Shown now, not when the list's message comes round: the first
            # article is then on the screen's first layout.
            self.shows.open_article(articles.id_at(0))
        # The article shown last session is selected again, unless the reader
        # has moved on from the first article by the time it loads.
        if restore is not None and (was_empty or articles.highlighted == 0):
            articles.highlight_id(restore)
        return arrived

    def _follow_preview(self, replaced: list[Article], full: list[Article]) -> None:
        """A preview's articles were replaced by `full` (the batch that takes
        their place): if one was open, its full version is opened in its
        place (once read, if it was listed: the preview stays on show till
        then), with the reader where they were: the body's scroll and, once
        they have moved in the thread, the comment under the cursor (on the
        same line of the view) and the folds; until then, where the article's
        state says they left it last session (a comment the preview may not
        have held). The list's cursor stays on it, on the same line."""
        shown = self.shows.article
        if shown is None or not any(shown is article for article in replaced):
            return
        if not full:
            return
        version = next(
            (article for article in full if article.source_id == shown.source_id), full[-1]
        )
        articles = self.screen.query_one("#articles", ArticleList)
        row = articles.row_of_cursor()
        articles.highlight_id(version.id)
        articles.keep_cursor_row(row)
        place = self.screen.query_one(ThreadView).place()
        following = Following(
            version.id,
            place,
            self.screen.query_one(ArticleBody).scroll_target,
            place.cursor != self.shows.opened_cursor or bool(place.collapsed),
            comment_identities(self.shows.thread, self.shows.reading.article),
        )
        if self.shows.store.is_listed(version.id):
            # Read once every thread is listed (the preview is on show till
            # then): read now, it would slow the load it competes with.
            self.following = following
            if self.done:
                self.shows.cursor_article.read_thread(version.id)
        else:
            self.open_in_place(following)

    def open_in_place(self, following: Following) -> None:
        """Open a preview's full version with the reader where the preview left them."""
        self.shows.open_article(following.article_id)
        if following.moved:
            place, before = following.place, following.identities
            after = comment_identities(self.shows.thread, self.shows.reading.article)
            cursor, collapsed = place_in(after, before, place)
            self.screen.query_one(ThreadView).restore_place(cursor, collapsed, place.cursor_row)
        self.screen.query_one(ArticleBody).restore_scroll(following.body_scroll)

    def finished(self) -> None:
        """Every file is read: the list says how many articles, the errors
        are told; with nothing to read and errors, the app ends (exit 2). A
        preview's full version waiting to be read is read now."""
        self.done = True
        if self.following is not None:
            self.shows.cursor_article.read_thread(self.following.article_id)
        count = len(self.shows.store)
        pane = self.screen.query_one(ArticlesPane)
        pane.loading_done()
        pane.set_resting_subtitle(f"{count} article{'' if count == 1 else 's'}")
        self.report_new_errors()
        if not count and self.load_errors:
            self.screen.app.exit(return_code=2)

    def report_new_errors(self, doing: str = "loading") -> None:
        """A notice for the files that failed and the warnings since the last
        (while `doing` it: loading, or reading a thread)."""
        for message, severity in self._notices.since_last(
            len(self.load_errors), len(self.files.warnings), doing
        ):
            self.screen.notify(message, severity=severity, timeout=NOTIFY_SECONDS, markup=False)  # type: ignore[arg-type]
