"""Mailing-list archives by URL: a message of a public-inbox archive
(lore.kernel.org and the other instances), `https://HOST/LIST/MSGID/`, also
its `/T/`, `/t/`, `/raw` and `/t.mbox.gz` forms: the message's whole thread,
the cursor on the message.

One request: `GET https://HOST/LIST/MSGID/t.mbox.gz`, the thread as a
gzipped mbox, decompressed no further than the file size limit and kept as
the mailbox it holds, read by the mbox reader.

A message URL is told by its shape (a path segment holding `@` after the
list's); on hosts not known to run public-inbox, only the forms no other site
has (`/T/`, `/t/`, `/raw`, `/t.mbox.gz`) are taken for one.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import SplitResult, unquote

from ..formats import limits
from .body import GZIP_MAGIC, Corrupt, TooLarge, gunzip_bounded
from .document import Document
from .fetcher import Fetcher

KNOWN_HOSTS = frozenset(["lore.kernel.org", "public-inbox.org", "inbox.sourceware.org"])
_MESSAGE = re.compile(
    r"^(?P<inbox>(?:/[^/]+)*/[^/@]+)/(?P<msgid>[^/]*@[^/]*)"
    r"(?P<form>/|/T/?|/t/?|/raw|/t\.mbox\.gz)?$"
)
_MB = 1024 * 1024


class PublicInboxThread(NamedTuple):
    """A message of an archive: the archive's URL (up to the list) and its
    Message-ID as the URL spells it (escaped)."""

    inbox: str
    message: str

    def fetch(self, fetcher: Fetcher) -> Document:
        url = f"{self.inbox}/{self.message}/t.mbox.gz"
        _, copy = fetcher.get(url, ".mbox", _mailbox, kept=lambda _, mailbox: mailbox)
        return Document(copy, f"<{unquote(self.message)}>")


def recognise(parts: SplitResult) -> PublicInboxThread | None:
    """The message a public-inbox URL names, if it names one."""
    found = _MESSAGE.match(parts.path)
    if found is None:
        return None
    host = (parts.hostname or "").lower()
    if (
        host not in KNOWN_HOSTS
        and not host.startswith("lore.")
        and found.group("form")
        in (
            None,
            "/",
        )
    ):
        return None
    inbox = f"{parts.scheme}://{parts.netloc}{found.group('inbox')}"
    return PublicInboxThread(inbox, found.group("msgid"))


def _mailbox(body: bytes) -> bytes:
    """The mbox in a `t.mbox.gz` (ValueError when there is none)."""
    limit = limits.MAX_FILE_BYTES
    if body.startswith(GZIP_MAGIC):
        try:
            body = gunzip_bounded(body, limit)
        except TooLarge:
            raise ValueError(f"the thread is over the {limit / _MB:g} MB limit") from None
        except Corrupt as error:
            raise ValueError(f"the thread's gzip is damaged: {error}") from None
    if not body.startswith(b"From "):
        raise ValueError("not a mailbox (expected the thread as a gzipped mbox)")
    return body
