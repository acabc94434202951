"""Publication dates as written by outlets, normalised to ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY).

A small hand-written parser instead of ``dateparser``, which is slow to import and to run and
guesses too freely. Anything this parser does not understand is returned as None: the caller keeps
the raw value in ``meta["raw_date"]`` rather than storing a wrong date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_ISO = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[t ]\d{1,2}:\d{2}.*)?")
# Numeric dates with the year last are read day first (07/06/2021 = 7 June 2021), as
# Vietnamese outlets write them; only when the second number cannot be a month (06/13/2021)
# is it read month first.
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})")
_MONTH_NAME_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_MONTH_NAME_YEAR = re.compile(r"([a-z]+)\.?,?\s+(\d{4})")
_VI_DAY = re.compile(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+|\s*[,/]\s*|\s+)(\d{4})")
_VI_MONTH = re.compile(r"tháng\s+(\d{1,2})(?:\s+năm\s+|\s*[,/]\s*|\s+)(\d{4})")

# Decorations around the date itself: a leading weekday, a time of day, a time zone.
_WEEKDAY = re.compile(
    r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+"
    r"|^(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật)\s*,?\s*"
)
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?\b")
_ZONE = re.compile(r"\(?\b(?:gmt|utc|ict)\s*(?:[+-]\d{1,2}(?::?\d{2})?)?\)?")


def normalise_date(value: object) -> str | None:
    """An ISO date string for ``value`` (text, ``date``/``datetime``, or a bare year), or None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return _iso(value) if value > 0 else None
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFC", value).strip().lower()
    match = _ISO.fullmatch(text)
    if match:
        return _iso(*_ints(match.groups()))
    text = _clean(text)
    return _numeric(text) or _named(text) or _vietnamese(text)


def _clean(text: str) -> str:
    text = _WEEKDAY.sub("", text)
    text = _ZONE.sub(" ", _TIME.sub(" ", text))
    return re.sub(r"\s+", " ", text).strip(" ,-|")


def _numeric(text: str) -> str | None:
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = _ints(match.groups())
        if month > 12 >= day:
            day, month = month, day
        return _iso(year, month, day)
    if match := _MONTH_YEAR.fullmatch(text):
        month, year = _ints(match.groups())
        return _iso(year, month)
    return None


def _named(text: str) -> str | None:
    if match := _DAY_MONTH_NAME.fullmatch(text):
        day, name, year = match.groups()
    elif match := _MONTH_NAME_DAY.fullmatch(text):
        name, day, year = match.groups()
    elif match := _MONTH_NAME_YEAR.fullmatch(text):
        (name, year), day = match.groups(), None
    else:
        return None
    if name not in _MONTHS:
        return None  # "7 Juin 2021": a month name we do not know, not a bare year
    return _iso(int(year), _MONTHS[name], int(day) if day else None)


def _vietnamese(text: str) -> str | None:
    if match := _VI_DAY.fullmatch(text):
        day, month, year = _ints(match.groups())
        return _iso(year, month, day)
    if match := _VI_MONTH.fullmatch(text):
        month, year = _ints(match.groups())
        return _iso(year, month)
    return None


def _ints(groups) -> list:
    return [int(g) if g is not None else None for g in groups]


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The ISO form of a date that exists in the calendar, else None."""
    try:
        dt.date(year, month or 1, day or 1)
    except (ValueError, OverflowError):
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"
