"""Vietnamese districts and wards before and after 1 July 2025 (``ontology/data/vn-units.tsv``).

Their names are short, shared by many units and often a person's given name ("Vinh", "An Binh"), so a name
of the table becomes a mention here only right before its own province: "Tu Son, Bac Ninh", "Can Gio in Ho
Chi Minh City" (the province then, or the one it was merged into). Names with a head word ("Tu Son town",
"Dai Phuc ward") are the pattern rules'. Every Vietnamese locality of an extraction that the gazetteer
does not know is then looked up by name, head word and province (``unit_quads``): it gets the table's
point and Vietnamese name, and a ward that existed before 1 July 2025 its successors
(``dm:replacedBy``/``dm:replacedOn``). Without a province stated, only a name that one unit of its kind
bears in the whole country is looked up.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from diplomap.loaders.facts import Extraction
from diplomap.loaders.mentions import Candidate, GazetteerMatcher
from diplomap.loaders.name_tokens import _STOP_START, TITLES
from diplomap.loaders.text import fold
from diplomap.ontology import resources
from diplomap.ontology.gazetteer_rdf import (
    ALT_LABEL,
    LABEL,
    LOCATED_IN,
    RDF_TYPE,
    REPLACED_BY,
    REPLACED_ON,
    REPLACES,
    XSD_DATE,
    point_triples,
)
from diplomap.ontology.iris import DEFAULT_BASE, entity_path
from diplomap.ontology.vocab import ONTOLOGY_NS

UNITS_FILE = "data/vn-units.tsv"
RULE = "place.vn-unit"
REPLACED_ON_DATE = "2025-07-01"
# A capitalised run of one to three words right before the province, then ", ", " in " or " of ".
_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*)(?:[ -][A-Z][\w'’-]*){0,3})(?:,\s+|\s+(?:in|of)\s+)(?:the\s+)?$")
_PERSON = TITLES | {"mr", "mrs", "ms", "miss", "madam", "dr", "prof", "sir", "mister", "uncle", "general"}
# English head words -> the kinds of unit they name
_HEAD_KINDS = {"district": {"district"}, "districts": {"district"}, "city": {"city"}, "town": {"town", "township"},
               "township": {"township"}, "ward": {"ward"}, "wards": {"ward"}, "commune": {"commune"},
               "communes": {"commune"}, "zone": {"special zone"}}
_HEAD = re.compile(r"\s+(special\s+zone|district|districts|city|town|township|ward|wards|commune|communes)$", re.I)


@dataclass(frozen=True)
class Unit:
    code: str
    level: str  # district | ward (before 1 July 2025) | ward-2025
    name: str
    vi: str
    head: str
    province: str  # gazetteer id
    lat: float | None  # None: no GeoNames place bears the unit's name in its province
    long: float | None
    replaced_by: tuple[str, ...]  # ward-2025 codes

    @property
    def label(self) -> str:
        return f"{self.name} {self.head}"


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[Unit, ...]], dict[str, Unit]]:
    """(folded name -> units, ward-2025 code -> unit)."""
    try:
        text = resources.read_text(UNITS_FILE)
    except FileNotFoundError:
        return {}, {}
    by_name: dict[str, list[Unit]] = {}
    new_wards: dict[str, Unit] = {}
    for line in text.splitlines():
        if not line or line.startswith(("#", "code\t")):
            continue
        c = line.split("\t")
        unit = Unit(c[0], c[1], c[2], c[3], c[4], c[5], _number(c[7]), _number(c[8]), tuple(filter(None, c[10].split(";"))))
        by_name.setdefault(fold(unit.name), []).append(unit)
        if unit.level == "ward-2025":
            new_wards[unit.code] = unit
    return {k: tuple(v) for k, v in by_name.items()}, new_wards


def _number(cell: str) -> float | None:
    return float(cell) if cell else None


def _same_province(unit: Unit, province: str, matcher: GazetteerMatcher) -> bool:
    """The unit's province, or the one it was merged into / formed from on 1 July 2025."""
    if unit.province == province:
        return True
    then, now = matcher.entries.get(unit.province), matcher.entries.get(province)
    return (then is not None and then.replaced_by == province) or (now is not None and now.replaced_by == unit.province)


def _by_date(units, date: str | None) -> list[Unit]:
    """Districts first; the wards of the article's time before the others."""
    after = bool(date) and date >= REPLACED_ON_DATE
    order = {"district": 0, "ward-2025": 1 if after else 2, "ward": 2 if after else 1}
    return sorted(units, key=lambda u: order[u.level])


