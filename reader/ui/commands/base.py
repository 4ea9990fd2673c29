"""A command: one definition that is at once a key binding, a footer entry,
a command-palette entry and a line of the help screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

# How Textual's key names are shown to people.
KEY_SYMBOLS = {
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


@dataclass(frozen=True, slots=True)
class Command:
    """A user-facing action of one pane (or of the whole app).

    `id` is the binding id, so keys can be remapped with `App.set_keymap`.
    `keys` is a Textual key list such as `"j,down"`; `key_display` is what the
    footer and help show for it.
    """

    id: str
    keys: str
    action: str
    title: str
    help: str
    key_display: str | None = None
    show: bool = True
    priority: bool = False

    @property
    def display_keys(self) -> str:
        """Every key of the command, as the help screen and palette show them."""
        if "{key}" in self.action and self.key_display:
            return self.key_display
        return " ".join(KEY_SYMBOLS.get(key, key) for key in self.keys.split(","))

    def bindings(self) -> list[Binding]:
        """The command's bindings: one, or one per key when the action takes the key.

        An action such as `show_depth({key})` needs to know which of its keys
        was pressed, so each key gets its own binding (and id suffix).
        """
        if "{key}" not in self.action:
            return [self._binding(self.keys, self.action, self.id)]
        return [
            self._binding(key, self.action.format(key=key), f"{self.id}.{key}")
            for key in self.keys.split(",")
        ]

    def _binding(self, keys: str, action: str, binding_id: str) -> Binding:
        return Binding(
            keys,
            action,
            self.title,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.help,
            id=binding_id,
        )


def bindings(commands: tuple[Command, ...]) -> list[Binding]:
    """The Textual bindings for a pane's commands."""
    return [binding for command in commands for binding in command.bindings()]
