"""The `reader` command line.

    reader [PATH|URL ...] [--offline]        read articles (default: the config's
                                             paths, else the bundled samples)
    reader --print-config                    print every setting with its default
    reader dump PATH|URL [--format yaml|json] [--offline]
                                             print the parsed article(s) of a file
                                             or of a thread on the web
    reader import-opml FILE                  print the config lines for an OPML
                                             file's feeds
    reader export-opml                       print the config's feeds as OPML

A first argument `dump`, `import-opml` or `export-opml` is always the
subcommand; name a directory called `dump` as `./dump`. Bad input never
produces a traceback: every problem is one line
`reader: PATH[:LINE]: reason` (or `reader: URL: reason`) on stderr, and the
exit status is 2 when nothing could be shown.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .collector import collector_paused
from .config import config_template, default_config_path, load_config
from .errors import LoadError
from .formats.loader import bundled_seeds, load_articles
from .formats.registry import describe_formats, suffix_list
from .loading import Loading
from .locations import is_url, locations
from .model import Article
from .sanitize import inert_line
from .state import open_state, state_path

if TYPE_CHECKING:
    from .config import Config
    from .web.session import WebSession

PROG = "reader"
EXIT_LOAD_ERROR = 2
# How long fetching the first URL keeps the terminal blank before reader says
# what it waits for (a fetch from a near server, or a TLS set-up, takes less).
FETCH_NOTICE_SECONDS = 0.5


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        if args[:1] == ["dump"]:
            return _dump(_dump_parser().parse_args(args[1:]))
        if args[:1] == ["import-opml"]:
            return _import_opml(_opml_parser("import-opml", True).parse_args(args[1:]))
        if args[:1] == ["export-opml"]:
            return _export_opml(_opml_parser("export-opml", False).parse_args(args[1:]))
        return _read(_read_parser().parse_args(args))
    except SystemExit as exit_request:
        # argparse exits for --help, --version and usage errors; report, not raise.
        code = exit_request.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_LOAD_ERROR)
    except KeyboardInterrupt:
        return 130


def _read_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read articles and their comment threads in the terminal.",
        epilog=(
            "Also: 'reader dump PATH|URL [--format yaml|json]' prints a file's articles as "
            f"parsed (use ./dump for a directory named dump). Articles are {suffix_list()} "
            f"files or Maildir directories, recognised by content: {describe_formats()}; "
            "or URLs of Hacker News, Reddit and Lobsters threads, of public-inbox "
            "messages, of feeds, WordPress posts, Discourse topics and any article page, "
            "fetched and kept in the cache; an .opml file stands for its feeds. Also: "
            "'reader import-opml FILE', 'reader export-opml'."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH|URL",
        help="article files, directories of them, or thread URLs (default: the config's "
        "paths, else the bundled samples)",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _add_web_options(parser)
    parser.add_argument(
        "--print-config",
        action="store_true",
        help="print every setting with its default, commented, and exit",
    )
    state = parser.add_mutually_exclusive_group()
    state.add_argument(
        "--state",
        type=Path,
        metavar="PATH",
        help="the state database: seen comments, positions, search history, theme "
        "(default: state.db in the user's state folder)",
    )
    state.add_argument(
        "--no-state",
        action="store_true",
        help="remember nothing and read no state (also: READER_STATE=off)",
    )
    return parser


def _dump_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} dump",
        description=(
            "Print a file's articles as parsed, in the YAML article schema: several "
            "(a mailing list's threads) as a YAML stream or a JSON array."
        ),
    )
    parser.add_argument(
        "path", metavar="PATH|URL", help=f"a {suffix_list()} file, a Maildir or a thread's URL"
    )
    parser.add_argument(
        "--format", choices=("yaml", "json"), default="yaml", help="output format (default: yaml)"
    )
    _add_web_options(parser)
    return parser


def _opml_parser(command: str, takes_file: bool) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} {command}",
        description=(
            "Print the lines to add to the config's paths for the feeds of an OPML file "
            "(reader does not write its config)"
            if takes_file
            else "Print an OPML file of the feeds (URLs) in the config's paths"
        ),
    )
    if takes_file:
        parser.add_argument("opml", type=Path, metavar="FILE", help="an OPML file")
    parser.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help=f"the config file (default: {default_config_path()})",
    )
    return parser


def _import_opml(args: argparse.Namespace) -> int:
    from .subscriptions import lines_to_add

    config = load_config(args.config)
    _warn(config.problems)
    try:
        found = lines_to_add(args.opml, config)
    except LoadError as error:
        _report([error])
        return EXIT_LOAD_ERROR
    print(f"{PROG}: {found.advice}", file=sys.stderr)
    return _write_stdout(found.lines)


def _export_opml(args: argparse.Namespace) -> int:
    from .subscriptions import opml_of

    config = load_config(args.config)
    _warn(config.problems)
    return _write_stdout(opml_of(config))


def _add_web_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help=f"the config file (default: {default_config_path()})",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="fetch nothing: read URLs from the cache of what was fetched before",
    )


def _web_session(config: Config, offline: bool) -> WebSession:
    from .web.session import WebSession  # here: reading files needs no web

    return WebSession(config.network, offline)


def _read(args: argparse.Namespace) -> int:
    if args.print_config:
        return _print_config(args.config or default_config_path())
    config = load_config(args.config)
    named = locations(args.paths) if args.paths else list(config.paths) or [bundled_seeds()]
    named, rejected = _feeds_of_opml(named)
    urls = [name for name in named if isinstance(name, str)]
    web = _web_session(config, args.offline) if urls else None
    if web is not None and not args.paths:
        # The subscriptions: from the cache at once, fetched again once open.
        web.cached_first = True
    try:
        return _read_in(args, config, Loading(named, rejected, web=web), urls)
    finally:
        if web is not None:
            web.close()


def _feeds_of_opml(named: list[Path | str]) -> tuple[list[Path | str], list[LoadError]]:
    """`named` with each OPML file in it replaced by the feeds it lists."""
    from .config.opml import is_opml_name, read_opml

    expanded: list[Path | str] = []
    rejected: list[LoadError] = []
    for name in named:
        if isinstance(name, Path) and is_opml_name(name.name):
            try:
                expanded.extend(feed.url for feed in read_opml(name))
            except LoadError as error:
                rejected.append(error)
        else:
            expanded.append(name)
    return expanded, rejected


def _read_in(args: argparse.Namespace, config: Config, loading: Loading, urls: list[str]) -> int:
    # The collector paused until the app runs (its first frame pauses it again):
    # the app's modules (Textual's and ours), the read-ahead and the app are some
    # 70,000 objects that all live on, and the young and full collections that
    # rescanned them as they were made (about 20 ms) found nothing to free.
    with collector_paused():
        # Read up to the first file that holds an article before any UI: when none
        # does, the errors are printed without an empty app flashing up first.
        if not _read_ahead(loading, urls):
            _warn(config.problems)
            _report(loading.problems)
            _warn(loading.warnings)
            return EXIT_LOAD_ERROR
        # Imported here so that `dump`, `--help` and the error paths need no Textual.
        from .ui.app import ReaderApp

        database = state_path(args.state, args.no_state, os.environ)
        state, state_warnings = open_state(database) if database is not None else (None, [])
        # The config's problems and the state's warnings are shown in the app.
        app = ReaderApp(
            loading, state=state, config=config, warnings=state_warnings, offline=args.offline
        )
        # What is alive now (modules, classes: Textual's and ours) lives as long as
        # the process: frozen out of the collector's generations, it is not scanned
        # again by every full collection (one, of some 20 ms, fell in the first frame).
        gc.freeze()
    shown = 0
    try:
        app.run()
    finally:
        if state is not None:
            shown = len(state.warnings)
            state.close()
    # Only what arose as the state was written at exit, after the app had gone.
    if state is not None:
        _warn(state.warnings[shown:])
    return app.return_code or 0


def _read_ahead(loading: Loading, urls: list[str]) -> bool:
    """`loading.read_ahead()`. When it may fetch (`urls` are named), in a
    thread while the app's modules are imported here: the network's waits, the
    TLS set-up and the cache's disk writes leave the interpreter to the imports.
    A daemon thread: `ctrl+c` while it waits on the network ends reader at once.
    A wait longer than a moment is said on the terminal, which stays blank
    until the app starts."""
    if not urls:
        return loading.read_ahead()
    outcome: list[bool | BaseException] = []

    def read_ahead() -> None:
        try:
            outcome.append(loading.read_ahead())
        except BaseException as error:  # raised where it is waited for
            outcome.append(error)

    thread = threading.Thread(target=read_ahead, name="read-ahead", daemon=True)
    # `ctrl+c` meanwhile ends the process there and then: raised as
    # KeyboardInterrupt, it can land in the import machinery, which may
    # swallow it or leave a module half made under the fetching thread. Nothing
    # is open yet that an exit would leave unfinished (the cache's writes are
    # crash-safe).
    interrupt = signal.signal(signal.SIGINT, _exit_interrupted)
    try:
        thread.start()
        import_module(".ui.app", __package__)
        thread.join(FETCH_NOTICE_SECONDS)
        if thread.is_alive():
            with _waiting_notice(urls):
                thread.join()
    finally:
        signal.signal(signal.SIGINT, interrupt)
    (found,) = outcome
    if isinstance(found, BaseException):
        raise found
    return found


@contextmanager
def _waiting_notice(urls: list[str]) -> Iterator[None]:
    """While reader waits for the network before its first screen: a line on
    the terminal saying so, rubbed out once the wait is over (the app's
    screen, or the reason nothing could be read, comes in its place)."""
    terminal = sys.stderr
    if not terminal.isatty():
        yield
        return
    what = inert_line(urls[0]) if len(urls) == 1 else f"{len(urls)} URLs"
    notice = f"{PROG}: fetching {what}… (ctrl+c to stop)"
    # On one row, so that rubbing out that row rubs out all of it.
    terminal.write(notice[: shutil.get_terminal_size().columns - 1])
    terminal.flush()
    try:
        yield
    finally:
        terminal.write("\r\x1b[K")
        terminal.flush()


def _exit_interrupted(signal_number: int, frame: object) -> None:
    os._exit(130)  # what `main` returns for ctrl+c


def _print_config(path: Path) -> int:
    from .ui.commands import ALL_COMMANDS

    rows = [
        (binding.id or "", binding.key, command.help)
        for command in ALL_COMMANDS
        for binding in command.bindings()
    ]
    return _write_stdout(config_template(path, rows))


def _dump(args: argparse.Namespace) -> int:
    warnings: list[str] = []
    try:
        if is_url(args.path):
            articles = _fetched_articles(args, warnings)
        else:
            articles = load_articles(Path(args.path), warnings)
    except LoadError as error:
        _warn(warnings)
        _report([error])
        return EXIT_LOAD_ERROR
    _warn(warnings)
    # Imported here: the YAML emitter is not needed to start the reader.
    from .formats.yaml.dump import dump_articles

    return _write_stdout(dump_articles(articles, args.format))


def _fetched_articles(args: argparse.Namespace, warnings: list[str]) -> list[Article]:
    """The articles of the thread a URL names, as `load_articles` gives a file's."""
    from .web.batches import url_batches

    config = load_config(args.config)
    warnings.extend(config.problems)
    web = _web_session(config, args.offline)
    try:
        batches = url_batches(web, args.path, warnings, previews=False)
        return [article for batch in batches if not batch.preview for article in batch.articles]
    finally:
        web.close()


def _write_stdout(text: str) -> int:
    """Write UTF-8 whatever the locale, and leave quietly if the reader of a
    pipe (`reader dump a.txt | head`) goes away."""
    buffer = getattr(sys.stdout, "buffer", None)
    try:
        if buffer is None:
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when flushing stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0


def _report(errors: Iterable[LoadError]) -> None:
    for error in errors:
        print(f"{PROG}: {error}", file=sys.stderr)


def _warn(messages: Iterable[str]) -> None:
    """Each on one line of stderr, with its control characters made visible:
    a message may quote a file's name or a document's words, which may hold
    escape sequences meant for the terminal."""
    for message in messages:
        print(f"{PROG}: warning: {inert_line(message)}", file=sys.stderr)
