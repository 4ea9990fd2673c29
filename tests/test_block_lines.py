"""Laying out structured blocks: prose wraps at spaces and URLs at their
separators, code never wraps, decorations are not part of the block's text."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style

from reader.text import CODE, ITEM, LINKS, QUOTE, Block
from reader.ui.render.block_lines import CLIP_MARK, CONTINUATION_MARK, QUOTE_BAR, block_lines
from reader.ui.render.block_styles import BlockStyles
from reader.ui.render.wrapping import wrap_ranges

STYLES = BlockStyles(*[Style()] * 13)
CONSOLE = Console(width=200)


def lines(string: str, block: Block, width: int) -> list[tuple[str, int]]:
    return [
        ("".join(segment.text for segment in segments), start)
        for segments, start in block_lines(string, block, width, CONSOLE, STYLES)
    ]


def pieces(plain: str, width: int) -> list[str]:
    return [plain[start:end] for start, end, _ in wrap_ranges(plain, width)]


def test_prose_wraps_at_spaces_within_the_width() -> None:
    assert pieces("hello world this is a test of wrapping", 10) == [
        "hello",
        "world this",
        "is a test",
        "of",
        "wrapping",
    ]


def test_the_texts_own_line_breaks_and_blank_lines_are_kept() -> None:
    assert pieces("one\n\ntwo", 10) == ["one", "", "two"]


def test_a_first_line_keeps_its_indentation() -> None:
    assert pieces("  indented text that wraps", 12) == ["  indented", "text that", "wraps"]


def test_a_url_breaks_after_a_slash_with_a_continuation_mark() -> None:
    url = "https://example.com/a/very/long/path/to/some/resource"
    ranges = wrap_ranges(url, 20)
    parts = [url[start:end] for start, end, _ in ranges]
    assert "".join(parts) == url
    # Every piece but the last ends at a separator and is marked as continued.
    assert all(part.endswith("/") for part in parts[:-1])
    assert [continued for *_, continued in ranges] == [True] * (len(parts) - 1) + [False]
    shown = lines(url, Block(LINKS), 20)
    assert all(text.endswith(CONTINUATION_MARK) and len(text) <= 20 for text, _ in shown[:-1])


def test_a_word_wider_than_the_line_is_broken_not_lost() -> None:
    assert "".join(pieces("abcdefghijklmnopqrstuvwxyz", 10)) == "abcdefghijklmnopqrstuvwxyz"


def test_wide_characters_are_measured_in_cells() -> None:
    for start, end, _ in wrap_ranges("日本語のテキストはとても長いです", 10):
        assert len("日本語のテキストはとても長いです"[start:end]) * 2 <= 10


def test_code_keeps_its_lines_and_indentation_and_clips_long_lines() -> None:
    code = "def f(x):\n    return x\n\n    # " + "long " * 10
    shown = lines(code, Block(CODE), 30)
    assert [text for text, _ in shown[:3]] == ["def f(x):", "    return x", ""]
    assert shown[3][0].endswith(CLIP_MARK) and len(shown[3][0]) == 30
    # Each line starts where it does in the block's string.
    assert [start for _, start in shown] == [0, 10, 23, 24]


def test_quotes_carry_a_bar_per_level_on_every_line() -> None:
    shown = lines("a quoted paragraph long enough to wrap twice", Block(QUOTE, level=2), 24)
    assert len(shown) > 1
    assert all(text.startswith(QUOTE_BAR * 2) for text, _ in shown)


def test_list_items_hang_their_continuation_lines_under_the_text() -> None:
    shown = lines("an item that is long enough to wrap", Block(ITEM, level=1, marker="1."), 20)
    assert shown[0][0].startswith("1. an")
    assert all(text.startswith("   ") and text[3] != " " for text, _ in shown[1:])


def test_a_mail_part_starts_with_a_rule_that_names_it() -> None:
    from reader.text import PART

    assert lines("notes.txt", Block(PART), 24) == [("── notes.txt ───────────", 0)]
    # A name too long for a line wraps under itself; the rule ends the last line.
    assert lines("a-very-long-name.patch · text/x-diff", Block(PART), 30) == [
        ("── a-very-long-name.patch ·", 0),
        ("   text/x-diff " + "─" * 15, 25),
    ]
