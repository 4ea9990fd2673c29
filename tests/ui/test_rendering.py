"""Structured text on screen (issue 10): quotes, code, list items and links in
comments and in the article body, the comment header's facts (score, OP,
edited, deleted/dead), `more` stubs, and the article header."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style

from reader import times
from reader.formats.loader import load_articles
from reader.model import Comment
from reader.text import CODE, ITEM, LINK, LINKS, MARKER, QUOTE, Block, Span
from reader.ui.body.view import ArticleBody
from reader.ui.render.block_lines import CLIP_MARK, CONTINUATION_MARK, QUOTE_BAR
from reader.ui.render.block_styles import BlockStyles
from reader.ui.thread.painter import CommentPainter
from reader.ui.thread.styles import PainterStyles

from .conftest import make_app
from .scenes import settle
from .test_thread_reading import open_thread, screen_text, text_contrasts

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NOW = datetime(2024, 6, 2, 12, 0, tzinfo=UTC)

# Distinct styles, so that a test can tell which one a character was drawn in.
# Each a colour of its own: `styled` tells them apart by colour.
QUOTE_STYLE = Style(color="blue")
CODE_STYLE = Style(color="green")
LINK_STYLE = Style(color="bright_red", underline=True)
MARKER_STYLE = Style(color="magenta")
LINKS_STYLE = Style(color="cyan")
MATCH = Style(bgcolor="yellow")
CURRENT = Style(bgcolor="red")
DEAD = Style(color="grey50")
BLOCKS = BlockStyles(
    quote=QUOTE_STYLE,
    quote_bar=Style(),
    code=CODE_STYLE,
    heading=Style(bold=True),
    link=LINK_STYLE,
    marker=MARKER_STYLE,
    links=LINKS_STYLE,
    emphasis=Style(italic=True),
    strong=Style(bold=True),
    inline_code=CODE_STYLE,
    mark=Style(),
    match=MATCH,
    current_match=CURRENT,
)
PLAIN = Style()
STYLES = PainterStyles([PLAIN], PLAIN, PLAIN, PLAIN, MATCH, CURRENT, blocks=BLOCKS, dead=DEAD)


def painter() -> CommentPainter:
    return CommentPainter(Console(width=200), STYLES, clock=lambda: NOW)


def texts(lines: list[list[Segment]]) -> list[str]:
    return ["".join(segment.text for segment in line).rstrip() for line in lines]


def painted_lines(comment: Comment, width: int = 40, **options) -> list[list[Segment]]:  # type: ignore[no-untyped-def]
    painted = painter().paint(comment, width, 0, 0, False, **options)
    return [list(strip) for strip in painted.strips]


STRUCTURED = Comment(
    author="ana",
    text=[
        "quoted words that are long enough to wrap",
        "x = 1\nprint('a line of code far too long for the pane at all')",
        "first item that is long enough to wrap",
        "see docs [1]",
        "[1] https://example.org/docs",
    ],
    blocks=(
        Block(QUOTE, 1),
        Block(CODE),
        Block(ITEM, 1, "•"),
        Block(spans=(Span(4, 8, LINK, "https://example.org/docs"), Span(9, 12, MARKER))),
        Block(LINKS),
    ),
)


def test_quotes_code_items_and_links_are_laid_out_in_the_thread() -> None:
    lines = texts(painted_lines(STRUCTURED))
    # The header, then each block after the comment's own guide (`│ `).
    body = [line.removeprefix("│ ") for line in lines[1:]]
    assert body[0] == QUOTE_BAR + "quoted words that are long enough to"
    assert body[1] == QUOTE_BAR + "wrap", "a quote's bar runs down its wrapped lines"
    assert body[3] == "x = 1", "code keeps its own lines"
    assert body[4].endswith(CLIP_MARK) and len(body[4]) == 38, "a long code line is clipped"
    assert body[6] == "• first item that is long enough to"
    assert body[7] == "  wrap", "an item's wrapped lines hang under its text"
    assert body[9] == "see docs [1]"
    assert body[11] == "[1] https://example.org/docs"


def styled(lines: list[list[Segment]], style: Style) -> str:
    """The characters drawn in `style`'s colour."""
    return "".join(
        segment.text
        for line in lines
        for segment in line
        if segment.style is not None and segment.style.color == style.color
    )


