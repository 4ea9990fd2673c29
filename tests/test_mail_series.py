"""A mailing list's patch series (issue 18): every message's subject, every
part of a multipart message, as mutt shows them; kept by `reader dump`.

`tidepool.mbox` and `tidepool.maildir` hold the same invented series: a cover
letter `[PATCH 0/3]`, three patches replying to it, a review of patch 2 with
a text file attached and the answer to it, a reply under a subject of its
own (HTML mail with a titled link), a `Tested-by`, and a lone patch sent
without a `List-Id`.
"""

from __future__ import annotations

import email
import html
import json
import re
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from reader.formats.loader import load_articles
from reader.formats.mail.fields import full_fields
from reader.formats.yaml.dump import dump_articles, dump_json
from reader.model import Article
from reader.model.subjects import bare_subject, list_tag, shown_subject
from reader.prepared import prepare
from reader.text import CODE, PARAGRAPH, PART
from tests.builders import write
from tests.formats_support import assert_round_trips, by_id, fixture, kinds, load

COVER = "<20240304090000.10-0-mira@example.dev>"
PATCH = {n: f"<20240304090000.10-{n}-mira@example.dev>" for n in (1, 2, 3)}
REVIEW = "<87h6l1mnrq.fsf@example.net>"
ANSWER = "<Zea7x2k1Pq@example.dev>"
UNITS = "<CAF3x0nQ8u+r2@mail.example.com>"
TESTED = "<a8c1e2f4-77b0@example.org>"
SERIES = "[PATCH 0/3] tides: read harmonic constants from a file"


@pytest.fixture(params=["tidepool.mbox", "tidepool.maildir"])
def series(request: pytest.FixtureRequest) -> list[Article]:
    return load(request.param)


def test_titles_keep_patch_tags_and_lose_only_the_lists_tag(series: list[Article]) -> None:
    cover, lone = series
    assert cover.title == SERIES
    assert cover.source == "tidepool-devel.lists.example.org"
    assert cover.subject == f"[tidepool-devel] {SERIES}"
    # Without a List-Id no tag is the list's: `[PATCH 0]` stays in the title
    # and is nobody's source or byline.
    assert lone.title == "[PATCH 0] Path of the cache file for station names with spaces"
    assert (lone.source, lone.byline) == (None, "By Tomás Reyes")


def test_every_message_keeps_its_subject(series: list[Article]) -> None:
    found = by_id(series[0])
    assert found[PATCH[2]].subject == (
        "[tidepool-devel] [PATCH 2/3] tides: use the constants reader in the predictor"
    )
    assert found[REVIEW].subject == (
        "Re: [tidepool-devel] [PATCH 2/3] tides: use the constants reader in the predictor"
    )
    assert found[ANSWER].subject == (
        "Re: [PATCH 2/3] tides: use the constants reader in the predictor"
    )


def test_a_header_shows_a_subject_only_where_it_differs_from_its_parents(
    series: list[Article],
) -> None:
    prepared = prepare(series[0])
    thread = prepared.thread
    shown = {c.source_id: thread.shown_subject(i) for i, c in enumerate(thread.comments)}
    assert shown == {
        PATCH[1]: "[PATCH 1/3] tides: add a reader for constants files",
        PATCH[2]: "[PATCH 2/3] tides: use the constants reader in the predictor",
        # `Re:` and the list's tag aside, the subject of the patch it answers.
        REVIEW: None,
        ANSWER: None,
        PATCH[3]: "[PATCH 3/3] docs: describe the constants file format",
        UNITS: f"Units in constants files (was: Re: {SERIES})",
        TESTED: None,  # the cover letter's
    }


@pytest.mark.parametrize(
    ("subject", "bare"),
    [
        ("Re: RE: Re[2]: Re(3): AW: SV: WG: Fwd: FW: Topic", "Topic"),
        ("[list] Re: [list] Re:Topic", "Topic"),
        ("Re: [LIST] [PATCH v2 3/7] x86:  ifdef   it out", "[PATCH v2 3/7] x86: ifdef it out"),
        ("[other] Topic", "[other] Topic"),
        ("Topic (was: Re: Other)", "Topic (was: Re: Other)"),
        ("Remarks: on tides", "Remarks: on tides"),  # `Re` only as a whole prefix
    ],
)
def test_bare_subjects(subject: str, bare: str) -> None:
    assert bare_subject(subject, "list") == bare


def test_shown_subjects_and_list_tags() -> None:
    assert list_tag("Linux kernel <linux-kernel.vger.kernel.org>") == "linux-kernel"
    assert list_tag("linux-kernel.vger.kernel.org") == "linux-kernel"
    assert list_tag(None) is None
    assert shown_subject("Re: [k] Topic", "[k] Topic", "k") is None
    assert shown_subject("Re: Topic", None, None) == "Topic"  # no parent known
    assert shown_subject("Re: ", "Topic", None) is None  # nothing to say
    assert shown_subject(None, "Topic", None) is None


def test_a_multipart_message_shows_every_text_part_in_order(series: list[Article]) -> None:
    patch = by_id(series[0])[PATCH[3]]
    assert kinds(patch.blocks) == [PARAGRAPH, PARAGRAPH, PART, CODE, PART, PARAGRAPH, PART]
    parts = [
        text
        for text, block in zip(patch.text, patch.blocks or (), strict=True)
        if block.kind == PART
    ]
    assert parts == [
        # The text/x-diff part, as code, under its file name.
        "0003-docs-describe-the-constants-file-format.patch",
        # The list's footer: a second text/plain part, named by its type.
        "text/plain",
        # The picture is listed after the parts: name, type and size.
        "tide-chart.png · image/png · 416 bytes",
    ]
    assert patch.text[3].startswith("diff --git a/docs/constants.md b/docs/constants.md\n")
    assert patch.text[3].endswith("+Lines past the 37th are ignored.")
    assert patch.text[5].startswith("_______________________________________________\n")


