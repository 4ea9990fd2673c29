"""A file's preview through the load path: kept for the first frame only, and
taken the place of by its file's next batch (see `Batch`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import loading as loading_module
from reader.errors import LoadError
from reader.formats.batch import Batch
from reader.loading import Loading
from reader.model import Article, Comment
from reader.prepared import PreparedBatch
from reader.search.query import Query
from reader.store import DocumentStore


def article(name: str, replies: int) -> Article:
    return Article(
        title=name,
        body=["An invented body."],
        comments=[Comment(text=[f"Reply {n}."], source_id=f"<{n}@x>") for n in range(replies)],
        source_id=f"<{name}@x>",
    )


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Files whose format gives, by name: `big`, a preview then its full
    version after another thread; `broken`, a preview then an error;
    `plain`, one batch."""

    def batches(path: Path, warnings: list[str] | None = None) -> Iterator[Batch]:
        if path.stem in ("big", "broken"):
            yield Batch([article(f"{path.stem}-first", 1)], 0.1, preview=True)
            if path.stem == "broken":
                raise LoadError(path, "could not parse: a parser bug")
            yield Batch([article("earlier", 2), article(f"{path.stem}-first", 5)], 1.0)
        else:
            yield Batch([article(path.stem, 3)], 1.0)

    monkeypatch.setattr(loading_module, "load_batches", batches)
    paths = {}
    for name in ("big", "broken", "plain"):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text("Stands for a file.\n", encoding="utf-8")
    return paths


def outline(batch: PreparedBatch | LoadError) -> tuple[object, ...]:
    if isinstance(batch, LoadError):
        return ("error", batch.path.stem)
    titles = tuple((p.article.title, len(p.article.comments)) for p in batch.articles)
    return titles, batch.replacing


def test_the_preview_read_ahead_is_taken_the_place_of_by_the_next_batch(
    files: dict[str, Path],
) -> None:
    loading = Loading([files["big"], files["plain"]])
    assert loading.read_ahead()
    first = loading.take_read_ahead(most_bytes=1024)
    assert [(p.article.title, len(p.article.comments)) for p in first] == [("big-first", 1)]
    assert [outline(batch) for batch in loading] == [
        ((("earlier", 2), ("big-first", 5)), 1),
        ((("plain", 3),), 0),
    ]


def test_a_preview_too_big_for_the_first_frame_is_given_then_taken_the_place_of(
    files: dict[str, Path],
) -> None:
    loading = Loading([files["big"]])
    assert loading.read_ahead()
    assert loading.take_read_ahead(most_bytes=0) == []
    assert [outline(batch) for batch in loading] == [
        ((("big-first", 1),), 0),
        ((("earlier", 2), ("big-first", 5)), 1),
    ]


def test_the_files_after_the_first_give_no_preview(files: dict[str, Path]) -> None:
    loading = Loading([files["plain"], files["big"]])
    assert loading.read_ahead()
    assert [outline(batch) for batch in loading] == [
        ((("plain", 3),), 0),
        ((("earlier", 2), ("big-first", 5)), 0),
    ]


def test_a_preview_whose_file_then_fails_stays_and_replaces_nothing_after(
    files: dict[str, Path],
) -> None:
    loading = Loading([files["broken"], files["plain"]])
    assert loading.read_ahead()
    assert [outline(batch) for batch in loading] == [
        ((("broken-first", 1),), 0),
        ("error", "broken"),
        ((("plain", 3),), 0),
    ]
    assert loading.files_done == 2


def test_removing_a_preview_from_the_store_frees_its_id_for_its_full_version() -> None:
    store = DocumentStore()
    kept = store.add(article("kept", 1), "list")
    preview = store.add(article("first", 1), "list")
    assert preview.id == "list~2"
    assert store.remove_last(1) == [preview]
    full = store.add(article("first", 5), "list")
    assert full.id == "list~2"
    assert store.articles == [kept, full]
    assert store.thread(full.id).comment_count == 5
    assert [found for found, _ in store.search_all(Query("Reply 4"))] == [full.id]
