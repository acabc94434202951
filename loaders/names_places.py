"""Places named by a head word or a cue, not by the gazetteer.

- "<Name> province|prefecture|county|district|state|oblast|city|ward|commune" (and lists before a
  plural head: "Tam Nong, Thanh Binh and Hong Ngu districts");
- sites: "<Name> Industrial Zone|Border Gate|International Airport|Park";
- cued places: "twinned with Kanazawa", "the Chinese city of Beihai", "Beihai, another port city in
  Guangxi";
- possessed names: "Guangxi's Fangchenggang" (a place in a place), "Singapore's Sembcorp" (a
  country's company).
"""

from __future__ import annotations

import bisect
import re

from diplomap.loaders.mentions import Candidate
from diplomap.loaders.name_tokens import (
    COMMON,
    Token,
    _adjacent,
    _compound_adjective,
    _demonym_only,
    _FreeSpans,
    _start_of,
    cap_run_after,
    cap_run_before,
    vietnamese_syllables,
)

_FIRST_LEVEL = {"province", "prefecture", "oblast", "state", "county", "governorate", "krai",
                "region", "canton", "provinces"}
_LOCAL = {"district", "city", "ward", "commune", "town", "township", "municipality", "districts",
          "communes", "wards", "regency"}  # an Indonesian kabupaten ("Badung regency")
PLACE_HEADS = _FIRST_LEVEL | _LOCAL
_ALWAYS_FOREIGN = {"prefecture", "oblast", "state", "county", "governorate", "krai", "canton",
                   "township", "municipality", "region", "regency"}
# Capitalised heads of Vietnamese sites (industrial zones, border gates, airports, parks).
_SITE_HEADS = {("industrial", "zone"), ("industrial", "zones"), ("industrial", "park"),
               ("industrial", "parks"), ("industrial", "cluster"), ("economic", "zone"),
               ("border", "gate"), ("international", "airport"), ("airport",), ("seaport",),
               ("port",), ("park",), ("hi-tech", "park"), ("high-tech", "park"), ("bay",)}
_SITE_FIRST_WORDS = frozenset(heads[0] for heads in _SITE_HEADS)


# "Huong Hoa mountainous district", "Can Gio coastal district": a description between name and head
_DESCRIBED = frozenset({"mountainous", "border", "coastal", "rural", "outlying", "suburban", "island", "highland",
                        "frontier", "remote", "lowland"})


def _place(text, tokens, i, emit):
    head = tokens[i]
    first = cap_run_before(tokens, i, text)
    name_end = i
    if first == i and i > 1 and tokens[i - 1].low in _DESCRIBED and not tokens[i - 1].cap \
            and head.low in _LOCAL and _adjacent(tokens[i - 1], head, text):
        name_end = i - 1
        first = cap_run_before(tokens, name_end, text)
        if first == name_end:
            return
    if first == i:
        return
    name_tokens = tokens[first:name_end]
    if all(t.low in COMMON for t in name_tokens) or any(_compound_adjective(t) for t in name_tokens):
        return
    if _demonym_only(name_tokens):
        return  # "the US state of Iowa", "a Korean province": a country, not a name
    if first > 0 and tokens[first - 1].low in {"a", "an", "another", "any", "each", "every"}:
        return
    name = text[name_tokens[0].start:name_tokens[-1].end]
    kind = head.low[:-1] if head.low in _PLURAL_HEADS else head.low
    items = [(first, name_end)]
    if head.low in _PLURAL_HEADS:
        items += _list_items_before(tokens, first, text)
    # one list, one country: "Ngoc Hoi, Sa Thay and Ia H'Drai districts" are all Vietnamese
    vietnamese = any(vietnamese_syllables(tokens[a:b]) for a, b in items)
    emit(first, i + 1, "Place", f"place.{kind}", name=name, head=kind, vietnamese=vietnamese)
    for a, b in items[1:]:
        emit(a, b, "Place", f"place.{kind}", name=text[tokens[a].start:tokens[b - 1].end], head=kind,
             vietnamese=vietnamese)


