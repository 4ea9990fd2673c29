"""One app factory for the UI tests: the real app on the seeds or on given files."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from reader.loading import Loading
from reader.ui.app import ReaderApp
from reader.ui.thread.view import ThreadView

# FIRST_SEED and SECOND_SEED are re-exported for tests that import them from here.
from tests.seeds import FIRST_SEED, SECOND_SEED, SEEDS  # noqa: F401

# A thread with depth: 1 has replies 1.1 (with 1.1.1, 1.1.2) and 1.2; 2 and 3 are leaves.
NESTED_THREAD = """\
A nested thread

The body of the nested thread.

  1. First top-level comment.
    • Reply one-one.
      • Reply one-one-one.
      • Reply one-one-two.
    • Reply one-two.
  2. Second top-level comment.
  3. Third top-level comment.
"""


def make_app(paths: list[Path] | None = None) -> ReaderApp:
    return ReaderApp(Loading(paths or [SEEDS]))


def cursor_path(view: ThreadView) -> str:
    """The path (`1.2.1`) of the comment under the thread's cursor."""
    assert view.thread is not None
    return view.thread.comments[view.cursor].path


def focused_id(app: ReaderApp) -> str | None:
    return app.screen.focused.id if app.screen.focused else None


def record_notifications(app: ReaderApp) -> list[dict[str, Any]]:
    """Every notification the app is asked to show from now on: its message and
    options, as passed to the public `notify` (the screens and widgets call it)."""
    calls: list[dict[str, Any]] = []
    notify = app.notify

    def recording(message: str, **options: Any) -> None:
        calls.append({"message": message, **options})
        notify(message, **options)

    app.notify = recording  # type: ignore[method-assign]
    return calls


@pytest.fixture
def nested_file(tmp_path: Path) -> Path:
    path = tmp_path / "nested.txt"
    path.write_text(NESTED_THREAD, encoding="utf-8")
    return path


@pytest.fixture
def app_factory() -> Callable[..., ReaderApp]:
    return make_app


class FakeBrowser:
    """Stands in for the system browser: records what it is asked to open."""

    def __init__(self) -> None:
        self.opened: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return True


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> FakeBrowser:
    fake = FakeBrowser()
    monkeypatch.setattr(webbrowser, "get", lambda using=None: fake)
    return fake


@pytest.fixture
def clipboard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    copied: list[str] = []
    monkeypatch.setattr(App, "copy_to_clipboard", lambda self, text: copied.append(text))
    return copied
