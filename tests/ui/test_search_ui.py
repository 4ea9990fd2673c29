"""Searching from the keyboard in each pane: the bar, the counter, n/N, filter, escape."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ui.articles.list import ArticleList
from reader.ui.articles.pane import ArticlesPane
from reader.ui.body.pane import BodyPane
from reader.ui.body.view import ArticleBody
from reader.ui.search.bar import SearchBar
from reader.ui.thread.pane import ThreadPane
from reader.ui.thread.view import ThreadView
from tests.builders import index_of

from ..seeds import FIRST_SEED, SECOND_SEED
from .conftest import cursor_path, make_app, record_notifications
from .scenes import settle

# The needle is in 1.1.2 and 3 only; 2 has a reply of its own that never matches.
HAYSTACK = """\
A haystack

Body text without it.

  1. Top one.
    • One-one.
      • One-one-one.
      • One-one-two has the needle.
    • One-two.
  2. Top two.
    • Two-one.
  3. Top three, a Needle too.
"""


@pytest.fixture
def haystack(tmp_path: Path) -> Path:
    path = tmp_path / "haystack.txt"
    path.write_text(HAYSTACK, encoding="utf-8")
    return path


async def search_thread(app, pilot, text: str) -> ThreadPane:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter", "c", "slash", *text)
    pane = app.query_one(ThreadPane)
    await settle(pilot)
    return pane


async def test_typing_in_the_bar_highlights_matches_with_a_counter() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await search_thread(app, pilot, "aleppo")
        assert pane.bar.has_class("-open")
        assert pane.counter == "1/2"
        assert "1/2" in str(pane.bar.query_one("#search-status").render())
        view = pane.thread_view
        assert cursor_path(view) == "2", "the first match is brought to the cursor"
        assert view.thread is not None
        matched = set(view.matches.comments)  # type: ignore[union-attr]
        assert sorted(view.thread.comments[i].path for i in matched) == ["2", "7"]


async def test_enter_keeps_the_search_and_n_wraps_around_with_a_notice() -> None:
    app = make_app()
    notifications = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await search_thread(app, pilot, "aleppo")
        await pilot.press("enter")
        assert not pane.bar.has_class("-open")
        assert app.screen.focused is pane.thread_view
        assert pane.border_subtitle == "/aleppo  1/2"
        await pilot.press("n")
        assert cursor_path(pane.thread_view) == "7" and pane.counter == "2/2"
        await pilot.press("n")
        assert cursor_path(pane.thread_view) == "2" and pane.counter == "1/2"
        assert any("wrapped" in n["message"] for n in notifications)
        await pilot.press("N")
        assert cursor_path(pane.thread_view) == "7"


async def test_no_matches_says_so() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await search_thread(app, pilot, "zzzzqq")
        assert pane.counter == "no matches"


async def test_a_match_in_a_folded_subtree_unfolds_only_its_ancestors(haystack: Path) -> None:
    app = make_app([haystack])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c", "C")
        view = app.query_one(ThreadView)
        assert view.rows is not None and len(view.rows) == 3
        await pilot.press("slash", *"needle")
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        assert pane.counter == "1/2", "smart case: lower case matches Needle too"
        assert cursor_path(view) == "1.1.2"
        thread = view.thread
        assert thread is not None
        assert not view.rows.is_collapsed(index_of(thread, "1"))  # type: ignore[arg-type]
        assert not view.rows.is_collapsed(index_of(thread, "1.1"))  # type: ignore[arg-type]
        assert view.rows.is_collapsed(index_of(thread, "2")), "an unrelated subtree stays folded"  # type: ignore[arg-type]


async def test_filter_shows_only_matches_with_ancestors_then_restores_folds(
    haystack: Path,
) -> None:
    app = make_app([haystack])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c", "C")
        view = app.query_one(ThreadView)
        await pilot.press("slash", *"needle")
        await app.workers.wait_for_complete()
        await pilot.press("alt+f")
        await settle(pilot)
        assert view.rows is not None and view.thread is not None
        shown = [view.thread.comments[i].path for i in view.rows.rows]
        assert shown == ["1", "1.1", "1.1.2", "3"]
        await pilot.press("alt+f")
        await settle(pilot)
        shown = [view.thread.comments[i].path for i in view.rows.rows]
        assert shown == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "3"]
        assert view.rows.is_collapsed(index_of(view.thread, "2")), "the folds from before are back"  # type: ignore[arg-type]


async def test_escape_ends_the_search_and_slash_brings_the_query_back() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await search_thread(app, pilot, "aleppo")
        await pilot.press("enter", "n")
        view = pane.thread_view
        assert cursor_path(view) == "7"
        await pilot.press("escape")
        assert not pane.searching and not view.matches
        assert cursor_path(view) == "7", "the cursor stays where it was"
        assert pane.border_subtitle == ""
        await pilot.press("slash")
        await settle(pilot)
        assert pane.bar.search_query.text == "aleppo"
        assert pane.counter == "2/2", "found again from the cursor"
        await pilot.press("escape")
        assert not pane.bar.has_class("-open") and not pane.searching


async def test_invalid_regex_shows_the_reason_and_never_raises() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await search_thread(app, pilot, "")
        await pilot.press("alt+r", *"(unclosed")
        await settle(pilot)
        status = str(pane.bar.query_one("#search-status").render())
        assert status == "invalid"
        assert str(pane.border_subtitle).startswith("regex: missing ), unterminated subpattern")
        assert not len(pane.matches)
        await pilot.press("ctrl+a")
        await pilot.press("backspace")
        assert app.is_running


async def test_regex_and_whole_word_toggles_change_what_matches() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await search_thread(app, pilot, "us")
        loose = len(pane.matches)
        await pilot.press("alt+w")
        await settle(pilot)
        assert 0 < len(pane.matches) < loose
        assert pane.bar.query_one("#word").has_class("-on")
        await pilot.press("ctrl+u", "alt+w", "alt+r", *r"\Bus\b")
        await settle(pilot)
        assert pane.bar.query_one("#regex").has_class("-on")
        assert pane.matches and pane.search_query is not None and pane.search_query.regex


async def test_body_search_highlights_and_steps_through_the_article() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "slash", *"mosul", "enter")
        await settle(pilot)
        pane = app.query_one(BodyPane)
        body = app.query_one(ArticleBody)
        assert pane.counter.startswith("1/") and len(pane.matches) >= 5
        before = body.scroll_y
        for _ in range(len(pane.matches) - 1):
            await pilot.press("n")
        assert body.scroll_y > before, "the last match is further down the article"
        await pilot.press("n")
        assert pane.counter.startswith("1/")


async def test_list_search_narrows_articles_and_carries_the_query_into_the_thread() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        articles = app.query_one(ArticleList)
        assert articles.highlighted_id == SECOND_SEED
        await pilot.press("slash", *"aleppo")
        await settle(pilot)
        assert [articles.id_at(i) for i in range(articles.entry_count)] == [FIRST_SEED]
        assert "2 matching" in str(articles.prompt_at(0))
        await pilot.press("enter", "enter")
        await settle(pilot)
        thread = app.query_one(ThreadPane)
        assert thread.search_query is not None and thread.search_query.text == "aleppo"
        assert thread.counter == "1/2"
        await pilot.press("shift+tab", "escape")
        pane = app.query_one(ArticlesPane)
        assert not pane.searching
        assert [articles.id_at(i) for i in range(articles.entry_count)] == [
            FIRST_SEED,
            SECOND_SEED,
        ]
        # Escape used to throw the opened article away for the one selected before
        # the search, and to leave the border's article count empty.
        assert articles.highlighted_id == FIRST_SEED, "the article opened stays selected"
        assert str(pane.border_subtitle) == "2 articles"


async def test_escape_in_the_list_without_opening_restores_the_previous_selection() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "slash", *"aleppo")
        await settle(pilot)
        await pilot.press("escape")
        articles = app.query_one(ArticleList)
        assert articles.highlighted_id == SECOND_SEED
        assert str(app.query_one(ArticlesPane).border_subtitle) == "2 articles"


async def test_search_bar_is_one_line_at_the_bottom_of_the_pane() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await search_thread(app, pilot, "x")
        bar = pane.query_one(SearchBar)
        assert bar.region.height == 1
        assert bar.region.bottom == pane.content_region.bottom


async def test_slash_reopens_the_bar_with_the_query_selected_so_typing_replaces_it() -> None:
    """The query came back unselected with the cursor at its end, so typing
    appended to it (`aleppotrump`)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await search_thread(app, pilot, "aleppo")
        await pilot.press("enter", "slash", *"trump")
        await settle(pilot)
        assert pane.bar.search_query.text == "trump"
        await pilot.press("enter", "slash", "end", *"s")
        assert pane.bar.search_query.text == "trumps", "`end` keeps the query"


