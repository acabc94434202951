"""Persons (the second tier: found only where no other name was).

"Mr./Mrs./Ms. <Name>", Vietnamese 2–4-part names, names after titles and posts
("Governor of Houaphanh province Vilay Souvannalath"), names before a post ("Tran Ha Nam, Vice
Minister"), and Vietnamese names whose given names are a known place's ("Le Quang Nam").
"""

from __future__ import annotations

import bisect
import re

from diplomap.loaders.demonyms import DEMONYMS
from diplomap.loaders.mentions import Candidate
from diplomap.loaders.name_tokens import (
    _STOP_START,
    _VN_SYLLABLE,
    COMMON,
    TITLES,
    VN_SURNAMES,
    WORD_SURNAMES,
    Token,
    _adjacent,
    _FreeSpans,
    _start_of,
    vietnamese_syllables,
)
from diplomap.loaders.names_bodies import _BODY_PREFIX_HEADS, _BODY_SUFFIX_HEADS, _NGO_HEADS
from diplomap.loaders.names_events_heritage import _EVENT_HEADS
from diplomap.loaders.names_places import PLACE_HEADS

_HONORIFICS = {"mr", "mrs", "ms", "miss", "madam", "mme", "dr", "prof", "mr.", "mrs.", "ms.",
               "dr.", "prof.", "sir"}
_HONORIFIC_WORDS = frozenset(h.rstrip(".") for h in _HONORIFICS)

_TITLE_AFTER = re.compile(r"\s*,\s*(?:the\s+)?(?:(?:Vice|Deputy|Permanent|Standing)\s+)?(?:"
                          + "|".join(sorted(TITLES)) + r")\b", re.I)


def persons_named_after_places(text: str, tokens: list[Token], kept: list[Candidate]) -> list[Candidate]:
    """"Chairman of the provincial People's Committee Le Quang Nam", "Tran Ha Nam, Vice Minister":
    a Vietnamese surname right before a known Vietnamese place name, after a post or before one,
    is a person whose given names are the place's."""
    out = []
    for cand in kept:
        if cand.type not in {"Province", "VietnamLocality"} or not cand.gazetteer_id:
            out.append(cand)
            continue
        k = bisect.bisect_left(tokens, cand.start, key=_start_of)
        # walk back over the name's other syllables to its surname: "Nong Thi" before "Hue"
        first = k
        while first > 0 and k - first < 3 and tokens[first - 1].cap and tokens[first - 1].word and \
                tokens[first - 1].end == (tokens[first].start if first < k else cand.start) - 1 and \
                _VN_SYLLABLE.match(tokens[first - 1].low) and tokens[first - 1].low not in COMMON:
            first -= 1
        while first < k and tokens[first].low not in VN_SURNAMES:
            first += 1
        syllables = (k - first) + len(cand.text.split())
        if first == k or syllables < 3 and " " not in cand.text or syllables < 2:
            out.append(cand)
            continue
        surname = tokens[first]
        before = tokens[first - 1] if first >= 1 else None
        titled = before is not None and before.cap and (
            before.low in TITLES or before.low in _PORTFOLIOS or before.low in
            {"committee", "council", "department", "ministry", "assembly", "front", "office"})
        if not (titled or _TITLE_AFTER.match(text, cand.end)):
            out.append(cand)
            continue
        name = text[surname.start:cand.end]
        out.append(Candidate(surname.start, cand.end, name, "Person", name, "person.place-given-name", priority=2))
    return out


