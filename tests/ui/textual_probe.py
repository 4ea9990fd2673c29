"""What Textual does for the app, observed by tests: the screen's layouts and
frames, through Textual's public API, and the screen's lines as composited
for the terminal, the one thing here that only a private name of Textual's
gives (see `screen_lines`)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip


def on_layouts(screen: Screen[object], record: Callable[[Screen[object]], object]) -> None:
    """`record(screen)` at each layout of `screen` from now on. Textual publishes
    the signal after each one, but for the app's very first (which posts
    `events.Ready` instead)."""
    screen.screen_layout_refresh_signal.subscribe(screen.app, record, immediate=True)


def on_frames(screen: Screen[object], record: Callable[[], object]) -> None:
    """`record()` as each frame of `screen` is drawn, before it is written out:
    the compositor asks the screen, which lies under every widget, for its
    lines once a frame, whatever part of the screen changed."""
    render_lines = screen.render_lines

    def drawn(crop: Region) -> list[Strip]:
        record()
        return render_lines(crop)

    screen.render_lines = drawn  # type: ignore[method-assign]


def screen_lines(app: App[object]) -> list[str]:
    """The lines of the app's screen as written to the terminal: every widget
    drawn and cut to its place. Textual makes them only for a frame's update
    or, in its public API, for an SVG (`App.export_screenshot`), which places
    text by Rich's measure of it: a test of what the terminal's measure makes
    of the lines needs the text itself. So this reads the screen's compositor,
    a private name (checked against Textual 8.0.0 and 8.2.8)."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]
