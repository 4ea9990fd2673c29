"""Links (issue 10): `o` opens the article's URL, `y` copies it, `L` picks a
link of the comment or the body, `v` shows a text in full. Nothing opens or
copies without a key press, and only web and mail links open."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from reader.text import Link
from reader.ui.links import is_openable
from reader.ui.screens.full_text import FullTextScreen
from reader.ui.screens.links import LinksScreen

from .conftest import FakeBrowser, make_app, record_notifications
from .scenes import settle
from .test_thread_reading import open_thread

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HN_CODE = FIXTURES / "hn_code.json"
ARTICLE_URL = "https://example.com/guides/2024/06/reading-sensor-logs-with-awk-a-pocket-guide"


@pytest.mark.parametrize(
    ("url", "openable"),
    [
        ("https://example.org/a", True),
        ("http://example.org", True),
        ("mailto:someone@example.org", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("ssh://example.org", False),
        ("https://", False),
    ],
)
def test_only_web_and_mail_links_are_openable(url: str, openable: bool) -> None:
    assert is_openable(url) is openable


async def test_o_opens_the_article_url_from_the_list_and_only_on_the_key(
    browser: FakeBrowser,
) -> None:
    app = make_app([HN_CODE])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert browser.opened == [], "nothing opens by itself"
        await pilot.press("o")
        await pilot.pause()
        assert browser.opened == [ARTICLE_URL]


async def test_o_opens_the_article_url_from_the_body_too(browser: FakeBrowser) -> None:
    app = make_app([HN_CODE])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_thread(app, pilot)
        await pilot.press("shift+tab", "o")
        await pilot.pause()
        assert browser.opened == [ARTICLE_URL], "the comments' o is the comment's link"


async def test_y_copies_the_article_url_and_says_so(clipboard: list[str]) -> None:
    app = make_app([HN_CODE])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notes = record_notifications(app)
        await pilot.press("y")
        await pilot.pause()
        assert clipboard == [ARTICLE_URL]
        assert any(ARTICLE_URL in note["message"] for note in notes)


async def test_an_article_without_a_url_says_so(browser: FakeBrowser, clipboard: list[str]) -> None:
    app = make_app()  # the seeds have no URLs
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notes = record_notifications(app)
        await pilot.press("o", "y")
        await pilot.pause()
        assert browser.opened == [] and clipboard == []
        assert [note["message"] for note in notes] == ["This article has no URL"] * 2


async def test_o_and_y_are_letters_in_the_search_bar(
    browser: FakeBrowser, clipboard: list[str]
) -> None:
    app = make_app([HN_CODE])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_thread(app, pilot)
        await pilot.press("slash", "y", "o")
        await pilot.pause()
        assert browser.opened == [] and clipboard == []


async def test_l_picks_a_link_of_the_current_comment_by_number(browser: FakeBrowser) -> None:
    app = make_app([HN_CODE])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_thread(app, pilot)
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        assert app.screen.urls == [
            "https://example.org/manual/awk.html#printf",
            "https://example.net/blog/rolling",
        ]
        assert browser.opened == []
        await pilot.press("2")
        await pilot.pause()
        assert browser.opened == ["https://example.net/blog/rolling"]
        assert not isinstance(app.screen, LinksScreen)


async def test_enter_opens_the_highlighted_link_and_y_copies_it(
    browser: FakeBrowser, clipboard: list[str]
) -> None:
    app = make_app([HN_CODE])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_thread(app, pilot)
        await pilot.press("L", "enter")
        await pilot.pause()
        assert browser.opened == ["https://example.org/manual/awk.html#printf"]
        await pilot.press("L", "down", "y")
        await pilot.pause()
        assert clipboard == ["https://example.net/blog/rolling"]


async def test_l_in_the_body_picks_the_bodys_links(browser: FakeBrowser) -> None:
    app = make_app([FIXTURES / "garden.mbox"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "L")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        assert app.screen.urls == ["https://example.org/photos/blight"]
        await pilot.press("1")
        await pilot.pause()
        assert browser.opened == ["https://example.org/photos/blight"]


async def test_a_comment_without_links_says_so(browser: FakeBrowser) -> None:
    app = make_app([HN_CODE])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_thread(app, pilot)
        notes = record_notifications(app)
        await pilot.press("j", "L")
        await pilot.pause()
        assert not isinstance(app.screen, LinksScreen)
        assert "No links in this comment" in [note["message"] for note in notes]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd"])
async def test_a_link_that_is_not_a_web_link_is_refused(browser: FakeBrowser, url: str) -> None:
    app = make_app([HN_CODE])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notes = record_notifications(app)
        await app.push_screen(LinksScreen("Links", [Link(url)]))
        await pilot.press("1")
        await pilot.pause()
        assert browser.opened == []
        assert any(note["message"].startswith("Not a web link") for note in notes)


async def test_v_shows_the_comment_with_its_code_in_full() -> None:
    app = make_app([HN_CODE])
    async with app.run_test(size=(80, 30)) as pilot:
        await open_thread(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, FullTextScreen)
        shown = str(app.screen.query_one(Static).render())
        assert "readings.csv | tee averages.txt" in shown, "the long code line, not clipped"
        await pilot.press("v")
        await pilot.pause()
        assert not isinstance(app.screen, FullTextScreen)


def test_every_link_command_is_in_the_palette_and_help() -> None:
    from reader.ui.commands import ALL_COMMANDS
    from reader.ui.screens.help import SECTIONS

    ids = {"links.open", "links.copy", "body.links", "body.full_text", "thread.links"}
    ids |= {"thread.full_text"}
    assert ids <= {command.id for command in ALL_COMMANDS}
    assert ids <= {command.id for _, commands in SECTIONS for command in commands}


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/\x1b]52;c;cHduZWQ=\x07",
        "https://example.com/a b",
        "https://example.com/a\nSecond line",
        "https://example.com/\u202eexe.txt",
        "https://example.com/\u200b",
        "https://example.com/\x85",
    ],
    ids=["osc52", "space", "newline", "bidi-override", "zero-width", "c1"],
)
async def test_a_link_hiding_characters_is_neither_opened_nor_copied(
    browser: FakeBrowser, clipboard: list[str], url: str
) -> None:
    """Issue 23 §14: `y` copied a URL's ESC and BEL to the clipboard."""
    app = make_app([HN_CODE])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notes = record_notifications(app)
        for key in ("y", "1"):
            await app.push_screen(LinksScreen("Links", [Link(url)]))
            await pilot.press(key)
            await pilot.pause()
        assert clipboard == [] and browser.opened == []
        refusals = [note for note in notes if "control characters or spaces" in note["message"]]
        assert len(refusals) == 2
        assert all("\x1b" not in note["message"] for note in refusals)


async def test_a_link_with_spaces_only_around_it_is_copied_stripped(
    clipboard: list[str],
) -> None:
    app = make_app([HN_CODE])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(LinksScreen("Links", [Link("  https://example.com/ok\n")]))
        await pilot.press("y")
        await pilot.pause()
        assert clipboard == ["https://example.com/ok"]


async def test_o_and_y_on_a_comment_act_on_its_own_link(
    browser: FakeBrowser, clipboard: list[str]
) -> None:
    """As circumflex and tuir: in the comments, the comment's HN item; from the
    body or the list, the article's URL."""
    app = make_app([FIXTURES / "hn_algolia.json"])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_thread(app, pilot)
        await pilot.press("o", "y")
        await pilot.pause()
        assert browser.opened == ["https://news.ycombinator.com/item?id=4101"]
        assert clipboard == ["https://news.ycombinator.com/item?id=4101"]
        await pilot.press("shift+tab", "o")
        await pilot.pause()
        assert browser.opened[-1] == "https://news.ycombinator.com/item?id=4100"
