"""What the main screen fetches from the web, as the one object it holds for
it: what was read from the web fetched again, a front page's stories and a
Reddit stub's comments (`WebUpdates`: `r`, `R`, the config's interval), and
what the reader asks for as they read (`PageFetches`: an article's whole
text, a page's feeds). Each is made, its module imported, when first needed:
the files named on the command line need neither for their first frame.
Both fetch through a `Fetches` queue of their own, whose results come back
to the screen as `FetchDone` messages (see `fetches`).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from ...errors import LoadError
from ...model import Article
from .page_settings import PageSettings, wants_page

if TYPE_CHECKING:
    from ...web.session import WebSession
    from .page_fetches import PageFetches
    from .web_updates import WebUpdates


class WebReading:
    """The fetching `screen` (the main screen) does from the web."""

    def __init__(
        self,
        screen: Any,
        web: WebSession | None,
        load_errors: list[LoadError],
        refresh_minutes: float,
        settings: PageSettings,
    ) -> None:
        """`web` is the load's session (None: no URL was named); `load_errors`
        the load log, where a fetch that fails is told; `refresh_minutes`: how
        often everything is fetched again (0: never); `settings`: what a page
        is fetched by."""
        self._screen = screen
        self._web = web
        self._load_errors = load_errors
        self._refresh_minutes = refresh_minutes
        self._settings = settings

    @property
    def offered(self) -> bool:
        """Whether what was read can be fetched again (a URL was named)."""
        return self._web is not None

    @cached_property
    def updates(self) -> WebUpdates:
        """Refreshes, a front page's stories, a stub's comments."""
        from .web_updates import WebUpdates

        return WebUpdates(self._screen, self._web, self._load_errors, self._refresh_minutes)

    @cached_property
    def pages(self) -> PageFetches:
        """An article's whole text and a page's feeds."""
        from .page_fetches import PageFetches

        return PageFetches(self._screen, self._screen, self._web, self._settings)

    @property
    def busy(self) -> bool:
        """Whether anything is being fetched, or its result not shown yet."""
        return any(made.fetches.active for made in self._made())

    def loaded(self, articles: list[Article]) -> None:
        """Articles were added to the list (a front page's: fetched ahead)."""
        if self.offered:
            self.updates.loaded(articles)

    def load_finished(self) -> None:
        """Every file and URL named is loaded (refreshes start)."""
        if self.offered:
            self.updates.load_finished()

    def shown(self, article: Article) -> None:
        """`article` is shown: its thread, if a story's, and its page, if
        it wants one (see `WebUpdates.shown`, `PageFetches.opened`)."""
        if self.offered:
            self.updates.shown(article)
        if wants_page(article):
            self.pages.opened(article)

    def close(self) -> None:
        """The screen is going: nothing more is fetched or shown."""
        for made in self._made():
            made.close()

    def _made(self) -> list[WebUpdates | PageFetches]:
        """The parts made so far (a `cached_property` is in the instance's dict once made)."""
        return [vars(self)[name] for name in ("updates", "pages") if name in vars(self)]
