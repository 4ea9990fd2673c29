"""Reading a thread (issue 9): the filter, paging long comments, contrast, folds,
empty states, boundary notices and relative times."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from textual.color import Color

from reader.ui.app import ReaderApp
from reader.ui.thread.pane import ThreadPane
from reader.ui.thread.styles import painter_styles
from reader.ui.thread.view import ThreadView
from tests.builders import index_of

from .conftest import cursor_path, make_app, record_notifications
from .scenes import settle


def thread_view(app: ReaderApp) -> ThreadView:
    return app.main_screen.query_one(ThreadView)


def shown_comments(app: ReaderApp) -> set[int]:
    view = thread_view(app)
    assert view.rows is not None
    return set(view.rows.rows)


# The comments filter ---------------------------------------------------------


async def _filter_on_aleppo(app: ReaderApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter", "c", "slash", *"aleppo")
    await settle(pilot)
    await pilot.press("alt+f")
    await settle(pilot)


async def test_broadening_a_filtered_query_shows_its_matches_instead_of_crashing() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await _filter_on_aleppo(app, pilot)
        narrow = shown_comments(app)
        await pilot.press("ctrl+u", *"trump")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        pane = app.main_screen.query_one("#thread-pane", ThreadPane)
        matched = {match.key[0] for match in pane.matches}  # type: ignore[index]
        assert matched and not matched <= narrow
        assert matched <= shown_comments(app)
        assert thread_view(app).cursor in shown_comments(app)


async def test_backspacing_a_filtered_query_to_one_letter_keeps_the_app_running() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await _filter_on_aleppo(app, pilot)
        await pilot.press(*["backspace"] * 5)
        await settle(pilot)
        assert app.is_running and app.return_code is None
        pane = app.main_screen.query_one("#thread-pane", ThreadPane)
        matched = {match.key[0] for match in pane.matches}  # type: ignore[index]
        assert matched <= shown_comments(app)


async def test_a_filter_left_on_from_an_earlier_search_follows_the_new_query() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await _filter_on_aleppo(app, pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("slash", "ctrl+u", *"trump")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        pane = app.main_screen.query_one("#thread-pane", ThreadPane)
        matched = {match.key[0] for match in pane.matches}  # type: ignore[index]
        assert matched and matched <= shown_comments(app)


async def test_an_empty_query_with_the_filter_on_shows_every_comment() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await _filter_on_aleppo(app, pilot)
        await pilot.press("ctrl+u")
        await settle(pilot)
        view = thread_view(app)
        assert view.thread is not None
        assert shown_comments(app) == set(range(len(view.thread)))


# Long comments and paging ----------------------------------------------------


async def open_thread(app: ReaderApp, pilot) -> ThreadView:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter", "c")
    await pilot.pause()
    view = thread_view(app)
    assert app.screen.focused is view
    return view


def lines_on_screen(view: ThreadView) -> set[tuple[int, int]]:
    """(comment index, line within the comment) of every comment line on screen."""
    rows = view.rows
    assert rows is not None
    top = round(view.scroll_y)
    seen: set[tuple[int, int]] = set()
    for line in range(top, min(top + view.scrollable_content_region.height, rows.total_lines)):
        position = rows.row_at_line(line)
        seen.add((rows.rows[position], line - rows.line_of(position)))
    return seen


def every_line(view: ThreadView) -> set[tuple[int, int]]:
    rows = view.rows
    assert rows is not None
    return {
        (index, offset)
        for position, index in enumerate(rows.rows)
        for offset in range(view.thread_layout.measure(position))
    }


async def walk(view: ThreadView, pilot, key: str) -> set[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Press `key` until nothing moves; every comment line that was on screen."""
    seen = lines_on_screen(view)
    for _ in range(2000):
        before = (view.cursor, view.scroll_y)
        await pilot.press(key)
        seen |= lines_on_screen(view)
        if (view.cursor, view.scroll_y) == before:
            return seen
    raise AssertionError(f"{key} never reached the end of the thread")


async def test_j_scrolls_through_a_comment_taller_than_the_pane_before_moving_on() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert cursor_path(view) == "3"
        tall = view.cursor
        assert view.rows is not None
        height = view.thread_layout.measure(view.rows.position(tall))  # type: ignore[arg-type]
        assert height > view.scrollable_content_region.height, "comment 3 is the tall one"
        seen = lines_on_screen(view)
        while view.cursor == tall:
            await pilot.press("j")
            seen |= lines_on_screen(view)
        assert cursor_path(view) == "3.1"
        assert {offset for index, offset in seen if index == tall} == set(range(height))


