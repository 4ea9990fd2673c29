"""Hardening (issue 6): hostile text, bad files and the files themselves, in the app.

* Text written to take over a terminal (Rich markup, ANSI and OSC sequences, C0
  and C1 controls, zero-width and bidi characters, combining marks, wide emoji and
  CJK) renders as inert text: every line of the thread and body views is exactly
  the view's width, holds no control character, and an ordinary neighbouring
  comment renders intact, at every terminal size.
* The real `reader` command in a pseudo-terminal never writes the document's (or
  a file name's) OSC 52 clipboard write or OSC 8 link.
* A file that fails to load is named in a notification and in the help screen's
  load log; the good files open as usual.
* A whole session never writes, moves, locks or holds open the files it reads,
  and writes nothing but its state database (with SQLite's -wal and -shm files)
  in the state folder.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from reader.loading import Loading
from reader.state import default_state_path, open_state
from reader.ui.app import ReaderApp
from reader.ui.articles.list import ArticleList
from reader.ui.body import view as article_body
from reader.ui.body.piece_lines import piece_lines
from reader.ui.body.view import ArticleBody
from reader.ui.screens.help import HelpScreen
from reader.ui.thread.view import ThreadView

from ..terminal import Terminal
from .conftest import make_app, record_notifications
from .scenes import settle

HOSTILE = (
    "[bold]b[/bold] [link=https://evil.test]l[/link] [@click=app.quit]q[/] "
    "sgr \x1b[31mred\x1b[0m cursor \x1b[2J\x1b[H\x1b[10;10H\x1b[?1049h "
    "osc8 \x1b]8;;https://evil.test\x1b\\x\x1b]8;;\x1b\\ osc52 \x1b]52;c;ZXZpbA==\x07 "
    "bell \x07 bs \x08\x08 c1 \x9b2J \x9d0;t\x9c \x85 del \x7f "
    "zw a\u200bb\u200cc\u200dd\ufeffe\u2060f bidi \u202eevil\u202c \u2067x\u2069 \u200f\u061c "
    "comb e\u0301\u0308\u0323 \u0300start a\u0336\u0336\u0336 "
    "emoji 👨‍👩‍👧‍👦 🏳️‍🌈 🇺🇸 👍🏽 cjk 中文字符 ｗｉｄｅ 한국어 "
    "sep \u2028 \u2029 shy \u00ad vs \ufe0f"
)
BEFORE = "Ordinary comment before: the quick brown fox."
AFTER = "Ordinary neighbour after: jumps over the lazy dog."
# Any C0 or C1 control: a rendered line has none (not even a newline).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates: dropped, so nothing around them reorders.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
SIZES = [(200, 50), (80, 24), (45, 14), (20, 5)]


def hostile_txt(directory: Path) -> Path:
    """Seed text with hostile title, body and comments, and two ordinary comments.

    The body is long enough to need a scrollbar at every size tried (see
    `test_body_is_rewrapped_when_its_scrollbar_goes_away` for why that matters)."""
    body = "\n\n".join(f"Body {number} {HOSTILE}" for number in range(8))
    path = directory / "hostile.txt"
    path.write_text(
        f"Title {HOSTILE}\n\n{body}\n\n"
        f"  1. {BEFORE}\n  2. {HOSTILE}\n    • {HOSTILE}\n\n      {HOSTILE}\n  3. {AFTER}\n",
        encoding="utf-8",
    )
    return path


def yaml_quote(value: object) -> str:
    """A YAML double-quoted string (or a flow list of them) in which every control
    and format character is an escape, so that YAML lets it in."""
    if isinstance(value, list):
        return "[" + ", ".join(yaml_quote(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_quote(v)}" for k, v in value.items()) + "}"
    text = str(value)
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)
    return f'"{escaped}"'


def hostile_yaml(directory: Path) -> Path:
    """The same in YAML, where author, posted, byline and bio can carry it too."""
    comment = {"author": HOSTILE, "posted": HOSTILE, "text": HOSTILE}
    document = {
        "title": f"YAML {HOSTILE}",
        "subtitle": HOSTILE,
        "byline": HOSTILE,
        "author": HOSTILE,
        "body": "\n\n".join(f"Body {number} {HOSTILE}" for number in range(8)),
        "author_bio": HOSTILE,
        "comments": [
            {"author": "ann", "text": BEFORE},
            {**comment, "replies": [comment]},
            {"author": "bob", "text": AFTER},
        ],
    }
    path = directory / "hostile.yaml"
    path.write_text("".join(f"{k}: {yaml_quote(v)}\n" for k, v in document.items()), "utf-8")
    return path


def assert_lines_sound(widget: Widget, seen: list[str]) -> None:
    """Every line on show is the view's width, with no control or bidi character."""
    width = widget.scrollable_content_region.width
    for y in range(widget.scrollable_content_region.height):
        strip = widget.render_line(y)
        text = strip.text
        assert strip.cell_length == width, f"line {y} is {strip.cell_length} cells, not {width}"
        assert not CONTROL.search(text), f"control character on line {y}: {text!r}"
        assert not BIDI.search(text), f"bidi control on line {y}: {text!r}"
        seen.append(text)


