"""Issue 23 §4 and §9: a hostile or broken config never stops the reader nor
slows its start: nesting deeper than tomllib can recurse is one problem, and
thousands of problems find their lines in one pass over the file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.config import load_config
from reader.config import settings as settings_module
from reader.config.lines import key_lines


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 500 + "]" * 500 + "\n",
        "[keys]\nz = " + "{a = " * 500 + '"x"' + "}" * 500 + "\n",
    ],
    ids=["arrays", "inline-tables"],
)
def test_a_config_nested_500_deep_is_one_problem(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert config.problems == [f"{path}: nested too deeply to read"]


@pytest.mark.parametrize("parts", ["a", '"a"', "'a'"])
def test_a_key_dotted_100_000_deep_is_refused_before_parsing(tmp_path: Path, parts: str) -> None:
    """tomllib is quadratic in a dotted key's parts: 100,000 took minutes."""
    path = tmp_path / "config.toml"
    path.write_text("[keys]\n" + " . ".join([parts] * 100_000) + ' = "x"\n', encoding="utf-8")
    (problem,) = load_config(path).problems
    assert problem == f"{path}: a key of more than 1,000 parts"


def test_a_key_of_many_parts_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[keys]\n" + ".".join(["a"] * 999) + ' = "x"\n', encoding="utf-8")
    config = load_config(path)
    assert config.problems == []
    (problem,) = config.check_keys(set())
    assert problem.startswith(f"{path}:2: [keys]: unknown binding id 'a.a.a")


def test_thousands_of_unknown_binding_ids_find_their_lines_in_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    ids = [f"no.such{number}" for number in range(5_000)]
    path.write_text("[keys]\n" + "".join(f'"{i}" = "x"\n' for i in ids), encoding="utf-8")
    passes: list[int] = []

    def counted(text: str) -> dict[str, int]:
        passes.append(1)
        return key_lines(text)

    monkeypatch.setattr(settings_module, "key_lines", counted)
    problems = load_config(path).check_keys(set())
    assert len(problems) == len(ids)
    assert problems[-1] == f"{path}:5001: [keys]: unknown binding id 'no.such4999'"
    assert len(passes) == 1


def test_key_lines_finds_bare_dotted_and_quoted_keys() -> None:
    text = '# a = 1\n[keys]\nthread.toggle = "x"\n  "a.b" = "y"\n\'c\'= "z"\nthread.toggle = 1\n'
    assert key_lines(text) == {"thread.toggle": 3, "a.b": 4, "c": 5}


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda path: path.symlink_to("/dev/zero"), "not a regular file"),
        (lambda path: os.mkfifo(path), "not a regular file"),
        (
            lambda path: path.write_text("# padding\n" * 200_000, encoding="utf-8"),
            "over the 1,024 KB limit for a config file",
        ),
    ],
    ids=["dev-zero", "fifo", "huge"],
)
def test_a_config_that_is_no_regular_file_or_huge_is_not_read(
    tmp_path: Path, make: Callable[[Path], object], reason: str
) -> None:
    """Issue 23 §5: the size limit and the regular-file rule hold for every file
    reader reads, the config too (a link to /dev/zero was read for ever)."""
    path = tmp_path / "config.toml"
    make(path)
    assert load_config(path).problems == [f"{path}: cannot read: {reason}"]
