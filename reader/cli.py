"""The `reader` command line.

    reader [PATH ...]                        read articles (default: the bundled samples)
    reader dump PATH [--format yaml|json]    print one parsed article

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
from .formats.loader import bundled_seeds, discover, load_file
from .model import Article

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
            "Also: 'reader dump PATH [--format yaml|json]' prints one article as parsed "
            "(use ./dump for a directory named dump). Articles are .txt, .yaml or .yml files."
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
        description="Print one article as it was parsed, in the YAML article schema.",
    )
    parser.add_argument("path", type=Path, metavar="PATH", help="a .txt, .yaml or .yml file")
    parser.add_argument(
        "--format", choices=("yaml", "json"), default="yaml", help="output format (default: yaml)"
    )
    return parser


def _read(args: argparse.Namespace) -> int:
    paths: list[Path] = args.paths or [bundled_seeds()]
    files, problems = discover(paths)
    # Parse up to the first file that loads before any UI: when none does, the
    # errors are printed without an empty app flashing up first.
    first: list[Article] = []
    while files and not first:
        try:
            first.append(load_file(files.pop(0)))
        except LoadError as error:
            problems.append(error)
    if not first:
        _report(problems)
        return EXIT_LOAD_ERROR
    # Imported here so that `dump`, `--help` and the error paths need no Textual.
    from .ui.app import ReaderApp

    app = ReaderApp(files, problems, loaded=first)
    app.run()
    return app.return_code or 0


def _dump(args: argparse.Namespace) -> int:
    path: Path = args.path
    warnings: list[str] = []
    try:
        article = load_file(path, warnings)
    except LoadError as error:
        _report([error])
        return EXIT_LOAD_ERROR
    for warning in warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    # Imported here: the YAML emitter is not needed to start the reader.
    from .formats.dump import dump_json, dump_yaml

    text = dump_json(article) if args.format == "json" else dump_yaml(article)
    return _write_stdout(text)


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
