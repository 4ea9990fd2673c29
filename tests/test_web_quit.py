"""Quitting never waits for the network: every thread that asks the web is
one the process may end without (Python joins a ThreadPoolExecutor's threads
as it exits, whichever thread made it)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.web_support import STORY, network, serve_hn

# The process ends as its main thread does, while the reply order's request
# (which the server holds until the test ends) is still in flight.
SCRIPT = """
import sys, threading
from pathlib import Path
from reader.config.network import Network
from reader.web.session import WebSession
network = Network(timeout=60, hosts=eval(sys.argv[1]), cache=Path(sys.argv[2]))
web = WebSession(network)
opened = web.open(sys.argv[3])
threading.Thread(target=opened.refine, daemon=True).start()
sys.stdin.readline()
"""
# Not a speed figure: how long a process that hangs is given before the test says so.
HANG_SECONDS = 30


def test_the_process_ends_while_hn_reply_order_requests_are_in_flight(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    asked, release = threading.Event(), threading.Event()

    def held(request: Request) -> Response:
        asked.set()
        release.wait(HANG_SECONDS * 2)
        return Response('{"id": 9101, "kids": []}', content_type="application/json")

    # Registered before the thread's: the first that matches answers.
    path = "/hacker-news.firebaseio.com/v0/item/9101.json"
    httpserver.expect_request(path).respond_with_handler(held)
    serve_hn(httpserver)
    hosts = dict(network(httpserver, tmp_path).hosts)
    url = f"https://news.ycombinator.com/item?id={STORY}"
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, repr(hosts), str(tmp_path), url],
        stdin=subprocess.PIPE,
        text=True,
    )
    try:
        assert asked.wait(HANG_SECONDS)
        process.communicate("\n", timeout=HANG_SECONDS)
        assert not release.is_set()
        assert process.returncode == 0
    finally:
        release.set()
        process.kill()
        process.wait()
