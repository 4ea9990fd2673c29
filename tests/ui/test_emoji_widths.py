"""Issue 23 §17: widths follow what terminals draw, one rule for measuring and
painting. An emoji ZWJ sequence, a presentation selector or a skin tone each
terminal joins or widens its own way (tmux 3.3 draws 👍🏽 four cells wide, ❤️
one, a family emoji two; Rich counts 2, 2 and 2), so the right border moved;
zero-width characters and direction marks passed invisibly. Now the painted
screen holds only characters every terminal draws at their own width: a line
is as wide, counted character by character, as Rich measured it."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len
from wcwidth import wcwidth

from reader.sanitize import neutralise, neutralise_spans
from reader.text import Link
from reader.ui.screens.links import LinksScreen

from .conftest import make_app
from .scenes import settle, wait_for
from .textual_probe import screen_lines

FAMILY = "👨\u200d👩\u200d👧"
HOSTILE = [
    FAMILY,
    "❤️",
    "👍🏽",
    "🇫🇷",
    "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "zero\u200bwidth",
    "right\u200fmark",
    "soft\u00adhyphen",
    "b\ufeffom",
]
TEXT = " ".join(HOSTILE)
# The characters dropped or replaced: none may reach the screen.
AMBIGUOUS = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\u00ad\ufeff\u2060\ufe0e\ufe0f")


def article(tmp_path: Path) -> Path:
    path = tmp_path / "widths.yaml"
    links = " ".join(
        f"[{word}](https://example.org/{number})" for number, word in enumerate(HOSTILE)
    )
    path.write_text(
        f"title: Widths {TEXT}\n"
        f"author: ann {FAMILY}\n"
        f"body: {TEXT}\n"
        "text_format: markdown\n"
        "comments:\n"
        f"- author: bo {FAMILY}\n"
        f"  text: '{links} {TEXT} {TEXT}'\n"
        f"  replies:\n"
        f"  - author: cy 👍🏽\n"
        f"    text: {TEXT}\n",
        encoding="utf-8",
    )
    return path


def terminal_width(text: str) -> int:
    """Cells as a terminal that draws each character at its own width does."""
    return sum(max(0, wcwidth(character)) for character in text)


def assert_drawn_as_measured(lines: list[str], width: int) -> None:
    for line in lines:
        assert not AMBIGUOUS.intersection(line), repr(line)
        assert not any(0x1F1E6 <= ord(c) <= 0x1F1FF or 0x1F3FB <= ord(c) <= 0x1F3FF for c in line)
        assert cell_len(line) == width, repr(line)
        assert terminal_width(line) == width, repr(line)


@pytest.mark.parametrize("keys", [(), ("tab", "tab"), ("tab", "tab", "j")])
async def test_hostile_widths_keep_every_line_as_wide_as_the_screen(
    tmp_path: Path, keys: tuple[str, ...]
) -> None:
    app = make_app([article(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        lines = screen_lines(app)
        assert any("FR" in line for line in lines), "the flag reads as its letters"
        assert_drawn_as_measured(lines, 80)


async def test_the_links_window_draws_as_measured(tmp_path: Path) -> None:
    app = make_app([article(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        urls = [f"https://example.org/{word}" for word in HOSTILE]
        await app.push_screen(LinksScreen(f"Links {TEXT}", [Link(url) for url in urls]))
        await wait_for(pilot, lambda: isinstance(app.screen, LinksScreen), "the links window")
        assert_drawn_as_measured(screen_lines(app), 80)


def test_neutralise_takes_apart_what_terminals_draw_differently() -> None:
    assert neutralise(FAMILY) == "👨👩👧"
    assert neutralise("❤️ 👍🏽 🇫🇷") == "❤ 👍 FR"
    assert neutralise("zero\u200bwidth right\u200fmark") == "zerowidth rightmark"
    assert neutralise("é and e\u0301") == "é and e\u0301"  # combining marks stay


def test_spans_over_a_neutralised_string_follow_its_characters() -> None:
    text = f"{FAMILY} link"
    shown, positions = neutralise_spans(text)
    assert positions is not None
    start = text.index("link")
    assert shown[positions[start] : positions[start + 4]] == "link"
    assert neutralise_spans("plain text")[1] is None
    assert all(unicodedata.category(c) != "Cf" for c in shown)
