"""Issue 23 §6: quitting never waits on a loader. A file that takes long (or
for ever) to read held `q` for as long (28 s; a FIFO, for ever): Textual's
thread workers run in asyncio's default executor, which `App.run` waits for
as it ends. The real `App.run` is used here, headless, for that wait."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.abandonable import AHEAD, abandonable
from reader.formats import loader
from reader.loading import Loading
from reader.ui.app import ReaderApp
from tests.seeds import FIRST_SEED_FILE

# Long enough that a run which waits for the loader fails, not hangs.
STUCK_SECONDS = 30


def test_q_ends_the_app_while_a_file_is_still_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stuck = tmp_path / "stuck.txt"
    stuck.write_text("A title\n\nA body.\n", encoding="utf-8")
    entered, released = threading.Event(), threading.Event()
    load_batches = loader.load_batches

    def slow(path: Path, warnings: list[str] | None = None) -> Iterator[object]:
        if path == stuck:
            entered.set()
            released.wait(STUCK_SECONDS)
        return load_batches(path, warnings)

    monkeypatch.setattr("reader.loading.load_batches", slow)
    app = ReaderApp(Loading([FIRST_SEED_FILE, stuck]))

    async def quit_once_stuck(pilot) -> None:  # type: ignore[no-untyped-def]
        while not entered.is_set():
            await pilot.pause(0.01)
        await pilot.press("q")

    try:
        app.run(headless=True, size=(120, 40), auto_pilot=quit_once_stuck)
        assert not released.is_set()
        assert entered.is_set() and app.article_count == 1
        # Still inside the file as the app ended: nobody waited for it.
        assert any(thread.name == "reader-loader" for thread in threading.enumerate())
    finally:
        released.set()


def test_abandonable_gives_every_item_and_raises_what_the_items_raise() -> None:
    def items() -> Iterator[int]:
        yield from range(5)
        raise ValueError("the fifth")

    got: list[int] = []
    with pytest.raises(ValueError, match="the fifth"):
        for item in abandonable(items(), lambda: False):
            got.append(item)
    assert got == [0, 1, 2, 3, 4]


def test_abandonable_returns_when_cancelled_though_the_items_are_stuck() -> None:
    released = threading.Event()

    def items() -> Iterator[int]:
        yield 1
        released.wait(STUCK_SECONDS)
        yield 2

    cancelled = threading.Event()
    got = []
    try:
        for item in abandonable(items(), cancelled.is_set):
            got.append(item)
            cancelled.set()
        assert got == [1] and not released.is_set()
    finally:
        released.set()


def test_abandonable_makes_items_ahead_while_the_consumer_is_busy() -> None:
    """The thread goes on making items while the consumer does other work
    (hands a batch to the UI): not one item at a time, each waiting for the
    consumer to take it (two thread switches for each of 10,000 small files),
    and never more than `AHEAD` beyond what was taken."""
    made: list[int] = []
    ten_made, room_filled = threading.Event(), threading.Event()

    def items() -> Iterator[int]:
        for number in range(AHEAD + 10):
            made.append(number)
            if len(made) == 10:
                ten_made.set()
            if len(made) == AHEAD + 1:
                room_filled.set()
            yield number

    given = abandonable(items(), lambda: False)
    got = [next(given)]
    # The consumer busy elsewhere: the thread fills the room it has, and waits.
    assert ten_made.wait(STUCK_SECONDS) and room_filled.wait(STUCK_SECONDS)
    assert len(made) <= AHEAD + 2
    got += given
    assert got == list(range(AHEAD + 10))
