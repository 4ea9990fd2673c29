"""Every file format reader opens: one entry per format, in detection order.

Each entry is a module's sniffer and parser. Detection is by content first
(a Maildir is a directory with `cur/` and `new/`, an mbox starts with a
`From ` line, JSON shapes are told apart by their keys); the suffix decides
only for formats with no signature of their own (seed text, YAML). The
suffixes directory discovery looks for, and every message that lists the
formats, come from here.

A format's module is imported only when a file might be of that format: each
sniffer is behind a cheap test that needs no import (a directory, `From ` at
the start, JSON), and each parser is imported on its first call. Reading seed
text (the one format imported up front) thus never imports YAML, Markdown,
HTML or mail parsing, which would otherwise be most of the reader's imports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from typing import Any, NamedTuple

from ..errors import LoadError
from ..model import Article
from .batch import Batch
from .sample import Sample
from .seedtext import parse_seed_lines, parse_seed_pieces, split_lines

Sniffer = Callable[[Sample], bool]
# A file's articles in one or more batches (a mailbox: as it reads its threads).
Parser = Callable[[Sample, "list[str] | None"], Iterable[Batch]]
WholeParser = Callable[[Sample, "list[str] | None"], list[Article]]


class Format(NamedTuple):
    name: str
    label: str  # for messages: "Hacker News (Algolia API) JSON"
    suffixes: tuple[str, ...]
    sniff: Callable[[Sample], bool]
    parse: Parser
    is_json: bool = False


def _by_suffix(*suffixes: str) -> Callable[[Sample], bool]:
    return lambda sample: not sample.is_dir and sample.suffix in suffixes


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """`module.name` (a module of this package), imported on the first call."""

    def call(*args: Any) -> Any:
        return getattr(import_module(f".{module}", __package__), name)(*args)

    return call


def _whole(parse: WholeParser) -> Parser:
    """A parser that gives all of a file's articles at once, as one batch."""
    return lambda sample, warnings=None: [Batch(parse(sample, warnings), 1.0)]


def _after(test: Sniffer, sniff: Sniffer) -> Sniffer:
    """`sniff`, asked only when `test` (which imports nothing) passes: `test`
    must hold for every sample `sniff` accepts."""
    return lambda sample: test(sample) and sniff(sample)


def _is_dir(sample: Sample) -> bool:
    return sample.is_dir


def _starts_with_from(sample: Sample) -> bool:
    # An mbox starts with a `From ` line, which its sniffer then checks in full.
    return not sample.is_dir and sample.head(5) == b"From "


def _starts_with_lt(sample: Sample) -> bool:
    # XML (a feed) starts with `<`, after a byte-order mark and blank lines.
    return not sample.is_dir and sample.head(256).removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<"


def _is_json(sample: Sample) -> bool:
    return sample.is_json


def _json_format(
    name: str, label: str, module: str, sniff: str = "sniff", parse: str = "parse"
) -> Format:
    """A JSON format read by `module`'s functions `sniff` and `parse`."""
    return Format(
        name,
        label,
        _JSON,
        _after(_is_json, _lazy(module, sniff)),
        _whole(_lazy(module, parse)),
        True,
    )


