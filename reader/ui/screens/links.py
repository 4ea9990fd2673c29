"""The links of a comment or of the article body, to open or copy one by number."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...sanitize import neutralise
from ..links import copy_link, open_link


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
        OptionList { height: auto; max-height: 20; border: none; &:focus { border: none; } }
    }
    """

    BINDINGS = [
        Binding("enter,o", "open", "Open", id="links.open"),
        Binding("y", "copy", "Copy", id="links.copy"),
        Binding("escape,q", "close", "Close", id="links.close"),
        *(
            Binding(str(n), f"open_number({n})", f"Open {n}", show=False, id=f"links.{n}")
            for n in range(1, 10)
        ),
    ]

    def __init__(self, title: str, urls: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.urls = urls

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(neutralise(self.title_text), id="links-title", markup=False)
            yield OptionList(
                *(
                    Option(f"[{number}] {neutralise(url)}", id=str(number - 1))
                    for number, url in enumerate(self.urls, 1)
                ),
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        # The first link is the one `enter` opens until another is chosen.
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

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
