"""RSS 0.9x, 1.0 and 2.0 and Atom feeds: a feed is a list of articles, one
an item, read by `feedparser` from the bytes (never given a URL: reader's
client fetches).

An item's article: its title, author (else the feed's), time (`published`,
else `updated`, as UTC ISO 8601), site (the feed's title), link and id
(`guid`, Atom `id`, else the link). Its body is the full text where the feed
has one (`content:encoded`, Atom `content`), else the summary
(`description`, Atom `summary`): then the article is marked `partial`, and
its page's text can replace it. HTML becomes reader's own blocks (scripts and
styles dropped, relative links resolved against the item's page).
`slash:comments` is the comment count it claims.

A feed is told by its content: the root element (`rss`, `feed`, `rdf:RDF`)
after the XML declaration, comments and doctype.
"""

from __future__ import annotations

import calendar
import re
import time
from typing import Any

from ...errors import LoadError
from ...model import Article, Comment
from ..sample import Sample
from ..text.html import html_to_text
from ..values import int_of

_ROOT = re.compile(
    rb"(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:rss|feed|(?:[A-Za-z_][\w.-]*:)?RDF)[\s>]",
    re.DOTALL,
)
_HEAD = 2048
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def sniff(sample: Sample) -> bool:
    """Whether the file starts like a feed (its root element)."""
    return not sample.is_dir and looks_like_feed(sample.head(_HEAD))


def looks_like_feed(data: bytes) -> bool:
    """Whether `data` starts like a feed: its root element, after the XML
    declaration, comments and doctype."""
    return _ROOT.match(data[:_HEAD].removeprefix(b"\xef\xbb\xbf")) is not None


def parse(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    parsed = _parsed_feed(sample.data or b"")
    feed: dict[str, Any] = parsed.get("feed") or {}
    entries = parsed.get("entries") or []
    if not entries and not feed.get("title"):
        reason = parsed.get("bozo_exception")
        raise LoadError(sample.path, f"not a feed: {_first_line(reason) or 'no items'}")
    site = _plain(feed.get("title"), feed.get("title_detail")) or None
    feed_author = _author(feed)
    home = _string(feed.get("link")) or None
    listed_in = str(sample.path)
    return [_article(entry, site, feed_author, home, listed_in) for entry in entries]


def _article(
    entry: dict[str, Any],
    site: str | None,
    feed_author: str | None,
    home: str | None,
    listed_in: str,
) -> Article:
    link = _string(entry.get("link"))
    # Links the feed left relative (no xml:base) are relative to the item's page.
    body_html, partial = _body(entry, link or home)
    if body_html is None:
        body, blocks = [], None
    else:
        body, blocks = body_html
    author = _author(entry) or feed_author
    title = _plain(entry.get("title"), entry.get("title_detail"))
    return Article(
        title=title or (body[0][:80] if body else "") or "(untitled item)",
        author=author,
        byline=f"By {author}" if author else None,
        source=site,
        published=_time(entry),
        url=link,
        body=body,
        body_blocks=blocks,
        source_id=_string(entry.get("id")) or link or title or None,
        comment_count=_count(entry.get("slash_comments")),
        partial=partial,
        feed=listed_in,
        format="feed",
    )


def _body(entry: dict[str, Any], base: str | None) -> tuple[tuple[list[str], Any] | None, bool]:
    """The item's text and whether it is only the summary (or nothing)."""
    contents = [c for c in entry.get("content") or [] if isinstance(c, dict) and c.get("value")]
    # The HTML one of several (Atom allows a text and an HTML content).
    contents.sort(key=lambda c: c.get("type") not in _HTML_TYPES)
    if contents:
        return _text(contents[0]["value"], contents[0].get("type"), base), False
    summary = entry.get("summary")
    if isinstance(summary, str) and summary.strip():
        detail = entry.get("summary_detail") or {}
        return _text(summary, detail.get("type"), base), True
    return None, True


def _text(value: str, kind: object, base: str | None) -> tuple[list[str], Any]:
    if kind in _HTML_TYPES or (kind is None and "<" in value):
        return html_to_text(value, base=base)
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", value)]
    return [part for part in paragraphs if part], None


def _plain(value: object, detail: object) -> str:
    """A title as one line of text (an HTML title's markup dropped)."""
    if not isinstance(value, str):
        return ""
    if isinstance(detail, dict) and detail.get("type") in _HTML_TYPES and "<" in value:
        strings, _ = html_to_text(value)
        value = " ".join(strings)
    return " ".join(value.split())


def _author(item: dict[str, Any]) -> str | None:
    detail = item.get("author_detail")
    if isinstance(detail, dict) and _string(detail.get("name")):
        return _string(detail.get("name"))
    return _string(item.get("author")) or None


def _time(entry: dict[str, Any]) -> str | None:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            seconds = calendar.timegm(parsed)
            return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(seconds))
        if _string(entry.get(key)):
            return _string(entry.get(key))
    return None


