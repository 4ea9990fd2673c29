"""The first frame comes at once and whole (issue 12, start-up): the file the
command line read ahead is shown as the screen mounts, with the footer's keys,
so the screen is laid out and painted once, not empty first and again when the
load worker hands the article over; the worker starts after that frame, and the
cyclic collector waits for it too. A file too large to index quickly stays with
the worker, off the UI thread."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import Static

from reader import loading as loading_module
from reader.errors import LoadError
from reader.loading import Loading
from reader.model import Article
from reader.prepared import PreparedArticle, PreparedBatch
from reader.state import State, open_state
from reader.ui.app import ReaderApp
from reader.ui.articles.list import ArticleList
from reader.ui.articles.progress import LoadProgress
from reader.ui.body.view import ArticleBody
from reader.ui.screens import arrivals, load_worker
from reader.ui.screens.main import MainScreen
from reader.ui.thread.layout import ThreadLayout
from reader.ui.thread.painted_comment import PaintedComment
from reader.ui.thread.view import ThreadView

from .conftest import SEEDS
from .scenes import settle
from .textual_probe import on_layouts

SIZE = (120, 40)


def read_ahead(*paths: Path) -> Loading:
    """What the command line hands the app: the files, the first one read."""
    loading = Loading(list(paths))
    assert loading.read_ahead()
    return loading


class GatedLoading(Loading):
    """Read ahead; the load worker gets no file before the first layout, so that
    only what the screen showed as it mounted can be on it."""

    gate = threading.Event()

    def __init__(self, path: Path) -> None:
        super().__init__([path])
        assert self.read_ahead()
        GatedLoading.gate.clear()

    def __iter__(self) -> Iterator[PreparedBatch | LoadError]:
        GatedLoading.gate.wait(timeout=5)
        yield from super().__iter__()


async def started(app: ReaderApp) -> None:
    """Run the app until every file is loaded (the worker starts a frame late)."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await settle(pilot)


def big_thread(folder: Path, comments: int) -> Path:
    """A seed-text thread of invented comments, about 160 bytes each."""
    body = "".join(
        f"  {number}. A comment about the weather on the hill, invented for this test,"
        " with some more words so that it runs long enough to wrap.\n"
        for number in range(1, comments + 1)
    )
    path = folder / "big.txt"
    path.write_text(f"A big thread\n\nIts body, invented.\n\n{body}", encoding="utf-8")
    return path


async def test_the_first_frame_has_the_article_read_ahead_its_thread_and_the_footer_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    frames: list[tuple[bool, bool, int | None, int, str]] = []
    render_lines = MainScreen.render_lines

    def drawn(screen: MainScreen, crop: Region) -> list[Strip]:
        # The first frame only: a later one may come as the load's progress is
        # being removed, its parts gone before it.
        if not frames:
            frames.append(
                (
                    screen.query_one(ArticleBody).article is not None,
                    screen.query_one(ThreadView).thread is not None,
                    screen.query_one(ArticleList).highlighted,
                    len(screen.query("FooterKey")),
                    "".join(
                        str(progress.query_one(Static).render())
                        for progress in screen.query(LoadProgress)
                    ),
                )
            )
            GatedLoading.gate.set()
        return render_lines(screen, crop)

    # The screen, under every widget, is drawn once a frame, first of all.
    monkeypatch.setattr(MainScreen, "render_lines", drawn)
    await started(ReaderApp(GatedLoading(SEEDS)))
    body, thread, highlighted, keys, progress = frames[0]
    assert (body, thread, highlighted) == (True, True, 0)
    assert keys > 1, "the footer's keys (and ^p) are on the first frame"
    # The rest of the walk and the bytes' total are the worker's to measure.
    assert progress == "files 1/…"


async def test_the_load_worker_and_the_collector_start_after_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # At each frame drawn, whether the cyclic collector was running.
    at_frames: list[bool] = []
    render_lines = MainScreen.render_lines

    def drawn(screen: MainScreen, crop: Region) -> list[Strip]:
        at_frames.append(gc.isenabled())
        return render_lines(screen, crop)

    at_load: list[tuple[int, bool]] = []
    bulk_loading = load_worker.bulk_loading

    @contextmanager
    def load() -> Iterator[None]:
        at_load.append((len(at_frames), gc.isenabled()))
        with bulk_loading():
            yield

    monkeypatch.setattr(MainScreen, "render_lines", drawn)
    monkeypatch.setattr(load_worker, "bulk_loading", load)
    assert gc.isenabled()
    await started(ReaderApp(read_ahead(SEEDS)))
    # The worker starts once a frame is out, with the collector running again
    # (the load's end collects and freezes what it made, if it was running).
    assert at_load == [(at_load[0][0], True)] and at_load[0][0] >= 1
    assert at_frames[0] is False, "no collection while the first frame is built"
    assert gc.isenabled()


