"""The one-line search bar at the bottom of a pane, as in a pager.

It edits a `Query` (text plus the regex / whole-word / filter toggles, shown as
state) and reports every change, once, to its pane's `changed` as the key is
handled; it shows the match counter or the reason a query is invalid. It does
no searching itself: its pane does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.widgets import Input, Label

from ...sanitize import neutralise
from ...search.history import SearchHistory
from ...search.query import Query
from ..commands import SEARCH_BAR_COMMANDS, bindings


class Toggle(Label):
    """A switch in the bar, shown lit when on; clicking flips it."""

    DEFAULT_CSS = """
    Toggle {
        padding: 0 1;
        color: $text-muted;
        &.-on { color: $text; background: $primary; text-style: bold; }
    }
    """

    value: reactive[bool] = reactive(False)

    class Flipped(Message):
        def __init__(self, toggle: Toggle) -> None:
            super().__init__()
            self.toggle = toggle

    def watch_value(self, value: bool) -> None:
        self.set_class(value, "-on")

    def on_click(self) -> None:
        self.value = not self.value
        self.post_message(self.Flipped(self))


class QueryInput(Input):
    """Textual's `Input`, whose size change per keystroke lays out nothing,
    and which hands on the keys typed after the bar was left.

    The input's virtual size follows its text, and Textual lays the whole
    screen out again when a widget's virtual size changes: a relayout per
    keystroke, before the next key's echo. No layout depends on it here (one
    line, no scrollbar): it is kept for the input's own scrolling only."""

    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(
        self, value: str, pass_on: Callable[[list[events.Key]], None], **kwargs: Any
    ) -> None:
        super().__init__(value, **kwargs)
        self._pass_on = pass_on
        # Set once Enter or escape has left the bar. The keys after it in the
        # same write (a macro, a paste) reach the input before the focus has
        # moved on: they are the view's, handed on, not typed into the query.
        self.passing = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Not the input's own keys either (`left`, `backspace`): handed on as keys.
        return False if self.passing else super().check_action(action, parameters)

    def on_key(self, event: events.Key) -> None:
        if self.passing:
            event.stop()
            # Before `Input`'s own handler, which would type it.
            event.prevent_default()
            self._pass_on([event])


