"""The open thread flows one way: the screen's `thread` is bound to the thread
pane (and its view), which reacts to it alone: its title counts the comments,
the old thread's search ends and the query in force is searched for anew."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from reader.search.query import Match, Query
from reader.ui.thread.pane import ThreadPane

from .conftest import make_app
from .scenes import settle


def thread_file(folder: Path, name: str, comments: int) -> Path:
    lines = [f"The {name} thread", "", "A body about a river.", ""]
    lines += [f"  {number}. The river rose by {number} cm." for number in range(1, comments + 1)]
    path = folder / f"{name}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def test_setting_the_screens_thread_alone_retitles_the_pane_and_ends_its_search(
    tmp_path: Path,
) -> None:
    app = make_app([thread_file(tmp_path, "first", 30), thread_file(tmp_path, "second", 20)])
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        pane = screen.query_one(ThreadPane)
        first, second = (app.store.thread(article.id) for article in app.store.articles[:2])
        assert screen.thread is first and pane.thread is first
        finish = threading.Event()
        find = pane.target.find

        def gated_find(query: Query) -> Iterator[Match]:
            """The real matches; past the first, only once the test says so."""
            found = find(query)
            for match in found:
                yield match
                break
            finish.wait(timeout=10)
            yield from found

        pane.target.find = gated_find  # type: ignore[method-assign]
        query = Query("river")
        pane.start_search(query)
        await pilot.pause()
        assert pane.counter == "1/1…", "the first thread's count is running"

        screen.thread = second
        assert pane.thread is second and pane.thread_view.thread is second
        assert pane.border_title == f"Comments ({second.comment_count})"
        assert not len(pane.matches), "the first thread's matches are gone at once"
        searches = [worker for worker in app.workers if worker.group == "search"]
        assert [worker.is_cancelled for worker in searches] == [True, False]
        finish.set()
        await app.workers.wait_for_complete(searches[1:])
        await pilot.pause()
        # Only the second thread's search was shown: the first's late matches were dropped.
        expected = list(app.store.search_thread(second.article_id, query))
        assert list(pane.matches) == expected and pane.counter == f"1/{len(expected)}"

        screen.thread = None
        assert pane.border_title == "Comments" and not len(pane.matches)
        await settle(pilot)
        assert pane.counter == "no matches"
