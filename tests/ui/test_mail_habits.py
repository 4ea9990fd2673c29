"""mutt's habits in a mail thread: `T` folds quoted text to a line saying how
long it is; `|` pipes the message under the cursor, raw, to a command typed at
a prompt and shows what it said; `S` saves it, raw, to a file (never over
one). Nothing runs but what is typed; none of it is offered outside mail."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from reader.formats.mail.raw import raw_message
from reader.ui.screens.full_text import FullTextScreen
from reader.ui.screens.prompt import PromptScreen
from reader.ui.thread.view import ThreadView

from .conftest import cursor_path, make_app, record_notifications
from .scenes import FIXTURES, settle, wait_for

SERIES = FIXTURES / "tidepool.mbox"
REVIEW_ID = "<87h6l1mnrq.fsf@example.net>"


async def open_review(app, pilot) -> ThreadView:  # type: ignore[no-untyped-def]
    """The review of patch 2/3, which quotes the patch."""
    await settle(pilot)
    await pilot.press("tab", "tab")
    view = app.query_one(ThreadView)
    assert view.thread is not None
    review = next(c for c in view.thread.comments if c.source_id == REVIEW_ID)
    view.go_to_comment(review.index)
    await settle(pilot)
    assert cursor_path(view) == "2.1"
    return view


def comment_lines(view: ThreadView) -> str:
    painted = view.thread_layout.painted(view.cursor)
    return "\n".join(strip.text for strip in painted.strips)


async def test_t_folds_quoted_text_to_a_line_and_shows_it_again() -> None:
    app = make_app([SERIES])
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_review(app, pilot)
        assert "+#define MAX_CONSTITUENTS 37" in comment_lines(view)
        await pilot.press("T")
        await settle(pilot)
        folded = comment_lines(view)
        assert "MAX_CONSTITUENTS" not in folded
        assert "quoted lines]" in folded
        await pilot.press("T")
        await settle(pilot)
        assert "+#define MAX_CONSTITUENTS 37" in comment_lines(view)


async def type_answer(app, pilot, answer: str) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the prompt")
    app.screen.query_one(Input).value = answer
    await pilot.press("enter")


async def test_pipe_sends_the_raw_message_to_the_command_and_shows_its_output() -> None:
    app = make_app([SERIES])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(app, pilot)
        await pilot.press("vertical_line")
        await type_answer(app, pilot, "grep -i '^message-id:'; echo done >&2")
        await wait_for(pilot, lambda: isinstance(app.screen, FullTextScreen), "the output")
        shown = str(app.screen.query_one(Static).render())
        assert f"Message-ID: {REVIEW_ID}" in shown
        assert "done" in shown, "its errors too"
        assert "exit status 0" in app.screen.title_text


async def test_escape_at_the_prompt_runs_nothing() -> None:
    app = make_app([SERIES])
    notes = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(app, pilot)
        await pilot.press("vertical_line")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the prompt")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (PromptScreen, FullTextScreen))
        assert not any(note["message"].startswith("Running") for note in notes)


async def test_s_saves_the_raw_message_and_never_over_a_file(tmp_path: Path) -> None:
    app = make_app([SERIES])
    notes = record_notifications(app)
    target = tmp_path / "review.eml"
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(app, pilot)
        await pilot.press("S")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the prompt")
        suggested = app.screen.query_one(Input).value
        # Its subject's words, cut to 60 characters.
        assert suggested == "re-tidepool-devel-patch-2-3-tides-use-the-constants-reader-i.eml"
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_bytes() == raw_message(SERIES, REVIEW_ID)
        assert f"Message-ID: {REVIEW_ID}".encode() in target.read_bytes()
        target.write_bytes(b"mine")
        await pilot.press("S")
        await type_answer(app, pilot, str(target))
        await settle(pilot)
        assert target.read_bytes() == b"mine"
        assert any("is there already" in note["message"] for note in notes)


async def test_the_mail_keys_act_only_in_a_mail_thread() -> None:
    app = make_app([FIXTURES / "reddit.json"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "vertical_line", "S")
        await settle(pilot)
        assert not isinstance(app.screen, PromptScreen)
