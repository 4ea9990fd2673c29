"""Feeds as files: RSS 1.0, RSS 2.0 with `content:encoded`, Atom, told by
content under any name; each item an article; feed HTML as reader's blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import LoadError
from reader.formats.feed.items import feed_comments
from reader.formats.loader import find_files, load_articles
from reader.formats.yaml.dump import dump_articles
from reader.formats.yaml.schema import parse_yaml_documents
from reader.text import CODE, HEADING, ITEM, LINKS, QUOTE, links_of
from tests.builders import write
from tests.feed_support import ATOM, COMMENT_FEED, RSS1, RSS2


def kinds(article: object) -> list[str]:
    blocks = article.body_blocks  # type: ignore[attr-defined]
    return [block.kind for block in blocks] if blocks else []


def test_an_rss2_feed_is_a_list_of_articles_with_the_full_text_of_content_encoded(
    tmp_path: Path,
) -> None:
    first, _ = load_articles(write(tmp_path / "tides.rss", RSS2))
    assert (first.title, first.author, first.source) == (
        "Spring tides & neap tides",
        "Wren Ash",
        "Tide Notes",
    )
    # 12:00 at +02:00, kept as UTC.
    assert first.published == "2024-06-01T10:00:00+00:00"
    assert first.url == "https://blog.example/2024/06/spring-tides/"
    assert first.source_id == "https://blog.example/?p=41"
    assert first.comment_count == 4
    # content:encoded, not the description: the whole text.
    assert (
        first.body[0]
        == "The range of the tide changes through the month, as the sun and moon align [1]."
    )
    assert not first.partial
    assert kinds(first) == ["p", "p", QUOTE, CODE, ITEM, ITEM, HEADING, LINKS]
    assert first.body[3] == "range = high - low\n  in metres"
    # The image is its alt text, a link to the picture; the script is gone.
    assert first.body[1] == "[image: Tidal range over a month] [2]"
    assert links_of(first.body_blocks) == [
        "https://blog.example/glossary/syzygy/",
        "https://blog.example/img/range.png",
    ]
    assert not any("track" in text for text in first.body)


def test_an_item_with_only_a_summary_is_marked_partial(tmp_path: Path) -> None:
    _, second = load_articles(write(tmp_path / "tides.rss", RSS2))
    assert second.body == ["How a float gauge works, in brief."]
    assert second.partial


def test_an_rss1_feed_reads_dublin_core_authors_and_dates(tmp_path: Path) -> None:
    articles = load_articles(write(tmp_path / "estuary.rdf.xml", RSS1))
    assert [a.title for a in articles] == ["Curlews at low water", "Fog"]
    assert articles[0].author == "Mara Fenn"
    assert articles[0].published == "2024-06-03T05:15:00+00:00"
    assert articles[0].source == "Estuary Log"
    assert articles[0].partial  # RSS 1.0 has descriptions only


def test_an_atom_feed_prefers_content_to_summary_and_takes_the_feeds_author(
    tmp_path: Path,
) -> None:
    dredging, fees = load_articles(write(tmp_path / "harbour.atom", ATOM))
    # An HTML title's markup is dropped.
    assert dredging.title == "Dredging starts Monday"
    assert dredging.author == "Ines Quay"
    assert dredging.published == "2024-06-04T09:00:00+00:00"
    assert dredging.body == [
        "The channel will be dredged from Monday.",
        "north berth",
        "south berth",
    ]
    assert [b.marker for b in dredging.body_blocks or ()][1:] == ["1.", "2."]
    assert not dredging.partial
    # No author of its own: the feed's; no published time: the updated one.
    assert (fees.author, fees.published) == ("Harbour Office", "2024-06-01T09:00:00+00:00")
    assert fees.partial


@pytest.mark.parametrize("name", ["feed", "feed.txt.bak", "index.html"])
def test_a_feed_is_told_by_its_content_whatever_its_name(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, ATOM)
    assert list(find_files([path])) == [path]
    assert len(load_articles(path)) == 2


def test_feed_suffixes_are_found_in_a_folder(tmp_path: Path) -> None:
    for name, text in (("a.xml", RSS1), ("b.rss", RSS2), ("c.atom", ATOM)):
        write(tmp_path / name, text)
    assert [path.name for path in find_files([tmp_path])] == ["a.xml", "b.rss", "c.atom"]


def test_xml_that_is_not_a_feed_says_so_in_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.xml", "<?xml version='1.0'?><notes><note>hi</note></notes>")
    with pytest.raises(LoadError) as raised:
        load_articles(path)
    assert raised.value.name == str(path)
    assert "not a" in raised.value.reason


def test_a_broken_feed_is_one_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.rss", "<rss version='2.0'><channel><title>")
    with pytest.raises(LoadError) as raised:
        load_articles(path)
    assert raised.value.name == str(path)
    assert raised.value.reason.startswith("not a feed")


def test_a_feed_dumped_reads_back_the_same(tmp_path: Path) -> None:
    articles = load_articles(write(tmp_path / "tides.rss", RSS2))
    text = dump_articles(articles, "yaml")
    again = parse_yaml_documents(text, tmp_path / "dump.yaml")
    assert [(a.title, a.body, a.body_blocks, a.partial) for a in again] == [
        (a.title, a.body, a.body_blocks, a.partial) for a in articles
    ]
    assert "partial: true" in text


def test_a_comment_feed_gives_flat_comments_oldest_first() -> None:
    comments = feed_comments(COMMENT_FEED.encode())
    assert [(c.author, c.posted, c.text) for c in comments] == [
        ("Tom Reed", "2024-06-01T13:00:00+00:00", ("Clear, thank you.",)),
        ("Pia Strand", "2024-06-02T09:00:00+00:00", ("And the equinoxes?",)),
    ]
    assert all(not c.replies for c in comments)
