"""Amounts of money as written in news text -> exact Decimal and ISO 4217 currency.

Handles "2,5 billion USD" (decimal comma), "US$1.6 billion", "nearly 440 million USD",
"16,976 USD" (thousands comma), "33,334 billion VND", "€20 million", "5 trillion dong".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SCALES = {"thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6, "mln": Decimal(10) ** 6,
           "m": Decimal(10) ** 6, "billion": Decimal(10) ** 9, "bln": Decimal(10) ** 9,
           "bn": Decimal(10) ** 9, "trillion": Decimal(10) ** 12, "tn": Decimal(10) ** 12}
# Prefix symbols and suffix words -> ISO 4217. Longer alternatives first in the regex.
_PREFIX = {"us$": "USD", "usd": "USD", "$": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
           "¥": "JPY", "vnd": "VND", "s$": "SGD", "a$": "AUD", "₩": "KRW", "krw": "KRW"}
_SUFFIX = {"usd": "USD", "us dollars": "USD", "dollars": "USD", "us$": "USD", "vnd": "VND",
           "dong": "VND", "vnđ": "VND", "đồng": "VND", "eur": "EUR", "euros": "EUR", "euro": "EUR",
           "yen": "JPY", "jpy": "JPY", "won": "KRW", "krw": "KRW", "yuan": "CNY", "cny": "CNY",
           "rmb": "CNY", "sgd": "SGD", "aud": "AUD", "gbp": "GBP", "pounds": "GBP",
           "baht": "THB", "kip": "LAK", "riel": "KHR", "rubles": "RUB", "roubles": "RUB"}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE = r"(?:thousand|million|billion|trillion|mln|bln|bn|tn|m)\b"
MONEY = re.compile(
    rf"(?:(?P<pre>{_alternation(_PREFIX)})\s?(?P<n1>{_NUMBER})(?:\s?(?P<s1>{_SCALE}))?)"
    rf"|(?:(?P<n2>{_NUMBER})\s?(?P<s2>{_SCALE})?\s?(?P<suf>{_alternation(_SUFFIX)})\b)",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")
# Every MONEY match contains one of these (lower case): a cheap test before the regex.
_CURRENCY_MARKERS = tuple(sorted({k.lower() for k in _PREFIX} | {k.lower() for k in _SUFFIX}
                                 | {"$"}, key=len))


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str
    start: int
    end: int


def parse_number(text: str) -> Decimal:
    """"16,976" -> 16976; "2,5" before a scale word -> 2.5; "22,899.6" -> 22899.6."""
    if "," in text and "." in text:
        # the later separator is the decimal one
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text or "." in text:
        sep = "," if "," in text else "."
        groups = text.split(sep)
        thousands = len(groups) > 1 and all(len(g) == 3 for g in groups[1:])
        if thousands:
            text = "".join(groups)
        else:
            text = groups[0] + "." + "".join(groups[1:])
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc


def find_money(text: str, offset: int = 0) -> list[Money]:
    """Every amount of money in ``text``; offsets are shifted by ``offset``."""
    if offset == 0:
        return list(_money_in(text))
    return [Money(m.amount, m.currency, m.start + offset, m.end + offset) for m in _money_in(text)]


@functools.lru_cache(maxsize=1024)
def _money_in(text: str) -> tuple[Money, ...]:
    """Amounts in one text, kept: several rules ask about the same sentence."""
    if not _DIGIT.search(text):
        return ()
    low = text.lower()
    if not any(marker in low for marker in _CURRENCY_MARKERS):
        return ()
    offset = 0
    found = []
    for match in MONEY.finditer(text):
        number = match.group("n1") or match.group("n2")
        scale_word = (match.group("s1") or match.group("s2") or "").lower()
        if match.group("pre"):
            currency = _PREFIX[match.group("pre").lower()]
        else:
            currency = _SUFFIX[match.group("suf").lower()]
        if scale_word == "m" and currency == "VND":
            continue
        try:
            value = parse_number(number)
        except ValueError:
            continue
        if scale_word:
            value = value * _SCALES[scale_word]
        found.append(Money(value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize(),
                           currency, offset + match.start(), offset + match.end()))
    return tuple(found)
