"""The main text of a web page, and what the page says about it: the one
module that knows the extraction library (trafilatura, chosen by measurement:
see `tests/bench_extraction.py` and the README).

The library gives the article's text as simple HTML (paragraphs, headings,
lists, quotes, code, tables, links; not images: see below), which the page reader turns into
reader's own blocks like any other HTML; and the page's title, author, date
and site name from its metadata (`<meta>`, JSON-LD, bylines), which it
writes as `<meta name=... content=...>` in the HTML's head. Nothing here
renders the page or runs its scripts.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import NamedTuple


class Extracted(NamedTuple):
    """A page's main text as HTML, and its metadata (None where the page says nothing)."""

    html: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # as the page gives it: 2024-06-01
    site: str | None = None
    url: str | None = None  # the page's own (canonical) URL


def extract(page: str, url: str | None = None) -> Extracted:
    """The main text of the HTML `page` (empty when none is found) and its metadata."""
    # Imported here: the library and its dependencies take some 0.3 s to
    # import, paid only by reading a page.
    import trafilatura

    found = trafilatura.extract(
        page,
        url=url,
        output_format="html",
        with_metadata=True,
        include_comments=False,
        include_links=True,
        include_formatting=True,
        include_tables=True,
        # Measured on real pages (tests/bench_extraction.py): images bring
        # captions and credits the article's text has not (F1 0.958 -> 0.939),
        # and favouring precision keeps out more of the page around the text.
        include_images=False,
        favor_precision=True,
    )
    if not found:
        return Extracted("")
    head, _, body = found.partition("</head>")
    if not body:
        head, body = "", found
    meta = _Metadata()
    meta.feed(head)
    meta.close()
    return Extracted(
        body,
        meta.values.get("title"),
        meta.values.get("author"),
        meta.values.get("date"),
        meta.values.get("sitename"),
        meta.values.get("url"),
    )


class _Metadata(HTMLParser):
    """The `<meta name=... content=...>` the library writes in the head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        found = dict(attrs)
        name, content = found.get("name"), (found.get("content") or "").strip()
        if name and content:
            self.values.setdefault(name, content)
