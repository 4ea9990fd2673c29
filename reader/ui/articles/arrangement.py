"""Which loaded articles the article list shows, and in which order: all in
load order; or sorted by time (newest first), activity (the latest comment
first) or comment count (most first); or grouped by feed (each feed's items
together, newest first, the feeds in the order they loaded); or only those
with new or unread comments (mutt's limit); a search's narrowing on top of
it. Pure: the list asks it for its rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...model import Article, Thread
from ...times import parse_time

LOADED, TIME, ACTIVITY, COMMENTS, FEED = "loaded", "time", "activity", "comments", "feed"
ORDERS = (LOADED, TIME, ACTIVITY, COMMENTS, FEED)
SAID = {
    LOADED: "in load order",
    TIME: "newest first",
    ACTIVITY: "latest comment first",
    COMMENTS: "most comments first",
    FEED: "by feed, newest first",
}

# A row of the list: where the article is among those loaded, and how many of
# its comments a search matches (None: no search).
Row = tuple[int, int | None]


class Arrangement:
    """The list's order and limit, and what each article sorts by (worked out
    once an article, from its thread)."""

    def __init__(self) -> None:
        self.order = LOADED
        self.limited = False
        self._latest: dict[str, float] = {}

    @property
    def plain(self) -> bool:
        """Every article, in load order: nothing to arrange."""
        return self.order == LOADED and not self.limited

    def next_order(self) -> str:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        return self.order

    def rows(
        self,
        entries: Sequence[tuple[Article, int]],
        found: list[Row] | None,
        wanted: Callable[[Article], bool],
        thread: Callable[[str], Thread],
    ) -> list[Row]:
        """The rows to show: `found` (a search's) or every entry, those
        `wanted` while limited, in the order chosen."""
        rows = (
            found if found is not None else [(position, None) for position in range(len(entries))]
        )
        if self.limited:
            rows = [row for row in rows if wanted(entries[row[0]][0])]
        if self.order == TIME:
            rows = sorted(
                rows, key=lambda row: _newest_first(_seconds(entries[row[0]][0].published))
            )
        elif self.order == ACTIVITY:
            rows = sorted(
                rows, key=lambda row: _newest_first(self._latest_of(entries[row[0]][0], thread))
            )
        elif self.order == COMMENTS:
            rows = sorted(rows, key=lambda row: -entries[row[0]][1])
        elif self.order == FEED:
            rows = _by_feed(rows, entries)
        return rows

    def _latest_of(self, article: Article, thread: Callable[[str], Thread]) -> float | None:
        """When the article's latest comment was posted (else the article)."""
        latest = self._latest.get(article.id)
        if latest is None:
            times = [_seconds(comment.posted) for comment in thread(article.id).comments]
            known = [when for when in times if when is not None]
            latest = max(known) if known else (_seconds(article.published) or 0.0)
            self._latest[article.id] = latest
        return latest or None


def _by_feed(rows: list[Row], entries: Sequence[tuple[Article, int]]) -> list[Row]:
    """Each feed's articles together (an article of no feed: its source's),
    the feeds in the order their first article loaded, each newest first."""
    first: dict[str | None, int] = {}
    for position, _ in rows:
        first.setdefault(feed_of(entries[position][0]), position)

    def key(row: Row) -> tuple[int, tuple[bool, float]]:
        article = entries[row[0]][0]
        return first[feed_of(article)], _newest_first(_seconds(article.published))

    return sorted(rows, key=key)


def feed_of(article: Article) -> str | None:
    """What the article is grouped under: its feed, else its source."""
    return article.feed or article.source


def _seconds(posted: str | None) -> float | None:
    when = parse_time(posted) if posted else None
    return when.timestamp() if when is not None else None


def _newest_first(seconds: float | None) -> tuple[bool, float]:
    """A sort key: the latest first, the undated last."""
    return (seconds is None, -(seconds or 0.0))
