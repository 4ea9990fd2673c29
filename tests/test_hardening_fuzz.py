"""Hardening (issue 6): property tests that feed the loaders whatever comes.

Arbitrary bytes, arbitrary text, seed-text-like noise, YAML text dumped from random
nested data (shaped like the article schema or not, mutated or not) and raw text
made of YAML's punctuation go to `load_one` (through a real file), `parse_yaml`
and `parse_seed_text`. Whatever the input, the only exception allowed out is
`LoadError`, and its message is one line that starts with the file's path.

Hostile input (issue 23, `tests/hostile.py`): the JSON fixtures mutated (odd
types, huge and non-finite numbers, lone surrogates), the mailbox fixture with
raw bytes, long quoted headers and many URLs, paragraphs of thousands of links,
config bombs, and folders and Maildirs holding FIFOs, links to devices,
dangling links and loops. What loads must dump as UTF-8; no reason may show a
Python exception's words.

The number of examples per property is small by default so that CI stays fast,
and in CI (`CI=true`) the examples are the same every run. Run longer by hand
with, for example:

    READER_FUZZ_EXAMPLES=5000 pytest tests/test_hardening_fuzz.py

and see `tests/fuzz_long.py` for a long run that reports times and memory.
"""

from __future__ import annotations

import os
import re
import shutil
import string
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.config import load_config
from reader.errors import LoadError
from reader.formats.loader import load_articles
from reader.formats.seedtext import parse_seed_text, render_seed_text
from reader.formats.text.html import html_to_text
from reader.formats.text.markdown import markdown_to_text
from reader.formats.yaml.dump import dump_articles, dump_yaml
from reader.formats.yaml.schema import ARTICLE_KEYS, COMMENT_KEYS, parse_yaml
from reader.loading import Loading
from reader.model import Article
from reader.prepared import PreparedBatch
from tests.builders import load_one
from tests.hostile import (
    FIXTURES,
    config_bombs,
    entries,
    make_entry,
    many_links,
    mutated_json,
    mutated_mailbox,
)
from tests.strategies import articles, render_styles, seedish_texts

EXAMPLES = int(os.environ.get("READER_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # The same examples on every CI run: a failure there is one to reproduce.
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# A Python exception's name or words, which no reason may show.
PYTHON_WORDS = re.compile(
    r"[A-Z][a-z]+Error\b|object has no attribute|unhashable|Exceeds the limit"
)
YAML_PATH = Path("fuzz.yaml")
TXT_PATH = Path("fuzz.txt")

# Random data of the kinds YAML can hold ----------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.dates()
    | st.datetimes()
    | st.binary(max_size=8)
)
keys = st.sampled_from([*ARTICLE_KEYS, *COMMENT_KEYS, "extra"]) | st.text(max_size=6)
nested_data = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=6),
    max_leaves=40,
)
comment_values = st.recursive(
    st.fixed_dictionaries({"text": st.text(max_size=20)}),
    lambda children: st.dictionaries(
        st.sampled_from([*COMMENT_KEYS, "extra"]),
        nested_data | st.lists(children, max_size=3),
        max_size=5,
    ),
    max_leaves=20,
)
# Mostly the schema's keys with values of any type, so the builder's checks are reached.
article_like = st.dictionaries(
    st.sampled_from([*ARTICLE_KEYS, "extra"]),
    nested_data | st.lists(comment_values, max_size=4),
    max_size=len(ARTICLE_KEYS) + 1,
)
yaml_tokens = st.sampled_from(
    [
        *":-?[]{},&*!|>'\"%@`#~\\. \t\n\r",
        *["---", "...", "!!", "<<", "\ufeff", "\x85"],
        *string.ascii_letters[:8],
        *"0189",
        *["title", "body", "comments", "text", "replies"],
    ]
)
yaml_punctuation = st.lists(yaml_tokens, max_size=80).map("".join)


@st.composite
def dumped_yaml(draw: st.DrawFn) -> str:
    """YAML text of random data, in a random style, maybe mutated by a few edits."""
    data = draw(article_like | nested_data)
    text = yaml.safe_dump(
        data,
        default_flow_style=draw(st.sampled_from([False, True, None])),
        allow_unicode=draw(st.booleans()),
        explicit_start=draw(st.booleans()),
        width=draw(st.sampled_from([20, 80, 10_000])),
    )
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        insert = draw(st.sampled_from(["", ":", "- ", "\n", "  ", "[", "}", "&a ", "*a", "!x "]))
        text = text[:at] + insert + text[at + cut :]
    return text


@st.composite
def rendered_articles(draw: st.DrawFn) -> str:
    """An article as seed text or as YAML (through `reader dump`'s writer)."""
    article: Article = draw(articles())
    if draw(st.booleans()):
        return dump_yaml(article)
    return render_seed_text(article, **draw(render_styles))


any_text = st.text(max_size=300) | seedish_texts() | yaml_punctuation | dumped_yaml()


# The one property ---------------------------------------------------------------------


def assert_only_load_errors(load: Callable[[], Article], path: Path) -> None:
    """`load()` returns an article or raises a one-line LoadError naming `path`."""
    try:
        article = load()
    except LoadError as error:
        message = str(error)
        assert error.path == path
        assert message.startswith(f"{path}"), message
        assert "\n" not in message and "\r" not in message, message
        assert error.reason and "\n" not in error.reason
    else:
        assert isinstance(article, Article)
        assert isinstance(article.title, str) and article.title.strip()


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    # Module scope: hypothesis runs many examples per test function.
    with tempfile.TemporaryDirectory(prefix="reader-fuzz-") as directory:
        yield Path(directory)


