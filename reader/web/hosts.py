"""Where a request goes: `[network.hosts]` sends a host's requests to another
base URL (a mirror, a proxy, a test server).

The URL asked for stays the request's identity everywhere else (its cache
entry, its articles' keys, the redirects it is resolved against): only the
connection goes elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


class HostMap:
    """Host names (with `:port` when not the scheme's own) and their base URLs."""

    def __init__(self, hosts: Mapping[str, str]) -> None:
        self._hosts = {host.lower(): base.rstrip("/") for host, base in hosts.items()}

    def target(self, url: str) -> str:
        """The URL to connect to for `url`: BASE/path?query for a listed host,
        else `url` itself."""
        if not self._hosts:
            return url
        parts = urlsplit(url)
        base = self._hosts.get(host_key(url))
        if base is None:
            return url
        path = parts.path or "/"
        return f"{base}{path}" + (f"?{parts.query}" if parts.query else "")


def host_key(url: str) -> str:
    """`host` or `host:port` (a port other than the scheme's), lower case."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None or port == _DEFAULT_PORTS.get(parts.scheme):
        return host
    return f"{host}:{port}"
