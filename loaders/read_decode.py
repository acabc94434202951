"""Bytes to text: pick the encoding, refuse binary data, normalise newlines.

Decoding order: UTF-8 with a BOM, UTF-16 with a BOM, UTF-8, then cp1252 (Windows-1252, what
older Western desktop tools save). cp1252 decodes almost any byte string, so its result is only
kept when it looks like text; bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) make it fail.

A file that is overwhelmingly UTF-8 but holds a few stray bytes (a truncated copy-paste) stays
UTF-8: the bad bytes become U+FFFD and a note says where. Reading it as cp1252 instead would turn
every Vietnamese letter into mojibake ("Bắc" -> "Báº¯c") and lose most of its facts silently.
"""

from __future__ import annotations

import codecs
import re

from diplomap.loaders.read_problems import SkipInput

# Binary sniffing looks at the head only, like git and grep do.
SNIFF_BYTES = 8192
# Real text has almost no control characters; a few stray ones (form feeds from word processors,
# an escape code) are tolerated, more than this share means the bytes are not text.
MAX_CONTROL_SHARE = 0.02

_BLANK = re.compile(r"[\s\ufeff\u200b\u200c\u200d\u2060]*")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# C0 controls except tab, newline, vertical tab, form feed, carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# "Overwhelmingly UTF-8": at least this many well-formed non-ASCII characters per bad sequence.
# Legacy 8-bit text almost never forms a well-formed multi-byte UTF-8 sequence by chance.
MIN_GOOD_PER_BAD = 3
# More bad sequences than this and the file is not UTF-8 with a few stray bytes.
MAX_BAD_SEQUENCES = 64
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def decode_bytes(raw: bytes, declared: str | None = None,
                 notes: list[str] | None = None) -> tuple[str, str]:
    """The text (newlines normalised to ``\\n``) and the name of the encoding that read it.

    ``declared`` is an encoding the file names itself (an HTML ``<meta charset>``); it is tried
    after UTF-8 and before cp1252. ``notes`` receives a message when bad bytes were replaced.
    """
    if raw.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = raw.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            mended = _mostly_utf8(raw, notes)
            if mended is None:
                raise SkipInput("has a UTF-8 byte-order mark but is not valid UTF-8") from None
            text, encoding = mended.removeprefix("\ufeff"), "utf-8-sig"
    elif raw.startswith(_UTF16_BOMS):
        text, encoding = _strict(raw, "utf-16", "has a UTF-16 byte-order mark but is not valid UTF-16"), "utf-16"
    else:
        if b"\x00" in raw[:SNIFF_BYTES]:
            raise SkipInput("binary file (NUL bytes), not text")
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            mended = _mostly_utf8(raw, notes)
            if mended is not None:
                text, encoding = mended, "utf-8"
            else:
                text, encoding = _fallback(raw, declared)
    if looks_binary(text):
        raise SkipInput(f"binary file (too many control characters for {encoding} text)")
    return normalise_newlines(text), encoding


def is_blank(text: str) -> bool:
    """Nothing but whitespace and invisible format marks (stray byte-order marks, zero-width spaces)."""
    return _BLANK.fullmatch(text) is not None


def looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = len(_CONTROL.findall(text))
    return controls > MAX_CONTROL_SHARE * len(text)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n`` before any offset is computed."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _mostly_utf8(raw: bytes, notes: list[str] | None) -> str | None:
    """UTF-8 with its few bad sequences replaced by U+FFFD, or None when it is not mostly UTF-8."""
    pieces: list[str] = []
    bad: list[int] = []
    position = 0
    while position < len(raw):
        try:
            pieces.append(raw[position:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            pieces.append(raw[position:position + exc.start].decode("utf-8"))
            pieces.append("\ufffd")
            bad.append(position + exc.start)
            position += exc.end
            if len(bad) > MAX_BAD_SEQUENCES:
                return None
    text = "".join(pieces)
    good = len(_NON_ASCII.findall(text)) - text.count("\ufffd")
    if good < MIN_GOOD_PER_BAD * len(bad):
        return None
    if notes is not None:
        more = f" and {len(bad) - 1} more place{'s' if len(bad) > 2 else ''}" if len(bad) > 1 else ""
        notes.append(f"not valid UTF-8 at byte offset {bad[0]}{more}; read as UTF-8 with the bad "
                     "bytes replaced by U+FFFD")
    return text


def _fallback(raw: bytes, declared: str | None) -> tuple[str, str]:
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            codec = None
        if codec and codec not in ("utf-8", "utf-16", "cp1252"):
            try:
                return raw.decode(codec), codec
            except UnicodeDecodeError:
                pass
    return _strict(raw, "cp1252", "undecodable bytes: not UTF-8, UTF-16 or cp1252"), "cp1252"


def _strict(raw: bytes, encoding: str, reason: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise SkipInput(reason) from None
