"""`reader --print-config`: every setting with its default, commented out, for a
user to start a config file from."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

# Textual's default theme.
DEFAULT_THEME = "textual-dark"


def config_template(path: Path, bindings: Iterable[tuple[str, str, str]]) -> str:
    """The commented config file. `bindings` are the UI's `(binding id, default
    keys as "k1,k2", what it does)`."""
    import json  # here: only `--print-config` writes the template

    from .network import DEFAULT_KEEP_DAYS, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT

    lines = [
        f"# reader's configuration: {path}",
        "# reader only reads this file. Every setting is shown with its default,",
        "# commented out: uncomment a line and change it.",
        "",
        '# Colour theme: any Textual theme name (ctrl+p, "theme" lists them). Unset, reader',
        "# uses the theme last chosen in the command palette.",
        f"# theme = {json.dumps(DEFAULT_THEME)}",
        "",
        '# How comment times are shown: "relative" (3 hours ago) or "absolute".',
        '# time = "relative"',
        "",
        '# Animations, as Textual\'s animation level: "none" (scrolling jumps, as in a',
        '# pager), "basic" or "full" (scrolling glides). Unset: the TEXTUAL_ANIMATIONS',
        '# environment variable, else "none".',
        '# animation = "none"',
        "",
        "# What `reader` with no argument opens: files, directories or URLs (feeds: your",
        "# subscriptions; an .opml file stands for the feeds it lists); ~ is your",
        "# home, relative paths are relative to this file. Empty: the bundled samples.",
        "# paths = []",
        "",
        "# How the main screen shares the terminal. Unset: the share last set with",
        "# < and > (more or less room for the comments), else these.",
        "[layout]",
        "# The comments' share of the room beside the article list, in percent (20-85).",
        "# comments = 60",
        "# The article list's width, in columns (20-80).",
        "# list = 34",
        "",
        "# How URLs are fetched (Hacker News, Reddit, Lobsters, public-inbox archives,",
        "# feeds, blogs, forums and any article page).",
        "[network]",
        "# The User-Agent header. Reddit asks for `<platform>:<app id>:<version> (by",
        "# /u/<your Reddit name>)`: put your name in it if you read Reddit a lot.",
        f"# user_agent = {json.dumps(DEFAULT_USER_AGENT)}",
        "# Seconds to wait for a connection, or for the next bytes of a response.",
        f"# timeout = {DEFAULT_TIMEOUT:g}",
        "# Where responses are kept, to read offline (default: the user's cache folder).",
        '# cache = "~/.cache/reader"',
        "# Days a feed's item is kept (by its own date) after the feed stops listing it.",
        f"# keep_days = {DEFAULT_KEEP_DAYS:g}",
        "# Minutes between fetching everything read from the web again while reader",
        "# runs, as R does (0: never, the default).",
        "# refresh_minutes = 30",
        "",
        "# Requests for a host go to a base URL instead (a mirror, a proxy, a test",
        "# server): https://HOST/path?q is fetched from BASE/path?q. What the URL is",
        "# (its articles' identity, its place in the cache) stays the original.",
        "[network.hosts]",
        '# "hn.algolia.com" = "http://127.0.0.1:8080/hn.algolia.com"',
        "",
        "# Feeds whose articles open with their page's whole text in place of the",
        "# summary the feed gives (as the w key does): their URLs, as in `paths`.",
        "[feeds]",
        '# whole_article = ["https://blog.example/feed/"]',
        "",
        '# Keys: binding id = a key or a list of keys, such as "ctrl+x", "alt+r", "f5",',
        '# "pagedown" or one character. A binding listed here loses its default keys.',
        "[keys]",
    ]
    for binding_id, keys, description in bindings:
        value = json.dumps(keys.split(",")) if "," in keys else json.dumps(keys)
        lines.append(f"# {json.dumps(binding_id)} = {value}  # {description}")
    return "\n".join(lines) + "\n"
