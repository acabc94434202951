"""Measure the extractor against gold annotations (format and rule: shared/gold/README.md).

The corpus is extracted and emitted as RDF into an in-memory Oxigraph store, with the
gazetteer's reference graph, and scored from what the store says — the same triples a user
gets: entities are those with ``dm:mentionedIn`` a document (with labels, aliases and type
from any graph), relations are statement nodes with ``prov:wasDerivedFrom`` the document.

An extracted entity is right when its type matches a gold entity and one of its names
matches one of the gold names, compared folded (case, diacritics) with generic words
("province", "Co., Ltd", "group", "the", ...) ignored. A relation is right when its predicate
matches and both ends are right for the gold relation's ends (either direction for the
symmetric predicates). Scores are micro-averaged over the documents that have gold.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Store

from diplomap.loaders.emit import DM, PROV, RDF, RDFS, SKOS
from diplomap.loaders.pipeline import ExtractorConfig, document_rdf
from diplomap.loaders.readers import read_documents
from diplomap.loaders.text import fold
from diplomap.ontology.errors import InputError
from diplomap.ontology.iris import DEFAULT_BASE

SYMMETRIC = frozenset({"partnerOf", "cooperatesWith"})
GENERIC_WORDS = frozenset("""
the province provinces provincial prefecture oblast county district state region city ward
commune co ltd company corporation corp group inc jsc llc limited plc holdings
""".split())
_NON_WORD = re.compile(r"[^\w\s]")


def normalise(name: str) -> str:
    """Folded name without punctuation, possessive 's and generic words."""
    text = fold(name).replace("'s ", " ").replace("-", " ")
    words = [w for w in _NON_WORD.sub(" ", text).split() if w not in GENERIC_WORDS]
    return " ".join(words)


@dataclass
class Score:
    correct_extracted: int = 0
    extracted: int = 0
    found_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct_extracted / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.correct_extracted += other.correct_extracted
        self.extracted += other.extracted
        self.found_gold += other.found_gold
        self.gold += other.gold

    def to_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "correct_extracted": self.correct_extracted,
                "extracted": self.extracted, "found_gold": self.found_gold, "gold": self.gold}


@dataclass
class Report:
    documents: int = 0
    scored_documents: list[str] = field(default_factory=list)
    entities: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    entity_types: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    predicates: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    status_correct: int = 0
    status_total: int = 0
    misses: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def status_accuracy(self) -> float:
        return self.status_correct / self.status_total if self.status_total else 0.0

    def to_dict(self, misses: bool = False) -> dict:
        out = {
            "documents": self.documents,
            "scored_documents": len(self.scored_documents),
            "entities": self.entities.to_dict(),
            "relations": self.relations.to_dict(),
            "entity_types": {k: v.to_dict() for k, v in sorted(self.entity_types.items())},
            "predicates": {k: v.to_dict() for k, v in sorted(self.predicates.items())},
            "partnership_status": {"accuracy": round(self.status_accuracy, 4),
                                   "correct": self.status_correct, "total": self.status_total},
            "problems": self.problems,
        }
        if misses:
            out["misses"] = self.misses
        return out

    def format(self, misses: bool = False) -> str:
        lines = [f"documents read: {self.documents}; with gold: {len(self.scored_documents)}",
                 f"{'':28}{'P':>7}{'R':>7}{'F1':>7}   extracted / gold"]

        def row(name: str, score: Score) -> str:
            return (f"{name:28}{score.precision:7.3f}{score.recall:7.3f}{score.f1:7.3f}"
                    f"   {score.correct_extracted}/{score.extracted} right, "
                    f"{score.found_gold}/{score.gold} found")

        lines.append(row("entities", self.entities))
        for name, score in sorted(self.entity_types.items()):
            lines.append(row("  " + name, score))
        lines.append(row("relations", self.relations))
        for name, score in sorted(self.predicates.items()):
            lines.append(row("  " + name, score))
        lines.append(f"partnership status accuracy: {self.status_accuracy:.3f} "
                     f"({self.status_correct}/{self.status_total})")
        for problem in self.problems:
            lines.append(f"skipped: {problem}")
        if misses:
            for miss in self.misses:
                lines.append(f"{miss['kind']:<20} {miss['document']}: {miss['what']}")
        return "\n".join(lines)


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    keys: frozenset[str]


