"""The links of a comment or of the article body, to open or copy one by number.

Each entry shows the link's words (and its title) above its URL, so the link
the text points at is the one picked; the list scrolls with its highlight,
which `j` / `k` move too, and never runs past the window.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...sanitize import neutralise
from ...text import Link
from ..commands import LINK_PICKER_COMMANDS, bindings
from ..links import copy_link, open_link

# Rows of the window that are not the list: its border, the title and the gap.
WINDOW_ROWS = 4
# The most of the screen's height the window takes (its CSS `max-height`), and
# the footer's line, which the screen has too.
WINDOW_SHARE = 0.8
FOOTER_ROWS = 1


def link_prompt(number: int, link: Link) -> Text:
    """An entry: `[n]` and the link's words (and title); its URL below them.
    A link whose words are its URL (or a cut of it) is one line: the URL."""
    url = neutralise(link.url)
    words = " ".join(neutralise(link.text).split())
    title = " ".join(neutralise(link.title or "").split())
    prompt = Text(f"[{number}] ")
    if words and not url.startswith(words.rstrip(".…")):
        prompt.append(words, style="bold")
    if title and title != words:
        prompt.append(f" — {title}", style="italic")
    if len(prompt) == len(f"[{number}] "):
        prompt.append(url)
        return prompt
    prompt.append("\n" + " " * len(f"[{number}] "))
    prompt.append(url, style="dim")
    return prompt


class LinksScreen(ModalScreen[None]):
    """Numbered links: `1`-`9` or `enter`/`o` opens one, `y` copies it."""

    DEFAULT_CSS = """
    LinksScreen {
        align: center middle;
        & > Vertical {
            width: 90%;
            max-width: 120;
            height: auto;
            max-height: 80%;
            border: round $accent;
            background: $surface;
            padding: 0 1;
        }
        #links-title { text-style: bold; padding-bottom: 1; }
        OptionList { height: auto; border: none; &:focus { border: none; } }
    }
    """

    BINDINGS = bindings(LINK_PICKER_COMMANDS)

    def __init__(self, title: str, links: Sequence[Link]) -> None:
        super().__init__()
        self.title_text = title
        self.links = list(links)
        self.urls = [link.url for link in self.links]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(neutralise(self.title_text), id="links-title", markup=False)
            yield OptionList(
                *(
                    Option(link_prompt(number, link), id=str(number - 1))
                    for number, link in enumerate(self.links, 1)
                ),
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        # The first link is the one `enter` opens until another is chosen.
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The list no taller than the window has room for: taller, the window
        cut it off, and the highlight went out of sight below the cut."""
        # The window's share is of the screen above the footer.
        rows = max(3, int((self.size.height - FOOTER_ROWS) * WINDOW_SHARE) - WINDOW_ROWS)
        self.query_one(OptionList).styles.max_height = rows

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_first(self) -> None:
        self.query_one(OptionList).action_first()

    def action_last(self) -> None:
        self.query_one(OptionList).action_last()

    def _highlighted_url(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return self.urls[options.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        url = self._highlighted_url()
        if url is not None:
            self.dismiss()
            open_link(self.app, url)

    def action_open_number(self, number: int) -> None:
        if 1 <= number <= len(self.urls):
            self.dismiss()
            open_link(self.app, self.urls[number - 1])

    def action_copy(self) -> None:
        url = self._highlighted_url()
        if url is not None:
            self.dismiss()
            copy_link(self.app, url)

    def action_close(self) -> None:
        self.dismiss()
