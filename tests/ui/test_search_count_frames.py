"""While a search counts, each batch of matches is a frame; these keep those
frames small and keep the search worker out of their way, so that a key typed
meanwhile is drawn at once: the counter is the bar's alone while the bar is open
(in the border too, it repainted the whole pane at every batch), and the worker
waits for the frame that shows each batch before it searches on."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.search.query import Match, Query
from reader.ui.search import batches
from reader.ui.thread.pane import ThreadPane

from .conftest import make_app
from .scenes import settle
from .textual_probe import on_frames

COMMENTS = 2_000
PER_COMMENT = 50


@pytest.fixture
def dense_thread(tmp_path: Path) -> Path:
    """2,000 comments of 50 `alpha`s each: a count of 100,000, in several batches."""
    lines = ["A dense thread", "", "A body.", ""]
    for number in range(1, COMMENTS + 1):
        lines.append(f"  {number}. " + " ".join(["alpha gamma"] * PER_COMMENT))
    path = tmp_path / "dense.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def status_of(pane: ThreadPane) -> str:
    return str(pane.bar.query_one("#search-status").render())


async def test_the_counter_is_in_the_bar_while_it_is_open_and_in_the_border_once_closed() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "slash", *"aleppo")
        await settle(pilot)
        pane = app.screen.query_one(ThreadPane)
        assert status_of(pane) == "1/2"
        assert not pane.border_subtitle, "the bar has the counter: the border does not repeat it"
        await pilot.press("enter")
        await pilot.pause()
        assert pane.border_subtitle == "/aleppo  1/2", "closed, the bar leaves it to the border"
        await pilot.press("n")
        assert pane.border_subtitle == "/aleppo  2/2"
        await pilot.press("slash")
        await settle(pilot)
        assert status_of(pane) == "2/2" and not pane.border_subtitle, "reopened: the bar's again"
        await pilot.press("escape")
        await pilot.pause()
        assert not pane.border_subtitle and not pane.searching


async def test_the_batches_of_a_count_do_not_repaint_the_pane_while_the_bar_is_open(
    dense_thread: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app([dense_thread])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main_screen.query_one(ThreadPane)
        counters: list[str] = []
        repaints = 0
        found, refresh = pane.take_batch, pane.refresh

        def counting_refresh(*arguments, **options):  # type: ignore[no-untyped-def]
            nonlocal repaints
            repaints += 1
            return refresh(*arguments, **options)

        def recording(*arguments) -> None:  # type: ignore[no-untyped-def]
            monkeypatch.setattr(pane, "refresh", counting_refresh)
            found(*arguments)
            monkeypatch.setattr(pane, "refresh", refresh)
            counters.append(status_of(pane))

        monkeypatch.setattr(pane, "take_batch", recording)
        await pilot.press("tab", "tab", "slash", *"alpha")
        await settle(pilot)
        assert len(counters) > 2 and counters[1].endswith("…"), "the count filled in, in the bar"
        assert counters[-1] == "1/100000"
        assert repaints == 0, f"{repaints} repaints of the pane for {len(counters)} batches"


async def test_the_search_worker_waits_for_the_frame_that_shows_each_batch(
    dense_thread: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app([dense_thread])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main_screen.query_one(ThreadPane)
        frames = 0
        # In order: ("handed", frames) as a batch reaches the pane (UI thread),
        # ("resumed", frames) as the worker asks for the next match.
        events: list[tuple[str, int]] = []

        def counting_frame() -> None:
            nonlocal frames
            frames += 1

        on_frames(app.screen, counting_frame)
        find, found = pane.target.find, pane.take_batch

        def watched_find(query: Query) -> Iterator[Match]:
            for match in find(query):
                yield match
                events.append(("resumed", frames))

        def recording(*arguments) -> None:  # type: ignore[no-untyped-def]
            events.append(("handed", frames))
            found(*arguments)

        monkeypatch.setattr(pane.target, "find", watched_find)
        monkeypatch.setattr(pane, "take_batch", recording)
        # The worker gives up waiting after FRAME_WAIT_SECONDS; a loaded machine
        # can take longer than that to paint a frame, and the test is about the
        # wait, not the machine's speed.
        monkeypatch.setattr(batches, "FRAME_WAIT_SECONDS", 5.0)
        pane.start_search(Query("alpha"))
        await settle(pilot)
        assert pane.counter == "1/100000"
        handed = [i for i, (event, _) in enumerate(events) if event == "handed"]
        # The last hand-over is the final count: the worker has nothing left to search.
        waits = [(events[i][1], events[i + 1]) for i in handed[:-1]]
        assert len(waits) >= 2, events[:5]
        for before, (event, after) in waits:
            assert event == "resumed" and after > before, (before, event, after)


async def test_a_key_typed_while_a_count_runs_stops_it_before_the_frame_that_echoes_it(
    dense_thread: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app([dense_thread])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main_screen.query_one(ThreadPane)
        finish = threading.Event()
        find = pane.target.find

        def held_find(query: Query) -> Iterator[Match]:
            """The real matches, the rest after the second only once the test says so."""
            found = find(query)
            yield next(found)
            yield next(found)
            finish.wait(timeout=10)
            yield from found

        monkeypatch.setattr(pane.target, "find", held_find)
        await pilot.press("tab", "tab", "slash", "a")
        for _ in range(500):
            if pane.counter == "1/1…":
                break
            await pilot.pause(0.01)
        counting = [worker for worker in app.workers if worker.group == "search"]
        assert pane.counter == "1/1…" and counting and not counting[0].is_cancelled
        # At each frame from now on: whether the count of `a` was still going.
        going: list[bool] = []
        on_frames(
            app.screen,
            lambda: going.append(not all(worker.is_cancelled for worker in counting)),
        )
        try:
            await pilot.press("l")
            await pilot.pause()
        finally:
            finish.set()
        assert pane.bar.search_query.text == "al"
        assert going and not going[0], "the frame that echoes `l` was painted while `a` counted"
        await settle(pilot)
