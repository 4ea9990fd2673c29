"""Every response kept as the file it came as, to read again offline.

A URL's entry is two files in a folder named after its host: its body (the
JSON or mailbox as served, `NAME-BODYHASH.json`) and its record
(`NAME.meta.json`: the URL, when it was fetched, its `ETag` and
`Last-Modified`, and which body file is its own). Both are written to a
temporary file and renamed into place, the body first: a crash at any point
leaves the record naming a complete body (the old one until the new record is
in place), never a torn one. The body a record stops naming is removed once the new
record is in place (and a new body whose record could not be written, at
once), so the host's folder holds one body for each URL.

Documents reader builds from several responses (a Hacker News thread in the
order HN shows it) are kept the same way, under the URL they are read for.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from contextlib import suppress
from hashlib import blake2b
from pathlib import Path
from typing import NamedTuple

from platformdirs import user_cache_dir

from .hosts import host_key
from .request import Validators

_RECORD = ".meta.json"
_UNSAFE = re.compile(r"[^a-z0-9.-]")


def default_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/reader/web` (default `~/.cache/reader/web`)."""
    return Path(user_cache_dir("reader")) / "web"


class CachedCopy(NamedTuple):
    """A URL's kept response: its file and what it was served with."""

    url: str
    path: Path
    fetched: float  # Unix time of the last fetch that found it current
    validators: Validators


class ResponseCache:
    """The cache folder: entries by URL."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def lookup(self, url: str) -> CachedCopy | None:
        """The URL's kept copy; None when there is none (or it cannot be read)."""
        record_path = self._name(url).with_name(self._name(url).name + _RECORD)
        try:
            record = json.loads(record_path.read_bytes())
            path = record_path.parent / record["body"]
            copy = CachedCopy(
                record["url"],
                path,
                float(record["fetched"]),
                Validators(record.get("etag"), record.get("last_modified")),
            )
            if copy.url != url or not path.is_file() or "/" in record["body"]:
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return copy

    def store(
        self, url: str, body: bytes, suffix: str, validators: Validators, fetched: float
    ) -> CachedCopy:
        """Keep `body` as the URL's copy (OSError if it cannot be written)."""
        name = self._name(url)
        name.parent.mkdir(parents=True, exist_ok=True)
        digest = blake2b(body, digest_size=6).hexdigest()
        path = name.with_name(f"{name.name}-{digest}{suffix}")
        # The body the record names now: the one to remove once the new
        # record is in place. Read from the record, not by listing the host's
        # folder, which holds every thread of the site read so far.
        kept = self.lookup(url)
        previous = kept.path if kept is not None else None
        written = not path.is_file() or path.stat().st_size != len(body)
        if written:
            _write_atomically(path, body)
        copy = CachedCopy(url, path, fetched, validators)
        try:
            self._write_record(copy)
        except BaseException:
            if written and path != previous:  # no record will ever name it
                path.unlink(missing_ok=True)
            raise
        if previous is not None and previous != path:
            previous.unlink(missing_ok=True)
        return copy

    def touch(self, copy: CachedCopy, fetched: float) -> CachedCopy:
        """The copy, found current again at `fetched` (a 304)."""
        copy = copy._replace(fetched=fetched)
        # On failure the copy is still good; only its age is not updated.
        with suppress(OSError):
            self._write_record(copy)
        return copy

    def _write_record(self, copy: CachedCopy) -> None:
        record = {
            "url": copy.url,
            "fetched": copy.fetched,
            "etag": copy.validators.etag,
            "last_modified": copy.validators.last_modified,
            "body": copy.path.name,
        }
        name = self._name(copy.url)
        _write_atomically(name.with_name(name.name + _RECORD), json.dumps(record).encode())

    def _name(self, url: str) -> Path:
        """The entry's path without its suffixes: the host's folder, and the
        URL's hash (a URL can be longer than a file name may be)."""
        # Only the characters a host name has: a URL's host never makes `..`.
        host = _UNSAFE.sub("_", host_key(url)).lstrip(".") or "_"
        return self.root / host / blake2b(url.encode(), digest_size=10).hexdigest()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a temporary file beside `path`, flush it to disk, rename it over."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
