"""A mailing-list archive for the `archive` section, generated the same every run.

Shaped like a busy development list: threads of long-tailed sizes (a power law,
the biggest a patch series with thousands of replies), replies that quote the
message they answer ("On ..., X wrote:" and its `> ` lines, the quotes of
quotes kept), patches with their diffstat and hunks, signatures, and a few
messages of every other kind a real archive holds (quoted-printable and
base64 bodies, HTML alternatives, attachments, encoded names and subjects).
Messages are in date order, threads interleaved, as a list's archive is.
Written as an mbox (`>From ` escaped, mboxrd) and as a Maildir of the same
messages. All text is invented here from a word list.
"""

from __future__ import annotations

import base64
import itertools
import quopri
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.header import Header
from email.utils import format_datetime
from pathlib import Path

SEED = 20260424
# The search row's word: in about one body in sixty, never in a header.
SEARCH_WORD = "quokka"
SEARCH_SHARE = 1 / 60
LIST_ID = "<bench-devel.lists.example.org>"
# How many of the biggest threads start the archive, in size order.
_FIRST_THREADS = 20
LIST_ADDRESS = "bench-devel@lists.example.org"
_COMMON = (
    "the of and to in is that it for was on with as by this be are from at or an have "
    "not they which one you were all we there their has been if more when will would "
    "who so no but what can just also only then than into some could should these"
).split()
_TECHNICAL = (
    "kernel driver memory page cache buffer lock mutex spinlock thread queue scheduler "
    "interrupt handler device register mapping allocation free leak race condition patch "
    "series review commit changelog regression bisect test build config option module "
    "function pointer struct field offset size length index array list node tree hash "
    "table entry value return error path cleanup refactor helper macro inline static "
    "const volatile atomic barrier fence ordering load store read write flush sync "
    "timeout deadline latency throughput benchmark profile trace event counter sample "
    "firmware bootloader partition filesystem inode dentry superblock journal extent "
    "block sector request bio segment scatter gather dma iommu pci usb network socket "
    "packet header checksum offload ring descriptor doorbell mailbox vector affinity "
    "cpu core cluster frequency governor thermal power suspend resume reset probe "
    "remove bind unbind firmware version upstream downstream backport stable maintainer"
).split()
_NAMES = (
    "Ana Bo Chen Dara Emil Farah Goran Hana Ivo Jana Kofi Lena Milo Nadia Oskar Priya "
    "Quentin Rosa Sami Tove Umar Vera Wim Xia Yusuf Zora Aldo Bianca Cyril Dina Elio Fenna"
).split()
_SURNAMES = (
    "Abbott Baker Castro Dunn Ekberg Fischer Garcia Horvat Ito Jensen Kowalski Larsen "
    "Moreau Novak Okafor Petrov Quist Rossi Silva Tanaka Ulrich Varga Weber Xu Yilmaz Zeller"
).split()
_ACCENTED = ["Zoë", "Björn", "Łukasz", "Renée", "Jürgen", "Ségolène", "Dvořák", "Åsa"]
_FILES = [
    "drivers/net/ring.c", "drivers/usb/core/hub.c", "mm/page_alloc.c", "fs/ext4/inode.c",
    "kernel/sched/core.c", "include/linux/queue.h", "net/core/sock.c", "lib/hash.c",
    "arch/x86/kernel/irq.c", "block/blk-mq.c", "tools/testing/selftests/run.sh",
]  # fmt: skip


@dataclass(frozen=True)
class ArchiveShape:
    messages: int
    threads: int
    biggest: int  # messages in the biggest thread


FULL_ARCHIVE = ArchiveShape(messages=50_000, threads=5_000, biggest=7_198)
QUICK_ARCHIVE = ArchiveShape(messages=2_000, threads=200, biggest=300)


@dataclass
class _Author:
    name: str
    address: str
    header: str  # the From header's value as written


@dataclass
class _Mail:
    thread: int
    when: datetime
    message_id: str
    author: _Author
    subject: str
    parent: _Mail | None
    references: list[str]
    lines: list[str]  # its own text, unquoted, for the replies to quote
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    number: int = 0