async def page_through(pilot: Pilot[None], widget: Widget, key: str) -> list[str]:
    """Check the pages of `widget` from the top (the first 20), `key` moving a page down."""
    seen: list[str] = []
    await pilot.press("home")
    for _ in range(20):
        assert_lines_sound(widget, seen)
        if widget.scroll_y >= widget.max_scroll_y:
            break
        before = widget.scroll_y
        await pilot.press(key)
        if widget.scroll_y == before:
            break
    return seen


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("make", [hostile_txt, hostile_yaml], ids=["txt", "yaml"])
async def test_hostile_text_renders_inert_at_the_views_width(
    tmp_path: Path, size: tuple[int, int], make: Callable[[Path], Path]
) -> None:
    app = make_app([make(tmp_path)])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert_lines_sound(app.query_one(ArticleList), [])
        await pilot.press("enter")
        body = app.query_one(ArticleBody)
        body_text = await page_through(pilot, body, "pagedown")
        await pilot.press("c")
        thread = app.query_one(ThreadView)
        thread_text = await page_through(pilot, thread, "pagedown")
        assert app.is_running and app.return_code is None
        assert "␛[31mred" in "".join(body_text), "the escape is shown, not acted on"
        if size[0] >= 200:
            # Wide enough for each ordinary comment to fit on one line: both are
            # intact and start in the same column, whatever came between them.
            before = next(line for line in thread_text if BEFORE in line)
            after = next(line for line in thread_text if AFTER in line)
            assert before.index(BEFORE) == after.index(AFTER)
        await pilot.press("q")
    assert app.return_code == 0


def test_the_real_command_never_writes_a_documents_osc_sequences(tmp_path: Path) -> None:
    """Raw bytes from a pseudo-terminal: no OSC 52 clipboard write, no OSC 8 link
    from the documents or from the name of a file that failed to load."""
    hostile_txt(tmp_path)
    hostile_yaml(tmp_path)
    (tmp_path / "evil\x1b]52;c;RklMRQ==\x07\x1b]8;;evil.test\x07.txt").write_text("")
    with Terminal([str(tmp_path)]) as terminal:
        terminal.wait_for("Ordinary")
        terminal.pump(1)
        # Through the body and the thread, to the next article and the help screen.
        for keys in ["\r", "G", "c", "G", "\t", "j", "\r", "c", "G", "?", "\x1b"]:
            terminal.press(keys)
        assert terminal.quit() == 0
    output = terminal.output
    assert b"evil.test" in output or "␛".encode() in output, "the hostile text was on screen"
    assert b"\x1b]52" not in output
    assert b"\x1b]8;;https://evil" not in output and b"\x1b]8;;evil" not in output


# Bad files in the app ---------------------------------------------------------------------


def bad_files(directory: Path, count: int) -> dict[Path, str]:
    kinds = [
        ("empty.txt", "", "empty file"),
        ("list.yaml", "- a list\n", "top level: expected a mapping, got a list"),
        ("binary.yml", "\x00\x01", "not UTF-8 text (binary file?)"),
        ("python.yaml", "title: !!python/name:os.system\nbody: b\n", "is not allowed"),
        ("blank.txt", " \n\n", "empty file"),
    ]
    files = {}
    for name, content, reason in kinds[:count]:
        path = directory / f"bad-{name}"
        path.write_text(content, encoding="utf-8")
        files[path] = reason
    return files


def good_files(directory: Path) -> list[Path]:
    txt = directory / "good.txt"
    txt.write_text("Good text\n\nIts body.\n\n  1. A comment.\n", encoding="utf-8")
    yml = directory / "good.yaml"
    yml.write_text("title: Good yaml\nbody: Its body.\n", encoding="utf-8")
    return [txt, yml]


