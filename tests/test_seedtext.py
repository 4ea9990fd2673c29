"""The seed-text parser and renderer: the seeds, the grammar's rules and
ambiguities (reader/formats/GRAMMAR.md), and the lossless round trip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import LoadError
from reader.formats.seedtext import parse_seed_text, render_seed_text
from reader.model import Article, Comment, iter_comments
from tests.seeds import FIRST_SEED_FILE, SECOND_SEED_FILE
from tests.strategies import articles, render_styles, seedish_texts
from tests.work import calls_made

SEED_000, SEED_004 = FIRST_SEED_FILE, SECOND_SEED_FILE
PATH = Path("article.txt")
# A comment marker once whitespace is gone (GRAMMAR.md R6).
MARKER_TOKEN = r"(?:\d+[.)]|[•◦▪\-*–])"

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse(text: str) -> Article:
    return parse_seed_text(text, PATH)


def non_whitespace(text: str) -> str:
    return "".join(text.split())


def shape(comments: list[Comment]) -> list[tuple[int, tuple[str, ...]]]:
    """(depth, paragraphs) of every comment in preorder, without recursion."""
    found: list[tuple[int, tuple[str, ...]]] = []
    stack = [(comment, 0) for comment in reversed(comments)]
    while stack:
        comment, depth = stack.pop()
        found.append((depth, tuple(comment.text)))
        stack.extend((reply, depth + 1) for reply in reversed(comment.replies))
    return found


def lossless_pattern(article: Article) -> re.Pattern[str]:
    """What the input's non-whitespace characters must be, given the article:
    its fields in document order, with a marker before each comment and the
    `Author:` label before a bio's author, and nothing else."""

    def literal(text: str) -> str:
        return re.escape(non_whitespace(text))

    header = [literal(line) for line in (article.subtitle, article.byline) if line is not None]
    parts = [literal(article.title)]
    # R5 accepts the subtitle and the byline in either order.
    parts.append(f"(?:{''.join(header)}|{''.join(reversed(header))})")
    parts += [literal(paragraph) for paragraph in article.body]
    if article.author_bio is not None:
        assert article.author is not None
        parts += ["(?i:author:)", literal(article.author), literal(article.author_bio)]
    for comment in iter_comments(article.comments):
        parts.append(MARKER_TOKEN)
        parts += [literal(paragraph) for paragraph in comment.text]
    return re.compile("".join(parts))


def assert_lossless(text: str, article: Article) -> None:
    source = non_whitespace(text.removeprefix("\ufeff"))
    assert lossless_pattern(article).fullmatch(source), "content dropped, duplicated or moved"


def assert_same_article(got: Article, expected: Article) -> None:
    assert got.title == expected.title
    assert got.subtitle == expected.subtitle
    assert got.byline == expected.byline
    assert got.author == expected.author
    assert got.source == expected.source
    assert got.body == expected.body
    assert got.author_bio == expected.author_bio
    assert shape(got.comments) == shape(expected.comments)


# --- The seeds -------------------------------------------------------------------


def test_seed_000_header_body_and_thread_shape() -> None:
    article = parse_seed_text(SEED_000.read_text(encoding="utf-8"), SEED_000)
    assert article.title == "After Trump Massacres in Mosul, Campaign against ISIL Halted"
    assert article.subtitle is None
    assert article.byline == "By Juan Cole | (Informed Comment) | – –"
    assert article.author == "Juan Cole"
    assert article.source == "Informed Comment"
    assert len(article.body) == 9
    assert article.body[-1].startswith("They called for a review")
    assert article.author_bio is None
    assert len(article.comments) == 10
    assert [len(comment.replies) for comment in article.comments] == [0, 0, 2, 0, 0, 0, 0, 0, 0, 0]
    assert len(iter_comments(article.comments)) == 12
    assert article.path == SEED_000
    assert article.format == "txt"


def test_seed_000_comment_paragraphs_and_line_breaks() -> None:
    comments = parse_seed_text(SEED_000.read_text(encoding="utf-8"), SEED_000).comments
    # Comment 4's second line follows without a blank line: one paragraph, one "\n".
    assert len(comments[3].text) == 1
    assert comments[3].text[0].count("\n") == 1
    assert comments[3].text[0].split("\n")[1].startswith("There was very little reporting")
    assert comments[6].text == (
        "Aleppo = wanton murder of civilians ans destruction of schools and hospitals.",
        "Mosul – liberation",
    )
    assert len(comments[8].text) == 3
    assert comments[8].text[2] == "“moderate” that!"
    assert len(comments[9].text) == 4
    replies = comments[2].replies
    assert replies[0].text[0].startswith("You are so right.")
    assert replies[1].text[0].startswith("That’s a valid position")
    assert all("\n" not in paragraph for paragraph in replies[0].text)