@dataclass(frozen=True)
class Archive:
    """Where the archive was written, and what a reader should find in it."""

    mbox: Path
    maildir: Path
    messages: int
    threads: int
    biggest: int  # replies in the biggest thread
    # Messages whose body holds `SEARCH_WORD`, and the threads that hold them.
    word_messages: int
    word_threads: int


def thread_sizes(shape: ArchiveShape) -> list[int]:
    """Long-tailed thread sizes: the biggest `shape.biggest`, then a power law
    down to single messages, adding up to `shape.messages`."""

    def sizes(power: float) -> list[int]:
        return [max(1, round(shape.biggest / rank**power)) for rank in range(1, shape.threads + 1)]

    low, high = 0.1, 4.0
    for _ in range(60):
        middle = (low + high) / 2
        if sum(sizes(middle)) > shape.messages:
            low = middle
        else:
            high = middle
    found = sizes(high)
    # What the rounding left over goes to the middle-sized threads, one each.
    missing = shape.messages - sum(found)
    rank = 1
    while missing > 0:
        found[rank] += 1
        missing -= 1
        rank = rank % (shape.threads // 4) + 1
    return found


class _Words:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        vocabulary = _COMMON + _TECHNICAL
        # Zipf-like: the common words first, each rarer than the one before.
        weights = [1 / (rank + 8) for rank in range(len(vocabulary))]
        self.vocabulary = vocabulary
        self.cumulative = list(itertools.accumulate(weights))

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.cumulative, k=count)

    def sentence(self, count: int) -> str:
        return " ".join(self.words(count)).capitalize() + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence(self.rng.randint(5, 18)) for _ in range(sentences))


def _wrap(text: str, width: int = 72) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def _authors(rng: random.Random) -> list[_Author]:
    authors = []
    for number in range(600):
        first = rng.choice(_ACCENTED) if number % 40 == 7 else rng.choice(_NAMES)
        name = f"{first} {rng.choice(_SURNAMES)}"
        handle = first.encode("ascii", "ignore").decode().lower()[:3] or "dev"
        address = f"{handle}.{number}@example.{rng.choice(['org', 'net', 'com'])}"
        if not name.isascii():
            encoded = base64.b64encode(name.encode()).decode()
            header = f"=?utf-8?b?{encoded}?= <{address}>"
        else:
            header = f"{name} <{address}>"
        authors.append(_Author(name, address, header))
    return authors


def _patch(rng: random.Random, words: _Words) -> list[str]:
    """A `git format-patch` body after the changelog: diffstat and hunks."""
    files = rng.sample(_FILES, rng.randint(1, 3))
    lines = ["---"]
    counts = [rng.randint(3, 40) for _ in files]
    for path, count in zip(files, counts, strict=True):
        lines.append(f" {path} | {count} {'+' * min(count, 30)}")
    lines.append(f" {len(files)} file{'s' if len(files) > 1 else ''} changed")
    lines.append("")
    for path, count in zip(files, counts, strict=True):
        lines += [
            f"diff --git a/{path} b/{path}",
            f"index {rng.getrandbits(28):07x}..{rng.getrandbits(28):07x} 100644",
            f"--- a/{path}",
            f"+++ b/{path}",
        ]
        start = rng.randint(10, 900)
        lines.append(f"@@ -{start},{count} +{start},{count + 2} @@ static int setup(void)")
        for _ in range(count):
            kind = rng.choices(" +-", weights=[6, 3, 2])[0]
            code = "_".join(words.words(rng.randint(1, 3)))
            lines.append(f"{kind}\t{code}({rng.randint(0, 64)});")
    lines += ["--", "2.43.0"]
    return lines


def _own_text(rng: random.Random, words: _Words, patch: bool) -> list[str]:
    lines: list[str] = []
    for number in range(rng.choices([1, 2, 3, 4], weights=[30, 40, 20, 10])[0]):
        if number:
            lines.append("")
        paragraph = words.paragraph(rng.randint(1, 4))
        if rng.random() < SEARCH_SHARE / 2:
            paragraph += f" The {SEARCH_WORD} case again."
        lines += _wrap(paragraph)
    if patch:
        lines.append("")
        lines += _patch(rng, words)
    return lines


