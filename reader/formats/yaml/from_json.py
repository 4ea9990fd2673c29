"""reader's schema from plain data: `reader dump --format json` read back (one
article object, or a JSON array of them: a mailing list's threads), checked
exactly as a YAML document is, through the same node tree."""

from __future__ import annotations

from pathlib import Path

from ...model import Article
from ..sample import Sample
from .nodes import BOOL_TAG, FLOAT_TAG, INT_TAG, NULL_TAG, STR_TAG, Mapping, Node, Scalar, Sequence
from .schema import article_from_nodes

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


def article_from_data(data: object, path: Path, warnings: list[str] | None = None) -> Article:
    """An article from plain data in the schema."""
    return article_from_nodes(nodes_of(data), path, warnings)


def nodes_of(data: object) -> Node:
    """Plain (JSON) data as a node tree, without recursion; no lines to report."""
    root = _data_node(data)
    stack = [(root, data)]
    while stack:
        node, value = stack.pop()
        if isinstance(node, Mapping):
            assert isinstance(value, dict)
            for key, item in value.items():
                child = _data_node(item)
                node.pairs.append((Scalar(STR_TAG, None, str(key), False), child))
                stack.append((child, item))
        elif isinstance(node, Sequence):
            assert isinstance(value, list)
            for item in value:
                child = _data_node(item)
                node.items.append(child)
                stack.append((child, item))
    return root


def _data_node(value: object) -> Node:
    if isinstance(value, dict):
        return Mapping(None, None)
    if isinstance(value, list):
        return Sequence(None, None)
    if value is None:
        return Scalar(NULL_TAG, None, "null", True)
    if isinstance(value, bool):
        return Scalar(BOOL_TAG, None, "true" if value else "false", True)
    if isinstance(value, int):
        return Scalar(INT_TAG, None, str(value), True)
    if isinstance(value, float):
        return Scalar(FLOAT_TAG, None, repr(value), True)
    return Scalar(STR_TAG, None, str(value), False)
