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
from tests.terminal import Terminal
from tests.ui.conftest import NESTED_THREAD

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
from reader.prepared import prepare

database, first, last, mode = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
comments = [Comment(author="a", text=[f"comment {n}"]) for n in range(20_000)]
article = Article(title="Shared", source_id="shared", comments=comments)
state, warnings = open_state(database)
assert state is not None and not warnings, warnings
marks = state.prepare(article, prepare(article).thread)
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
        query = "SELECT count(*) FROM comments WHERE seen IS NOT NULL"
        return reader.execute(query).fetchone()[0]


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
        query = "SELECT comment FROM comments WHERE seen IS NOT NULL"
        marked = {row[0] for row in reader.execute(query)}
    assert len(marked) >= 1000


def run_reader(args: list[str]) -> str:
    """The real command in a terminal (with this process's environment): wait for
    the seed, quit, return all it wrote."""
    with Terminal(args) as terminal:
        terminal.wait_for("Comments (12")
        status = terminal.quit()
    assert status == 0
    return terminal.output.decode("utf-8", "replace")


def test_the_real_command_moves_a_damaged_database_aside_and_says_so_once(
    tmp_path: Path,
) -> None:
    database = tmp_path / "state" / "state.db"
    state, _ = open_state(database)
    assert state is not None
    state.close()
    # Its header's magic string overwritten: no longer SQLite, still reader's.
    database.write_bytes(b"\x00garbage, not SQLite" + database.read_bytes()[20:])
    with Terminal(["--state", str(database), str(SEED)]) as terminal:
        # One warning, in the app (the toast may wrap the message).
        screen = terminal.wait_for("Comments (12", "was damaged")
        assert screen.count("was damaged") == 1, screen
        assert terminal.quit() == 0
    # Not printed again once the app has gone.
    after_app = terminal.output.decode("utf-8", "replace").rsplit("\x1b[?1049l", 1)[-1]
    assert "damaged" not in after_app
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


def cursor_lines(terminal: Terminal, needle: str, timeout: float = 10) -> list[str]:
    """The lines beside the cursor marker, once one of them shows `needle` (or
    as they are at the timeout): a pty gives no sign that a frame is complete."""
    deadline = time.monotonic() + timeout
    while True:
        lines = [line for line in terminal.text().splitlines() if "▌" in line]
        if any(needle in line for line in lines) or time.monotonic() > deadline:
            return lines
        terminal.pump(0.1)


def test_done_when_a_comment_added_between_sessions_is_the_one_new_comment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read a thread and quit; add a comment to the file; relaunch: exactly that
    comment is marked new, the list says `1 new`, and `u` lands on it. Then a
    keymap in config.toml moves the key, and help says so."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("READER_STATE", raising=False)
    thread_file = tmp_path / "nested.txt"
    thread_file.write_text(NESTED_THREAD, encoding="utf-8")
    with Terminal([str(thread_file)]) as terminal:
        terminal.wait_for("Comments (7 · 7 unread)", "Third top-level comment.")
        terminal.press("\r")
        terminal.press("c")
        assert terminal.quit() == 0
    assert (tmp_path / "state" / "reader" / "state.db").exists()
    with thread_file.open("a", encoding="utf-8") as file:
        file.write("  4. A fourth comment, added later.\n")
    with Terminal([str(thread_file)]) as terminal:
        # The thread's last line: the frame is drawn down to there (pyte may
        # have seen only part of a frame when the first needles show).
        terminal.wait_for("Comments (8 · 1 new)", "A fourth comment, added later.")
        terminal.pump(0.5)
        screen = terminal.text()
        new_lines = [line for line in screen.splitlines() if "● new" in line]
        assert len(new_lines) == 1 and "4" in new_lines[0], screen
        terminal.press("u")
        lines = cursor_lines(terminal, "A fourth comment, added later.")
        assert lines and "● new" in lines[0], terminal.text()
        assert any("A fourth comment, added later." in line for line in lines)
        assert terminal.quit() == 0
    config = tmp_path / "config" / "reader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[keys]\n"state.next_new" = "x"\n', encoding="utf-8")
    with thread_file.open("a", encoding="utf-8") as file:
        file.write("  5. A fifth comment, added later still.\n")
    with Terminal([str(thread_file)]) as terminal:
        terminal.wait_for("Comments (9 · 1 new)", "A fifth comment, added later still.")
        terminal.pump(0.5)
        terminal.press("u")
        assert not any("▌" in line and "● new" in line for line in terminal.text().splitlines())
        terminal.press("x")
        lines = cursor_lines(terminal, "A fifth comment")
        assert any("A fifth comment" in line for line in lines), terminal.text()
        terminal.press("?")
        terminal.wait_for("Article list")
        # The help screen is taller than the terminal: page down to its state section.
        terminal.press(" ")
        terminal.press(" ")
        help_screen = terminal.wait_for("Next new comment")
        line = next(line for line in help_screen.splitlines() if "Next new comment" in line)
        # Inside the help box's border: the key column, then the help.
        assert line.strip("│ ").split()[0] == "x", line
        terminal.press("\x1b")
        assert terminal.quit() == 0