async def test_up_and_down_in_the_bar_walk_earlier_queries() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await search_thread(app, pilot, "aleppo")
        await pilot.press("enter", "slash", *"mosul", "enter", "slash", *"draft")
        await pilot.press("up")
        assert pane.bar.search_query.text == "mosul"
        await pilot.press("up")
        assert pane.bar.search_query.text == "aleppo"
        await pilot.press("up")
        assert pane.bar.search_query.text == "aleppo", "the oldest stays"
        await pilot.press("down", "down")
        assert pane.bar.search_query.text == "draft", "past the newest: what was typed"
        await settle(pilot)


async def test_an_invalid_regex_at_80x24_keeps_the_query_visible_and_editable() -> None:
    """The reason, in the bar, squeezed the input to one cell and was cut itself."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "c")
        await pilot.pause()
        await pilot.press("slash", "alt+r", *"(mosul|aleppo")
        await settle(pilot)
        pane = app.query_one(ThreadPane)
        entry = pane.bar.query_one("#search-input")
        assert entry.region.width > len("(mosul|aleppo")
        assert str(pane.border_subtitle) == (
            "regex: missing ), unterminated subpattern at position 0"
        )
        assert pane.region.width >= len(str(pane.border_subtitle)) + 4, "the reason fits"
        await pilot.press("end", "backspace", "backspace")
        await pilot.press(*"po)")
        await settle(pilot)
        assert pane.bar.search_query.text == "(mosul|aleppo)" and pane.error is None


async def test_the_thread_search_bar_shows_above_the_comment_time() -> None:
    # A mailing list's comments have times: the pane shows the cursor comment's
    # on its last line, which must not cover the search bar.
    app = make_app([Path(__file__).parent.parent / "fixtures" / "garden.mbox"])
    async with app.run_test(size=(160, 45)) as pilot:
        pane = await search_thread(app, pilot, "the")
        status = pane.query_one("#comment-status")
        assert pane.bar.has_class("-open") and status.has_class("-shown")
        bar, time = pane.bar.region, status.region
        assert bar.height == time.height == 1
        assert bar.bottom == time.y, "the bar sits on the line above the time"
