"""A web page read as an article: reader's page bundle, which `reader.web`
builds from a page it has no API for (and keeps in its cache):

    {"reader_page": {"url", "title", "author", "published", "site",
                     "html": the main text as the extraction gave it,
                     "feeds": [the page's feed URLs],
                     "comment_feed": the post's comment feed (RSS/Atom) or null,
                     "comments_note": where the comments came from, or null}}

The main text's HTML becomes reader's blocks; the comment feed's items become
the comments, flat and oldest first (a feed says nothing of who answered
whom, which `comments_note` says in the thread header).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ...model import Article
from ...text import HEADING, PARAGRAPH
from ..sample import Sample
from ..text.html import html_to_text
from ..values import list_of, text_of
from .items import feed_comments


def sniff(sample: Sample) -> bool:
    data = sample.json if sample.is_json else None
    return isinstance(data, dict) and isinstance(data.get("reader_page"), dict)


def parse(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    page: dict[str, Any] = sample.json["reader_page"]
    url = text_of(page.get("url"))
    html = text_of(page.get("html"))
    body, blocks = html_to_text(html, base=url) if html else ([], None)
    title = text_of(page.get("title"))
    if blocks and blocks[0].kind == HEADING and body[0] == title:
        # The page's own heading: the article shows its title already.
        body, blocks = body[1:], blocks[1:]
        if all(block.kind == PARAGRAPH and not block.has_spans for block in blocks):
            blocks = None
    author = text_of(page.get("author"))
    comment_feed = text_of(page.get("comment_feed"))
    host = urlsplit(url).hostname if url else None
    return [
        Article(
            title=title or url or "(untitled page)",
            author=author,
            byline=f"By {author}" if author else None,
            source=text_of(page.get("site")) or host,
            published=text_of(page.get("published")),
            url=url,
            body=body,
            body_blocks=blocks,
            comments=feed_comments(comment_feed.encode()) if comment_feed else [],
            source_id=url,
            partial=not body,
            feeds=tuple(feed for feed in list_of(page.get("feeds")) if isinstance(feed, str)),
            comments_note=text_of(page.get("comments_note")),
            format="page",
        )
    ]