def test_seed_004_subtitle_author_bio_and_no_comments() -> None:
    article = parse_seed_text(SEED_004.read_text(encoding="utf-8"), SEED_004)
    assert article.title == "Pentagon Reviewing Mosul Bombings That Killed Hundreds of Civilians"
    assert article.subtitle == "Has 700 Video Feeds of Airstrikes to Go Over"
    assert article.byline is None
    assert article.author == "Jason Ditz"
    assert article.author_bio is not None
    assert article.author_bio.startswith("Jason Ditz is Senior Editor")
    assert len(article.body) == 6
    assert not any("Author:" in paragraph for paragraph in article.body)
    assert article.comments == []


@pytest.mark.parametrize("seed", [SEED_000, SEED_004], ids=lambda path: path.stem)
def test_seed_is_parsed_losslessly(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    assert_lossless(text, parse_seed_text(text, seed))


@pytest.mark.parametrize("seed", [SEED_000, SEED_004], ids=lambda path: path.stem)
def test_seed_survives_render_and_reparse(seed: Path) -> None:
    article = parse_seed_text(seed.read_text(encoding="utf-8"), seed)
    assert_same_article(parse(render_seed_text(article)), article)


def test_lossless_check_detects_dropped_and_duplicated_content() -> None:
    text = SEED_000.read_text(encoding="utf-8")
    article = parse(text)
    article.comments[6].text = article.comments[6].text[:-1]
    with pytest.raises(AssertionError):
        assert_lossless(text, article)
    article = parse(text)
    article.body.append(article.body[0])
    with pytest.raises(AssertionError):
        assert_lossless(text, article)


# --- Input that is not an article -------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n", " \t\r\n\r", "\ufeff", "\ufeff \n\u3000\n"])
def test_empty_or_whitespace_only_input_raises_load_error(text: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse(text)
    assert caught.value.reason == "empty file"
    assert caught.value.path == PATH


# --- Encoding-level rules: line endings, BOM, tabs ----------------------------------

SMALL = "Title\n\nBody one.\n\n  1. First\n    more\n\n    • Reply\n  2. Second\n"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings_parse_like_lf(newline: str) -> None:
    expected = parse(SMALL)
    got = parse(SMALL.replace("\n", newline))
    assert_same_article(got, expected)
    assert got.comments[0].text == ("First\nmore",)


def test_leading_bom_is_dropped_and_a_later_one_kept() -> None:
    article = parse("\ufeff" + SMALL.replace("Body one.", "Body\ufeff one."))
    assert article.title == "Title"
    assert article.body == ["Body\ufeff one."]


def test_tabs_advance_to_stops_of_eight_columns() -> None:
    # Marker columns: 2, 8 (tab), 8 (eight spaces), 10 (space, tab, two spaces).
    article = parse("T\n\n  1. a\n\t• b\n        • c\n \t  • d\n")
    assert shape(article.comments) == [(0, ("a",)), (1, ("b",)), (1, ("c",)), (2, ("d",))]


def test_wide_and_right_to_left_text_indentation_counts_characters() -> None:
    # An ideographic space is one column, however wide on screen: the last reply
    # (three spaces) is a sibling of the one indented by three ideographic spaces.
    text = "标题\n\n\u3000\u30001. 中文评论\n\u3000\u3000\u3000• مرحبا بكم\n   • עברית\n"
    assert shape(parse(text).comments) == [(0, ("中文评论",)), (1, ("مرحبا بكم",)), (1, ("עברית",))]


# --- Comment markers and nesting ---------------------------------------------------


@pytest.mark.parametrize("bullet", list("•◦▪-*–"))
def test_each_bullet_kind_marks_a_reply(bullet: str) -> None:
    article = parse(f"T\n\n  1) top\n    {bullet} reply\n  2) next\n")
    assert shape(article.comments) == [(0, ("top",)), (1, ("reply",)), (0, ("next",))]


def test_bullets_without_numbers_form_a_comment_section_at_the_end() -> None:
    article = parse("T\n\nBody.\n\n  • one\n    • two\n  • three\n")
    assert article.body == ["Body."]
    assert shape(article.comments) == [(0, ("one",)), (1, ("two",)), (0, ("three",))]


def test_numbering_that_skips_or_restarts_is_ignored() -> None:
    article = parse("T\n\n  3. a\n  3. b\n  1. c\n  99) d\n")
    assert [comment.text for comment in article.comments] == [("a",), ("b",), ("c",), ("d",)]


def test_indentation_back_and_forth_nests_by_marker_column() -> None:
    text = "T\n\n  1. a\n      • b\n    • c\n        • d\n     • e\n   2. f\n"
    # b (6) and c (4) are replies of a; d (8) of c; e (5) of c; f (3) of a.
    assert shape(parse(text).comments) == [
        (0, ("a",)),
        (1, ("b",)),
        (1, ("c",)),
        (2, ("d",)),
        (2, ("e",)),
        (1, ("f",)),
    ]


def test_reply_deeper_than_any_parent_is_a_direct_reply() -> None:
    article = parse("T\n\n  1. a\n                    • far\n  2. b\n")
    assert shape(article.comments) == [(0, ("a",)), (1, ("far",)), (0, ("b",))]


def test_marker_without_text_gives_comment_with_no_paragraphs() -> None:
    article = parse("T\n\n  1.\n    • \n      later text\n  2. b\n")
    assert shape(article.comments) == [(0, ()), (1, ("later text",)), (0, ("b",))]


def test_continuation_less_indented_than_its_comment_belongs_to_it() -> None:
    article = parse("T\n\n  1. a\n      • b\n  still b\nand b at column 0\n\n  c too\n")
    assert shape(article.comments) == [
        (0, ("a",)),
        (1, ("b\nstill b\nand b at column 0", "c too")),
    ]


def test_file_with_only_comments_has_title_and_empty_body() -> None:
    article = parse("Just a title\n  1. a\n  2. b\n")
    assert article.title == "Just a title"
    assert article.body == []
    assert len(article.comments) == 2


def test_first_line_is_the_title_even_when_it_looks_like_a_comment() -> None:
    article = parse("\n\n  1. not a comment\n  2. a comment\n")
    assert article.title == "1. not a comment"
    assert [comment.text for comment in article.comments] == [("a comment",)]


def deep_chain(depth: int) -> Article:
    root = node = Comment(text=["level 0"])
    for level in range(1, depth):
        child = Comment(text=[f"level {level}"])
        node.replies.append(child)
        node = child
    return Article(title="Deep", comments=[root])


def test_deep_chain_of_10000_levels_renders_and_parses_without_recursion() -> None:
    """...in work that grows with the depth, not faster: ten times as deep, about
    ten times the calls."""
    calls = {}
    for depth in (1000, 10_000):
        text, render_calls = calls_made(lambda d=depth: render_seed_text(deep_chain(d), indent=1))
        article, parse_calls = calls_made(parse, text)
        calls[depth] = render_calls + parse_calls
    comments = article.comments
    levels = 0
    while comments:
        assert comments[0].text == (f"level {levels}",)
        levels += 1
        comments = comments[0].replies
    assert levels == 10_000
    assert calls[10_000] <= 11 * calls[1000]


# --- Where the comment section starts ------------------------------------------------


def test_column_zero_bullets_and_numbers_are_body() -> None:
    article = parse("T\n\nIntro.\n\n- a list item\n\n1. a numbered point\n\nMore.\n")
    assert article.body == ["Intro.", "- a list item", "1. a numbered point", "More."]
    assert article.comments == []


def test_indented_bullet_list_followed_by_column_zero_text_stays_body() -> None:
    article = parse("T\n\nIntro.\n\n  • point one\n  • point two\n\nConclusion.\n")
    assert article.body == ["Intro.", "• point one\n• point two", "Conclusion."]
    assert article.comments == []


def test_first_indented_numbered_line_starts_the_comment_section() -> None:
    article = parse("T\n\nIntro.\n\n  • quoted point\n\n  1. comment\nNot body any more.\n")
    assert article.body == ["Intro.", "• quoted point"]
    assert shape(article.comments) == [(0, ("comment\nNot body any more.",))]


# --- Header: subtitle and byline; author bio ------------------------------------------


@pytest.mark.parametrize(
    ("second_block", "subtitle"),
    [
        ("Has 700 Video Feeds of Airstrikes to Go Over", True),
        ("A first paragraph that ends like a sentence.", False),
        ("Did it end with a question?", False),
        ("A quoted ending.”", False),
        ("It continues:", False),
        ("word " * 40, False),
    ],
)
def test_subtitle_is_a_short_line_not_ending_like_a_sentence(
    second_block: str, subtitle: bool
) -> None:
    article = parse(f"Title\n\n{second_block}\n\nBody.\n")
    if subtitle:
        assert article.subtitle == second_block
        assert article.body == ["Body."]
    else:
        assert article.subtitle is None
        assert article.body == [second_block.strip(), "Body."]


def test_two_line_second_block_is_body_not_subtitle() -> None:
    article = parse("Title\n\nShort line\nanother\n\nBody.\n")
    assert article.subtitle is None
    assert article.body == ["Short line\nanother", "Body."]


def test_byline_and_subtitle_are_accepted_in_either_order() -> None:
    article = parse("Title\nBy Ann Lee | (The Paper)\n\nA Subtitle\n\nBody.\n")
    assert (article.byline, article.subtitle) == ("By Ann Lee | (The Paper)", "A Subtitle")
    assert (article.author, article.source) == ("Ann Lee", "The Paper")
    assert article.body == ["Body."]


@pytest.mark.parametrize(
    ("byline", "author", "source"),
    [
        ("By Juan Cole | (Informed Comment) | – –", "Juan Cole", "Informed Comment"),
        ("By Juan Cole", "Juan Cole", None),
        ("BY Juan Cole | March 27 | (IC)", "Juan Cole", "IC"),
        ("By  | (Nobody)", None, "Nobody"),
    ],
)
def test_byline_yields_author_and_source(byline: str, author: str | None, source: str) -> None:
    article = parse(f"Title\n\n{byline}\n\nBody.\n")
    assert (article.byline, article.author, article.source) == (byline, author, source)


def test_sentence_starting_with_by_is_body() -> None:
    article = parse("Title\n\nBy then, the city had fallen.\n")
    assert article.byline is None
    assert article.body == ["By then, the city had fallen."]


def test_author_line_opens_a_multi_paragraph_bio() -> None:
    article = parse("T\n\nBody.\n\nAuthor: Ann Lee\n\nBio one.\n\nBio two\nsame paragraph.\n")
    assert article.author == "Ann Lee"
    assert article.body == ["Body."]
    assert article.author_bio == "Bio one.\n\nBio two\nsame paragraph."


def test_author_line_matching_the_byline_opens_the_bio() -> None:
    article = parse("T\n\nBy Ann  Lee | (P)\n\nBody.\n\nAuthor: Ann Lee\n\nBio.\n")
    assert article.author == "Ann  Lee"
    assert article.author_bio == "Bio."


def test_author_line_contradicting_the_byline_stays_body() -> None:
    article = parse("T\n\nBy Ann Lee | (P)\n\nBody.\n\nAuthor: Bob Roe\n\nBio.\n")
    assert article.author == "Ann Lee"
    assert article.author_bio is None
    assert article.body == ["Body.", "Author: Bob Roe", "Bio."]


def test_author_line_with_nothing_after_it_stays_body() -> None:
    article = parse("T\n\nBody.\n\nAuthor: Ann Lee\n\n  1. a comment\n")
    assert article.author is None
    assert article.body == ["Body.", "Author: Ann Lee"]


# --- Renderer -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "style", [{"indent": 0}, {"bullet": "+"}, {"bullet": "••"}, {"numbering": ":"}]
)
def test_render_rejects_styles_the_parser_could_not_read_back(style: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        render_seed_text(parse(SMALL), **style)  # type: ignore[arg-type]


def test_render_writes_seed_layout() -> None:
    article = parse(SMALL)
    assert render_seed_text(article) == (
        "Title\n\nBody one.\n\n  1. First\n    more\n\n    • Reply\n\n  2. Second\n"
    )


# --- Properties -------------------------------------------------------------------------


@PROPERTY
@given(article=articles(), style=render_styles)
def test_rendered_article_parses_back_equal_and_losslessly(
    article: Article, style: dict[str, object]
) -> None:
    text = render_seed_text(article, **style)  # type: ignore[arg-type]
    parsed = parse(text)
    assert_same_article(parsed, article)
    assert_lossless(text, parsed)


def check_arbitrary_text(text: str) -> None:
    if not text.removeprefix("\ufeff").strip():
        with pytest.raises(LoadError):
            parse(text)
        return
    assert_lossless(text, parse(text))


@PROPERTY
@given(text=st.text(max_size=300))
def test_arbitrary_text_parses_losslessly_or_is_empty(text: str) -> None:
    check_arbitrary_text(text)


@PROPERTY
@given(text=seedish_texts())
def test_seed_like_noise_parses_losslessly_or_is_empty(text: str) -> None:
    check_arbitrary_text(text)
