"""What a keystroke in the search bar costs the UI thread, counted: each
relayout is one of the whole screen, and a repaint of the thread paints its
comments again; both hold up the echo of the next key typed."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Label
from textual.worker_manager import WorkerManager

from reader.search.query import Match, Query
from reader.ui.search.batches import FoundBatch
from reader.ui.switch_interval import WORKER_SWITCH_SECONDS as SEARCH_SWITCH_SECONDS
from reader.ui.thread.matches import ThreadMatches
from reader.ui.thread.painter import CommentPainter
from reader.ui.thread.pane import ThreadPane

from .conftest import make_app
from .scenes import settle
from .textual_probe import on_layouts

# Enough comments to fill the pane; "needle" is only in the last.
THREAD = (
    "A long thread\n\nIts body.\n\n"
    + "".join(
        f"  {number}. Comment number {number} says nothing much.\n" for number in range(1, 60)
    )
    + "  60. The needle is here.\n"
)


@pytest.fixture
def thread_file(tmp_path: Path) -> Path:
    path = tmp_path / "long.txt"
    path.write_text(THREAD, encoding="utf-8")
    return path


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Comments painted, counted (and the screen's relayouts, once `count_relayouts`)."""
    counted: Counter[str] = Counter()
    paint = CommentPainter.paint

    def counting_paint(self, comment, *args, **kwargs):  # type: ignore[no-untyped-def]
        counted["comments painted"] += 1
        counted[f"painted {comment.path}"] += 1
        return paint(self, comment, *args, **kwargs)

    monkeypatch.setattr(CommentPainter, "paint", counting_paint)
    return counted


def count_relayouts(screen: Screen[object], work: Counter[str]) -> None:
    """The screen's relayouts from now on, counted in `work`."""
    on_layouts(screen, lambda _: work.update(["relayouts"]))


async def test_a_keystroke_without_matches_lays_out_and_paints_nothing(
    thread_file: Path, work: Counter[str]
) -> None:
    app = make_app([thread_file])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c", "slash", "x", "q")
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        assert pane.counter == "no matches"
        count_relayouts(app.screen, work)
        work.clear()
        await pilot.press("z")
        await settle(pilot)
        assert pane.bar.search_query.text == "xqz" and pane.counter == "no matches"
        assert work["relayouts"] == 0, "the echo and the status lay nothing out"
        assert work["comments painted"] == 0, "no highlight before or after: no repaint"


async def test_the_status_keeps_one_width_whatever_it_says(
    thread_file: Path, work: Counter[str]
) -> None:
    app = make_app([thread_file])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c", "slash")
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        status = pane.bar.query_one("#search-status", Label)
        width = status.outer_size.width
        count_relayouts(app.screen, work)
        work.clear()
        # A count starting, growing, done; none; an invalid query; no query.
        for said in ("1/9…", "1/12345…", "1/12", "no matches", "invalid", "12345/100000…", ""):
            pane.bar.set_status(said)
            await pilot.pause()
            assert status.outer_size.width == width, said
            assert str(status.render()) == said
            assert status.content_region.width >= len(said), f"{said!r} shows whole"
        assert work["relayouts"] == 0, "a status changing width laid the screen out"


async def test_a_new_match_set_repaints_only_the_comments_with_a_match(
    thread_file: Path, work: Counter[str]
) -> None:
    app = make_app([thread_file])
    # Short: the body of one line gives the comments its room.
    async with app.run_test(size=(120, 28)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c", "slash", *"number 1")
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        assert pane.counter == "1/11"  # comments 1 and 10 to 19
        work.clear()
        # Now only comment 1 matches: of the comments on screen (1 to 7 or so),
        # those with a highlight before or now are painted again, no other.
        await pilot.press("space")
        await settle(pilot)
        assert pane.counter == "1/1"
        painted = {key for key in work if key.startswith("painted ")}
        assert painted == {"painted 1"}


async def test_a_batch_of_a_query_superseded_by_a_keystroke_is_not_shown(
    thread_file: Path, work: Counter[str]
) -> None:
    app = make_app([thread_file])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c", "slash", *"xq")
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        run = pane.run
        # A key is typed; before the frame that echoes it (and starts its
        # search), a batch of the query it supersedes comes in.
        pane.query_typed(Query("xqz"))
        late = ThreadMatches([Match((0, 0), 0, 2)])
        work.clear()
        pane.take_batch(FoundBatch(run, late, True, False))
        assert not len(pane.matches) and pane.thread_view.matches is not late
        assert work["comments painted"] == 0
        await settle(pilot)
        assert pane.search_query == Query("xqz") and pane.counter == "no matches"


async def test_the_gil_changes_hands_often_only_while_a_search_runs(thread_file: Path) -> None:
    """The search worker would hold the GIL for 5 ms at a time, and the UI
    thread wait that long to echo each key typed meanwhile."""
    app = make_app([thread_file])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        found = pane.target.find
        seen: list[float] = []

        def recording_find(query: Query):  # type: ignore[no-untyped-def]
            matches = found(query)

            def run():  # type: ignore[no-untyped-def]
                seen.append(sys.getswitchinterval())
                yield from matches

            return run()

        pane.target.find = recording_find  # type: ignore[method-assign]
        before = sys.getswitchinterval()
        await pilot.press("enter", "c", "slash", *"number")
        await settle(pilot)
        # The interpreter keeps it in microseconds: 0.0001 comes back as 9.99...e-05.
        assert seen and all(interval == pytest.approx(SEARCH_SWITCH_SECONDS) for interval in seen)
        assert before > SEARCH_SWITCH_SECONDS
        assert sys.getswitchinterval() == before, "restored when the search ends"


async def test_a_keystroke_stops_the_search_it_supersedes_once(
    thread_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bar reports a new query through one channel, as the key is handled:
    the search it supersedes is stopped once, then the new one starts (an
    exclusive worker, which stops its group again), not once per listener."""
    app = make_app([thread_file])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c", "slash", "x")
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        stops: list[str] = []
        cancel_group = WorkerManager.cancel_group

        def counted(self, node, group):  # type: ignore[no-untyped-def]
            if node is pane:
                stops.append(group)
            return cancel_group(self, node, group)

        monkeypatch.setattr(WorkerManager, "cancel_group", counted)
        await pilot.press("q")
        await settle(pilot)
        assert pane.search_query == Query("xq")
        assert stops == ["search", "search"]
