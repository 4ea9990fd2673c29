"""The command line: exit codes, one-line errors, `dump`, and launching the app."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from reader import __version__
from reader.cli import main
from reader.errors import LoadError
from reader.formats import limits, loader
from reader.formats.batch import Batch
from reader.formats.loader import bundled_seeds, load_batches
from reader.formats.registry import suffix_list
from reader.loading import Loading
from tests.builders import write
from tests.seeds import FIRST_SEED_FILE

SEED = FIRST_SEED_FILE
GOOD_YAML = "title: A YAML article\nbody: Its body.\n"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        check=False,
        timeout=60,
    )


class FakeApp:
    """Stands in for ReaderApp: takes what the command line hands it and reads the
    rest as the app's load worker does; shows nothing."""

    instances: list[FakeApp] = []

    def __init__(
        self,
        loading: Loading,
        *,
        state: object = None,
        config: object = None,
        warnings: object = None,
        offline: bool = False,
    ) -> None:
        self.loading = loading
        self.offline = offline
        self.state = state
        self.config = config
        self.load_errors = list(loading.problems)
        # The file of every article shown, in order.
        self.paths: list[Path | None] = []
        self.return_code: int | None = None
        FakeApp.instances.append(self)

    @property
    def article_count(self) -> int:
        return len(self.paths)

    def run(self) -> None:
        for result in self.loading:
            if isinstance(result, LoadError):
                self.load_errors.append(result)
            else:
                self.paths.extend(prepared.article.path for prepared in result.articles)


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> type[FakeApp]:
    FakeApp.instances = []
    monkeypatch.setattr("reader.ui.app.ReaderApp", FakeApp)
    return FakeApp


# --version, --help -------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"reader {__version__}\n"
    assert __version__ == "0.1.0"


def test_version_as_a_module() -> None:
    result = run("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, "reader 0.1.0\n", "")


def test_help_mentions_paths_and_dump(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: reader [-h] [--version]")
    assert "[PATH|URL ...]" in out
    assert "reader dump PATH|URL [--format yaml|json]" in out
    assert main(["dump", "--help"]) == 0
    assert "--format {yaml,json}" in capsys.readouterr().out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dump"]) == 2
    assert "the following arguments are required: PATH|URL" in capsys.readouterr().err
    assert main(["dump", str(SEED), "--format", "xml"]) == 2


# reader [PATH ...] ----------------------------------------------------------------


def test_missing_path_exits_2_without_starting_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_app: type[FakeApp]
) -> None:
    missing = tmp_path / "missing.txt"
    assert main([str(missing)]) == 2
    assert capsys.readouterr().err == f"reader: {missing}: no such file or directory\n"
    assert fake_app.instances == []


def test_directory_without_articles_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_app: type[FakeApp]
) -> None:
    write(tmp_path / "notes.md", "hi")
    assert main([str(tmp_path)]) == 2
    expected = f"reader: {tmp_path}: no {suffix_list()} files found\n"
    assert capsys.readouterr().err == expected


def test_only_bad_files_exit_2_without_starting_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_app: type[FakeApp]
) -> None:
    """The app used to start, flash empty, and exit 2 once its worker found nothing."""
    empty = write(tmp_path / "a.txt", "")
    bad = write(tmp_path / "b.yaml", "- list\n")
    assert main([str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"reader: {empty}: empty file\nreader: {bad}:1: top level: expected a mapping, got a list\n"
    )
    assert fake_app.instances == []


def test_a_mailbox_of_unreadable_mail_says_why_each_was_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_app: type[FakeApp]
) -> None:
    box = write(tmp_path / "list.mbox", "From a@b Mon Mar  4 10:00:00 2024\nX-Only: this\n\nx\n")
    assert main([str(box)]) == 2
    assert capsys.readouterr().err == (
        f"reader: {box}: no readable messages in the mailbox\n"
        f"reader: warning: {box}: line 1: message skipped: no From, Subject or Date header\n"
    )
    assert fake_app.instances == []