def _list_items_before(tokens, first: int, text: str) -> list[tuple[int, int]]:
    """"Tam Nong, Thanh Binh and Hong Ngu districts": the names listed before the last one, which
    share its plural head (token ranges, nearest first)."""
    items = []
    k = first
    while k >= 2:
        gap_end = k
        if tokens[k - 1].low in {"and", "&"}:
            k -= 1
            if k >= 1 and tokens[k - 1].text == ",":
                k -= 1
        elif tokens[k - 1].text == ",":
            k -= 1
        else:
            break
        if k == gap_end or k == 0:
            break
        start = cap_run_before(tokens, k, text)
        if start == k or all(t.low in COMMON for t in tokens[start:k]):
            break
        items.append((start, k))
        k = start
    return items


_PLURAL_HEADS = {"provinces", "districts", "communes", "wards"}


def _site(text, tokens, i, emit):
    for heads in _SITE_HEADS:
        last = i + len(heads)
        if last > len(tokens):
            continue
        window = tokens[i:last]
        if tuple(t.low for t in window) != heads:
            continue
        if not window[0].cap and window[0].low != "hi-tech":
            continue
        if heads == ("park",) and last < len(tokens) and tokens[last].cap and tokens[last].word and \
                _adjacent(tokens[last - 1], tokens[last], text):
            return  # "Ambassador Park Noh-wan": a surname, not a park
        first = cap_run_before(tokens, i, text, allow=frozenset({"and"}))
        if first == i:
            return
        name_tokens = tokens[first:i]
        if all(t.low in COMMON for t in name_tokens) and heads != ("park",):
            return
        possessor = first > 0 and tokens[first - 1].possessive
        emit(first, last, "VietnamLocality", "place.site", head=" ".join(heads),
             possessor=possessor)
        return


_PLACE_CUE = re.compile(
    r"\b(?:twinn?ed\s+with|sister[- ](?:city|cities|province)(?:\s+(?:of|with))?|"
    r"twin[- ]town\s+of|(?:the|a)\s+(?:[A-Z]\w+\s+)?(?:city|town|port\s+city|province|prefecture|"
    r"county)\s+of)\s+(?=[A-Z])")


# "the Lao provinces of Vientiane and Saynhabuly", "the prefectures of A, B and C"
_PLURAL_PLACE_CUE = re.compile(r"\b(?:the|two|three|four|five)\s+(?:[A-Z]\w+\s+)?(?:cities|towns|provinces|prefectures|"
                               r"counties|states|districts|regions)\s+of\s+(?=[A-Z])")


# "Beihai, another port city in Guangxi", "Yarmouth, a town in Nova Scotia": the name before it
_APPOSED_PLACE = re.compile(r",\s+(?:a|an|another)\s+(?:[\w-]+\s+){0,3}?(?:city|town|port|prefecture|county|"
                            r"municipality)\s+(?:in|of|on)\s+(?:the\s+)?(?=[A-Z])")


