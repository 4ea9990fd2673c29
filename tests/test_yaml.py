"""The YAML article format: schema, error places, and hostile documents."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reader.errors import LoadError
from reader.formats.yaml import compose
from reader.formats.yaml.dump import dump_json, dump_yaml
from reader.formats.yaml.schema import parse_yaml
from reader.formats.yaml.textdata import split_paragraphs
from reader.model import Article
from tests.builders import chain_depth, reply_chain
from tests.work import calls_made

PATH = Path("a.yaml")

FULL = """\
title: After the Strikes
subtitle: A subtitle
byline: By Juan Cole | (Informed Comment)
author: Juan Cole
source: Informed Comment
published: 2017-03-25
url: https://example.com/a
body: |
  First paragraph,
  still the first.

  Second paragraph.
author_bio: Juan Cole teaches history.
comments:
  - author: ann
    posted: 2017-03-25T10:15:00
    text: Top one.
    replies:
      - author: bob
        posted: null
        text: |
          Reply one.

          Its second paragraph.
        replies: []
      - text: Reply two.
  - text: Top two.
"""


def parse(text: str, warnings: list[str] | None = None) -> Article:
    return parse_yaml(text, PATH, warnings)


def error_of(text: str) -> str:
    with pytest.raises(LoadError) as caught:
        parse(text)
    return str(caught.value)


def test_full_schema_is_read_into_the_model() -> None:
    article = parse(FULL)
    assert (article.title, article.subtitle, article.byline) == (
        "After the Strikes",
        "A subtitle",
        "By Juan Cole | (Informed Comment)",
    )
    assert (article.author, article.source, article.url) == (
        "Juan Cole",
        "Informed Comment",
        "https://example.com/a",
    )
    assert article.published == "2017-03-25"
    assert article.body == ["First paragraph,\nstill the first.", "Second paragraph."]
    assert article.author_bio == "Juan Cole teaches history."
    assert article.format == "yaml"
    assert article.path == PATH
    first, second = article.comments
    assert (first.author, first.posted, first.text) == ("ann", "2017-03-25T10:15:00", ("Top one.",))
    assert [reply.text for reply in first.replies] == [
        ("Reply one.", "Its second paragraph."),
        ("Reply two.",),
    ]
    assert first.replies[0].posted is None
    assert first.replies[1].author is None
    assert second.text == ("Top two.",) and second.replies == []


def test_paragraphs_split_on_any_run_of_blank_or_whitespace_lines() -> None:
    text = "one\nline two  \n\n\n   \t\n  two\n\nthree\n\n"
    assert split_paragraphs(text) == ["one\nline two", "two", "three"]
    assert split_paragraphs("") == []
    body = "title: t\nbody: \"a\\n \\n\\n\\nb\"\r\ncomments:\r\n- text: ''\r\n"
    article = parse(body)
    assert article.body == ["a", "b"]
    assert article.comments[0].text == ()


@pytest.mark.parametrize(
    ("document", "field", "expected"),
    [
        ("title: 1984\nbody: b\n", "title", "1984"),
        ("title: t\nbody: b\nsubtitle: yes\n", "subtitle", "yes"),
        ("title: t\nbody: b\nsubtitle: 3.50\n", "subtitle", "3.50"),
        ("title: t\nbody: b\nsubtitle: 'null'\n", "subtitle", "null"),
        ("title: t\nbody: b\nsubtitle: !!str null\n", "subtitle", "null"),
        ("title: t\nbody: b\nsubtitle: null\n", "subtitle", None),
        ("title: t\nbody: b\nsubtitle: ~\n", "subtitle", None),
        ("title: t\nbody: b\nsubtitle:\n", "subtitle", None),
        ("title: t\nbody: 42\n", "body", ["42"]),
    ],
)
def test_scalars_are_taken_as_written_and_null_is_none(
    document: str, field: str, expected: object
) -> None:
    assert getattr(parse(document), field) == expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2017-03-25", "2017-03-25"),
        ("2017-03-25T10:15:00+02:00", "2017-03-25T10:15:00+02:00"),
        ("'2017-03-25 10:15'", "2017-03-25 10:15"),
        # A YAML timestamp that datetime.fromisoformat cannot read is converted.
        ("2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43.100000-05:00"),
    ],
)
def test_published_dates_become_iso_text(published: str, expected: str) -> None:
    assert parse(f"title: t\nbody: b\npublished: {published}\n").published == expected


def test_published_must_be_an_iso_date() -> None:
    assert error_of("title: t\nbody: b\npublished: March 25, 2017\n") == (
        "a.yaml:3: published: expected an ISO date or date-time, got 'March 25, 2017'"
    )


def test_posted_is_free_text_but_yaml_timestamps_are_normalised() -> None:
    article = parse(
        "title: t\nbody: b\ncomments:\n- text: a\n  posted: March 25, 2017 at 3pm\n"
        "- text: b\n  posted: 2001-12-14 21:59:43.10 -5\n"
    )
    assert [comment.posted for comment in article.comments] == [
        "March 25, 2017 at 3pm",
        "2001-12-14T21:59:43.100000-05:00",
    ]


def test_syntax_error_reports_its_line() -> None:
    assert error_of("title: t\nbody: [unclosed\nurl: x\n") == (
        "a.yaml:3: YAML syntax error: did not find expected ',' or ']'"
        " (while parsing a flow sequence on line 2)"
    )
    assert error_of("title: t\n  body: b\n") == (
        "a.yaml:2: YAML syntax error: mapping values are not allowed in this context"
    )


def test_characters_yaml_forbids_are_reported_with_their_line() -> None:
    message = error_of("title: t\nbody: b\nurl: \x1b[31m\n")
    assert message.startswith("a.yaml:3: character #x001b is not allowed in YAML")


@pytest.mark.parametrize(
    "document",
    [
        "!!python/object/apply:os.system ['touch {marker}']\n",
        "title: !!python/object/apply:os.system ['touch {marker}']\nbody: b\n",
        "title: t\nbody: b\ncomments:\n- !!python/object/apply:os.system ['touch {marker}']\n",
        "title: t\nbody: !!python/name:os.system\n",
    ],
)
def test_python_tags_are_refused_not_executed(document: str, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    message = error_of(document.format(marker=marker))
    assert "tag '!!python/" in message and "is not allowed (plain YAML data only)" in message
    assert not marker.exists()


def test_custom_tags_are_refused() -> None:
    assert error_of("title: t\nbody: b\nsubtitle: !shout hello\n") == (
        "a.yaml:3: subtitle: tag '!shout' is not allowed (plain YAML data only)"
    )
    assert error_of("title: t\nbody: b\ncomments: !!set {a}\n") == (
        "a.yaml:3: comments: tag '!!set' is not allowed (plain YAML data only)"
    )


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            "title: t\nbody: b\ncomments:\n- text: a\n- text: b\n- text: c\n"
            "- text: d\n  replies:\n  - text: [x, y]\n",
            "a.yaml:9: comments[3].replies[0].text: expected a string, got a list",
        ),
        ("title: [t]\nbody: b\n", "a.yaml:1: title: expected a string, got a list"),
        ("title: null\nbody: b\n", "a.yaml:1: title: expected a string, got null"),
        ("title: '  '\nbody: b\n", "a.yaml:1: title: must not be empty"),
        ("body: b\n", "a.yaml:1: required key 'title' is missing"),
        ("title: t\n", "a.yaml:1: required key 'body' is missing"),
        ("title: t\nbody: {a: b}\n", "a.yaml:2: body: expected a string, got a mapping"),
        ("title: t\nbody: b\nurl: [x]\n", "a.yaml:3: url: expected a string, got a list"),
        ("title: t\nbody: b\ncomments: 5\n", "a.yaml:3: comments: expected a list, got a number"),
        ("title: t\nbody: b\ncomments: x\n", "a.yaml:3: comments: expected a list, got a string"),
        ("title: t\nbody: b\ncomments: {}\n", "a.yaml:3: comments: expected a list, got a mapping"),
        (
            "title: t\nbody: b\ncomments: [hi]\n",
            "a.yaml:3: comments[0]: expected a mapping, got a string",
        ),
        (
            "title: t\nbody: b\ncomments:\n- text: a\n  replies: true\n",
            "a.yaml:5: comments[0].replies: expected a list, got a boolean",
        ),
        (
            "title: t\nbody: b\ncomments:\n- author: x\n",
            "a.yaml:4: comments[0]: required key 'text' is missing",
        ),
        (
            "title: t\nbody: b\ncomments:\n- text: a\n  author: {name: x}\n",
            "a.yaml:5: comments[0].author: expected a string, got a mapping",
        ),
        (
            "title: t\nbody: b\ncomments:\n- text: a\n  posted: [2017]\n",
            "a.yaml:5: comments[0].posted: expected a string, got a list",
        ),
        ("title: t\nbody: b\ntitle: u\n", "a.yaml:3: duplicate key 'title'"),
        ("title: t\nbody: b\n[a]: b\n", "a.yaml:3: expected a key name, got a list"),
    ],
)
def test_schema_violations_name_the_exact_place(document: str, message: str) -> None:
    assert error_of(document) == message


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("- title: t\n", "a.yaml:1: top level: expected a mapping, got a list"),
        ("just words\n", "a.yaml:1: top level: expected a mapping, got a string"),
        ("42\n", "a.yaml:1: top level: expected a mapping, got a number"),
        ("---\n...\n", "a.yaml:2: top level: expected a mapping, got null"),
        ("# only a comment\n", "a.yaml: no YAML document in the file"),
        ("   \n\n", "a.yaml: empty file"),
        (
            "title: a\nbody: b\n---\ntitle: c\nbody: d\n",
            "a.yaml:3: more than one YAML document (one article per file)",
        ),
    ],
)
def test_top_level_must_be_one_mapping(document: str, message: str) -> None:
    assert error_of(document) == message


def test_unknown_keys_warn_and_the_article_still_loads() -> None:
    warnings: list[str] = []
    article = parse(
        "title: t\nbody: b\ntags: [a, b]\ncomments:\n- text: a\n- text: b\n- text: c\n  foo: 1\n",
        warnings,
    )
    assert len(article.comments) == 3
    assert warnings == [
        "a.yaml:3: unknown key 'tags' ignored",
        "a.yaml:8: comments[2]: unknown key 'foo' ignored",
    ]
    # Without a list to collect them, warnings are simply dropped.
    assert parse("title: t\nbody: b\nfoo: 1\n").title == "t"


@pytest.mark.parametrize(
    "document",
    [
        "title: t\nbody: b\n",
        "title: t\nbody: b\ncomments:\n",
        "title: t\nbody: b\ncomments: null\n",
        "title: t\nbody: b\ncomments: []\n",
    ],
)
def test_missing_or_null_comments_mean_none(document: str) -> None:
    assert parse(document).comments == []


def test_null_replies_mean_none() -> None:
    article = parse(
        "title: t\nbody: b\ncomments:\n- text: a\n  replies: null\n- text: b\n  replies:\n"
    )
    assert [comment.replies for comment in article.comments] == [[], []]


def test_empty_comment_text_is_allowed() -> None:
    assert parse("title: t\nbody: b\ncomments:\n- text: ''\n").comments[0].text == ()


def test_scalar_and_subtree_aliases_are_expanded() -> None:
    article = parse(
        "title: t\nbody: b\nauthor: &me Ann\ncomments:\n- &c {author: *me, text: hi}\n- *c\n"
    )
    assert [(comment.author, comment.text) for comment in article.comments] == [
        ("Ann", ("hi",)),
        ("Ann", ("hi",)),
    ]
    # Each occurrence is its own comment object: the store links them to parents.
    assert article.comments[0] is not article.comments[1]


def alias_bomb(levels: int) -> str:
    """A document whose comments expand to 10**levels copies of one mapping."""
    lines = ["x0: &a0 {text: lol}"]
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"x{level}: &a{level} {{text: lol, replies: [{refs}]}}")
    return "title: t\nbody: b\n" + "\n".join(lines) + f"\ncomments: [*a{levels}]\n"


def test_alias_bomb_fails_fast() -> None:
    """Refused before it expands: a bomb of 10**11 copies takes no more work than
    one of a million."""
    message, calls = calls_made(error_of, alias_bomb(11))
    assert message.endswith("too many aliases (possible alias bomb)")
    assert calls <= calls_made(error_of, alias_bomb(6))[1]


def test_self_referencing_alias_is_refused() -> None:
    assert error_of("title: t\nbody: b\ncomments: &c [{text: x, replies: *c}]\n") == (
        "a.yaml:3: alias *c refers to its own ancestor"
    )


def test_undefined_alias_is_reported() -> None:
    assert (
        error_of("title: t\nbody: *nowhere\n") == "a.yaml:2: alias *nowhere has no anchor before it"
    )


@pytest.mark.parametrize("depth", [3_000, 10_000])
def test_deep_reply_chains_load(depth: int) -> None:
    article = parse(dump_yaml(reply_chain(depth)))
    assert chain_depth(article) == depth
    assert dump_json(article) == dump_json(reply_chain(depth))


def test_deep_flow_nesting_does_not_crash() -> None:
    # libyaml's own composer recurses in C and crashes the process on this.
    depth = 30_000
    message = error_of("title: t\nbody: b\ncomments: " + "[" * depth + "]" * depth + "\n")
    assert message == "a.yaml:3: comments[0]: expected a mapping, got a list"


@pytest.mark.parametrize("depth", [compose.C_NESTING_LIMIT // 2 - 2, compose.C_NESTING_LIMIT])
def test_chains_either_side_of_libyamls_nesting_limit_load_alike(depth: int) -> None:
    # Two open collections a reply level: the first depth stays under libyaml's
    # limit, the second crosses it and is read again by the pure-Python parser.
    text = dump_yaml(reply_chain(depth))
    assert dump_json(parse(text)) == dump_json(reply_chain(depth))


def test_a_syntax_error_past_libyamls_nesting_limit_keeps_its_line() -> None:
    depth = compose.C_NESTING_LIMIT
    text = "title: t\nbody: b\ncomments: " + "[" * depth + "]" * (depth - 1) + "\n}\n"
    assert error_of(text).startswith("a.yaml:4: YAML syntax error: ")


@pytest.mark.parametrize(
    "text",
    [
        "title: t\nbody: b\n",
        "a: [[[[{b: c, d: [e, {f: g}]}]]]]\n",
        "- [a, b]: c\n- {? [x]: y}\n",
        "a: " + "[" * 2_000 + "]" * 2_000 + "\n",
        "key: {a: b}\n" + "x" * 1_100 + ": y\n",
        "a: b\nc\nd: e\n",
        "a: [b, c\n",
    ],
)
def test_the_linear_pure_python_parser_gives_pyyamls_events_and_errors(text: str) -> None:
    def events(loader_type: type) -> list[object]:
        loader = loader_type(text)
        seen: list[object] = []
        try:
            while loader.check_event():
                event = loader.get_event()
                seen.append((type(event).__name__, getattr(event, "value", None)))
        except yaml.YAMLError as error:
            seen.append(str(error))
        return seen

    assert events(compose.PurePythonLoader) == events(yaml.SafeLoader)


def test_nesting_beyond_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compose, "MAX_NESTING", 12)
    monkeypatch.setattr(compose, "MAX_REPLY_DEPTH", 5)
    assert error_of(dump_yaml(reply_chain(6))) == "a.yaml:51: nested more than 5 reply levels deep"
    assert chain_depth(parse(dump_yaml(reply_chain(5)))) == 5


def test_errors_deep_in_a_thread_keep_both_ends_of_the_place() -> None:
    depth = 50
    thread = "[{text: a, replies: " * (depth - 1) + "[{text: [oops]}]" + "}]" * (depth - 1)
    assert error_of(f"title: t\nbody: b\ncomments: {thread}\n") == (
        "a.yaml:3: comments[0].replies[0].replies[0].replies[0].…"
        ".replies[0].replies[0].replies[0].replies[0].text: expected a string, got a list"
    )


def test_pure_python_parser_gives_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compose, "LIBYAML_LOADER", yaml.SafeLoader)
    assert parse(FULL).comments[0].replies[0].text == ("Reply one.", "Its second paragraph.")
    assert chain_depth(parse(dump_yaml(reply_chain(300)))) == 300
    assert error_of("title: t\n  body: b\n") == (
        "a.yaml:2: YAML syntax error: mapping values are not allowed here"
    )
    assert error_of("title: t\nbody: b\nurl: \x1b\n").startswith(
        "a.yaml:3: character #x001b is not allowed in YAML"
    )
