"""What the main screen fetches while the reader reads, and how it shows it:

- `r` fetches the open article again, `R` every article read from the web
  (and the config's `refresh` interval does `R` by itself): each article
  takes its new version's place where it is, with the cursor, the folds and
  the body's scroll kept; comments that arrived are marked new (`● new`,
  counted in the list's entry) and a notice says how many;
- a front page's story (listed without its comments) has its thread fetched
  when it is shown, the first `PREFETCH` of each page ahead of that; a story
  the reader has moved away from before its fetch started is dropped;
- a Reddit `more` stub's comments are fetched when asked (one at a time) and
  put in its place;
- while anything is fetched, the article list's border says `fetching 3/30`.

Every fetch goes through `Fetches` (daemon threads); what goes wrong is one
line naming the URL, in the load log and a notice; the cached copy is used
when there is one (said the same way).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from ...errors import LoadError
from ...fetching import Fetched, fetch_prepared
from ...model import Article, Comment
from ...prepared import PreparedArticle
from ...state.article_state import NEW, UNREAD
from ..articles.list import ArticleList
from ..articles.pane import ArticlesPane
from ..body.view import ArticleBody
from ..thread.identity import comment_identities, place_in
from ..thread.view import ThreadView
from .fetches import Fetches, FetchJob

if TYPE_CHECKING:
    from textual.message import Message

    from ...loading import Loading
    from ...model import Thread
    from ...state import Reading, State
    from ...store import DocumentStore
    from ...web.session import WebSession

# How many stories of a front page have their threads fetched before they are shown.
PREFETCH = 3
# The jobs that fetch a thread the reader has had before: what the new version
# holds beyond it arrived since.
REFETCHES = ("refresh", "expand")
NOTIFY_SECONDS = 4


class MainScreen(Protocol):
    """What of the main screen this works with (the screen holds this)."""

    store: DocumentStore
    state: State | None
    reading: Reading
    files: Loading

    @property
    def article(self) -> Article | None: ...

    @property
    def thread(self) -> Thread | None: ...

    def open_article(self, article_id: str) -> None: ...

    def post_message(self, message: Message) -> bool: ...

    def notify(self, message: str, **options: Any) -> None: ...

    def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...

    def set_interval(self, interval: float, callback: Any) -> Any: ...


class WebUpdates:
    """The fetching the main screen does once the load has given its articles."""

    def __init__(
        self,
        screen: MainScreen,
        web: WebSession | None,
        load_errors: list[LoadError],
        refresh_minutes: float = 0.0,
    ) -> None:
        """`load_errors`: the load log, where a fetch that fails is told;
        `refresh_minutes`: how often everything is fetched again (0: never)."""
        self.screen = screen
        self.web = web
        self.load_errors = load_errors
        self._refresh_minutes = refresh_minutes
        self.fetches = Fetches(self._work, self.done, screen.post_message)
        # The story (front page entry) the reader is on, whose thread is wanted now.
        self._wanted_story: str | None = None
        # New comments that arrived in a refresh of several articles (`R`), to
        # say once it is done (`_quiet`: only if some did).
        self._arrived = 0
        self._quiet = False
        # The front pages read: `R` lists their new stories, whichever of
        # their stories have their threads by now.
        self._front_pages: dict[str, None] = {}

    @property
    def offered(self) -> bool:
        """Whether anything can be fetched (a URL was named)."""
        return self.web is not None

    # Asking ---------------------------------------------------------------------

    def refresh_open(self) -> None:
        """`r`: the open article, fetched again."""
        article = self.screen.article
        if article is None or article.origin is None:
            self._say("This article was not read from the web: nothing to fetch again")
            return
        from ...web.threads import story_thread

        # A front page's story: its thread; any other article: its URL again
        # (a feed's item: the feed, of which it takes its own new version).
        story = story_thread(article)
        job = (
            FetchJob("refresh", article.origin, article.id)
            if story is None
            else FetchJob("story", story, article.id)
        )
        if self.fetches.add(job, first=True):
            self._show_progress()

    def refresh_by_itself(self) -> None:
        """The config's interval is up: `R`, saying only what arrived."""
        self.refresh_all(quiet=True)

    def refresh_all(self, quiet: bool = False) -> None:
        """`R`: every article read from the web, each URL once (a front page's
        stories by the page, those whose thread was opened by their thread);
        once done, how many comments arrived is said (`quiet`: only when some did)."""
        origins = [article.origin for article in self.screen.store if article.origin]
        urls = dict.fromkeys([*self._front_pages, *origins])
        added = sum(self.fetches.add(FetchJob("refresh", url)) for url in urls)
        if added:
            self._arrived, self._quiet = 0, quiet
            self._show_progress()
        elif not urls and not quiet:
            self._say("Nothing here was read from the web")

    def load_finished(self) -> None:
        """Everything named is loaded: what was read from the cache first (the
        subscriptions) is fetched again now, in the background, and from now
        on everything at the config's interval."""
        web = self.web
        if web is not None and web.cached_first:
            web.cached_first = False
            if not web.offline:
                self.refresh_all(quiet=True)
        if self._refresh_minutes and self.offered:
            self.screen.set_interval(self._refresh_minutes * 60, self.refresh_by_itself)

    def shown(self, article: Article) -> None:
        """`article` is shown: a story without its thread has it fetched,
        ahead of the rest; stories shown before and not fetched yet leave the queue."""
        from ...web.threads import story_thread

        url = story_thread(article) if self.web is not None else None
        self._wanted_story = article.id if url is not None else None
        dropped = self.fetches.drop(
            lambda job: job.kind != "story" or job.article_id == self._wanted_story
        )
        if url is not None:
            self.fetches.add(FetchJob("story", url, article.id), first=True)
        if url is not None or dropped:
            self._show_progress()

    def loaded(self, articles: list[Article]) -> None:
        """Articles were added to the list: the first few stories of each
        front page have their threads fetched ahead."""
        if self.web is None:
            return
        from ...web.threads import story_thread

        counts: dict[str, int] = {}
        for article in articles:
            url = story_thread(article)
            # A feed's items only as shown: subscriptions are many feeds.
            if url is None or article.origin is None or article.format == "feed":
                continue
            self._front_pages[article.origin] = None
            counts[article.origin] = counts.get(article.origin, 0) + 1
            if counts[article.origin] <= PREFETCH:
                self.fetches.add(FetchJob("prefetch", url, article.id))
        if counts:
            self._show_progress()

    def expand(self, index: int, stub: Comment) -> None:
        """Fetch the comments of the `more` stub at `index` of the open thread."""
        article = self.screen.article
        if article is None or self.web is None or article.origin is None:
            self._say("Only a thread read by its URL can fetch its stubs' comments")
            return
        if article.format != "reddit":
            self._say("This stub's replies are not in the thread the site gives")
            return
        if any(job.kind == "expand" for job in self.fetches.jobs()):
            self._say("Fetching a stub's comments already: one at a time")
            return
        self.fetches.add(FetchJob("expand", article.origin, article.id, (index, stub)))
        self._say("Fetching the stub's comments…")
        self._show_progress()

    def close(self) -> None:
        self.fetches.close()

    # In the fetch threads ---------------------------------------------------------

    def _work(self, job: FetchJob) -> Fetched:
        web = self.web
        assert web is not None
        state = self.screen.state
        if job.kind == "expand":
            from ...web.session import WebSession

            article = self.screen.store.article(job.article_id)  # type: ignore[arg-type]
            web.expand(article, job.detail[1])
            # Read again from the cache, which puts the stub's comments in its place.
            kept = WebSession(web.network, offline=True)
            try:
                return fetch_prepared(kept, job.url, state)
            finally:
                kept.close()
        return fetch_prepared(web, job.url, state)

    # On the UI thread -----------------------------------------------------------

    def done(self, job: FetchJob, result: Fetched | LoadError) -> None:
        """A fetch is done: its articles in their places, or its error said."""
        screen = self.screen
        if isinstance(result, LoadError):
            self.load_errors.append(result)
            self._say(str(result), "error")
        else:
            # A stub's thread is read again from the cache: nothing to say of it.
            for warning in result.warnings if job.kind != "expand" else ():
                screen.files.warnings.append(warning)
                self._say(warning, "warning")
            self._apply(job, result)
        self._show_progress()
        done = not self.fetches.active and job.kind == "refresh" and job.article_id is None
        if done and (self._arrived or not self._quiet):
            noun = "comment" if self._arrived == 1 else "comments"
            self._say(f"Refreshed: {self._arrived} new {noun}")

    def _apply(self, job: FetchJob, fetched: Fetched) -> None:
        store = self.screen.store
        if job.article_id is not None:
            if job.article_id not in store:
                return
            prepared = _version_of(store.article(job.article_id), fetched.articles)
            if prepared is None:
                return
            if job.kind in ("story", "prefetch"):
                # Its thread now: `r` fetches that.
                prepared.article.origin = fetched.url
            arrived = self._replace(job.article_id, prepared, job)
            if job.kind == "refresh":
                noun = "comment" if arrived == 1 else "comments"
                self._say(f"{arrived} new {noun}")
            return
        # A whole URL's articles: each in the place of the one it is again
        # (by its source's id), the others added at the end of the list.
        by_source = {_identity(article): article for article in store if article.origin}
        # A feed's item whose discussion was fetched is its page's article now.
        by_url = {article.url: article for article in store if article.feed and article.url}
        added: list[tuple[Article, int]] = []
        for prepared in fetched.articles:
            article = prepared.article
            known = by_source.get(_identity(article)) or by_url.get(article.url or "")
            if known is None:
                store.register(prepared)
                added.append((article, store.comment_count(article.id)))
            elif known.origin == fetched.url:
                self._arrived += self._replace(known.id, prepared, job)
            # else: a story whose thread was opened since: its thread stays.
        if added:
            self.screen.query_one("#articles", ArticleList).add_articles(added)
            self.loaded([article for article, _ in added])

    def _replace(self, article_id: str, prepared: PreparedArticle, job: FetchJob) -> int:
        """`prepared` in the place of the article `article_id`: the marks it
        had follow its comments (those that arrived are new; a stub's, unread),
        and where it is open, the reader stays where they were. How many
        comments arrived."""
        screen = self.screen
        store = screen.store
        prepared.article.focus = None  # the URL's comment was gone to when it first opened
        # A feed's item whose discussion was fetched stays its feed's.
        prepared.article.feed = prepared.article.feed or store.article(article_id).feed
        earlier = store.state(article_id)
        arrived = 0
        # A story's thread is its first version: its comments are as the state says.
        if earlier is not None and prepared.state is not None and job.kind in REFETCHES:
            arrived = prepared.state.follow(earlier, UNREAD if job.kind == "expand" else NEW)
        is_open = screen.article is not None and screen.article.id == article_id
        if not is_open:
            article = store.replace(article_id, prepared)
            screen.query_one("#articles", ArticleList).replace_entry(
                article, store.comment_count(article_id)
            )
            return arrived
        view = screen.query_one(ThreadView)
        body = screen.query_one(ArticleBody)
        place, body_scroll = view.place(), body.scroll_target
        before = comment_identities(screen.thread, screen.reading.article)
        article = store.replace(article_id, prepared)
        screen.query_one("#articles", ArticleList).replace_entry(
            article, store.comment_count(article_id)
        )
        screen.open_article(article_id)
        after = comment_identities(screen.thread, screen.reading.article)
        cursor, collapsed = place_in(after, before, place)
        if job.kind == "expand" and cursor < 0:
            # The stub under the cursor: its first comment is where it stood.
            cursor = job.detail[0]
        view.restore_place(cursor, collapsed, place.cursor_row)
        body.restore_scroll(body_scroll)
        screen.query_one("#thread-pane").show_counts()  # type: ignore[attr-defined]
        return arrived

    def _show_progress(self) -> None:
        fetches = self.fetches
        pane = self.screen.query_one(ArticlesPane)
        pane.show_fetching(f"fetching {fetches.done}/{fetches.total}" if fetches.active else None)

    def _say(self, message: str, severity: str = "information") -> None:
        self.screen.notify(message, severity=severity, timeout=NOTIFY_SECONDS, markup=False)  # type: ignore[arg-type]


def _identity(article: Article) -> tuple[str, str]:
    """What tells an article of a URL from the others it gives: its source's
    id, else its URL, else its title (a feed's item without a guid)."""
    return article.format, article.source_id or article.url or article.title


def _version_of(article: Article, fetched: list[PreparedArticle]) -> PreparedArticle | None:
    """The new version of `article` among what its URL gave: the one of the
    same identity, or the one article the URL gave (a story's thread)."""
    identity = _identity(article)
    found = next((new for new in fetched if _identity(new.article) == identity), None)
    if found is None and len(fetched) == 1:
        return fetched[0]
    return found
