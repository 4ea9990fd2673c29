"""The `hostile` section (issue 23): what hostile input costs, where it once
hung or took memory without bound.

- Links in one paragraph: an HN comment of 40,000 `<a>` and a Reddit comment
  of 40,000 `[a](url)` (13.4 s and 63 s before), each against half as many
  links: the cost is linear.
- A mailbox whose headers are 100 KB of quoted strings (13 s each before):
  its MB/s, against an ordinary mailbox's.
- Reply chains 50,000 and 100,000 deep, Reddit JSON and mbox (7-19 s before):
  `reader dump`'s work (load and write), and its growth from one to the other.
- A 251 MB text file: the peak resident memory of loading it into the store,
  against the file, in a subprocess of its own; and of `reader FILE` in a
  pseudo-terminal, the body opened and taken to its end and back (978 MB
  before issue 23, 962 MB while the body pane made an object or two for each
  of its million paragraphs).

Quick runs use a tenth of each (the 251 MB file: 25 MB).
"""

from __future__ import annotations

import json
import os
import random
import select
import subprocess
import sys
import time
from pathlib import Path

from reader.collector import bulk_loading
from reader.formats.loader import load_articles
from reader.formats.yaml.dump import dump_articles
from reader.loading import Loading
from tests.bench_list import write_mailbox
from tests.bench_support import READER_FRAME_MARKERS, Bench, Figure, median_of, time_to_screen

ROOT = Path(__file__).resolve().parent.parent
MB = 1e6


def _seconds(work: object) -> float:
    start = time.process_time()
    with bulk_loading():
        work()  # type: ignore[operator]
    return time.process_time() - start


def _load(path: Path) -> None:
    load_articles(path, [])


def _dump(path: Path) -> None:
    dump_articles(load_articles(path, []), "yaml")


# Links -----------------------------------------------------------------------------


def _hn_links(path: Path, count: int) -> Path:
    html = " ".join(f'<a href="http://example.org/{n}">link {n}</a>' for n in range(count))
    story = {"id": 1, "type": "story", "by": "ann", "time": 1, "title": "Links", "kids": [2]}
    comment = {"id": 2, "type": "comment", "by": "bo", "time": 2, "parent": 1, "text": html}
    path.write_text(json.dumps([story, comment]), encoding="utf-8")
    return path


def _reddit_links(path: Path, count: int) -> Path:
    markdown = " ".join(f"[link {n}](http://example.org/{n})" for n in range(count))
    post = {"kind": "t3", "data": {"title": "Links", "id": "p", "selftext": "", "author": "ann"}}
    comment = {"kind": "t1", "data": {"id": "c", "author": "bo", "body": markdown, "replies": ""}}
    listings = [
        {"kind": "Listing", "data": {"children": [post]}},
        {"kind": "Listing", "data": {"children": [comment]}},
    ]
    path.write_text(json.dumps(listings), encoding="utf-8")
    return path