def find_vn_units(text: str, candidates: list[Candidate], matcher: GazetteerMatcher,
                  date: str | None = None) -> list[Candidate]:
    """Table names right before their own province (see the module docstring)."""
    table, _ = _tables()
    if not table:
        return []
    known = [(c.start, c.end) for c in candidates if c.gazetteer_id]
    out = []
    for anchor in candidates:
        if anchor.type != "Province" or not anchor.gazetteer_id:
            continue
        match = _BEFORE.search(text, max(0, anchor.start - 80), anchor.start)
        if match is None or match.end() != anchor.start:
            continue
        words = match.group(1).split()
        lead = 0
        while lead < len(words) - 1 and words[lead].lower() in _STOP_START:
            lead += 1
        before = text[max(0, match.start(1) - 20):match.start(1)].split()
        if any(w.lower().rstrip(".") in _PERSON for w in words[:lead] + before[-1:]):
            continue  # "Mr Vinh, Nghe An": a person
        if match.start(1) > 0 and text[match.start(1) - 1] not in " \n\t(\"“":
            continue
        start = match.start(1) + len(" ".join(words[:lead])) + (1 if lead else 0)
        end = match.end(1)
        if any(s < end and start < e for s, e in known):
            continue
        name = text[start:end]
        fitting = [u for u in table.get(fold(name), ()) if _same_province(u, anchor.gazetteer_id, matcher)]
        if fitting:
            unit = _by_date(fitting, date)[0]
            out.append(Candidate(start, end, name, "VietnamLocality", name, RULE, priority=2,
                                 extra={"anchor": anchor.gazetteer_id, "vn_unit": unit.code}))
    return out


def find_unit(label: str, provinces: set[str], matcher: GazetteerMatcher, date: str | None = None) -> Unit | None:
    """The unit a Vietnamese locality's label names, in one of ``provinces`` (gazetteer ids) if any are
    known, else the only unit of its kind with that name in the country."""
    table, _ = _tables()
    head = _HEAD.search(label)
    name = label[:head.start()] if head else label
    kinds = _HEAD_KINDS.get(" ".join(head.group(1).lower().split()).removeprefix("special "), set()) if head else None
    units = [u for u in table.get(fold(name).strip(), ()) if kinds is None or u.head in kinds]
    if provinces:
        units = [u for u in units if any(_same_province(u, p, matcher) for p in provinces)]
    elif kinds is None:
        return None  # a bare name and no province: too many units share names
    units = _by_date(units, date)
    if not units:
        return None
    if provinces or len({(u.level, u.code) for u in units if u.level == units[0].level}) == 1:
        return units[0]
    return None


def unit_quads(extraction: Extraction, matcher: GazetteerMatcher, graph: NamedNode, date: str | None = None,
               base: str = DEFAULT_BASE) -> tuple[list[Quad], set[str]]:
    """Points, Vietnamese names and 2025 successors of the Vietnamese localities the gazetteer does not know,
    in the document's graph; and the ids of the entities placed."""
    if not _tables()[0]:
        return [], set()
    parents: dict[str, set[str]] = {}
    for fact in extraction.facts:
        if fact.predicate == "locatedIn":
            parents.setdefault(fact.subject, set()).add(fact.object)
    triples, placed = [], set()
    for entity_id, entity in sorted(extraction.entities.items()):
        if entity.type != "VietnamLocality" or entity.gazetteer_id:
            continue
        provinces = _provinces_up(entity_id, parents, matcher)
        unit = find_unit(entity.label, provinces, matcher, date)
        if unit is None:
            continue
        subject = NamedNode(entity.iri(base))
        if unit.lat is not None:
            placed.add(entity_id)
            triples += point_triples(subject, unit.lat, unit.long)
        triples.append((subject, ALT_LABEL, Literal(unit.vi, language="vi")))
        if not provinces:  # named alone, but one unit of its kind bears the name: its province, as reference data
            triples.append((subject, LOCATED_IN, NamedNode(base + unit.province)))
        triples += _successors(subject, unit, base)
    return [Quad(s, p, o, graph) for s, p, o in triples], placed


def _provinces_up(entity_id: str, parents: dict[str, set[str]], matcher: GazetteerMatcher) -> set[str]:
    """Provinces the entity is said to lie in, directly or through places said or known to contain it."""
    seen, frontier, found = {entity_id}, [entity_id], set()
    for _ in range(3):
        up = []
        for node in frontier:
            entry = matcher.entries.get(node)
            up += [*parents.get(node, ()), *([entry.parent] if entry is not None and entry.parent else [])]
        frontier = [p for p in up if p not in seen]
        seen.update(frontier)
        found |= {p for p in frontier if p.startswith("province/")}
    return found


def _successors(subject: NamedNode, unit: Unit, base: str) -> list[tuple]:
    if unit.level != "ward" or not unit.replaced_by:
        return []
    new_wards = _tables()[1]
    triples = [(subject, REPLACED_ON, Literal(REPLACED_ON_DATE, datatype=XSD_DATE))]
    for code in unit.replaced_by:
        new = new_wards.get(code)
        if new is None:
            continue
        node = NamedNode(base + entity_path("VietnamLocality", new.label))
        if node == subject:  # the same name and kind before and after: the ward was kept
            return []
        triples += [(subject, REPLACED_BY, node), (node, REPLACES, subject),
                    (node, RDF_TYPE, NamedNode(ONTOLOGY_NS + "VietnamLocality")),
                    (node, LABEL, Literal(new.label, language="en")), (node, ALT_LABEL, Literal(new.vi, language="vi")),
                    (node, LOCATED_IN, NamedNode(base + new.province)), *(point_triples(node, new.lat, new.long) if new.lat is not None else ())]
    return triples
