"""The config file: read once at start, never written by the app.

Every problem in it is one message naming the file, the line where known and
the problem; what is wrong falls back to its default, and the app starts.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from ..errors import LoadError
from ..locations import is_url
from .keys import key_problem
from .layout import Layout, parse_layout
from .lines import key_lines, syntax_error_line
from .network import Network, parse_network
from .opml import is_opml_name, read_opml

FILE_NAME = "config.toml"
TIME_STYLES = ("relative", "absolute")
# Textual's animation levels: "none" makes scrolling jump, as a pager's does.
ANIMATION_LEVELS = ("none", "basic", "full")
DEFAULT_ANIMATION = "none"
# Textual's own setting, which the config's wins over.
ANIMATION_VARIABLE = "TEXTUAL_ANIMATIONS"
SETTINGS = ("keys", "theme", "time", "animation", "paths", "network", "layout", "feeds")
# The `[feeds]` table's settings.
FEED_SETTINGS = ("whole_article",)
# Far more than every setting and binding takes.
MAX_CONFIG_BYTES = 1024 * 1024
# More parts than any binding id has, and few enough for tomllib to read at once.
MAX_KEY_PARTS = 1_000
# A name (bare or quoted) and a dot, as many times as they come; possessive,
# so that a long run that fails is never tried again from each of its parts.
_DOTTED = re.compile(r"""(?:(?:[\w-]+|"[^"\n]*"|'[^'\n]*')[ \t]*\.[ \t]*)++""")


def default_config_path() -> Path:
    """`$XDG_CONFIG_HOME/reader/config.toml` (default `~/.config/reader/config.toml`)."""
    return Path(user_config_dir("reader")) / FILE_NAME


@dataclass(slots=True)
class Config:
    """The settings in effect. `keys` maps binding ids to keys (checked for their
    syntax; ids are checked by `check_keys` against the UI's); `theme` is None
    when the file sets none; `paths` is empty when it sets none (the bundled
    seeds), and may hold URLs; `network` is how URLs are fetched; `problems`
    are the messages to show, one per problem."""

    source: Path | None = None
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    theme: str | None = None
    time: str = "relative"
    # Textual's animation level (None: the file sets none).
    animation: str | None = None
    paths: tuple[Path | str, ...] = ()
    network: Network = field(default_factory=Network)
    layout: Layout = field(default_factory=Layout)
    # The feeds (their URLs as in `paths`) whose articles open with their
    # page's whole text in place of a summary (`[feeds] whole_article`).
    whole_article: frozenset[str] = frozenset()
    problems: list[str] = field(default_factory=list)
    # The file's text, to find a setting's line for later messages.
    text: str = ""
    # The line of each key assigned in `text`, found on the first message.
    _key_lines: dict[str, int] | None = field(default=None, repr=False)

    def message(self, reason: str, key: str | None = None) -> str:
        """A one-line problem naming the file, and the line of `key` if found."""
        path = self.source or Path(FILE_NAME)
        line = None
        if key is not None:
            if self._key_lines is None:
                self._key_lines = key_lines(self.text)
            line = self._key_lines.get(key)
        return str(LoadError(path, reason, line))

    def check_keys(self, known_ids: Collection[str]) -> list[str]:
        """One message per binding id in `[keys]` that is not in `known_ids`."""
        return [
            self.message(f"[keys]: unknown binding id {binding_id!r}", binding_id)
            for binding_id in self.keys
            if binding_id not in known_ids
        ]

    def keymap(self, known_ids: Collection[str]) -> dict[str, str]:
        """`[keys]` for `App.set_keymap`: `{binding_id: "k1,k2"}`, known ids only."""
        return {
            binding_id: ",".join(keys)
            for binding_id, keys in self.keys.items()
            if binding_id in known_ids
        }

    def check_theme(self, themes: Collection[str]) -> list[str]:
        """A message if `theme` is not one of `themes`."""
        if self.theme is None or self.theme in themes:
            return []
        return [self.message(f"theme: unknown theme {self.theme!r}", "theme")]

    def animation_level(self, environment: Mapping[str, str]) -> str:
        """The animation level to run at: the file's; else Textual's own
        `TEXTUAL_ANIMATIONS`, if `environment` sets it to a level; else none
        (scrolling jumps)."""
        if self.animation is not None:
            return self.animation
        level = environment.get(ANIMATION_VARIABLE, "").lower()
        return level if level in ANIMATION_LEVELS else DEFAULT_ANIMATION

    def choose_theme(self, themes: Collection[str], remembered: str | None) -> str | None:
        """The theme to start with: the config's, else the one last chosen in the
        palette (`State.theme`), if it exists; None: the app's default."""
        for theme in (self.theme, remembered):
            if theme is not None and theme in themes:
                return theme
        return None