def _quoted(parent: _Mail, rng: random.Random) -> list[str]:
    """The start of the parent's body as a reply quotes it (its quotes too)."""
    wrote = f"On {format_datetime(parent.when)}, {parent.author.name} wrote:"
    body = parent.body.split("\n")
    start = 0
    if body and body[0].startswith("On "):
        start = 1  # the parent's own attribution line is quoted too
    taken = body[: start + rng.randint(3, 12)]
    return [wrote, *(">" + (line if line.startswith(">") else " " + line) for line in taken), ""]


def _messages(shape: ArchiveShape, rng: random.Random) -> list[_Mail]:
    words = _Words(rng)
    authors = _authors(rng)
    sizes = thread_sizes(shape)
    start = datetime(2023, 1, 2, 9, 0, tzinfo=UTC)
    span = timedelta(days=700).total_seconds()
    mails: list[_Mail] = []
    for thread, size in enumerate(sizes):
        # The biggest threads start the archive, biggest first (a patch series
        # that grew huge, and the next biggest in the hours after it), so that
        # the list's first entries hold thousands of comments; the others
        # start at random, so threads interleave.
        if thread < _FIRST_THREADS:
            begins = start + timedelta(minutes=7 * thread)
        else:
            begins = start + timedelta(seconds=rng.random() * span)
        series = thread == 0 or rng.random() < 0.12
        topic = " ".join(words.words(rng.randint(3, 7)))
        if series:
            patches = min(size - 1, rng.randint(2, 12))
            subject = f"[PATCH 0/{patches}] {topic}"
        else:
            patches = 0
            subject = topic.capitalize()
        root = _Mail(
            thread, begins, f"<t{thread}.0.{rng.getrandbits(32):x}@bench.example.org>",
            rng.choice(authors), subject, None, [], _own_text(rng, words, False),
        )  # fmt: skip
        in_thread = [root]
        mails.append(root)
        for reply in range(1, size):
            if reply <= patches:
                parent = root
                subject = f"[PATCH {reply}/{patches}] {' '.join(words.words(rng.randint(3, 6)))}"
                author = root.author
                patch = True
                delay = 1.0
            else:
                back = min(len(in_thread) - 1, int(rng.expovariate(0.08)))
                parent = in_thread[0] if rng.random() < 0.3 else in_thread[-1 - back]
                subject = (
                    parent.subject
                    if parent.subject.startswith("Re: ")
                    else ("Re: " + parent.subject)
                )
                author = rng.choice(authors)
                patch = rng.random() < 0.03
                delay = rng.expovariate(1 / 3600)
            when = max(parent.when, in_thread[-1].when if reply <= patches else parent.when)
            mail = _Mail(
                thread, when + timedelta(seconds=delay),
                f"<t{thread}.{reply}.{rng.getrandbits(32):x}@bench.example.org>",
                author, subject, parent, [*parent.references, parent.message_id][-12:],
                _own_text(rng, words, patch),
            )  # fmt: skip
            in_thread.append(mail)
            mails.append(mail)
    mails.sort(key=lambda mail: mail.when)
    return mails


def _bodies(mails: list[_Mail], rng: random.Random) -> None:
    """Each message's body (quoting its parent's, so in date order) and headers."""
    for number, mail in enumerate(mails):
        mail.number = number
        lines = list(mail.lines)
        if mail.parent is not None and not mail.subject.startswith("[PATCH"):
            lines = [*_quoted(mail.parent, rng), *lines]
        if rng.random() < 0.3:
            lines += ["", "-- ", mail.author.name]
        mail.body = "\n".join(lines)
        subject = mail.subject
        if number % 97 == 5:
            # Encoded, and folded, as a mailer writes it.
            subject = Header(subject + " — naïve façade", "utf-8").encode(linesep="\n")
        headers = {
            "From": mail.author.header,
            "To": LIST_ADDRESS,
            "Subject": subject,
            "Date": format_datetime(mail.when),
            "Message-ID": mail.message_id,
        }
        if mail.parent is not None:
            headers["In-Reply-To"] = mail.parent.message_id
            headers["References"] = "\n ".join(mail.references)
        headers["List-Id"] = f"Bench development list {LIST_ID}"
        headers["MIME-Version"] = "1.0"
        mail.headers = headers


