"""Foreign cities, counties and districts from GeoNames (``ontology/data/geonames-places.tsv``).

Thousands of their names are also words or people's names ("Mile", "Nice", "Buon"), so a name from the
table becomes a mention only with its own country or first-level division right after it:
"Gumi, South Korea", "Kronstadt in Saint Petersburg", "Fukuroi, Shizuoka" — not "X of <country>", which
names a company or a person of that country more often than a city ("Hitachi of Japan"). Names with a head word
("Bonghwa County", "Mile city") are the pattern rules' (``mention_patterns``); this module also gives every
foreign locality of an extraction that the gazetteer does not know a GeoNames point when the table has its
name in its country (``place_quads``).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad

from diplomap.loaders.facts import Extraction, Fact
from diplomap.loaders.mentions import Candidate, GazetteerMatcher
from diplomap.loaders.name_tokens import TITLES
from diplomap.loaders.text import fold, split_sentences
from diplomap.loaders.vn_units import RULE as VN_UNIT_RULE
from diplomap.ontology import resources
from diplomap.ontology.build_divisions import DIVISIONS_FILE, division_key
from diplomap.ontology.gazetteer_rdf import CLOSE_MATCH, GEONAMES, point_triples
from diplomap.ontology.iris import DEFAULT_BASE

PLACES_FILE = "data/geonames-places.tsv"
RULE = "place.geonames"
NEAR_DEGREES = 2.5  # a division "next to" a city lies around it
# A capitalised run of one to three words right before the anchor, then ", ", " in ", " of " or ", in ".
_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*)(?:[ -][A-Z][\w'’-]*){0,2})(?:,\s+(?:in\s+)?|\s+(?:in|of)\s+)(?:the\s+)?$")
_HEADS = re.compile(r"\s+(?:city|county|district|town|municipality|prefecture|-si|-gun|-gu)$", re.I)
_NOT_NAMES = frozenset({"the", "a", "an", "and", "in", "of", "from", "to", "with", "by", "on", "at", "as",
                        "mr", "ms", "mrs", "dr", "province", "state", "region", "city", "capital"})
# A title or honorific right before the name makes it a person's ("Ambassador Nice of France").
_PERSON_BEFORE = TITLES | {"mr", "mrs", "ms", "miss", "madam", "mme", "dr", "prof", "sir", "madame", "mister"}
_PLACE_PREPOSITION = re.compile(r"(?:\b(?:with|from|to|in|between|and|visited|toured|twinned|including|namely|"
                                r"such\s+as|as\s+well\s+as)\s+(?:the\s+)?|,\s*)$", re.I)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")


@dataclass(frozen=True)
class Place:
    geonames: int
    name: str
    country: str  # ISO alpha-2
    parent: str | None  # gazetteer id of its first-level subdivision
    lat: float
    long: float
    population: int


@functools.lru_cache(maxsize=1)
def places_by_name() -> dict[str, tuple[Place, ...]]:
    """Folded name (any of a place's names) -> places, most populous first."""
    try:
        text = resources.read_text(PLACES_FILE)
    except FileNotFoundError:
        return {}
    index: dict[str, list[Place]] = {}
    for line in text.splitlines():
        if not line or line.startswith(("#", "geonames\t")):
            continue
        cells = line.split("\t")
        place = Place(int(cells[0]), cells[1], cells[2], cells[3] or None, float(cells[4]), float(cells[5]),
                      int(cells[6]))
        for name in {cells[1], *filter(None, cells[7].split(";"))}:
            index.setdefault(fold(name).strip(), []).append(place)
    return {k: tuple(sorted(v, key=lambda p: -p.population)) for k, v in index.items()}


def _fits(place: Place, anchor_id: str, matcher: GazetteerMatcher) -> bool:
    """The anchor (a gazetteer hit right after the name) is the place's country or division."""
    if matcher.countries_by_iso.get(place.country) == anchor_id or place.parent == anchor_id:
        return True
    entry = matcher.entries.get(anchor_id)
    if entry is None or entry.type != "ForeignLocality" or (entry.country or "").upper() != place.country:
        return False
    lat, long = entry.extra.get("lat"), entry.extra.get("long")
    return lat is not None and math.hypot(lat - place.lat, long - place.long) <= NEAR_DEGREES


def find_geonames_places(text: str, candidates: list[Candidate], matcher: GazetteerMatcher) -> list[Candidate]:
    """Table names followed by their own country or division (see the module docstring)."""
    table = places_by_name()
    if not table:
        return []
    known = [(c.start, c.end) for c in candidates if c.gazetteer_id]
    out = []
    for anchor in candidates:
        if not anchor.gazetteer_id or anchor.type not in ("Country", "ForeignLocality"):
            continue
        if text.startswith(("'s ", "’s "), anchor.end):
            continue  # "Vladivostok in Russia's Primorsky Krai": the container is what Russia has
        window_start = max(0, anchor.start - 80)
        match = _BEFORE.search(text, window_start, anchor.start)
        if match is None or match.end() != anchor.start:
            continue
        if anchor.type == "Country" and " of " in text[match.end(1):match.end()] and \
                not _PLACE_PREPOSITION.search(text, max(0, match.start(1) - 30), match.start(1)):
            # "Hitachi of Japan will build ...", "Kim of Korea": an agent of the country, not a city in it;
            # but "signed with Gomel of Belarus", "a delegation from Blois of France" name a city
            continue
        words = [(m.start(), m.end()) for m in re.finditer(r"[^\s]+", match.group(1))]
        base = match.start(1)
        for k in range(len(words)):  # the longest run first: "Gangnam District" before "District"
            start, end = base + words[k][0], base + words[-1][1]
            name = text[start:end]
            if name.lower() in _NOT_NAMES or any(s < end and start < e for s, e in known):
                continue
            before = _WORD_BEFORE.search(text, max(0, start - 20), start)
            if before is not None and before.group(1).lower() in _PERSON_BEFORE:
                break
            fitting = [p for p in table.get(fold(name).strip(), ())
                       if p.country != "VN" and _fits(p, anchor.gazetteer_id, matcher)]
            if fitting:
                place = fitting[0]
                out.append(Candidate(start, end, name, "ForeignLocality", name, RULE, priority=2,
                                     country=matcher.countries_by_iso.get(place.country),
                                     extra={"geonames": place.geonames, "anchor": anchor.gazetteer_id}))
                break
    return out


def location_facts(text: str, mentions, entities: dict) -> list[Fact]:
    """``locatedIn`` from each accepted name (a GeoNames place, a Vietnamese unit) to the country, division or
    province next to it, with its sentence."""
    wanted = [(c, entity_id) for c, entity_id in mentions
              if c.rule in (RULE, VN_UNIT_RULE) and c.extra.get("anchor") in entities]
    if not wanted:
        return []
    sentences = split_sentences(text)
    facts = []
    for cand, entity_id in wanted:
        sentence = next((s for s in sentences if s.start <= cand.start < s.end), None)
        if sentence is not None and entity_id != cand.extra["anchor"]:
            facts.append(Fact("locatedIn", entity_id, cand.extra["anchor"], sentence.text, sentence.start,
                              sentence.end, "location.geonames", 0.85))
    return facts


def locate(label: str, country: str | None) -> Place | None:
    """The most populous place of ``country`` (ISO alpha-2) named ``label`` (head word dropped), if any."""
    if not country:
        return None
    table = places_by_name()
    for name in (label, _HEADS.sub("", label)):
        for place in table.get(fold(name).strip(), ()):
            if place.country == country.upper():
                return place
    return None


def place_quads(extraction: Extraction, matcher: GazetteerMatcher, graph: NamedNode,
                base: str = DEFAULT_BASE, skip: set[str] = frozenset()) -> list[Quad]:
    """A GeoNames point (and ``skos:closeMatch``) for each locality the gazetteer does not know, found by
    name in its country: Viet Nam, the one stated for it, or that of a place it is said to lie in; else that
    of a second-level division of that name, else that of the division it misspells. They go into the
    document's graph (``graph``), so they go away with the document that found the place."""
    parents: dict[str, list[str]] = {}
    for fact in extraction.facts:
        if fact.predicate == "locatedIn":
            parents.setdefault(fact.subject, []).append(fact.object)
    quads = []
    for entity_id, entity in sorted(extraction.entities.items()):
        if entity.type not in ("ForeignLocality", "VietnamLocality") or entity.gazetteer_id or entity_id in skip:
            continue
        country = ("VN" if entity.type == "VietnamLocality"
                   else _country_of(entity_id, entity.country, parents, extraction, matcher))
        place = locate(entity.label, country)
        subject = NamedNode(entity.iri(base))
        if place is not None:
            triples = [*point_triples(subject, place.lat, place.long),
                       (subject, CLOSE_MATCH, NamedNode(f"{GEONAMES}{place.geonames}/"))]
        elif entity.type == "ForeignLocality" and (point := _division_point(entity.label, country)) is not None:
            triples = point_triples(subject, *point)
        elif entity.type == "ForeignLocality" and (near := misspelt(entity.label, country, matcher)) is not None:
            triples = point_triples(subject, near.extra["lat"], near.extra["long"])
        else:
            continue
        quads += [Quad(s, p, o, graph) for s, p, o in triples]
    return quads


@functools.lru_cache(maxsize=1)
def _divisions_table() -> dict[tuple[str, str], tuple[float, float]]:
    try:
        text = resources.read_text(DIVISIONS_FILE)
    except FileNotFoundError:
        return {}
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith(("#", "country\t")))
    return {(c[0], c[1]): (float(c[3]), float(c[4])) for c in rows}