async def test_a_large_file_read_ahead_is_indexed_by_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_thread(tmp_path, 5000)
    assert path.stat().st_size > arrivals.SHOWN_AT_ONCE_BYTES
    on_ui_thread: list[bool] = []
    prepare = loading_module.prepare

    def recorded(article: Article, state: State | None = None) -> PreparedArticle:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return prepare(article, state)

    monkeypatch.setattr(loading_module, "prepare", recorded)
    app = ReaderApp(read_ahead(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await settle(pilot)
        view = app.query_one(ThreadView)
        assert view.thread is not None and len(view.thread) == 5000
    assert on_ui_thread == [False]


async def test_a_cursor_restored_before_the_first_layout_is_scrolled_to_not_wrapped_narrow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_thread(tmp_path, 60)
    database = tmp_path / "state.db"
    state, _ = open_state(database)
    assert state is not None
    app = ReaderApp(read_ahead(path), state=state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await settle(pilot)
        app.query_one(ThreadView).go_to_comment(50)
        await pilot.pause()
    state.close()

    widths: list[int] = []
    painted = ThreadLayout.painted

    def recorded(layout: ThreadLayout, index: int) -> PaintedComment:
        widths.append(layout.width)
        return painted(layout, index)

    monkeypatch.setattr(ThreadLayout, "painted", recorded)
    state, _ = open_state(database)
    assert state is not None
    app = ReaderApp(read_ahead(path), state=state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await settle(pilot)
        view = app.query_one(ThreadView)
        assert view.cursor == 50
        rows = view.rows
        assert rows is not None
        top = rows.line_of(rows.position(50))  # type: ignore[arg-type]
        assert view.scroll_y <= top < view.scroll_y + view.scrollable_content_region.height
    state.close()
    # Measured only at the view's width: never a character a line before it had one.
    assert widths and min(widths) > 10


def test_objects_alive_when_the_app_starts_are_frozen_out_of_the_collector() -> None:
    # In a fresh interpreter: freezing this test process would keep its garbage.
    script = f"""
import gc
from reader.ui.app import ReaderApp
from reader import cli
frozen = []
ReaderApp.run = lambda app, **kwargs: frozen.append(gc.get_freeze_count())
assert cli.main([{str(SEEDS)!r}]) == 0
print(frozen[0])
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    # Textual's and reader's modules, classes and functions: tens of thousands.
    assert int(result.stdout.split()[-1]) > 10_000


def test_the_app_is_imported_and_made_with_the_collector_paused_and_runs_with_it() -> None:
    """No collection while Textual's and reader's modules are imported and the
    app is made (tens of thousands of objects that all live on); the collector
    runs again as the app starts (its first frame pauses it on its own)."""
    # In a fresh interpreter, which has imported neither yet.
    script = f"""
import gc, importlib.abc, importlib.util, sys
from contextlib import contextmanager
from reader import cli
collections = []
# Counted from the pause on: the command line read before it may collect.
paused = []
pause = cli.collector_paused
@contextmanager
def watched_pause():
    with pause() as was_running:
        paused.append(True)
        yield was_running
cli.collector_paused = watched_pause
gc.callbacks.append(lambda phase, info: phase == "start" and paused and collections.append(info))
running = []
def run(app, **kwargs):
    running.append(gc.isenabled())
    del gc.callbacks[:]
cli_imported = "textual" in sys.modules

class PatchRun(importlib.abc.MetaPathFinder):
    # Sets `run` on the app class as its module is imported by `cli`.

    def find_spec(self, name, path, target=None):
        if name != "reader.ui.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        execute = spec.loader.exec_module

        def exec_module(module):
            execute(module)
            module.ReaderApp.run = run

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, PatchRun())
assert cli.main([{str(SEEDS)!r}]) == 0
print(cli_imported, len(collections), running, bool(paused))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split()[-4:] == ["False", "0", "[True]", "True"]


async def test_the_size_the_terminal_reports_at_start_does_not_lay_the_screen_out_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layouts: list[Size] = []
    app = ReaderApp(read_ahead(SEEDS))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await settle(pilot)
        on_layouts(app.screen, lambda screen: layouts.append(screen.outer_size))
        before = len(layouts)
        # As the driver reports the terminal's size once the app has started.
        app.screen.post_message(events.Resize(Size(*SIZE), Size(*SIZE)))
        await pilot.pause()
        assert len(layouts) == before
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert layouts[-1] == Size(100, 30), "a new size is laid out"


async def test_only_resumes_after_the_first_restyle_the_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    restyled: list[bool] = []
    update_node_styles = MainScreen.update_node_styles

    def counted(screen: MainScreen, animate: bool = True) -> None:
        restyled.append(True)
        update_node_styles(screen, animate)

    monkeypatch.setattr(MainScreen, "update_node_styles", counted)
    app = ReaderApp(read_ahead(SEEDS))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await settle(pilot)
        # Styled as it mounted: its first showing styles nothing again.
        assert restyled == []
        # A later resume that asks for it (Textual's, as a screen above closes).
        app.screen.post_message(events.ScreenResume(refresh_styles=True))
        await pilot.pause()
        assert restyled, "a later resume restyles as Textual does"
