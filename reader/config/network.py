"""The `[network]` table: how reader asks the web for what a URL names.

    [network]
    user_agent = "..."   # default: reader's own, in the form Reddit asks for
    timeout = 20         # seconds to connect, or to wait for the next bytes
    cache = "..."        # where responses are kept (default: the user's cache folder)
    keep_days = 90       # how long a feed's items are kept once it drops them
    refresh_minutes = 30 # fetch everything again this often while reader runs (0: never)
    [network.hosts]      # a request for https://HOST/path?q goes to BASE/path?q
    "hn.algolia.com" = "http://127.0.0.1:8080/hn.algolia.com"

The values are checked here, each problem one message; the web package takes
them as they are.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple
from urllib.parse import urlsplit

from .. import __version__

DEFAULT_TIMEOUT = 20.0
DEFAULT_KEEP_DAYS = 90.0
# Reddit's form, `<platform>:<app id>:<version> (by /u/<name>)`: reader has no
# Reddit account to name, so the part in brackets says what it is instead.
DEFAULT_USER_AGENT = f"{sys.platform}:reader:{__version__} (terminal article reader)"
KEYS = ("user_agent", "timeout", "cache", "keep_days", "refresh_minutes", "hosts")


class Network(NamedTuple):
    """The settings in effect (a NamedTuple: built at every start-up)."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = DEFAULT_TIMEOUT
    # Lower-case host name (with `:port` when not the scheme's) -> base URL.
    hosts: Mapping[str, str] = MappingProxyType({})
    # None: the user's cache folder.
    cache: Path | None = None
    # Days a feed's item is kept (by its own time) once the feed drops it.
    keep_days: float = DEFAULT_KEEP_DAYS
    # Minutes between refreshes of everything read from the web (0: none).
    refresh_minutes: float = 0.0


def parse_network(value: object, base: Path, problem: Callable[[str, str], None]) -> Network:
    """The `[network]` table `value`; `problem(reason, key)` is told what is
    wrong (that setting keeps its default). A relative `cache` is relative to
    `base`, the config file's folder."""
    if not isinstance(value, dict):
        problem("network: expected a [network] table", "network")
        return Network()
    settings = Network()
    for name in value:
        if name not in KEYS:
            problem(f"[network]: unknown setting {name!r}", name)
    agent = value.get("user_agent")
    if agent is not None:
        if isinstance(agent, str) and agent.strip() and agent.isprintable():
            settings = settings._replace(user_agent=agent.strip())
        else:
            problem("[network]: user_agent: expected a line of text", "user_agent")
    timeout = value.get("timeout")
    if timeout is not None:
        if isinstance(timeout, int | float) and not isinstance(timeout, bool) and timeout > 0:
            settings = settings._replace(timeout=float(timeout))
        else:
            problem("[network]: timeout: expected a number of seconds over 0", "timeout")
    keep = value.get("keep_days")
    if keep is not None:
        if isinstance(keep, int | float) and not isinstance(keep, bool) and keep >= 0:
            settings = settings._replace(keep_days=float(keep))
        else:
            problem("[network]: keep_days: expected a number of days, 0 or more", "keep_days")
    refresh = value.get("refresh_minutes")
    if refresh is not None:
        if isinstance(refresh, int | float) and not isinstance(refresh, bool) and refresh >= 0:
            settings = settings._replace(refresh_minutes=float(refresh))
        else:
            problem(
                "[network]: refresh_minutes: expected a number of minutes, 0 or more",
                "refresh_minutes",
            )
    cache = value.get("cache")
    if cache is not None:
        if isinstance(cache, str) and cache:
            settings = settings._replace(cache=base / Path(cache).expanduser())
        else:
            problem("[network]: cache: expected a folder", "cache")
    hosts = value.get("hosts")
    if hosts is not None:
        settings = settings._replace(hosts=_hosts(hosts, problem))
    return settings


def _hosts(value: object, problem: Callable[[str, str], None]) -> dict[str, str]:
    if not isinstance(value, dict):
        problem("[network]: hosts: expected a [network.hosts] table", "hosts")
        return {}
    hosts: dict[str, str] = {}
    for host, base in value.items():
        parts = urlsplit(base) if isinstance(base, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            problem(f"[network.hosts]: {host}: expected an http or https URL", host)
        elif parts.query or parts.fragment:
            problem(f"[network.hosts]: {host}: a base URL has no query or fragment", host)
        else:
            hosts[host.strip().lower()] = base.rstrip("/")
    return hosts
