"""What the format tests share: fixtures, round trips through `reader dump`,
and deep threads in each shape."""

from __future__ import annotations

from pathlib import Path

from reader.formats.loader import load_articles
from reader.formats.yaml.dump import dump_articles, dump_json
from reader.model import Article, Comment, iter_comments
from reader.text import Block

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEEP = 3_000


def fixture(name: str) -> Path:
    return FIXTURES / name


def load(name: str, warnings: list[str] | None = None) -> list[Article]:
    return load_articles(fixture(name), warnings)


def comments(article: Article) -> list[Comment]:
    return iter_comments(article.comments)


def by_id(article: Article) -> dict[str | None, Comment]:
    return {comment.source_id: comment for comment in comments(article)}


def kinds(blocks: tuple[Block, ...] | None) -> list[str] | None:
    return None if blocks is None else [block.kind for block in blocks]


def assert_round_trips(articles: list[Article], folder: Path) -> None:
    """Dumped as YAML and as JSON and loaded again, the articles are the same:
    the same dump, and the same text blocks, statuses and ids."""
    before = [dump_json(article) for article in articles]
    for output, suffix in (("yaml", ".yaml"), ("json", ".json")):
        path = folder / f"dumped-{output}{suffix}"
        path.write_text(dump_articles(articles, output), encoding="utf-8")
        again = load_articles(path)
        assert [dump_json(article) for article in again] == before
        for old, new in zip(articles, again, strict=True):
            assert (new.body, new.body_blocks) == (old.body, old.body_blocks)
            for old_comment, new_comment in zip(comments(old), comments(new), strict=True):
                # (A list while a parser builds it, a tuple once frozen: the same text.)
                assert (tuple(new_comment.text), new_comment.blocks) == (
                    tuple(old_comment.text),
                    old_comment.blocks,
                )
                assert (new_comment.source_id, new_comment.status, new_comment.more) == (
                    old_comment.source_id,
                    old_comment.status,
                    old_comment.more,
                )


def depth_of(article: Article) -> int:
    depth, level = 0, article.comments
    while level:
        depth += 1
        level = level[0].replies
    return depth


def nested_json(head: str, item: str, child_key: str, depth: int) -> str:
    """`head` (a JSON object's opening, keys before `child_key`) with a chain of
    `depth` items nested under `child_key`, written out without recursion
    (`json.dumps` recurses per level). `item` may use `{n}`, the item number."""
    opening = [head + f', "{child_key}": [']
    opening += ["{" + item.format(n=number) + f', "{child_key}": [' for number in range(depth)]
    return "".join(opening) + "]}" * (depth + 1)