def _message_bytes(mail: _Mail, rng: random.Random) -> bytes:
    """The message as a list delivers it: mostly plain ASCII text, now and then
    quoted-printable, base64, an HTML alternative or an attachment."""
    head = "".join(f"{name}: {value}\n" for name, value in mail.headers.items())
    body = mail.body
    kind = mail.number % 100
    if kind == 11:  # quoted-printable, with characters beyond ASCII
        text = (body + "\n\nMerci, à bientôt — Zoë\n").encode()
        return (
            head.encode()
            + b"Content-Type: text/plain; charset=utf-8\n"
            + b"Content-Transfer-Encoding: quoted-printable\n\n"
            + quopri.encodestring(text)
        )
    if kind == 23:  # base64
        encoded = base64.encodebytes(body.encode())
        return (
            head.encode()
            + b"Content-Type: text/plain; charset=utf-8\n"
            + b"Content-Transfer-Encoding: base64\n\n"
            + encoded
        )
    if kind == 37:  # text and HTML alternatives
        html = "<html><body>" + "".join(
            f"<p>{line}</p>" for line in body.split("\n") if line
        ) + "</body></html>"  # fmt: skip
        boundary = f"=_alt{mail.number}"
        return (
            f'{head}Content-Type: multipart/alternative; boundary="{boundary}"\n\n'
            f"--{boundary}\nContent-Type: text/plain; charset=us-ascii\n\n{body}\n"
            f"--{boundary}\nContent-Type: text/html; charset=us-ascii\n\n{html}\n"
            f"--{boundary}--\n"
        ).encode()
    if kind == 59:  # an attachment
        boundary = f"=_mix{mail.number}"
        picture = base64.encodebytes(rng.randbytes(600)).decode()
        return (
            f'{head}Content-Type: multipart/mixed; boundary="{boundary}"\n\n'
            f"--{boundary}\nContent-Type: text/plain; charset=us-ascii\n\n{body}\n"
            f'--{boundary}\nContent-Type: image/png; name="trace.png"\n'
            'Content-Disposition: attachment; filename="trace.png"\n'
            f"Content-Transfer-Encoding: base64\n\n{picture}"
            f"--{boundary}--\n"
        ).encode()
    return (
        head
        + "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\n"
        + body
        + "\n"
    ).encode()


def _from_line(mail: _Mail) -> bytes:
    return f"From {mail.author.address} {mail.when.strftime('%a %b %d %H:%M:%S %Y')}\n".encode()


def _escape_from(data: bytes) -> bytes:
    """mboxrd: a body line that reads `From ` (after any `>`) gets one more `>`."""
    if b"From " not in data:
        return data
    lines = data.split(b"\n")
    for number, line in enumerate(lines):
        if line.lstrip(b">").startswith(b"From "):
            lines[number] = b">" + line
    return b"\n".join(lines)


def write_archive(folder: Path, shape: ArchiveShape) -> Archive:
    """The archive as `folder/archive.mbox` and `folder/archive.maildir`."""
    rng = random.Random(SEED)
    mails = _messages(shape, rng)
    _bodies(mails, rng)
    folder.mkdir(parents=True, exist_ok=True)
    mbox = folder / "archive.mbox"
    maildir = folder / "archive.maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    word = SEARCH_WORD.encode()
    word_messages = 0
    word_threads: set[int] = set()
    with mbox.open("wb") as out:
        for mail in mails:
            data = _message_bytes(mail, rng)
            if word in mail.body.encode():
                word_messages += 1
                word_threads.add(mail.thread)
            out.write(_from_line(mail) + _escape_from(data) + b"\n")
            stamp = int(mail.when.timestamp())
            name = f"{stamp}.M{mail.number:06d}P1.bench:2,S"
            (maildir / "cur" / name).write_bytes(data)
    sizes = thread_sizes(shape)
    return Archive(
        mbox, maildir, len(mails), shape.threads, sizes[0] - 1, word_messages, len(word_threads)
    )