def test_quotes_code_links_and_the_links_list_get_their_styles() -> None:
    lines = painted_lines(STRUCTURED, width=80)
    assert "quoted words" in styled(lines, QUOTE_STYLE)
    assert "x = 1" in styled(lines, CODE_STYLE)
    assert styled(lines, LINK_STYLE) == "docs"
    assert styled(lines, MARKER_STYLE) == "[1]"
    assert styled(lines, LINKS_STYLE) == "[1] https://example.org/docs"


@pytest.mark.parametrize(
    ("number", "word"), [(0, "long"), (1, "print"), (2, "item")], ids=["quote", "code", "item"]
)
def test_a_search_match_lands_on_its_characters_inside_a_block(number: int, word: str) -> None:
    start = STRUCTURED.text[number].index(word)
    span = (start, start + len(word))
    lines = painted_lines(STRUCTURED, width=80, matches={number: [span]}, current=(number, span))
    highlighted = "".join(
        segment.text
        for line in lines
        for segment in line
        if segment.style is not None and segment.style.bgcolor is not None
    )
    assert highlighted == word


def test_a_url_is_broken_after_a_slash_never_inside_a_word() -> None:
    url = "https://example.com/a/really/quite/remarkably/long/path/index.html"
    lines = texts(painted_lines(Comment(author="b", text=[f"see {url} ok"]), width=30))
    pieces = [line.removeprefix("│ ") for line in lines[1:-1]]
    joined = "".join(piece.removesuffix(CONTINUATION_MARK) for piece in pieces if "/" in piece)
    assert url in joined
    assert all(piece.endswith("/" + CONTINUATION_MARK) for piece in pieces if "↵" in piece)


def header(comment: Comment) -> str:
    return texts(painted_lines(comment, width=100))[0]


def test_the_header_says_score_op_edited_and_status() -> None:
    line = header(
        Comment(
            author="ana",
            posted="2024-06-02T09:00:00+00:00",
            score=12,
            is_op=True,
            edited="2024-06-02T10:00:00+00:00",
            text=["Words."],
        )
    )
    assert line == "• 0  ana OP  ▲ 12 · 3 h ago · edited"
    assert "[deleted]" in header(Comment(status="deleted"))
    assert "[removed]" in header(Comment(status="removed"))
    plain = header(Comment(author="ana", text=["Words."]))
    assert "▲" not in plain and "OP" not in plain and "edited" not in plain


def test_the_header_says_who_a_distinguished_comment_speaks_for_and_pinned() -> None:
    line = header(
        Comment(author="ana", distinguished="moderator", stickied=True, score=3, text=["Rules."])
    )
    assert line == "• 0  ana [mod]  pinned · ▲ 3"
    assert "[admin]" in header(Comment(author="bo", distinguished="admin"))
    # A value reader does not know is shown as written, control characters neutralised.
    unknown = header(Comment(distinguished="special\x1b[2J"))
    assert "[special" in unknown and "\x1b" not in unknown
    plain = header(Comment(author="ana", text=["Words."]))
    assert "[" not in plain and "pinned" not in plain


def test_a_dead_comment_keeps_its_text_dimmed() -> None:
    dead = Comment(author="ana", status="dead", text=["Flagged words."])
    lines = painted_lines(dead)
    assert "[dead]" in texts(lines)[0]
    assert "Flagged words." in styled(lines, DEAD)


def test_a_more_stub_is_one_line_of_its_words() -> None:
    stub = Comment(status="more", more=3, text=["3 more replies not in this file"])
    lines = texts(painted_lines(stub))
    assert lines[0] == "⋯ 3 more replies not in this file"
    assert len(lines) == 2, "the stub's line and the separator"


async def test_the_thread_shows_a_reddit_thread_as_written() -> None:
    app = make_app([FIXTURES / "reddit.json"])
    async with app.run_test(size=(120, 90)) as pilot:
        view = await open_thread(app, pilot)
        shown = "\n".join(screen_text(view))
        assert "inkwell_ada OP  ▲ 40" in shown
        assert "· edited ·" in shown
        assert QUOTE_BAR + QUOTE_BAR + "nested quote" in shown
        assert "⋯ 3 more replies not in this file" in shown
        assert "[removed]" in shown and "[deleted]" in shown