def _division_point(label: str, country: str | None) -> tuple[float, float] | None:
    """The point of the second-level division of ``country`` named ``label`` ("Val de Marne"), if GeoNames has
    one: that of its most populous place (``ontology/build_divisions.py``)."""
    return _divisions_table().get((country.upper(), division_key(label))) if country else None


def misspelt(label: str, country: str | None, matcher: GazetteerMatcher):
    """The one gazetteer division of ``country`` with a point whose name is ``label`` with one letter more,
    fewer or changed ("Khammoune" for Khammouane), for names of seven letters or more; else None. Only its
    point is borrowed: the entity keeps the article's spelling, and no identifier is claimed."""
    key = fold(_HEADS.sub("", label)).strip()
    if not country or len(key) < 7:
        return None
    found = {entry.id: entry for name, entry in _divisions(matcher, country.upper()) if _one_edit(key, name)}
    return next(iter(found.values())) if len(found) == 1 else None


@functools.lru_cache(maxsize=256)
def _divisions(matcher: GazetteerMatcher, country: str) -> tuple:
    return tuple((fold(name).strip(), entry) for entry in matcher.entries.values()
                 if entry.type == "ForeignLocality" and (entry.country or "").upper() == country
                 and "lat" in entry.extra for name in entry.names())


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def _country_of(entity_id, country_id, parents, extraction, matcher) -> str | None:
    seen, frontier = {entity_id}, [entity_id]
    ids = [country_id] if country_id else []
    for _ in range(3):
        frontier = [p for node in frontier for p in parents.get(node, ()) if p not in seen]
        seen.update(frontier)
        ids += frontier
    for candidate in ids:
        entry = matcher.entries.get(candidate)
        if entry is not None and entry.country:
            return entry.country
        entity = extraction.entities.get(candidate)
        if entity is not None and entity.country and entity.country in matcher.entries:
            return matcher.entries[entity.country].country
    return None
