"""Finding and loading article files: every kind of bad file is a LoadError."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import loading as loading_module
from reader.errors import LoadError
from reader.formats import limits, loader, registry
from reader.formats.limits import MAX_FILE_BYTES
from reader.formats.loader import EXTENSIONS, bundled_seeds
from reader.formats.registry import suffix_list
from reader.formats.seedtext import render_seed_text
from reader.formats.yaml.dump import dump_json, dump_yaml
from reader.loading import Loading
from reader.model import Article
from tests.builders import (
    chain_depth,
    discover,
    load_one,
    load_results,
    load_store,
    reply_chain,
    write,
)
from tests.seeds import FIRST_SEED_FILE, REPO

SEED = FIRST_SEED_FILE.name
GOOD_YAML = "title: A YAML article\nbody: Its body.\ncomments:\n- text: First.\n"
GOOD_TXT = "A text article\n\nIts body.\n\n  1. First.\n"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_permissions = pytest.mark.skipif(AS_ROOT, reason="root reads files whatever their mode")


def error_of(path: Path) -> str:
    with pytest.raises(LoadError) as caught:
        load_one(path)
    return str(caught.value)


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail instead of blocking forever if something opens a FIFO for reading."""
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("blocked on open"))
    signal.alarm(5)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# discover ------------------------------------------------------------------


def test_reading_ahead_walks_no_further_than_the_first_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(5):
        write(tmp_path / "top" / f"{number}.txt", GOOD_TXT)
    later = write(tmp_path / "later.txt", GOOD_TXT)
    stats: list[Path] = []
    stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda path, **kw: stats.append(path) or stat(path, **kw))
    loading = Loading([tmp_path / "top", later])
    assert loading.read_ahead()
    # Only the first file was looked for: the second path is not reached yet,
    # and the count waits for the walk.
    assert later not in stats
    assert loading.file_count is None
    assert loading.files_done == 1
    assert loading.byte_count == 6 * len(GOOD_TXT)  # the worker ends the walk
    assert loading.file_count == 6


def test_each_file_is_measured_once_for_the_total_and_its_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(4):
        write(tmp_path / f"{number}.txt", GOOD_TXT)
    measured: list[Path] = []
    file_size = loading_module.file_size
    monkeypatch.setattr(
        loading_module, "file_size", lambda path: measured.append(path) or file_size(path)
    )
    loading = Loading([tmp_path])
    assert loading.read_ahead()
    assert loading.byte_count == 4 * len(GOOD_TXT)
    assert sum(len(batch.articles) for batch in loading if not isinstance(batch, LoadError)) == 4
    assert sorted(measured) == sorted(tmp_path.glob("*.txt"))


def test_a_folder_of_plain_files_is_walked_without_a_stat_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(20):
        write(tmp_path / f"{number:02d}.txt", GOOD_TXT)
    nested = write(tmp_path / "sub" / "nested.txt", GOOD_TXT)
    (tmp_path / "zz-link.txt").symlink_to(tmp_path / "00.txt")
    stats: list[Path] = []
    stat = Path.stat

    def counted(path: Path, **kwargs: bool) -> os.stat_result:
        stats.append(path)
        return stat(path, **kwargs)

    monkeypatch.setattr(Path, "stat", counted)
    files, errors = discover([tmp_path])
    assert errors == []
    assert len(files) == 21 and nested in files  # the link is the same file as 00.txt
    # Folders (each may be a link or a Maildir) and the link, never a plain file.
    assert [path for path in stats if path.suffix == ".txt"] == [tmp_path / "zz-link.txt"]


def test_named_files_are_taken_as_given_in_order(tmp_path: Path) -> None:
    b = write(tmp_path / "b.yaml", GOOD_YAML)
    a = write(tmp_path / "a.TXT", GOOD_TXT)
    assert discover([b, a]) == ([b, a], [])


