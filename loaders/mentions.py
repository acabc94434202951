"""Finding mentions: known entities from the gazetteer, matched over folded text.

One Aho-Corasick automaton holds every name of every matchable gazetteer entry, folded
(case, diacritics, đ -> d, curly quotes). A hit counts only at word boundaries, and its
original-case form must agree with the name: short names and acronyms ("US", "Lao") must
match exactly, longer ones must start with the same case ("China", never "china").
Overlapping hits are settled longest-first (see :func:`select_longest`).
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import ahocorasick

from diplomap.loaders.name_tokens import _VN_SYLLABLE
from diplomap.loaders.text import fold, name_key
from diplomap.ontology.gazetteer import Entry

# When one name belongs to several entries, the more general kind of place wins
# ("Georgia" the country, "Bac Ninh" the province rather than the city).
TYPE_PREFERENCE = ("Country", "Province", "ForeignLocality", "InternationalOrganization",
                   "Corporation", "NGO", "GovernmentBody", "VietnamLocality", "HeritageItem",
                   "Event", "Person")


@dataclass
class Candidate:
    """A span that names an entity, before mentions are grouped into entities."""

    start: int
    end: int
    text: str
    type: str
    name: str  # the name it gives, before canonicalisation
    rule: str  # "gazetteer" or the pattern that found it
    gazetteer_id: str | None = None
    priority: int = 0  # settles overlaps of equal length: gazetteer > patterns > persons
    country: str | None = None  # gazetteer id of a country stated next to it
    qualifier: str | None = None  # entity id of the province a body or place belongs to
    extra: dict = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


@functools.lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    """Diacritics removed, case kept (for case checks of gazetteer hits)."""
    return "".join(c for c in unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
                   if not unicodedata.combining(c))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def needs_exact_case(name: str) -> bool:
    """Acronyms and very short names are matched only in their exact case ("US" but not "us")."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) <= 3 or (len(letters) >= 2 and all(c.isupper() for c in letters))


class GazetteerMatcher:
    """Finds every gazetteer name in a text. Built once per entry list, reused for every text."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries: dict[str, Entry] = {}
        self.by_key: dict[str, list[Entry]] = {}
        automaton = ahocorasick.Automaton()
        forms: dict[str, list[tuple[str, str]]] = {}  # folded form -> [(original name, id)]
        self._exact: set[str] = set()  # short Vietnamese names: only with their diacritics
        for entry in entries:
            self.entries[entry.id] = entry
            if not entry.match:
                continue
            for name in entry.vi:
                if sum(c.isalpha() for c in name) <= 5 and strip_accents(name) != name:
                    self._exact.add(name)  # "Đức" (Germany), "Mỹ" (US) are also given names
            for name in dict.fromkeys(entry.names()):
                folded = fold(name).strip()
                if len(folded) < 2:
                    continue
                forms.setdefault(folded, []).append((name, entry.id))
                self.by_key.setdefault(name_key(name), []).append(entry)
        rank = {t: i for i, t in enumerate(TYPE_PREFERENCE)}
        for folded, names in forms.items():
            names.sort(key=lambda pair: rank.get(self.entries[pair[1]].type, 99))
            automaton.add_word(folded, (len(folded), tuple(names)))
        self._automaton = automaton if len(automaton) else None
        if self._automaton is not None:
            automaton.make_automaton()
        self.countries_by_iso: dict[str, str] = {}
        for entry in self.entries.values():
            if entry.type == "Country" and entry.country:
                self.countries_by_iso.setdefault(entry.country.upper(), entry.id)

    def find(self, text: str, folded: str | None = None, start: int = 0,
             end: int | None = None) -> list[Candidate]:
        """Gazetteer hits in ``text[start:end]`` (offsets into ``text``)."""
        if self._automaton is None:
            return []
        folded = fold(text) if folded is None else folded
        end = len(text) if end is None else end
        hits = []
        for last, (length, names) in self._automaton.iter(folded, start, end):
            first = last - length + 1
            if first > 0 and _is_word_char(folded[first - 1]):
                continue
            if last + 1 < len(folded) and (_is_word_char(folded[last + 1]) or folded[last + 1] == "$"):
                continue  # "US$2.2 billion" is money, not the United States
            surface = text[first:last + 1]
            chosen = self._accept(surface, names, self._exact)
            if chosen is None:
                continue
            entry = self.entries[chosen]
            if entry.type in _INSIDE_NAME_TYPES and " " not in surface and _inside_longer_name(text, first):
                continue  # "Nha Trang", "Kim Bong": a one-word place name inside a longer name
            hits.append(Candidate(first, last + 1, surface, entry.type, entry.label, "gazetteer",
                                  gazetteer_id=entry.id, priority=3,
                                  country=self.country_id(entry)))
        return hits

    @staticmethod
    def _accept(surface: str, names: Sequence[tuple[str, str]], exact: set[str]) -> str | None:
        plain = strip_accents(surface)
        for name, entry_id in names:
            if name in exact:
                if surface == name:
                    return entry_id
            elif needs_exact_case(name):
                if plain == strip_accents(name):
                    return entry_id
            elif _same_initial_case(surface, name) or _lower_case_heritage(surface, name, entry_id):
                return entry_id
        return None

    def lookup(self, name: str, types: Iterable[str] | None = None) -> Entry | None:
        """The entry that has ``name`` among its names (and one of ``types``), if any."""
        wanted = set(types) if types else None
        for entry in self.by_key.get(name_key(name), ()):
            if wanted is None or entry.type in wanted:
                return entry
        return None

    def country_id(self, entry: Entry) -> str | None:
        """The gazetteer id of an entry's country (``country/south-korea``)."""
        if entry.type == "Country":
            return None
        if entry.country:
            return self.countries_by_iso.get(entry.country.upper())
        return None


