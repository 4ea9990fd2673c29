"""`reader dump --format json` read back: one article object in the YAML
schema, or a JSON array of them (a mailing list's threads)."""

from __future__ import annotations

from ..model import Article
from .sample import Sample
from .yamlfmt import article_from_data

_REQUIRED = frozenset(["title", "body"])


def sniff(sample: Sample) -> bool:
    data = sample.json if sample.is_json else None
    if isinstance(data, list) and data:
        data = data[0]
    return isinstance(data, dict) and data.keys() >= _REQUIRED


def parse(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    data = sample.json
    documents = data if isinstance(data, list) else [data]
    articles = []
    for document in documents:
        article = article_from_data(document, sample.path, warnings)
        article.format = "json"
        articles.append(article)
    return articles
