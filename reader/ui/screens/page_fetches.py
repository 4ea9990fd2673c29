"""What the main screen fetches as the reader reads: an article's whole text
(its page's main text in place of a feed's summary, or of a link post's
nothing) and a page's feed (its articles added to the list), each a job of
its `Fetches` calling the core (`reader.web`), shown when it arrives.

A page fetched is kept in the cache, so an article whose page was fetched
once shows its whole text again at the next launch, read from the cache (no
request). The feeds the config's `[feeds] whole_article` names have their
articles' pages fetched as they open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from textual.screen import Screen

from ...errors import LoadError
from ...loading import Loading
from ...model import Article
from ...prepared import PreparedBatch
from ...sanitize import neutralise
from ...store import DocumentStore
from ..articles.list import ArticleList
from ..articles.pane import ArticlesPane
from .arrivals import NOTIFY_SECONDS, Arrivals
from .fetches import Fetches, FetchJob
from .main_layout import PANES
from .page_settings import PageSettings, wants_page
from .pane_focus import PaneFocus
from .web_sessions import WebSessions

if TYPE_CHECKING:
    from ...state import State
    from ...web.session import WebSession

# How long a notice of a fetch stays up.
NOTICE_SECONDS = 4


class ShowsPages(Protocol):
    """The screen the fetches show their results on."""

    store: DocumentStore
    state: State | None
    files: Loading
    panes: PaneFocus
    arrivals: Arrivals
    # The article shown (a reactive of the screen: set, the panes show it).
    article: Article | None


class PageFetches:
    """The main screen's fetches, one at a time per article or feed, for
    `shows`, which is `screen`."""

    def __init__(
        self,
        screen: Screen[None],
        shows: ShowsPages,
        web: WebSession | None,
        settings: PageSettings,
    ) -> None:
        self._screen = screen
        self._shows = shows
        self._settings = settings
        self._sessions = WebSessions(web, settings.network, settings.offline)
        self.fetches = Fetches(self._work, self._done, screen.post_message)
        # Articles (by id) whose page is being fetched, or was looked for in
        # the cache; feeds being opened.
        self._fetching: set[str] = set()
        self._looked_up: set[str] = set()
        self._opening: set[str] = set()
        # The feeds of each page opened so far: `F` opens the next.
        self._opened: set[str] = set()

    def close(self) -> None:
        self.fetches.close()
        self._sessions.close()

    # The whole article ---------------------------------------------------------

    def opened(self, article: Article) -> None:
        """An article is shown: a feed the config names has its page fetched;
        any other article whose page was fetched before shows it again from
        the cache."""
        if not wants_page(article) or article.id in self._fetching:
            return
        if article.id in self._looked_up:
            return  # once a session: a page that failed is not asked for at each visit
        self._looked_up.add(article.id)
        if article.feed is not None and article.feed in self._settings.whole_article:
            self.whole_article(article, asked=False)
        else:
            self._fetch_page(article, offline=True, asked=False)

    def whole_article(self, article: Article, asked: bool = True) -> None:
        """Fetch the article's page and put its main text in place of the
        body; `asked`: the reader pressed the key (said as it starts)."""
        if article.id in self._fetching:
            if asked:
                self._say("Fetching it already", timeout=2)
            return
        if asked:
            self._say(f"Fetching the whole article: {article.url}")
        self._fetch_page(article, offline=False, asked=asked)

    def _fetch_page(self, article: Article, offline: bool, asked: bool) -> None:
        self._fetching.add(article.id)
        self.fetches.add(FetchJob("page", article.url or "", article.id, (article, offline, asked)))

    # A page's feeds --------------------------------------------------------------

    def open_feed(self, article: Article) -> None:
        """Open the page's next feed not opened yet as a list of articles."""
        feeds = [feed for feed in article.feeds if feed not in self._opened]
        if not article.feeds:
            return
        if not feeds:
            # Each opened: go round again.
            self._opened.difference_update(article.feeds)
            feeds = list(article.feeds)
        url = feeds[0]
        self._opened.add(url)
        if self._go_to_feed(url):
            return
        if url in self._opening:
            self._say("Opening it already", timeout=2)
            return
        self._opening.add(url)
        self._say(f"Opening the feed {url}")
        self.fetches.add(FetchJob("feed", url))

    # In the fetch threads ---------------------------------------------------------

    def _work(self, job: FetchJob) -> Any:
        if job.kind == "page":
            from ...web.whole import whole_article  # here: reading files needs no web

            article, offline, _ = job.detail
            warnings: list[str] = []
            return whole_article(self._sessions.get(offline), article, warnings), warnings
        loading = Loading([job.url], web=self._sessions.get())
        loading.state = self._shows.state
        return list(loading), loading.warnings

    # On the UI thread ----------------------------------------------------------------

    def _done(self, job: FetchJob, result: Any) -> None:
        if job.kind == "page":
            self._page_fetched(*job.detail, result)
        else:
            self._feed_fetched(job.url, result)

    def _page_fetched(
        self,
        article: Article,
        offline: bool,
        asked: bool,
        result: tuple[Article, list[str]] | LoadError,
    ) -> None:
        self._fetching.discard(article.id)
        if isinstance(result, LoadError):
            # A page not in the cache is no news; a fetch that fails is.
            if not offline:
                self._say(str(result), severity="error", timeout=8)
            return
        whole, warnings = result
        self._show_whole_article(article, whole)
        # A copy from the cache when the network failed is said; a fetch asked
        # for, done; one made as the article opened (the config's), not.
        if warnings and not offline:
            self._say("; ".join(warnings), severity="warning")
        elif asked:
            self._say("Whole article shown")

    def _feed_fetched(
        self,
        url: str,
        result: tuple[list[PreparedBatch | LoadError], list[str]] | LoadError,
    ) -> None:
        self._opening.discard(url)
        if isinstance(result, LoadError):
            results: list[PreparedBatch | LoadError] = [result]
            warnings: list[str] = []
        else:
            results, warnings = result
        self._add_feed(url, results, warnings)

    # Shown on the screen -----------------------------------------------------------

    def _show_whole_article(self, article: Article, whole: Article) -> None:
        """The article's page's text arrived: it takes the place of its body
        (in the store, the list, and the body pane if it is open), unless the
        article has gone since (a preview's full version took its place)."""
        store = self._shows.store
        article_id = article.id
        if article_id not in store or store.article(article_id) is not article:
            return
        whole = store.replace_article(article_id, whole)
        self._screen.query_one("#articles", ArticleList).replace_article(whole)
        if self._shows.article is article:
            self._shows.article = whole

    def _go_to_feed(self, url: str) -> bool:
        """Go to the first article of the feed `url` in the list, if it is loaded."""
        first = next((article for article in self._shows.store if article.feed == url), None)
        if first is None:
            return False
        self._shows.panes.show(PANES[0])
        self._screen.query_one("#articles", ArticleList).highlight_id(first.id)
        return True

    def _add_feed(
        self, url: str, results: list[PreparedBatch | LoadError], warnings: list[str]
    ) -> None:
        """A feed's articles, fetched: added to the store and the list, which
        takes the focus with the first highlighted; what went wrong in the load
        log and a notice."""
        store = self._shows.store
        errors = [result for result in results if isinstance(result, LoadError)]
        self._shows.arrivals.load_errors.extend(errors)
        self._shows.files.warnings.extend(warnings)
        added: list[tuple[Article, int]] = []
        for batch in results:
            if isinstance(batch, PreparedBatch):
                store.apply(batch)
                added += [(p.article, store.comment_count(p.article.id)) for p in batch.articles]
        articles = self._screen.query_one("#articles", ArticleList)
        articles.add_articles(added)
        if self._shows.arrivals.done:
            count = len(store)
            pane = self._screen.query_one(ArticlesPane)
            pane.set_resting_subtitle(f"{count} article{'' if count == 1 else 's'}")
        if added:
            # The feed's list, its first article highlighted (and shown beside it).
            self._shows.panes.show(PANES[0])
            articles.highlight_id(added[0][0].id)
            count = len(added)
            source = added[0][0].source or url
            self._say(f"{count} article{'' if count == 1 else 's'} from {source}")
        for error in errors:
            self._say(str(error), severity="error", timeout=NOTIFY_SECONDS)
        if not errors and not added:
            self._say(f"{url}: no articles")

    def _say(
        self, message: str, severity: str = "information", timeout: float = NOTICE_SECONDS
    ) -> None:
        """A notice; its URLs come from documents: shown as text only."""
        self._screen.notify(neutralise(message), severity=severity, timeout=timeout, markup=False)
