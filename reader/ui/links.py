"""Opening and copying the URLs that documents hold, only ever on a key press.

A URL comes from an untrusted file: only web and mail links are opened (never
`file:`, `javascript:` or a custom scheme that could start a program). Python's
`webbrowser` falls back to a text-mode browser (w3m, lynx) when there is no
display; such a browser needs the terminal, so the app is suspended while it
runs instead of both fighting over the screen.

A URL holding a control character or whitespace inside is no link at all but
a trap (`http://x/<ESC>]52;c;...<BEL>` would write the clipboard, a newline would
smuggle a second line to whatever pastes it): neither opened nor copied.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from textual.app import App

from ..sanitize import neutralise

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})


def is_openable(url: str) -> bool:
    """Whether `url` is a web or mail link, safe to hand to a browser."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in OPENABLE_SCHEMES and bool(parts.netloc or parts.path)


def has_hidden_characters(url: str) -> bool:
    """Whether `url`, spaces and line ends around it stripped, holds a control or
    format character (escape, bell, a bidirectional override, a zero-width
    space) or whitespace."""
    return any(
        character.isspace() or unicodedata.category(character) in _HIDDEN_CATEGORIES
        for character in url.strip(" \t\r\n")
    )


# Controls (C0, DEL, C1) and format characters (bidirectional marks, zero widths).
_HIDDEN_CATEGORIES = frozenset(("Cc", "Cf"))


def _refused(app: App[object], url: str) -> bool:
    """Whether `url` is refused for hiding characters, having said so."""
    if not has_hidden_characters(url):
        return False
    app.notify(
        f"A link with control characters or spaces, refused: {neutralise(url)}",
        severity="warning",
        markup=False,
    )
    return True


def open_link(app: App[object], url: str) -> None:
    """Open `url` in the system browser, or say why not."""
    shown = neutralise(url)
    if _refused(app, url):
        return
    if not is_openable(url):
        app.notify(f"Not a web link, not opened: {shown}", severity="warning", markup=False)
        return
    import webbrowser  # here, not at start-up: only a key press opens a link

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        app.notify("No web browser found: press y to copy the link", severity="warning")
        return
    # GUI browsers are `BackgroundBrowser`s and return at once; a plain
    # `GenericBrowser` is a console program that takes over the terminal.
    if type(browser) is webbrowser.GenericBrowser:
        with app.suspend():
            browser.open(url.strip())
    else:
        browser.open(url.strip())
    app.notify(f"Opened {shown}", markup=False)


def copy_link(app: App[object], url: str) -> None:
    """Copy `url` to the terminal's clipboard (OSC 52), and say so."""
    if _refused(app, url):
        return
    app.copy_to_clipboard(url.strip())
    app.notify(f"Copied {neutralise(url)}", markup=False)
