"""The `archive` section (issue 24): a 50,000-message mailing-list archive side
by side with NeoMutt, in the same run, both in a real pseudo-terminal.

The archive (`tests/bench_archive_corpus.py`: 5,000 threads of long-tailed
sizes, quoted replies, patches, a few encoded and multipart messages) is read
as an mbox and as a Maildir. For each: NeoMutt (`-R`, threaded, no header
cache) from launch to its complete index (its status line shows every
message), against reader from launch to its first frame and to every thread
listed (the list's `N articles`); the peak memory (`VmHWM`) of each once
there. Then a body search: NeoMutt's limit `~b word` from Enter to the
limited index, against reader's `/word` in the list, to the first narrowed
result and to the final count. Then the list's keys, each from sending it to
the first byte of the frame that shows it, at 5,000 articles (this archive,
whose first entries hold thousands of comments each) and at 50,000.

Without NeoMutt installed, reader's figures are compared with those issue 24
measured (`ISSUE_NEOMUTT`), and the table says so. `--quick` reads a small
archive, once, and skips the 50,000-article list.
"""

from __future__ import annotations

import compileall
import re
import shutil
import statistics
import sys
from pathlib import Path

from tests.bench_archive_corpus import (
    FULL_ARCHIVE,
    QUICK_ARCHIVE,
    SEARCH_WORD,
    Archive,
    ArchiveShape,
    write_archive,
)
from tests.bench_pty import Pty
from tests.bench_startup import PACKAGE
from tests.bench_support import READER_FRAME_MARKERS, Bench, Figure

# What issue 24 measured of NeoMutt 2022 on this archive (tmux, 160x45).
ISSUE_NEOMUTT = {"index_ms": 1900.0, "peak_mb": 108.0, "key_ms": 8.0}
# The list's keys, as the terminal sends them.
KEYS = {"j": b"j", "k": b"k", "pagedown": b"\x1b[6~", "G": b"G"}
PRESSES = 9
# NeoMutt's status line, made easy to find: messages shown / in the folder.
NEOMUTT_RC = """\
set sort=threads
set status_format="STATUS:%M/%m:END"
set folder={home}/Mail
set spoolfile={home}/Mail
set header_cache=""
set mail_check_stats=no
"""
LIST_OF_50000 = ArchiveShape(messages=60_000, threads=50_000, biggest=400)


def archive_figures(bench: Bench) -> list[Figure]:
    shape = QUICK_ARCHIVE if bench.quick else FULL_ARCHIVE
    archive = write_archive(bench.folder / "archive", shape)
    runs = 1 if bench.quick else 3
    neomutt = shutil.which("neomutt")
    compileall.compile_dir(PACKAGE, quiet=1)
    home = bench.folder / "neomutt-home"
    (home / "Mail").mkdir(parents=True, exist_ok=True)
    rc = home / "neomuttrc"
    rc.write_text(NEOMUTT_RC.format(home=home), encoding="utf-8")
    figures: list[Figure] = []
    label = f"{archive.messages:,} messages, {archive.mbox.stat().st_size / 1e6:.1f} MB"
    for kind, path in (("mbox", archive.mbox), ("Maildir", archive.maildir)):
        figures += _index_figures(f"archive {kind} ({label})", path, archive, runs, neomutt, rc)
    figures += _search_figures(archive, runs, neomutt, rc)
    figures += _key_figures(f"list of {archive.threads:,} (archive)", archive.mbox, archive)
    if not bench.quick:
        big = write_archive(bench.folder / "list-50000", LIST_OF_50000)
        figures += _key_figures(f"list of {big.threads:,}", big.mbox, big)
    return figures


def _reader(path: Path) -> list[str]:
    return [sys.executable, "-m", "reader", str(path)]


def _neomutt(neomutt: str, rc: Path, path: Path) -> list[str]:
    return [neomutt, "-n", "-F", str(rc), "-R", "-f", str(path)]


def _neomutt_env(rc: Path) -> dict[str, str]:
    return {"HOME": str(rc.parent)}


