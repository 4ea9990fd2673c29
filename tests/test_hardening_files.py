"""Hardening (issue 6): files and documents written by strangers.

Only what tests/test_loader.py, test_seedtext.py, test_yaml.py and test_cli.py do
not already cover: UTF-32 in both byte orders, a single 10 MB line, a directory of
thousands of files with bad ones among them, file names carrying terminal control
sequences, lines made only of bullets, comments before any body, and a wrong type
at every field of the YAML schema.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import pytest

from reader.cli import main
from reader.errors import LoadError
from reader.formats.seedtext import parse_seed_text
from reader.formats.yaml.schema import ARTICLE_KEYS, COMMENT_KEYS, parse_yaml
from reader.model import iter_comments
from tests.builders import load_one, load_results, load_store, write
from tests.test_seedtext import assert_lossless, shape
from tests.work import calls_made

# Anything that makes a terminal act rather than print (newline included: a
# report is one line).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
GOOD_TXT = "A text article {n}\n\nIts body.\n\n  1. First.\n    • A reply.\n"
GOOD_YAML = "title: A YAML article {n}\nbody: Its body.\ncomments:\n- text: First.\n"


def load_error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as caught:
        load_one(path)
    return caught.value


# Encodings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")],
    ids=["utf-32-le", "utf-32-be"],
)
@pytest.mark.parametrize("suffix", [".txt", ".yaml"])
def test_utf32_with_a_bom_loads_in_either_byte_order(
    tmp_path: Path, bom: bytes, codec: str, suffix: str
) -> None:
    text = (
        "Café 中文 title\n\nBody 👍.\n"
        if suffix == ".txt"
        else "title: Café 中文 title\nbody: Body 👍.\n"
    )
    article = load_one(write(tmp_path / f"a{suffix}", bom + text.encode(codec)))
    assert (article.title, article.body) == ("Café 中文 title", ["Body 👍."])


def test_utf32_without_a_bom_is_not_taken_for_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Title\n\nBody.\n".encode("utf-32-le"))
    assert load_error(path).reason == "not UTF-8 text (binary file?)"


# One enormous line ------------------------------------------------------------------

TEN_MB = 10 * 1024 * 1024


def test_a_single_10_mb_line_loads_as_one_body_paragraph_in_bounded_work(
    tmp_path: Path,
) -> None:
    """The work to load a line does not grow with its length (no per-word or
    per-character Python loop): a 10 MB line takes no more calls than a 1 KB one."""
    calls = {}
    for size in (1024, TEN_MB):
        line = ("wörd " * (size // 6)).rstrip()
        path = write(tmp_path / f"long{size}.txt", f"Title\n\n{line}\n")
        article, calls[size] = calls_made(load_one, path)
        assert article.title == "Title"
        assert article.body == [line]
        assert article.comments == []
    assert calls[TEN_MB] <= 2 * calls[1024]


def test_a_file_that_is_one_10_mb_line_without_a_newline_loads(tmp_path: Path) -> None:
    small, big = (write(tmp_path / f"{n}.txt", "x" * n) for n in (1024, TEN_MB))
    article, big_calls = calls_made(load_one, big)
    assert len(article.title) == TEN_MB and article.body == []
    assert big_calls <= 2 * calls_made(load_one, small)[1]


def test_a_10_mb_yaml_body_loads_in_bounded_work(tmp_path: Path) -> None:
    calls = {}
    for size in (1024, TEN_MB):
        line = ("word " * (size // 5)).rstrip()
        path = write(tmp_path / f"long{size}.yaml", f"title: t\nbody: {line}\n")
        article, calls[size] = calls_made(load_one, path)
        assert article.body == [line]
    assert calls[TEN_MB] <= 2 * calls[1024]


# Thousands of files ----------------------------------------------------------------

BAD_CONTENT: list[tuple[str, str | bytes, str]] = [
    ("txt", "", "empty file"),
    ("txt", " \n\t\n", "empty file"),
    ("txt", b"Title\n\n\xff\xfe\xfd bytes\n", "not UTF-8 text (binary file?)"),
    ("yml", b"\x00\x01\x02\x03", "not UTF-8 text (binary file?)"),
    ("yaml", "- a list\n", "top level: expected a mapping, got a list"),
    ("yaml", "title: t\nbody: [unclosed\n", "YAML syntax error"),
    ("yaml", "title: !!python/object/apply:os.system ['true']\nbody: b\n", "is not allowed"),
]


def test_a_directory_of_2000_files_loads_every_good_one_and_names_every_bad_one(
    tmp_path: Path,
) -> None:
    good: set[Path] = set()
    bad: dict[Path, str] = {}
    for n in range(2000):
        folder = tmp_path / f"batch{n // 100:02d}"
        if n % 10 == 7:
            suffix, content, reason = BAD_CONTENT[(n // 10) % len(BAD_CONTENT)]
            bad[write(folder / f"bad{n:04d}.{suffix}", content)] = reason
        elif n % 2:
            good.add(write(folder / f"good{n:04d}.yaml", GOOD_YAML.format(n=n)))
        else:
            good.add(write(folder / f"good{n:04d}.txt", GOOD_TXT.format(n=n)))
    write(tmp_path / "notes.md", "not an article, not an error")
    store, errors = load_store([tmp_path])
    assert {article.path for article in store} == good
    assert len(store) == 1800 and len({article.id for article in store}) == 1800
    assert {error.path for error in errors} == set(bad)
    for error in errors:
        message = str(error)
        assert message.startswith(f"{error.path}")
        assert bad[error.path] in error.reason
        assert "\n" not in message
    # The work grows with the number of files, not faster: ten times the files,
    # about ten times the calls (a tenth of them: the first two folders).
    _, all_calls = calls_made(load_store, [tmp_path])
    _, tenth_calls = calls_made(load_store, [tmp_path / "batch00", tmp_path / "batch01"])
    assert all_calls <= 11 * tenth_calls


# File names from strangers ------------------------------------------------------------

HOSTILE_NAME = "evil\x1b]52;c;ZXZpbA==\x07\x1b]8;;https://evil.test\x1b\\x\x9b2J\nline2"


def test_control_characters_in_a_file_name_never_reach_the_report(tmp_path: Path) -> None:
    """A downloaded directory may hold any file name: its report stays one inert line."""
    path = write(tmp_path / f"{HOSTILE_NAME}.txt", "")
    (error,) = [result for result in load_results([tmp_path]) if isinstance(result, LoadError)]
    assert error.path == path, "the error keeps the real path"
    message = str(error)
    assert not CONTROL.search(message), message
    assert message.endswith(": empty file")
    assert "␛]52;c;ZXZpbA==" in message, "the sequence is shown inert, not dropped"


def test_the_command_line_report_of_a_hostile_file_name_is_one_inert_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / f"{HOSTILE_NAME}.yaml", "- not a mapping\n")
    assert main(["dump", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith("top level: expected a mapping, got a list\n")
    assert not CONTROL.search(err[:-1]), err


def test_a_reason_quoting_the_document_is_inert() -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml('title: t\nbody: b\npublished: "\\e]52;c;ZXZpbA==\\a\\u202e"\n', Path("a.yaml"))
    assert "published: expected an ISO date" in str(caught.value)
    assert not CONTROL.search(str(caught.value))
    assert "\u202e" not in str(caught.value)


# Seed-text structure -------------------------------------------------------------------


def test_lines_of_only_bullets_are_comments_and_nothing_is_lost() -> None:
    text = "Title\n\n  •\n  • •\n    ◦ ◦ ◦\n  - - -\n        *\n  ▪\n"
    article = parse_seed_text(text, Path("a.txt"))
    assert shape(article.comments) == [
        (0, ()),
        (0, ("•",)),
        (1, ("◦ ◦",)),
        (0, ("- -",)),
        (1, ()),
        (0, ()),
    ]
    assert_lossless(text, article)


def test_a_file_of_only_bullets_has_a_bullet_title_and_a_bullet_body() -> None:
    text = "•\n•\n  •\n–\n"
    article = parse_seed_text(text, Path("a.txt"))
    assert (article.title, article.body, article.comments) == ("•", ["•\n•\n–"], [])
    assert_lossless(text, article)


def test_comments_before_any_body_keep_the_prose_after_them() -> None:
    text = "Title\n  1. first\n    • reply\n  2. second\n\nProse after the comments.\n"
    article = parse_seed_text(text, Path("a.txt"))
    assert article.body == []
    assert shape(article.comments) == [
        (0, ("first",)),
        (1, ("reply",)),
        (0, ("second", "Prose after the comments.")),
    ]
    assert_lossless(text, article)


def test_mixed_tabs_and_spaces_going_back_and_forth_nest_by_column() -> None:
    # Columns: 2, 8 (tab), 4, 10 (tab, 2 spaces), 8 (4 spaces, tab), 1.
    text = "T\n\n  1. a\n\t• b\n    • c\n\t  • d\n    \t• e\n 2. f\n"
    article = parse_seed_text(text, Path("a.txt"))
    assert shape(article.comments) == [
        (0, ("a",)),
        (1, ("b",)),
        (1, ("c",)),
        (2, ("d",)),
        (2, ("e",)),
        (0, ("f",)),
    ]
    assert len(iter_comments(article.comments)) == 6


# YAML: a wrong type at every field ------------------------------------------------------

STRING_KINDS = {"a list": ["x", "y"], "a mapping": {"k": "v"}}
LIST_KINDS = {"a string": "oops", "a number": 5, "a boolean": True, "a mapping": {"k": "v"}}
ARTICLE_LIST_FIELDS = {"comments"}
COMMENT_LIST_FIELDS = {"replies"}


def valid_comment() -> dict[str, object]:
    return {"author": "ann", "posted": "2017-03-25", "text": "Hello.", "replies": []}


def valid_article() -> dict[str, object]:
    values: dict[str, object] = {key: f"{key} value" for key in ARTICLE_KEYS}
    values["published"] = "2017-03-25"
    values["comments"] = [valid_comment()]
    return values


def wrong_types(fields: tuple[str, ...], list_fields: set[str]) -> list[tuple[str, str, object]]:
    """Every field with every kind of value it must refuse."""
    cases = []
    for field in fields:
        kinds = LIST_KINDS if field in list_fields else STRING_KINDS
        expected = "a list" if field in list_fields else "a string"
        cases += [
            (field, f"expected {expected}, got {kind}", value) for kind, value in kinds.items()
        ]
    return cases


def test_the_wrong_type_tables_cover_the_whole_schema() -> None:
    assert {field for field, _, _ in wrong_types(ARTICLE_KEYS, ARTICLE_LIST_FIELDS)} == set(
        ARTICLE_KEYS
    )
    assert {field for field, _, _ in wrong_types(COMMENT_KEYS, COMMENT_LIST_FIELDS)} == set(
        COMMENT_KEYS
    )
    parse_yaml(as_yaml(valid_article()), Path("a.yaml"))  # the baseline is valid


def as_yaml(document: dict[str, object]) -> str:
    """One line per key (JSON is YAML), so that line N holds the N-th key."""
    return "".join(f"{key}: {json.dumps(value)}\n" for key, value in document.items())


def error_of(document: dict[str, object]) -> LoadError:
    with pytest.raises(LoadError) as caught:
        parse_yaml(as_yaml(document), Path("a.yaml"))
    return caught.value


@pytest.mark.parametrize(
    ("field", "reason", "value"), wrong_types(ARTICLE_KEYS, ARTICLE_LIST_FIELDS)
)
def test_a_wrong_type_at_any_article_field_names_the_field_and_its_line(
    field: str, reason: str, value: object
) -> None:
    document = valid_article()
    document[field] = value
    error = error_of(document)
    assert error.reason == f"{field}: {reason}"
    assert error.line == list(document).index(field) + 1
    assert str(error).startswith(f"a.yaml:{error.line}: ")


@pytest.mark.parametrize(
    ("field", "reason", "value"), wrong_types(COMMENT_KEYS, COMMENT_LIST_FIELDS)
)
@pytest.mark.parametrize("place", ["comments[0]", "comments[0].replies[0]"])
def test_a_wrong_type_at_any_comment_field_names_its_place(
    field: str, reason: str, value: object, place: str
) -> None:
    comment = valid_comment()
    comment[field] = value
    document = valid_article()
    if place == "comments[0]":
        document["comments"] = [comment]
    else:
        document["comments"] = [{**valid_comment(), "replies": [comment]}]
    error = error_of(document)
    assert error.reason == f"{place}.{field}: {reason}"
    assert error.line is not None


@pytest.mark.parametrize("field", ["title", "body"])
def test_null_at_a_required_article_field_is_refused(field: str) -> None:
    document = valid_article()
    document[field] = None
    assert error_of(document).reason == f"{field}: expected a string, got null"


def test_null_comment_text_is_refused() -> None:
    document = valid_article()
    document["comments"] = [{**valid_comment(), "text": None}]
    assert error_of(document).reason == "comments[0].text: expected a string, got null"


@pytest.mark.parametrize("field", [f for f in ARTICLE_KEYS if f not in ("title", "body")])
def test_null_at_an_optional_article_field_loads(field: str) -> None:
    document = valid_article()
    document[field] = None
    article = parse_yaml(as_yaml(document), Path("a.yaml"))
    assert getattr(article, field) in (None, [])
