"""The article list as a Line-API view: it paints only what is on screen and
what changed, however many articles it holds; clicks open the entry under the
mouse; while files load, the pane shows how far the load has got."""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from reader.errors import LoadError
from reader.loading import Loading
from reader.model import Article
from reader.prepared import PreparedBatch, prepare
from reader.state import ArticleState
from reader.state.article_state import NEW, READ, UNREAD
from reader.store import DocumentStore
from reader.ui.app import ReaderApp
from reader.ui.articles.list import ENTRY_HEIGHT, ArticleList
from reader.ui.articles.pane import ArticlesPane
from reader.ui.articles.progress import LoadProgress
from reader.ui.body.view import ArticleBody

from ..seeds import SECOND_SEED
from .conftest import focused_id, make_app
from .scenes import settle

SIZE = (60, 20)


def articles(first: int, count: int) -> list[tuple[Article, int]]:
    return [
        (Article(title=f"Article {number}", author="Ann Author", id=f"a{number}"), number % 7)
        for number in range(first, first + count)
    ]


class ListApp(App[None]):
    """Only the list, full screen: 20 lines show 10 entries."""

    def compose(self) -> ComposeResult:
        yield ArticleList(DocumentStore(), id="articles")


def record_painted_lines(view: ArticleList) -> list[int]:
    """From now on, every line `view` is asked to paint (as a line of the list)."""
    painted: list[int] = []
    render_line = view.render_line

    def recording(y: int):  # type: ignore[no-untyped-def]
        painted.append(view.scroll_offset.y + y)
        return render_line(y)

    view.render_line = recording  # type: ignore[method-assign]
    return painted


async def test_a_cursor_move_paints_only_the_two_entries_it_changes() -> None:
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleList)
        view.add_articles(articles(0, 50))
        view.highlighted = 3
        view.focus()
        await pilot.pause()
        painted = record_painted_lines(view)
        await pilot.press("j")
        await pilot.pause()
        assert view.highlighted == 4
        assert sorted(set(painted)) == [6, 7, 8, 9], "entries 3 and 4, two lines each"


async def test_appending_a_batch_paints_only_the_new_entries_on_screen() -> None:
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleList)
        view.add_articles(articles(0, 3))
        view.highlighted = 0
        await pilot.pause()
        painted = record_painted_lines(view)
        view.add_articles(articles(3, 4))
        await pilot.pause()
        assert set(painted) <= set(range(3 * ENTRY_HEIGHT, 7 * ENTRY_HEIGHT))
        assert 3 * ENTRY_HEIGHT in painted, "the first new entry is painted"
        # Past a screenful the scrollbar comes, and the narrower list is painted
        # again; after that, entries appended below the screen paint nothing.
        view.add_articles(articles(7, 100))
        await pilot.pause()
        painted.clear()
        view.add_articles(articles(107, 100))
        await pilot.pause()
        assert painted == []
        assert view.entry_count == 207
        assert view.virtual_size.height == 207 * ENTRY_HEIGHT
        assert view.max_scroll_y == 207 * ENTRY_HEIGHT - SIZE[1]


