"""Where each command is bound, and the keys the config's `[keys]` makes
collide.

A key is looked up along a chain, from the focused widget to the app: the
first binding of the key on the innermost widget that has one acts. The
chains here are the app's (its widgets' `BINDINGS` are these groups). On one
widget, Textual gives a remapped key to the remapped command and takes it
from the command that had it by default; along a chain, the inner widget's
binding hides the outer one's. Either way one of the two commands loses the
key there, which the config is told (`key_collisions`), once per pair;
the collisions the default keys make on purpose (`escape` ends a search
before it goes back to the list, `q` closes the link picker) are not told.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple, Protocol, runtime_checkable

from textual.binding import Binding, BindingsMap, Keymap

from .app import APP_COMMANDS
from .articles import ARTICLE_LIST_COMMANDS
from .base import Command, bindings
from .body import BODY_COMMANDS
from .jumps import JUMP_COMMANDS
from .links import BODY_LINK_COMMANDS, LINK_COMMANDS, LINK_PICKER_COMMANDS, THREAD_LINK_COMMANDS
from .mail import MAIL_COMMANDS
from .pages import PAGE_COMMANDS
from .panes import PANE_COMMANDS
from .reading import READING_COMMANDS
from .search import SEARCH_BAR_COMMANDS, SEARCH_COMMANDS
from .state import STATE_COMMANDS
from .thread import THREAD_COMMANDS
from .web import WEB_COMMANDS

# The commands each widget binds.
APP_KEYS = APP_COMMANDS + LINK_COMMANDS
SCREEN_KEYS = (
    PANE_COMMANDS + READING_COMMANDS + STATE_COMMANDS + WEB_COMMANDS + MAIL_COMMANDS + PAGE_COMMANDS
)
PANE_KEYS = SEARCH_COMMANDS + JUMP_COMMANDS
THREAD_KEYS = THREAD_COMMANDS + THREAD_LINK_COMMANDS
BODY_KEYS = BODY_COMMANDS + BODY_LINK_COMMANDS
WIDGETS = (
    APP_KEYS,
    SCREEN_KEYS,
    PANE_KEYS,
    THREAD_KEYS,
    BODY_KEYS,
    ARTICLE_LIST_COMMANDS,
    SEARCH_BAR_COMMANDS,
    LINK_PICKER_COMMANDS,
)
# Where the focus can be, and the widgets a key is looked up in from there.
CHAINS: tuple[tuple[str, tuple[tuple[Command, ...], ...]], ...] = (
    ("the comments", (THREAD_KEYS, PANE_KEYS, SCREEN_KEYS, APP_KEYS)),
    ("the article body", (BODY_KEYS, PANE_KEYS, SCREEN_KEYS, APP_KEYS)),
    ("the article list", (ARTICLE_LIST_COMMANDS, PANE_KEYS, SCREEN_KEYS, APP_KEYS)),
    ("the search bar", (SEARCH_BAR_COMMANDS, PANE_KEYS, SCREEN_KEYS, APP_KEYS)),
    ("the link picker", (LINK_PICKER_COMMANDS, APP_KEYS)),
)


@runtime_checkable
class KeepsKeymap(Protocol):
    """An app that keeps the keymap it has Textual apply (`ReaderApp`): Textual
    keeps its own to itself."""

    keymap: Keymap


def in_long_form(keymap: Mapping[str, str]) -> Keymap:
    """`keymap` with each key named as Textual names it once applied and as its
    bindings do (`question_mark` for `?`)."""
    return {
        binding_id: ",".join(
            binding.key for binding in Binding.make_bindings([Binding(keys, binding_id)])
        )
        for binding_id, keys in keymap.items()
    }


def pane_keys_to(action: str, keymap: Mapping[str, str]) -> frozenset[str]:
    """The keys that run a pane's `action` under `keymap`."""
    return frozenset(
        key
        for key, holders in live_keys(PANE_KEYS, keymap).items()
        if any(binding.action == action for binding in holders)
    )


class Collision(NamedTuple):
    """`key` is both `kept`'s and `lost`'s `where` both act: `kept` has it."""

    key: str
    kept: str
    lost: str
    where: str


def widget_of(command: Command) -> tuple[Command, ...]:
    """The commands bound on the same widget as `command`."""
    return next(group for group in WIDGETS if command in group)


def shown_keys(command: Command, keymap: Keymap, display: Callable[[Binding], str]) -> str:
    """Every key that runs `command` under `keymap`, each as `display` (the
    app's `get_key_display`) shows it: what the help screen lists. A key the
    keymap gives another command on the same widget is that command's."""
    ids = {binding.id for binding in command.bindings()}
    remapped = any(binding_id in keymap for binding_id in ids)
    if "{key}" in command.action and command.key_display and not remapped:
        return command.key_display  # `1-9`, not nine keys
    live = live_keys(widget_of(command), keymap)
    shown = [
        display(holders[0].with_key(key, key_display=None))
        for key, holders in live.items()
        if holders[0].id in ids
    ]
    return " ".join(dict.fromkeys(shown))


def live_keys(group: tuple[Command, ...], keymap: Mapping[str, str]) -> dict[str, list[Binding]]:
    """The keys of a widget binding `group`, remapped as Textual remaps them:
    each key with its bindings, the one that acts first."""
    live = BindingsMap(bindings(group))
    live.apply_keymap(dict(keymap))
    return live.key_to_bindings


def _clashes(
    chain: tuple[tuple[Command, ...], ...], keymap: Mapping[str, str]
) -> Iterator[tuple[str, str, str]]:
    """(key, binding id that acts, binding id that loses it) along `chain`."""
    acting: dict[str, str] = {}
    for group in chain:
        live = live_keys(group, keymap)
        for binding in bindings(group):
            binding_id = str(binding.id)
            for key in keymap.get(binding_id, binding.key).split(","):
                holders = live.get(key, [])
                # Taken on this widget by another command remapped to it.
                if holders and holders[0].id != binding_id:
                    yield key, str(holders[0].id), binding_id
        for key, holders in live.items():
            first = str(holders[0].id)
            if acting.setdefault(key, first) != first:
                # Hidden by the same key on a widget nearer the focus.
                yield key, acting[key], first


def key_collisions(keymap: Mapping[str, str]) -> list[Collision]:
    """The keys `keymap` gives to two commands where both act, that the
    default keys do not: each pair once, with the command that has the key
    (where the pair first meets)."""
    if not keymap:
        return []  # the default keys: nothing to tell (and nothing to work out at start-up)
    found: dict[tuple[str, str, str], Collision] = {}
    for where, chain in CHAINS:
        meant = set(_clashes(chain, {}))
        for clash in _clashes(chain, keymap):
            key, kept, lost = clash
            pair = (key, min(kept, lost), max(kept, lost))
            if clash not in meant and pair not in found:
                found[pair] = Collision(key, kept, lost, where)
    return list(found.values())


def collision_reasons(
    collisions: list[Collision], keymap: Mapping[str, str]
) -> list[tuple[str, str]]:
    """What to tell of `collisions`: one reason per key a binding of `keymap`
    was given, with that binding's id (where the config sets it)."""
    told: dict[tuple[str, str], list[str]] = {}
    for collision in collisions:
        remapped = collision.kept if collision.kept in keymap else collision.lost
        other = collision.lost if remapped == collision.kept else collision.kept
        said = f"{other}'s in {collision.where}: {collision.kept} keeps it"
        told.setdefault((collision.key, remapped), []).append(said)
    return [
        (f'[keys]: "{key}" for {remapped} is also {"; ".join(said)}', remapped)
        for (key, remapped), said in told.items()
    ]