def _count(value: object) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return int_of(value)


def _string(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _first_line(error: object) -> str:
    text = str(error or "").strip()
    return text.splitlines()[0] if text else ""


def parse_kept(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    """reader's feed bundle: the feed as last fetched (`xml`) and the items it
    has dropped since, kept for a while (`kept`: records of `item_records`)."""
    bundle: dict[str, Any] = sample.json["reader_feed"]
    xml = bundle.get("xml")
    articles = parse(Sample(sample.path, xml.encode()), warnings) if isinstance(xml, str) else []
    parsed = _parsed_feed(xml.encode()) if isinstance(xml, str) else {}
    feed: dict[str, Any] = parsed.get("feed") or {}
    site = _plain(feed.get("title"), feed.get("title_detail")) or None
    home = _string(feed.get("link")) or None
    kept = [record for record in bundle.get("kept") or [] if isinstance(record, dict)]
    listed_in = str(sample.path)
    return articles + [_article(record, site, _author(feed), home, listed_in) for record in kept]


def sniff_kept(sample: Sample) -> bool:
    data = sample.json if sample.is_json else None
    return isinstance(data, dict) and isinstance(data.get("reader_feed"), dict)


def item_records(data: bytes) -> list[dict[str, Any]]:
    """A feed's items as plain JSON data, each with what an article is made
    of (its time as ISO 8601), to keep once the feed has dropped it."""
    records = []
    for entry in _parsed_feed(data).get("entries") or []:
        record: dict[str, Any] = {
            key: entry[key]
            for key in ("id", "link", "title", "author", "summary", "slash_comments")
            if isinstance(entry.get(key), str)
        }
        for key in ("title_detail", "summary_detail", "author_detail"):
            detail = entry.get(key)
            if isinstance(detail, dict):
                record[key] = {k: v for k, v in detail.items() if isinstance(v, str)}
        record["content"] = [
            {"type": c.get("type"), "value": c.get("value")}
            for c in entry.get("content") or []
            if isinstance(c, dict) and isinstance(c.get("value"), str)
        ]
        published = _time(entry)
        if published is not None:
            record["published"] = published
        records.append(record)
    return records


def record_key(record: dict[str, Any]) -> str:
    """What tells one item from another: its id, else its link, else its title."""
    return _string(record.get("id")) or _string(record.get("link")) or _string(record.get("title"))


def _parsed_feed(data: bytes) -> Any:
    import feedparser  # here: only a feed needs it

    # Neither feedparser's sanitiser nor its link resolver: nothing is rendered
    # as HTML (the converter keeps words and a few tags, never scripts or
    # styles) and links are resolved against the item's page as the blocks
    # are built; the two would treble the time a feed takes.
    return feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)


def feed_comments(data: bytes) -> list[Comment]:
    """A comment feed's items (a blog post's `wfw:commentRss`) as comments:
    flat, oldest first (the feed says nothing of who replied to whom)."""
    parsed = _parsed_feed(data)
    comments = []
    for entry in parsed.get("entries") or []:
        link = _string(entry.get("link")) or None
        found, _ = _body(entry, link)
        text, blocks = found if found is not None else ([], None)
        comments.append(
            Comment(
                author=_author(entry),
                posted=_time(entry),
                text=text,
                blocks=blocks,
                source_id=_string(entry.get("id")) or link,
            )
        )
    # ISO times in UTC sort as text; an item without a time keeps its place at the end.
    comments.sort(key=lambda comment: (comment.posted is None, comment.posted or ""))
    return comments
