"""A thread replaced after a load is freed: the load froze it out of the
collector's reach, and a thread is a cycle (its comments point back at it)."""

from __future__ import annotations

import gc

from reader.collector import bulk_loading
from reader.model import Article, Comment
from reader.prepared import prepare
from reader.store import DocumentStore


def flat_article(title: str, comments: int) -> Article:
    return Article(title=title, comments=[Comment(text=[f"reply {n}"]) for n in range(comments)])


def tracked_objects() -> int:
    """Every object the collector knows of, frozen ones included."""
    return len(gc.get_objects()) + gc.get_freeze_count()


def test_threads_replaced_after_a_load_are_freed_not_kept_frozen() -> None:
    store = DocumentStore()
    assert gc.isenabled()
    with bulk_loading():
        big = store.add(flat_article("big", 3000), "big").id
        store.add(flat_article("other", 100), "other")
    before = tracked_objects()
    # A refresh, then another: the second lets go of the first's version,
    # which no view holds by then, and the load's version before it.
    store.replace(big, prepare(flat_article("big", 10)))
    store.replace(big, prepare(flat_article("big", 10)))
    assert len(store.thread(big)) == 10
    # The 3,000 comments of the loaded version are gone (less what was made since).
    assert tracked_objects() <= before - 2500
