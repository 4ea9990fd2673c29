"""Memory between sessions in the UI: seen and new comments, list counts, next
new, mark read, position restore, search history, theme, keymap, time style,
warnings and the scrollbar minimap. Each test runs the real app on a state
database in a temporary folder, closing it between "sessions"."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from rich.segment import Segment

from reader.config import Config, load_config
from reader.loading import Loading
from reader.state import State, open_state
from reader.ui.app import ReaderApp
from reader.ui.articles.list import ArticleList
from reader.ui.commands import ALL_COMMANDS, SEARCH_BAR_COMMANDS, STATE_COMMANDS
from reader.ui.search.bar import SearchBar
from reader.ui.thread.minimap_cells import MATCH, NEW
from reader.ui.thread.pane import ThreadPane
from reader.ui.thread.view import ThreadView

from .conftest import NESTED_THREAD, focused_id, record_notifications
from .scenes import FIXTURES, settle
from .test_key_help import footer_text, help_text, palette
from .test_thread_reading import contrast

WIDE = (160, 45)
ADDED = "  4. A fourth top-level comment, added later.\n"


def open_db(folder: Path) -> State:
    state, warnings = open_state(folder / "state.db")
    assert state is not None and not warnings
    return state


def make_app(paths: list[Path], state: State | None, config: Config | None = None) -> ReaderApp:
    return ReaderApp(Loading(paths), state=state, config=config)


def write_thread(folder: Path, text: str = NESTED_THREAD, name: str = "nested.txt") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def header_text(view: ThreadView, index: int) -> str:
    return view.thread_layout.painted(index).strips[0].text


def prompt_text(app: ReaderApp, row: int = 0) -> str:
    articles = app.query_one("#articles", ArticleList)
    return str(articles.prompt_at(row))


async def read_the_whole_thread(
    paths: list[Path], folder: Path, size: tuple[int, int] = WIDE
) -> None:
    """A first session: open the (only) article and look at all of its comments."""
    state = open_db(folder)
    app = make_app(paths, state)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        # Paging down draws every comment on the way to the end.
        await pilot.press("enter", "c", *["pagedown"] * 12)
        await pilot.pause()
    state.close()


async def test_a_comment_added_since_the_last_session_is_new_and_u_lands_on_it(
    tmp_path: Path,
) -> None:
    thread_file = write_thread(tmp_path)
    await read_the_whole_thread([thread_file], tmp_path)
    with thread_file.open("a", encoding="utf-8") as file:
        file.write(ADDED)
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        assert view.reading.article is not None and view.thread is not None
        added = len(view.thread) - 1
        assert [i for i in range(len(view.thread)) if view.reading.article.is_new(i)] == [added]
        assert "● new" in header_text(view, added)
        assert all("● new" not in header_text(view, i) for i in range(added))
        assert "8 comments · 1 new" in prompt_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert focused_id(app) == "thread" and view.cursor == added
        await pilot.press("escape", "U")
        await pilot.pause()
        # From another pane, `U` lands on the new comment under the cursor.
        assert focused_id(app) == "thread" and view.cursor == added
    state.close()


async def test_a_first_visit_has_no_new_marks_and_every_comment_unread(tmp_path: Path) -> None:
    first = write_thread(tmp_path, name="a.txt")
    second = write_thread(tmp_path, NESTED_THREAD.replace("A nested", "Another nested"), "b.txt")
    state = open_db(tmp_path)
    app = make_app([first, second], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        assert view.reading.article is not None and not view.reading.article.opened_before
        assert (view.reading.article.new_count, view.reading.article.unread_count) == (0, 7)
        assert all("○" in header_text(view, i) for i in range(7))
        assert all("● new" not in header_text(view, i) for i in range(7))
        assert app.query_one(ThreadPane).border_title == "Comments (7 · 7 unread)"
        articles = app.query_one("#articles", ArticleList)
        # The first is shown now, so no longer unread as a whole: its count says it.
        assert "7 comments · 7 unread" in prompt_text(app, 0)
        assert articles.opened == {articles.highlighted_id}
        # The second was never opened: its `●` says all of it is unread.
        assert "● Another nested" in prompt_text(app, 1)
        assert "unread" not in prompt_text(app, 1) and "new" not in prompt_text(app, 1)
    state.close()


LONG_THREAD = "A long thread\n\nThe body.\n\n" + "".join(
    f"  {n}. Comment number {n} of a long thread.\n" for n in range(1, 41)
)


async def test_only_comments_drawn_on_screen_are_marked_seen(tmp_path: Path) -> None:
    """At 80x24 the thread is not on screen until `c`; then only its top shows."""
    thread_file = write_thread(tmp_path, LONG_THREAD, "long.txt")
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        assert view.reading.article is not None and not any(view.reading.article.marked)
        await pilot.press("enter", "c")
        await pilot.pause()
        seen = [i for i, mark in enumerate(view.reading.article.marked) if mark]
        assert seen and seen == list(range(len(seen))) and len(seen) < 20
    state.close()
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        article = view.reading.article
        assert article is not None
        assert (article.new_count, article.unread_count) == (0, 40 - len(seen))
        assert f"40 comments · {40 - len(seen)} unread" in prompt_text(app)
    state.close()


async def test_comments_there_at_the_last_visit_but_never_drawn_are_unread_not_new(
    tmp_path: Path,
) -> None:
    """The issue's `487 comments · 481 new`: a few comments read, a relaunch,
    one comment added. Only that one is new (`● new`, reached with `u`/`U`);
    the others never drawn are unread (a dimmer `○`, reached with `r`/`R`),
    and each kind is counted apart in the list and the comments' title."""
    thread_file = write_thread(tmp_path, LONG_THREAD, "long.txt")
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c")
        await pilot.pause()
        view = app.query_one(ThreadView)
        assert view.reading.article is not None
        read = view.reading.article.marked.count(1)
    state.close()
    with thread_file.open("a", encoding="utf-8") as file:
        file.write("  41. Comment number 41, added since.\n")
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        marks = view.reading.article
        assert marks is not None
        assert [i for i in range(41) if marks.is_new(i)] == [40]
        assert [i for i in range(41) if marks.is_unread(i)] == list(range(read, 40))
        assert f"41 comments · 1 new · {40 - read} unread" in prompt_text(app)
        title = f"Comments (41 · 1 new · {40 - read} unread)"
        assert app.query_one(ThreadPane).border_title == title
        # `u` skips the unread comments to the new one; `.` goes to the first unread.
        await pilot.press("u")
        await pilot.pause()
        assert focused_id(app) == "thread" and view.cursor == 40
        assert "● new" in header_text(view, 40) and "○" not in header_text(view, 40)
        assert "○" in header_text(view, read) and "● new" not in header_text(view, read)
        assert "○" not in header_text(view, 0) and "●" not in header_text(view, 0)
        await pilot.press("g", "full_stop")
        await pilot.pause()
        assert view.cursor == read
        await pilot.press("full_stop", "full_stop")
        await pilot.pause()
        assert view.cursor == read + 2
        await pilot.press("comma")
        await pilot.pause()
        assert view.cursor == read + 1
        # Each is a jump: `'` goes back to where the last one left from, and returns.
        await pilot.press("apostrophe")
        assert view.cursor == read + 2
        await pilot.press("apostrophe")
        assert view.cursor == read + 1
        await pilot.press("G", "comma")
        await pilot.pause()
        assert view.cursor == 39
        # From another pane, `.` lands on the unread comment under the cursor.
        await pilot.press("escape", "full_stop")
        await pilot.pause()
        assert focused_id(app) == "thread" and view.cursor == 39
    state.close()


