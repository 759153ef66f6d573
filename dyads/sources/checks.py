"""Text checks shared by all sources: decoding, cleaning, English detection, splitting over-long texts."""
from __future__ import annotations

import codecs
import re
from datetime import date
from functools import lru_cache
from importlib import resources

MAX_CHARS = 100_000  # longest text given to spaCy in one piece (parser memory grows with length)
MIN_WORDS_FOR_LANGUAGE = 12  # shorter texts are not language-checked
MIN_ENGLISH_RATIO = 0.15  # English news prose has 35-50 % function words

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200d\u2060\ufeff]")
_WORD = re.compile(r"[^\W\d_]+")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_BREAKS = ("\n\n", "\n", ". ", " ")


class DecodeError(ValueError):
    """The bytes are not text we can read; the message says why."""


def decoded(data: bytes) -> str:
    """Text of a file's bytes: UTF-8 (or UTF-16 with a BOM); binary or undecodable bytes raise DecodeError."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DecodeError(f"invalid UTF-16 text at byte {e.start}") from None
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        bad = data[e.start:e.start + 1].hex()
        raise DecodeError(f"not UTF-8 text (byte 0x{bad} at offset {e.start}); save it as UTF-8") from None


def cleaned(text: str) -> str:
    """Text with unified line ends, exotic spaces as plain spaces and invisible control characters removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    return _INVISIBLE.sub("", text).strip()


@lru_cache(maxsize=1)
def english_function_words() -> frozenset[str]:
    """The English function words of dyads/data/english_function_words.txt."""
    raw = resources.files("dyads").joinpath("data/english_function_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


def english_ratio(text: str) -> float | None:
    """Share of words that are English function words; None when the text is too short to tell."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    known = english_function_words()
    return sum(w in known for w in words) / len(words)


def language_problem(text: str, language: str | None) -> str | None:
    """Why the text is not coded as English, or None when it is (or looks) English."""
    if language and not language.strip().lower().startswith("en"):
        return f"language '{language}' is not supported (dyads codes English only)"
    ratio = english_ratio(text)
    if ratio is not None and ratio < MIN_ENGLISH_RATIO:
        return f"text does not look like English ({ratio:.0%} English function words)"
    return None


def pieces(text: str, limit: int = MAX_CHARS) -> list[str]:
    """The text cut into pieces of at most `limit` characters, at paragraph, line, sentence or word breaks."""
    out: list[str] = []
    while len(text) > limit:
        cut = _cut_point(text, limit)
        out.append(text[:cut].strip())
        text = text[cut:].lstrip()
    if text.strip():
        out.append(text.strip())
    return [p for p in out if p]


def _cut_point(text: str, limit: int) -> int:
    """Where to cut the head of an over-long text: the last natural break in its first `limit` characters."""
    for brk in _BREAKS:
        pos = text.rfind(brk, limit // 2, limit)
        if pos > 0:
            return pos + len(brk)
    return limit


def iso_date(value: object) -> str | None:
    """ISO date (YYYY-MM-DD) of a header or field value, or None when it cannot be read as a date."""
    if value is None or not str(value).strip():
        return None
    raw = str(value).strip()
    m = _ISO_DATE.match(raw)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    import dateparser  # slow to import: only for non-ISO dates

    parsed = dateparser.parse(raw, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None
