"""The `sites` section: loading discussion sites' JSON and mailing lists, in MB/s.

One 100,000-comment Reddit thread and one HN (Algolia) thread, a fifth of the
comments with markup (links, emphasis, quotes: they take the Markdown or HTML
parser; the rest are plain paragraphs), and one mbox of 10,000 messages in
threads, with the encodings real list archives have (quoted-printable, base64,
RFC 2047 headers, Latin-1 and UTF-8, multipart/alternative and signed mail).
All generated deterministically.
"""

from __future__ import annotations

import base64
import json
import quopri
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.header import Header
from email.utils import format_datetime
from pathlib import Path

from reader.collector import bulk_loading
from reader.formats.loader import load_articles
from reader.store import DocumentStore
from tests.bench_support import Bench, Figure, mb, median_of

# The share of comments with markup (links, emphasis, quotes): those take the
# Markdown or HTML parser; the rest are plain paragraphs, which skip it.
MARKUP_SHARE = 0.2
TARGET_MB_S = 15
_WORDS = "the soil trial ran for months while a river survey counted every heron".split()
_ACCENTED = "café naïve Zürich élève façade über Ærø señal".split()
_NAMES = "Ada Ravel,Bo Lindqvist,Chiara Ossi,Dev Anand,Émile Roux,Fen Ito,Gus Hale".split(",")


def site_thread(
    count: int,
    site: str,
    seed: int = 7,
    rich_body: Callable[[random.Random, int], str] | None = None,
    title: str = "t",
) -> str:
    """A generated Reddit or HN (Algolia) thread as JSON, nested at most 6 deep;
    every comment's text from `rich_body` if given, else a fifth with markup."""
    rng = random.Random(seed)

    def sentence() -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 30)))

    def body(number: int) -> str:
        if rich_body is not None:
            return rich_body(rng, number)
        if rng.random() >= MARKUP_SHARE:
            plain = f"{sentence()}, {sentence()}."
            return f"{plain}\n\n{sentence()}" if site == "reddit" else f"{plain}<p>{sentence()}"
        if site == "reddit":
            link = f"[the log](https://example.com/{number})"
            return f"&gt; {sentence()}\n\n{sentence()} *{rng.choice(_WORDS)}* {link}."
        link = f'<a href="https://example.com/{number}" rel="nofollow">https://example.com/{number}</a>'
        return f"&gt; {sentence()}<p>{sentence()} <i>{rng.choice(_WORDS)}</i> {link} it&#x27;s."

    roots: list[dict] = []
    recent: list[tuple[dict, int]] = []
    for number in range(count):
        if site == "reddit":
            data = {
                "id": f"c{number}",
                "name": f"t1_c{number}",
                "author": f"user{number % 500}",
                "body": body(number),
                "created_utc": 1714800000 + number,
                "score": number % 50,
                "edited": False,
                "is_submitter": False,
                "replies": "",
            }
            item: dict = {"kind": "t1", "data": data}
        else:
            item = {
                "id": number + 2,
                "author": f"user{number % 500}",
                "text": body(number),
                "created_at_i": 1714800000 + number,
                "children": [],
            }
        candidates = [entry for entry in recent[-20:] if entry[1] < 6]
        if number % 5 == 0 or not candidates:
            roots.append(item)
            depth = 0
        else:
            parent, depth = rng.choice(candidates)
            depth += 1
            if site == "reddit":
                replies = parent["data"]["replies"] or {"kind": "Listing", "data": {"children": []}}
                parent["data"]["replies"] = replies
                replies["data"]["children"].append(item)
            else:
                parent["children"].append(item)
        recent.append((item, depth))
    if site == "reddit":
        post = {
            "kind": "t3",
            "data": {
                "title": title,
                "author": "a",
                "created_utc": 0,
                "selftext": "",
                "subreddit": "bench",
                "permalink": "/r/b/",
            },
        }
        listing = [
            {"kind": "Listing", "data": {"children": [post]}},
            {"kind": "Listing", "data": {"children": roots}},
        ]
        return json.dumps(listing)
    return json.dumps(
        {"id": 1, "created_at_i": 0, "title": title, "author": "a", "children": roots}
    )


