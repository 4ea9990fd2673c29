"""A response's bytes, read and decompressed no further than a limit.

A gzip bomb (a few kilobytes that inflate to gigabytes) is stopped where its
output passes the limit: the decompressor is never asked for more than that
much, whatever one chunk of input holds.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

# zlib's window bits for a gzip stream (16 + 15) and for zlib or gzip (32 + 15).
_GZIP = 31
_ZLIB_OR_GZIP = 47
GZIP_MAGIC = b"\x1f\x8b"


class TooLarge(Exception):
    """The body (decompressed) is larger than the limit."""


class Corrupt(Exception):
    """The body does not decompress."""


def read_bounded(chunks: Iterable[bytes], encoding: str, limit: int) -> bytes:
    """The body whose raw `chunks` came with `Content-Encoding: encoding`
    (`""`, `identity`, `gzip` or `deflate`), decoded, at most `limit` bytes;
    TooLarge past it."""
    inflate = _Inflate(_ZLIB_OR_GZIP if encoding == "deflate" else _GZIP, limit)
    decode = inflate.feed if encoding in ("gzip", "x-gzip", "deflate") else None
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        if decode is None:
            size += len(chunk)
            if size > limit:
                raise TooLarge
            parts.append(chunk)
        else:
            parts.extend(decode(chunk))
    if decode is not None:
        inflate.finish()
    return b"".join(parts)


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """A gzip file's content (every member of it), at most `limit` bytes."""
    inflate = _Inflate(_GZIP, limit)
    parts = inflate.feed(data)
    inflate.finish()
    return b"".join(parts)


class _Inflate:
    """A streaming decompressor that stops at `limit` bytes of output."""

    def __init__(self, wbits: int, limit: int) -> None:
        self._wbits = wbits
        self._limit = limit
        self._size = 0
        self._stream = zlib.decompressobj(wbits)

    def feed(self, data: bytes) -> list[bytes]:
        parts: list[bytes] = []
        while data:
            try:
                # One byte more than may still come: enough to know it is too much.
                part = self._stream.decompress(data, self._limit - self._size + 1)
            except zlib.error as error:
                raise Corrupt(str(error)) from None
            self._size += len(part)
            if self._size > self._limit:
                raise TooLarge
            parts.append(part)
            if self._stream.eof:
                # A gzip file may hold several members, one after the other.
                data = self._stream.unused_data
                if data:
                    self._stream = zlib.decompressobj(self._wbits)
            else:
                data = self._stream.unconsumed_tail
        return parts

    def finish(self) -> None:
        if not self._stream.eof:
            raise Corrupt("the compressed data ends early")
