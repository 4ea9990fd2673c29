"""The footer: Textual's, built from the live bindings, with help first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

HELP_ACTION = "app.help"


class ReaderFooter(Footer):
    """Puts the `? Help` entry first, so that a narrow terminal, which cuts the
    footer at its right edge, never cuts off the way to every other key."""

    def compose(self) -> ComposeResult:
        entries = list(super().compose())
        first = [entry for entry in entries if getattr(entry, "action", None) == HELP_ACTION]
        yield from first
        yield from (entry for entry in entries if entry not in first)