def link_figures(bench: Bench) -> list[Figure]:
    count = 4_000 if bench.quick else 40_000
    figures = []
    for name, write, target in (
        ("HN comment of <a>", _hn_links, 1.0),
        ("Reddit comment of [a](url)", _reddit_links, 2.0),
    ):
        whole = write(bench.folder / f"links-{count}.json", count)
        half = write(bench.folder / f"links-{count // 2}.json", count // 2)
        seconds = median_of(bench.runs, lambda path=whole: _seconds(lambda: _load(path)))
        halved = median_of(bench.runs, lambda path=half: _seconds(lambda: _load(path)))
        ratio = seconds / halved if halved else 1.0
        figures.append(
            Figure(
                f"{name} x {count:,}: load (CPU)",
                seconds * 1000,
                "ms",
                f"<= {target:g} s, <= 2.5x half",
                seconds <= target and ratio <= 2.5,
                halved * 1000,
                ratio,
            )
        )
    return figures


# Long quoted mail headers ---------------------------------------------------------


def _quoted_headers_mailbox(path: Path, messages: int) -> Path:
    quoted = '"a", ' * 20_000
    with path.open("w", encoding="utf-8") as box:
        for number in range(messages):
            box.write(
                "From ann@example.org Mon Jan  1 00:00:00 2024\n"
                f"From: {quoted}<ann@example.org>\n"
                f"Subject: Quoted {number}\n"
                f"Message-ID: <q{number}@example.org>\n"
                f"Content-Transfer-Encoding: {quoted}\n"
                "Date: Mon, 1 Jan 2024 00:00:00 +0000\n\n"
                f"Body {number}.\n\n"
            )
    return path


def header_figures(bench: Bench) -> list[Figure]:
    messages = 5 if bench.quick else 50
    hostile = _quoted_headers_mailbox(bench.folder / "quoted.mbox", messages)
    ordinary = write_mailbox(bench.folder / "ordinary.mbox", 200 if bench.quick else 2_000)

    def rate(path: Path) -> float:
        def whole() -> None:
            loading = Loading([path])
            loading.read_ahead()
            for _ in loading:
                pass

        return path.stat().st_size / MB / median_of(bench.runs, lambda: _seconds(whole))

    hostile_rate, ordinary_rate = rate(hostile), rate(ordinary)
    return [
        Figure(
            f"mailbox of {messages} messages with 100 KB quoted headers: load",
            hostile_rate,
            "MB/s",
            ">= 0.5x an ordinary mailbox",
            hostile_rate >= 0.5 * ordinary_rate,
            ordinary_rate,
            hostile_rate / ordinary_rate,
        )
    ]


# Deep reply chains -----------------------------------------------------------------


def _reddit_chain(path: Path, depth: int) -> Path:
    """Written as JSON text directly: `json.dumps` would recurse `depth` deep."""
    post = {"kind": "t3", "data": {"title": "Deep", "id": "p", "selftext": "", "author": "ann"}}
    with path.open("w", encoding="utf-8") as file:
        file.write('[{"kind": "Listing", "data": {"children": [' + json.dumps(post) + "]}}, ")
        file.write('{"kind": "Listing", "data": {"children": [')
        for number in range(depth):
            file.write(
                f'{{"kind": "t1", "data": {{"id": "c{number}", "author": "u{number % 50}", '
                f'"body": "Reply {number}.", "replies": '
            )
            file.write('{"kind": "Listing", "data": {"children": [' if number < depth - 1 else '""')
        file.write("}}]}}" * (depth - 1) + "}}]}}]")
    return path


def _mbox_chain(path: Path, depth: int) -> Path:
    with path.open("w", encoding="utf-8") as box:
        for number in range(depth):
            parent = f"In-Reply-To: <m{number - 1}@example.org>\n" if number else ""
            box.write(
                "From ann@example.org Mon Jan  1 00:00:00 2024\n"
                f"From: User {number % 50} <u{number % 50}@example.org>\n"
                f"Subject: Re: Deep\nMessage-ID: <m{number}@example.org>\n{parent}"
                "Date: Mon, 1 Jan 2024 00:00:00 +0000\n\n"
                f"Reply {number}.\n\n"
            )
    return path


def chain_figures(bench: Bench) -> list[Figure]:
    deep = 10_000 if bench.quick else 100_000
    figures = []
    for name, write in (("Reddit JSON", _reddit_chain), ("mbox", _mbox_chain)):
        paths = [
            write(bench.folder / f"chain-{depth}.{name[0]}", depth) for depth in (deep // 2, deep)
        ]
        half, whole = (
            median_of(max(1, bench.runs // 2), lambda path=path: _seconds(lambda: _dump(path)))
            for path in paths
        )
        ratio = whole / half if half else 1.0
        figures.append(
            Figure(
                f"{name} reply chain {deep:,} deep: reader dump (CPU)",
                whole * 1000,
                "ms",
                "<= 2.5x half as deep",
                ratio <= 2.5,
                half * 1000,
                ratio,
            )
        )
    return figures


# A big text file's memory -----------------------------------------------------------------

MEMORY_PROBE = """
import json, sys
from pathlib import Path
from reader.collector import bulk_loading
from reader.loading import Loading

def status_kb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])

before = status_kb("VmRSS")
with bulk_loading():
    loading = Loading([Path(sys.argv[1])])
    assert loading.read_ahead()
    batches = list(loading)
print(json.dumps({"before_kb": before, "peak_kb": status_kb("VmHWM")}))
"""


def _big_text(path: Path, size: int) -> Path:
    rng = random.Random(23)
    words = "the of and a to in is you that it was for on are as with they at be this".split()
    paragraphs = [
        " ".join(rng.choice(words) for _ in range(rng.randint(20, 120))) for _ in range(500)
    ]
    with path.open("w", encoding="utf-8") as file:
        file.write("A big text\n\n")
        written = number = 0
        while written < size:
            paragraph = f"{number} {paragraphs[number % len(paragraphs)]}\n\n"
            file.write(paragraph)
            written += len(paragraph)
            number += 1
    return path


def _status_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith(field + ":"))
    return int(line.split()[1])


def _cpu_ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _until_idle(terminal: int, pid: int, quiet: float = 1.0, timeout: float = 300) -> None:
    """Read what the command writes until it has used no CPU for `quiet` seconds
    (a key handled, its frame drawn): a pty left unread would stop it."""
    ticks, since, start = _cpu_ticks(pid), time.monotonic(), time.monotonic()
    while time.monotonic() - since < quiet:
        if time.monotonic() - start > timeout:
            raise RuntimeError(f"reader still busy after {timeout} s")
        if select.select([terminal], [], [], 0.05)[0]:
            os.read(terminal, 1 << 16)
        now = _cpu_ticks(pid)
        if now != ticks:
            ticks, since = now, time.monotonic()


# What the reader does in the app: open the article (its body focused), go to
# the end of the body and back to the top.
APP_KEYS = ("\r", "G", "g")


def _app_peak_kb(path: Path) -> int:
    """The peak resident memory of `reader PATH` in a pseudo-terminal: the file
    loaded, shown, its body opened and scrolled to the end and back."""
    peak: list[int] = []

    def keys_then_peak(terminal: int, pid: int) -> None:
        _until_idle(terminal, pid)
        for key in APP_KEYS:
            os.write(terminal, key.encode())
            _until_idle(terminal, pid)
        peak.append(_status_kb(pid, "VmHWM"))

    command = [sys.executable, "-m", "reader", "--no-state", str(path)]
    time_to_screen(command, *READER_FRAME_MARKERS, timeout=300, then=keys_then_peak)
    return peak[0]


def memory_figures(bench: Bench) -> list[Figure]:
    size = 25_000_000 if bench.quick else 251_000_000
    path = _big_text(bench.folder / "big.txt", size)
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    in_the_app = _app_peak_kb(path) * 1024 / MB
    path.unlink()
    peak = probe["peak_kb"] * 1024 / MB
    file_mb = size / MB
    # (A quick run's 25 MB is outweighed by Python's own 20, and the app's 60: a report.)
    return [
        Figure(
            f"{file_mb:.0f} MB text file: peak RSS loading it into the store",
            peak,
            "MB",
            "<= 2x the file",
            None if bench.quick else peak <= 2 * file_mb,
            file_mb,
            peak / file_mb,
        ),
        Figure(
            f"{file_mb:.0f} MB text file: peak RSS in the app (pty: shown, body opened, G, g)",
            in_the_app,
            "MB",
            "<= 2x the file",
            None if bench.quick else in_the_app <= 2 * file_mb,
            file_mb,
            in_the_app / file_mb,
        ),
    ]


def hostile_section(bench: Bench) -> list[Figure]:
    return [
        *link_figures(bench),
        *header_figures(bench),
        *chain_figures(bench),
        *memory_figures(bench),
    ]
