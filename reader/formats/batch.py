"""Some of a file's articles, as a format gives them while it reads the file."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Article


class Batch(NamedTuple):
    """Articles of one file, and how much of the file has been read once they
    are (0 to 1, and 1 only for the file's last batch: a mailbox gives its
    threads as it reads them; most formats give all of a file's articles in
    one batch, at 1)."""

    articles: list[Article]
    read: float
