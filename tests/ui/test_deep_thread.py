"""A reply chain 3,000 deep opens, navigates and renders, its text kept readable."""

from __future__ import annotations

from pathlib import Path

from reader.formats.seedtext import render_seed_text
from reader.model import Article, Comment
from reader.ui.thread.painter import MIN_TEXT_WIDTH
from reader.ui.thread.view import ThreadView

from .conftest import make_app
from .scenes import settle

DEPTH = 3_000


def chain_file(tmp_path: Path) -> Path:
    root = Comment(text=["level 1"])
    node = root
    for level in range(2, DEPTH + 1):
        reply = Comment(text=[f"level {level} " + "words " * 12])
        node.replies.append(reply)
        node = reply
    path = tmp_path / "deep.txt"
    article = Article(title="Deep", body=["Body."], comments=[root])
    path.write_text(render_seed_text(article, indent=1), encoding="utf-8")
    return path


async def test_a_chain_3000_deep_renders_with_50_columns_of_text_at_80x24(tmp_path: Path) -> None:
    app = make_app([chain_file(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "G")
        view = app.query_one(ThreadView)
        assert view.thread is not None and len(view.thread) == DEPTH
        assert view.thread.depths[view.cursor] == DEPTH - 1
        lines = [view.render_line(y).text for y in range(view.size.height)]
        assert all(len(line) == view.scrollable_content_region.width for line in lines)
        text_line = next(line for line in lines if f"level {DEPTH} " in line)
        assert len(text_line) - text_line.index(f"level {DEPTH}") >= MIN_TEXT_WIDTH >= 50
        assert "┊" in text_line, "the last guide stands for the levels not drawn"
        header = next(line for line in lines if f"depth {DEPTH}" in line)
        assert "…" in header, "a deep position is shown abbreviated"
        await pilot.press("p", "g", "C")
        assert view.rows is not None and len(view.rows) == 1
        await pilot.press("E", "G")
        assert view.thread.depths[view.cursor] == DEPTH - 1
