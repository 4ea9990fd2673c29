"""Key names as a config file may write them, checked by their syntax only (the
config must not import the UI, so a name is not looked up in Textual's list)."""

from __future__ import annotations

import re

MODIFIERS = ("ctrl", "alt", "shift", "super", "meta", "hyper")
# Textual's names: `f5`, `pageup`, `question_mark`, ... always lower case.
NAME = re.compile(r"[a-z][a-z0-9_]*")
# Characters with a special meaning in a Textual key list, and their names.
RESERVED = {",": "comma", " ": "space", "+": "plus"}


def key_problem(key: str) -> str | None:
    """Why `key` is not a key name (such as `j`, `J`, `ctrl+x`, `alt+r`, `f5`,
    `pagedown`), or None when it is one."""
    if len(key) == 1:
        return _character_problem(key)
    *modifiers, base = key.split("+")
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            return f"{key!r}: {modifier!r} is not a modifier ({', '.join(MODIFIERS)})"
    if len(set(modifiers)) != len(modifiers):
        return f"{key!r}: a modifier is repeated"
    if len(base) == 1:
        return _character_problem(base)
    if not NAME.fullmatch(base):
        return f"{key!r}: {base!r} is not a key name (lower case, such as 'f5' or 'pagedown')"
    return None


def _character_problem(character: str) -> str | None:
    if character in RESERVED:
        return f"{character!r}: write it as {RESERVED[character]!r}"
    if not character.isprintable():
        return f"{character!r}: not a printable character"
    return None
