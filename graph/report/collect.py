"""Gather a province's dossier from the store: the rows and figures of the saved ``report-*``
queries for a period, the merged provinces, what changed since the year before, and one
footnote per (article, evidence sentence) in order of first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from diplomap.graph.maps.lookup import resolve_entity
from diplomap.graph.query.saved import resolve_label, run_saved
from diplomap.graph.report.period import Period
from diplomap.graph.store.base import GraphStore
from diplomap.ontology.errors import QueryError
from diplomap.ontology.vocab import DM_NS

# Section -> the saved query of its rows; figures -> their aggregate queries.
ROW_QUERIES = {
    "partnerships": "report-partnerships",
    "visits": "report-visits",
    "investment": "report-investments",
    "aid": "report-aid",
    "heritage": "report-heritage",
    "officials": "report-officials",
    "cooperation": "report-cooperation",
}
FIGURE_QUERIES = ("report-partnership-stages", "report-investment-totals", "report-investment-by-country",
                  "report-aid-by-donor")
_ENTITY_KEYS = ("partner", "country", "investor", "donor", "item", "body", "person", "other", "visitor", "place",
                "via", "target")
STAGES = ("Proposed", "Negotiating", "Signed", "Active")

_MERGERS = f"""PREFIX dm: <{DM_NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?province ?other ?otherLabel ?on ?direction WHERE {{
  {{ ?other (dm:replacedBy|^dm:replaces)+ ?province . BIND ("in" AS ?direction)
     OPTIONAL {{ ?other dm:replacedOn ?on }} }}
  UNION
  {{ ?province dm:replacedBy ?other . BIND ("out" AS ?direction) OPTIONAL {{ ?province dm:replacedOn ?on }} }}
  OPTIONAL {{ ?other rdfs:label ?otherLabel FILTER (LANG(?otherLabel) = "en") }}
}} ORDER BY ?direction ?otherLabel
"""
_DOCUMENTS = """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?document ?title ?date ?publisher ?source ?identifier WHERE {
  ?document a <https://w3id.org/diplomap/ontology#Document> .
  OPTIONAL { ?document dcterms:title ?title } OPTIONAL { ?document dcterms:date ?date }
  OPTIONAL { ?document dcterms:publisher ?publisher } OPTIONAL { ?document dcterms:source ?source }
  OPTIONAL { ?document dcterms:identifier ?identifier }
}"""
_VI_LABELS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?entity ?name WHERE { VALUES ?entity { ENTITIES } ?entity skos:altLabel ?name FILTER (LANG(?name) = "vi") }"""
_LABEL = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?label WHERE { ?entity rdfs:label ?label FILTER (LANG(?label) = "en") }"""


@dataclass
class Footnote:
    number: int
    document: str
    evidence: str
    title: str = ""
    date: str = ""
    publisher: str = ""
    source: str = ""


@dataclass
class Merger:
    iri: str
    label: str
    date: str
    direction: str  # "in": merged into this province; "out": this province merged into it


@dataclass
class Dossier:
    province: str
    label: str
    period: Period
    params: dict[str, str]  # the parameters of every report query
    merged: list[Merger]  # predecessors included in this report
    successor: Merger | None
    sections: dict[str, list[dict]]  # rows, values as text, each with "note": its footnote number
    figures: dict[str, list[dict]]
    previous: dict[str, int] | None = None  # rows per section in the year before
    changes: list[dict] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    vi_labels: dict[str, str] = field(default_factory=dict)
    documents: int = 0

    @property
    def empty(self) -> bool:
        return not any(self.sections.values())


def _text(row: dict) -> dict:
    return {name: term.value for name, term in row.items()}


def local(iri: str | None) -> str:
    return (iri or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Notes:
    def __init__(self):
        self.by_key: dict[tuple[str, str], Footnote] = {}

    def number(self, document: str, evidence: str) -> int:
        key = (document, evidence)
        if key not in self.by_key:
            self.by_key[key] = Footnote(len(self.by_key) + 1, document, evidence)
        return self.by_key[key].number


def _run(store: GraphStore, name: str, params: dict[str, str]) -> list[dict]:
    return [_text(r) for r in run_saved(store, name, **params)]


def collect(store: GraphStore, province: str, period: Period) -> Dossier:
    """Everything the report shows, from the saved queries; InputError for an unknown province."""
    iri = find_province(store, province)
    labels = {r["entity"].value: r["label"].value for r in store.select(_LABEL, {"entity": NamedNode(iri)})}
    mergers = [Merger(r["other"].value, r.get("otherLabel", r["other"]).value,
                      r["on"].value if "on" in r else "", r["direction"].value)
               for r in store.select(_MERGERS, {"province": NamedNode(iri)})]
    merged = [m for m in mergers if m.direction == "in" and period.reaches(int(m.date[:4] or 0))]
    successor = next((m for m in mergers if m.direction == "out"), None)
    params = {"province": iri, **period.params(), "merged": "true" if merged else "false"}
    notes = _Notes()
    sections = {}
    for section, query in ROW_QUERIES.items():
        rows = _run(store, query, params)
        for row in rows:
            row["note"] = notes.number(row["document"], row["evidence"])
        sections[section] = rows
    figures = {name: _run(store, name, params) for name in FIGURE_QUERIES}
    dossier = Dossier(iri, labels.get(iri, local(iri)), period, params, merged, successor, sections, figures)
    previous = period.previous()
    if previous is not None:
        before = {**params, **previous.params()}
        dossier.previous = {s: len(_run(store, q, before)) for s, q in ROW_QUERIES.items()}
        dossier.changes = _changes(store, params, period, notes)
    documents = {r["document"].value: r for r in store.select(_DOCUMENTS)}
    dossier.documents = len(documents)
    for note in notes.by_key.values():
        doc = documents.get(note.document, {})
        note.title = doc["title"].value if "title" in doc else doc["identifier"].value if "identifier" in doc else ""
        note.date = doc["date"].value if "date" in doc else ""
        note.publisher = doc["publisher"].value if "publisher" in doc else ""
        note.source = doc["source"].value if "source" in doc else ""
    dossier.footnotes = sorted(notes.by_key.values(), key=lambda n: n.number)
    vi: dict[str, str] = {}
    used = sorted({r[k] for rows in sections.values() for r in rows for k in _ENTITY_KEYS if k in r}
                  | {iri} | {m.iri for m in mergers})
    values = " ".join(str(NamedNode(u)) for u in used)  # IRIs from the store, written by pyoxigraph
    for r in store.select(_VI_LABELS.replace("ENTITIES", values)):
        name, entity = r["name"].value, r["entity"].value
        if entity not in vi or len(name) < len(vi[entity]):
            vi[entity] = name
    dossier.vi_labels = vi
    return dossier


def find_province(store: GraphStore, name: str) -> str:
    """The province's IRI: an exact label or alias (fast), else any spelling (folded accents and
    punctuation, with the closest names in the error)."""
    try:
        return resolve_label(store, name, "Province").value
    except QueryError:
        return resolve_entity(store, name, ("Province",))


def _changes(store: GraphStore, params: dict[str, str], period: Period, notes: _Notes) -> list[dict]:
    """Stage changes, new partners, investors and donors: the period against everything before it."""
    every = {**params, "from": "", "to": ""}
    changes = []

    def split(rows):
        before = [r for r in rows if "year" in r and int(r["year"]) < period.start]
        during = [r for r in rows if "year" in r and period.start <= int(r["year"]) <= period.end]
        return before, during

    before, during = split(_run(store, "report-partnerships", every))
    rank = {STAGES[i]: i for i in range(len(STAGES))}

    def latest(rows, partner):
        mine = [r for r in rows if r["partner"] == partner]
        return max(mine, key=lambda r: (int(r["year"]), rank.get(local(r["stage"]), -1)), default=None)

    for partner in sorted({r["partner"] for r in during}):
        now, then = latest(during, partner), latest(before, partner)
        if then is None:
            changes.append({"kind": "new_partner", "partner": now["partnerLabel"] if "partnerLabel" in now else local(partner),
                            "stage": local(now["stage"]), "iri": partner,
                            "notes": [notes.number(now["document"], now["evidence"])]})
        elif local(then["stage"]) != local(now["stage"]):
            changes.append({"kind": "stage_change", "partner": now.get("partnerLabel", local(partner)), "iri": partner,
                            "old": local(then["stage"]), "old_year": then["year"],
                            "new": local(now["stage"]), "new_year": now["year"],
                            "notes": [notes.number(then["document"], then["evidence"]),
                                      notes.number(now["document"], now["evidence"])]})
    for kind, query, who in (("new_investor", "report-investments", "investor"), ("new_donor", "report-aid", "donor")):
        before, during = split(_run(store, query, every))
        seen = {r[who] for r in before}
        for entity in sorted({r[who] for r in during} - seen):
            first = next(r for r in during if r[who] == entity)
            changes.append({"kind": kind, who: first.get(who + "Label", local(entity)), "iri": entity,
                            "notes": [notes.number(first["document"], first["evidence"])]})
    return changes
