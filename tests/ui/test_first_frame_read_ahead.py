"""The file the command line read ahead is on screen before the load worker
starts: the first frame never waits for the worker (nor shares the GIL with it),
and the worker does not load that file a second time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.loading import Loading
from reader.ui.app import ReaderApp
from tests.seeds import FIRST_SEED, SEEDS


async def test_the_file_read_ahead_is_shown_before_the_load_worker_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loading = Loading([SEEDS])
    assert loading.read_ahead()
    app = ReaderApp(loading)
    shown_as_worker_started: list[str | None] = []
    iterate = Loading.__iter__

    def worker_iterates(self: Loading) -> Iterator[object]:
        article = app.main_screen.article
        shown_as_worker_started.append(article.id if article else None)
        yield from iterate(self)

    monkeypatch.setattr(Loading, "__iter__", worker_iterates)
    async with app.run_test() as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        ids = [article.id for article in app.store]
    assert shown_as_worker_started == [FIRST_SEED]
    # Each seed once: the worker went on from the file after the one read ahead.
    assert sorted(ids) == sorted(path.stem for path in SEEDS.glob("*.txt"))
