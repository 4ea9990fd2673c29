"""Which of the main screen's panes is the current one: focused, and on a
narrow screen the only one shown (the screen's `-show-NAME` class).

`tab` and `shift+tab` go round the panes, `escape` goes back to the list; a
click that moves focus makes the clicked pane the current one.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.widget import Widget

from .main_layout import PANES


class PaneFocus:
    """The current pane of `screen`, kept in step with its focus."""

    def __init__(self, screen: Screen[None], before_change: Callable[[], None]) -> None:
        """`before_change` is called before any pane becomes the current one."""
        self.screen = screen
        self.current = PANES[0]
        self._before_change = before_change

    def focused(self) -> str | None:
        """The pane holding the focused widget, if any."""
        node = self.screen.focused
        while node is not None:
            name = (node.id or "").removesuffix("-pane")
            if name in PANES:
                return name
            node = node.parent if isinstance(node.parent, Widget) else None
        return None

    def mark(self, pane: str) -> None:
        """Record `pane` as the current one; on a narrow screen, the one shown."""
        self._before_change()
        self.current = pane
        for name in PANES:
            self.screen.set_class(name == pane, f"-show-{name}")

    def show(self, pane: str) -> None:
        """Make `pane` the current one: shown (on a narrow screen) and focused."""
        self.mark(pane)
        # At once, not after the refresh that displays it: keys typed ahead
        # (`tab` `tab` `/` in one read) go to the pane the earlier ones chose.
        self.screen.set_focus(self.screen.query_one(f"#{pane}"))

    def step(self, steps: int) -> None:
        """The pane `steps` after the current one in tab order (before: negative)."""
        self.show(PANES[(PANES.index(self.current) + steps) % len(PANES)])

    def follow_focus(self) -> None:
        """Focus moved (a click): the pane it moved to is the current one."""
        pane = self.focused()
        if pane is not None and pane != self.current:
            self.mark(pane)
