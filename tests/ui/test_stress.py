"""Hardening (issue 6): random keys and terminal resizes against the running app.

A seeded random walk over every key of the thread, body and article list, the
search bar (typing queries, editing them with typing, `backspace` and `ctrl+u`
while `alt+f`, `alt+r`, `alt+w` toggle the filter, regex and whole word; `n`, `N`,
`escape`), the
help screen and terminal sizes from 20x5 to 300x100, on the bundled seeds and on
a generated thread of about 500 comments with a 300-deep reply chain. After every
step the app is still running and the thread view's cursor is on a visible
comment; at the end `q` quits with status 0.

The walk is reproducible: a failure names its seed and step. By default it is
short so that CI stays fast; run it longer by hand with, for example:

    READER_STRESS_STEPS=3000 READER_STRESS_SEED=7 pytest tests/ui/test_stress.py
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.formats.seedtext import render_seed_text
from reader.model import Article, Comment
from reader.ui.app import ReaderApp
from reader.ui.thread.view import ThreadView

from ..seeds import SEEDS
from .conftest import make_app
from .scenes import settle

STEPS = int(os.environ.get("READER_STRESS_STEPS", "100"))
SEED = int(os.environ.get("READER_STRESS_SEED", "6"))

KEYS = [
    *"jkhlpJKCEgGcnN",
    *"123456789",
    "left_square_bracket",
    "right_square_bracket",
    "space",
    "enter",
    "pagedown",
    "pageup",
    "home",
    "end",
    "up",
    "down",
    "left",
    "right",
    "tab",
    "shift+tab",
    "escape",
    "alt+f",
    "alt+r",
    "alt+w",
    "question_mark",
]
QUERIES = ["needle", "the", "Mosul", "e", "N", "(", "a.*b", "]", "été", "zzz-no-match", "\\b"]
# Editing a query in the open bar: keys, or words to type.
EDIT_KEYS = ["backspace", "ctrl+u", "alt+f", "alt+r", "alt+w"]
EDITS = [*EDIT_KEYS, "backspace", "aleppo", "trump", "needle", "a", "the", "zzz", "e"]
WORDS = "the a needle thread reply comment civilians Mosul été ÉTÉ 中文 wide (x) [y] a.b".split()


def deep_thread(rng: random.Random) -> Article:
    """About 500 comments: a 300-deep reply chain under the second top-level
    comment, and about 200 more in random places."""

    def comment() -> Comment:
        paragraphs = rng.randint(1, 3)
        return Comment(
            text=[" ".join(rng.choices(WORDS, k=rng.randint(1, 40))) for _ in range(paragraphs)]
        )

    roots = [comment() for _ in range(3)]
    node = roots[1]
    every = [*roots]
    for _ in range(300):
        child = comment()
        node.replies.append(child)
        every.append(child)
        node = child
    for _ in range(200):
        child = comment()
        parent = rng.choice([*every, None])
        (parent.replies if parent is not None else roots).append(child)
        every.append(child)
    return Article(
        title="A deep thread", body=["A body. " * 40, "Second paragraph."], comments=roots
    )


def check_invariants(app: ReaderApp, where: str) -> None:
    assert app.is_running and app.return_code is None, f"the app stopped {where}"
    view = app.main_screen.query_one(ThreadView)
    thread = view.thread
    visible = len(view.rows.rows) if thread is not None and view.rows is not None else 0
    if visible:
        assert view.rows is not None
        assert view.rows.position(view.cursor) is not None, (
            f"cursor {view.cursor} is on no visible comment ({visible} shown) {where}"
        )
    else:
        # No comments, or a search filter that matches none of them.
        assert view.cursor == -1, f"cursor {view.cursor} without visible comments {where}"


async def random_walk(app: ReaderApp, pilot: Pilot[None], rng: random.Random, steps: int) -> None:
    await settle(pilot)
    check_invariants(app, "after loading")
    for step in range(steps):
        roll = rng.random()
        if roll < 0.08:
            size = (rng.randint(20, 300), rng.randint(5, 100))
            action = f"resize to {size}"
            await pilot.resize_terminal(*size)
        elif roll < 0.16:
            query = rng.choice(QUERIES)
            action = f"search {query!r}"
            await pilot.press("slash", *query)
        elif roll < 0.40:
            edits = [rng.choice(EDITS) for _ in range(rng.randint(1, 4))]
            action = f"edit the query {edits!r}"
            await pilot.press("slash")
            for edit in edits:
                await pilot.press(*([edit] if edit in EDIT_KEYS else list(edit)))
                if rng.random() < 0.5:
                    # Let the search finish, so the next edit changes a shown result.
                    await app.workers.wait_for_complete()
        else:
            key = rng.choice(KEYS)
            action = f"key {key!r}"
            await pilot.press(key)
        if rng.random() < 0.2:
            await app.workers.wait_for_complete()
        check_invariants(app, f"at step {step} ({action}), seed {SEED}")


async def quit_cleanly(app: ReaderApp, pilot: Pilot[None]) -> None:
    # Out of the search bar and the help screen, wherever the walk left them.
    for _ in range(3):
        await pilot.press("escape")
    await app.workers.wait_for_complete()
    await pilot.press("q")
    await pilot.pause()


@pytest.mark.parametrize("corpus", ["seeds", "deep"])
async def test_random_keys_and_resizes_keep_the_app_consistent(tmp_path: Path, corpus: str) -> None:
    rng = random.Random(f"{SEED}-{corpus}")
    if corpus == "seeds":
        paths = [SEEDS]
    else:
        deep = tmp_path / "deep.txt"
        deep.write_text(render_seed_text(deep_thread(rng)), encoding="utf-8")
        paths = [deep, *sorted(SEEDS.glob("*.txt"))]
    app = make_app(paths)
    async with app.run_test(size=(120, 40)) as pilot:
        if corpus == "deep":
            await settle(pilot)
            screen = app.main_screen
            assert screen.thread is not None and len(screen.thread) > 500
            assert max(screen.thread.depths) >= 300
        await random_walk(app, pilot, rng, STEPS)
        await quit_cleanly(app, pilot)
    assert app.return_code == 0