def load_gold(gold_dir: str | os.PathLike) -> dict[str, dict]:
    """Gold annotations by file stem."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise InputError(f"gold directory not found: {folder}")
    gold = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entities = [GoldEntity(e["name"], e["type"],
                                   frozenset(normalise(n) for n in [e["name"], *(e.get("aliases") or [])]))
                        for e in data.get("entities", [])]
            relations = [dict(r) for r in data.get("relations", [])]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"{path}: not a gold file ({exc})") from None
        gold[path.stem] = {"entities": entities, "relations": relations}
    if not gold:
        raise InputError(f"no gold files (*.json) in {folder}")
    return gold


def _stem(doc) -> str:
    """A file's stem; a document that is one line of a JSONL file is known by its own id."""
    if getattr(doc, "line", None):
        return doc.identity
    return Path(doc.path or doc.identity).stem


def build_store(documents, base: str = DEFAULT_BASE, config: ExtractorConfig | None = None,
                gazetteer: bool = True) -> Store:
    """The corpus as RDF in memory: document graphs, entities graph, reference graph."""
    store = Store()
    for doc in documents:
        doc_quads, entity_quads = document_rdf(doc, base, config)
        store.extend(doc_quads)
        store.extend(entity_quads)
    if gazetteer:
        try:
            from diplomap.ontology.gazetteer_rdf import gazetteer_quads
        except ImportError:
            gazetteer_quads = None
        if gazetteer_quads is not None:
            try:
                store.extend(gazetteer_quads(base))
            except FileNotFoundError:
                pass
    return store


_PREFIXES = f"PREFIX dm: <{DM}> PREFIX rdf: <{RDF}> PREFIX rdfs: <{RDFS}> " \
            f"PREFIX skos: <{SKOS}> PREFIX prov: <{PROV}> "