@FUZZ
@given(text=any_text)
def test_parse_yaml_raises_nothing_but_load_error(text: str) -> None:
    assert_only_load_errors(lambda: parse_yaml(text, YAML_PATH, []), YAML_PATH)


@FUZZ
@given(text=dumped_yaml())
def test_yaml_dumped_from_random_data_raises_nothing_but_load_error(text: str) -> None:
    assert_only_load_errors(lambda: parse_yaml(text, YAML_PATH, []), YAML_PATH)


@FUZZ
@given(text=any_text)
def test_parse_seed_text_raises_nothing_but_load_error(text: str) -> None:
    assert_only_load_errors(lambda: parse_seed_text(text, TXT_PATH), TXT_PATH)


@FUZZ
@given(
    content=st.binary(max_size=300)
    | any_text.map(lambda text: text.encode("utf-8", "surrogatepass"))
    | rendered_articles().flatmap(
        lambda text: st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]).map(text.encode)
    ),
    suffix=st.sampled_from([".txt", ".yaml", ".yml", ".TXT"]),
)
def test_load_file_raises_nothing_but_load_error(
    scratch: Path, content: bytes, suffix: str
) -> None:
    path = scratch / f"fuzz{suffix}"
    path.write_bytes(content)
    assert_only_load_errors(lambda: load_one(path, []), path)


@settings(FUZZ, max_examples=max(1, EXAMPLES // 4))
@given(text=rendered_articles())
def test_well_formed_articles_always_load(text: str) -> None:
    """The generators above do reach the success path, not only the error paths."""
    if text.startswith("title:"):
        assert parse_yaml(text, YAML_PATH).title
    else:
        assert parse_seed_text(text, TXT_PATH).title


# Hostile input (issue 23): surrogates, odd types, long headers, link bombs, ...


def assert_dumpable(articles: list[Article]) -> None:
    """What loaded can be written, as YAML and JSON, in UTF-8 (lone surrogates
    made `reader dump` fail)."""
    for output in ("yaml", "json"):
        dump_articles(articles, output).encode("utf-8")


def assert_one_line_reasons(error: LoadError, path: Path) -> None:
    assert error.path == path
    assert "\n" not in str(error)
    assert not PYTHON_WORDS.search(error.reason), error.reason


@FUZZ
@given(text=mutated_json())
def test_mutated_json_loads_or_gives_a_reason_in_its_terms(scratch: Path, text: str) -> None:
    path = scratch / "fuzz.json"
    path.write_text(text, encoding="utf-8")
    warnings: list[str] = []
    try:
        articles = load_articles(path, warnings)
    except LoadError as error:
        assert_one_line_reasons(error, path)
    else:
        assert_dumpable(articles)


@FUZZ
@given(data=mutated_mailbox())
def test_mutated_mailboxes_load_what_they_can(scratch: Path, data: bytes) -> None:
    path = scratch / "fuzz.mbox"
    path.write_bytes(data)
    warnings: list[str] = []
    try:
        articles = load_articles(path, warnings)
    except LoadError as error:
        assert_one_line_reasons(error, path)
    else:
        assert_dumpable(articles)
    for warning in warnings:
        assert "\n" not in warning
        assert not PYTHON_WORDS.search(warning), warning


@settings(FUZZ, max_examples=max(1, EXAMPLES // 5))
@given(link_paragraph=many_links())
def test_paragraphs_of_many_links_keep_their_spans_in_their_text(
    link_paragraph: tuple[str, str],
) -> None:
    style, source = link_paragraph
    strings, blocks = markdown_to_text(source) if style == "markdown" else html_to_text(source)
    for words, block in zip(strings, blocks or (), strict=False):
        for span in block.spans:
            assert 0 <= span.start <= span.end <= len(words)


@FUZZ
@given(text=config_bombs)
def test_config_bombs_are_problems_never_errors(scratch: Path, text: str) -> None:
    path = scratch / "config.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    config = load_config(path)
    for problem in [*config.problems, *config.check_keys({"thread.toggle"})]:
        assert problem.startswith(str(path)) and "\n" not in problem


@settings(FUZZ, max_examples=max(1, EXAMPLES // 5))
@given(kinds=entries, maildir=st.booleans())
def test_folders_of_fifos_device_links_and_loops_load_without_hanging(
    kinds: list[str], maildir: bool
) -> None:
    """Never opened (a FIFO waits for ever, /dev/zero never ends): each such
    entry is passed over or named, and the good ones load."""
    with tempfile.TemporaryDirectory(prefix="reader-fuzz-") as directory:
        top = Path(directory) / "top"
        folder = top / "cur" if maildir else top
        folder.mkdir(parents=True)
        if maildir:
            shutil.copy(FIXTURES / "pond.maildir" / "new" / "1714900200.M3P1.host", folder)
        for number, kind in enumerate(kinds):
            make_entry(folder, f"{number}-{kind}.txt", kind)
        loading = Loading([top])
        loading.read_ahead()
        results = list(loading)
        for result in [*loading.problems, *results]:
            assert isinstance(result, LoadError | PreparedBatch)
        if maildir:
            assert any(isinstance(result, PreparedBatch) for result in results) or any(
                "1714900200" in str(problem) for problem in loading.problems
            )
