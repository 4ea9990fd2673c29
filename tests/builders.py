"""Small builders the tests share: articles of a given shape, files on disk."""

from __future__ import annotations

from pathlib import Path

from reader.model import Article, Comment


def reply_chain(depth: int) -> Article:
    """An article whose single thread is a reply chain `depth` comments deep; each
    comment has an author and two paragraphs, the first with a line break."""
    roots: list[Comment] = []
    level = roots
    for index in range(depth):
        comment = Comment(author=f"user{index}", text=[f"Reply {index}.", "More\ntext."])
        level.append(comment)
        level = comment.replies
    return Article(title="Deep", body=["Body."], comments=roots)


def chain_depth(article: Article) -> int:
    """How deep the first comment's chain of first replies goes."""
    depth, level = 0, article.comments
    while level:
        depth += 1
        level = level[0].replies
    return depth


def write(path: Path, content: str | bytes) -> Path:
    """Write `content` (UTF-8 if text) to `path`, making its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