async def test_exact_heights_come_from_painting_code() -> None:
    app = make_app([FIXTURES / "hn_code.json"])
    async with app.run_test(size=(80, 40)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.pause()
        assert view.rows is not None
        first = view.thread_layout.painted(view.rows.rows[0])
        assert view.rows.heights[0] == len(first.strips)


# The article header -----------------------------------------------------------


def body_text(app) -> str:  # type: ignore[no-untyped-def]
    body = app.main_screen.query_one(ArticleBody)
    return "\n".join(body.render_line(y).text.rstrip() for y in range(body.size.height))


async def test_the_article_header_says_site_score_and_both_comment_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(times, "now", lambda: datetime(2024, 5, 2, 0, 0, tzinfo=UTC))
    app = make_app([FIXTURES / "hn_pwa.json"])
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        shown = body_text(app)
        assert "By wrenfield · Hacker News" in shown
        assert "2 h ago · 88 points · 5 comments (4 in this file)" in shown
        assert "https://news.ycombinator.com/item?id=5200" in shown


async def test_a_link_post_says_how_to_open_its_url_in_full() -> None:
    app = make_app([FIXTURES / "hn_code.json"])
    async with app.run_test(size=(60, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        lines = body_text(app).splitlines()
        start = next(n for n, line in enumerate(lines) if "Link post: press o to open" in line)
        url = "".join(
            line.strip().removesuffix(CONTINUATION_MARK) for line in lines[start + 1 : start + 3]
        )
        assert url == load_articles(FIXTURES / "hn_code.json")[0].url


async def test_a_structured_body_shows_its_link_and_search_finds_it_in_place() -> None:
    app = make_app([FIXTURES / "garden.mbox"])
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "slash", *"blight.", "enter")
        await settle(pilot)
        body = app.main_screen.query_one(ArticleBody)
        current = body.draw_styles()["current-match"]
        marked = "".join(
            segment.text
            for y in range(body.size.height)
            for segment in body.render_line(y)
            if segment.style is not None and segment.style.bgcolor == current.bgcolor
        )
        assert marked.lower() == "blight."


# Contrast ---------------------------------------------------------------------


# What each thread shows in the new styles: checked, not merely present.
ON_SCREEN = {
    "hn_code.json": ("OP", "[deleted]", "awk -F,", "It keeps every tenth line", "[2]"),
    "reddit.json": ("nested quote", "more replies", "[removed]", "▲ 321"),
    "hn_pwa.json": ("[dead]", "This one was flagged"),
}


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("fixture", sorted(ON_SCREEN))
async def test_structured_text_and_header_facts_read_at_4_5_to_1(theme: str, fixture: str) -> None:
    app = make_app([FIXTURES / fixture])
    async with app.run_test(size=(160, 60)) as pilot:
        app.theme = theme
        view = await open_thread(app, pilot)
        await pilot.press("j")
        await pilot.pause()
        found = text_contrasts(view)
        checked = "".join(text for _, text, _, _ in found)
        for words in ON_SCREEN[fixture]:
            assert words in checked, f"{words!r} not on screen to check"
        low = [(round(ratio, 2), text) for ratio, text, _, _ in found if ratio < 4.5]
        assert not low, f"text under 4.5:1 in {theme}: {low}"


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("reddit.json", ("Books are time capsules", "1234 points · 9 comments (7 in this file)")),
        ("hn_code.json", ("Link post: press o to open", "https://example.com/guides")),
    ],
)
async def test_the_body_and_its_header_read_at_4_5_to_1(
    theme: str, fixture: str, words: tuple[str, ...]
) -> None:
    app = make_app([FIXTURES / fixture])
    async with app.run_test(size=(160, 45)) as pilot:
        app.theme = theme
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        body = app.main_screen.query_one(ArticleBody)
        found = text_contrasts(body)  # type: ignore[arg-type]
        checked = "".join(text for _, text, _, _ in found)
        for word in words:
            assert word in checked, f"{word!r} not on screen to check"
        low = [(round(ratio, 2), text) for ratio, text, _, _ in found if ratio < 4.5]
        assert not low, f"text under 4.5:1 in {theme}: {low}"
