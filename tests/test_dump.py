"""Writing articles as YAML and JSON: schema, quoting, depth, and round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.formats.seedtext import parse_seed_text, render_seed_text
from reader.formats.yaml import dump as dump_module
from reader.formats.yaml.dump import PRETTY_DEPTH, article_to_dict, dump_json, dump_yaml
from reader.formats.yaml.schema import ARTICLE_KEYS, COMMENT_KEYS, parse_yaml
from reader.model import Article, Comment
from tests.builders import chain_depth, load_one, reply_chain, write
from tests.seeds import FIRST_SEED_FILE
from tests.strategies import articles


def sample() -> Article:
    return Article(
        title="T",
        subtitle="S",
        published="2017-03-25",
        body=["One\nline two.", "Two."],
        author_bio="Bio.\n\nMore bio.",
        comments=[
            Comment(
                author="ann",
                posted="2017-03-25T10:00:00",
                text=["Hi."],
                replies=[Comment(text=["A", "B"]), Comment(text=[])],
            ),
            Comment(text=["Bye."]),
        ],
    )


def reparse(text: str) -> Article:
    return parse_yaml(text, Path("a.yaml"))


def test_article_to_dict_has_exactly_the_schema_keys_in_order() -> None:
    data = article_to_dict(sample())
    assert tuple(data) == ARTICLE_KEYS
    assert data["body"] == "One\nline two.\n\nTwo."
    assert data["author_bio"] == "Bio.\n\nMore bio."
    first = data["comments"][0]
    assert tuple(first) == COMMENT_KEYS
    assert first["text"] == "Hi."
    assert [reply["text"] for reply in first["replies"]] == ["A\n\nB", ""]
    assert data["comments"][1]["replies"] == []


def test_dump_yaml_is_readable_block_yaml() -> None:
    text = dump_yaml(sample())
    assert text.startswith("title: T\nsubtitle: S\nbyline: null\n")
    # Multi-paragraph text is a literal block; dates are quoted to stay strings.
    assert "body: |-\n  One\n  line two.\n\n  Two.\n" in text
    assert "published: '2017-03-25'\n" in text
    assert yaml.safe_load(text) == article_to_dict(sample())


def test_dump_json_matches_json_dumps_layout_for_ordinary_threads() -> None:
    article = parse_seed_text(FIRST_SEED_FILE.read_text(), Path("s.txt"))
    expected = json.dumps(article_to_dict(article), indent=2, ensure_ascii=False) + "\n"
    assert dump_json(article) == expected


def test_output_is_deterministic() -> None:
    assert dump_yaml(sample()) == dump_yaml(sample())
    assert dump_json(sample()) == dump_json(sample())


@pytest.mark.parametrize(
    "value",
    [
        "null", "Null", "~", "", "yes", "no", "on", "true", "1984", "3.50", "1e3", "0x1F",
        ".inf", "2017-03-25", "2017-03-25 10:00", ": ", "a: b", "- item", "# hash", "key:",
        "[list]", "{map}", "*alias", "&anchor", "!tag", "|", ">", "@at", "`tick", "%pct",
        "'single'", '"double"', " leading", "trailing ", "\ttab", "<<", "=",
        "multi\nline", "\n", "trailing newline\n", "\x1b[31m red", "del \x7f", "nel \x85 x",
        "ls \u2028 ps \u2029", "cr \r lf", "bom \ufeff", "中文 “quotes” — dash", "emoji 🎉",
    ],
)  # fmt: skip
def test_tricky_strings_round_trip(value: str) -> None:
    article = Article(title="T", subtitle=value, author=value, body=["b"])
    article.comments = [Comment(author=value, posted=value, text=["t"])]
    back = reparse(dump_yaml(article))
    assert (back.subtitle, back.author) == (value, value)
    assert (back.comments[0].author, back.comments[0].posted) == (value, value)
    assert json.loads(dump_json(article)) == article_to_dict(article)


def test_none_stays_none() -> None:
    back = reparse(dump_yaml(Article(title="T", body=[], comments=[Comment(text=["x"])])))
    assert back.subtitle is None and back.published is None and back.body == []
    assert back.comments[0].author is None and back.comments[0].posted is None


@pytest.mark.parametrize("depth", [3_000, 10_000])
def test_deep_chains_dump_in_both_formats_at_linear_size(depth: int) -> None:
    article = reply_chain(depth)
    as_yaml, as_json = dump_yaml(article), dump_json(article)
    # Indenting every level would take 4 * depth**2 characters.
    assert len(as_yaml) < 100 * depth and len(as_json) < 100 * depth
    # JSON is YAML too, so the YAML reader checks it without recursion (json.loads
    # recurses); test_yaml reads the 10,000-deep YAML, once is enough here.
    for text in (as_yaml, as_json) if depth < 10_000 else (as_json,):
        assert dump_json(reparse(text)) == as_json


def test_a_50000_deep_thread_round_trips_through_dump_in_yaml_and_json(tmp_path: Path) -> None:
    # Past libyaml's nesting limit (1,000 in PyYAML 6.0.4) the YAML is read by the
    # pure-Python parser; the files go through the loader, as `reader dump d.yaml` reads them.
    article = reply_chain(50_000)
    as_json = dump_json(article)
    from_yaml = load_one(write(tmp_path / "d.yaml", dump_yaml(article)))
    from_json = load_one(write(tmp_path / "d.json", as_json))
    assert chain_depth(from_yaml) == chain_depth(from_json) == 50_000
    assert dump_json(from_yaml) == dump_json(from_json) == as_json


def test_threads_beyond_pretty_depth_go_on_one_line() -> None:
    levels = PRETTY_DEPTH // 2 + 3
    as_yaml = dump_yaml(reply_chain(levels))
    deepest = max(as_yaml.splitlines(), key=len)
    assert f"author: user{levels - 1}" in deepest
    assert 'text: "Reply' in deepest  # double quotes, no literal blocks in flow style
    assert dump_json(reparse(as_yaml)) == dump_json(reply_chain(levels))
    as_json = dump_json(reply_chain(levels))
    assert json.loads(as_json) == article_to_dict(reply_chain(levels))


def test_python_emitter_writes_the_same_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output does not depend on whether PyYAML was built with libyaml."""
    text = dump_yaml(reply_chain(PRETTY_DEPTH))
    monkeypatch.setattr(dump_module, "LIBYAML_DUMPER", yaml.SafeDumper)
    assert dump_yaml(reply_chain(PRETTY_DEPTH)) == text


@settings(max_examples=100, deadline=None)
@given(articles())
def test_seed_text_round_trips_through_yaml_and_json(article: Article) -> None:
    """txt → parse → dump_yaml → parse_yaml keeps everything; JSON says the same."""
    parsed = parse_seed_text(render_seed_text(article), Path("a.txt"))
    expected = article_to_dict(parsed)
    assert article_to_dict(reparse(dump_yaml(parsed))) == expected
    assert json.loads(dump_json(parsed)) == expected


optional_text = st.none() | st.text(max_size=20)


@settings(max_examples=100, deadline=None)
@given(articles(), optional_text, optional_text, st.lists(st.tuples(optional_text, optional_text)))
def test_every_field_round_trips(
    article: Article,
    url: str | None,
    source: str | None,
    comment_fields: list[tuple[str | None, str | None]],
) -> None:
    """Fields the seed text cannot hold (`url`, comment authors) and any characters."""
    article.url, article.source = url, source
    for comment, (author, posted) in zip(article.comments, comment_fields, strict=False):
        comment.author, comment.posted = author, posted
    expected = article_to_dict(article)
    assert article_to_dict(reparse(dump_yaml(article))) == expected
    assert json.loads(dump_json(article)) == expected