async def test_ten_thousand_entries_paint_no_more_than_a_screenful() -> None:
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleList)
        painted = record_painted_lines(view)
        rendered: list[int] = []
        prompt_at = view.prompt_at

        def counting(index: int, width: int | None = None):  # type: ignore[no-untyped-def]
            rendered.append(index)
            return prompt_at(index, width)

        view.prompt_at = counting  # type: ignore[method-assign]
        view.add_articles(articles(0, 10_000))
        view.highlighted = 0
        await pilot.pause()
        assert view.virtual_size.height == 10_000 * ENTRY_HEIGHT
        assert max(painted) < SIZE[1]
        assert set(rendered) <= set(range(SIZE[1] // ENTRY_HEIGHT))
        # `G` paints the last screenful only.
        painted.clear()
        rendered.clear()
        await pilot.press("G")
        await pilot.pause()
        assert view.highlighted == 9_999
        assert min(painted) >= 10_000 * ENTRY_HEIGHT - SIZE[1]
        assert len(set(rendered)) <= SIZE[1] // ENTRY_HEIGHT


async def test_page_keys_move_a_screenful_of_entries() -> None:
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleList)
        view.add_articles(articles(0, 50))
        view.highlighted = 0
        view.focus()
        await pilot.press("pagedown")
        assert view.highlighted == SIZE[1] // ENTRY_HEIGHT
        await pilot.press("pagedown", "pageup")
        assert view.highlighted == SIZE[1] // ENTRY_HEIGHT
        await pilot.press("end", "pagedown")
        assert view.highlighted == 49, "paging stops at the last entry"


async def test_entries_are_cut_to_the_width_with_the_counts_whole() -> None:
    app = ListApp()
    async with app.run_test(size=(30, 10)) as pilot:
        view = app.query_one(ArticleList)
        long = Article(title="A title " * 10, source="A long source name", author="Ann", id="x")
        view.add_articles([(long, 12)])
        await pilot.pause()
        title, details = (view.render_line(y).text.strip() for y in range(ENTRY_HEIGHT))
        assert title.endswith("…") and title.startswith("A title A title")
        assert details.endswith("· 12 comments")
        assert details.startswith("A long")


def read_earlier(new: int, unread: int, read: int) -> ArticleState:
    """The state of an article opened before, with comments of each kind."""
    reading = bytearray([NEW] * new + [UNREAD] * unread + [READ] * read)
    return ArticleState(1, array("q", range(len(reading))), True, reading)


@pytest.mark.parametrize(
    ("width", "said"),
    [(62, "Ann · 487 comments · 6 new · 300 unread"), (30, "6 new · 300 unread of 487")],
)
async def test_new_and_unread_are_counted_apart_and_said_shorter_when_narrow(
    width: int, said: str
) -> None:
    app = ListApp()
    async with app.run_test(size=(width + 2, 10)) as pilot:
        view = app.query_one(ArticleList)
        article = Article(title="A thread", author="Ann")
        view.store.register(prepare(article)._replace(state=read_earlier(6, 300, 181)), "x")
        view.add_articles([(article, 487)])
        await pilot.pause()
        # The counts whole (names give way first).
        assert view.render_line(1).text.strip().endswith(said)


async def test_a_title_with_line_breaks_keeps_to_its_two_lines() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(ArticleList)
        broken = Article(title="First\nsecond\nthird", author="Ann\nAuthor", id="x")
        view.add_articles([(broken, 1), *articles(1, 1)])
        await pilot.pause()
        lines = [view.render_line(y).text.strip() for y in range(2 * ENTRY_HEIGHT)]
        assert lines == ["First second third", "Ann Author · 1 comment", "Article 1", lines[3]]
        assert lines[3].endswith("· 1 comment")


async def test_a_click_opens_the_clicked_entry() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleList)
        assert view.highlighted == 0
        # The second entry's details line (the view has a one-column padding).
        assert await pilot.click(ArticleList, offset=(3, ENTRY_HEIGHT + 1))
        await pilot.pause()
        assert view.highlighted_id == SECOND_SEED
        body = app.query_one(ArticleBody)
        assert body.article is not None and body.article.id == SECOND_SEED
        assert focused_id(app) == "body", "a click opens the article, as enter does"


class GatedLoading(Loading):
    """The load worker hands over the first file it reads (the one after the file
    read ahead, which the screen shows as it mounts), then waits for `gate`."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__(paths)
        self.gate = threading.Event()

    def __iter__(self) -> Iterator[PreparedBatch | LoadError]:
        files = super().__iter__()
        yield next(files)
        self.gate.wait(timeout=10)
        yield from files


async def test_the_load_shows_its_progress_until_it_is_done(tmp_path: Path) -> None:
    paths = []
    for number in range(3):
        path = tmp_path / f"{number}.txt"
        path.write_text(f"Article {number}\n\nIts body, invented.\n", encoding="utf-8")
        paths.append(path)
    loading = GatedLoading(paths)
    loading.read_ahead()
    total = sum(path.stat().st_size for path in paths) / 1e6
    app = ReaderApp(loading)
    async with app.run_test(size=(160, 45)) as pilot:
        pane = app.query_one(ArticlesPane)
        for _ in range(50):
            await pilot.pause(0.02)
            if app.query_one(ArticleList).entry_count == 2:
                break
        # The first articles are listed (and the first opened) while the last loads.
        assert app.query_one(ArticleList).entry_count == 2
        assert app.query_one(ArticleBody).article is not None
        (progress,) = pane.query(LoadProgress)
        done = sum(path.stat().st_size for path in paths[:2]) / 1e6
        assert f"files 2/3 · {done:.1f}/{total:.1f} MB" in str(
            progress.query_one("Static").render()
        )
        loading.gate.set()
        await settle(pilot)
        assert not pane.query(LoadProgress), "gone once every file is read"
        assert app.query_one(ArticleList).entry_count == 3
        assert str(pane.border_subtitle) == "3 articles"


async def test_the_cursor_moved_while_the_list_is_hidden_is_on_screen_when_it_shows() -> None:
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleList)
        view.add_articles(articles(0, 50))
        view.highlighted = 0
        await pilot.pause()
        view.display = False
        await pilot.pause()
        view.highlighted = 30
        view.display = True
        await pilot.pause()
        top = view.scroll_offset.y
        assert top <= 30 * ENTRY_HEIGHT and top + SIZE[1] >= 31 * ENTRY_HEIGHT
