"""Start-up imports only what the first frame needs: a format's parsers (YAML,
Markdown, HTML, mail, JSON) are imported when a file of that format is loaded,
the help screen and the browser module when a key asks for them, and the
command line's `--help` and `dump` never import Textual.

Each check runs in a fresh interpreter, since this test process has imported
everything already."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.formats.loader import bundled_seeds

FIXTURES = Path(__file__).parent / "fixtures"
# What reading seed text must not import, and the format that first needs each.
PARSERS = {
    "yaml": "YAML",
    "markdown_it": "YAML and Reddit (Markdown)",
    "mailbox": "nothing (Maildirs are listed by reader.formats.mail.maildir)",
    "email.parser": "mbox and Maildir",
    "html.parser": "Hacker News (HTML)",
    "json": "JSON formats",
}
UI_LATER = (
    "reader.ui.screens.help",
    "reader.ui.screens.full_text",
    "reader.ui.screens.links",
    "webbrowser",
    # What fetches from the web, made when first needed (`WebReading`).
    "reader.ui.screens.web_updates",
    "reader.ui.screens.page_fetches",
    "reader.ui.screens.fetches",
    "reader.ui.screens.web_sessions",
    "reader.fetching",
    # A mail thread's message piped or saved, when asked.
    "reader.ui.screens.message_actions",
    "reader.piping",
    # A pane's search bar, built on its first use, and the search's batches.
    "reader.ui.search.bar",
    "reader.ui.search.batches",
    # What the load worker and the search workers use, after the first frame.
    "reader.abandonable",
    "reader.ui.switch_interval",
)


def imported_after(code: str, *watched: str) -> set[str]:
    """Which of `watched` are in `sys.modules` once `code` has run in a new
    interpreter (with the UI's app module imported first, as `reader` does)."""
    # No `json` here: it is one of the modules watched.
    script = f"""
import sys
{code}
print(" ".join(name for name in {list(watched)!r} if name in sys.modules))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(result.stdout.splitlines()[-1].split())


def load(*paths: Path) -> str:
    """Code that reads ahead and loads every file of `paths` as the app does."""
    return f"""
import reader.ui.app
from pathlib import Path
from reader.loading import Loading
loading = Loading([Path(p) for p in {[str(path) for path in paths]!r}])
assert loading.read_ahead()
for result in loading:
    assert not isinstance(result, Exception), result
"""


def test_reading_seed_text_imports_no_other_format_and_no_later_screen() -> None:
    assert imported_after(load(bundled_seeds()), *PARSERS, *UI_LATER) == set()


def test_the_main_screen_imports_nothing_it_makes_later() -> None:
    """The screen's module and the command line, as the app starts."""
    code = "import reader.cli, reader.ui.app, reader.ui.screens.main"
    assert imported_after(code, *UI_LATER) == set()


@pytest.mark.parametrize(
    ("fixture", "needed"),
    [
        ("mixed/02_orchard.yaml", {"yaml", "markdown_it"}),
        ("garden.mbox", {"email.parser"}),
        ("pond.maildir", {"email.parser"}),
        ("hn_algolia.json", {"json", "html.parser"}),
        ("reddit.json", {"json", "markdown_it"}),
    ],
)
def test_a_format_is_imported_when_a_file_of_it_is_loaded(fixture: str, needed: set[str]) -> None:
    seeds = bundled_seeds()
    before = imported_after(load(seeds), *needed)
    after = imported_after(load(seeds, FIXTURES / fixture), *needed)
    assert (before, after) == (set(), needed)


def test_reading_files_imports_no_web_client() -> None:
    """httpx and the web package are imported only when a URL is named."""
    assert (
        imported_after(load(bundled_seeds(), FIXTURES / "hn_algolia.json"), "httpx", "reader.web")
        == set()
    )


def test_knowing_a_urls_kind_imports_no_format_reader() -> None:
    """Which service a URL is for (every URL the command line is given is
    asked) needs no Markdown: Reddit's stubs' comments take it when fetched."""
    code = """
from reader.web.links import recognise
from reader.web.reddit import RedditThread
recognise("https://news.ycombinator.com/item?id=1")
"""
    assert imported_after(code, "markdown_it", "html.parser", "httpx") == set()


def test_the_web_client_leaves_out_httpxs_command_line() -> None:
    """httpx imports `python -m httpx` (click, pygments) when click is
    installed (the test tools install it): reader's client goes without."""
    code = "import reader.web.client"
    assert imported_after(code, "httpx", "click", "pygments.lexers") == {"httpx"}


def test_an_mbox_read_ahead_imports_neither_maildir_nor_html_reading() -> None:
    """A big mailbox's first frame waits for its read-ahead: `mailbox` (for a
    Maildir) and `html.parser` (for HTML-only mail) are imported when needed."""
    code = f"""
import reader.ui.app
from pathlib import Path
from reader.loading import Loading
assert Loading([Path({str(FIXTURES / "garden.mbox")!r})]).read_ahead()
"""
    watched = ("mailbox", "html.parser", "email.parser")
    assert imported_after(code, *watched) == {"email.parser"}


def test_a_json_file_without_its_suffix_is_still_detected_and_parsed(tmp_path: Path) -> None:
    saved = tmp_path / "thread"
    saved.write_bytes((FIXTURES / "hn_algolia.json").read_bytes())
    assert imported_after(load(saved), "json", "html.parser", "yaml") == {"json", "html.parser"}


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--version"], ["dump", str(FIXTURES / "mixed" / "01_lighthouse.txt")]],
)
def test_the_command_line_without_the_app_never_imports_textual(argv: list[str]) -> None:
    code = f"""
import contextlib, io
from reader.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main({argv!r}) == 0
"""
    assert imported_after(code, "textual", "rich") == set()


def test_start_up_builds_few_dataclasses_of_its_own() -> None:
    """Each dataclass costs some 0.4 ms to build as its module is imported (its
    methods are compiled from source): records made at start-up that need no
    mutation are NamedTuples (0.06 ms)."""
    # Every class of reader's modules imported by start-up that is a
    # dataclass, nested ones included: what start-up built.
    script = """
import dataclasses, inspect, sys
import reader.cli, reader.ui.app, reader.ui.screens.main
built, seen = set(), set()
stack = [m for name, m in list(sys.modules.items()) if name.startswith("reader")]
while stack:
    space = stack.pop()
    for value in list(vars(space).values()):
        if inspect.isclass(value) and value.__module__.startswith("reader") and value not in seen:
            seen.add(value)
            stack.append(value)
            if dataclasses.is_dataclass(value):
                built.add(value.__module__ + "." + value.__qualname__)
print(" ".join(sorted(built)))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    built = result.stdout.split()
    # The model's and the state's own records (Article, Span, Block, Config, ...).
    assert len(built) <= 6, built
