"""Subscriptions: feed URLs in the config's paths, an OPML file in paths or on
the command line standing for its feeds, `reader import-opml` printing the
lines to add (the config is never written), `reader export-opml`; and
`reader dump` / `reader` of feed, blog and forum URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.cli import main
from reader.config import load_config
from reader.config.opml import parse_opml
from reader.errors import LoadError
from tests.builders import write
from tests.feed_support import (
    ARTICLE_URL,
    BLOG,
    OPML,
    POST_URL,
    config_text,
    serve_feeds,
    serve_news_page,
    serve_wordpress,
)
from tests.test_cli import FakeApp, fake_app  # noqa: F401 - a fixture

FEED_URLS = [
    f"https://{BLOG}/feed/",
    "https://feeds.example/estuary.rdf",
    "https://feeds.example/harbour.atom",
]


def test_an_opml_file_lists_its_feeds_from_every_folder_once() -> None:
    feeds = parse_opml(OPML.encode(), Path("subs.opml"))
    assert [feed.url for feed in feeds] == FEED_URLS
    assert [feed.title for feed in feeds] == ["Tide Notes", "Estuary Log", "Harbour Works"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<opml><body><outline", "subs.opml:1: not an OPML file: unclosed token"),
        ("<rss version='2.0'/>", "subs.opml: not an OPML file: its root is <rss>, not <opml>"),
        (
            '<!DOCTYPE opml [<!ENTITY a "aaaa">]><opml>&a;</opml>',
            "subs.opml: not an OPML file: it declares entities",
        ),
    ],
)
def test_a_bad_opml_file_is_one_line_naming_it(text: str, reason: str) -> None:
    with pytest.raises(LoadError) as raised:
        parse_opml(text.encode(), Path("subs.opml"))
    assert str(raised.value).startswith(reason)


def test_an_opml_file_in_the_configs_paths_stands_for_its_feeds(tmp_path: Path) -> None:
    write(tmp_path / "subs.opml", OPML)
    config = load_config(
        write(tmp_path / "config.toml", 'paths = ["subs.opml", "https://blog.example/feed/"]\n')
    )
    assert config.problems == []
    # A feed listed twice is read once.
    assert list(config.paths) == FEED_URLS


def test_a_missing_opml_file_in_paths_is_a_problem_naming_it(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "config.toml", 'paths = ["gone.opml", "a.txt"]\n'))
    assert config.problems == [f"{tmp_path / 'gone.opml'}: no such file or directory"]
    assert config.paths == (tmp_path / "a.txt",)


def test_import_opml_prints_the_lines_to_add_and_leaves_the_config_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = write(tmp_path / "subs.opml", OPML)
    text = '# my settings\ntheme = "nord"\npaths = ["https://blog.example/feed/"]\n'
    config = write(tmp_path / "config.toml", text)
    assert main(["import-opml", str(opml), "--config", str(config)]) == 0
    out, err = capsys.readouterr()
    assert out == (
        '  "https://feeds.example/estuary.rdf",  # Estuary Log\n'
        '  "https://feeds.example/harbour.atom",  # Harbour Works\n'
    )
    assert err == (
        f"reader: add these 2 lines inside `paths = [...]` in {config} "
        "(reader does not write its config)\n"
    )
    assert config.read_text() == text


def test_import_opml_without_paths_prints_a_whole_setting_that_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = write(tmp_path / "subs.opml", OPML)
    config = write(tmp_path / "config.toml", 'theme = "nord"\n')
    assert main(["import-opml", str(opml), "--config", str(config)]) == 0
    out = capsys.readouterr().out
    pasted = write(tmp_path / "pasted.toml", out + 'theme = "nord"\n')
    assert list(load_config(pasted).paths) == FEED_URLS


def test_import_opml_of_a_bad_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path / "bad.opml", "<opml>")
    assert main(["import-opml", str(bad), "--config", str(tmp_path / "none.toml")]) == 2
    err = capsys.readouterr().err
    assert err.endswith(f"reader: {bad}:1: not an OPML file: no element found\n")


def test_export_opml_lists_the_configs_urls_and_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "subs.opml", OPML)
    config = write(tmp_path / "config.toml", 'paths = ["subs.opml", "notes"]\n')
    assert main(["export-opml", "--config", str(config)]) == 0
    exported = capsys.readouterr().out
    assert [feed.url for feed in parse_opml(exported.encode(), Path("out.opml"))] == FEED_URLS


# Feeds, blogs and pages on the command line -------------------------------------------------


@pytest.fixture
def config(httpserver: HTTPServer, tmp_path: Path) -> str:
    return str(write(tmp_path / "config.toml", config_text(httpserver, tmp_path / "cache")))


def test_dump_of_a_feed_url_prints_every_item(
    httpserver: HTTPServer, config: str, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_feeds(httpserver)
    assert main(["dump", f"https://{BLOG}/feed/", "--config", config, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    titles = [article["title"] for article in json.loads(out)]
    assert titles == ["Spring tides & neap tides", "A summary-only post"]


def test_dump_of_a_page_lists_its_feeds(
    httpserver: HTTPServer, config: str, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_news_page(httpserver)
    assert main(["dump", ARTICLE_URL, "--config", config, "--format", "json"]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["feeds"] == [
        "https://paper.example/feed.xml",
        "https://paper.example/nature.atom",
    ]
    assert article["url"] == ARTICLE_URL


def test_dump_of_a_blog_post_whose_api_is_off_warns_which_source_was_used(
    httpserver: HTTPServer, config: str, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_wordpress(httpserver, api="forbidden")
    assert main(["dump", POST_URL, "--config", config, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err.startswith(f"reader: warning: {POST_URL}: the WordPress REST API: ")
    assert json.loads(out)["comments_note"].startswith("comments from the post's comment feed")


def test_the_app_opens_the_feeds_of_an_opml_file_given_on_the_command_line(
    httpserver: HTTPServer,
    config: str,
    tmp_path: Path,
    fake_app: type[FakeApp],  # noqa: F811
) -> None:
    serve_feeds(httpserver)
    opml = write(tmp_path / "subs.opml", OPML)
    assert main(["--config", config, "--no-state", str(opml)]) == 0
    (app,) = fake_app.instances
    assert app.article_count == 6
    assert app.load_errors == []
