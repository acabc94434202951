"""Dates stated in a sentence, resolved against the document date.

"in 2020" -> 2020; "last year" / "this year" / "next year" -> relative to the document's
year; "in the first 6 months of 2021" -> 2021; "in March 2021" -> 2021-03;
"on 5 October 2021" -> 2021-10-05. Ranges ("2021-2025") and targets ("by 2030",
"towards 2025", "vision to 2045") are not dates of the fact and are skipped.
"""

from __future__ import annotations

import re

_MONTHS = {m: i for i, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")), 1) for m in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))

_ANY_DIGIT = re.compile(r"\d")
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_RELATIVE = re.compile(r"\b(last|this|next|previous|past) year\b|\blast year's\b", re.I)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+((?:19|20)\d\d)\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?,?\s+((?:19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"(?<![\d/.,-])((?:19|20)\d\d)(?![\d%-]|\s*-\s*(?:19|20)\d\d)")
# A year that is a target or the end of a period, not the time of the fact.
_NOT_FACT_YEAR = re.compile(
    r"(?:by|to|towards|toward|until|till|through|vision|plan|period|term|strategy|"
    r"\d{4}\s*[-–]|[-–])\s*(?:the\s+(?:year|end of)\s+)?$", re.I)


def _year_of(doc_date: str | None) -> int | None:
    if doc_date and re.match(r"^\d{4}", doc_date):
        return int(doc_date[:4])
    return None


def sentence_date(sentence: str, doc_date: str | None = None) -> str | None:
    """The date a sentence states for its fact (ISO, most specific first), or None."""
    if not _ANY_DIGIT.search(sentence) and "year" not in sentence.lower():
        return None
    if not _ANY_YEAR.search(sentence):
        return _relative(sentence, doc_date)  # amounts and counts, but no year
    for pattern, build in ((_DAY_MONTH_YEAR, lambda m: (m[3], _MONTHS[m[2].lower()], int(m[1]))),
                           (_MONTH_DAY_YEAR, lambda m: (m[3], _MONTHS[m[1].lower()], int(m[2])))):
        match = pattern.search(sentence)
        if match:
            year, month, day = build(match)
            if 1 <= day <= 31:
                return f"{year}-{month:02d}-{day:02d}"
    match = _MONTH_YEAR.search(sentence)
    if match and not _NOT_FACT_YEAR.search(sentence[: match.start()]):
        return f"{match[2]}-{_MONTHS[match[1].lower()]:02d}"
    for match in _YEAR.finditer(sentence):
        if not _NOT_FACT_YEAR.search(sentence[max(0, match.start() - 25): match.start()]):
            return match[1]
    return _relative(sentence, doc_date)


def _relative(sentence: str, doc_date: str | None) -> str | None:
    """"last year", "this year": relative to the document's year."""
    if "year" not in sentence and "Year" not in sentence:
        return None
    match = _RELATIVE.search(sentence)
    year = _year_of(doc_date)
    if match and year:
        word = (match.group(1) or "last").lower()
        delta = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1}[word]
        return str(year + delta)
    return None


_DATELINE = re.compile(
    r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)(?!\d)"
    r"|(?<!\d)((?:19|20)\d\d)-(\d{2})-(\d{2})(?!\d)"
    rf"|\b({_MONTH})\.?\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b", re.I)


def dateline(text: str, lines: int = 4) -> str | None:
    """The publication date printed near the top of an article ("09:55 07/06/2021",
    "10:14:22 AM | 4/4/2022"), day first as Vietnamese outlets write it, or None."""
    head = "\n".join(text.splitlines()[:lines])
    match = _DATELINE.search(head)
    if not match:
        return None
    if match.group(1):
        day, month, year = int(match[1]), int(match[2]), match[3]
        if month > 12 and day <= 12:
            day, month = month, day
    elif match.group(4):
        year, month, day = match[4], int(match[5]), int(match[6])
    else:
        year, month, day = match[9], _MONTHS[match[7].lower()], int(match[8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year}-{month:02d}-{day:02d}"
