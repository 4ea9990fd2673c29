"""Issue 23 §1, §5, §10: every filesystem probe is guarded, and only regular
files are read, each within the size limit, however they are reached.

§1: a folder holding a subfolder that cannot be entered died with
`PermissionError ... 'd/locked/cur'` (the Maildir probe's `Path.is_dir()`), and
`reader d/locked` was a traceback before the UI. As root no mode stops a read,
so the system's refusal is injected into the probes themselves (`os.stat`,
`os.scandir`, `os.listdir`); the real `chmod 000` case runs where it can."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.errors import LoadError
from reader.formats.loader import load_articles
from reader.loading import Loading
from tests.builders import write

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD = "A good article\n\nIts body.\n"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def refuse_under(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Every probe of `folder` or anything in it is refused, as the system
    refuses a user a folder of mode 000 (its own `stat` still works)."""

    def guarded(probe_name: str) -> Callable[..., Any]:
        probe = getattr(os, probe_name)

        def refusing(path: Any, *args: Any, **kwargs: Any) -> Any:
            name = os.fsdecode(path) if isinstance(path, str | bytes | os.PathLike) else ""
            if name.startswith(f"{folder}{os.sep}") or (
                name == str(folder) and probe_name != "stat"
            ):
                raise PermissionError(errno.EACCES, "Permission denied", name)
            return probe(path, *args, **kwargs)

        return refusing

    for probe_name in ("stat", "scandir", "listdir", "open"):
        monkeypatch.setattr(os, probe_name, guarded(probe_name))


def locked_folder(tmp_path: Path) -> tuple[Path, Path]:
    top = tmp_path / "d"
    locked = top / "locked"
    write(locked / "cur" / "1.M1P1.host:2,S", "From: a@b\nSubject: s\n\nbody\n")
    write(top / "good.txt", GOOD)
    return top, locked


def test_a_folder_that_cannot_be_entered_is_one_line_before_any_ui(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, locked = locked_folder(tmp_path)
    refuse_under(monkeypatch, locked)
    assert main([str(locked)]) == 2
    assert capsys.readouterr().err == f"reader: {locked}: permission denied\n"


def test_a_locked_subfolder_is_one_problem_and_the_rest_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top, locked = locked_folder(tmp_path)
    refuse_under(monkeypatch, locked)
    loading = Loading([top])
    assert loading.read_ahead()
    results = list(loading)
    errors = [str(result) for result in results if isinstance(result, LoadError)]
    assert [*map(str, loading.problems), *errors] == [f"{locked}: permission denied"]
    assert [
        batch.articles[0].article.title for batch in results if not isinstance(batch, LoadError)
    ] == ["A good article"]


@pytest.mark.skipif(AS_ROOT, reason="root enters folders whatever their mode")
def test_a_chmod_000_subfolder_is_one_problem(tmp_path: Path) -> None:
    top, locked = locked_folder(tmp_path)
    locked.chmod(0)
    try:
        assert main(["dump", str(locked)]) == 2
        loading = Loading([top])
        assert loading.read_ahead()
        assert [str(problem) for problem in loading.problems] == [f"{locked}: permission denied"]
    finally:
        locked.chmod(0o755)


@pytest.fixture
def device_links(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "links"
    folder.mkdir()
    for name in ("zero.txt", "zero.mbox", "zero.json", "zero.yaml", "zero"):
        (folder / name).symlink_to("/dev/zero")
    yield folder


@pytest.mark.parametrize("name", ["zero.txt", "zero.mbox", "zero.json", "zero.yaml", "zero"])
def test_a_link_to_a_device_named_on_the_command_line_is_never_read(
    device_links: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """§5: `reader dump` of a link to /dev/zero read 8.9 GB in 20 s."""
    path = device_links / name
    assert main(["dump", str(path)]) == 2
    assert capsys.readouterr().err == f"reader: {path}: not a regular file\n"
    with pytest.raises(LoadError, match="not a regular file"):
        load_articles(path)


def test_links_to_devices_in_a_folder_are_passed_over(device_links: Path) -> None:
    write(device_links / "good.txt", GOOD)
    loading = Loading([device_links])
    assert loading.read_ahead()
    titles = [
        prepared.article.title
        for batch in loading
        if not isinstance(batch, LoadError)
        for prepared in batch.articles
    ]
    assert titles == ["A good article"]
    assert loading.problems == []


def test_a_maildir_with_a_device_link_fifo_and_dangling_link_loads_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """§5, §6, §10 for a Maildir, through the command line: each bad message is
    one warning naming it, the good ones are dumped."""
    box = tmp_path / "box"
    shutil.copytree(FIXTURES / "pond.maildir", box)
    (box / "cur" / "zero:2,S").symlink_to("/dev/zero")
    os.mkfifo(box / "new" / "pipe")
    (box / "cur" / "gone:2,S").symlink_to(tmp_path / "missing")
    assert main(["dump", str(box)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("title:")
    assert sorted(err.splitlines()) == [
        f"reader: warning: {box}: message gone: message skipped: no such file or directory",
        f"reader: warning: {box}: message pipe: message skipped: not a regular file",
        f"reader: warning: {box}: message zero: message skipped: not a regular file",
    ]


def test_the_size_of_a_maildir_with_only_new_is_its_messages(tmp_path: Path) -> None:
    """The load's progress counted a Maildir without `cur/` as empty."""
    from reader.loading import file_size

    box = tmp_path / "box"
    write(box / "new" / "1.M1P1.host", "x" * 100)
    write(box / "new" / "2.M1P1.host", "y" * 50)
    (box / "new" / "zero").symlink_to("/dev/zero")
    assert file_size(box) == 150


def test_a_maildir_entry_linking_to_a_folder_is_one_skipped_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the fuzz test: `open` refused the folder's descriptor with an
    error of its own, past the check, and the whole Maildir was lost."""
    box = tmp_path / "box"
    shutil.copytree(FIXTURES / "pond.maildir", box)
    (box / "cur" / "loop:2,S").symlink_to(box / "cur")
    assert main(["dump", str(box)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("title:")
    assert err == f"reader: warning: {box}: message loop: message skipped: not a regular file\n"


def test_a_folder_given_as_config_or_state_is_refused(tmp_path: Path) -> None:
    from reader.config import load_config
    from reader.state import open_state

    assert load_config(tmp_path).problems == [f"{tmp_path}: cannot read: not a regular file"]
    state, warnings = open_state(tmp_path)
    assert state is None
    assert warnings == [
        f"running without saved state: {tmp_path} is not a regular file: left as it is"
    ]
