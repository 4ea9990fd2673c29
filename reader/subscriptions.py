"""`reader import-opml FILE` and `reader export-opml`: subscriptions carried
over from and to other feed readers.

reader never writes its config (it only reads it): `import-opml` prints the
lines to add to `paths`, each feed's title as a comment, leaving out the
feeds already there; the user pastes them (or lists the OPML file itself in
`paths`, which stands for the feeds it holds). `export-opml` prints an OPML
file of the URLs in `paths`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from .config import Config
from .config.opml import Subscription, read_opml, write_opml


class ToAdd(NamedTuple):
    lines: str  # what to add to the config (stdout)
    advice: str  # where to add it (stderr)
    count: int  # how many feeds are new


def lines_to_add(opml: Path, config: Config) -> ToAdd:
    """The `paths` lines for the feeds of `opml` not in `config` yet (LoadError
    naming the OPML file when it cannot be read)."""
    subscriptions = read_opml(opml)
    have = set(config.paths)
    new = [feed for feed in subscriptions if feed.url not in have]
    where = config.source or Path("config.toml")
    items = [f"  {json.dumps(feed.url)},{_comment(feed)}" for feed in new]
    if not new:
        return ToAdd("", f"every feed of {opml} is in {where} already", 0)
    if "paths" in _settings(config):
        return ToAdd(
            "\n".join(items) + "\n",
            f"add these {len(new)} lines inside `paths = [...]` in {where} "
            "(reader does not write its config)",
            len(new),
        )
    return ToAdd(
        "paths = [\n" + "\n".join(items) + "\n]\n",
        f"add these lines to {where}, above any [table] (reader does not write its config)",
        len(new),
    )


def opml_of(config: Config) -> str:
    """An OPML file of the URLs among the config's paths."""
    urls = [path for path in config.paths if isinstance(path, str)]
    return write_opml(Subscription(url, url) for url in urls)


def _comment(feed: Subscription) -> str:
    title = " ".join(feed.title.split())
    return f"  # {title}" if title and title != feed.url else ""


def _settings(config: Config) -> set[str]:
    """The top-level settings the config file sets."""
    import tomllib

    try:
        return set(tomllib.loads(config.text))
    except tomllib.TOMLDecodeError:
        return set()