_INSIDE_NAME_TYPES = frozenset({"ForeignLocality", "Country"})
_SENTENCE_STARTERS = frozenset("the a an in on at for by with from to and of as this that its "
                               "meanwhile besides however also last next".split())


def _inside_longer_name(text: str, start: int) -> bool:
    """Is the word at ``start`` preceded, after one space, by a capitalised word that does
    not begin a sentence?"""
    if start < 2 or text[start - 1] != " ":
        return False
    k = start - 1
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "-"):
        k -= 1
    word = text[k:start - 1]
    if not word or not word[0].isupper() or word.lower() in _SENTENCE_STARTERS:
        return False
    if _VN_SYLLABLE.match(fold(word)):
        return True  # "Nha Trang (VNA)" opening a line: a Vietnamese name, not Thailand's Trang
    before = text[:k].rstrip(" ")
    return bool(before) and before[-1] not in ".!?\n:;\"“(" and word[-1] not in ".,"


def _lower_case_heritage(surface: str, name: str, entry_id: str) -> bool:
    """Heritage items are often written in lower case ("the worship of Hung Kings", "xoan folk
    singing"): accepted when the name has several words and its surface is not all lower case
    or is long enough not to be an ordinary phrase."""
    return entry_id.startswith("heritage-item/") and " " in name and \
        (any(c.isupper() for c in surface) or len(surface) >= 14)


def _same_initial_case(surface: str, name: str) -> bool:
    s = next((c for c in surface if c.isalpha()), "")
    n = next((c for c in name if c.isalpha()), "")
    return s.isupper() == n.isupper()


def matcher_for(entries: tuple[Entry, ...]) -> GazetteerMatcher:
    """A matcher per entry tuple, built once (hashing 10^4 entries per call would be slow)."""
    return _MATCHERS.get(id(entries)) or _remember(entries)


_MATCHERS: dict[int, GazetteerMatcher] = {}
_KEEP: dict[int, tuple[Entry, ...]] = {}


def _remember(entries: tuple[Entry, ...]) -> GazetteerMatcher:
    matcher = GazetteerMatcher(entries)
    _MATCHERS[id(entries)] = matcher
    _KEEP[id(entries)] = entries  # keeps id() unique while the matcher is cached
    return matcher


def select_longest(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longer spans first, then higher priority, then earlier."""
    ordered = sorted(candidates, key=lambda c: (-c.length, -c.priority, c.start))
    if not ordered:
        return []
    occupied = bytearray(max(c.end for c in ordered))
    taken: list[Candidate] = []
    for cand in ordered:
        if any(occupied[cand.start:cand.end]):
            continue
        taken.append(cand)
        occupied[cand.start:cand.end] = b"\x01" * cand.length
    taken.sort(key=lambda c: c.start)
    return taken


_PLACE_TYPES = frozenset({"Country", "Province", "VietnamLocality", "ForeignLocality"})


def extend_into_known_names(candidates: list[Candidate], text: str) -> list[Candidate]:
    """A pattern name that begins inside a known place name starts where that name starts:
    "An Giang Department of ..." where "An" was taken for the article. A "company" named
    only by a place ("an An Giang company") is no company name: dropped."""
    known = sorted((c for c in candidates if c.rule == "gazetteer" and c.type in _PLACE_TYPES),
                   key=lambda c: c.start)
    if not known:
        return candidates
    starts = [c.start for c in known]
    out = []
    for cand in candidates:
        if cand.rule == "gazetteer" or cand.type == "Person":
            out.append(cand)
            continue
        k = bisect.bisect_right(starts, cand.start) - 1
        hit = known[k] if k >= 0 else None
        if hit is not None and hit.start < cand.start < hit.end <= cand.end:
            prefix = text[hit.start:cand.start]
            if text.startswith(cand.name, cand.start):
                cand.name = prefix + cand.name
            cand.start = hit.start
            cand.text = text[cand.start:cand.end]
        if hit is not None and cand.type == "Corporation" and hit.start == cand.start and \
                text[hit.start:hit.end] == cand.name:
            continue
        out.append(cand)
    return out


_NESTING_RULES = frozenset({"body.embassy", "body.consulate"})


def add_nested_places(entities: dict, kept: list[Candidate], candidates: list[Candidate],
                      matcher: GazetteerMatcher) -> None:
    """Places named inside a mission's name ("Consulate General in Ho Chi Minh City") are
    mentioned too, though the longer name is the one the relation rules see."""
    from diplomap.loaders.facts import Entity, Mention

    spans = [(c.start, c.end) for c in kept if c.rule in _NESTING_RULES]
    if not spans:
        return
    for cand in candidates:
        if cand.rule != "gazetteer" or cand.type not in _PLACE_TYPES:
            continue
        if not any(s <= cand.start and cand.end <= e for s, e in spans):
            continue
        entity = entities.get(cand.gazetteer_id)
        if entity is None:
            entry = matcher.entries[cand.gazetteer_id]
            entity = entities[cand.gazetteer_id] = Entity(entry.type, entry.label,
                                                          gazetteer_id=entry.id,
                                                          country=matcher.country_id(entry))
        entity.mentions.append(Mention(cand.start, cand.end, cand.text))
