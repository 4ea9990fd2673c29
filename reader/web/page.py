"""Any other URL: what it opens is decided by what it returns.

- A feed (RSS, Atom: told by its content) opens as its list of articles,
  with those it has dropped since it was last fetched (`feed_archive`).
- A WordPress post (the page names the site's REST API) opens as the post
  with its threaded comments (`wordpress`); a Discourse topic (the page's
  generator, a `/t/SLUG/ID` URL) as the topic with every post (`discourse`).
- Any other HTML page opens as one article, its main text extracted
  (`extract`), its feeds listed, and its comments from the post's comment
  feed when it has one (a blog whose API is off): flat, in time order.

A source that answers badly (its API switched off, 401/403, HTML where JSON
was expected) falls back to the next one, and which was used is said: in the
warnings, and in the article (`comments_note`).

The document built is kept whole under the URL (`#reader` added), the page's
own response not at all: offline, or when the page cannot be fetched, the
document last built is read.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple
from urllib.parse import urldefrag

from ..errors import LoadError
from ..formats.feed.items import looks_like_feed
from . import discourse, feed_archive, wordpress
from .document import Document
from .fetcher import OFFLINE, Fetcher
from .page_head import PageHead, read_head
from .request import FetchError, NotCached, Response

KEPT = "#reader"
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|title)[\s>]", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


class WebPage(NamedTuple):
    """A URL of no service reader knows."""

    url: str

    def fetch(self, fetcher: Fetcher) -> Document:
        url = urldefrag(self.url).url
        key = url + KEPT
        if fetcher.offline:
            copy = fetcher.kept(key, OFFLINE)
            if copy is None:
                raise NotCached(self.url, "offline, and not in the cache")
            return Document(copy)
        try:
            response = fetcher.request(url)
        except FetchError as error:
            copy = fetcher.kept(key, error.reason)
            if copy is None:
                raise
            return Document(copy)
        if looks_like_feed(response.body):
            return Document(
                fetcher.keep(key, self._kept_feed(fetcher, key, response.body), ".json")
            )
        if not _HTML.search(response.body[:4096]):
            kind = response.content_type.split(";")[0].strip() or "unknown"
            raise FetchError(self.url, f"neither a feed nor a web page (content type {kind})")
        page = decode(response)
        head = read_head(page, response.url)
        notes: list[str] = []
        root = wordpress.api_root(response.headers, head)
        if root is not None:
            try:
                bundle = wordpress.fetch_bundle(fetcher, root, response.url, head.site_name)
                return Document(fetcher.keep(key, bundle, ".json"))
            except LoadError as error:
                notes.append(f"the WordPress REST API: {_reason(error)}")
        topic = discourse.topic_of(response.url)
        if topic is not None and discourse.is_discourse(head.generator):
            try:
                document, focus = discourse.fetch_topic(fetcher, topic, head.site_name)
                return Document(fetcher.keep(key, document, ".json"), focus)
            except LoadError as error:
                notes.append(f"the Discourse API: {_reason(error)}")
        bundle = _page_bundle(fetcher, page, response.url, head, notes)
        said = tuple(f"{self.url}: {note}" for note in notes)
        return Document(fetcher.keep(key, bundle, ".json"), notes=said)

    def _kept_feed(self, fetcher: Fetcher, key: str, fresh: bytes) -> bytes:
        """The feed with the items it dropped since the copy kept."""
        kept = fetcher.cache.lookup(key)
        try:
            previous = kept.path.read_bytes() if kept is not None else None
        except OSError:
            previous = None
        return feed_archive.merge(previous, fresh, fetcher.now(), fetcher.keep_days)


def decode(response: Response) -> str:
    """The page's text: in the charset its header or its `<meta>` names, else UTF-8."""
    charset = None
    for part in response.content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"')
    if charset is None:
        found = _CHARSET.search(response.body[:4096])
        charset = found.group(1).decode("ascii") if found else "utf-8"
    try:
        return response.body.decode(charset, errors="replace")
    except LookupError:
        return response.body.decode("utf-8", errors="replace")


def _page_bundle(fetcher: Fetcher, page: str, url: str, head: PageHead, notes: list[str]) -> bytes:
    """The page's article as reader's page bundle (`reader.formats.feed.page`)."""
    from .extract import extract

    extracted = extract(page, url)
    comment_feed = _comment_feed(head, url)
    comments_xml = None
    note = None
    if comment_feed is not None:
        try:
            response = fetcher.request(comment_feed)
            if not looks_like_feed(response.body):
                raise FetchError(comment_feed, "not a feed")
            comments_xml = decode(response)
            note = "comments from the post's comment feed: flat, in time order"
            if notes:
                note += f" ({'; '.join(notes)})"
        except LoadError as error:
            notes.append(f"the post's comment feed: {_reason(error)}")
    if notes and note is None:
        note = f"no comments read ({'; '.join(notes)})"
    bundle = {
        "reader_page": {
            "url": extracted.url or url,
            "title": extracted.title,
            "author": extracted.author,
            "published": extracted.published,
            "site": extracted.site or head.site_name,
            "html": extracted.html,
            "feeds": [feed.url for feed in head.feeds if feed.url != comment_feed],
            "comment_feed": comments_xml,
            "comments_note": note,
        }
    }
    return json.dumps(bundle).encode()


def _comment_feed(head: PageHead, url: str) -> str | None:
    """The post's own comment feed: WordPress lists it beside the site's as
    `POST-URL/feed/` (the site's comment feed, `SITE/comments/feed/`, is not
    the post's)."""
    post = url.rstrip("/") + "/"
    return next(
        (feed.url for feed in head.feeds if feed.url.startswith(post) and feed.url != post), None
    )


def _reason(error: LoadError) -> str:
    """What failed: the request's URL and why."""
    return str(error)