def load_config(path: Path | None = None) -> Config:
    """The config at `path`, else at the default place. A missing file at the
    default place is no problem; a missing `--config` file is one."""
    explicit = path is not None
    source = path if path is not None else default_config_path()
    config = Config(source=source)
    try:
        config.text = _read_bytes(source).decode("utf-8")
    except FileNotFoundError:
        if explicit:
            config.problems.append(config.message("no such file"))
        return config
    except (OSError, UnicodeDecodeError, _Unreadable) as error:
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
        else:
            reason = "not UTF-8 text" if isinstance(error, UnicodeDecodeError) else str(error)
        config.problems.append(config.message(f"cannot read: {reason}"))
        return config
    # Imported here: most people have no config file, and start-up counts.
    import tomllib

    if _deepest_dotted_key(config.text) > MAX_KEY_PARTS:
        # tomllib takes time quadratic in a dotted key's parts: 100,000 take minutes.
        config.problems.append(config.message(f"a key of more than {MAX_KEY_PARTS:,} parts"))
        return config
    try:
        table = tomllib.loads(config.text)
    except tomllib.TOMLDecodeError as error:
        line, reason = syntax_error_line(str(error), config.text)
        config.problems.append(str(LoadError(source, reason, line)))
        return config
    except RecursionError:
        # tomllib parses nested arrays and inline tables by recursion.
        config.problems.append(config.message("nested too deeply to read"))
        return config
    _apply(config, table)
    return config


