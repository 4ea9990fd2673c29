"""A long fuzz run that reports what the property tests cannot assert: how long
each case took and how much memory it needed.

    python tests/fuzz_long.py --cases 10000 [--seed 1]

Each case is a hostile input from `tests/hostile.py` (mutated JSON and mailbox
fixtures, link bombs, config bombs, folders of FIFOs and device links),
written to a file and given to `reader dump` (in this process, its output
encoded as UTF-8, strictly) or, for a config, to the config loader. Reported:
cases that ended in anything but a one-line reason (a traceback), cases over
`--hang-seconds`, and the peak resident memory of each case (the process's
`VmHWM`, reset before each) against its input: the target is at most twice
the input plus 200 MB.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.cli import main as reader_main  # noqa: E402
from reader.config import load_config  # noqa: E402
from tests.hostile import (  # noqa: E402
    FIXTURES,
    config_bombs,
    entries,
    make_entry,
    many_links,
    mutated_json,
    mutated_mailbox,
)

MB = 1024 * 1024


def status_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def reset_peak() -> None:
    """Let `VmHWM` start again from the current size (Linux)."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")


def dump(path: Path) -> int:
    """`reader dump PATH`, its output written as the terminal would get it."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    with redirect_stdout(out), redirect_stderr(err):
        code = reader_main(["dump", str(path)])
        out.flush()
        err.flush()
    lines = err.buffer.getvalue().decode("utf-8").splitlines()  # type: ignore[attr-defined]
    for line in lines:
        if "Traceback" in line or "\x1b" in line:
            raise AssertionError(f"stderr: {line!r}")
    return code


class Run:
    def __init__(self, hang_seconds: float) -> None:
        self.hang_seconds = hang_seconds
        self.kinds: Counter[str] = Counter()
        self.failures: list[str] = []
        self.slowest: list[tuple[float, str]] = []
        self.worst_memory: tuple[float, str, int, float] = (0.0, "", 0, 0.0)
        self.over_memory: list[str] = []
        self.hangs: list[str] = []

    def case(self, kind: str, size: int, work: Callable[[], object]) -> None:
        self.kinds[kind] += 1
        reset_peak()
        before = status_kb("VmRSS") / 1024
        start = time.perf_counter()
        try:
            work()
        except Exception:
            self.failures.append(f"{kind}: {traceback.format_exc(limit=3)}")
        seconds = time.perf_counter() - start
        peak = status_kb("VmHWM") / 1024
        self.slowest = sorted([*self.slowest, (seconds, kind)], reverse=True)[:5]
        if seconds > self.hang_seconds:
            self.hangs.append(f"{kind}: {seconds:.1f} s")
        if peak - before > self.worst_memory[0]:
            self.worst_memory = (peak - before, kind, size, peak)
        if peak > 2 * size / MB + 200 + before:
            self.over_memory.append(f"{kind}: {peak:.0f} MB for {size / MB:.1f} MB")

    def report(self) -> dict[str, object]:
        grew, kind, size, peak = self.worst_memory
        return {
            "cases": sum(self.kinds.values()),
            "by kind": dict(self.kinds),
            "tracebacks": len(self.failures),
            "first tracebacks": self.failures[:3],
            f"over {self.hang_seconds:g} s": self.hangs,
            "slowest (s)": [(round(seconds, 2), kind) for seconds, kind in self.slowest],
            "most memory a case added (MB)": round(grew, 1),
            "its kind, input (MB), peak RSS (MB)": [kind, round(size / MB, 2), round(peak, 1)],
            "over 2x input + 200 MB": self.over_memory,
        }


def run(cases: int, run_seed: int, hang_seconds: float) -> dict[str, object]:
    scratch = Path(tempfile.mkdtemp(prefix="reader-fuzz-long-"))
    record = Run(hang_seconds)

    def json_case(text: str) -> None:
        path = scratch / "case.json"
        path.write_text(text, encoding="utf-8")
        record.case("json", len(text), lambda: dump(path))

    def mailbox_case(data: bytes) -> None:
        path = scratch / "case.mbox"
        path.write_bytes(data)
        record.case("mbox", len(data), lambda: dump(path))

    def links_case(style_and_text: tuple[str, str]) -> None:
        style, text = style_and_text
        if style == "markdown":
            document = {"title": "Links", "body": text, "text_format": "markdown"}
            path = scratch / "case.yaml"
            path.write_text(json.dumps(document), encoding="utf-8")
        else:
            item = {"id": 1, "type": "story", "title": "Links", "text": text, "time": 1}
            path = scratch / "case.jsonl"
            path.write_text(json.dumps(item), encoding="utf-8")
        record.case(f"links-{style}", len(text), lambda: dump(path))

    def config_case(text: str) -> None:
        path = scratch / "config.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        record.case("config", len(text), lambda: load_config(path).check_keys({"thread.toggle"}))

    def folder_case(kinds: list[str], maildir: bool) -> None:
        with tempfile.TemporaryDirectory(dir=scratch) as directory:
            top = Path(directory) / "top"
            folder = top / "cur" if maildir else top
            folder.mkdir(parents=True)
            if maildir:
                message = FIXTURES / "pond.maildir" / "new" / "1714900200.M3P1.host"
                (folder / message.name).write_bytes(message.read_bytes())
            for number, kind in enumerate(kinds):
                make_entry(folder, f"{number}-{kind}.txt", kind)
            record.case("maildir" if maildir else "folder", 0, lambda: dump(top))

    makers = st.one_of(
        mutated_json().map(lambda text: (json_case, (text,))),
        mutated_mailbox().map(lambda data: (mailbox_case, (data,))),
        many_links().map(lambda pair: (links_case, (pair,))),
        config_bombs.map(lambda text: (config_case, (text,))),
        st.tuples(entries, st.booleans()).map(lambda pair: (folder_case, pair)),
    )

    @seed(run_seed)
    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=["generate"],
        suppress_health_check=list(HealthCheck),
    )
    @given(made=makers)
    def one(made: tuple[Callable[..., None], tuple[object, ...]]) -> None:
        case, arguments = made
        case(*arguments)

    one()
    return record.report()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hang-seconds", type=float, default=10.0)
    options = parser.parse_args()
    report = run(options.cases, options.seed, options.hang_seconds)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    failed = report["tracebacks"] or report[f"over {options.hang_seconds:g} s"]
    return 1 if failed or report["over 2x input + 200 MB"] else 0


if __name__ == "__main__":
    sys.exit(main())
