"""The file (or directory) being identified and parsed, read at most once.

Format sniffers and parsers share it: the bytes are read by the loader, the
text is decoded and the JSON parsed on first use only.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import LoadError
from .scrub import may_hold_surrogates

# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (codecs.BOM_UTF8, "utf-8-sig"),
)
_NOT_TEXT = "not UTF-8 text (binary file?)"
_WIDE_BOMS = tuple(
    bom for bom, name in _BOMS if name.startswith("utf-16") or name.startswith("utf-32")
)
JSON_SUFFIXES = (".json", ".jsonl")
# Files the loader reads whole, up front (their parser needs them whole).
SEED_TEXT_SUFFIXES = (".txt",)
# Files the loader reads into a bytearray, for `take_utf8_line_pieces` and
# `take_json_chunks` to free as they are taken.
CUT_AS_TAKEN_SUFFIXES = (".txt", ".json")
# How much of a file `take_utf8_line_pieces` decodes at a time.
LINES_CHUNK = 1 << 20


class NotThisFormat(Exception):
    """Raised by a parser that took a file by its first bytes and then found
    it is not of its format: the loader detects the format again (the sample
    has read more of the file by then)."""


class Sample:
    """A path and, for a file, its bytes (a bytearray for seed text and JSON,
    so that its lines or chunks can be taken with the bytes freed as they
    are): all of
    them, or its first ones and how to read the whole (read on first use of
    `data`: a mailbox's parser reads the file itself, in chunks, and never
    needs it whole)."""

    def __init__(
        self,
        path: Path,
        data: bytes | bytearray | None,
        whole: Callable[[], bytes | bytearray] | None = None,
    ) -> None:
        self.path = path
        self._data = data
        self._whole = whole
        # Kept to read the file again should a parser that took its bytes in
        # chunks find it cannot read them (see `take_json_chunks`).
        self._read_again = whole
        self._json_given = False
        # Every article is to be read in full at once (`loader.load_articles`):
        # a mailbox then reads each message once, as it is indexed.
        self.in_full = False

    @property
    def data(self) -> bytes | bytearray | None:
        if self._whole is not None:
            self._data, self._whole = self._whole(), None
        return self._data

    @data.setter
    def data(self, data: bytes | bytearray) -> None:
        self._data, self._whole = data, None

    @property
    def is_dir(self) -> bool:
        return self._data is None

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    def head(self, size: int = 512) -> bytes:
        data = self._data or b""
        if size > len(data) and self._whole is not None:
            data = self.data or b""
        return bytes(data[:size])

    @cached_property
    def text(self) -> str:
        assert self.data is not None
        return decode_text(self.data, self.path)

    def take_text(self) -> str:
        """The decoded text, handed over: the sample lets go of it and of its
        bytes, so that a parser that splits the text can free the whole of it
        (a 100 MB file need not be held three times over while it is parsed)."""
        text = self.text
        del self.text
        self.data = b""
        return text

    def take_utf8_line_pieces(self) -> Iterator[list[str]] | None:
        """The text's lines, handed over as by `take_text`, when it is plain UTF-8
        with lines ending at `\\n` alone (None otherwise: take the text then):
        in pieces of about `LINES_CHUNK` bytes, in order, each decoded when the
        iterator reaches it. The bytes are cut into pieces first (from their end,
        so that they are held at most 1.5 times over) and each piece is freed
        as it is decoded: a parser that reads the lines in order holds one
        piece's lines beside what it made of the others, never all the lines
        (two bytes a character as soon as one character of a line needs it)."""
        data = self.data
        if not data or "text" in self.__dict__ or data.startswith(_WIDE_BOMS):
            return None
        if b"\r" in data or b"\0" in data:
            return None
        if isinstance(data, bytearray):
            self.data = b""
            return _decoded(_pieces_from_the_end(data), self.path)
        lines: list[Any] = data.split(b"\n")
        self.data = b""
        del data
        for number, line in enumerate(lines):
            try:
                lines[number] = line.decode()
            except UnicodeDecodeError:
                raise LoadError(self.path, _NOT_TEXT, number + 1) from None
        return iter((lines,))

    @cached_property
    def is_json(self) -> bool:
        """Whether the file is JSON: by its suffix, or by content that parses."""
        if self.is_dir:
            return False
        if self.suffix in JSON_SUFFIXES:
            return True
        if self.head(64).removeprefix(codecs.BOM_UTF8).lstrip()[:1] not in (b"{", b"["):
            return False
        try:
            self.json  # noqa: B018 - parsed here, kept for the parser
        except LoadError:
            return False
        return True

    def take_json(self, value: Any) -> None:
        """The JSON the bytes hold, parsed already (a document fetched from
        the web, parsed to check it): `json` gives it, without parsing again."""
        self.__dict__["json"] = value
        self._json_given = True

    @cached_property
    def json(self) -> Any:
        from .jsondoc import parse_json  # here: reading seed text or YAML needs no JSON

        text = self.text
        named_json = self.suffix in JSON_SUFFIXES
        if named_json:
            # Only a JSON format reads a file named so (its parse failing stops
            # the file): its bytes are let go once decoded, and its text once
            # parsed, so that neither is held beside the parsed tree.
            self.may_hold_surrogates  # noqa: B018 - read from the bytes, kept
            self.data = b""
        value = parse_json(text, self.path)
        if named_json:
            del text, self.text
        return value

    @property
    def json_read(self) -> bool:
        """Whether the JSON was parsed (or given) already."""
        return "json" in self.__dict__

    def take_json_chunks(self) -> list[bytes] | None:
        """The bytes of a big file named `.json` (one read in full only when
        asked) whose text is not decoded yet, cut into chunks and handed over,
        for a parser that reads the JSON a piece at a time to free them as it
        goes; None for any other. The surrogate check is made on the bytes
        first and kept. `read_again` gives the sample its bytes back."""
        if self._read_again is None or self.suffix != ".json" or self.json_read:
            return None
        if "text" in self.__dict__:
            return None
        data = self.data
        if not data or data.startswith(_WIDE_BOMS):
            return None
        from .jsonstream import chunks_of  # here: only a big JSON file needs it

        self.may_hold_surrogates  # noqa: B018 - read from the bytes, kept
        chunks = chunks_of(data)
        self.data = b""
        return chunks

    def read_again(self) -> None:
        """The file's bytes read again, after `take_json_chunks` handed them
        over to a parser that could not read them (then read whole)."""
        assert self._read_again is not None
        self.data = self._read_again()

    @cached_property
    def may_hold_surrogates(self) -> bool:
        """Whether the text can hold a lone surrogate (see `scrub`)."""
        return may_hold_surrogates(self.data)

    def take_own_json(self) -> Any | None:
        """The JSON the sample parsed itself, handed over (the sample lets go of
        it), for a parser to free as it reads it; None when the JSON was given
        (`take_json`: its giver may still use it) or was not parsed."""
        if self._json_given or "json" not in self.__dict__:
            return None
        return self.__dict__.pop("json")


def _pieces_from_the_end(data: bytearray) -> list[bytes]:
    """`data` cut at line breaks into pieces of about `LINES_CHUNK` bytes, in
    order (the line break between two pieces in neither: their lines are
    those of `data.split(b"\\n")`), `data` cut from its end as they are, so
    that the bytes are never held twice over (a 251 MB file took 2.2 times
    its size to load: its bytes, then its lines as bytes, then as text). A
    bytearray gives its memory back each time it halves: at most 1.5 times
    the file."""
    pieces: list[bytes] = []
    end = len(data)
    while True:
        # The line break before the last piece's lines: they are whole.
        cut = data.rfind(b"\n", 0, end - LINES_CHUNK) if end > LINES_CHUNK else -1
        # Copied straight from a view: a temporary copy as large as a piece,
        # freed, would raise glibc's mmap threshold and put the pieces on its heap.
        with memoryview(data) as view:
            pieces.append(bytes(view[cut + 1 : end]))
        if cut < 0:
            break
        del data[cut:]
        end = cut
    pieces.reverse()
    return pieces


def _decoded(pieces: list[bytes], path: Path) -> Iterator[list[str]]:
    """The lines of each piece, decoded when reached, each piece then freed."""
    pieces.reverse()  # taken from the end
    before = 0  # lines in the pieces before this one
    while pieces:
        piece = pieces.pop()
        # Decoded at once and split as text (a line break is never part of a
        # longer UTF-8 sequence, so its lines are those of the bytes): in C,
        # where a line at a time was a Python step per line.
        try:
            lines = str(piece, "utf-8").split("\n")
        except UnicodeDecodeError as error:
            line = before + piece.count(b"\n", 0, error.start) + 1
            raise LoadError(path, _NOT_TEXT, line) from None
        del piece
        before += len(lines)
        yield lines
        del lines


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (BOM optional), or UTF-16/32 when a BOM says so; never binary."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding.startswith("utf-8"):
            raise LoadError(path, _NOT_TEXT, data.count(b"\n", 0, error.start) + 1) from None
        raise LoadError(path, f"not valid {encoding.upper()} text") from None
    # NUL is valid UTF-8 but no text file has one: it is a binary file.
    nul = text.find("\0")
    if nul >= 0:
        raise LoadError(path, _NOT_TEXT, text.count("\n", 0, nul) + 1)
    if not text.strip():
        raise LoadError(path, "empty file")
    return text
