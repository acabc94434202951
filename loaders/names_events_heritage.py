"""Events and heritage items.

- events: "13th Party Congress", "31st Southeast Asian Games", "<…> Forum 2022";
- heritage: "<Name> (folk|traditional|court) singing|painting|ritual|music…", sites ("Mui Ca Mau
  World Biosphere Reserve", "Dong Van Karst Plateau UNESCO Global Geopark"), and "<X> as the
  Representative … Heritage".
"""

from __future__ import annotations

import re

from diplomap.loaders.name_tokens import _ORDINAL, _STOP_START, COMMON, Token, cap_run_before

_EVENT_HEADS = {"congress", "conference", "meeting", "games", "summit", "forum", "festival",
                "expo", "fair", "exhibition", "championship", "championships", "olympics",
                "session", "week", "plenum", "dialogue", "convention", "contest"}
_EVENT_WORDS = _EVENT_HEADS | {"programme", "program", "cooperation", "development", "day",
                               "show", "cup", "award", "awards", "year"}

_YEAR = re.compile(r"^(19|20)\d\d$")
HERITAGE_HEADS = {"singing", "song", "songs", "painting", "paintings", "craft", "ritual",
                  "rituals", "opera", "puppetry", "music", "dance", "chanting", "worship",
                  "theatre", "theater", "pottery", "weaving"}
HERITAGE_MODIFIERS = {"folk", "traditional", "court", "royal", "water", "village", "woodblock",
                      "ceremonial", "ancient", "art", "of", "and", "the", "singing", "painting",
                      "song", "songs", "dance", "music", "ritual", "rituals", "game", "games",
                      "festival", "craft", "performance", "practice", "practices", "worship"}
# Heritage sites by their head and the word that makes the head a site ("Biosphere Reserve",
# "Landscape Complex", "ancient town", "Memorial Site"); None: the head alone is enough ("Geopark").
_HERITAGE_SITE_HEADS: dict[str, frozenset[str] | None] = {
    "reserve": frozenset({"biosphere"}), "geopark": None, "geo-park": None, "sanctuary": None,
    "complex": frozenset({"landscape", "monuments", "relic", "heritage", "temple"}),
    "town": frozenset({"ancient"}), "port": frozenset({"ancient"}),
    "site": frozenset({"memorial", "relic", "heritage", "historical", "historic", "archaeological"}),
}
# Words that may stand between a site's name and its head ("Karst Plateau UNESCO Global Geopark").
_HERITAGE_SITE_FILLERS = frozenset({"world", "unesco", "global", "national", "special", "cultural", "natural",
                                    "trade", "and"})
_HERITAGE_AS = re.compile(
    r"\s+(?:as\s+(?:the\s+|a\s+|an\s+)?(?:representative|intangible|world|national|masterpiece|"
    r"cultural|elements?\s+of)|(?:is|are|was|were|has\s+been|have\s+been)\s+"
    r"(?:recogni[sz]ed|inscribed|listed|honou?red)\b)", re.I)


def _event(text, tokens, i, emit):
    first = cap_run_before(tokens, i, text, limit=6, allow=frozenset({"of", "and"}))
    k = first
    if k > 0 and _ORDINAL.match(tokens[k - 1].low):
        first = k - 1
    elif not (i + 1 < len(tokens) and _YEAR.match(tokens[i + 1].low)):
        return
    last = i + 1
    if last < len(tokens) and _YEAR.match(tokens[last].low):
        last += 1
    if first == i:
        return
    emit(first, last, "Event", f"event.{tokens[i].low}")


def _event_with_year(text, tokens, i, emit):
    first = cap_run_before(tokens, i, text, limit=8, allow=frozenset({"in", "of", "and", "for"}))
    if i - first < 2:
        return
    if not any(t.low in _EVENT_WORDS for t in tokens[first:i]):
        return
    if tokens[i - 1].low in _EVENT_HEADS:
        return  # "Forum 2022" is found by _event
    emit(first, i + 1, "Event", "event.year")


def _heritage(text, tokens, i, emit):
    k = i
    while k > 0 and tokens[k - 1].low in HERITAGE_MODIFIERS and i - k < 3 \
            and not tokens[k - 1].cap:
        k -= 1
    # one more lower-case noun ("Bru Van Kieu gong music") when a capitalised name precedes it
    if k > 1 and k == i and tokens[k - 1].word and not tokens[k - 1].cap and tokens[k - 2].cap \
            and not tokens[k - 1].low.endswith(("ed", "s", "ing")) and tokens[k - 1].low not in _STOP_START:
        k -= 1
    first = cap_run_before(tokens, k, text, limit=4)
    if first == k:
        return
    if all(t.low in COMMON for t in tokens[first:k]):
        return
    last = i + 1
    if last < len(tokens) and tokens[last].low == "craft":
        last += 1
    emit(first, last, "HeritageItem", "heritage.head")


def _heritage_site(text, tokens, i, emit):
    """"Mui Ca Mau World Biosphere Reserve", "Dong Van Karst Plateau UNESCO Global Geopark",
    "Pho Hien ancient trade port", "Nguyen Du Memorial Site"."""
    required = _HERITAGE_SITE_HEADS[tokens[i].low]
    k = i
    seen = required is None
    while k > 0 and i - k < 4:
        low = tokens[k - 1].low
        if required is not None and low in required:
            seen = True
        elif low not in _HERITAGE_SITE_FILLERS:
            break
        k -= 1
    if not seen or k == 0:
        return
    first = cap_run_before(tokens, k, text, limit=5)
    if first == k or all(t.low in COMMON or t.low in _HERITAGE_SITE_FILLERS for t in tokens[first:k]):
        return
    emit(first, i + 1, "HeritageItem", "heritage.site")


def _heritage_as(text, tokens, emit):
    for match in _HERITAGE_AS.finditer(text):
        # the tokens right before " as the Representative ..." / " are recognized ..."
        end_i = _index_ending_at(tokens, match.start())
        if end_i is None:
            continue
        k = end_i + 1
        while k > 0:
            prev = tokens[k - 1]
            if not prev.word or prev.possessive:
                break
            if not (prev.cap or prev.low in HERITAGE_MODIFIERS or prev.low in HERITAGE_HEADS):
                break
            k -= 1
        while k <= end_i and not tokens[k].cap:
            k += 1
        if k > end_i:
            continue
        if tokens[k].low in COMMON and k == end_i:
            continue
        emit(k, end_i + 1, "HeritageItem", "heritage.listed-as")


def _index_ending_at(tokens: list[Token], pos: int) -> int | None:
    lo, hi = 0, len(tokens) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if tokens[mid].end < pos:
            lo = mid + 1
        elif tokens[mid].end > pos:
            hi = mid - 1
        else:
            return mid
    return None