async def test_u_and_full_stop_say_when_there_is_nothing_that_way(tmp_path: Path) -> None:
    thread_file = write_thread(tmp_path)
    await read_the_whole_thread([thread_file], tmp_path)
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    notes = record_notifications(app)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("u", "full_stop")
        await pilot.pause()
        assert focused_id(app) == "articles"
    state.close()
    messages = [note["message"] for note in notes]
    assert "No new comments in this article" in messages
    assert "No unread comments in this article" in messages


async def test_mark_read_and_mark_all_read_clear_the_new_marks(tmp_path: Path) -> None:
    first = write_thread(tmp_path, name="a.txt")
    second = write_thread(tmp_path, NESTED_THREAD.replace("A nested", "Another nested"), "b.txt")
    await read_the_whole_thread([first, second], tmp_path)
    for path in (first, second):
        with path.open("a", encoding="utf-8") as file:
            file.write(ADDED)
    state = open_db(tmp_path)
    app = make_app([first, second], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        # The second article was never opened: unread, not "1 new".
        assert "1 new" in prompt_text(app, 0) and "● Another nested" in prompt_text(app, 1)
        await pilot.press("m")
        await pilot.pause()
        assert view.reading.article is not None and not view.reading.article.new_count
        assert "new" not in prompt_text(app, 0)
        assert all("● new" not in header_text(view, i) for i in range(len(view.thread or [])))
        await pilot.press("M")
        await pilot.pause()
        assert all(not marks.new_count for marks in app.main_screen.store.states)
    state.close()
    # Marked read is remembered: nothing is new in the next session.
    state = open_db(tmp_path)
    app = make_app([first, second], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert all(not marks.new_count for marks in app.main_screen.store.states)
        assert "new" not in prompt_text(app, 0)
    state.close()


async def test_the_article_and_comment_last_shown_are_restored(tmp_path: Path) -> None:
    first = write_thread(tmp_path, name="a.txt")
    second = write_thread(tmp_path, NESTED_THREAD.replace("A nested", "Another nested"), "b.txt")
    state = open_db(tmp_path)
    app = make_app([first, second], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter", "c", "j", "j", "j")
        await pilot.pause()
        view = app.query_one(ThreadView)
        assert view.thread is not None
        path = view.thread.comments[view.cursor].path
        assert path == "1.1.2"
    state.close()
    state = open_db(tmp_path)
    app = make_app([first, second], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.query_one("#articles", ArticleList).highlighted == 1
        view = app.query_one(ThreadView)
        assert view.thread is not None and view.thread.comments[view.cursor].path == "1.1.2"
    state.close()


async def test_search_history_outlives_the_session(tmp_path: Path) -> None:
    thread_file = write_thread(tmp_path)
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"reply", "enter")
        await pilot.pause()
    state.close()
    state = open_db(tmp_path)
    assert state.history == ["reply"]
    app = make_app([thread_file], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c", "slash", "up")
        await pilot.pause()
        bar = app.query_one("#thread-pane").query_one(SearchBar)
        assert bar.search_query.text == "reply"
    state.close()


async def test_a_theme_chosen_is_remembered_and_the_config_one_wins(tmp_path: Path) -> None:
    thread_file = write_thread(tmp_path)
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
    state.close()
    state = open_db(tmp_path)
    assert state.theme == "nord"
    app = make_app([thread_file], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
    state.close()
    state = open_db(tmp_path)
    app = make_app([thread_file], state, Config(theme="gruvbox"))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.theme == "gruvbox"
    state.close()


async def test_a_keymap_in_the_config_changes_the_key_and_the_help(tmp_path: Path) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('[keys]\n"state.next_new" = "x"\n"no.such" = "y"\n', encoding="utf-8")
    config = load_config(config_file)
    thread_file = write_thread(tmp_path)
    await read_the_whole_thread([thread_file], tmp_path)
    with thread_file.open("a", encoding="utf-8") as file:
        file.write(ADDED)
    state = open_db(tmp_path)
    app = make_app([thread_file], state, config)
    notes = record_notifications(app)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        await pilot.press("u")
        await pilot.pause()
        assert focused_id(app) == "articles"
        await pilot.press("x")
        await pilot.pause()
        assert view.thread is not None and view.cursor == len(view.thread) - 1
        await pilot.press("question_mark")
        await pilot.pause()
        line = next(line for line in help_text(app).splitlines() if "Next new comment" in line)
        assert line.split()[0] == "x", line
    state.close()
    # The unknown id is one warning naming the file and line, shown in the app.
    warnings = [note for note in notes if note.get("severity") == "warning"]
    assert any(
        "config.toml:3" in note["message"] and "no.such" in note["message"] for note in warnings
    )
    assert all(note.get("markup") is False for note in warnings)


async def test_absolute_time_style_shows_full_times_in_headers(tmp_path: Path) -> None:
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "hn_algolia.json"
    for style, pattern in (("absolute", " UTC"), ("relative", " ago")):
        app = make_app([fixture], None, Config(time=style))
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            view = app.query_one(ThreadView)
            assert pattern in header_text(view, 0), style


async def test_the_new_mark_reads_in_dark_and_light_themes(tmp_path: Path) -> None:
    thread_file = write_thread(tmp_path)
    await read_the_whole_thread([thread_file], tmp_path)
    for theme in ("textual-dark", "textual-light"):
        # A comment new to each session.
        with thread_file.open("a", encoding="utf-8") as file:
            file.write(f"  9. Added for the {theme} session.\n")
        state = open_db(tmp_path)
        app = make_app([thread_file], state, Config(theme=theme))
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            view = app.query_one(ThreadView)
            view.render_lines(view.scrollable_content_region.reset_offset)
            marks: list[Segment] = [
                segment
                for y in range(view.scrollable_content_region.height)
                for segment in view.render_line(y)
                if "● new" in segment.text
            ]
            assert marks, theme
            for segment in marks:
                style = segment.style
                assert style is not None and style.color and style.bgcolor
                ratio = contrast(style.color.get_truecolor(), style.bgcolor.get_truecolor())
                assert ratio >= 4.5, (theme, ratio)
        state.close()


async def test_the_unread_mark_is_dimmer_than_new_and_reads_in_both_themes(
    tmp_path: Path,
) -> None:
    """A first visit: every comment unread. The `○` keeps 4.5:1 on the view and
    on the focused cursor row, and is not drawn in the new mark's colour."""
    thread_file = write_thread(tmp_path)
    for theme in ("textual-dark", "textual-light"):
        state = open_db(tmp_path / theme)
        app = make_app([thread_file], state, Config(theme=theme))
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            await pilot.press("tab", "tab")
            await pilot.pause()
            view = app.query_one(ThreadView)
            assert focused_id(app) == "thread" and view.cursor == 0
            view.render_lines(view.scrollable_content_region.reset_offset)
            rows = [view.render_line(y) for y in range(view.scrollable_content_region.height)]
            marks = [
                (y, segment) for y, row in enumerate(rows) for segment in row if "○" in segment.text
            ]
            assert len(marks) == 7 and marks[0][0] == 0, theme
            new_colour = view.get_component_rich_style("thread-view--new").color
            for _, segment in marks:
                style = segment.style
                assert style is not None and style.color and style.bgcolor
                assert style.color != new_colour
                ratio = contrast(style.color.get_truecolor(), style.bgcolor.get_truecolor())
                assert ratio >= 4.5, (theme, ratio)
        state.close()


async def test_the_minimap_marks_where_new_comments_and_matches_lie(tmp_path: Path) -> None:
    lines = ["A long thread", "", "The body.", ""]
    lines += [f"  {n}. Comment number {n} of a long thread." for n in range(1, 81)]
    thread_file = write_thread(tmp_path, "\n".join(lines) + "\n", "long.txt")
    await read_the_whole_thread([thread_file], tmp_path)
    with thread_file.open("a", encoding="utf-8") as file:
        file.write("  81. The one comment added later.\n")
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        marks = view.minimap_marks(40)
        assert marks is not None
        # Only the end of the thread holds something new.
        assert [cell for cell, mark in enumerate(marks.cells) if mark] == [39]
        assert marks.cells[39] == NEW
        await pilot.press("enter", "c", "slash", *"number 1 ", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        marks = view.minimap_marks(40)
        assert marks is not None and marks.cells[0] == MATCH and marks.cells[20] == 0
        # And the scrollbar draws them.
        bar = view.vertical_scrollbar
        rendered = list(app.console.render(bar.render(), app.console.options.update(height=40)))
        assert any(segment.text.startswith("━") for segment in rendered)
    state.close()


async def test_without_state_the_state_commands_are_not_offered(tmp_path: Path) -> None:
    thread_file = write_thread(tmp_path)
    app = make_app([thread_file], None)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert focused_id(app) == "articles"
        assert "new" not in prompt_text(app) and "●" not in prompt_text(app)
        shown = {
            binding.binding.id for binding in app.screen.active_bindings.values() if binding.enabled
        }
        assert "state.next_new" not in shown and "articles.down" in shown


async def test_state_warnings_from_its_threads_and_at_start_are_shown_in_the_app(
    tmp_path: Path,
) -> None:
    thread_file = write_thread(tmp_path)
    state = open_db(tmp_path)
    app = ReaderApp(Loading([thread_file]), state=state, warnings=["state.db was damaged; moved"])
    notes = record_notifications(app)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert state.on_warning is not None
        # From another thread, as the state's writer calls it.
        await asyncio.get_running_loop().run_in_executor(
            None, state.on_warning, "cannot be written"
        )
        await pilot.pause()
    state.close()
    messages = [note["message"] for note in notes if note.get("severity") == "warning"]
    assert messages == ["state.db was damaged; moved", "cannot be written"]


async def test_in_the_search_bar_the_state_keys_are_letters(tmp_path: Path) -> None:
    thread_file = write_thread(tmp_path)
    await read_the_whole_thread([thread_file], tmp_path)
    with thread_file.open("a", encoding="utf-8") as file:
        file.write(ADDED)
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c", "slash", "u", "m", "M", "U")
        await pilot.pause()
        view = app.query_one(ThreadView)
        bar = app.query_one("#thread-pane").query_one(SearchBar)
        assert bar.search_query.text == "umMU"
        assert view.reading.article is not None and view.reading.article.new_count == 1
    state.close()


async def test_the_body_scroll_of_each_article_is_restored(tmp_path: Path) -> None:
    paragraphs = "\n\n".join(f"Paragraph {n} of a long body." for n in range(1, 80))
    long_body = write_thread(tmp_path, f"A long body\n\n{paragraphs}\n\n  1. A comment.\n", "a.txt")
    other = write_thread(tmp_path, name="b.txt")
    state = open_db(tmp_path)
    app = make_app([long_body, other], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "space", "space")
        await pilot.pause()
        scrolled = app.query_one("#body").scroll_y
        assert scrolled > 0
        # Another article, and back: the body is where it was left.
        await pilot.press("escape", "j", "k", "enter")
        await pilot.pause()
        assert app.query_one("#body").scroll_y == scrolled
    state.close()
    state = open_db(tmp_path)
    app = make_app([long_body, other], state)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#body").scroll_y == scrolled
    state.close()


def reddit_copy(folder: Path, added: bool) -> Path:
    """The reddit fixture (two "more replies" stubs); with `added`, a reply and
    a stub for 2 more under its last comment, as a later download would have."""
    data = json.loads((FIXTURES / "reddit.json").read_text(encoding="utf-8"))
    if added:
        last = data[1]["data"]["children"][-1]["data"]
        reply = {"id": "c10", "author": "late_reader", "body": "Arrived since.", "replies": ""}
        more = {"id": "c11", "count": 2, "children": ["c11", "c12"]}
        last["replies"] = {
            "kind": "Listing",
            "data": {"children": [{"kind": "t1", "data": reply}, {"kind": "more", "data": more}]},
        }
    path = folder / "reddit.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


async def test_stubs_are_never_new_unread_counted_or_stopped_on(tmp_path: Path) -> None:
    """The issue's reddit thread: `197 comments · 345 new`, and `u` stopping on
    `⋯ 15 more replies not in this file`."""
    thread_file = reddit_copy(tmp_path, added=False)
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        thread, marks = view.thread, view.reading.article
        assert thread is not None and marks is not None and thread.stubs == 2
        count = thread.comment_count
        assert marks.unread_count == count == len(thread) - 2
        assert f"Comments ({count} · {count} unread)" == app.query_one(ThreadPane).border_title
        stopped = []
        for _ in range(count + 1):
            await pilot.press("full_stop")
            await pilot.pause()
            stopped.append(view.cursor)
        # Every comment once, then no further: never a stub.
        assert len(set(stopped)) == count
        assert all(thread.comments[index].status != "more" for index in stopped)
        for index in range(len(thread)):
            header = header_text(view, index)
            assert ("○" in header) == (thread.comments[index].status != "more"), header
    state.close()
    reddit_copy(tmp_path, added=True)
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        view = app.query_one(ThreadView)
        thread, marks = view.thread, view.reading.article
        assert thread is not None and marks is not None and thread.stubs == 3
        new = [index for index in range(len(thread)) if marks.is_new(index)]
        assert [thread.comments[index].text for index in new] == [("Arrived since.",)]
        assert f"{count + 1} comments · 1 new" in prompt_text(app)
        await pilot.press("u", "u")
        await pilot.pause()
        assert view.cursor == new[0]
    state.close()


async def test_the_unread_keys_are_in_the_footer_help_and_palette(tmp_path: Path) -> None:
    thread_file = write_thread(tmp_path)
    state = open_db(tmp_path)
    app = make_app([thread_file], state)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert ". Next unread" in footer_text(app).splitlines()
        entries = palette(app)
        assert "(.)" in entries["Next unread"] and "(,)" in entries["Previous unread"]
        await pilot.press("question_mark")
        await pilot.pause()
        lines = help_text(app).splitlines()
        for key, words in ((".", "Next unread comment"), (",", "Previous unread comment")):
            line = next(line for line in lines if words in line)
            assert line.split()[0] == key, line
    state.close()


def test_the_state_keys_are_bound_to_nothing_else() -> None:
    """`u` `U` `.` `,` `m` `M` act in every pane: no pane's own key may be one
    (the search bar's letters are typed, and the state keys are off there)."""
    state_keys = {key for command in STATE_COMMANDS for key in command.keys.split(",")}
    assert {"full_stop", "comma"} <= state_keys
    for command in ALL_COMMANDS:
        if command in STATE_COMMANDS or command in SEARCH_BAR_COMMANDS:
            continue
        assert not state_keys & set(command.keys.split(",")), command.id