def _apposed_place_starts(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """(first, end) token ranges of capitalised names right before a place apposition."""
    out = []
    for match in _APPOSED_PLACE.finditer(text):
        comma = bisect.bisect_left(tokens, match.start(), key=_start_of)
        if comma >= len(tokens) or tokens[comma].start != match.start() or comma == 0:
            continue
        first = cap_run_before(tokens, comma, text, limit=3)
        if first < comma:
            out.append((first, comma))
    return out


def find_cued_places(text: str, tokens: list[Token]) -> list[Candidate]:
    """"twinned with Kanazawa", "the Chinese city of Beihai", "Beihai, another port city in
    Guangxi": a place named without a head."""
    out = []
    spans = []
    for match in _PLACE_CUE.finditer(text):
        i = bisect.bisect_left(tokens, match.end(), key=_start_of)
        if i >= len(tokens) or tokens[i].start != match.end():
            continue
        spans.append((i, cap_run_after(tokens, i, text, limit=3)))
    for match in _PLURAL_PLACE_CUE.finditer(text):
        i = bisect.bisect_left(tokens, match.end(), key=_start_of)
        while i < len(tokens) and tokens[i].start >= match.end():
            end = cap_run_after(tokens, i, text, limit=3)
            if end == i:
                break
            spans.append((i, end))
            # ", B", " and C", ", and D": the next item of the list
            k = end
            if k < len(tokens) and tokens[k].text == ",":
                k += 1
            if k < len(tokens) and tokens[k].low in {"and", "&"}:
                k += 1
            if k == end or k >= len(tokens) or not tokens[k].cap:
                break
            i = k
    if ", a" in text:
        spans += _apposed_place_starts(text, tokens)
    for i, end in spans:
        if end == i or all(t.low in COMMON for t in tokens[i:end]):
            continue
        name_tokens = tokens[i:end]
        if name_tokens[-1].possessive:
            continue
        name = text[name_tokens[0].start:name_tokens[-1].end]
        out.append(Candidate(name_tokens[0].start, name_tokens[-1].end, name, "Place", name,
                             "place.cue", priority=1,
                             extra={"head": "city", "vietnamese": vietnamese_syllables(name_tokens)}))
    return out


# Lower-case words inside European place names: "Val de Marne", "Rhein am Main", "Castilla y Leon"
_PLACE_PARTICLES = frozenset({"de", "du", "des", "la", "le", "sur", "del", "della", "am", "an", "der", "y"})
_TIES_BEFORE = re.compile(r"\b(?:ties|twinn?ed|sister|partners?(?:hip)?|friendship|relations|cooperation)\b"
                          r"(?![^.;]*\b(?:compan\w*|firms?|groups?|invest\w*|enterprises?)\b)[^.;]*$", re.I)


def _swallows_known_place(kept: list[Candidate], tokens: list[Token], j: int, end: int) -> bool:
    """"France's Saint-Malo de Bretagne": a known place after a particle is part of the longer name."""
    start, stop = tokens[j].start, tokens[end - 1].end
    inside = [c for c in kept if c.start < stop and start < c.end]
    particles = {t.end for t in tokens[j:end] if t.low in _PLACE_PARTICLES}
    return bool(inside) and all(start < c.start and c.end <= stop and c.type in _KNOWN_PLACE_TYPES and
                                any(0 < c.start - p <= 1 for p in particles) for c in inside)


_KNOWN_PLACE_TYPES = frozenset({"ForeignLocality", "Province", "VietnamLocality", "Country"})


def find_possessed_names(text: str, tokens: list[Token], kept: list[Candidate]) -> list[Candidate]:
    """"Singapore's Sembcorp Development" (a company of a country), "Guangxi's Fangchenggang"
    (a place in a place): an unknown capitalised name owned by a known country or place."""
    taken = _FreeSpans([(c.start, c.end) for c in kept])
    out = []
    for owner in kept:
        if owner.type not in {"Country", "ForeignLocality"} or not owner.gazetteer_id or \
                text[owner.end:owner.end + 2] not in ("'s", "’s"):
            continue
        j = bisect.bisect_left(tokens, owner.end + 2, key=_start_of)  # the word after "'s"
        if j == 0 or j >= len(tokens) or tokens[j - 1].end != owner.end + 2:
            continue
        end = cap_run_after(tokens, j, text, limit=4, allow=_PLACE_PARTICLES)
        if end == j:
            continue
        if not taken.ok(tokens[j].start, tokens[end - 1].end) and \
                not _swallows_known_place(kept, tokens, j, end):
            continue
        if all(t.low in COMMON for t in tokens[j:end]) or tokens[end - 1].possessive:
            continue
        type_ = "ForeignLocality"
        if owner.type == "Country" and not any(t.low in _PLACE_PARTICLES for t in tokens[j:end]) and \
                not _TIES_BEFORE.search(text, max(0, owner.start - 120), owner.start):
            type_ = "Corporation"  # "Singapore's Sembcorp"; but "ties with France's Val de Marne"
        name = text[tokens[j].start:tokens[end - 1].end]
        out.append(Candidate(tokens[j].start, tokens[end - 1].end, name, type_, name,
                             "possessed-name", priority=1, country=owner.gazetteer_id
                             if owner.type == "Country" else owner.country))
    return out
