"""The whole article: a body that is only a summary (a feed's), or nothing
(a link post, an HN or Lobsters story), replaced by its page's main text.

The page is opened as any URL is (`reader.web.page`, through the cache: the
text extracted is kept, and read again offline): a WordPress post gives its
`content.rendered`, any other page its extracted text. The article keeps its
own title, author, time, comments and identity; only its body changes.
(The key that asks for it in the app is the UI's to add.)
"""

from __future__ import annotations

import dataclasses

from ..errors import LoadError
from ..formats.loader import load_articles
from ..model import Article
from .session import WebSession


def whole_article(session: WebSession, article: Article, warnings: list[str]) -> Article:
    """`article` with its page's main text as its body (LoadError naming the
    page when it has none). What the reader should be told (a copy from the
    cache) is added to `warnings`."""
    if not article.url:
        raise LoadError(article.title, "the article links to no page")
    opened = session.open(article.url)
    warnings.extend(opened.notes)
    try:
        found = load_articles(opened.path, warnings)
    except LoadError as error:
        raise LoadError(article.url, error.reason) from None
    if len(found) != 1 or not found[0].body:
        raise LoadError(article.url, "no article text found on the page")
    page = found[0]
    return dataclasses.replace(
        article,
        body=page.body,
        body_blocks=page.body_blocks,
        partial=False,
        author=article.author or page.author,
        published=article.published or page.published,
        feeds=article.feeds or page.feeds,
    )