def help_text(app: ReaderApp) -> str:
    assert isinstance(app.screen, HelpScreen)
    console = Console(file=io.StringIO(), width=400, color_system=None)
    for static in app.screen.query(Static):
        console.print(static.content)
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("count", [1, 4])
async def test_files_that_fail_are_summed_up_once_and_logged_and_good_ones_open(
    tmp_path: Path, count: int
) -> None:
    """Four failed files were four error toasts (plus one for any more) covering
    half of an 80x24 screen for ten seconds: now one summary points to the log."""
    bad = bad_files(tmp_path, count)
    good_files(tmp_path)
    app = make_app([tmp_path])
    notifications = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        files = "1 file" if count == 1 else f"{count} files"
        assert [(n["message"], n.get("markup")) for n in notifications] == [
            (f"{files} could not be read — press ? for details", False)
        ]
        # The load log on the help screen names every one, with its reason.
        await pilot.press("question_mark")
        log = help_text(app)
        for path, reason in bad.items():
            (line,) = [line for line in log.splitlines() if str(path) in line]
            assert reason in line
        await pilot.press("escape")
        # The good files are there and open as usual.
        articles = app.query_one(ArticleList)
        titles = [str(articles.prompt_at(i)) for i in range(articles.entry_count)]
        assert [title.split("\n")[0] for title in titles] == ["Good text", "Good yaml"]
        await pilot.press("enter", "c")
        thread = app.query_one(ThreadView)
        assert thread.thread is not None and thread.cursor == 0
        await pilot.press("q")
    assert app.return_code == 0


# Nothing lost ----------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[str, int, int, int]]:
    """Every entry under `root`: content digest, size, mtime (ns) and mode."""
    state = {}
    for directory, names, files in os.walk(root):
        for name in sorted(names + files):
            path = Path(directory, name)
            info = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
            key = path.relative_to(root).as_posix()
            state[key] = (digest, info.st_size, info.st_mtime_ns, info.st_mode)
    return state