def test_named_file_with_another_extension_is_refused(tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.md", "# notes")
    assert [str(error) for error in discover([notes])[1]] == [
        f"{notes}: not a {suffix_list()} file"
    ]


def test_missing_path_is_reported(tmp_path: Path) -> None:
    files, errors = discover([tmp_path / "nope.txt"])
    assert files == []
    assert [str(error) for error in errors] == [f"{tmp_path}/nope.txt: no such file or directory"]


def test_directories_are_walked_recursively_in_name_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.yml", "a/c.yaml", "c.md", ".hidden.txt", ".git/x.txt", "B/y.txt"]:
        write(tmp_path / name, GOOD_TXT)
    files, errors = discover([tmp_path])
    assert [path.relative_to(tmp_path).as_posix() for path in files] == [
        "B/y.txt",
        "a/c.yaml",
        "a/z.yml",
        "b.txt",
    ]
    assert errors == []


def test_paths_named_twice_are_walked_once(tmp_path: Path) -> None:
    article = write(tmp_path / "sub" / "a.txt", GOOD_TXT)
    assert discover([tmp_path, tmp_path / "sub", article, tmp_path]) == ([article], [])


def test_directory_without_articles_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "readme.md", "hi")
    (tmp_path / "empty").mkdir()
    files, errors = discover([tmp_path])
    assert files == []
    assert [str(error) for error in errors] == [f"{tmp_path}: no {suffix_list()} files found"]


def test_symlink_loops_terminate_and_linked_files_load_once(tmp_path: Path) -> None:
    article = write(tmp_path / "top" / "a.txt", GOOD_TXT)
    (tmp_path / "top" / "loop").symlink_to(tmp_path / "top")
    (tmp_path / "top" / "sub").mkdir()
    (tmp_path / "top" / "sub" / "up").symlink_to(tmp_path)
    (tmp_path / "top" / "sub" / "link.txt").symlink_to(article)
    (tmp_path / "top" / "self.txt").symlink_to(tmp_path / "top" / "self.txt")
    (tmp_path / "top" / "dangling.yaml").symlink_to(tmp_path / "missing.yaml")
    (tmp_path / "top" / "dangling-other").symlink_to(tmp_path / "missing")
    files, errors = discover([tmp_path / "top", article])
    assert files == [article]
    assert sorted(str(error) for error in errors) == [
        f"{tmp_path}/top/dangling.yaml: no such file or directory",
        f"{tmp_path}/top/self.txt: too many levels of symbolic links",
    ]


def test_fifo_is_never_opened(tmp_path: Path, no_hang: None) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert [str(error) for error in discover([fifo])[1]] == [f"{fifo}: not a regular file"]
    assert discover([tmp_path])[0] == []
    assert error_of(fifo) == f"{fifo}: not a regular file"


@needs_permissions
def test_unreadable_directory_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    write(locked / "a.txt", GOOD_TXT)
    good = write(tmp_path / "good.txt", GOOD_TXT)
    locked.chmod(0)
    try:
        files, errors = discover([tmp_path])
    finally:
        locked.chmod(0o755)
    assert files == [good]
    assert [str(error) for error in errors] == [f"{locked}: permission denied"]


# load_one -----------------------------------------------------------------


def test_loads_both_formats_and_records_path_and_format(tmp_path: Path) -> None:
    txt = load_one(write(tmp_path / "a.txt", GOOD_TXT))
    yml = load_one(write(tmp_path / "b.yml", GOOD_YAML))
    assert (txt.title, txt.format, txt.path) == ("A text article", "txt", tmp_path / "a.txt")
    assert (yml.title, yml.format, yml.path) == ("A YAML article", "yaml", tmp_path / "b.yml")
    assert txt.comments[0].text == yml.comments[0].text == ("First.",)


def test_yaml_warnings_are_passed_on(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", GOOD_YAML + "extra: 1\n")
    warnings: list[str] = []
    assert load_one(path, warnings).title == "A YAML article"
    assert warnings == [f"{path}:5: unknown key 'extra' ignored"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n \n", "empty file"),
        ("\ufeff \n".encode(), "empty file"),
        (b"Title\n\nBody\x00with a NUL\n", "3: not UTF-8 text (binary file?)"),
        (b"\x7fELF\x02\x01\x01\x00\x00", "1: not UTF-8 text (binary file?)"),
        (b"Title\n\ncaf\xe9 latin-1\n", "3: not UTF-8 text (binary file?)"),
        (b"\xff\xfeT\x00i\x00\x00\xd8", "not valid UTF-16 text"),
    ],
)
def test_unreadable_content_is_reported(tmp_path: Path, content: bytes, reason: str) -> None:
    path = write(tmp_path / "a.txt", content)
    assert error_of(path) == f"{path}:{reason}" if reason[0].isdigit() else f"{path}: {reason}"


