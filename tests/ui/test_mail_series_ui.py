"""A patch series on screen (issue 18): each message's subject in its header
where it differs from its parent's, folded too."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.style import Style

from reader.model import Comment
from reader.ui.app import ReaderApp
from reader.ui.body.view import ArticleBody
from reader.ui.thread.painter import CommentPainter
from reader.ui.thread.styles import PainterStyles
from reader.ui.thread.view import ThreadView

from .conftest import make_app
from .scenes import FIXTURES, settle
from .test_thread_reading import header_line, open_thread, rendered_segments, text_contrasts

SERIES = FIXTURES / "tidepool.mbox"


def view_of(app: ReaderApp) -> ThreadView:
    return app.main_screen.query_one(ThreadView)


async def test_headers_show_each_subject_that_differs_from_its_parents() -> None:
    app = make_app([SERIES])
    async with app.run_test(size=(200, 60)) as pilot:
        view = await open_thread(app, pilot)
        headers = {path: header_line(view, path) for path in ("1", "2", "2.1", "2.1.1", "4")}
        # Last in the line, cut short where the pane ends.
        assert "OP  2 years ago  [PATCH 1/3] tides: add a reader" in headers["1"]
        assert "[PATCH 2/3] tides: use the" in headers["2"]
        # The review and its answer only say `Re:` to the patch: no subject.
        assert "PATCH" not in headers["2.1"] and "PATCH" not in headers["2.1.1"]
        assert "Ana Ferreira  2 years ago  Units in constants files (was: Re:" in headers["4"]
        # The list's tag is never shown.
        assert not any("tidepool-devel]" in line for line in headers.values())


async def test_a_folded_comment_keeps_its_subject() -> None:
    app = make_app([SERIES])
    async with app.run_test(size=(200, 45)) as pilot:
        view = await open_thread(app, pilot)
        await pilot.press("C")
        await settle(pilot)
        assert "Mira Kovalenko OP  [PATCH 3/3] docs: describe the" in header_line(view, "3")
        assert "Units in constants files" in header_line(view, "4")


def test_a_folded_line_gives_the_subject_then_the_texts_start() -> None:
    comment = Comment(author="ana", text=["Agreed, merged."], subject="Re: [PATCH] fix")
    painter = CommentPainter(Console(width=200), PainterStyles([Style()], *[Style()] * 5))
    painted = painter.paint(comment, 80, 0, 0, True, subject="Merged: the fix")
    assert painted.strips[0].text.rstrip() == "▸ 0  ana  Merged: the fix  Agreed, merged."


# A patch's colours -------------------------------------------------------------


def diff_colours(view: ThreadView) -> dict[str, set[str]]:
    """The colour each kind of diff line is drawn in, from the segments on screen."""
    colours: dict[str, set[str]] = {"added": set(), "removed": set(), "hunk": set(), "other": set()}
    for _, segment in rendered_segments(view):
        text, style = segment.text.strip(), segment.style
        if not text or style is None or style.color is None:
            continue
        colour = style.color.get_truecolor().hex
        if text.startswith("@@ -"):
            colours["hunk"].add(colour)
        elif text.startswith(("+#", "+static", "+\ttable_size")):
            colours["added"].add(colour)
        elif text.startswith(("-static", "-\tfor")):
            colours["removed"].add(colour)
        elif text.startswith(("#include <math.h>", "double predict_height", "index 0785b2b")):
            colours["other"].add(colour)
    return colours


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_a_patch_shows_added_removed_and_hunk_lines_apart_at_4_5_to_1(theme: str) -> None:
    app = make_app([SERIES])
    # Side by side, the comments a screenful high.
    async with app.run_test(size=(260, 80)) as pilot:
        app.theme = theme
        view = await open_thread(app, pilot)
        await pilot.press("j")  # patch 2, a screenful of diff
        await settle(pilot)
        colours = diff_colours(view)
        assert all(len(found) == 1 for found in colours.values()), colours
        assert len(set().union(*colours.values())) == 4, f"four colours apart: {colours}"
        found = text_contrasts(view)
        checked = "".join(text for _, text, _, _ in found)
        for words in ("@@ -1,19 +1,25 @@", "for (i = 0; i < 3;", "+#define MAX", "PATCH 2/3"):
            assert words in checked, f"{words!r} not on screen to check"
        low = [(round(ratio, 2), text) for ratio, text, _, _ in found if ratio < 4.5]
        assert not low, f"text under 4.5:1 in {theme}: {low}"


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_part_lines_read_at_4_5_to_1(theme: str) -> None:
    app = make_app([SERIES])
    async with app.run_test(size=(260, 80)) as pilot:
        app.theme = theme
        view = await open_thread(app, pilot)
        await pilot.press("j", "j", "j", "j")  # patch 3: its parts
        await settle(pilot)
        found = text_contrasts(view)
        checked = "".join(text for _, text, _, _ in found)
        for words in ("0003-docs-describe", "tide-chart.png · image/png · 416 bytes", "text/plain"):
            assert words in checked, f"{words!r} not on screen to check"
        low = [(round(ratio, 2), text) for ratio, text, _, _ in found if ratio < 4.5]
        assert not low, f"text under 4.5:1 in {theme}: {low}"


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_a_patch_in_the_article_body_is_coloured_too_at_4_5_to_1(theme: str) -> None:
    app = make_app([SERIES])
    async with app.run_test(size=(160, 45)) as pilot:
        app.theme = theme
        await settle(pilot)
        await pilot.press("j", "enter", "space")  # the lone patch: its diff
        await settle(pilot)
        body = app.main_screen.query_one(ArticleBody)
        found = text_contrasts(body)  # type: ignore[arg-type]
        colours = {
            text.strip()[:1]: segment.style.color.get_truecolor().hex
            for _, text, _, segment in found
            if text.strip().startswith(("-\t", "-  ", "+  ", "@@ -12,7"))
        }
        assert len(colours) == 3 and len(set(colours.values())) == 3, colours
        low = [(round(ratio, 2), text) for ratio, text, _, _ in found if ratio < 4.5]
        assert not low, f"text under 4.5:1 in {theme}: {low}"
