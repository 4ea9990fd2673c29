"""Hacker News stories as Algolia's search gives them: a list, one article per
story, without its comments (a front page as reader builds it, or a search
saved with `curl 'https://hn.algolia.com/api/v1/search?tags=front_page'`).

`hits`, each with `objectID`, `title`, `url`, `author`, `points`,
`num_comments`, `created_at_i`, `story_text` (HTML) and `_tags`.
"""

from __future__ import annotations

from typing import Any

from ...model import Article
from ..sample import Sample
from ..values import int_of, iso_from_unix
from .site import new_article


def sniff(sample: Sample) -> bool:
    data = sample.json if sample.is_json else None
    return (
        isinstance(data, dict)
        and isinstance(data.get("hits"), list)
        and ("hitsPerPage" in data or "nbHits" in data)
    )


def parse(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    return [_story(hit) for hit in sample.json["hits"] if isinstance(hit, dict)]


def _story(hit: dict[str, Any]) -> Article:
    article = new_article(
        hit.get("objectID"),
        hit.get("title"),
        hit.get("author"),
        hit.get("url"),
        hit.get("story_text"),
    )
    article.published = iso_from_unix(hit.get("created_at_i"))
    article.score = int_of(hit.get("points"))
    article.comment_count = int_of(hit.get("num_comments"))
    return article