def _index_figures(
    label: str, path: Path, archive: Archive, runs: int, neomutt: str | None, rc: Path
) -> list[Figure]:
    """NeoMutt's complete index against reader's first frame and every thread
    listed, interleaved run by run; each one's peak memory once there."""
    theirs: list[float] = []
    their_peaks: list[int] = []
    first: list[float] = []
    listed: list[float] = []
    peaks: list[int] = []
    complete = f"STATUS:{archive.messages}/{archive.messages}:END"
    for _ in range(runs):
        if neomutt is not None:
            with Pty(_neomutt(neomutt, rc, path), env=_neomutt_env(rc)) as terminal:
                theirs.append(terminal.wait_for_text(complete))
                their_peaks.append(terminal.peak_kb())
        with Pty(_reader(path)) as terminal:
            terminal.wait_for(READER_FRAME_MARKERS[0].encode())
            first.append(terminal.wait_for(READER_FRAME_MARKERS[1].encode()))
            listed.append(terminal.wait_for(f"{archive.threads} articles".encode()))
            peaks.append(terminal.peak_kb())
    installed = neomutt is not None
    index_ms = statistics.median(theirs) * 1000 if installed else ISSUE_NEOMUTT["index_ms"]
    peak_mb = statistics.median(their_peaks) / 1024 if installed else ISSUE_NEOMUTT["peak_mb"]
    source = "NeoMutt" if installed else "NeoMutt (issue 24's figure: not installed)"
    first_ms = statistics.median(first) * 1000
    listed_ms = statistics.median(listed) * 1000
    reader_mb = statistics.median(peaks) / 1024
    return [
        Figure(f"{label}: {source}, index complete", index_ms, "ms", "baseline", None),
        Figure(
            f"{label}: reader, first frame",
            first_ms,
            "ms",
            "report",
            None,
            index_ms,
            first_ms / index_ms,
        ),
        Figure(
            f"{label}: reader, every thread listed",
            listed_ms,
            "ms",
            "<= 1.0x NeoMutt",
            listed_ms <= index_ms,
            index_ms,
            listed_ms / index_ms,
        ),
        Figure(f"{label}: {source}, peak RSS", peak_mb, "MB", "baseline", None),
        Figure(
            f"{label}: reader, peak RSS",
            reader_mb,
            "MB",
            "<= 1.5x NeoMutt",
            reader_mb <= 1.5 * peak_mb,
            peak_mb,
            reader_mb / peak_mb,
        ),
    ]


def _search_figures(archive: Archive, runs: int, neomutt: str | None, rc: Path) -> list[Figure]:
    """NeoMutt's body limit against reader's list search, for a word in some
    bodies only: from the key that starts it to the result."""
    theirs: list[float] = []
    first: list[float] = []
    counted: list[float] = []
    everything = f"STATUS:{archive.messages}/{archive.messages}:END"
    limited = f"STATUS:{archive.word_messages}/{archive.messages}:END"
    # The list search's counter: the first result while it counts, then all.
    counting = re.compile(rb"(?<![\d/])1/\d+\xe2\x80\xa6")
    final = re.compile(rb"(?<![\d/])1/%d(?![\d\xe2])" % archive.word_threads)
    for run in range(runs):
        # NeoMutt's limit takes a minute or more: timed once.
        if neomutt is not None and not run:
            with Pty(_neomutt(neomutt, rc, archive.mbox), env=_neomutt_env(rc)) as terminal:
                terminal.wait_for_text(everything)
                terminal.settle()
                terminal.send(b"l")
                terminal.settle()
                terminal.send(f"~b {SEARCH_WORD}".encode())
                terminal.settle()
                sent = terminal.send(b"\r")
                theirs.append(terminal.wait_for_text(limited, timeout=600) - sent)
        with Pty(_reader(archive.mbox)) as terminal:
            terminal.wait_for(f"{archive.threads} articles".encode())
            terminal.settle()
            since = len(terminal.written)
            sent = terminal.send(f"/{SEARCH_WORD}".encode())
            done = terminal.wait_for(final, since)
            found = counting.search(terminal.written, since)
            first.append((terminal.wait_for(counting, since) if found else done) - sent)
            counted.append(done - sent)
    first_ms, counted_ms = statistics.median(first) * 1000, statistics.median(counted) * 1000
    label = f"archive: search a word in {archive.word_messages:,} bodies"
    if neomutt is None:
        return [
            Figure(f"{label}: reader, first result", first_ms, "ms", "report", None),
            Figure(
                f"{label}: reader, counted (NeoMutt not installed)",
                counted_ms,
                "ms",
                "report",
                None,
            ),
        ]
    theirs_ms = statistics.median(theirs) * 1000
    return [
        Figure(f"{label}: NeoMutt, limit ~b", theirs_ms, "ms", "baseline", None),
        Figure(
            f"{label}: reader /word, first result",
            first_ms,
            "ms",
            "report",
            None,
            theirs_ms,
            first_ms / theirs_ms,
        ),
        Figure(
            f"{label}: reader /word, counted",
            counted_ms,
            "ms",
            "<= 1.0x NeoMutt",
            counted_ms <= theirs_ms,
            theirs_ms,
            counted_ms / theirs_ms,
        ),
    ]


def _key_figures(label: str, path: Path, archive: Archive) -> list[Figure]:
    """Each list key from sending it to the first byte of the frame that
    shows it, once every thread is listed, at a person's pace (what a key
    starts after its frame, opening the article, ends before the next)."""
    presses: dict[str, list[float]] = {key: [] for key in KEYS}
    with Pty(_reader(path)) as terminal:
        terminal.wait_for(f"{archive.threads} articles".encode())
        for _ in range(PRESSES):
            for key in ("j", "j", "k", "pagedown"):
                presses[key].append(terminal.key_to_output(KEYS[key]))
            presses["G"].append(terminal.key_to_output(KEYS["G"]))
            terminal.send(b"g")  # back to the first entry, not timed
    figures = []
    for key, times in presses.items():
        cost = statistics.median(times) * 1000
        figures.append(
            Figure(f"{label}: key {key!r}, to the screen", cost, "ms", "<= 16 ms", cost <= 16)
        )
    return figures
