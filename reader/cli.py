"""The `reader` command line.

    reader [PATH ...]                        read articles (default: the bundled samples)
    reader dump PATH [--format yaml|json]    print the parsed article(s) of a file

A first argument `dump` is always the subcommand; name a directory called `dump`
as `./dump`. Bad input never produces a traceback: every problem is one line
`reader: PATH[:LINE]: reason` on stderr, and the exit status is 2 when
nothing could be shown.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from . import __version__
from .errors import LoadError
from .formats.loader import bundled_seeds, discover, load_articles
from .formats.registry import describe_formats, suffix_list

PROG = "reader"
EXIT_LOAD_ERROR = 2


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        if args[:1] == ["dump"]:
            return _dump(_dump_parser().parse_args(args[1:]))
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
            "Also: 'reader dump PATH [--format yaml|json]' prints a file's articles as parsed "
            f"(use ./dump for a directory named dump). Articles are {suffix_list()} files "
            f"or Maildir directories, recognised by content: {describe_formats()}."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="article files or directories of them (default: the bundled samples)",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
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
        "path", type=Path, metavar="PATH", help=f"a {suffix_list()} file or a Maildir"
    )
    parser.add_argument(
        "--format", choices=("yaml", "json"), default="yaml", help="output format (default: yaml)"
    )
    return parser


def _read(args: argparse.Namespace) -> int:
    paths: list[Path] = args.paths or [bundled_seeds()]
    files, problems = discover(paths)
    if not files:
        _report(problems)
        return EXIT_LOAD_ERROR
    # Imported here so that `dump`, `--help` and the error paths need no Textual.
    from .ui.app import ReaderApp

    app = ReaderApp(files, problems)
    app.run()
    if app.article_count == 0 and app.load_errors:
        _report(app.load_errors)
        return EXIT_LOAD_ERROR
    return app.return_code or 0


def _dump(args: argparse.Namespace) -> int:
    path: Path = args.path
    warnings: list[str] = []
    try:
        articles = load_articles(path, warnings)
    except LoadError as error:
        _report([error])
        return EXIT_LOAD_ERROR
    for warning in warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    # Imported here: the YAML emitter is not needed to start the reader.
    from .formats.dump import dump_articles

    return _write_stdout(dump_articles(articles, args.format))


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