class _Unreadable(Exception):
    """A config file that is not read: the reason."""


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, if it is a regular file of at most `MAX_CONFIG_BYTES`:
    a config linked to `/dev/zero` would be read for ever, a FIFO waited on."""
    nonblocking = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, os.O_RDONLY | nonblocking)
    try:
        # Before any file object is made of it: `open` refuses a folder's.
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _Unreadable("not a regular file")
        with open(descriptor, "rb", closefd=False) as file:
            data = file.read(MAX_CONFIG_BYTES + 1)
    finally:
        os.close(descriptor)
    if len(data) > MAX_CONFIG_BYTES:
        raise _Unreadable(f"over the {MAX_CONFIG_BYTES // 1024:,} KB limit for a config file")
    return data


def _deepest_dotted_key(text: str) -> int:
    """The most parts of any run of dotted names in `text` (`a.b."c"` has 3),
    found without backtracking, in one pass."""
    return max((found.group().count(".") + 1 for found in _DOTTED.finditer(text)), default=0)


def _apply(config: Config, table: Mapping[str, Any]) -> None:
    for name in table:
        if name not in SETTINGS:
            config.problems.append(config.message(f"unknown setting {name!r}", name))
    if "theme" in table:
        theme = table["theme"]
        if isinstance(theme, str) and theme:
            config.theme = theme
        else:
            config.problems.append(config.message("theme: expected a theme name", "theme"))
    for name, choices in (("time", TIME_STYLES), ("animation", ANIMATION_LEVELS)):
        if name not in table:
            continue
        if table[name] in choices:
            setattr(config, name, table[name])
        else:
            said = ", ".join(f'"{choice}"' for choice in choices[:-1]) + f' or "{choices[-1]}"'
            config.problems.append(config.message(f"{name}: expected {said}", name))
    if "paths" in table:
        config.paths = _paths(config, table["paths"])
    if "network" in table:
        base = config.source.parent if config.source is not None else Path.cwd()
        config.network = parse_network(
            table["network"],
            base,
            lambda reason, key: config.problems.append(config.message(reason, key)),
        )
    if "layout" in table:
        config.layout = parse_layout(
            table["layout"], lambda reason, key: config.problems.append(config.message(reason, key))
        )
    if "feeds" in table:
        config.whole_article = _feeds(config, table["feeds"])
    if "keys" in table:
        if isinstance(table["keys"], dict):
            config.keys = _keys(config, _flattened(table["keys"]))
        else:
            config.problems.append(config.message("keys: expected a [keys] table", "keys"))


def _paths(config: Config, value: object) -> tuple[Path | str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        config.problems.append(config.message("paths: expected a list of paths", "paths"))
        return ()
    base = config.source.parent if config.source is not None else Path.cwd()
    # URLs as they are; `~` expanded; relative paths are relative to the config
    # file, not the cwd; an OPML file stands for the feeds it lists.
    paths: list[Path | str] = []
    for item in value:
        if is_url(item):
            paths.append(item)
        elif is_opml_name(item):
            try:
                paths.extend(feed.url for feed in read_opml(base / Path(item).expanduser()))
            except LoadError as error:
                config.problems.append(str(error))
        else:
            paths.append(base / Path(item).expanduser())
    return tuple(dict.fromkeys(paths))


def _feeds(config: Config, value: object) -> frozenset[str]:
    """The `[feeds]` table's `whole_article`: feed URLs."""
    if not isinstance(value, dict):
        config.problems.append(config.message("feeds: expected a [feeds] table", "feeds"))
        return frozenset()
    for name in value:
        if name not in FEED_SETTINGS:
            config.problems.append(config.message(f"[feeds]: unknown setting {name!r}", name))
    urls = value.get("whole_article", [])
    if not isinstance(urls, list) or not all(isinstance(url, str) and is_url(url) for url in urls):
        reason = "[feeds]: whole_article: expected a list of feed URLs"
        config.problems.append(config.message(reason, "whole_article"))
        return frozenset()
    return frozenset(urls)


def _flattened(table: Mapping[str, Any]) -> dict[str, object]:
    """`thread.toggle = "x"` (a dotted key, so nested tables) as `"thread.toggle"`,
    in the file's order. Without recursion: a table may be nested as deep as
    tomllib could read."""
    flat: dict[str, object] = {}
    stack: list[tuple[str, Iterator[tuple[str, Any]]]] = [("", iter(table.items()))]
    while stack:
        prefix, items = stack[-1]
        item = next(items, None)
        if item is None:
            stack.pop()
        elif isinstance(item[1], dict):
            stack.append((f"{prefix}{item[0]}.", iter(item[1].items())))
        else:
            flat[f"{prefix}{item[0]}"] = item[1]
    return flat


def _keys(config: Config, table: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
    keys: dict[str, tuple[str, ...]] = {}
    for binding_id, value in table.items():
        if isinstance(value, str):
            names = [name.strip() for name in value.split(",")] if value != "," else [","]
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            names = list(value)
        else:
            reason = f"[keys]: {binding_id}: expected a key or a list of keys"
            config.problems.append(config.message(reason, binding_id))
            continue
        problems = [problem for name in names if (problem := key_problem(name)) is not None]
        if not names:
            problems.append("no key given")
        if problems:
            config.problems.extend(
                config.message(f"[keys]: {binding_id}: {problem}", binding_id)
                for problem in problems
            )
            continue
        keys[binding_id] = tuple(names)
    return keys
