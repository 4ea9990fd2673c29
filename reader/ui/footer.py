"""The footer: Textual's, built from the live bindings, with help first."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.widgets import Footer

HELP_ACTION = "app.help"


class ReaderFooter(Footer):
    """Puts the `? Help` entry first, so that a narrow terminal, which cuts the
    footer at its right edge, never cuts off the way to every other key."""

    # What the keys were built from last (None: not built yet).
    _composed: Hashable | None = None

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
        self._bindings_ready = True
        # As if in the footer's own handler: its keys bind to it (`data_bind`).
        with self._context():
            await self.recompose()

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
        """Everything `Footer.compose` builds the keys from."""
        return (
            self._bindings_ready,
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
