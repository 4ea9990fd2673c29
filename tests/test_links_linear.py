"""Issue 23 §7: links cost linear time in one paragraph. The builder re-joined
the whole paragraph at every link's end (and again to drop a link's text),
so a Reddit comment of 20,000 `[a](http://x)` took 13.4 s and 40,000 took
63 s; an HN comment of 20,000 `<a>` 11.3 s. The characters the builder joins
are counted here (the time is in tests/bench.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reader.formats.text import build
from reader.formats.text.html import html_to_text
from reader.formats.text.markdown import markdown_to_text
from reader.text import LINK

COUNT = 4_000


def markdown_links(count: int) -> str:
    return " ".join(f"[word{number}](http://example.org/{number})" for number in range(count))


def html_links(count: int) -> str:
    return " ".join(f'<a href="http://example.org/{n}">word{n}</a>' for n in range(count))


def html_url_links(count: int) -> str:
    """Links whose text is their URL: each link's text is dropped for the URL."""
    return " ".join(
        f'<a href="http://example.org/{n}">http://example.org/{n}</a>' for n in range(count)
    )


@pytest.fixture
def joined(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many characters the builder joins, call by call."""
    sizes: list[int] = []
    join = build.joined

    def counting(parts: list[str]) -> str:
        text = join(parts)
        sizes.append(len(text))
        return text

    monkeypatch.setattr(build, "joined", counting)
    return sizes


@pytest.mark.parametrize(
    ("convert", "source"),
    [
        (markdown_to_text, markdown_links),
        (lambda text: html_to_text(text, gt_quotes=True), html_links),
        (html_to_text, html_url_links),
    ],
    ids=["markdown", "html", "html-url-text"],
)
def test_a_paragraph_of_thousands_of_links_is_joined_a_few_times(
    joined: list[int],
    convert: Callable[[str], tuple[list[str], object]],
    source: Callable[[int], str],
) -> None:
    strings, blocks = convert(source(COUNT))
    paragraph = strings[0]
    assert sum(span.kind == LINK for span in blocks[0].spans) == COUNT  # type: ignore[index]
    # The paragraph once, each link's words once: linear, where re-joining the
    # paragraph at every link was COUNT / 2 paragraphs.
    assert sum(joined) <= 3 * len(paragraph), (sum(joined), len(paragraph))
