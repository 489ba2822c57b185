"""Compressed inputs: ``.gz``, ``.bz2``, ``.xz`` and ``.zst`` files read as what they hold.

Input: a path whose name ends in one of those suffixes (``story.html.gz``, ``feed.jsonl.xz``), or
fetched bytes starting with one of their magic numbers. Output: the decompressed bytes (whole, for
documents) or a readable binary stream (for JSON Lines and WARC). Decompression goes through the
standard library (gzip, bz2, lzma) and the ``zstandard`` package, never fully into memory first.
Declines (SourceError): data that is not what its suffix says or is cut short ("bad-compression");
output past the cap ("decompression-cap"), the guard against decompression bombs: a document may
expand to at most ``Settings.max_bytes``, a stream to at most ``Settings.max_decompressed_bytes``.
``.warc.gz`` is not handled here: warcio reads its per-record gzip members itself.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Literal, Protocol

import zstandard

from spillwatch.errors import SourceError

Codec = Literal["gzip", "bz2", "xz", "zstd"]
SUFFIXES: dict[str, Codec] = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
_MAGIC: tuple[tuple[bytes, Codec], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bz2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
# What the decompressors raise on damaged or truncated data.
_DAMAGE = (OSError, EOFError, zlib.error, lzma.LZMAError, zstandard.ZstdError, ValueError)
_CHUNK = 1 << 16


def split_suffix(name: str) -> tuple[str, Codec | None]:
    """(name without its compression suffix, codec) - ``("a.html", "gzip")`` for ``a.html.gz``."""
    lower = name.lower()
    for suffix, codec in SUFFIXES.items():
        if lower.endswith(suffix):
            return name[: -len(suffix)], codec
    return name, None


def codec_of_bytes(data: bytes) -> Codec | None:
    """The compression the bytes start with, or None."""
    for magic, codec in _MAGIC:
        if data.startswith(magic):
            return codec
    return None


class _Reader(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


def _opener(codec: Codec) -> Callable[[IO[bytes]], _Reader]:
    if codec == "gzip":
        return lambda raw: gzip.GzipFile(fileobj=raw, mode="rb")
    if codec == "bz2":
        return lambda raw: bz2.BZ2File(raw, mode="rb")
    if codec == "xz":
        return lambda raw: lzma.LZMAFile(raw, mode="rb")
    return _ZstdReader


class _ZstdReader:
    """Zstandard frames one after another; a frame cut short raises EOFError.

    zstandard's stream_reader and read_to_iter end silently on a truncated frame, so this feeds a
    decompressobj in small slices (1 KiB of input yields at most about 32 MB, so a bomb cannot
    expand in one call) and checks at the end of the input that the last frame was complete.
    """

    _FEED = 1024

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._obj = zstandard.ZstdDecompressor().decompressobj()
        self._pending = memoryview(b"")
        self._started = False

    def read(self, size: int = -1, /) -> bytes:
        while not self._pending:
            chunk = self._raw.read(self._FEED)
            if not chunk:
                if self._started and not self._obj.eof:
                    raise EOFError("zstandard frame cut short")
                return b""
            self._pending = memoryview(self._decompress(chunk))
        cut = len(self._pending) if size < 0 else size
        out, self._pending = self._pending[:cut].tobytes(), self._pending[cut:]
        return out

    def _decompress(self, chunk: bytes) -> bytes:
        out = []
        while chunk:
            if self._obj.eof:  # the next frame starts in what the last one left over
                self._obj = zstandard.ZstdDecompressor().decompressobj()
            self._started = True
            out.append(self._obj.decompress(chunk))
            chunk = self._obj.unused_data if self._obj.eof else b""
        return b"".join(out)

    def close(self) -> None:
        self._raw.close()


class _Guarded(io.RawIOBase):
    """The decompressed stream, with damage translated to SourceError and a cap on its total size."""

    def __init__(self, raw: IO[bytes], codec: Codec, source: str, cap: int) -> None:
        super().__init__()
        self._raw = raw
        self._inner = _opener(codec)(raw)
        self._codec, self._source, self._cap, self._total = codec, source, cap, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(len(buffer))
        except _DAMAGE as exc:
            raise SourceError(self._source, f"damaged {self._codec} data: {exc}", reason="bad-compression") from exc
        self._total += len(data)
        if self._total > self._cap:
            detail = f"decompresses to more than {self._cap} bytes (cap; a decompression bomb?)"
            raise SourceError(self._source, detail, reason="decompression-cap")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._inner.close()
            self._raw.close()
        super().close()


def open_stream(path: Path, codec: Codec, cap: int) -> io.BufferedReader:
    """A buffered stream of the decompressed file (readline works); SourceError when it cannot be opened."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise SourceError(str(path), f"cannot open: {exc.strerror or exc}") from exc
    try:
        return io.BufferedReader(_Guarded(raw, codec, str(path), cap), _CHUNK)
    except _DAMAGE as exc:
        raw.close()
        raise SourceError(str(path), f"damaged {codec} data: {exc}", reason="bad-compression") from exc


def read_all(stream: IO[bytes]) -> bytes:
    """Everything the (guarded) stream gives, read in chunks so the cap is met before memory is."""
    parts = []
    while chunk := stream.read(_CHUNK):
        parts.append(chunk)
    return b"".join(parts)


def read_file(path: Path, codec: Codec, cap: int) -> bytes:
    """The whole decompressed file, at most ``cap`` bytes; SourceError otherwise."""
    with open_stream(path, codec, cap) as stream:
        data = read_all(stream)
    if not data.strip():
        raise SourceError(str(path), "file is empty once decompressed", reason="empty")
    return data


def decompress(data: bytes, codec: Codec, source: str, cap: int) -> bytes:
    """Decompressed fetched bytes, at most ``cap``; SourceError otherwise."""
    with io.BufferedReader(_Guarded(io.BytesIO(data), codec, source, cap), _CHUNK) as stream:
        return read_all(stream)