class SearchBar(Horizontal):
    """Query input, toggles and the `i/N` counter."""

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        dock: bottom;
        display: none;
        background: $panel;
        &.-open { display: block; }
        Input {
            border: none;
            height: 1;
            width: 1fr;
            padding: 0;
            background: $panel;
            &:focus { border: none; background: $panel; }
        }
        #search-prompt { padding: 0 0 0 1; color: $text-accent; text-style: bold; }
        /* One width whatever it says (`12345/100000…` at most): a status that
           changed width laid the whole screen out again, at every keystroke
           that started or ended a count, before the next key's echo. */
        #search-status { padding: 0 1; color: $text-muted; width: 16; }
        #search-status.-error { color: $text-error; }
    }
    """

    BINDINGS = bindings(SEARCH_BAR_COMMANDS)

    class Submitted(Message):
        """`enter`: leave the bar, keep the search."""

        def __init__(self, bar: SearchBar) -> None:
            super().__init__()
            self.bar = bar

    class Cancelled(Message):
        """`escape`: end the search."""

        def __init__(self, bar: SearchBar) -> None:
            super().__init__()
            self.bar = bar

    def __init__(
        self,
        history: SearchHistory,
        query: Query | None = None,
        *,
        filter_toggle: bool = False,
        changed: Callable[[Query], None] | None = None,
        id: str | None = None,
    ) -> None:
        """`changed` is told each new query (an edit, a toggle) as soon as it is
        made, before the frame that shows it: the search for the query it
        replaces can stop at once, not hold up that frame."""
        super().__init__(id=id)
        self._filter_toggle = filter_toggle
        self._changed = changed
        # Shared by the screen's bars; `up` / `down` walk it.
        self.history = history
        # Built here, not in `compose`: the bar is mounted on its first use, and
        # its pane sets and reads the query before the children are mounted.
        # No validation: it would restyle the input (`-valid`) at every keystroke.
        shown = query or Query("")
        self._input = QueryInput(
            shown.text,
            self._forward_after_leaving,
            placeholder="search",
            id="search-input",
            select_on_focus=False,
            validate_on=(),
        )
        self._regex = Toggle(".*", id="regex").with_tooltip("Regular expression (alt+r)")
        self._word = Toggle("word", id="word").with_tooltip("Whole word (alt+w)")
        self._filter = Toggle("filter", id="filter").with_tooltip("Only matching comments (alt+f)")
        self._regex.value, self._word.value = shown.regex, shown.whole_word
        self._status = Label("", id="search-status")
        # The query last reported or set: the input's first value (its
        # initial value) and edits that come back to it search nothing again.
        self._reported = shown
        # Where `up` / `down` are in the history (None: not walking it), and what
        # was typed before the walk began, which `down` past the newest returns to.
        self._walk: int | None = None
        self._draft = ""

    def compose(self) -> ComposeResult:
        yield Label("/", id="search-prompt")
        yield self._input
        yield self._regex
        yield self._word
        if self._filter_toggle:
            yield self._filter
        yield self._status

    @property
    def search_query(self) -> Query:
        return Query(self._input.value, regex=self._regex.value, whole_word=self._word.value)

    @property
    def filtering(self) -> bool:
        return self._filter_toggle and self._filter.value

    def open(self) -> None:
        """Show the bar with the last query selected: typing replaces it, `→` keeps it."""
        self.add_class("-open")
        self._input.passing = False
        self._walk = None
        self._input.select_all()
        # At once, not after a refresh: keys typed right after `/` are the query's.
        if self._input.is_attached:
            self.screen.set_focus(self._input)

    class Mounted(Message):
        """The bar, opened before it was mounted, is mounted and has the focus."""

        def __init__(self, bar: SearchBar) -> None:
            super().__init__()
            self.bar = bar

    def on_mount(self) -> None:
        # A watcher runs as the input's value is set, while the key is handled.
        self.watch(self._input, "value", self._edited, init=False)
        if self.has_class("-open"):
            self.screen.set_focus(self._input)
            self.post_message(self.Mounted(self))

    def type_keys(self, keys: list[events.Key]) -> None:
        """Keys typed before the input could take them, replayed to it in order.

        A character is posted to the input, as the app forwards one. A key the
        input acts on through a binding (Enter keeps the search, Backspace
        deletes) would be skipped there, since the app runs bindings before it
        forwards a key: its binding is run in the input's turn, after the
        characters before it, and the keys after it go to the app again, which
        gives them to whatever has the focus then (the view, once Enter has
        kept the search)."""
        for number, key in enumerate(keys):
            if key.is_printable:
                self._input.post_message(events.Key(key.key, key.character))
            else:
                self._input.call_later(self._press, key.key, keys[number + 1 :])
                return

    async def _press(self, key: str, after: list[events.Key]) -> None:
        active = self.screen.active_bindings.get(key)
        if active is not None and active.enabled:
            await self.app.run_action(active.binding.action, active.node)
        if after:
            self._forward_after_leaving(after)

    def _forward_after_leaving(self, keys: list[events.Key]) -> None:
        # Once what the key before them posted (Enter's `Submitted`, on which
        # the pane gives the view the focus) has gone through the bar and the pane.
        self.call_later(self._forward_to_pane_then_app, keys)

    def _forward_to_pane_then_app(self, keys: list[events.Key]) -> None:
        pane = self.parent
        if pane is not None:
            pane.call_later(self.app.call_later, self._post_to_app, keys)

    def _post_to_app(self, keys: list[events.Key]) -> None:
        # Made in the app's turn: a message made in a widget's stops bubbling
        # at that widget, and a key's bindings are looked up once it reaches the app.
        for key in keys:
            self.app.post_message(events.Key(key.key, key.character))

    def set_query(self, query: Query) -> None:
        """Show `query` in the bar without reporting it as a change."""
        self._reported = query
        self._input.value = query.text
        self._regex.value = query.regex
        self._word.value = query.whole_word

    def close(self) -> None:
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def set_status(self, status: str, error: bool = False) -> None:
        label = self._status
        # Content, not str: the status can quote the query (a regex error).
        # Its width is fixed: nothing to lay out.
        label.update(Content(neutralise(status)), layout=False)
        label.set_class(error, "-error")

    def _report(self, always: bool = False) -> None:
        query = self.search_query
        # A toggle always reports: the filter changes no query, but what is shown.
        if always or query != self._reported:
            self._reported = query
            if self._changed is not None:
                self._changed(query)

    def _edited(self) -> None:
        self._report()

    @on(Input.Changed)
    def _text_changed(self, event: Input.Changed) -> None:
        event.stop()  # Reported as the value was set (`_edited`).

    def action_history(self, step: int) -> None:
        """Show the query `step` places older (-1) or newer (+1) in the history."""
        entries = self.history.entries
        entry = self._input
        if self._walk is None:
            if step > 0 or not entries:
                return
            self._draft = entry.value
            # The newest entry is often what the bar shows already: skip it.
            newest = len(entries) - (2 if entries[-1] == entry.value else 1)
            self._walk = max(newest, 0)
        else:
            self._walk = max(self._walk + step, 0)
        if self._walk >= len(entries):
            self._walk = None
            entry.value = self._draft
        else:
            entry.value = entries[self._walk]
        entry.action_end()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._input.passing:
            return False  # left: its keys are handed on by the input
        # Only the comments' bar has a filter; elsewhere its keys are the input's.
        if action == "toggle" and parameters == ("filter",):
            return self._filter_toggle
        return True

    def action_submit(self) -> None:
        self.history.add(self._input.value)
        self._input.passing = True
        self.post_message(self.Submitted(self))

    @on(Toggle.Flipped)
    def _flipped(self, event: Toggle.Flipped) -> None:
        event.stop()
        self._report(always=True)

    def action_toggle(self, name: str) -> None:
        for toggle in self.query(f"#{name}").results(Toggle):
            toggle.value = not toggle.value
            self._report(always=True)

    def action_cancel(self) -> None:
        self._input.passing = True
        self.post_message(self.Cancelled(self))