def test_a_file_is_told_from_an_empty_one_without_a_copy_of_it(tmp_path: Path) -> None:
    """Reading a file for its format holds its bytes once: the emptiness check
    copies nothing (`bytes.strip` copied any file ending in a newline)."""
    path = write(tmp_path / "big.txt", b"Title\n\n" + b"words " * 500_000 + b"\n\n")
    tracemalloc.start()
    try:
        sample = loader.read_sample(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sample.data is not None and len(sample.data) == path.stat().st_size
    assert peak < 1.5 * len(sample.data)


def test_a_file_that_grew_since_its_size_was_taken_is_read_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt", "Title\n\nA body longer than the size taken.\n")
    real = os.fstat

    def earlier(descriptor: int) -> os.stat_result:
        """The file's status from before it grew: 5 bytes."""
        info = real(descriptor)
        return os.stat_result((*info[:6], 5, *info[7:10]))

    monkeypatch.setattr(loader.os, "fstat", earlier)
    sample = loader.read_sample(path)
    assert sample.data == path.read_bytes()
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 20)
    with pytest.raises(LoadError, match=r"over the .* limit"):
        loader.read_sample(path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks_select_the_encoding(tmp_path: Path, encoding: str) -> None:
    text = "Café “title”\n\nBody 中文.\n"
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(encoding) + data
    article = load_one(write(tmp_path / "a.txt", data))
    assert (article.title, article.body) == ("Café “title”", ["Body 中文."])


def test_yaml_in_utf16_loads(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", GOOD_YAML.encode("utf-16"))
    assert load_one(path).title == "A YAML article"


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:  # sparse: nothing is written to disk
        file.truncate(300 * 1024 * 1024)
    assert MAX_FILE_BYTES == 256 * 1024 * 1024
    assert error_of(path) == f"{path}: file is 300.0 MB, over the 256 MB limit for an article"


def test_size_limit_applies_to_what_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt", GOOD_TXT)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10)
    assert "limit for an article" in error_of(path)


def test_directory_named_like_an_article_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    assert error_of(tmp_path / "dir.txt") == f"{tmp_path}/dir.txt: is a directory"


def test_missing_and_unknown_files_are_refused(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.txt") == f"{tmp_path}/nope.txt: no such file or directory"
    other = write(tmp_path / "a.md", "# notes")
    assert error_of(other) == f"{other}: not a {suffix_list()} file"


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated, so that it also runs as root."""
    path = write(tmp_path / "a.txt", GOOD_TXT)

    def refuse(name: str, flags: int) -> int:
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr(loader, "open_read_only", refuse)
    assert error_of(path) == f"{path}: permission denied"


@needs_permissions
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", GOOD_TXT)
    path.chmod(0)
    assert error_of(path) == f"{path}: permission denied"


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (ValueError("boom"), "could not parse as seed text: unexpected content"),
        (RecursionError("deep"), "nested too deeply to parse"),
        (MemoryError(), "out of memory while parsing"),
    ],
)
def test_parser_crashes_become_load_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException, reason: str
) -> None:
    def crash(pieces: Iterator[list[str]], path: Path) -> Article:
        raise failure

    monkeypatch.setattr(registry, "parse_seed_pieces", crash)
    path = write(tmp_path / "a.txt", GOOD_TXT)
    assert error_of(path) == f"{path}: {reason}"


@pytest.mark.parametrize("depth", [3_000, 10_000])
def test_deep_reply_chains_load_from_both_formats(tmp_path: Path, depth: int) -> None:
    article = reply_chain(depth)
    # Tabs keep a 10,000-level seed text at a few MB (its indentation is quadratic).
    txt = write(tmp_path / "deep.txt", render_seed_text(article, indent=1, use_tabs=True))
    loaded = load_one(txt)
    assert chain_depth(loaded) == depth
    if depth < 10_000:  # test_yaml reads a 10,000-deep YAML file already
        yml = write(tmp_path / "deep.yaml", dump_yaml(loaded))
        assert dump_json(load_one(yml)) == dump_json(loaded)


# loading directories --------------------------------------------------------


def make_mixed_directory(root: Path) -> dict[str, Path]:
    return {
        "good_txt": write(root / "1-good.txt", GOOD_TXT),
        "empty": write(root / "2-empty.txt", ""),
        "good_yaml": write(root / "3-good.yaml", GOOD_YAML),
        "bad_yaml": write(root / "4-bad.yaml", "- a list\n"),
        "binary": write(root / "5-binary.yml", b"\x00\x01\x02"),
        "nested": write(root / "sub" / "6-good.txt", GOOD_TXT),
        "other": write(root / "notes.md", "ignored"),
    }


def test_bad_files_are_reported_and_good_ones_load(tmp_path: Path) -> None:
    files = make_mixed_directory(tmp_path)
    results = list(load_results([tmp_path, tmp_path / "missing"]))
    # In the order the walk finds them: the missing path is named last.
    assert [str(r) if isinstance(r, LoadError) else r.title for r in results] == [
        "A text article",
        f"{files['empty']}: empty file",
        "A YAML article",
        f"{files['bad_yaml']}:1: top level: expected a mapping, got a list",
        f"{files['binary']}:1: not UTF-8 text (binary file?)",
        "A text article",
        f"{tmp_path}/missing: no such file or directory",
    ]


def test_load_store_ids_come_from_file_names(tmp_path: Path) -> None:
    write(tmp_path / "a" / "x.txt", GOOD_TXT)
    write(tmp_path / "b" / "x.yaml", GOOD_YAML)
    write(tmp_path / "c.txt", "")
    store, errors = load_store([tmp_path])
    assert [article.id for article in store] == ["x", "x~2"]
    assert [str(error) for error in errors] == [f"{tmp_path}/c.txt: empty file"]


def test_loading_never_modifies_files(tmp_path: Path) -> None:
    make_mixed_directory(tmp_path)

    def snapshot() -> dict[Path, tuple[str, int, int]]:
        state = {}
        for path in sorted(tmp_path.rglob("*")):
            info = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
            state[path] = (digest, info.st_mtime_ns, info.st_mode)
        return state

    before = snapshot()
    list(load_results([tmp_path]))
    load_store([tmp_path])
    assert snapshot() == before


# bundled seeds ---------------------------------------------------------------


def test_bundled_seeds_are_found_from_any_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    seeds = bundled_seeds()
    assert seeds.is_absolute()
    files, errors = discover([seeds])
    assert errors == [] and SEED in [path.name for path in files]
    assert all(path.suffix in EXTENSIONS for path in files)


def test_wheel_ships_the_seeds_and_finds_them_installed(tmp_path: Path) -> None:
    """A plain (non-editable) install must find the seeds inside the package."""
    # Built from a copy: the working tree may hold other people's build debris.
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "reader", source / "reader", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(REPO / "seeds", source / "seeds")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "-w", str(tmp_path / "dist"),
         "--no-deps", "--no-build-isolation", "--quiet"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("reader-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert f"reader/seeds/{SEED}" in names
        archive.extractall(tmp_path / "site")
    # The unpacked wheel is what `pip install` would put in site-packages.
    found = subprocess.run(
        [sys.executable, "-c",
         "from reader.formats.loader import bundled_seeds, find_files; "
         "print(bundled_seeds()); print(len(list(find_files([bundled_seeds()]))))"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    seeds_dir, count = found.stdout.split()
    assert Path(seeds_dir) == tmp_path / "site" / "reader" / "seeds"
    assert int(count) == len(list((REPO / "seeds").glob("*.txt")))


def test_a_big_mailbox_is_not_read_whole_before_its_parser_reads_it_in_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader reads a file's first 64 KB to tell its format; an mbox's
    parser reads the file itself, in chunks, so the whole file is never held
    at once. A format that needs the whole file reads it then."""
    message = b"From a@b\nFrom: Ada <a@x.org>\nSubject: Herons\n\n" + b"counted nine\n" * 20 + b"\n"
    mbox = tmp_path / "list.mbox"
    mbox.write_bytes(message * 1000)
    text = write(tmp_path / "long.txt", "Title\n\n" + "A long body.\n" * 10_000)
    whole: list[Path] = []
    read_file = loader.read_file

    def counted(path: Path, most: int | None = None) -> bytes:
        if most is None:
            whole.append(path)
        return read_file(path, most)

    monkeypatch.setattr(loader, "read_file", counted)
    assert len(loader.load_articles(mbox)) == 1000
    assert whole == []
    assert loader.load_articles(text)[0].body[0].startswith("A long body.")
    assert whole == [text]