@pytest.mark.parametrize("size", [(40, 12), (60, 16), (100, 30), (160, 45)])
async def test_j_and_k_show_every_line_of_every_comment(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        view = await open_thread(app, pilot)
        down = await walk(view, pilot, "j")
        assert down == every_line(view)
        assert view.cursor == view.rows.rows[-1]  # type: ignore[union-attr]
        up = await walk(view, pilot, "k")
        assert up == every_line(view)
        assert view.cursor == 0 and view.scroll_y == 0


@pytest.mark.parametrize(("down", "up"), [("pagedown", "pageup"), ("ctrl+f", "ctrl+b")])
async def test_page_keys_scroll_by_lines_with_the_cursor_on_the_top_comment(
    down: str, up: str
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert cursor_path(view) == "3"
        start = round(view.scroll_y)
        page = view.scrollable_content_region.height - 1
        await pilot.press(down)
        assert round(view.scroll_y) == start + page
        assert cursor_path(view) == "3", "still inside comment 3: the cursor stays on it"
        await pilot.press(up)
        assert round(view.scroll_y) == start and cursor_path(view) == "3"
        await pilot.press("home")
        seen = await walk(view, pilot, down)
        assert seen == every_line(view)


async def test_ctrl_d_and_ctrl_u_scroll_half_a_page() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_thread(app, pilot)
        half = view.scrollable_content_region.height // 2
        await pilot.press("ctrl+d")
        assert round(view.scroll_y) == half
        await pilot.press("ctrl+d")
        assert round(view.scroll_y) == 2 * half
        assert view.rows is not None
        assert view.rows.position(view.cursor) == view.rows.row_at_line(2 * half)
        await pilot.press("ctrl+u", "ctrl+u")
        assert view.scroll_y == 0 and view.cursor == 0


# Folding ---------------------------------------------------------------------


def screen_text(view: ThreadView) -> list[str]:
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def header_line(view: ThreadView, path: str) -> str:
    """The first screen line of the comment at `path` (it must be visible)."""
    assert view.thread is not None and view.rows is not None
    position = view.rows.position(index_of(view.thread, path))  # type: ignore[arg-type]
    assert position is not None
    return view.render_line(view.rows.line_of(position) - round(view.scroll_y)).text


async def test_fold_all_keeps_each_comments_first_words_and_says_what_is_hidden(
    nested_file: Path,
) -> None:
    app = make_app([nested_file])
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("C")
        folded = header_line(view, "1")
        assert "First top-level comment." in folded
        assert folded.rstrip().endswith("+4"), "the replies the fold hides, said short"
        assert "Second top-level comment." in header_line(view, "2")
        await pilot.press("1")
        assert "First top-level comment." in header_line(view, "1")


async def test_a_folded_line_cuts_its_preview_but_keeps_the_hidden_count(
    nested_file: Path,
) -> None:
    long = nested_file.read_text().replace(
        "First top-level comment.", "First top-level comment. " + "word " * 60
    )
    nested_file.write_text(long)
    app = make_app([nested_file])
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("space")
        folded = header_line(view, "1")
        assert "First top-level" in folded and "…" in folded
        assert folded.rstrip().endswith("+4")


async def test_space_folds_a_comment_without_replies_to_one_line(nested_file: Path) -> None:
    app = make_app([nested_file])
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("right_square_bracket")
        assert cursor_path(view) == "2"
        assert view.rows is not None
        position = view.rows.position(view.cursor)
        assert position is not None
        await pilot.press("space")
        assert view.rows.is_collapsed(view.cursor)
        assert view.thread_layout.measure(position) == 1, "the header line, no separator"
        assert "▸ 2" in header_line(view, "2")
        assert "Second top-level comment." in header_line(view, "2")
        await pilot.press("space")
        assert not view.rows.is_collapsed(view.cursor)
        assert view.thread_layout.measure(position) == 3, "header, text, separator"


def test_fold_commands_say_fold_not_collapse() -> None:
    from reader.ui.commands import THREAD_COMMANDS

    titles = {command.title for command in THREAD_COMMANDS}
    assert {"Fold", "Unfold", "Fold all", "Unfold all"} <= titles
    words = " ".join(f"{command.title} {command.help}" for command in THREAD_COMMANDS).lower()
    assert "collapse" not in words and "expand" not in words


# Empty states ----------------------------------------------------------------


async def test_an_article_without_comments_says_so_in_the_pane() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await pilot.pause()
        view = thread_view(app)
        assert view.thread is not None and len(view.thread) == 0
        assert "No comments" in screen_text(view)[0]


async def test_a_filter_without_matches_says_so_in_the_pane() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c", "slash", "alt+f", *"zzqx[b]")
        await settle(pilot)
        view = thread_view(app)
        assert view.rows is not None and not view.rows.rows
        assert "No comments match /zzqx[b]" in screen_text(view)[0]


# Boundaries ------------------------------------------------------------------


def notices(calls: list[dict[str, object]]) -> list[str]:
    for call in calls:
        assert call.get("markup") is False, "document-independent, but markup stays off"
    return [str(call["message"]) for call in calls]


async def test_moves_past_a_boundary_say_why_nothing_moved(nested_file: Path) -> None:
    app = make_app([nested_file])
    calls = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("p")
        assert cursor_path(view) == "1"
        await pilot.press("K", "left_square_bracket")
        assert cursor_path(view) == "1"
        await pilot.press("G", "J", "right_square_bracket")
        assert cursor_path(view) == "3"
        await pilot.pause()
        assert notices(calls) == [
            "Top-level comment has no parent",
            "No previous sibling",
            "No previous top-level comment",
            "No next sibling",
            "No next top-level comment",
        ]


# Times -----------------------------------------------------------------------

TIMED_THREAD = """\
title: A timed thread
body: The body.
comments:
  - author: sam
    posted: "2024-05-01T12:34:56+00:00"
    text: A comment with a time.
    replies:
      - author: lee
        posted: March 2017
        text: A reply whose time is words.
        replies: []
  - author: kim
    posted: null
    text: A comment without a time.
    replies: []
"""


def test_the_header_says_the_time_relative_to_now() -> None:
    from datetime import UTC, datetime

    from rich.console import Console
    from rich.style import Style

    from reader.model import Comment
    from reader.ui.thread.painter import CommentPainter
    from reader.ui.thread.styles import PainterStyles

    plain = Style()
    painter = CommentPainter(
        Console(width=80),
        PainterStyles([plain], plain, plain, plain, plain, plain),
        clock=lambda: datetime(2024, 5, 1, 15, 40, tzinfo=UTC),
    )

    def header(posted: str) -> str:
        comment = Comment(posted=posted, text=["Words."], author="sam")
        return painter.paint(comment, 80, 0, 0, False).strips[0].text

    assert "sam  3 h ago" in header("2024-05-01T12:34:56+00:00")
    assert "2 years ago" in header("2022-03-01")
    assert "March 2017" in header("March 2017"), "words that are no time are shown as they are"


async def test_the_full_time_of_the_cursor_comment_is_in_the_status_line(tmp_path: Path) -> None:
    from reader.ui.thread.pane import CommentStatus

    path = tmp_path / "timed.yaml"
    path.write_text(TIMED_THREAD, encoding="utf-8")
    app = make_app([path])
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_thread(app, pilot)
        status = app.main_screen.query_one(CommentStatus)
        header = header_line(view, "1")
        assert "sam" in header and " ago" in header and "2024-05-01" not in header
        assert status.display
        assert str(status.render()) == "1 · posted 2024-05-01 12:34:56 UTC"
        await pilot.press("j")
        await pilot.pause()
        assert str(status.render()) == "1.1 · posted March 2017"
        await pilot.press("j")
        await pilot.pause()
        assert not status.display, "no time: no status line"


# Contrast --------------------------------------------------------------------

# Glyphs that draw the tree and the cursor, not text: they are not held to 4.5:1.
DECORATION = set("│▾▸•▌ ")


def luminance(color: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = color
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rendered_segments(view: ThreadView) -> list[tuple[int, Segment]]:
    """(line, segment) of every segment the view draws, as the compositor gets them."""
    view.render_lines(view.scrollable_content_region.reset_offset)
    return [
        (y, segment)
        for y in range(view.scrollable_content_region.height)
        for segment in view.render_line(y)
    ]


def text_contrasts(view: ThreadView) -> list[tuple[float, str, int, Segment]]:
    found = []
    for y, segment in rendered_segments(view):
        style = segment.style
        if style is None or not set(segment.text) - DECORATION:
            continue
        assert style.color is not None and style.bgcolor is not None, segment
        ratio = contrast(
            tuple(style.color.get_truecolor()),  # type: ignore[arg-type]
            tuple(style.bgcolor.get_truecolor()),  # type: ignore[arg-type]
        )
        found.append((ratio, segment.text, y, segment))
    return found


def cursor_lines(view: ThreadView) -> set[int]:
    return {y for y, segment in rendered_segments(view) if segment.text == "▌"}


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_matches_and_the_cursor_row_have_a_contrast_of_at_least_4_5(theme: str) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        app.theme = theme
        view = await open_thread(app, pilot)
        # Comment 3 folded under the cursor: its header, its text and +2.
        await pilot.press("right_square_bracket", "right_square_bracket", "space", "k")
        await pilot.press("slash", *"the", "enter", "n")
        await settle(pilot)
        found = text_contrasts(view)
        styles = painter_styles(app.main_screen.query_one(ThreadView))
        kinds = {
            "match": [f for f in found if f[3].style.bgcolor == styles.match.bgcolor],
            "current": [f for f in found if f[3].style.bgcolor == styles.current_match.bgcolor],
            "cursor row": [f for f in found if f[2] in cursor_lines(view)],
            "folded": [f for f in found if f[1].strip() == "+2"],
        }
        for kind, segments in kinds.items():
            assert segments, f"no {kind} on screen to check"
        low = [(round(ratio, 2), text, y) for ratio, text, y, _ in found if ratio < 4.5]
        assert not low, f"text under 4.5:1 in {theme}: {low}"


async def test_matches_and_the_cursor_show_without_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("slash", *"the", "enter", "n")
        await settle(pilot)
        assert app.no_color
        lines = [view.render_line(y) for y in range(view.scrollable_content_region.height)]
        # What the terminal gets: the strips through the app's colour filters.
        filtered = [
            segment
            for strip in lines
            for segment in strip.apply_filter(app.get_line_filters()[-1], Color(0, 0, 0))
        ]
        assert any(segment.text == "▌" for segment in filtered), "the cursor's gutter marker"
        marked = [
            segment.text
            for segment in filtered
            if segment.style and (segment.style.underline or segment.style.reverse)
        ]
        assert "the" in [text.lower() for text in marked]
        current = [s.text for s in filtered if s.style and s.style.reverse]
        assert current, "the current match stands out (reverse)"
        # The empty state goes through the same filter (every segment styled).
        await pilot.press("escape", "shift+tab", "shift+tab", "j")
        await pilot.pause()
        empty = view.render_line(0).apply_filter(app.get_line_filters()[-1], Color(0, 0, 0))
        assert "No comments" in empty.text


async def test_sibling_keys_skip_comments_the_filter_hides(nested_file: Path) -> None:
    app = make_app([nested_file])
    calls = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("slash", "alt+r", "alt+f", *"Reply one-two|Third", "enter")
        await settle(pilot)
        assert [view.thread.comments[i].path for i in view.rows.rows] == ["1", "1.2", "3"]  # type: ignore[union-attr]
        assert cursor_path(view) == "1.2"
        await pilot.press("K")
        assert cursor_path(view) == "1.2", "1.1 is hidden: no previous sibling on show"
        await pilot.press("p", "J")
        assert cursor_path(view) == "3", "2 is hidden: the next sibling on show is 3"
        await pilot.press("left_square_bracket")
        assert cursor_path(view) == "1"
        await pilot.press("right_square_bracket")
        assert cursor_path(view) == "3"
        await pilot.pause()
        assert notices(calls) == ["No previous sibling"]


def test_a_folded_preview_reads_only_the_start_of_a_long_comment() -> None:
    from reader.model import Comment
    from reader.ui.thread.painter import MAX_PREVIEW, preview_text

    comment = Comment(text=["first\nline  of  text", "word " * 100_000, "never read"])
    preview = preview_text(comment)
    assert preview.startswith("first line of text word word")
    assert len(preview) <= MAX_PREVIEW and "never" not in preview
