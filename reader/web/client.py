"""The one HTTP client: httpx, wrapped so that every request is polite and safe.

- Only `http` and `https`, with TLS verified; redirects followed by hand (at
  most `MAX_REDIRECTS`), each one checked: never to another scheme.
- Nothing sent but the request: no cookies kept (a jar that refuses them all),
  no credentials (a URL with a user name is refused; httpx reads no netrc).
- Timeouts for connecting and for each read; the body streamed and bounded by
  `limits.MAX_FILE_BYTES`, decompressed by us (gzip only, asked for) so that
  a gzip bomb stops at the limit.
- Per-host turns and waits (`gate`): `429` / `Retry-After` and Reddit's
  `X-Ratelimit-*` honoured; a short wait after a 429 is waited out and the
  request sent once more.
- Conditional requests: the validators of a cached copy (`ETag`,
  `Last-Modified`) are sent, and a `304` says the copy is current.
- `[network.hosts]`: a listed host's requests go to its base URL, while the
  URL (redirects resolved against it, errors naming it) stays the one asked.

Every failure is a `FetchError` naming the URL asked for and a one-line reason.
"""

from __future__ import annotations

import socket
import ssl
import sys
from http import HTTPStatus
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urljoin, urlsplit

from ..formats import limits
from .body import Corrupt, TooLarge, read_bounded
from .gate import HostGate, Throttled
from .hosts import HostMap, host_key
from .request import FetchError, Response, Validators

# httpx imports its command line (`python -m httpx`: click, pygments, rich's
# progress bars; some 20 ms before reader's first frame) whenever click is
# installed, and goes without it when that import fails: reader never runs it.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
try:
    import httpx
except ImportError:  # an httpx that cannot go without it
    del sys.modules["httpx._main"]
    import httpx

MAX_REDIRECTS = 5
SCHEMES = ("http", "https")
_MB = 1024 * 1024


class WebClient:
    """GET requests, one client for the whole app (thread-safe)."""

    def __init__(
        self,
        user_agent: str,
        timeout: float,
        hosts: HostMap,
        gate: HostGate,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self._hosts = hosts
        self.gate = gate
        self._http = httpx.Client(
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip"},
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def get(self, url: str, validators: Validators | None = None) -> Response:
        """GET `url` (FetchError on any failure, and on a status other than 200
        and, with `validators`, 304)."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            _check_url(url, current)
            response = self._send(url, current, validators)
            if isinstance(response, Response):
                return response
            current = response
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _send(self, asked: str, url: str, validators: Validators | None) -> Response | str:
        """The response, or the URL it redirects to."""
        host = host_key(url)
        headers = _conditional(validators)
        may_retry = True
        while True:
            try:
                with (
                    self.gate.turn(host),
                    self._http.stream("GET", self._hosts.target(url), headers=headers) as reply,
                ):
                    waited = self.gate.heed(host, reply.status_code, reply.headers)
                    if waited is None:
                        return self._answer(asked, url, reply, validators)
            except Throttled as throttled:
                raise FetchError(asked, _asks_to_wait(throttled.seconds)) from None
            except httpx.HTTPError as error:
                raise FetchError(asked, _reason(error, self.timeout)) from None
            if not may_retry or waited > self.gate.max_wait:
                raise FetchError(asked, f"{_status(429)}: {_asks_to_wait(waited)}")
            may_retry = False  # the gate waits it out before the next turn

    def _answer(
        self, asked: str, url: str, reply: httpx.Response, validators: Validators | None
    ) -> Response | str:
        status = reply.status_code
        if status in (301, 302, 303, 307, 308):
            location = reply.headers.get("location")
            if not location:
                raise FetchError(asked, f"HTTP {status} redirect without a Location")
            return urljoin(url, location.strip())
        if status == 304 and validators is not None:
            return Response(url, 304, b"", "", validators)
        if status != 200:
            raise FetchError(asked, _status(status), status)
        limit = limits.MAX_FILE_BYTES
        declared = reply.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(asked, _too_large(limit))
        encoding = reply.headers.get("content-encoding", "").strip().lower()
        if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise FetchError(asked, f"the response is encoded as {encoding!r}, not asked for")
        try:
            body = read_bounded(reply.iter_raw(), encoding, limit)
        except TooLarge:
            raise FetchError(asked, _too_large(limit)) from None
        except Corrupt as error:
            raise FetchError(asked, f"the response does not decompress: {error}") from None
        found = Validators(reply.headers.get("etag"), reply.headers.get("last-modified"))
        content_type = reply.headers.get("content-type", "")
        return Response(url, 200, body, content_type, found, reply.headers)


def _check_url(asked: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        reason = (
            f"redirected to {url}: only http and https are followed"
            if url != asked
            else "only http and https URLs are fetched"
        )
        raise FetchError(asked, reason)
    if parts.username is not None or parts.password is not None:
        raise FetchError(asked, "a URL with a user name or password is not fetched")
    if not parts.hostname:
        raise FetchError(asked, "the URL names no host")


def _conditional(validators: Validators | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if validators is not None:
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
    return headers


def _status(status: int) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return f"HTTP {status} {phrase}".rstrip()


def _asks_to_wait(seconds: float) -> str:
    return f"the site asks to wait {seconds:.0f} s before asking again"


def _too_large(limit: int) -> str:
    return f"the response is over the {limit / _MB:g} MB limit"


def _reason(error: httpx.HTTPError, timeout: float) -> str:
    """A one-line reason for a transport error, from its causes."""
    if isinstance(error, httpx.TimeoutException):
        return f"timed out (no answer within {timeout:g} s)"
    causes = _causes(error)
    if any(isinstance(cause, socket.gaierror) for cause in causes) or _says(
        error, "name or service not known", "nodename nor servname", "no address associated"
    ):
        return "cannot find the host (no network, or no such host)"
    if any(isinstance(cause, ssl.SSLError) for cause in causes) or _says(error, "certificate"):
        return f"TLS failed: {_first_line(error)}"
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect: {_first_line(error)}"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the server broke the connection: {_first_line(error)}"
    return f"{type(error).__name__}: {_first_line(error)}"


def _causes(error: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and len(found) < 10:
        found.append(cause)
        cause = cause.__cause__ or cause.__context__
    return found


def _says(error: BaseException, *words: str) -> bool:
    text = " ".join(str(cause) for cause in _causes(error)).lower()
    return any(word in text for word in words)


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
