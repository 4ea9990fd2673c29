"""`a` / `A` go to the next / previous comment by the author of the one under
the cursor, `}` / `{` by the article's author (OP), unfolding what hides it;
each is a jump `'` comes back from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.ui.thread.view import ThreadView

from .conftest import cursor_path, make_app, record_notifications
from .scenes import settle


def item(item_id: int, author: str, children: list[dict] | None = None) -> dict:
    return {
        "id": item_id,
        "created_at_i": 1714566896 + item_id,
        "type": "comment",
        "author": author,
        "text": f"Comment {item_id} by {author}.",
        "children": children or [],
    }


@pytest.fixture
def authors(tmp_path: Path) -> Path:
    """1 ann, 1.1 opal (the OP), 2 bob, 2.1 ann, 3 opal, 4 cy."""
    story = {
        "id": 1,
        "created_at_i": 1714566896,
        "type": "story",
        "author": "opal",
        "title": "Who said what",
        "url": None,
        "text": "The story.",
        "children": [
            item(2, "ann", [item(3, "opal")]),
            item(4, "bob", [item(5, "ann")]),
            item(6, "opal"),
            item(7, "cy"),
        ],
    }
    path = tmp_path / "authors.json"
    path.write_text(json.dumps(story), encoding="utf-8")
    return path


async def test_a_and_shift_a_follow_the_cursor_s_author(authors: Path) -> None:
    app = make_app([authors])
    notes = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "C")
        view = app.query_one(ThreadView)
        assert cursor_path(view) == "1"
        await pilot.press("a")
        assert cursor_path(view) == "2.1", "under a fold, unfolded"
        await pilot.press("a")
        assert cursor_path(view) == "2.1"
        assert any(note["message"] == "No comment by ann after this one" for note in notes)
        await pilot.press("A")
        assert cursor_path(view) == "1"
        await pilot.press("apostrophe")
        assert cursor_path(view) == "2.1", "a jump, gone back from"


async def test_braces_go_to_the_op_s_comments(authors: Path) -> None:
    app = make_app([authors])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "right_curly_bracket")
        view = app.query_one(ThreadView)
        assert cursor_path(view) == "1.1"
        await pilot.press("right_curly_bracket")
        assert cursor_path(view) == "3"
        await pilot.press("left_curly_bracket")
        assert cursor_path(view) == "1.1"
