"""One registry of formats: detection by content, discovery, messages, and
the YAML/JSON dump read back as a format of its own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.errors import LoadError
from reader.formats.jsondoc import decode_iteratively, encode_iteratively, encode_json, parse_json
from reader.formats.loader import load_articles
from reader.formats.registry import FORMATS, SUFFIXES, suffix_list
from reader.formats.text.html import html_to_text
from reader.formats.text.markdown import markdown_to_text
from reader.formats.yaml.schema import parse_yaml
from reader.formats.yaml.textdata import split_paragraphs
from reader.model import Article, Comment
from reader.text import CODE
from tests.builders import discover, write
from tests.formats_support import assert_round_trips, fixture


@pytest.mark.parametrize(
    ("name", "format_name"),
    [
        ("hn_algolia.json", "hn"),
        ("hn_pwa.json", "hn"),
        ("hn_firebase.json", "hn"),
        ("reddit.json", "reddit"),
        ("garden.mbox", "mail"),
    ],
)
def test_formats_are_detected_by_content_whatever_the_name(
    name: str, format_name: str, tmp_path: Path
) -> None:
    renamed = tmp_path / "saved-thread"  # no suffix at all
    shutil.copy(fixture(name), renamed)
    assert discover([renamed]) == ([renamed], [])
    assert {article.format for article in load_articles(renamed)} == {format_name}


def test_malformed_json_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", '{\n  "id": 1,\n  "title" "x"\n}\n')
    with pytest.raises(LoadError) as raised:
        load_articles(path)
    assert raised.value.line == 3
    assert str(raised.value) == f"{path}:3: malformed JSON at column 11: Expecting ':' delimiter"


def test_json_of_no_known_shape_says_which_shapes_were_expected(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", '{"hello": "world"}')
    with pytest.raises(LoadError) as raised:
        load_articles(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: JSON of an unknown shape; expected one of: ")
    for entry in FORMATS:
        assert (entry.label in message) == entry.is_json


def test_discovery_takes_every_registered_suffix_and_maildirs_whole(tmp_path: Path) -> None:
    for name in ("a.json", "b.mbox", "c.jsonl", "d.txt"):
        source = "hn_algolia.json" if "json" in name else "garden.mbox"
        shutil.copy(fixture(source), tmp_path / name)
    shutil.copytree(fixture("pond.maildir"), tmp_path / "e-maildir")
    files, errors = discover([tmp_path])
    assert errors == []
    assert [path.name for path in files] == ["a.json", "b.mbox", "c.jsonl", "d.txt", "e-maildir"]
    assert set(SUFFIXES) == {
        *(".txt", ".yaml", ".yml", ".json", ".jsonl", ".mbox", ".mbx"),
        *(".xml", ".rss", ".atom"),
    }


def test_messages_about_formats_come_from_the_registry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert suffix_list() == ".txt, .yaml, .yml, .xml, .rss, .atom, .json, .jsonl, .mbox or .mbx"
    assert main(["--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert suffix_list() in help_text
    for entry in FORMATS:
        assert entry.label in help_text


def test_dump_of_a_mailbox_is_a_yaml_stream_or_a_json_array(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["dump", str(fixture("garden.mbox"))]) == 0
    stream = capsys.readouterr().out
    assert stream.count("\n---\n") + stream.startswith("---\n") == 3
    assert main(["dump", "--format", "json", str(fixture("garden.mbox"))]) == 0
    array = capsys.readouterr().out
    assert array.startswith("[\n{")
    for text, name in ((stream, "s.yaml"), (array, "a.json")):
        titles = [a.title for a in load_articles(write(tmp_path / name, text))]
        assert titles == [
            "Tomato blight this year",
            "Seed swap 🌱 in June — bring labels",
            "Compost bins",
        ]


# YAML -----------------------------------------------------------------------------


def test_yaml_text_format_markdown_applies_to_body_and_comments() -> None:
    article = parse_yaml(
        "title: t\ntext_format: markdown\nbody: |\n  *hi*\n\n      code\n"
        "comments:\n- text: '> quoted'\n",
        Path("a.yaml"),
    )
    assert article.body == ["hi", "code"]
    assert article.body_blocks is not None and article.body_blocks[1].kind == CODE
    assert article.comments[0].blocks is not None
    assert article.comments[0].blocks[0].kind == "quote"


def test_yaml_unknown_text_format_is_an_error() -> None:
    with pytest.raises(LoadError, match="text_format: expected plain or markdown"):
        parse_yaml("title: t\ntext_format: rst\nbody: b\n", Path("a.yaml"))


def test_split_paragraphs_keeps_indentation_alike_on_every_line() -> None:
    # It used to strip the first line only: `code` lost its indent, `more` kept it.
    assert split_paragraphs("Intro.\n\n    code\n      more\n") == ["Intro.", "code\n  more"]
    assert split_paragraphs("  x\ny") == ["  x\ny"]


# One builder for every converter ----------------------------------------------------


def test_html_and_markdown_follow_the_same_link_rules() -> None:
    html = (
        '<a href="https://a.example/x">https://a.example/x</a> <a href="https://b.example/">b</a>'
    )
    markdown = "<https://a.example/x> [b](https://b.example/)"
    assert html_to_text(html) == markdown_to_text(markdown)


# Dump round trips, whatever the text ---------------------------------------------------

_MARKDOWN = st.lists(
    st.sampled_from(
        [
            "word",
            " ",
            "\n",
            "\n\n",
            "> ",
            ">> ",
            "- ",
            "1. ",
            "*",
            "**",
            "`",
            "    ",
            "```\n",
            "[a](https://a.example/)",
            "<https://b.example/>",
            "# ",
            "---\n",
            "\t",
            "é",
            "&amp;",
        ]
    ),
    max_size=16,
).map("".join)
_PLAIN = st.lists(st.text(alphabet=" \tab\n>", max_size=12), max_size=4)


@settings(max_examples=150, deadline=None)
@given(body=_MARKDOWN, reply=_MARKDOWN, plain=_PLAIN)
def test_any_text_survives_dump_and_load(
    body: str, reply: str, plain: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    body_text, body_blocks = markdown_to_text(body)
    reply_text, reply_blocks = markdown_to_text(reply)
    article = Article(
        title="t",
        body=body_text,
        body_blocks=body_blocks,
        comments=[
            Comment(
                text=plain,
                source_id="1",
                status="dead",
                score=-2,
                is_op=True,
                replies=[
                    Comment(
                        text=reply_text,
                        blocks=reply_blocks,
                        more=0,
                        status="more",
                        edited="2024-01-01T00:00:00+00:00",
                    )
                ],
            )
        ],
    )
    assert_round_trips([article], tmp_path_factory.mktemp("dump"))


# JSON of any depth ------------------------------------------------------------------

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES, st.sampled_from([None, 0, 2]), st.data())
def test_iterative_json_decoder_agrees_with_json_loads(
    value: object, indent: int | None, data: st.DataObject
) -> None:
    text = json.dumps(value, indent=indent)
    assert decode_iteratively(text) == json.loads(text)
    # Damaged text: refused too (the message may differ between Python versions).
    cut = data.draw(st.integers(0, len(text)))
    damage = data.draw(st.sampled_from(["", ",", "}", "]", ":", "x", '"']))
    damaged = text[:cut] + damage + text[cut + 1 :]
    try:
        expected = json.loads(damaged)
    except json.JSONDecodeError:
        with pytest.raises(json.JSONDecodeError):
            decode_iteratively(damaged)
    else:
        assert decode_iteratively(damaged) == expected


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES)
def test_iterative_json_encoder_writes_what_json_dumps_writes(value: object) -> None:
    compact = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert encode_iteratively(value) == compact
    assert encode_json(value) == compact.encode()


def test_json_deeper_than_the_encoder_recurses_is_written_iteratively() -> None:
    depth = 50_000
    deep: list[object] = []
    inner = deep
    for _ in range(depth - 1):
        inner.append({"children": (inner := [])})
    with pytest.raises(RecursionError):
        json.dumps(deep)
    text = encode_json(deep).decode()
    assert text == "[" + '{"children":[' * (depth - 1) + "]" + "}]" * (depth - 1)


def test_json_deeper_than_the_decoder_recurses_loads_iteratively(tmp_path: Path) -> None:
    depth = 50_000
    path = write(tmp_path / "deep.json", "[" * depth + "]" * depth)
    with pytest.raises(RecursionError):
        json.loads(path.read_text())
    (data,) = [parse_json(path.read_text(), path)]
    levels = 0
    while data:
        data, levels = data[0], levels + 1
    assert levels == depth - 1
