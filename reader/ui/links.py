"""Opening and copying the URLs that documents hold, only ever on a key press.

A URL comes from an untrusted file: only web and mail links are opened (never
`file:`, `javascript:` or a custom scheme that could start a program). Python's
`webbrowser` falls back to a text-mode browser (w3m, lynx) when there is no
display; such a browser needs the terminal, so the app is suspended while it
runs instead of both fighting over the screen.
"""

from __future__ import annotations

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


def open_link(app: App[object], url: str) -> None:
    """Open `url` in the system browser, or say why not."""
    shown = neutralise(url)
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
    app.copy_to_clipboard(url.strip())
    app.notify(f"Copied {neutralise(url)}", markup=False)
