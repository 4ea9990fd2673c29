"""Thread search at scale: `n` / `N` cost the same with 100,000 matches as with
100; the worker hands the matches to the UI thread in bounded batches, so the
count fills in, and what is typed meanwhile is drawn at once."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual import events
from textual.geometry import Region
from textual.widgets import Input

from reader.search.query import Match, Query
from reader.ui.search.batches import BATCH_LIMIT
from reader.ui.thread.pane import ThreadPane

from .conftest import make_app
from .scenes import settle

COMMENTS = 2000
PER_COMMENT = 50


@pytest.fixture
def dense_thread(tmp_path: Path) -> Path:
    """2,000 comments of 50 `alpha`s each (100,000 matches); the first two say
    `omega` where the others say `gamma` (100 matches), so that a step between
    matches repaints a comment of the same size for either query."""
    lines = ["A dense thread", "", "A body.", ""]
    for number in range(1, COMMENTS + 1):
        word = "omega" if number <= 2 else "gamma"
        lines.append(f"  {number}. " + " ".join([f"alpha {word}"] * PER_COMMENT))
    path = tmp_path / "dense.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def calls_during(action: Callable[[], None]) -> int:
    """How many Python and C function calls `action` makes on this thread: the
    work it does, whatever the machine's speed."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return count


async def test_next_and_previous_match_cost_the_same_with_100_or_100000_matches(
    dense_thread: Path,
) -> None:
    app = make_app([dense_thread])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main_screen.query_one(ThreadPane)
        view = pane.thread_view

        def press(action: Callable[[], None]) -> Callable[[], None]:
            def pressed() -> None:
                action()
                view.render_lines(Region(0, 0, view.size.width, view.size.height))

            return pressed

        async def work_per_step(text: str) -> list[int]:
            pane.start_search(Query(text))
            await settle(pilot)
            # Off the first comment's matches and back: every step below then
            # stays within a comment of the same size, painted again.
            costs = []
            for action in (pane.action_next_match, pane.action_previous_match) * 5:
                costs.append(calls_during(press(action)))
            return costs

        many = await work_per_step("alpha")
        assert len(pane.matches) == COMMENTS * PER_COMMENT and pane.counter == "1/100000"
        few = await work_per_step("omega")
        assert len(pane.matches) == 2 * PER_COMMENT
        assert max(many) <= 1.2 * max(few), (many, few)


async def test_the_count_arrives_in_bounded_batches_and_fills_in(
    dense_thread: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app([dense_thread])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.main_screen.query_one(ThreadPane)
        batches: list[int] = []
        counters: list[str] = []
        found = pane.take_batch

        def recording(*arguments) -> None:  # type: ignore[no-untyped-def]
            batches.append(len(arguments[0].matches))  # a FoundBatch
            found(*arguments)
            counters.append(pane.counter)

        monkeypatch.setattr(pane, "take_batch", recording)
        pane.start_search(Query("alpha"))
        await settle(pilot)
        assert sum(batches) == COMMENTS * PER_COMMENT
        assert batches[0] == 1, "the first match is handed over at once"
        assert max(batches) <= BATCH_LIMIT and len(batches) > 2, batches
        # The count fills in: each batch's total so far, then the final count.
        assert counters[1] == f"1/{1 + batches[1]}…", counters
        assert counters[-1] == "1/100000"


async def test_keys_typed_while_a_count_runs_are_drawn_and_the_count_shows_so_far(
    dense_thread: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[str] = []
    render_line = Input.render_line

    def recording(self: Input, y: int):  # type: ignore[no-untyped-def]
        drawn.append(self.value)
        return render_line(self, y)

    monkeypatch.setattr(Input, "render_line", recording)
    app = make_app([dense_thread])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab")
        pane = app.main_screen.query_one(ThreadPane)
        finish = threading.Event()
        find = pane.target.find
        drawn_when_searched: list[tuple[str, str | None]] = []

        def gated_find(query: Query) -> Iterator[Match]:
            """The real matches; past the first, only once the test says so."""
            drawn_when_searched.append((query.text, drawn[-1] if drawn else None))
            found = find(query)
            yield next(found)
            finish.wait(timeout=10)
            yield from found

        pane.target.find = gated_find  # type: ignore[method-assign]
        await pilot.press("slash")
        # Typed ahead: the four keys in one burst, as a terminal delivers fast typing.
        for character in "alph":
            app.post_message(events.Key(character, character))
        await pilot.pause()
        assert drawn_when_searched == [("alph", "alph")], "searched for what was drawn"
        assert pane.counter == "1/1…", "the count of `alph` is running"
        await pilot.press("a")
        await pilot.pause()
        assert pane.bar.query_one(Input).value == "alpha" and "alpha" in drawn
        assert pane.counter == "1/1…", "the count of `alpha` is running"
        finish.set()
        await settle(pilot)
        assert pane.counter == "1/100000"
        assert drawn_when_searched[-1] == ("alpha", "alpha")
