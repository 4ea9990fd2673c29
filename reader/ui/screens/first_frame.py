"""The main screen's first frame, out at once and whole (issue 12): nothing is
laid out or painted until the screen is set up, the cyclic collector waits
until that frame is out, the screen's first showing does not style every
widget again, and the size the terminal reports at start does not lay the
screen out again.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack

from textual import events
from textual.app import App
from textual.screen import Screen

from ...collector import pause_collector


class FirstFrame:
    """Holds the first frame back until the screen is set up, and keeps the
    work that would change nothing out of it."""

    def __init__(self) -> None:
        # Resumes the collector paused for the first frame (see `hold`).
        self._resume_collector: Callable[[], None] = lambda: None
        self._setting_up = ExitStack()
        self._shown = False

    def hold(self, app: App[object]) -> None:
        """As the screen is composed: no collection and no frame until `set_up`."""
        # The cyclic collector is paused until the first frame is out: building
        # and styling the screen makes long-lived objects and little garbage,
        # yet some 150 young collections rescanned them (about 15 ms).
        self._resume_collector = pause_collector()
        # Nothing is laid out or painted until `on_mount` has set the screen up:
        # Textual's update timer runs on its own, and a frame in between (as the
        # panes mount, or while `on_mount` awaits the footer) showed a half-built
        # screen, without the first article or the footer's keys.
        self._setting_up.enter_context(app.batch_update())

    def set_up(self) -> None:
        """The screen is set up: the first frame may be laid out and painted."""
        self._setting_up.close()

    def out(self) -> None:
        """The first frame is out (or nothing waits for it): collect again."""
        self._resume_collector()

    def then_load(self, screen: Screen[None], load: Callable[[], object], shows: bool) -> None:
        """Once the first frame is out, collect again and `load` the rest:
        parsing in the worker would take the GIL from the UI thread while it
        lays that frame out. Unless it `shows` an article: then at once."""
        if not shows:
            self.out()
            load()
            return

        def load_the_rest() -> None:
            self.out()
            # Not when the app is ending already (`q` typed ahead): the worker
            # would hand its results to a screen that has gone.
            if screen.is_attached:
                load()

        screen.call_after_refresh(load_the_rest)

    def close(self) -> None:
        """The screen is unmounted: nothing held back any longer."""
        self._setting_up.close()
        self._resume_collector()

    def resumed(self, event: events.ScreenResume) -> None:
        """The screen's first resume comes as it is shown for the first time,
        an instant after every widget was styled as it mounted: styling them
        all again (7 ms of the first frame) would change nothing. Later resumes
        (a dialog closed, the theme changed under it) restyle as Textual does."""
        if not self._shown:
            self._shown = True
            event.refresh_styles = False

    def laid_out_already(self, screen: Screen[None], event: events.Resize) -> bool:
        """Whether `screen` is laid out at the new size already (the event
        stopped): the size the terminal reports as the app starts comes after
        the first frame, and Textual would lay out and paint every widget again."""
        if screen.region.size == event.size:
            event.prevent_default()
            return True
        return False
