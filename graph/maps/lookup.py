"""Find an entity from what a user types: its IRI, or any spelling of a label or alias.

"Bắc Ninh", "bac ninh" and "BAC-NINH" all name the province: names are compared after
folding case, accents and punctuation. When several entities share a name, the one that
takes part in stated relations wins, then a label over an alias, then the class listed
first in the contract (a province before a district of the same name).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from diplomap.graph.store.base import GraphStore
from diplomap.ontology.errors import InputError
from diplomap.ontology.iris import DEFAULT_BASE, ENTITY_CLASSES, fold
from diplomap.ontology.vocab import DM_NS

NAMES_QUERY = f"""PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX dm: <{DM_NS}>
SELECT ?e ?cls ?name ?kind ?used WHERE {{
  ?e a ?cls . FILTER(STRSTARTS(STR(?cls), STR(dm:)) && ?cls != dm:Document)
  {{ ?e rdfs:label ?name BIND(0 AS ?kind) }}
  UNION {{ ?e skos:altLabel ?name BIND(1 AS ?kind) }}
  UNION {{ ?e dcterms:identifier ?name BIND(2 AS ?kind) }}
  BIND(EXISTS {{ ?st a rdf:Statement ; rdf:subject|rdf:object ?e }} AS ?used)
}}
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
    used: bool


def name_key(text: str) -> str:
    """What two spellings of one name have in common: folded, punctuation as single spaces."""
    return _NOT_ALNUM.sub(" ", fold(text)).strip()


def entity_names(store: GraphStore, classes: tuple[str, ...] = ()) -> list[Name]:
    names = []
    for row in store.select(NAMES_QUERY):
        cls = row["cls"].value.rsplit("#", 1)[-1]
        if classes and cls not in classes:
            continue
        names.append(Name(row["e"].value, cls, row["name"].value, int(row["kind"].value),
                          row["used"].value == "true"))
    return names


def resolve_entity(store: GraphStore, text: str, classes: tuple[str, ...] = (),
                   base: str = DEFAULT_BASE) -> str:
    """The IRI of the entity ``text`` names; :class:`UnknownEntity` lists the closest names."""
    text = text.strip()
    names = entity_names(store, classes)
    iris = {n.iri for n in names}
    for candidate in (text, base + text.strip("/")):
        if candidate in iris:
            return candidate
    key = name_key(text)
    matches = [n for n in names if name_key(n.name) == key] if key else []
    if matches:
        best = min(matches, key=lambda n: (not n.used, n.kind, _CLASS_RANK.get(n.cls, 99), n.iri))
        return best.iri
    what = " or ".join(classes) if classes else "entity"
    by_key: dict[str, Name] = {}
    for n in sorted(names, key=lambda n: (n.kind, not n.used, n.name)):
        if n.kind != 2:  # ISO codes make poor suggestions ("BA-BIH" for "bac nihn")
            by_key.setdefault(name_key(n.name), n)
    close = difflib.get_close_matches(key, list(by_key), n=5, cutoff=0.6)
    if text.startswith(("http://", "https://")):
        raise UnknownEntity(f"no {what} with IRI {text}")
    hint = ("; closest: " + ", ".join(f"{by_key[k].name} ({by_key[k].cls})" for k in close)
            if close else "")
    raise UnknownEntity(f"no {what} named {text!r}{hint}")
