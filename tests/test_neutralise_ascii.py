"""Printable ASCII is told safe without the unsafe-character search (most text
is): every other ASCII character, tab and the controls, is still changed."""

from __future__ import annotations

from reader.sanitize import neutralise


def test_printable_ascii_is_left_as_it_is_and_every_other_ascii_character_changed() -> None:
    for code in range(128):
        text = f"plain {chr(code)} words"
        kept = neutralise(text) == text
        assert kept == (0x20 <= code < 0x7F or code == 0x0A), hex(code)


def test_a_control_beside_text_beyond_ascii_is_changed_too() -> None:
    assert neutralise("café \x1b[2J") == "café \u241b[2J"
    assert neutralise("café\tau lait") == "café    au lait"
