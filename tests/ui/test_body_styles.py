"""The article body's own parts keep their styles: the title is bold in the
theme's accent colour, the byline muted. (Rich drops a Text's own style when
it renders one without spans, which once left every part in the plain text
colour.)"""

from __future__ import annotations

from rich.segment import Segment

from reader.ui.body.view import ArticleBody

from .conftest import make_app
from .scenes import settle


def segments_with(body: ArticleBody, words: str) -> list[Segment]:
    return [
        segment
        for y in range(body.scrollable_content_region.height)
        for segment in body.render_line(y)
        if words in segment.text
    ]


async def test_the_title_is_bold_in_the_accent_colour_and_the_byline_muted() -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        body = app.screen.query_one(ArticleBody)
        plain = body.rich_style.color
        accent = body.get_component_rich_style("article-body--title").color
        assert accent != plain
        title = segments_with(body, "After Trump Massacres")
        assert title, "the first seed's title is on screen"
        assert all(s.style and s.style.bold and s.style.color == accent for s in title)
        byline = segments_with(body, "Juan Cole")
        assert byline, "the byline is on screen"
        assert all(s.style and s.style.color != plain for s in byline)