def find_person_candidates(text: str, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Candidate]:
    out: list[Candidate] = []
    free = _FreeSpans(taken)
    n = len(tokens)
    # "Governor of Houaphanh province Vilay Souvannalath": a name right after "<Title> of <place/body>"
    # ... and after a chain of places: "Governor of Khammoune province of Laos Vanxay Phongsavanh",
    # "Ambassador to Vietnam Yasuaki Tanizaki", "Chief Minister of Australia's Northern Territory Name"
    ends_after_title = {end for start, end in taken
                        if (text.endswith(("of ", "of the "), max(0, start - 8), start)
                            and _TITLE_OF_BEFORE.search(text, max(0, start - 60), start))
                        or _TITLE_CHAIN_BEFORE.search(text, max(0, start - 90), start)}
    caps = [i for i, tok in enumerate(tokens) if tok[4]]  # only capitalised words start a name
    next_cap = 0
    i = 0
    while i < n:
        if not tokens[i][4]:
            while next_cap < len(caps) and caps[next_cap] <= i:
                next_cap += 1
            if next_cap >= len(caps):
                break
            i = caps[next_cap]
        tok = tokens[i]
        if tok.low.rstrip(".") in _HONORIFIC_WORDS:
            j = i + 1
            if j < n and tokens[j].text == ".":
                j += 1
            end = _person_run(tokens, j, text)
            if end > j and free.ok(tokens[i].start, tokens[end - 1].end):
                name = text[tokens[j].start:tokens[end - 1].end]
                out.append(Candidate(tokens[i].start, tokens[end - 1].end,
                                     text[tokens[i].start:tokens[end - 1].end], "Person", name,
                                     "person.honorific", priority=2))
                i = end
                continue
        if tok.cap and (tok.low in VN_SURNAMES or tok.low in WORD_SURNAMES) and (i == 0 or not tokens[i - 1].cap
                                                   or not _adjacent(tokens[i - 1], tok, text)
                                                   or tokens[i - 1].low in TITLES
                                                   or tokens[i - 1].low in COMMON
                                                   or tokens[i - 1].low in _PORTFOLIOS
                                                   or not free.ok(tokens[i - 1].start, tokens[i - 1].end)):
            end = _person_run(tokens, i, text)
            size = end - i
            if (3 if tok.low in WORD_SURNAMES else 2) <= size <= 4 and vietnamese_syllables(tokens[i:end]) and \
                    free.ok(tok.start, tokens[end - 1].end) and not _credit(tokens, i):
                titled = _after_title(tokens, i) or _before_title(tokens, end)
                if size >= 3 or titled:
                    out.append(Candidate(tok.start, tokens[end - 1].end,
                                         text[tok.start:tokens[end - 1].end], "Person",
                                         text[tok.start:tokens[end - 1].end],
                                         "person.vietnamese-name", priority=2))
                    i = end
                    continue
        if tok.cap and tok.word and (i == 0 or not tokens[i - 1].cap or tokens[i - 1].low in
                                     _STOP_START or tokens[i - 1].low in _BY_WORDS):
            end = _person_run(tokens, i, text)
            if 2 <= end - i <= 3 and free.ok(tok.start, tokens[end - 1].end) and \
                    (_before_title(tokens, end, strict=True) or
                     (i > 0 and tokens[i - 1].low in _BY_WORDS and _before_title(tokens, end))):
                out.append(Candidate(tok.start, tokens[end - 1].end,
                                     text[tok.start:tokens[end - 1].end], "Person",
                                     text[tok.start:tokens[end - 1].end],
                                     "person.name-title", priority=2))
                i = end
                continue
        if i > 0 and tokens[i - 1].end in ends_after_title and tok.word and \
                _adjacent(tokens[i - 1], tok, text):
            end = _person_run(tokens, i, text)
            if 2 <= end - i <= 4 and free.ok(tok.start, tokens[end - 1].end) and \
                    (not any(t.low in COMMON for t in tokens[i:end]) or _korean_name(tokens[i:end])):
                out.append(Candidate(tok.start, tokens[end - 1].end,
                                     text[tok.start:tokens[end - 1].end], "Person",
                                     text[tok.start:tokens[end - 1].end],
                                     "person.title-of-body", priority=2))
                i = end
                continue
        if tok.low in TITLES and tok.cap and not (i > 0 and tokens[i - 1].low in {"the", "a", "an", "as"}):
            j = i + 1
            while j < n and (tokens[j].low in TITLES or tokens[j].low == "general" and tokens[j].cap):
                j += 1  # "Consul General", "Secretary General"
            end = _person_run(tokens, j, text)
            if 2 <= end - j <= 4 and free.ok(tokens[j].start, tokens[end - 1].end) and \
                    (not any(t.low in COMMON for t in tokens[j:end]) or _korean_name(tokens[j:end])) and \
                    not (end < n and tokens[end].low == "for"):
                out.append(Candidate(tokens[j].start, tokens[end - 1].end,
                                     text[tokens[j].start:tokens[end - 1].end], "Person",
                                     text[tokens[j].start:tokens[end - 1].end],
                                     "person.title", priority=2))
                i = end
                continue
        i += 1
    return out


_NOT_IN_NAMES = _STOP_START | TITLES | PLACE_HEADS | _NGO_HEADS | _BODY_PREFIX_HEADS | \
    _BODY_SUFFIX_HEADS | _EVENT_HEADS | {"group", "company", "corporation", "province", "vietnam",
                                         "viet", "nam", "people's", "people’s", "party"}