def test_a_text_attachment_is_shown_under_a_line_naming_it(series: list[Article]) -> None:
    review = by_id(series[0])[REVIEW]
    assert (review.blocks or ())[-2].kind == PART and review.text[-2] == "bench.txt"
    assert review.text[-1].splitlines()[1] == "Vardo      37            0.8 ms   0.9 ms"


def test_the_mbox_and_the_maildir_give_the_same_threads() -> None:
    mbox, maildir = load("tidepool.mbox"), load("tidepool.maildir")
    assert [dump_json(a) for a in mbox] == [dump_json(a) for a in maildir]


def test_the_series_round_trips_through_dump(tmp_path: Path) -> None:
    assert_round_trips(load("tidepool.mbox"), tmp_path)


# Every word ------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return set(text.split())


def _source_words(path: Path) -> set[str]:
    """Every word the mbox's messages hold in what reader shows, read by
    `email` itself: subjects, the words of every text part (HTML without its
    tags, entities decoded, its links' titles), every attachment's file name.
    A quote's `>` marks are layout, not words; of alternatives, one is shown;
    a message with no header at all is no message (reader skips it, with a
    warning)."""
    words: set[str] = set()
    mbox = re.sub(rb"^>(>*From )", rb"\1", path.read_bytes(), flags=re.MULTILINE)
    for chunk in re.split(rb"\n(?=From \S+ )", mbox):
        message = email.message_from_bytes(chunk.split(b"\n", 1)[1], policy=policy.default)
        assert isinstance(message, EmailMessage)
        if not any(message[name] for name in ("from", "subject", "date")):
            continue
        words |= _words(str(message["subject"] or ""))
        for part in _shown_parts(message):
            if part.get_filename():
                words.add(str(part.get_filename()))
            if part.get_content_maintype() != "text":
                continue
            content = part.get_content()
            if part.get_content_subtype() == "html":
                titles = re.findall(r'title="([^"]*)"', content)
                content = html.unescape(re.sub(r"<[^>]*>", " ", content)) + " " + " ".join(titles)
            words |= {word for word in _words(content) if word.strip(">")}
    return words


def _shown_parts(part: EmailMessage) -> list[EmailMessage]:
    """The leaf parts of a message, of alternatives the one shown."""
    if part.get_content_type() == "multipart/alternative":
        chosen = part.get_body(preferencelist=("plain", "html"))
        return _shown_parts(chosen) if isinstance(chosen, EmailMessage) else []
    if part.is_multipart():
        return [leaf for child in part.iter_parts() for leaf in _shown_parts(child)]
    return [part]


def _dumped_words(dumped: object) -> set[str]:
    """Every word of every string in a dump, keys aside."""
    words: set[str] = set()
    stack = [dumped]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            words |= _words(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return words


@pytest.mark.parametrize("name", ["tidepool.mbox", "garden.mbox"])
def test_dump_keeps_every_word_subject_part_and_link_title(name: str) -> None:
    dumped = json.loads(dump_articles(load(name), "json"))
    assert _source_words(fixture(name)) - _dumped_words(dumped) == set()


def test_full_fields_lists_parts_in_order() -> None:
    chunks = re.split(r"\n(?=From \S+ )", fixture("tidepool.mbox").read_text(encoding="utf-8"))
    patch = next(chunk for chunk in chunks if "[PATCH 3/3]" in chunk.split("\n\n", 1)[0])
    parts = full_fields(patch.split("\n", 1)[1].encode()).parts
    assert [(p.kind, p.name, p.content_type, p.attached) for p in parts] == [
        ("plain", None, "text/plain", False),
        ("verbatim", "0003-docs-describe-the-constants-file-format.patch", "text/x-diff", False),
        ("plain", None, "text/plain", False),
        ("attachment", "tide-chart.png", "image/png", True),
    ]
    assert parts[-1].size == 416


def test_a_forwarded_message_shows_its_head_then_its_text(tmp_path: Path) -> None:
    forward = (
        "From ann@example.org Mon Mar  4 09:00:00 2024\n"
        "From: Ann <ann@example.org>\nSubject: Fwd: minutes\n"
        "Date: Mon, 04 Mar 2024 09:00:00 +0000\nMessage-ID: <f1@example.org>\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="X"\n\n'
        "--X\nContent-Type: text/plain\n\nSee below.\n\n"
        "--X\nContent-Type: message/rfc822\n\n"
        "From: Bo <bo@example.org>\nSubject: minutes\n"
        "Date: Fri, 01 Mar 2024 17:00:00 +0000\nContent-Type: text/plain\n\n"
        "The minutes, as promised.\n\n--X--\n"
    )
    (article,) = load_articles(write(tmp_path / "fwd.mbox", forward))
    assert article.body == [
        "See below.",
        "forwarded message",
        "From: Bo <bo@example.org>\nDate: Fri, 01 Mar 2024 17:00:00 +0000\nSubject: minutes",
        "The minutes, as promised.",
    ]
    assert kinds(article.body_blocks) == [PARAGRAPH, PART, PARAGRAPH, PARAGRAPH]
