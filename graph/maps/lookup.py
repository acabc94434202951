"""Find an entity from what a user types: its IRI, or any spelling of a label or alias.

"Bắc Ninh", "bac ninh" and "BAC-NINH" all name the province: names are compared after
folding case, accents and punctuation. When several entities share a name, the one that
takes part in stated relations wins, then a label over an alias, then the class listed
first in the contract (a province before a district of the same name).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from pyoxigraph import Literal, NamedNode

from diplomap.graph.store.base import GraphStore
from diplomap.ontology.errors import InputError
from diplomap.ontology.iris import DEFAULT_BASE, ENTITY_CLASSES, fold
from diplomap.ontology.vocab import DM_NS

_CLASS_VALUES = " ".join(f"dm:{name}" for name in ENTITY_CLASSES)
# Types and names are each made distinct before they meet: in the union of the graphs a
# gazetteer name is stated once per graph that repeats it. Whether an entity takes part in
# stated relations is asked only for the few entities that share the name looked up.
NAMES_QUERY = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX dm: <{DM_NS}>
SELECT ?e ?cls ?name ?kind WHERE {{
  {{ SELECT DISTINCT ?e ?cls WHERE {{ VALUES ?cls {{ {_CLASS_VALUES} }} ?e a ?cls }} }}
  {{ SELECT DISTINCT ?e ?name ?kind WHERE {{
      {{ ?e rdfs:label ?name BIND(0 AS ?kind) }}
      UNION {{ ?e skos:altLabel ?name BIND(1 AS ?kind) }}
      UNION {{ ?e dcterms:identifier ?name BIND(2 AS ?kind) }} }} }}
}}
"""
# The names that could fold to the key looked up, found without sending every name to Python:
# folding keeps each ASCII letter and digit of a name, in order, so those of a matching name
# spell a subsequence of the key, which ``?pattern`` (``^b?a?c?n?i?n?h?$``) accepts.
# The pattern is a constant (Oxigraph compiles a bound one again for every name), written by
# pyoxigraph from the key's ASCII letters and digits only.
CANDIDATES_QUERY = NAMES_QUERY.replace(
    "UNION {{ ?e dcterms:identifier ?name BIND(2 AS ?kind) }} }}".format(),
    'UNION { ?e dcterms:identifier ?name BIND(2 AS ?kind) }\n'
    '      FILTER (REGEX(REPLACE(LCASE(STR(?name)), "[^a-z0-9]", ""), PATTERN)) }')
IRI_QUERY = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX dm: <{DM_NS}>
SELECT DISTINCT ?e ?cls WHERE {{
  VALUES ?cls {{ {_CLASS_VALUES} }} ?e a ?cls .
  FILTER EXISTS {{ ?e rdfs:label|skos:altLabel|dcterms:identifier ?name }}
}}
"""
USED_QUERY = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?e WHERE { VALUES ?e { ENTITIES } FILTER (EXISTS { ?s rdf:subject ?e } || EXISTS { ?o rdf:object ?e }) }
"""

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_CLASS_RANK = {name: rank for rank, name in enumerate(ENTITY_CLASSES)}


class UnknownEntity(InputError):
    """No entity has that name; the message lists the closest names."""


@dataclass(frozen=True)
class Name:
    iri: str
    cls: str
    name: str
    kind: int  # 0 label, 1 alias, 2 identifier
    used: bool = False  # filled in only where it decides (see ``with_used``)


def name_key(text: str) -> str:
    """What two spellings of one name have in common: folded, punctuation as single spaces."""
    return _NOT_ALNUM.sub(" ", fold(text)).strip()


def entity_names(store: GraphStore, classes: tuple[str, ...] = (), key: str | None = None) -> list[Name]:
    """Every name of an entity (of ``classes``); with ``key``, at least those whose key it is."""
    if key is None:
        rows = store.select(NAMES_QUERY)
    else:
        pattern = Literal("^" + "".join(ch + "?" for ch in key if ch.isascii() and ch.isalnum()) + "$")
        rows = store.select(CANDIDATES_QUERY.replace("PATTERN", str(pattern)))
    names = []
    for row in rows:
        cls = row["cls"].value.rsplit("#", 1)[-1]
        if classes and cls not in classes:
            continue
        names.append(Name(row["e"].value, cls, row["name"].value, int(row["kind"].value)))
    return names


def _is_entity(store: GraphStore, iri: str, classes: tuple[str, ...]) -> bool:
    """Whether ``iri`` is a named entity (of ``classes``)."""
    try:
        node = NamedNode(iri)
    except ValueError:
        return False
    rows = store.select(IRI_QUERY, {"e": node})
    return any(not classes or row["cls"].value.rsplit("#", 1)[-1] in classes for row in rows)


def with_used(store: GraphStore, names: list[Name]) -> list[Name]:
    """``names`` with ``used`` set: whether some statement has the entity at either end."""
    iris = sorted({n.iri for n in names})
    used: set[str] = set()
    for start in range(0, len(iris), 500):
        values = " ".join(str(NamedNode(iri)) for iri in iris[start:start + 500])  # pyoxigraph writes them
        used.update(row["e"].value for row in store.select(USED_QUERY.replace("ENTITIES", values)))
    return [replace(n, used=n.iri in used) for n in names]


def resolve_entity(store: GraphStore, text: str, classes: tuple[str, ...] = (),
                   base: str = DEFAULT_BASE) -> str:
    """The IRI of the entity ``text`` names; :class:`UnknownEntity` lists the closest names."""
    text = text.strip()
    for candidate in (text, base + text.strip("/")):
        if _is_entity(store, candidate, classes):
            return candidate
    key = name_key(text)
    matches = [n for n in entity_names(store, classes, key) if name_key(n.name) == key] if key else []
    if matches:
        if len({n.iri for n in matches}) > 1:
            matches = with_used(store, matches)
        best = min(matches, key=lambda n: (not n.used, n.kind, _CLASS_RANK.get(n.cls, 99), n.iri))
        return best.iri
    what = " or ".join(classes) if classes else "entity"
    names = entity_names(store, classes)
    # ISO codes make poor suggestions ("BA-BIH" for "bac nihn")
    keyed = [(name_key(n.name), n) for n in names if n.kind != 2]
    close = difflib.get_close_matches(key, list(dict.fromkeys(k for k, _ in keyed)), n=5, cutoff=0.6)
    by_key: dict[str, Name] = {}
    for n in sorted(with_used(store, [n for k, n in keyed if k in close]),
                    key=lambda n: (n.kind, not n.used, n.name)):
        by_key.setdefault(name_key(n.name), n)
    if text.startswith(("http://", "https://")):
        raise UnknownEntity(f"no {what} with IRI {text}")
    hint = ("; closest: " + ", ".join(f"{by_key[k].name} ({by_key[k].cls})" for k in close)
            if close else "")
    raise UnknownEntity(f"no {what} named {text!r}{hint}")