_NOT_IN_NAMES -= VN_SURNAMES | {"ngo", "nam", "viet"}  # "Ngo Bien Cuong", "Hoang Nam Khanh"


def _korean_name(name_tokens) -> bool:
    """"Park Noh-wan", "Kim Jong-hwa": a surname that is an English word before a hyphenated given name."""
    return len(name_tokens) == 2 and "-" in name_tokens[1].text and name_tokens[1].text[:1].isupper()


def _viet_nam(tokens, k):
    """"Viet Nam" (the country) inside a run of capitalised words."""
    low = tokens[k].low
    return (low == "viet" and k + 1 < len(tokens) and tokens[k + 1].low == "nam") or \
        (low == "nam" and k > 0 and tokens[k - 1].low == "viet")


def _person_run(tokens, j, text):
    end = j
    while end < len(tokens) and end - j < 4:
        tok = tokens[end]
        if not tok.word or not tok.cap or (tok.low in _NOT_IN_NAMES and
                                           (end == j or tok.low not in _STOP_START) and
                                           not (end == j and tok.low in WORD_SURNAMES)) \
                or _viet_nam(tokens, end):
            break
        if end > j and not _adjacent(tokens[end - 1], tok, text):
            break
        end += 1
        if tok.possessive:
            break
    return end


def _after_title(tokens, i):
    return i > 0 and (tokens[i - 1].low in TITLES or tokens[i - 1].low.rstrip(".") in
                      _HONORIFIC_WORDS or tokens[i - 1].low in
                      {"committee", "council", "department", "ministry"})


_BY_WORDS = {"by"}
# The last word of a ministry's portfolio, which may stand right before the minister's name
_PORTFOLIOS = frozenset("""affairs trade industry security defence defense finance education health planning
investment justice culture tourism sports commerce agriculture transport construction labour labor
environment resources information communications""".split())


def _before_title(tokens, end, strict=False):
    """", Vice Governor of ...": a post follows the name (with "of"/"at" when ``strict``)."""
    if not (end + 1 < len(tokens) and tokens[end].text == ","):
        return False
    k = end + 1
    # ", who also serves as Chairwoman of ...": the post after a relative clause
    if tokens[k].low == "who":
        j = k + 1
        if j < len(tokens) and tokens[j].low in {"also", "now", "currently"}:
            j += 1
        if j + 1 < len(tokens) and tokens[j].low in {"serves", "served", "is", "was", "works", "worked"} \
                and tokens[j + 1].low == "as":
            k = j + 2
            if k < len(tokens) and tokens[k].low == "the":
                k += 1
        if k >= len(tokens):
            return False
    # ", Australian Ambassador to ...": a nationality may stand before the post
    if tokens[k].cap and tokens[k].low in DEMONYMS and k + 1 < len(tokens) and tokens[k + 1].low in TITLES:
        k += 1
    first = k
    while k < len(tokens) and k - first <= 4 and (tokens[k].low in TITLES or tokens[k].low in
                                                {"general", "permanent", "standing", "first"}
                                                or "-" in tokens[k].low and tokens[k].low.split("-")[0] in TITLES):
        k += 1
    if k == first or not any(t.low in TITLES or t.low.split("-")[0] in TITLES for t in tokens[first:k]):
        return False
    return not strict or (k < len(tokens) and tokens[k].low in {"of", "at"}) or \
        (first > end + 1 and k < len(tokens) and tokens[k].low == "to")  # "Thai Ambassador to Vietnam"


def _credit(tokens, i):
    """"Photo by Tran Uyen", "By Nguyen Van A": a byline, not a person in the story."""
    before = [t.low for t in tokens[max(0, i - 2):i]]
    return before[-1:] == ["by"] and (len(before) < 2 or before[0] in {"photo", "photos", "\n"}) \
        or before[-1:] == [":"] and before[:1] == ["photo"]


_TITLE_CHAIN_BEFORE = re.compile(
    r"\b(?:Governor|Mayor|Chairman|Chairwoman|Chairperson|Director|Secretary|President|Head|"
    r"Ambassador|Consul(?:\s+General)?|Minister|Chief|Premier|Leader)\s+(?:of|to|in)\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,6}?(?:(?:of|in|to)\s+(?:the\s+)?|[\w-]+[’']s\s+)?$")
_TITLE_OF_BEFORE = re.compile(
    r"\b(?:Governor|Mayor|Chairman|Chairwoman|Chairperson|Director|Secretary|President|Head|"
    r"Ambassador|Consul(?:\s+General)?|Minister|Chief)\s+of\s+(?:the\s+)?$")