def _extracted(store: Store):
    """(entities by document IRI, names by entity IRI, types, statements by document IRI)."""
    entities: dict[str, set[str]] = defaultdict(set)
    types: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_PREFIXES + "SELECT ?d ?e ?t WHERE { ?e dm:mentionedIn ?d . ?e rdf:type ?t }",
                           use_default_graph_as_union=True):
        entities[row["d"].value].add(row["e"].value)
        types[row["e"].value].add(row["t"].value.removeprefix(DM))
    names: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_PREFIXES + "SELECT DISTINCT ?e ?n WHERE { ?e dm:mentionedIn ?d . "
                           "{ ?e rdfs:label ?n } UNION { ?e skos:altLabel ?n } }",
                           use_default_graph_as_union=True):
        names[row["e"].value].add(normalise(row["n"].value))
    statements: dict[str, dict[tuple, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in store.query(_PREFIXES + "SELECT ?d ?s ?p ?o ?status WHERE { ?st prov:wasDerivedFrom ?d ; "
                           "rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . "
                           "OPTIONAL { ?st dm:status ?status } }", use_default_graph_as_union=True):
        key = (row["s"].value, row["p"].value.removeprefix(DM), row["o"].value)
        status = row["status"].value.removeprefix(DM).lower() if row["status"] is not None else ""
        statements[row["d"].value][key].add(status)
    return entities, names, types, statements


def evaluate(gold_dir: str | os.PathLike, corpus_paths, *, config: ExtractorConfig | None = None,
             base: str = DEFAULT_BASE, gazetteer: bool = True) -> Report:
    """Extract the corpus, load it into memory as RDF, and score it against the gold files."""
    gold = load_gold(gold_dir)
    paths = [corpus_paths] if isinstance(corpus_paths, str | os.PathLike) else list(corpus_paths)
    if not paths:
        raise InputError("no corpus given")
    for path in paths:
        if not os.path.exists(path):
            raise InputError(f"corpus path not found: {path}")
    documents, problems = read_documents(paths)
    report = Report(documents=len(documents), problems=[str(p) for p in problems])
    store = build_store(documents, base, config, gazetteer)
    entities, names, types, statements = _extracted(store)
    for doc in documents:
        stem = _stem(doc)
        if stem not in gold:
            continue
        report.scored_documents.append(stem)
        doc_iri = doc.iri(base)
        _score_document(report, stem, gold[stem], entities.get(doc_iri, set()), names, types,
                        statements.get(doc_iri, {}))
    return report


def _score_document(report: Report, stem: str, gold: dict, entity_iris: set[str], names, types,
                    statements: dict[tuple, set[str]]) -> None:
    gold_entities: list[GoldEntity] = gold["entities"]
    matches: dict[str, set[int]] = {}
    for iri in entity_iris:
        kinds = types.get(iri, set())
        matches[iri] = {i for i, g in enumerate(gold_entities)
                        if g.type in kinds and g.keys & names.get(iri, set())}
    found = set().union(*matches.values()) if matches else set()
    for iri, hit in matches.items():
        kind = next(iter(sorted(types.get(iri, {"?"}))))
        score = Score(correct_extracted=int(bool(hit)), extracted=1)
        report.entities.add(score)
        report.entity_types[kind].add(score)
        if not hit:
            report.misses.append({"kind": "wrong entity", "document": stem,
                                  "what": f"{kind} {_label(iri, names)} <{iri}>"})
    for i, g in enumerate(gold_entities):
        score = Score(found_gold=int(i in found), gold=1)
        report.entities.add(score)
        report.entity_types[g.type].add(score)
        if i not in found:
            report.misses.append({"kind": "missed entity", "document": stem,
                                  "what": f"{g.type} {g.name}"})
    index = {g.name: i for i, g in enumerate(gold_entities)}
    gold_relations = [(index.get(r["subject"]), r["predicate"], index.get(r["object"]), r)
                      for r in gold["relations"]]

    def right(key, rel) -> bool:
        s, p, o = key
        gs, gp, go, _ = rel
        if p != gp:
            return False
        forward = gs in matches.get(s, ()) and go in matches.get(o, ())
        backward = p in SYMMETRIC and gs in matches.get(o, ()) and go in matches.get(s, ())
        return forward or backward

    for key in statements:
        hit = any(right(key, rel) for rel in gold_relations)
        score = Score(correct_extracted=int(hit), extracted=1)
        report.relations.add(score)
        report.predicates[key[1]].add(score)
        if not hit:
            report.misses.append({"kind": "wrong relation", "document": stem,
                                  "what": f"{_label(key[0], names)} {key[1]} {_label(key[2], names)}"})
    for rel in gold_relations:
        hits = [found for key, found in statements.items() if right(key, rel)]
        score = Score(found_gold=int(bool(hits)), gold=1)
        report.relations.add(score)
        report.predicates[rel[1]].add(score)
        raw = rel[3]
        if not hits:
            report.misses.append({"kind": "missed relation", "document": stem,
                                  "what": f"{raw['subject']} {raw['predicate']} {raw['object']}"})
        elif rel[1] == "partnerOf" and raw.get("status"):
            report.status_total += 1
            wanted = str(raw["status"]).lower()
            if any(wanted in statuses_ for statuses_ in hits):
                report.status_correct += 1
            else:
                got = sorted(set().union(*hits))
                report.misses.append({"kind": "wrong status", "document": stem,
                                      "what": f"{raw['subject']} partnerOf {raw['object']}: "
                                              f"gold {wanted}, extracted {', '.join(got) or 'none'}"})


def _label(iri: str, names) -> str:
    return iri.rsplit("/", 2)[-1] if iri not in names else sorted(names[iri], key=len)[-1]
