"""Footer, help screen and command palette are built from the live bindings."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Footer, Static

from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen

from .conftest import make_app, record_notifications
from .scenes import settle


def footer_text(app: ReaderApp) -> str:
    """The footer's entries wholly on screen, as `key description`, one per line."""
    footer = app.screen.query_one(Footer)
    shown = []
    for key in footer.query("FooterKey"):
        region = key.region
        if region.width and footer.region.x <= region.x and region.right <= footer.region.right:
            shown.append(f"{key.key_display} {key.description}")  # type: ignore[attr-defined]
    return "\n".join(shown)


def help_text(app: ReaderApp) -> str:
    assert isinstance(app.screen, HelpScreen)
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(app.screen.query_one("#keys", Static).content)
    return console.file.getvalue()  # type: ignore[attr-defined]


def palette(app: ReaderApp) -> dict[str, str]:
    """The palette's entries: title -> help (with the keys)."""
    titles: dict[str, str] = {}
    for command in app.get_system_commands(app.screen):
        assert command.title not in titles, f"two palette entries {command.title!r}"
        titles[command.title] = command.help
    return titles


async def test_a_remapped_key_shows_in_the_footer_help_and_palette() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        app.set_keymap({"search.open": "f3"})
        await pilot.pause()
        assert "f3 Search" in footer_text(app).splitlines()
        assert "/ Search" not in footer_text(app)
        assert "(f3)" in palette(app)["Search"]
        await pilot.press("f3")
        assert app.screen.focused is not None and app.screen.focused.id == "search-input"
        await pilot.press("escape", "question_mark")
        line = next(line for line in help_text(app).splitlines() if "Search in this pane" in line)
        assert "f3" in line and "/" not in line


async def test_the_palette_offers_each_command_once_and_only_where_it_acts() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        entries = palette(app)  # no duplicate titles ("Quit" was there twice)
        assert "Quit" in entries and "Help" in entries
        assert "Next match" not in entries, "no search is active"
        await pilot.press("slash")
        entries = palette(app)
        # The list's bar has no filter toggle; the regex and word toggles are offered.
        assert "Regex" in entries and "Word" in entries and "Filter" not in entries
        assert "alt+f" not in footer_text(app)


async def test_the_search_bar_footer_shows_the_bar_keys_not_the_letters_it_types() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "slash")
        footer = footer_text(app)
        for shown in ("⏎ Keep", "esc Close", "alt+r Regex", "alt+w Word", "alt+f Filter"):
            assert shown in footer
        for hidden in ("q Quit", "? Help", "n Next match", "/ Search"):
            assert hidden not in footer


async def test_help_is_never_cut_off_at_80x24_and_help_shows_its_own_keys() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys in [(), ("tab",), ("tab",)]:
            await pilot.press(*keys)
            await pilot.pause()
            assert "? Help" in footer_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        footer = footer_text(app)
        assert "esc Close" in footer and "Scroll" in footer


async def test_n_without_a_search_says_how_to_start_one() -> None:
    app = make_app()
    notifications = record_notifications(app)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "n")
        assert [n["message"] for n in notifications] == ["No search: press / to search"]
        assert "Next match" not in footer_text(app)