def test_files_are_parsed_up_to_the_first_good_one_and_handed_to_the_app_once(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_app: type[FakeApp],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    empty = write(tmp_path / "a.txt", "")
    good = write(tmp_path / "b.yaml", GOOD_YAML)
    later = write(tmp_path / "c.yaml", GOOD_YAML)
    parsed: list[Path] = []
    started_after: list[list[Path]] = []

    def spy(path: Path, warnings: list[str] | None = None) -> Iterator[Batch]:
        parsed.append(path)
        return load_batches(path, warnings)

    monkeypatch.setattr("reader.loading.load_batches", spy)
    monkeypatch.setattr(fake_app, "__init__", _recording_init(started_after, parsed))
    assert main([str(tmp_path)]) == 0
    (app,) = fake_app.instances
    assert started_after == [[empty, good]], "read ahead to the first good file, no further"
    assert parsed == [empty, good, later], "what was parsed is not parsed again"
    assert app.paths == [good, later]
    assert [str(error) for error in app.load_errors] == [f"{empty}: empty file"]


def _recording_init(started_after: list[list[Path]], parsed: list[Path]):  # type: ignore[no-untyped-def]
    """FakeApp's constructor, noting which files had been parsed when the app was made."""
    init = FakeApp.__init__

    def recording(self: FakeApp, loading: Loading, **options: object) -> None:
        started_after.append(list(parsed))
        init(self, loading, **options)  # type: ignore[arg-type]

    return recording


def test_good_and_bad_files_start_the_app_with_the_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_app: type[FakeApp]
) -> None:
    good = write(tmp_path / "good.yaml", GOOD_YAML)
    missing = tmp_path / "missing.txt"
    assert main([str(good), str(missing)]) == 0
    (app,) = fake_app.instances
    assert app.paths == [good]
    assert [str(error) for error in app.load_errors] == [f"{missing}: no such file or directory"]
    assert capsys.readouterr().err == ""


URL = "https://news.ycombinator.com/item?id=1"
# Nothing fetched before, and nothing fetched now: the URL stays a URL.
URL_LINE = f"{URL}: offline, and not in the cache"


def test_a_url_is_never_taken_for_a_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_app: type[FakeApp]
) -> None:
    assert main(["--offline", URL]) == 2
    assert main(["dump", "--offline", URL]) == 2
    assert capsys.readouterr().err == f"reader: {URL_LINE}\n" * 2
    good = write(tmp_path / "good.yaml", GOOD_YAML)
    assert main(["--offline", URL, str(good)]) == 0
    (app,) = fake_app.instances
    assert app.paths == [good]
    assert [str(error) for error in app.load_errors] == [URL_LINE]


def test_a_url_in_the_configs_paths_is_read_in_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_app: type[FakeApp]
) -> None:
    good = write(tmp_path / "good.yaml", GOOD_YAML)
    config = write(tmp_path / "config.toml", f'paths = ["{URL}", "good.yaml"]\n')
    assert main(["--config", str(config), "--offline"]) == 0
    (app,) = fake_app.instances
    assert app.paths == [good]
    assert app.config.problems == []
    assert [str(error) for error in app.load_errors] == [URL_LINE]


def test_a_binary_file_named_as_a_mailbox_says_it_is_not_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    box = write(tmp_path / "x.mbox", bytes(range(256)) * 4)
    assert main(["dump", str(box)]) == 2
    assert capsys.readouterr().err == (
        f"reader: {box}: not an mbox mailbox: it does not start with a `From ` line\n"
    )


def test_app_return_code_is_the_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_app: type[FakeApp]
) -> None:
    monkeypatch.setattr(fake_app, "run", lambda self: setattr(self, "return_code", 3))
    assert main([str(write(tmp_path / "a.yaml", GOOD_YAML))]) == 3


def test_offline_reaches_the_app_for_what_it_fetches_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_app: type[FakeApp]
) -> None:
    # No URL named: the app's own fetches (a whole article, a page's feed) stay offline.
    monkeypatch.chdir(tmp_path)
    assert main(["--offline", str(write(tmp_path / "a.yaml", GOOD_YAML))]) == 0
    assert main([str(tmp_path / "a.yaml")]) == 0
    assert [app.offline for app in fake_app.instances] == [True, False]


def test_no_path_opens_the_bundled_seeds_from_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_app: type[FakeApp]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    (app,) = fake_app.instances
    assert app.paths and all(path and path.parent == bundled_seeds() for path in app.paths)
    assert app.article_count == len(app.paths)


def test_a_directory_named_dump_is_read_as_dot_slash_dump(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_app: type[FakeApp]
) -> None:
    (tmp_path / "dump").mkdir()
    write(tmp_path / "dump" / "a.yaml", GOOD_YAML)
    monkeypatch.chdir(tmp_path)
    assert main(["./dump"]) == 0
    assert fake_app.instances[0].paths == [Path("dump/a.yaml")]


# reader dump --------------------------------------------------------------------------


