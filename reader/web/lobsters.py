"""Lobsters stories by URL: `https://lobste.rs/s/ID[/slug]`, and a comment's
link (`#c_COMMENT`: the cursor on it).

One request: `GET https://lobste.rs/s/ID.json` (the story and its comments,
flat, each naming its parent), kept as it came and read by the Lobsters
format reader.

Pages of stories (`/`, `/hottest`, `/newest`, `/active`, `/t/TAG`) list them
without comments: `GET https://lobste.rs/PAGE.json` (`/` is `/hottest`).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple
from urllib.parse import SplitResult

from .document import Document
from .fetcher import Fetcher

SITE = "https://lobste.rs"
HOSTS = frozenset(["lobste.rs", "www.lobste.rs"])
_STORY = re.compile(r"^/s/(?P<story>[a-z0-9]{1,10})(?:/[^/]*)?/?$")
_COMMENT_ANCHOR = re.compile(r"^c_(?P<comment>[a-z0-9]{1,10})$")
_PAGE = re.compile(r"^/(?:(?P<list>hottest|newest|active)|t/(?P<tag>[A-Za-z0-9_+-]+))?/?$")


class LobstersStory(NamedTuple):
    """A story, and the comment its URL names (short ids)."""

    short_id: str
    comment_id: str | None = None

    def fetch(self, fetcher: Fetcher) -> Document:
        story, copy = fetcher.get_json(f"{SITE}/s/{self.short_id}.json", _story_problem)
        return Document(copy, self.comment_id, story)


class LobstersPage(NamedTuple):
    """A page of stories, by its path without `.json` (`hottest`, `t/rust`)."""

    page: str

    def fetch(self, fetcher: Fetcher) -> Document:
        page, copy = fetcher.get_json(f"{SITE}/{self.page}.json", _page_problem)
        return Document(copy, parsed=page)


def recognise(parts: SplitResult) -> LobstersStory | LobstersPage | None:
    """The story or page of stories a Lobsters URL names, if it names one."""
    page = _PAGE.match(parts.path or "/")
    if page is not None:
        tag = page.group("tag")
        return LobstersPage(f"t/{tag}" if tag else page.group("list") or "hottest")
    found = _STORY.match(parts.path)
    if found is None:
        return None
    anchor = _COMMENT_ANCHOR.match(parts.fragment)
    return LobstersStory(found.group("story"), anchor.group("comment") if anchor else None)


def _page_problem(data: Any) -> str | None:
    return None if isinstance(data, list) else "not a page of Lobsters stories"


def _story_problem(data: Any) -> str | None:
    if (
        isinstance(data, dict)
        and isinstance(data.get("short_id"), str)
        and isinstance(data.get("comments"), list)
    ):
        return None
    return "not a Lobsters story (expected its short_id and comments)"
