"""Items kept after their feed drops them, as newsboat keeps them.

A feed lists its last items only (often 10 or 20): each fetch is kept with
the items the kept copy had that the feed no longer lists, up to an age
(`[network] keep_days`, by the item's own time, else by when it was first
missed). The copy kept is reader's feed bundle (`reader.formats.feed.items`):

    {"reader_feed": {"xml": the feed as fetched, "kept": [items it dropped]}}
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ..formats.feed.items import item_records, record_key

DAY = 86_400.0
# Items kept at most, the newest first: a busy feed dropped for years stays bounded.
MAX_KEPT = 5_000


def merge(previous: bytes | None, fresh: bytes, now: float, keep_days: float) -> bytes:
    """The bundle of the feed `fresh`, with the items of the `previous` bundle
    it no longer lists that are at most `keep_days` old."""
    listed = {record_key(record) for record in item_records(fresh)}
    kept: list[dict[str, Any]] = []
    seen: set[str] = set()
    for record in _records(previous):
        key = record_key(record)
        if not key or key in listed or key in seen:
            continue
        seen.add(key)
        record.setdefault("missed", now)
        if now - _time_of(record) <= keep_days * DAY:
            kept.append(record)
    kept.sort(key=_time_of, reverse=True)
    bundle = {"reader_feed": {"xml": fresh.decode("utf-8", "replace"), "kept": kept[:MAX_KEPT]}}
    return json.dumps(bundle).encode()


def _records(previous: bytes | None) -> list[dict[str, Any]]:
    """The items of the kept bundle: those of its feed, then those it kept."""
    if not previous:
        return []
    try:
        bundle = json.loads(previous)["reader_feed"]
        xml, kept = bundle["xml"], bundle.get("kept") or []
    except (ValueError, KeyError, TypeError):
        return []
    records = item_records(xml.encode()) if isinstance(xml, str) else []
    return records + [record for record in kept if isinstance(record, dict)]


def _time_of(record: dict[str, Any]) -> float:
    """The item's own time, else when it was first missed."""
    published = record.get("published")
    if isinstance(published, str):
        try:
            return datetime.fromisoformat(published).timestamp()
        except ValueError:
            pass
    missed = record.get("missed")
    return float(missed) if isinstance(missed, int | float) else 0.0
