"""The state database across real processes: two readers at once lose no marks,
a reader killed with SIGKILL loses at most its last second, and the real
`reader` command moves a damaged database aside, or runs with none."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.state import open_state
from tests.pty import Terminal

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_586aeb7344f3125a.txt"

# A child process: open the state, mark comments of one generated article, as
# the UI would, one at a time. argv: database, first, last, then "close" (mark,
# close, exit) or "linger" (mark, say so, then go on marking until killed).
MARKER = """
import sys, time
from pathlib import Path
from reader.model import Article, Comment
from reader.state import open_state
from reader.store import DocumentStore

database, first, last, mode = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
comments = [Comment(author="a", text=[f"comment {n}"]) for n in range(20_000)]
article = Article(title="Shared", source_id="shared", comments=comments)
state, warnings = open_state(database)
assert state is not None and not warnings, warnings
marks = state.prepare(article, DocumentStore.prepare(article).thread)
state.opened(marks)
for index in range(first, last):
    state.mark_seen(marks, [index])
    state.add_history(f"query {index % 7}")
    if index % 50 == 0:
        time.sleep(0.01)
if mode == "close":
    state.close()
    print("closed", flush=True)
else:
    print("marked", flush=True)
    index = last
    while True:
        state.mark_seen(marks, [index])
        index += 1
        time.sleep(0.001)
"""


def marker(database: Path, first: int, last: int, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", MARKER, str(database), str(first), str(last), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def seen_count(database: Path) -> int:
    with sqlite3.connect(database) as reader:
        return reader.execute("SELECT count(*) FROM seen").fetchone()[0]


def test_two_readers_at_once_both_work_and_lose_no_marks(tmp_path: Path) -> None:
    database = tmp_path / "state" / "state.db"
    # Overlapping ranges: 0-2999 and 2000-4999, written at the same time.
    children = [marker(database, 0, 3000, "close"), marker(database, 2000, 5000, "close")]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert (child.returncode, out, err) == (0, "closed\n", "")
    assert seen_count(database) == 5000
    state, warnings = open_state(database)
    assert state is not None
    assert warnings == []
    assert sorted(state.history) == [f"query {n}" for n in range(7)]
    state.close()


def test_a_reader_killed_with_sigkill_loses_at_most_its_last_second(tmp_path: Path) -> None:
    database = tmp_path / "state" / "state.db"
    child = marker(database, 0, 1000, "linger")
    assert child.stdout is not None
    assert child.stdout.readline() == "marked\n"
    # The writer flushes every half second: wait for two rounds, then kill it
    # while it goes on marking.
    time.sleep(1.2)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    state, warnings = open_state(database)
    assert state is not None
    assert warnings == []
    state.close()
    with sqlite3.connect(database) as reader:
        assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        marked = {row[0] for row in reader.execute("SELECT comment FROM seen")}
    assert len(marked) >= 1000


def run_reader(args: list[str]) -> str:
    """The real command in a terminal (with this process's environment): wait for
    the seed, quit, return all it wrote."""
    with Terminal(args) as terminal:
        terminal.wait_for("Comments (12)")
        status = terminal.quit()
    assert status == 0
    return terminal.output.decode("utf-8", "replace")


def test_the_real_command_moves_a_damaged_database_aside_and_says_so_once(
    tmp_path: Path,
) -> None:
    database = tmp_path / "state" / "state.db"
    database.parent.mkdir()
    database.write_bytes(b"\x00garbage, not SQLite\xff" * 200)
    output = run_reader(["--state", str(database), str(SEED)])
    assert output.count("moved it aside") == 1
    (aside,) = database.parent.glob("state.db.corrupt-*")
    assert aside.read_bytes().startswith(b"\x00garbage")
    with sqlite3.connect(database) as reader:
        assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_real_command_keeps_state_in_the_state_folder_or_nowhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state_home = tmp_path / "xdg-state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state_home))
    run_reader([str(SEED)])
    assert (state_home / "reader" / "state.db").is_file()
    elsewhere = tmp_path / "off"
    monkeypatch.setenv("XDG_STATE_HOME", str(elsewhere))
    run_reader([str(SEED), "--no-state"])
    monkeypatch.setenv("READER_STATE", "off")
    run_reader([str(SEED)])
    assert not elsewhere.exists()
