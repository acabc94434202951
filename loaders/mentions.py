"""Finding mentions: known entities from the gazetteer, matched over folded text.

One Aho-Corasick automaton holds every name of every matchable gazetteer entry, folded
(case, diacritics, đ -> d, curly quotes). A hit counts only at word boundaries, and its
original-case form must agree with the name: short names and acronyms ("US", "Lao") must
match exactly, longer ones must start with the same case ("China", never "china").
Overlapping hits are settled longest-first (see :func:`select_longest`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import ahocorasick

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
        for entry in entries:
            self.entries[entry.id] = entry
            if not entry.match:
                continue
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
            chosen = self._accept(surface, names)
            if chosen is None:
                continue
            entry = self.entries[chosen]
            hits.append(Candidate(first, last + 1, surface, entry.type, entry.label, "gazetteer",
                                  gazetteer_id=entry.id, priority=3,
                                  country=self.country_id(entry)))
        return hits

    @staticmethod
    def _accept(surface: str, names: Sequence[tuple[str, str]]) -> str | None:
        plain = strip_accents(surface)
        for name, entry_id in names:
            if needs_exact_case(name):
                if plain == strip_accents(name):
                    return entry_id
            elif _same_initial_case(surface, name):
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
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for cand in ordered:
        if any(cand.start < e and s < cand.end for s, e in occupied):
            continue
        taken.append(cand)
        occupied.append((cand.start, cand.end))
    taken.sort(key=lambda c: c.start)
    return taken
