"""Small builders the tests share: articles of a given shape, files on disk."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from reader.errors import LoadError
from reader.formats.loader import find_files, load_articles
from reader.loading import Loading
from reader.model import Article, Comment, Thread
from reader.store import DocumentStore


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


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[LoadError]]:
    """Every file the walk of `paths` finds, and every problem, each in order."""
    found = list(find_files(paths))
    return (
        [item for item in found if isinstance(item, Path)],
        [item for item in found if isinstance(item, LoadError)],
    )


def load_one(path: Path, warnings: list[str] | None = None) -> Article:
    """The one article of a file that holds one; LoadError as the loader raises it."""
    (article,) = load_articles(path, warnings)
    return article


def load_results(paths: Iterable[Path]) -> list[Article | LoadError]:
    """What loading `paths` gives, as the app loads them: each file's articles or
    error, and the problems of the walk, in the order the walk finds them."""
    loading = Loading(paths)
    results: list[Article | LoadError] = list(loading.problems)
    for result in loading:
        if isinstance(result, LoadError):
            results.append(result)
        else:
            # A preview is taken the place of by its file's next batch.
            del results[len(results) - result.replacing :]
            results.extend(prepared.article for prepared in result.articles)
    return results


def load_store(paths: Iterable[Path]) -> tuple[DocumentStore, list[LoadError]]:
    """A store of everything under `paths` that loads, as the app fills its own,
    and the errors."""
    loading = Loading(paths)
    store, errors = DocumentStore(), list(loading.problems)
    for result in loading:
        if isinstance(result, LoadError):
            errors.append(result)
        else:
            store.remove_last(result.replacing)
            for prepared in result.articles:
                store.register(prepared)
    return store, errors


def index_of(thread: Thread, path: str) -> int | None:
    """Index of the comment at position `path` (`3.1.2`) in `thread`, if any."""
    return next((i for i, comment in enumerate(thread.comments) if comment.path == path), None)
