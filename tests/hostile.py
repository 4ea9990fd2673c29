"""Hypothesis strategies for hostile input (issue 23): what the earlier fuzzing
never made, each class the probe found by hand.

- `mutated_json`: the JSON fixtures (Reddit, the three HN shapes, reader's own
  dump), values replaced by other types, huge or non-finite numbers, keys
  dropped, and lone surrogates in strings (written as `\\udXXX` escapes, as
  `json.dumps` spells them).
- `mutated_mailbox`: the mbox fixture with raw undecodable bytes, quoted and
  commented header values tens of KB long, broken address syntax and a body
  of many URLs spliced in.
- `many_links`: a Markdown or HTML paragraph of thousands of links (and
  nested, empty and URL-text ones).
- `config_bombs`: TOML nested far past tomllib's recursion, dotted keys of
  thousands of parts, thousands of unknown binding ids, NUL and escapes.
- `entries`: what a folder or a Maildir may hold: FIFOs, links to devices,
  dangling links and links in loops, beside good files.

Every text is invented here or taken from the invented fixtures.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

FIXTURES = Path(__file__).resolve().parent / "fixtures"
JSON_FIXTURES = ("reddit.json", "hn_algolia.json", "hn_pwa.json", "hn_firebase.json")

# Values of every JSON type, and the ones that broke the parsers.
odd_values = st.sampled_from(
    [
        [],
        {},
        [1, [2]],
        {"id": 1},
        [{"id": 1}],
        "x",
        "",
        -1,
        0,
        10**50,
        1.5,
        None,
        True,
        math.inf,
        -math.inf,
        math.nan,
        "\ud800",
        "a\udfffb",
        "\x1b]0;title\x07",
    ]
)
surrogates = st.integers(0xD800, 0xDFFF).map(chr)


def _fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@st.composite
def mutated_json(draw: st.DrawFn) -> str:
    """A JSON fixture, mutated: the text of a file to load."""
    data = _fixture(draw(st.sampled_from(JSON_FIXTURES)))
    rate = draw(st.sampled_from([0.02, 0.1, 0.3]))
    rng = draw(st.randoms(use_true_random=False))
    pool = [draw(odd_values) for _ in range(8)]
    marks = [draw(surrogates) for _ in range(4)]

    def roll() -> float:
        return rng.random()

    def mutate(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                chance = roll()
                if chance < rate / 3:
                    continue
                out[key] = rng.choice(pool) if chance < rate else mutate(value)
            return out
        if isinstance(node, list):
            out_list = [mutate(item) for item in node if roll() > rate / 3]
            if roll() < rate:
                out_list.append(rng.choice(pool))
            return out_list
        if isinstance(node, str) and roll() < rate:
            at = len(node) // 2
            return node[:at] + rng.choice(marks) + node[at:]
        return node

    text = json.dumps(mutate(data))
    # A number past Python's 4,300-digit limit, now and then.
    if draw(st.booleans()):
        text = text.replace('"score": ', '"score": ' + "9" * 5000, 1)
    return text


_MAILBOX = (FIXTURES / "garden.mbox").read_bytes()
_SPLICES = [
    b'"',
    b"<",
    b">",
    b"(",
    b")",
    b"=?utf-8?q?",
    b"?=",
    b",",
    b";",
    b":",
    b"\\",
    b"@",
    b"\n ",
    b"\xff",
    b"\xfe\xfd",
    b"\r",
    b"\x1b[2J",
]


@st.composite
def mutated_mailbox(draw: st.DrawFn) -> bytes:
    """The mbox fixture with bytes spliced in, and now and then a header of tens
    of KB of quoted strings, or a body of many URLs."""
    data = bytearray(_MAILBOX)
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(data)))
        cut = draw(st.integers(0, 3))
        data[at : at + cut] = draw(st.sampled_from(_SPLICES)) * draw(st.integers(1, 3))
    header = draw(
        st.sampled_from(
            [
                b"",
                b"From: " + b'"a", ' * 4_000 + b"<x@example.org>\n",
                b"Content-Transfer-Encoding: " + b'"a", ' * 4_000 + b"\n",
                b"To: " + b"(c) " * 4_000 + b"\n",
                b"Subject: " + b"=?utf-8?q?a?= " * 3_000 + b"\n",
                b"References: " + b"<r@example.org> " * 3_000 + b"\n",
            ]
        )
    )
    if header:
        # After the first message's From line.
        at = data.find(b"\n") + 1
        data[at:at] = header
    if draw(st.booleans()):
        urls = b" ".join(b"https://example.org/%d" % number for number in range(3_000))
        at = data.find(b"\n\n") + 2
        data[at:at] = urls + b"\n"
    return bytes(data)


@st.composite
def many_links(draw: st.DrawFn) -> tuple[str, str]:
    """("markdown" or "html", a paragraph of up to thousands of links)."""
    count = draw(st.sampled_from([1, 10, 500, 3_000]))
    style = draw(st.sampled_from(["markdown", "html"]))
    kinds = draw(st.lists(st.sampled_from(["text", "url", "empty", "nested"]), min_size=1))
    parts = []
    for number in range(count):
        url = f"http://example.org/{number}"
        kind = kinds[number % len(kinds)]
        if style == "markdown":
            text = {"text": f"w{number}", "url": url, "empty": "", "nested": f"[in]({url})"}[kind]
            parts.append(f"[{text}]({url})")
        else:
            inner = {
                "text": f"w{number}",
                "url": url,
                "empty": "",
                "nested": f'<a href="{url}/in">in</a> <b>b',
            }[kind]
            parts.append(f'<a href="{url}">{inner}</a>')
    return style, " ".join(parts)


def _deep(kind: str, depth: int) -> str:
    if kind == "arrays":
        return "a = " + "[" * depth + "]" * depth + "\n"
    if kind == "tables":
        return "[keys]\nz = " + "{a = " * depth + '"x"' + "}" * depth + "\n"
    if kind == "dotted":
        return "[keys]\n" + ".".join(["a"] * depth) + ' = "x"\n'
    if kind == "headers":
        return "[" + ".".join(["k"] * depth) + "]\n"
    return "[keys]\n" + "".join(f'"no.such{number}" = "x"\n' for number in range(depth))


config_bombs = st.one_of(
    st.builds(
        _deep,
        st.sampled_from(["arrays", "tables", "dotted", "headers", "unknown"]),
        st.sampled_from([10, 600, 3_000, 20_000]),
    ),
    st.text(alphabet=st.sampled_from(list("[]{}=\".,\n \\x\x00\x1b#'")), max_size=300),
)

# What one entry of a folder or Maildir may be.
ENTRY_KINDS = ("article", "fifo", "dev-zero", "dangling", "loop", "folder", "empty")
entries = st.lists(st.sampled_from(ENTRY_KINDS), min_size=1, max_size=8)


def make_entry(folder: Path, name: str, kind: str) -> None:
    """Make one entry `name` of `kind` in `folder`."""
    path = folder / name
    if kind == "article":
        path.write_text(f"An article {name}\n\nIts body.\n", encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "dangling":
        path.symlink_to(folder / "no-such-file")
    elif kind == "loop":
        path.symlink_to(folder)
    elif kind == "folder":
        path.mkdir()
        (path / "inside.txt").write_text("Inside\n\nA body.\n", encoding="utf-8")
    else:
        path.write_bytes(b"")