def _parse_seed(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    pieces = sample.take_utf8_line_pieces()
    if pieces is None:
        return [parse_seed_lines(split_lines(sample.take_text()), sample.path)]
    return [parse_seed_pieces(pieces, sample.path)]


def _parse_yaml(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    from .yaml.schema import parse_yaml_documents  # see the module's docstring

    return parse_yaml_documents(sample.text, sample.path, warnings)


_JSON = (".json", ".jsonl")

FORMATS: tuple[Format, ...] = (
    Format(
        "maildir",
        "Maildir directory",
        (),
        _after(_is_dir, _lazy("mail.mailbox", "sniff_maildir")),
        _lazy("mail.mailbox", "parse_maildir"),
    ),
    Format(
        "mbox",
        "mbox mailbox",
        (".mbox", ".mbx"),
        _after(_starts_with_from, _lazy("mail.mailbox", "sniff_mbox")),
        _lazy("mail.mailbox", "parse_mbox"),
    ),
    _json_format("reddit", "Reddit thread JSON", "reddit"),
    _json_format("hn-algolia", "Hacker News JSON (Algolia API)", "hn.algolia"),
    _json_format("hn-pwa", "Hacker News JSON (HNPWA API)", "hn.pwa"),
    _json_format("hn-firebase", "Hacker News JSON items (Firebase API)", "hn.firebase"),
    _json_format("lobsters", "Lobsters story JSON", "lobsters"),
    _json_format("hn-algolia-search", "Hacker News stories JSON (Algolia search)", "hn.search"),
    _json_format(
        "reddit-listing", "Reddit subreddit page JSON", "reddit", "sniff_listing", "parse_listing"
    ),
    _json_format("lobsters-list", "Lobsters stories JSON", "lobsters", "sniff_list", "parse_list"),
    _json_format("discourse", "Discourse topic JSON", "discourse"),
    _json_format(
        "wordpress", "WordPress post and comments JSON (reader's bundle)", "feed.wordpress"
    ),
    _json_format("page", "web page article JSON (reader's bundle)", "feed.page"),
    _json_format(
        "feed-kept",
        "feed with the items it dropped JSON (reader's bundle)",
        "feed.items",
        "sniff_kept",
        "parse_kept",
    ),
    _json_format("reader-json", "reader dump JSON", "yaml.from_json"),
    Format(
        "feed",
        "RSS or Atom feed",
        (".xml", ".rss", ".atom"),
        _after(_starts_with_lt, _lazy("feed.items", "sniff")),
        _whole(_lazy("feed.items", "parse")),
    ),
    Format(
        "yaml", "YAML article", (".yaml", ".yml"), _by_suffix(".yaml", ".yml"), _whole(_parse_yaml)
    ),
    Format("text", "seed text", (".txt",), _by_suffix(".txt"), _whole(_parse_seed)),
)

_MBOX_SUFFIXES = next(entry.suffixes for entry in FORMATS if entry.name == "mbox")

# The oldest formats first, as messages have always listed them.
SUFFIXES: tuple[str, ...] = tuple(
    dict.fromkeys(suffix for entry in reversed(FORMATS) for suffix in entry.suffixes)
)


def suffix_list() -> str:
    """`.txt, .yaml, .yml, .json, .jsonl, .mbox or .mbx`, for messages."""
    *rest, last = SUFFIXES
    return f"{', '.join(rest)} or {last}"


def describe_formats() -> str:
    """One line naming every format, for help texts."""
    return "; ".join(f"{entry.label}" for entry in FORMATS)


def is_article_name(name: str) -> bool:
    """Whether a file name has a suffix of some format, in any letter case."""
    return name.lower().endswith(SUFFIXES)


def detect(sample: Sample) -> Format:
    """The format of `sample`, or a LoadError saying what was expected."""
    for entry in FORMATS:
        if entry.sniff(sample):
            return entry
    if sample.is_dir:
        raise LoadError(sample.path, "is a directory")
    if sample.is_json:
        shapes = ", ".join(entry.label for entry in FORMATS if entry.is_json)
        raise LoadError(sample.path, f"JSON of an unknown shape; expected one of: {shapes}")
    if sample.suffix in _MBOX_SUFFIXES:
        # Named as a mailbox: say why it is not one, not which names are read.
        raise LoadError(sample.path, f"not an mbox mailbox: {_why_not_mbox(sample)}")
    raise LoadError(sample.path, f"not a {suffix_list()} file")


def _why_not_mbox(sample: Sample) -> str:
    if sample.head(5) != b"From ":
        return "it does not start with a `From ` line"
    return "its `From ` line is not followed by a mail header"