def test_dump_of_the_seed_gives_its_structure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dump", str(SEED)]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert list(data) == [
        "title", "subtitle", "byline", "author", "source", "published", "url", "body",
        "author_bio", "comments",
    ]  # fmt: skip
    assert data["title"] == "After Trump Massacres in Mosul, Campaign against ISIL Halted"
    comments = data["comments"]
    assert len(comments) == 10
    assert [len(comment["replies"]) for comment in comments] == [0, 0, 2, 0, 0, 0, 0, 0, 0, 0]
    assert len(comments) + sum(len(comment["replies"]) for comment in comments) == 12
    assert list(comments[2]["replies"][0]) == ["author", "posted", "text", "replies"]


def test_dump_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dump", str(SEED), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["comments"]) == 10


def test_dump_round_trips_through_yaml(tmp_path: Path) -> None:
    """`reader dump a.txt > a.yaml && reader dump a.yaml` prints the same again."""
    first = run("dump", str(SEED))
    assert first.returncode == 0, first.stderr
    as_yaml = write(tmp_path / "a.yaml", first.stdout)
    second = run("dump", str(as_yaml))
    assert (second.returncode, second.stderr) == (0, "")
    assert second.stdout == first.stdout


def test_dump_warns_about_unknown_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.yaml", GOOD_YAML + "tags: [x]\n")
    assert main(["dump", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"reader: warning: {path}:3: unknown key 'tags' ignored\n"
    assert captured.out.startswith("title: A YAML article\n")


ALIAS_BOMB = "title: t\nbody: b\n" + "".join(
    f"x{level}: &a{level} {{text: x, replies: [{', '.join([f'*a{level - 1}'] * 9)}]}}\n"
    if level
    else "x0: &a0 {text: x}\n"
    for level in range(10)
)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", "", ": empty file"),
        ("blank.txt", " \n\t\n", ": empty file"),
        ("blank.yaml", "\n\n", ": empty file"),
        ("nul.txt", b"Title\n\x00\x01", ":2: not UTF-8 text (binary file?)"),
        ("latin1.txt", "Title\n\nCafé\n".encode("latin-1"), ":3: not UTF-8 text (binary file?)"),
        (
            "syntax.yaml",
            "title: t\nbody: [unclosed\nurl: x\n",
            ":3: YAML syntax error: did not find expected ',' or ']'"
            " (while parsing a flow sequence on line 2)",
        ),
        (
            "python.yaml",
            "title: !!python/object/apply:os.system ['echo pwned']\nbody: b\n",
            ":1: title: tag '!!python/object/apply:os.system' is not allowed"
            " (plain YAML data only)",
        ),
        (
            "schema.yaml",
            "title: t\nbody: b\ncomments:\n- text: a\n- text: b\n- text: c\n"
            "- text: d\n  replies:\n  - text: [x]\n",
            ":9: comments[3].replies[0].text: expected a string, got a list",
        ),
        ("list.yaml", "- a\n- b\n", ":1: top level: expected a mapping, got a list"),
        ("scalar.yml", "hello\n", ":1: top level: expected a mapping, got a string"),
        ("bomb.yaml", ALIAS_BOMB, ":8: too many aliases (possible alias bomb)"),
        ("notes.md", "# notes\n", f": not a {suffix_list()} file"),
    ],
)
def test_dump_reports_bad_files_on_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | bytes,
    reason: str,
) -> None:
    path = write(tmp_path / name, content)
    assert main(["dump", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"reader: {path}{reason}\n"
    assert captured.out == ""


def test_dump_reports_missing_and_directory_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["dump", str(tmp_path / "nope.yaml")]) == 2
    assert main(["dump", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"reader: {tmp_path}/nope.yaml: no such file or directory\n"
        f"reader: {tmp_path}: is a directory\n"
    )


def test_dump_reports_files_over_the_size_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1024 * 1024)
    path = write(tmp_path / "big.txt", "Title\n\n" + "word " * 300_000)
    assert main(["dump", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"reader: {path}: file is 1.4 MB, over the 1 MB limit for an article\n"
    )


def test_dump_reports_permission_denied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(name: str, flags: int) -> int:
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr(loader, "open_read_only", refuse)
    assert main(["dump", str(SEED)]) == 2
    assert capsys.readouterr().err == f"reader: {SEED}: permission denied\n"


def test_bad_input_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "title: !!python/name:os.system\nbody: b\n")
    missing = str(tmp_path / "missing.txt")
    for args in (["dump", str(bad)], ["dump", missing], [missing]):
        result = run(*args)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("reader: ") and result.stderr.count("\n") == 1


def test_dump_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    many = "".join(f"- text: Comment number {index} with some words.\n" for index in range(5000))
    path = write(tmp_path / "many.yaml", f"title: t\nbody: b\ncomments:\n{many}")
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "dump", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline() == b"title: t\n"
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr
