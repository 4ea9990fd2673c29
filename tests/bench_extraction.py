"""How well, and how fast, the main text of real pages is extracted.

    python tests/bench_extraction.py --data DIR [--limit N] [--markdown]

DIR is a copy of the public article-extraction benchmark (ScrapingHub's
`article-extraction-benchmark`: `html/*.html.gz`, 181 real news and blog
pages, and `ground-truth.json`, their article bodies as people marked them);
also `READER_EXTRACTION_DATA`. The pages are not in this repository (they
are the sites' text, not ours): without them this script, and the test that
runs it (`tests/test_extract.py`), say so and skip.

Each extractor is scored as the benchmark scores (`evaluate.py`: precision
and recall of the body's 4-word shingles, averaged over pages, then F1) and
by plain token F1 (the words as a bag), on the text as reader would show it:
the library's HTML turned into reader's blocks, without link numbers and the
list of links. Also the time per page (median, this process, after a warm-up)
and the installed size of each library with its dependencies.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.formats.text.html import html_to_text  # noqa: E402
from reader.text import LINKS, MARKER  # noqa: E402

DATA_VARIABLE = "READER_EXTRACTION_DATA"
_TOKEN = re.compile(r"\w+")


class Page(NamedTuple):
    name: str
    html: str
    truth: str


class Score(NamedTuple):
    extractor: str
    version: str
    f1: float
    precision: float
    recall: float
    token_f1: float
    ms_per_page: float
    installed_mb: float
    pages: int


def data_folder(given: str | None = None) -> Path | None:
    """The benchmark's folder, if it is there."""
    folder = given or os.environ.get(DATA_VARIABLE)
    if not folder:
        return None
    path = Path(folder)
    return path if (path / "ground-truth.json").is_file() and (path / "html").is_dir() else None


def load_pages(folder: Path, limit: int | None = None) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((folder / "html").glob("*.html.gz"))[:limit]:
        name = path.name.split(".")[0]
        with gzip.open(path, "rt", encoding="utf-8") as file:
            pages.append(Page(name, file.read(), truth[name].get("articleBody") or ""))
    return pages


def shown_text(html: str) -> str:
    """The words reader shows for an HTML fragment, without the link apparatus."""
    strings, blocks = html_to_text(html) if html.strip() else ([], None)
    if blocks is None:
        return "\n".join(strings)
    parts = []
    for text, block in zip(strings, blocks, strict=True):
        if block.kind == LINKS:
            continue
        for span in sorted(
            (s for s in block.spans if s.kind == MARKER), key=lambda s: s.start, reverse=True
        ):
            text = text[: span.start - 1] + text[span.end :]
        parts.append(text)
    return "\n".join(parts)


# The extractors ---------------------------------------------------------------------------------


def reader_extract(page: str) -> str:
    """reader's own: `reader.web.extract` (trafilatura), shown as blocks."""
    from reader.web.extract import extract

    return shown_text(extract(page).html)


def trafilatura_text(page: str) -> str:
    """trafilatura's plain text, as the benchmark itself runs it."""
    import trafilatura

    return trafilatura.extract(page, include_comments=False) or ""


def readability_extract(page: str) -> str:
    """readability-lxml's summary, shown as blocks."""
    from readability import Document

    return shown_text(Document(page).summary(html_partial=True))


EXTRACTORS: dict[str, tuple[str, Callable[[str], str]]] = {
    "reader (trafilatura → blocks)": ("trafilatura", reader_extract),
    "trafilatura (plain text)": ("trafilatura", trafilatura_text),
    "readability-lxml (→ blocks)": ("readability-lxml", readability_extract),
}


# The benchmark's measure ------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    words = tokens(text)
    return Counter(tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))


def matching(true: Counter[tuple[str, ...]], found: Counter[tuple[str, ...]]) -> tuple[float, ...]:
    """(true positives, false positives, false negatives), normalised to sum to 1."""
    tp = sum((true & found).values())
    fp = sum((found - true).values())
    fn = sum((true - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_recall(counts: Iterable[tuple[float, ...]]) -> tuple[float, float, float]:
    precisions, recalls = [], []
    for tp, fp, fn in counts:
        if tp + fp > 0:
            precisions.append(1.0 if fp == fn == 0 else tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(1.0 if fp == fn == 0 else tp / (tp + fn))
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def installed_mb(distribution: str) -> float:
    """The files of a distribution and of everything it requires, in MB."""
    seen: set[str] = set()
    todo = [distribution]
    size = 0
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for file in dist.files or []:
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                size += path.stat().st_size
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue
            todo.append(re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0])
    return size / 1e6


def score(name: str, pages: list[Page]) -> Score:
    distribution, run = EXTRACTORS[name]
    run(pages[0].html)  # warm-up: imports
    counts, token_counts, times = [], [], []
    for page in pages:
        started = time.perf_counter()
        found = run(page.html)
        times.append(time.perf_counter() - started)
        counts.append(matching(shingles(page.truth), shingles(found)))
        token_counts.append(matching(Counter(tokens(page.truth)), Counter(tokens(found))))
    f1, precision, recall = precision_recall(counts)
    token_f1, _, _ = precision_recall(token_counts)
    return Score(
        name,
        metadata.version(distribution),
        f1,
        precision,
        recall,
        token_f1,
        statistics.median(times) * 1000,
        installed_mb(distribution),
        len(pages),
    )


def table(scores: list[Score], markdown: bool = False) -> str:
    header = ("extractor", "version", "F1", "precision", "recall", "token F1", "ms/page", "MB")
    rows = [
        (
            s.extractor,
            s.version,
            f"{s.f1:.3f}",
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.token_f1:.3f}",
            f"{s.ms_per_page:.0f}",
            f"{s.installed_mb:.0f}",
        )
        for s in scores
    ]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, *rows]
    )


def _installed(distribution: str) -> bool:
    """Whether `distribution` is installed; readability-lxml is not in the test
    extras (`pip install readability-lxml` to compare): requested beside
    trafilatura, its `lxml[html_clean]` breaks the resolver of pip 23, the one
    a new virtualenv has on Python 3.11."""
    try:
        metadata.version(distribution)
    except metadata.PackageNotFoundError:
        print(f"{distribution} is not installed: left out", file=sys.stderr)
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help=f"the benchmark's folder (or ${DATA_VARIABLE})")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--only", action="append", choices=list(EXTRACTORS))
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args()
    folder = data_folder(options.data)
    if folder is None:
        print(
            "no benchmark data: pass --data DIR (a copy of the article-extraction "
            f"benchmark, with html/ and ground-truth.json) or set {DATA_VARIABLE}",
            file=sys.stderr,
        )
        return 0
    pages = load_pages(folder, options.limit)
    names = [name for name in options.only or EXTRACTORS if _installed(EXTRACTORS[name][0])]
    scores = [score(name, pages) for name in names]
    print(f"{len(pages)} pages of {folder}")
    print(table(scores, options.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
