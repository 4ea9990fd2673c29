"""The installed `reader` command in a real pseudo-terminal, as a person sees it."""

from __future__ import annotations

import pytest

from ..terminal import Terminal

FIRST_TITLE = "After Trump Massacres"
SECOND_TITLE = "Pentagon Reviewing Mosul"
FIRST_COMMENT = "This kind of warfare"


def test_reader_opens_the_seeds_in_a_real_terminal_and_quits_with_q() -> None:
    with Terminal([]) as terminal:
        screen = terminal.wait_for(FIRST_TITLE, SECOND_TITLE, FIRST_COMMENT)
        # A first visit (the test's state folder is empty): every comment unread.
        assert "Comments (12 · 12 unread)" in screen
        # Into the thread, on to the third comment, and fold it to one line.
        terminal.press("\t\t")
        terminal.press("]] ")
        terminal.wait_for("▸", "+2")
        # The second article has no comments.
        terminal.press("\t")
        terminal.press("j")
        terminal.wait_for("Comments (0)")
        assert terminal.quit() == 0


# How terminals send alt+r: xterm and tmux as ESC then the letter ("meta sends
# escape"); kitty and others with the CSI-u keyboard protocol as `CSI 114;3 u`.
ALT_R = {"esc-letter": "\x1br", "csi-u": "\x1b[114;3u"}


@pytest.mark.parametrize("alt_r", ALT_R.values(), ids=ALT_R.keys())
def test_alt_r_in_the_search_bar_toggles_regex_instead_of_typing(alt_r: str) -> None:
    """`alt+r` sent as ESC+r was read as a printable `r` by the query input, so it
    typed `r` instead of switching regular expressions on."""
    with Terminal([]) as terminal:
        terminal.wait_for(FIRST_TITLE, FIRST_COMMENT)
        terminal.press("\t\t")
        assert ".*" not in terminal.text()
        terminal.press("/")
        # The bar's toggles drawn: the bar is mounted and its input focused, so
        # alt+r reaches the bar's binding however long a loaded machine took.
        terminal.wait_for(".*", "filter")
        terminal.press(alt_r)
        terminal.press("mosul|aleppo")
        # As a regex the alternation matches; as text (or as `rmosul|aleppo`) nothing does.
        # The counter follows the toggles in the bar.
        screen = terminal.wait_for("/mosul|aleppo ", "filter  1/")
        assert "rmosul" not in screen
        terminal.press("\r")
        assert terminal.quit() == 0


# alt+f as ESC f is read by Textual as ctrl+right (macOS's option+right).
ALT_F = {"esc-letter": "\x1bf", "csi-u": "\x1b[102;3u"}


@pytest.mark.parametrize("alt_f", ALT_F.values(), ids=ALT_F.keys())
def test_alt_f_in_the_comments_search_bar_lights_the_filter(alt_f: str) -> None:
    with Terminal([]) as terminal:
        terminal.wait_for(FIRST_TITLE, FIRST_COMMENT)
        terminal.press("\t\t")
        terminal.press("/")
        terminal.wait_for(".*", "filter")
        terminal.press("aleppo")
        terminal.wait_for("/aleppo ", "filter  1/2")
        assert not filter_lit(terminal)
        terminal.press(alt_f)
        assert filter_lit(terminal)
        assert "/aleppof" not in terminal.text()
        terminal.press("\r")
        assert terminal.quit() == 0


def filter_lit(terminal: Terminal) -> bool:
    """Whether the bar's `filter` toggle is shown lit (bold, on a colour)."""
    for y, line in enumerate(terminal.screen.display):
        if "word  filter" in line or "word filter" in line or " filter " in line:
            x = line.index("filter", line.index("word"))
            return bool(terminal.screen.buffer[y][x].bold)
    raise AssertionError(f"no search bar on screen:\n{terminal.text()}")
