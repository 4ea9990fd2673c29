"""The article body wraps only what is on screen (issue 12): a resize of a long
article, or opening a body that is one line of megabytes, wraps a few pieces,
and what it shows stays right: paging is seamless, the end is reachable, and
a search match far down a long line is highlighted where it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot

from reader.loading import Loading
from reader.ui.app import ReaderApp
from reader.ui.body import view as article_body
from reader.ui.body.piece_lines import Piece, piece_lines
from reader.ui.body.pieces import CHUNK
from reader.ui.body.view import ArticleBody

from .conftest import make_app
from .scenes import settle

# Words of invented text, numbered so that what is on screen can be placed.
LINE_WORDS = 1_500_000  # "w1234567 " is 9 characters: about 13 MB as one line


def one_line_article(folder: Path, words: int = LINE_WORDS, last: str = "") -> Path:
    path = folder / "one-line.txt"
    line = " ".join(f"w{n}" for n in range(words))
    path.write_text(f"One long line\n\n{line}{last}\n", encoding="utf-8")
    return path


def paragraphs_article(folder: Path, count: int) -> Path:
    path = folder / "paragraphs.txt"
    body = "\n\n".join(
        f"Paragraph {n} says a few plain words about the garden, the weather and the "
        f"long walk home past the river, the mill and the old stone bridge."
        for n in range(count)
    )
    path.write_text(f"Many paragraphs\n\n{body}\n", encoding="utf-8")
    return path


def count_wraps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The characters of every piece the body wraps from now on, one entry per wrap."""
    wrapped: list[int] = []

    def counting(piece: Piece, *args):  # type: ignore[no-untyped-def]
        wrapped.append(piece.end - piece.start)
        return piece_lines(piece, *args)

    monkeypatch.setattr(article_body, "piece_lines", counting)
    return wrapped


def shown(body: ArticleBody) -> list[str]:
    """The lines the body paints next: as the screen asks for them (`render_lines`
    first makes the lines on screen exact), whether or not a frame was drawn since
    the last key."""
    region = body.scrollable_content_region
    strips = body.render_lines(Region(0, 0, region.width, region.height))
    return [strip.text.strip() for strip in strips]


async def open_body(app: ReaderApp, pilot: Pilot[None]) -> ArticleBody:
    await settle(pilot)
    await pilot.press("enter")
    await pilot.pause()
    return app.query_one(ArticleBody)


