"""A key the config gives a command that another command has where both act
is one warning naming both binding ids and which one keeps the key; the help
lists the key for that one only. The default keys collide only on purpose."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from reader.config import load_config
from reader.loading import Loading
from reader.ui.app import ReaderApp
from reader.ui.articles.list import ArticleList
from reader.ui.body.view import ArticleBody
from reader.ui.commands import ARTICLE_LIST_COMMANDS, LINK_PICKER_COMMANDS, SEARCH_BAR_COMMANDS
from reader.ui.commands.base import bindings
from reader.ui.commands.places import (
    APP_KEYS,
    BODY_KEYS,
    PANE_KEYS,
    SCREEN_KEYS,
    THREAD_KEYS,
    Collision,
    key_collisions,
)
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.links import LinksScreen
from reader.ui.screens.main import MainScreen
from reader.ui.search.bar import SearchBar
from reader.ui.search.pane import SearchPane
from reader.ui.thread.view import ThreadView

from .conftest import cursor_path, record_notifications
from .scenes import settle, wait_for
from .test_hardening_ui import help_text


def ids(widget_bindings: list[Binding]) -> set[str | None]:
    return {binding.id for binding in widget_bindings}


def test_the_places_are_the_widgets_bindings() -> None:
    """What `key_collisions` reads is what the widgets bind."""
    assert ids(ReaderApp.BINDINGS) == ids(bindings(APP_KEYS))  # type: ignore[arg-type]
    screen = ids(MainScreen.BINDINGS)  # type: ignore[arg-type]
    assert (
        ids(bindings(SCREEN_KEYS))
        <= screen
        <= ids(bindings(SCREEN_KEYS)) | ids(bindings(PANE_KEYS))
    ), "the screen's n / N stand for the panes' when no search is on"
    assert ids(SearchPane.BINDINGS) == ids(bindings(PANE_KEYS))  # type: ignore[arg-type]
    assert ids(ThreadView.BINDINGS) == ids(bindings(THREAD_KEYS))  # type: ignore[arg-type]
    assert ids(ArticleBody.BINDINGS) == ids(bindings(BODY_KEYS))  # type: ignore[arg-type]
    assert ids(ArticleList.BINDINGS) == ids(bindings(ARTICLE_LIST_COMMANDS))  # type: ignore[arg-type]
    assert ids(SearchBar.BINDINGS) == ids(bindings(SEARCH_BAR_COMMANDS))  # type: ignore[arg-type]
    assert ids(LinksScreen.BINDINGS) == ids(bindings(LINK_PICKER_COMMANDS))  # type: ignore[arg-type]


def test_the_default_keys_collide_with_nothing_to_tell() -> None:
    assert key_collisions({}) == []
    assert key_collisions({"thread.toggle": "x"}) == []


def test_a_key_taken_on_the_same_widget_goes_to_the_remapped_command() -> None:
    assert key_collisions({"thread.parent": "j"}) == [
        Collision("j", "thread.parent", "thread.down", "the comments")
    ]


def test_a_key_hidden_by_a_widget_nearer_the_focus_stays_with_that_widget() -> None:
    assert key_collisions({"state.next_new": "j"}) == [
        Collision("j", "thread.down", "state.next_new", "the comments"),
        Collision("j", "body.down", "state.next_new", "the article body"),
        Collision("j", "articles.down", "state.next_new", "the article list"),
    ]


async def test_a_colliding_key_is_one_warning_and_the_help_lists_it_once(
    tmp_path: Path, nested_file: Path
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('time = "absolute"\n[keys]\n"thread.parent" = "j"\n', encoding="utf-8")
    app = ReaderApp(Loading([nested_file]), config=load_config(path))
    notes = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        warnings = [note["message"] for note in notes if note.get("severity") == "warning"]
        assert warnings == [
            f'{path}:3: [keys]: "j" for thread.parent is also thread.down\'s in the comments:'
            " thread.parent keeps it"
        ]
        await pilot.press("enter", "c", "down", "down")
        view = app.query_one(ThreadView)
        assert cursor_path(view) == "1.1.1"
        await pilot.press("j")
        assert cursor_path(view) == "1.1", "j goes to the parent"
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        lines = help_text(app).splitlines()
        parent = next(line for line in lines if "Go to the parent comment" in line)
        down = next(line for line in lines if "Next comment (first the rest" in line)
        assert parent.split()[0] == "j", parent
        assert down.split()[0] == "↓" and " j " not in f" {down} ", down
