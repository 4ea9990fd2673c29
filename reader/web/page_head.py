"""What a web page's head says about it, read without parsing the page: its
`<link>`s (feeds, the WordPress API) and `<meta>`s (generator, site name)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import urljoin

FEED_TYPES = ("application/rss+xml", "application/atom+xml")
WORDPRESS_API_REL = "https://api.w.org/"
# The head is near the top; no need to read a long page to its end.
_HEAD_CHARACTERS = 256 * 1024
_END_OF_HEAD = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)


class Feed(NamedTuple):
    url: str
    title: str


class PageHead(NamedTuple):
    feeds: list[Feed]  # `<link rel="alternate">` of a feed type, in page order
    links: dict[str, str]  # other `<link rel>`s: rel -> absolute href (the first)
    meta: dict[str, str]  # `<meta name|property>` -> content (the first)

    @property
    def generator(self) -> str:
        return self.meta.get("generator", "")

    @property
    def site_name(self) -> str | None:
        return self.meta.get("og:site_name") or self.meta.get("application-name") or None


def read_head(page: str, base: str) -> PageHead:
    """The head of HTML `page`, its links resolved against `base`."""
    end = _END_OF_HEAD.search(page, 0, _HEAD_CHARACTERS)
    parser = _HeadParser(base)
    parser.feed(page[: end.start() if end else _HEAD_CHARACTERS])
    parser.close()
    return PageHead(parser.feeds, parser.links, parser.meta)


class _HeadParser(HTMLParser):
    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.feeds: list[Feed] = []
        self.links: dict[str, str] = {}
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: (value or "").strip() for name, value in attrs}
        if tag == "link" and found.get("href"):
            href = urljoin(self.base, found["href"])
            rels = found.get("rel", "").lower().split()
            is_feed = "alternate" in rels and found.get("type", "").lower() in FEED_TYPES
            if is_feed and all(feed.url != href for feed in self.feeds):
                self.feeds.append(Feed(href, " ".join(found.get("title", "").split())))
            for rel in rels:
                self.links.setdefault(rel, href)
        elif tag == "meta":
            name = (found.get("name") or found.get("property") or "").lower()
            if name and found.get("content"):
                self.meta.setdefault(name, found["content"])
        elif tag == "base" and found.get("href"):
            self.base = urljoin(self.base, found["href"])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