async def test_a_resize_wraps_only_the_pieces_on_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every resize wrapped the whole article again: about 1 s for 2 MB."""
    app = make_app([paragraphs_article(tmp_path, 3000)])
    async with app.run_test(size=(120, 40)) as pilot:
        body = await open_body(app, pilot)
        body.scroll_to(y=body.max_scroll_y // 2, animate=False, immediate=True)
        await pilot.pause()
        top = next(line for line in shown(body) if line.startswith("Paragraph"))
        wrapped = count_wraps(monkeypatch)
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert wrapped, "the resized body was wrapped again"
        # The screen, two pages above it and one below: each paragraph takes 3 lines.
        assert len(wrapped) <= 4 * body.scrollable_content_region.height // 3 + 3
        after = next(line for line in shown(body) if line.startswith("Paragraph"))
        assert after.split()[1] == top.split()[1], "the same paragraph at the top"


async def test_opening_a_line_of_megabytes_wraps_only_what_is_on_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrapped = count_wraps(monkeypatch)
    app = make_app([one_line_article(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        body = await open_body(app, pilot)
        assert sum(wrapped) <= 4 * CHUNK, "a few pieces of the line, not the line"
        assert shown(body)[2].startswith("w0 w1 w2 "), "the line starts under the title"
        assert body.virtual_size.height > LINE_WORDS * 9 // 100, "the whole line is scrollable"


def words_on(lines: list[str]) -> list[int]:
    return [
        int(word[1:])
        for line in lines
        for word in line.split()
        if word[:1] == "w" and word[1:].isdigit()
    ]


async def test_paging_through_a_long_line_shows_every_word_once(tmp_path: Path) -> None:
    app = make_app([one_line_article(tmp_path, words=60_000)])
    async with app.run_test(size=(80, 24)) as pilot:
        body = await open_body(app, pilot)
        seen = words_on(shown(body))
        for _ in range(12):  # past a few pieces
            await pilot.press("pagedown")
            seen += words_on(shown(body))
        assert seen == list(range(len(seen))), "no word skipped or shown twice"
        assert len(seen) > 3 * CHUNK // 7, "the pages went past several pieces"


async def test_the_end_of_a_long_line_is_reachable_and_shown(tmp_path: Path) -> None:
    app = make_app([one_line_article(tmp_path, last=" the very last words")])
    async with app.run_test(size=(80, 24)) as pilot:
        body = await open_body(app, pilot)
        await pilot.press("end")
        await pilot.pause()
        lines = shown(body)
        assert lines[-1].endswith(f"w{LINE_WORDS - 1} the very last words"), lines[-3:]
        assert body.scroll_y == body.max_scroll_y
        # Back a page: the lines before the last page, in order.
        await pilot.press("pageup")
        await pilot.pause()
        before = words_on(shown(body))
        assert before == list(range(before[0], before[0] + len(before)))
        assert before[-1] + 1 == words_on(lines)[0], "the page up ends where the last began"
        # And back to the top: the scroll there is animated through estimated lines.
        await pilot.press("home")
        await pilot.pause(0.5)
        assert body.scroll_y == 0 and shown(body)[0] == "One long line"


async def test_a_match_far_down_a_long_line_is_highlighted_where_it_is(tmp_path: Path) -> None:
    app = make_app([one_line_article(tmp_path, words=400_000, last=" zanzibar ends it")])
    async with app.run_test(size=(100, 30)) as pilot:
        body = await open_body(app, pilot)
        await pilot.press("slash", *"zanzibar", "enter")
        await settle(pilot)
        await pilot.pause()
        current = body.draw_styles()["current-match"]
        marked = [
            segment.text
            for y in range(body.scrollable_content_region.height)
            for segment in body.render_line(y)
            if segment.style is not None and segment.style.bgcolor == current.bgcolor
        ]
        assert marked == ["zanzibar"]
        assert body.scroll_y > 1000, "scrolled far down the line to the match"


def uneven_paragraphs(folder: Path) -> Path:
    """Paragraphs whose wrapped heights their lengths guess badly: long words
    in some, short ones in others."""
    path = folder / "uneven.txt"
    body = "\n\n".join(
        f"Paragraph {n} "
        + " ".join(("extraordinarily" if n % 3 else "a") for _ in range(60 + 7 * (n % 5)))
        for n in range(200)
    )
    path.write_text(f"Uneven paragraphs\n\n{body}\n\n  1. A comment.\n", encoding="utf-8")
    return path


async def test_the_saved_scroll_shows_the_same_lines_again(tmp_path: Path) -> None:
    """The body's scroll is saved as a line number; lines above it that were
    wrapped when it was saved are wrapped again to restore it, not estimated."""
    from reader.state import open_state

    other = tmp_path / "other.txt"
    other.write_text("Another article\n\nIts body.\n", encoding="utf-8")
    state, _ = open_state(tmp_path / "state.db")
    assert state is not None
    app = ReaderApp(Loading([uneven_paragraphs(tmp_path), other]), state=state)
    async with app.run_test(size=(80, 24)) as pilot:
        body = await open_body(app, pilot)
        for _ in range(12):
            body.scroll_page_down(animate=False)
            await pilot.pause()
        before = shown(body)
        assert any(line.startswith("Paragraph") for line in before)
        await pilot.press("escape", "j", "k", "enter")
        await pilot.pause()
        assert shown(body) == before
    state.close()


async def test_the_body_pane_follows_the_open_article_and_searches_it_again() -> None:
    """Only the screen's `article` changes; the pane bound to it shows the new
    article and highlights the search in force there."""
    from reader.ui.body.pane import BodyPane

    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        body = await open_body(app, pilot)
        await pilot.press("slash", *"the", "enter")
        await settle(pilot)
        screen = app.main_screen
        other = next(a for a in app.store.articles if a is not screen.article)
        screen.article = other
        await settle(pilot)
        pane = screen.query_one(BodyPane)
        assert body.article is other
        assert list(pane.matches) == list(app.store.search_article(other.id, pane.search_query))
        assert pane.matches and all(m.key in body.highlighted_blocks for m in pane.matches)


async def test_a_theme_change_restyles_the_wrapped_pieces() -> None:
    """Wrapped pieces are kept (LRU); a theme change must not show them in the
    old theme's colours."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "textual-dark"
        body = await open_body(app, pilot)
        await pilot.press("slash", *"the", "enter")
        await settle(pilot)

        def match_background():  # type: ignore[no-untyped-def]
            return next(
                segment.style.bgcolor
                for y in range(body.scrollable_content_region.height)
                for segment in body.render_line(y)
                if segment.style is not None
                and segment.style.underline
                and not segment.style.reverse
            )

        dark = match_background()
        app.theme = "textual-light"
        await pilot.pause()
        assert match_background() != dark
        assert match_background() == body.draw_styles()["match"].bgcolor
