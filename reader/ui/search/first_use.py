"""A pane's search bar, built on its first use (most sessions never search a
pane, and three bars were half the screen's widgets at start-up), and the
keys typed in the same burst as the `/` that opens it: they reach the view,
which had the focus, and are the query's, so they are kept and typed into
the bar once it is open (mounted, the first time)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Keymap
from textual.widget import Widget

from ..commands import KeepsKeymap, pane_keys_to

if TYPE_CHECKING:
    from .bar import SearchBar


class _NoKeymap:
    """An app that remaps no key (one that keeps no keymap)."""

    keymap: Keymap = {}


_NO_KEYMAP = _NoKeymap()


class BarOnFirstUse:
    """The bar of `pane` (None until its first use), made by `make`."""

    def __init__(self, pane: Widget, make: Callable[[], SearchBar]) -> None:
        self._pane = pane
        self._make = make
        self.built: SearchBar | None = None
        # The burst's keys (None: no bar is being opened).
        self._early_keys: list[events.Key] | None = None
        # The app, once known to keep its keymap (None: not looked at yet).
        self._keeper: KeepsKeymap | None = None
        # The keys that open the search, and the keymap they are for (looked
        # up once a keymap, not at every key).
        self._search_keys: tuple[Keymap | None, frozenset[str]] = (None, frozenset())

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
        elif self._opens_search(event.key):
            # On its way to the app, which opens the bar (and builds it the
            # first time); the keys after it in the burst are already on their
            # way through the view: they are kept for the bar's input.
            self._early_keys = []

    def _opens_search(self, key: str) -> bool:
        if self._keeper is None:
            # Once: telling whether the app is one takes microseconds, and
            # every key typed in the pane comes here.
            app = self._pane.app
            self._keeper = app if isinstance(app, KeepsKeymap) else _NO_KEYMAP
        keymap = self._keeper.keymap
        kept, keys = self._search_keys
        if keymap != kept:
            keys = pane_keys_to("search", keymap)
            self._search_keys = (dict(keymap), keys)
        return key in keys

    def ready(self, view: Widget) -> None:
        """The bar is open and mounted. The keys of the burst may still be on
        their way through the view: they are typed after the view, then the
        pane, have handled what they had."""
        view.call_later(self._pane.call_later, self._replay_early_keys)

    def _replay_early_keys(self) -> None:
        keys, self._early_keys = self._early_keys or [], None
        if self.built is not None:
            self.built.type_keys(keys)
