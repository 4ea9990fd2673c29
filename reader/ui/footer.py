"""The footer: Textual's, built from the live bindings, with help first."""

from __future__ import annotations

import asyncio
from collections.abc import Hashable

from textual.app import ComposeResult
from textual.widgets import Footer

HELP_ACTION = "app.help"


class ReaderFooter(Footer):
    """Puts the `? Help` entry first, so that a narrow terminal, which cuts the
    footer at its right edge, never cuts off the way to every other key."""

    # What the keys were built from last (None: not built yet).
    _composed: Hashable | None = None
    # Done once `show_keys` has built the keys (None: not asked to).
    _keys_built: asyncio.Future[None] | None = None

    def compose(self) -> ComposeResult:
        entries = list(super().compose())
        for entry in entries:
            # A key starts compact and is bound to the footer's (not compact)
            # only once mounted: each flip restyles it. Start it as it will be.
            # (The command palette's key is not bound: it stays compact.)
            compact = getattr(type(entry), "compact", None)
            if compact is not None and not entry.has_class("-command-palette"):
                entry.set_reactive(compact, self.compact)
        first = [entry for entry in entries if getattr(entry, "action", None) == HELP_ACTION]
        yield from first
        yield from (entry for entry in entries if entry not in first)

    async def show_keys(self) -> None:
        """Build the keys now, for the bindings active now. Textual's footer
        waits for the screen's first bindings signal, which comes after the first
        frame: that frame had no keys, and a second, full one followed."""
        # Textual's handler of that signal: the bindings are ready. (The rebuild
        # it asks for, after the next frame, finds the keys built already.)
        self.bindings_changed(self.screen)
        # Built in the footer's own turn, as Textual builds them, so that they
        # bind to it (`data_bind`); awaited, for the next frame to have them.
        self._keys_built = asyncio.get_running_loop().create_future()
        self.call_next(self._build_keys)
        await self._keys_built

    async def _build_keys(self) -> None:
        try:
            await self.recompose()
        finally:
            self._keys_are_built()

    def on_unmount(self) -> None:
        # Gone before its turn came (the app quit as it started): nothing to wait for.
        self._keys_are_built()

    def _keys_are_built(self) -> None:
        if self._keys_built is not None and not self._keys_built.done():
            self._keys_built.set_result(None)

    async def recompose(self) -> None:
        """Rebuild the keys only if what they show has changed. Textual recomposes
        on every bindings signal (focus moving, the screen stack, a pane's search),
        several times as the app starts, mostly to the same keys; each rebuild
        mounts and styles every key again on the UI thread.

        Textual asks for it after the next refresh, by which time the screen
        may be gone (the help screen closed): a footer off screen has no keys
        to show, and `self.screen` would raise."""
        if not self.is_attached:
            return
        shown = self._shown()
        if shown != self._composed:
            await super().recompose()
            self._composed = shown

    def _shown(self) -> Hashable:
        """Everything `Footer.compose` builds the keys from (once the bindings
        are ready, as they are whenever a rebuild is asked for: by Textual's
        handler of the bindings signal, or by `show_keys`)."""
        return (
            self.show_command_palette,
            self.combine_groups,
            tuple(
                (
                    key,
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.action,
                    binding.description,
                    binding.show,
                    binding.group,
                    enabled,
                    tooltip,
                )
                for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            ),
        )
