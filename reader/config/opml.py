"""Subscriptions in OPML, the file feed readers exchange them in (newsboat's
`newsboat -e`, and every other reader's export).

Each `<outline>` with an `xmlUrl` is a feed; folders (outlines holding
outlines) are walked to any depth, and a feed listed twice is taken once. An
export is an OPML 2.0 file of the config's URLs, one outline each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ..errors import LoadError
from ..locations import is_url

SUFFIX = ".opml"
# Larger than any list of subscriptions; an OPML file is read whole.
MAX_BYTES = 16 * 1024 * 1024


class Subscription(NamedTuple):
    url: str
    title: str


def is_opml_name(name: str) -> bool:
    return name.lower().endswith(SUFFIX)


def read_opml(path: Path) -> list[Subscription]:
    """The feeds an OPML file lists (LoadError naming the file, and the line
    where the XML is broken)."""
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise LoadError(path, reason[:1].lower() + reason[1:]) from None
    if len(data) > MAX_BYTES:
        raise LoadError(path, f"over the {MAX_BYTES // (1024 * 1024)} MB limit for an OPML file")
    return parse_opml(data, path)


def parse_opml(data: bytes, path: Path) -> list[Subscription]:
    # An entity declaration has no place in OPML: refused before parsing, so
    # that no entity can expand (expat expands internal ones).
    if b"<!ENTITY" in data:
        raise LoadError(path, "not an OPML file: it declares entities")
    # Here: the config is read at every start-up, an OPML file seldom.
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        line = error.position[0] if error.position else None
        reason = re.sub(r": line \d+, column \d+$", "", str(error))
        raise LoadError(path, f"not an OPML file: {reason}", line) from None
    if root.tag != "opml":
        raise LoadError(path, f"not an OPML file: its root is <{root.tag}>, not <opml>")
    found: dict[str, Subscription] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and is_url(url) and url not in found:
            title = outline.get("title") or outline.get("text") or ""
            found[url] = Subscription(url, " ".join(title.split()))
    return list(found.values())


def write_opml(subscriptions: Iterable[Subscription], title: str = "reader subscriptions") -> str:
    """An OPML 2.0 file listing `subscriptions`."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_escape(title)}</title></head>",
        "  <body>",
    ]
    for subscription in subscriptions:
        text = _escape(subscription.title or subscription.url)
        lines.append(
            f'    <outline type="rss" text="{text}" xmlUrl="{_escape(subscription.url)}"/>'
        )
    lines += ["  </body>", "</opml>"]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    """Text for an XML attribute or element (not `xml.sax.saxutils`, which
    imports `urllib.request`, and through it mail parsing)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
