"""Mail subjects: what a thread's title keeps of its first message's subject,
and when a reply's subject says something its parent's does not.

Only what says nothing about the message goes: reply and forward prefixes
(`Re:`, `RE:`, `Re[2]:`, `Fwd:`, `FW:`, and the German and Nordic `AW:`,
`SV:`, `WG:`) and the list's own tag (`[linux-kernel]` on a list whose
`List-Id` is `<linux-kernel.vger.kernel.org>`). Any other tag stays: in a
patch series `[PATCH v2 3/7]` is what tells the messages apart.
"""

from __future__ import annotations

import re

# A reply or forward prefix, with an optional count (`Re[2]:`, `Re(2):`).
_PREFIX = re.compile(r"(?:re|fwd?|aw|sv|wg)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*", re.IGNORECASE)
_BRACKETED = re.compile(r"\[([^\[\]]*)\]\s*")
_LIST_ID = re.compile(r"<([^<>\s]+)>")


def list_tag(list_id: str | None) -> str | None:
    """The tag a list puts before its subjects: the first label of its
    `List-Id` (`linux-kernel` for `Linux kernel <linux-kernel.vger.kernel.org>`,
    the `<...>` optional)."""
    if not list_id:
        return None
    found = _LIST_ID.search(list_id)
    name = found.group(1) if found else list_id.strip()
    return name.split(".", 1)[0] or None


def bare_subject(subject: str, tag: str | None) -> str:
    """`subject` without the reply and forward prefixes and the list's own
    `[tag]` that lead it (in any order), its whitespace collapsed."""
    words = " ".join(subject.split())
    position = 0
    while True:
        found = _PREFIX.match(words, position)
        if found is None and tag is not None:
            found = _BRACKETED.match(words, position)
            if found is not None and found.group(1).strip().lower() != tag.lower():
                found = None
        if found is None:
            return words[position:]
        position = found.end()


def shown_subject(subject: str | None, parents: str | None, tag: str | None) -> str | None:
    """What a message's header says of its `subject`, as mutt does: nothing
    when it is its parent's (`parents`, None for no parent known) once both
    are bare, else the bare subject."""
    if not subject:
        return None
    bare = bare_subject(subject, tag)
    if not bare or (parents is not None and bare_subject(parents, tag) == bare):
        return None
    return bare
