"""A command: one definition that is at once a key binding, a footer entry,
a command-palette entry and a line of the help screen."""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding


class Command(NamedTuple):
    """A user-facing action of one pane (or of the whole app).

    `id` is the binding id, so keys can be remapped with `App.set_keymap`.
    `keys` is a Textual key list such as `"j,down"`; `key_display` is what the
    footer shows for them all (Textual drops it when the keys are remapped).
    """

    id: str
    keys: str
    action: str
    title: str
    help: str
    key_display: str | None = None
    show: bool = True
    priority: bool = False

    def bindings(self) -> list[Binding]:
        """The command's bindings: one, or one per key when the action takes the key.

        An action such as `show_depth({key})` needs to know which of its keys
        was pressed, so each key gets its own binding (and id suffix).
        """
        if "{key}" not in self.action:
            return [self._binding(self.keys, self.action, self.id, self.key_display)]
        # Each shows its own key (`Depth 3` in the palette); `key_display` (`1-9`)
        # stands for them all on the help screen.
        return [
            self._binding(key, self.action.format(key=key), f"{self.id}.{key}", None)
            for key in self.keys.split(",")
        ]

    def _binding(self, keys: str, action: str, binding_id: str, key_display: str | None) -> Binding:
        return Binding(
            keys,
            action,
            self.title,
            show=self.show,
            key_display=key_display,
            priority=self.priority,
            tooltip=self.help,
            id=binding_id,
        )


def bindings(commands: tuple[Command, ...]) -> list[Binding]:
    """The Textual bindings for a pane's commands."""
    return [binding for command in commands for binding in command.bindings()]


def half_page_commands(pane: str) -> tuple[Command, ...]:
    """`ctrl+d` / `ctrl+u` in a pane that scrolls (`body`, `thread`)."""
    return (
        Command(
            f"{pane}.half_page_down",
            "ctrl+d",
            "half_page_down",
            "Half page down",
            "Down half a page",
            show=False,
        ),
        Command(
            f"{pane}.half_page_up",
            "ctrl+u",
            "half_page_up",
            "Half page up",
            "Up half a page",
            show=False,
        ),
    )
