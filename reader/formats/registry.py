"""Every file format reader opens: one entry per format, in detection order.

Each entry is a module's sniffer and parser. Detection is by content first
(a Maildir is a directory with `cur/` and `new/`, an mbox starts with a
`From ` line, JSON shapes are told apart by their keys); the suffix decides
only for formats with no signature of their own (seed text, YAML). The
suffixes directory discovery looks for, and every message that lists the
formats, come from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import LoadError
from ..model import Article
from . import dumpjson, hn_algolia, hn_firebase, hn_pwa, mail, reddit
from .sample import Sample
from .seedtext import parse_seed_lines, split_lines
from .yamlfmt import parse_yaml_documents

Parser = Callable[[Sample, "list[str] | None"], list[Article]]


@dataclass(frozen=True)
class Format:
    name: str
    label: str  # for messages: "Hacker News (Algolia API) JSON"
    suffixes: tuple[str, ...]
    sniff: Callable[[Sample], bool]
    parse: Parser
    is_json: bool = False


def _by_suffix(*suffixes: str) -> Callable[[Sample], bool]:
    return lambda sample: not sample.is_dir and sample.suffix in suffixes


def _parse_seed(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    lines = sample.take_utf8_lines()
    if lines is None:
        lines = split_lines(sample.take_text())
    return [parse_seed_lines(lines, sample.path)]


def _parse_yaml(sample: Sample, warnings: list[str] | None = None) -> list[Article]:
    return parse_yaml_documents(sample.text, sample.path, warnings)


_JSON = (".json", ".jsonl")

FORMATS: tuple[Format, ...] = (
    Format("maildir", "Maildir directory", (), mail.sniff_maildir, mail.parse_maildir),
    Format("mbox", "mbox mailbox", (".mbox", ".mbx"), mail.sniff_mbox, mail.parse_mbox),
    Format("reddit", "Reddit thread JSON", _JSON, reddit.sniff, reddit.parse, True),
    Format(
        "hn-algolia", "Hacker News JSON (Algolia API)", _JSON, hn_algolia.sniff,
        hn_algolia.parse, True,
    ),
    Format("hn-pwa", "Hacker News JSON (HNPWA API)", _JSON, hn_pwa.sniff, hn_pwa.parse, True),
    Format(
        "hn-firebase", "Hacker News JSON items (Firebase API)", _JSON, hn_firebase.sniff,
        hn_firebase.parse, True,
    ),
    Format("reader-json", "reader dump JSON", _JSON, dumpjson.sniff, dumpjson.parse, True),
    Format("yaml", "YAML article", (".yaml", ".yml"), _by_suffix(".yaml", ".yml"), _parse_yaml),
    Format("text", "seed text", (".txt",), _by_suffix(".txt"), _parse_seed),
)

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
    return any(name.lower().endswith(suffix) for suffix in SUFFIXES)


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
    raise LoadError(sample.path, f"not a {suffix_list()} file")
