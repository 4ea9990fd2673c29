"""Search matches in the article body are as readable as in the thread: every
match and the current one have a text/background contrast of at least 4.5:1
(WCAG AA) in a dark and a light theme, from the styles the app renders, and
show without colour too (underlined)."""

from __future__ import annotations

import pytest
from rich.segment import Segment

from reader.ui.body.view import ArticleBody

from .conftest import make_app
from .scenes import settle
from .test_thread_reading import contrast


def text_segments(body: ArticleBody) -> list[Segment]:
    return [
        segment
        for y in range(body.scrollable_content_region.height)
        for segment in body.render_line(y)
        if segment.text.strip()
    ]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_body_matches_have_a_contrast_of_at_least_4_5(theme: str) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        app.theme = theme
        await settle(pilot)
        await pilot.press("enter", "slash", *"the", "enter", "n")
        await settle(pilot)
        segments = text_segments(app.screen.query_one(ArticleBody))
        matches = [s for s in segments if s.style and s.style.underline]
        assert {s.text.lower() for s in matches} == {"the"}, "matches show underlined"
        assert any(s.style and s.style.reverse for s in matches), "the current one reversed"
        low = []
        for segment in segments:
            style = segment.style
            assert style is not None and style.color and style.bgcolor, segment
            ratio = contrast(
                tuple(style.color.get_truecolor()),  # type: ignore[arg-type]
                tuple(style.bgcolor.get_truecolor()),  # type: ignore[arg-type]
            )
            if ratio < 4.5:
                low.append((round(ratio, 2), segment.text))
        assert not low, f"text under 4.5:1 in {theme}: {low}"