def generated_mbox(count: int, seed: int = 11) -> bytes:
    """A generated mailing-list archive: `count` messages in threads of replies
    (In-Reply-To and References), quoting their parent; most plain 7-bit, some
    quoted-printable, base64, Latin-1, RFC 2047 names and subjects, a few
    multipart/alternative with HTML and signed mail, a few patches and
    `>From ` lines."""
    rng = random.Random(seed)
    start = datetime(2024, 3, 1, tzinfo=UTC).timestamp()

    def line() -> str:
        words = [rng.choice(_ACCENTED if rng.random() < 0.03 else _WORDS) for _ in range(12)]
        return " ".join(words)

    # (id, subject, references, first paragraph) of each message so far
    sent: list[tuple[str, str, list[str], list[str]]] = []
    out: list[bytes] = []
    for number in range(count):
        message_id = f"<{number}.{rng.randrange(10**8)}@lists.example.org>"
        name = rng.choice(_NAMES)
        if number % 8 == 0 or not sent:
            subject, references, quoted = f"Heron survey, part {number}", [], []
        else:
            parent_id, parent_subject, parent_refs, parent_lines = rng.choice(sent[-40:])
            subject = f"Re: {parent_subject.removeprefix('Re: ')}"
            references = [*parent_refs[-8:], parent_id]
            quoted = [*(f"> {row}" for row in parent_lines), ">"]
        paragraphs = [[line() for _ in range(rng.randint(1, 4))] for _ in range(rng.randint(1, 3))]
        body_lines = [*quoted, *(row for para in paragraphs for row in [*para, ""])]
        if rng.random() < 0.05:
            body_lines += [
                "diff --git a/survey.txt b/survey.txt",
                "--- a/survey.txt",
                "+++ b/survey.txt",
                "@@ -1,2 +1,2 @@",
                f"-{line()}",
                f"+{line()}",
                "",
            ]
        if rng.random() < 0.02:
            body_lines += ["From the field notes: herons counted twice.", ""]
        body_lines += ["-- ", name]
        body = "\n".join(body_lines) + "\n"
        sent.append((message_id, subject, references, paragraphs[0]))
        when = datetime.fromtimestamp(start + number * 97, UTC)
        kind = rng.random()
        headers = [
            f"From: {_address(name, kind)}",
            "To: herons@lists.example.org",
            f"Subject: {_subject(subject, kind)}",
            f"Date: {format_datetime(when)}",
            f"Message-ID: {message_id}",
            "List-Id: Heron survey <herons.lists.example.org>",
            "MIME-Version: 1.0",
        ]
        if references:
            headers += [f"In-Reply-To: {references[-1]}", "References: " + "\n ".join(references)]
        out.append(f"From herons-bounces@lists.example.org {when:%a %b %d %H:%M:%S %Y}\n".encode())
        out.append(("\n".join(headers) + "\n").encode())
        out.append(_payload(body, kind))
        out.append(b"\n")
    return b"".join(out)


def _address(name: str, kind: float) -> str:
    mailbox = name.split()[0].lower().replace("é", "e") + "@example.net"
    if kind < 0.1 or not name.isascii():
        return f"{Header(name, 'utf-8').encode()} <{mailbox}>"
    return f"{name} <{mailbox}>"


def _subject(subject: str, kind: float) -> str:
    if 0.05 < kind < 0.1:
        return Header(subject + " – notes", "utf-8").encode()
    return subject


def _payload(body: str, kind: float) -> bytes:
    """Content headers, a blank line and the body (`From ` lines escaped)."""
    escaped = "\n".join(f">{row}" if row.startswith("From ") else row for row in body.split("\n"))
    if kind < 0.7:
        return _part("text/plain; charset=utf-8", "8bit", escaped.encode())
    if kind < 0.85:
        return _part(
            "text/plain; charset=utf-8", "quoted-printable", quopri.encodestring(escaped.encode())
        )
    if kind < 0.9:
        return _part("text/plain; charset=utf-8", "base64", base64.encodebytes(body.encode()))
    if kind < 0.96:
        return _part(
            "text/plain; charset=iso-8859-1",
            "quoted-printable",
            quopri.encodestring(escaped.encode("latin-1", "replace")),
        )
    if kind >= 0.98:
        # Signed mail: the text and its signature, as list archives keep them.
        signed = [
            b"--s0\n" + _part("text/plain; charset=utf-8", "8bit", escaped.encode()),
            b"--s0\n" + _part("application/pgp-signature", "7bit", _SIGNATURE),
            b"--s0--\n",
        ]
        kind_line = b'Content-Type: multipart/signed; protocol="application/pgp-signature"'
        return kind_line + b'; boundary="s0"\n\n' + b"".join(signed)
    html = "<p>" + escaped.replace("\n\n", "<p>").replace("\n", " ") + "\n"
    alternatives = [
        b"--b0\n" + _part("text/plain; charset=utf-8", "8bit", escaped.encode()),
        b"--b0\n" + _part("text/html; charset=utf-8", "8bit", html.encode()),
        b"--b0--\n",
    ]
    return b'Content-Type: multipart/alternative; boundary="b0"\n\n' + b"".join(alternatives)


_SIGNATURE = (
    b"-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEEinvented=\n-----END PGP SIGNATURE-----\n"
)


def _part(content_type: str, encoding: str, payload: bytes) -> bytes:
    head = f"Content-Type: {content_type}\nContent-Transfer-Encoding: {encoding}\n\n"
    return head.encode() + payload


def site_figures(bench: Bench) -> list[Figure]:
    shape, runs, folder = bench.shape, bench.runs, bench.folder
    figures = []
    for site, label in (("reddit", "Reddit"), ("hn", "HN Algolia")):
        path = folder / f"{site}-thread.json"
        path.write_text(site_thread(shape.xl_comments, site), encoding="utf-8")
        name = f"load {label} JSON, {shape.xl_comments:,} comments, {MARKUP_SHARE:.0%} with markup"
        figures.append(_throughput(name, path, runs))
    messages = shape.xl_comments // 10
    path = folder / "list.mbox"
    path.write_bytes(generated_mbox(messages))
    figures.append(_throughput(f"load an mbox, {messages:,} messages in threads", path, runs))
    return figures


def _throughput(name: str, path: Path, runs: int) -> Figure:
    seconds = median_of(runs, lambda: _load_into_store(path))
    throughput = mb([path]) / seconds
    target = f">= {TARGET_MB_S} MB/s"
    return Figure(name, throughput, "MB/s", target, throughput >= TARGET_MB_S)


def _load_into_store(path: Path) -> float:
    """Seconds to load every article of `path` (a mailbox holds many) as the app
    does: parsed, indexed and registered, the cyclic collector paused."""
    start = time.process_time()
    store = DocumentStore()
    with bulk_loading():
        for article in load_articles(path):
            store.add(article, path.stem)
    return time.process_time() - start