def open_in(root: Path) -> list[str]:
    """Files under `root` this process holds open."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return []
    held = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(root)):
            held.append(target)
    return held


def locked_inodes(root: Path) -> set[int]:
    """Inodes under `root` with a POSIX or flock lock on them (Linux)."""
    locks = Path("/proc/locks")
    if not locks.exists():
        return set()
    ours = {path.stat().st_ino for path in root.rglob("*")}
    found = set()
    for line in locks.read_text().splitlines():
        for field in line.split():
            if field.count(":") == 2:
                inode = int(field.rsplit(":", 1)[1])
                if inode in ours:
                    found.add(inode)
    return found


async def test_a_session_never_touches_the_files_it_reads_and_writes_only_its_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "library"
    (library / "sub").mkdir(parents=True)
    hostile_txt(library)
    hostile_yaml(library / "sub")
    good_files(library)
    bad_files(library / "sub", 2)
    (library / "notes.md").write_text("not an article", encoding="utf-8")
    # Wherever the app could put settings, state or caches: all empty, and kept so.
    home = tmp_path / "home"
    for name in ("home", "config", "data", "state", "cache", "cwd"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("HOME", str(home))
    for variable, name in [
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ]:
        monkeypatch.setenv(variable, str(tmp_path / name))
    monkeypatch.chdir(tmp_path / "cwd")
    before = snapshot(library)
    # Opened and closed as the command line does.
    state, warnings = open_state(default_state_path())
    assert state is not None and warnings == []
    app = ReaderApp(Loading([library]), state=state)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert app.article_count == 4
        assert locked_inodes(library) == set()
        # Open articles, scroll, fold, search the thread and the list, help.
        await pilot.press("enter", "G", "c", "j", "space", "C", "E", "3", "G")
        await pilot.press("slash", *"body", "enter", "n", "N", "escape")
        await pilot.press("tab", "j", "j", "enter", "c", "space", "tab")
        await pilot.press("slash", *"comment", "enter", "escape", "question_mark", "escape")
        await app.workers.wait_for_complete()
        assert open_in(library) == [], "a file is still held open"
        assert locked_inodes(library) == set()
        await pilot.press("q")
    state.close()
    assert app.return_code == 0
    assert snapshot(library) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "cache", "config", "cwd", "data", "home", "library", "state",
    ]  # fmt: skip
    for name in ("home", "config", "data", "cache", "cwd"):
        assert list((tmp_path / name).iterdir()) == [], f"the app wrote into {name}"
    assert [path.name for path in (tmp_path / "state").iterdir()] == ["reader"]
    written = {path.name for path in (tmp_path / "state" / "reader").iterdir()}
    assert "state.db" in written
    assert written <= {"state.db", "state.db-wal", "state.db-shm"}


# Regressions: UI bugs these tests found, since fixed ----------------------------------------


async def test_a_skipped_mail_is_a_warning_in_the_notice_and_the_load_log(tmp_path: Path) -> None:
    """A message that cannot be read is skipped; the app says so, as `dump` does."""
    good_files(tmp_path)
    (tmp_path / "list.mbox").write_text(
        "From a@example.net Mon Mar  4 10:00:00 2024\n"
        "From: Ada <a@example.net>\nSubject: Herons\n\nNine counted.\n\n"
        "From b@example.net Mon Mar  4 11:00:00 2024\n"
        "X-Nothing: at all\n\nno From, Subject or Date\n",
        encoding="utf-8",
    )
    app = make_app([tmp_path])
    notifications = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert [(n["message"], n.get("severity")) for n in notifications] == [
            ("1 warning while loading — press ? for details", "warning")
        ]
        await pilot.press("question_mark")
        (line,) = [line for line in help_text(app).splitlines() if "list.mbox" in line]
        assert "line 7: message skipped: no From, Subject or Date header" in line
        assert "Every file loaded" not in help_text(app)


async def notified_app(tmp_path: Path, published: str) -> ReaderApp:
    good_files(tmp_path)
    (tmp_path / "bad.yaml").write_text(
        f"title: t\nbody: b\npublished: {json.dumps(published)}\n", encoding="utf-8"
    )
    return make_app([tmp_path])


async def test_markup_in_a_load_error_does_not_crash_the_app(tmp_path: Path) -> None:
    """A load error quotes the document; in a toast rendered as markup,
    `published: "[/oops]"` raised MarkupError and the whole reader exited with a
    traceback (fixed: the toasts have markup off)."""
    app = await notified_app(tmp_path, "[/oops]")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        assert app.is_running
        await pilot.press("q")
    assert app.return_code == 0


async def test_markup_in_a_load_error_is_shown_literally_in_the_load_log(
    tmp_path: Path,
) -> None:
    """`published: "[@click=app.quit]Click me[/]"` once became a link in the toast
    that ran `app.quit`; the toast no longer quotes files, and the log shows the
    text as written."""
    app = await notified_app(tmp_path, "[@click=app.quit]Click me[/]")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert "[@click=app.quit]Click me[/]" in help_text(app)


async def test_body_is_rewrapped_when_its_scrollbar_goes_away(tmp_path: Path) -> None:
    """When the body pane was first laid out with a scrollbar that then went away
    (a dozen lines at 80x24), the text stayed wrapped 2 cells narrower than the
    view: 76-cell lines in a 78-cell view (fixed: the body follows its width)."""
    path = tmp_path / "a.txt"
    path.write_text("Title\n\n" + "word " * 150 + "\n", encoding="utf-8")
    app = make_app([path])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        body = app.query_one(ArticleBody)
        assert not body.show_vertical_scrollbar
        assert_lines_sound(body, [])


async def test_focus_changes_do_not_rewrap_a_huge_body(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every focus change restyled the body and rewrapped the whole article: 2.5 s
    for four `tab`s on a 200 KB body, minutes on a 10 MB line that loads in a
    fraction of a second (fixed: rewrap only on real style changes)."""
    path = tmp_path / "big.txt"
    path.write_text("Title\n\n" + "word " * 40_000 + "\n", encoding="utf-8")  # 200 KB
    wraps: list[int] = []

    def counting_piece_lines(piece, measure, *args):  # type: ignore[no-untyped-def]
        wraps.append(measure)
        return piece_lines(piece, measure, *args)

    monkeypatch.setattr(article_body, "piece_lines", counting_piece_lines)
    app = make_app([path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert wraps, "the body was wrapped once it was shown"
        wraps.clear()
        await pilot.press("tab", "tab", "tab", "tab")
        await pilot.pause()
        assert wraps == [], "a focus change does not rewrap the body"


@pytest.mark.parametrize(
    "pane_keys", [(), ("tab",), ("tab", "tab")], ids=["list", "body", "thread"]
)
async def test_a_search_query_that_looks_like_markup_does_not_crash_the_app(
    pane_keys: tuple[str, ...],
) -> None:
    """Found by tests/ui/test_stress.py (READER_STRESS_SEED=12, 1500 steps): the
    pane's border subtitle and the bar's status quote the query, and a str there is
    read as markup, so typing `[/x]` raised MarkupError and ended the reader."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*pane_keys, "slash", *"[/x]")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape", "q")
    assert app.return_code == 0
