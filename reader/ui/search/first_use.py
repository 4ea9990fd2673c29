"""A pane's search bar, built on its first use (most sessions never search a
pane, and three bars were half the screen's widgets at start-up), and the
keys typed in the same burst as the `/` that built it: they reach the view,
which had the focus, and are the query's, so they are kept and typed into
the bar once it is mounted."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from .bar import SearchBar


class BarOnFirstUse:
    """The bar of `pane` (None until its first use), made by `make`."""

    def __init__(self, pane: Widget, make: Callable[[], SearchBar]) -> None:
        self._pane = pane
        self._make = make
        self.built: SearchBar | None = None
        # The burst's keys (None: no bar is being built).
        self._early_keys: list[events.Key] | None = None

    @property
    def bar(self) -> SearchBar:
        """The bar, built and mounted now if this is its first use."""
        if self.built is None:
            self.built = self._make()
        return self.built

    def key(self, event: events.Key) -> None:
        """A key that reached the pane: kept if a bar is being built."""
        if self._early_keys is not None:
            event.stop()
            event.prevent_default()
            self._early_keys.append(event)
        elif self.built is None and self._opens_search(event.key):
            # On its way to the app, which opens the bar (and builds it); the
            # keys after it in the burst are already on their way through the
            # view: they are kept for the bar's input.
            self._early_keys = []

    def _opens_search(self, key: str) -> bool:
        pane = self._pane
        bindings = pane._bindings.copy()
        bindings.apply_keymap(pane.app._keymap)
        return any(b.action == "search" for b in bindings.key_to_bindings.get(key, ()))

    def mounted(self, view: Widget) -> None:
        """The bar is mounted. The keys of the burst may still be on their way
        through the view: they are typed after the view, then the pane, have
        handled what they had."""
        view.call_later(self._pane.call_later, self._replay_early_keys)

    def _replay_early_keys(self) -> None:
        keys, self._early_keys = self._early_keys or [], None
        if self.built is not None:
            self.built.type_keys(keys)
