"""Document text is shown literally: no markup, no terminal control sequences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.sanitize import neutralise
from reader.ui.articles.list import ArticleList
from reader.ui.body.view import ArticleBody
from reader.ui.thread.view import ThreadView

from .conftest import make_app
from .scenes import settle

MARKUP = "[bold red]x[/bold red] [@click=app.quit]quit[/] [link=https://e.test]l[/link]"
CONTROLS = (
    "sgr \x1b[31mred\x1b[0m clear \x1b[2J\x1b[H osc52 \x1b]52;c;ZXZpbA==\x07 "
    "link \x1b]8;;https://e.test\x1b\\x\x1b]8;;\x1b\\ bell \x07 bs \x08 cr \r c1 \x9b31m \x85"
)
# Anything that would make a terminal act rather than print.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile_article(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_text(
        f"Title {MARKUP}\n\nBody {MARKUP}\n\nBody {CONTROLS}\n\n"
        f"  1. Comment {MARKUP}\n\n  2. Comment {CONTROLS}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31m", "␛[31m"),
        ("a\x07b", "a␇b"),
        ("\x9b2J", "\ufffd2J"),
        ("tab\tstop", "tab    stop"),
        ("line\nbreak", "line\nbreak"),
        ("\u202eevil", "evil"),
    ],
)
def test_neutralise_shows_controls_as_visible_placeholders(raw: str, shown: str) -> None:
    assert neutralise(raw) == shown


async def test_markup_in_documents_is_shown_literally(tmp_path: Path) -> None:
    app = make_app([hostile_article(tmp_path)])
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        thread = app.query_one(ThreadView)
        body = app.query_one(ArticleBody)
        thread_text = "".join(thread.render_line(y).text for y in range(thread.size.height))
        body_text = "".join(body.render_line(y).text for y in range(body.size.height))
        assert "[bold red]x[/bold red]" in thread_text
        assert "[@click=app.quit]quit[/]" in body_text
        prompt = app.query_one(ArticleList).prompt_at(0)
        assert "[bold red]x[/bold red]" in str(prompt)
        # Clicking where a [@click] would be does nothing: the app keeps running.
        await pilot.click(body, offset=(20, 4))
        assert app.is_running


async def test_control_sequences_never_reach_the_screen(tmp_path: Path) -> None:
    app = make_app([hostile_article(tmp_path)])
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        lines = [
            widget.render_line(y).text
            for widget in (app.query_one(ThreadView), app.query_one(ArticleBody))
            for y in range(widget.size.height)
        ]
        shown = "\n".join(lines)
        assert "␛[31mred" in shown, "the escape is shown as a visible placeholder"
        assert "␛]52;c;ZXZpbA==␇" in shown
        assert not CONTROL_CHARACTER.search(shown)
