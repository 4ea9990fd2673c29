"""The main text of a page, and the measure that chose the library: on the
public article-extraction benchmark's real pages (when a copy is at hand:
`READER_EXTRACTION_DATA`, see tests/bench_extraction.py), reader's
extraction must reach F1 0.95."""

from __future__ import annotations

import pytest

from reader.web.extract import extract
from tests.bench_extraction import data_folder, load_pages, score, shown_text
from tests.feed_support import ARTICLE_URL, CURLEW_TEXT, article_page, news_page

F1_TARGET = 0.95


def test_a_page_gives_its_main_text_and_what_it_says_about_it() -> None:
    found = extract(news_page(), ARTICLE_URL)
    assert shown_text(found.html).split("\n")[1:] == CURLEW_TEXT
    assert (found.title, found.author, found.published, found.site, found.url) == (
        "Curlews return to the estuary",
        "Mara Fenn",
        "2024-06-02",
        "The Estuary Paper",
        ARTICLE_URL,
    )


def test_links_in_the_text_are_kept() -> None:
    paragraphs = [*CURLEW_TEXT[:2], f'{CURLEW_TEXT[2]} <a href="/wardens/">The wardens</a>.']
    found = extract(article_page("Curlews", "Mara Fenn", "Paper", paragraphs), ARTICLE_URL)
    # Resolved against the page's URL.
    assert '<a href="https://paper.example/wardens/">The wardens</a>' in found.html


def test_a_page_without_text_gives_none() -> None:
    assert extract("<html><head><title>x</title></head><body></body></html>").html == ""


def test_the_measure_scores_what_is_shown() -> None:
    # Link numbers and the list of links are not the article's words.
    assert shown_text('<p>See <a href="https://x.example/">the map</a>.</p>') == "See the map."


@pytest.mark.skipif(data_folder() is None, reason="no copy of the extraction benchmark's pages")
def test_extraction_reaches_f1_095_on_the_benchmarks_real_pages() -> None:
    folder = data_folder()
    assert folder is not None
    result = score("reader (trafilatura → blocks)", load_pages(folder))
    assert result.pages == 181
    assert result.f1 >= F1_TARGET
