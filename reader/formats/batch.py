"""Some of a file's articles, as a format gives them while it reads the file."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Article


class Batch(NamedTuple):
    """Articles of one file, and how much of the file has been read once they
    are (0 to 1, and 1 only for the file's last batch: a mailbox gives its
    threads as it reads them; most formats give all of a file's articles in
    one batch, at 1).

    A `preview` is a first look at the file's first article, given before the
    file is read through (a big mailbox: the first thread among its first
    messages, with the replies those hold). The file's next batch takes its
    place: it gives the article again in full (the same `source_id`), after
    any articles that come before it in the file's order."""

    articles: list[Article]
    read: float
    preview: bool = False
    # The bytes the file holds, where its format counted them as it read it
    # (a Maildir's messages): the load's progress takes it instead of a stat
    # of each of its files.
    size: int | None = None
