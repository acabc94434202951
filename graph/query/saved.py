"""Saved SPARQL queries shipped in ``graph/query/queries/*.rq``, and safe binding of their parameters.

Each file starts with a comment header::

    # title: Partners of a province
    # description: Foreign partners of one province with stage, date and evidence.
    # param: province (label Province) the province, by name or IRI

A parameter is a variable of the query, in its SELECT projection (so every row says what it was
asked about). Values are bound as RDF terms in a ``VALUES`` block written by pyoxigraph
(``store.bindings``), never pasted into the query text. Kinds:

- ``iri``: an absolute IRI or a ``prefix:local`` name;
- ``literal``: a plain string literal;
- ``label [Class]``: a name looked up in ``rdfs:label`` / ``skos:altLabel`` (case-insensitive),
  optionally restricted to a ``dm:`` class; an IRI is accepted as is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from pyoxigraph import Literal, NamedNode

from diplomap.graph.query.prefixes import expand, prefixes
from diplomap.graph.store.base import GraphStore
from diplomap.ontology.errors import QueryError
from diplomap.ontology.iris import DEFAULT_BASE, ONTOLOGY_NS

_PACKAGE = "diplomap.graph.query"
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*\((iri|literal|label)(?:\s+([A-Za-z]+))?\)\s*(.*)$")
_LOOKUP = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?wanted ?entity ?main WHERE {
  { ?entity rdfs:label ?name BIND(true AS ?main) } UNION { ?entity skos:altLabel ?name BIND(false AS ?main) }
  FILTER (LCASE(STR(?name)) = LCASE(STR(?wanted)))
}
"""
# A separate query rather than FILTER(!BOUND(?required) ...): Oxigraph's substitutions are
# not visible to BOUND().
_LOOKUP_IN_CLASS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?wanted ?required ?entity ?main WHERE {
  { ?entity rdfs:label ?name BIND(true AS ?main) } UNION { ?entity skos:altLabel ?name BIND(false AS ?main) }
  FILTER (LCASE(STR(?name)) = LCASE(STR(?wanted)))
  ?entity a ?required .
}
"""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # iri | literal | label
    description: str
    cls: str | None = None  # for labels: the dm: class the entity must have


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str


def parse_saved_query(name: str, text: str) -> SavedQuery:
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match[1], match[2]
        if key == "param":
            found = _PARAM.match(value)
            if not found:
                raise QueryError(f"saved query {name}: bad parameter line {line!r}")
            params.append(Param(found[1], found[2], found[4], found[3]))
        else:
            fields[key] = value
    if "title" not in fields:
        raise QueryError(f"saved query {name}: no '# title:' header")
    return SavedQuery(name, fields["title"], fields.get("description", ""), tuple(params), text)


def saved_queries() -> dict[str, SavedQuery]:
    """Every saved query by name (the file name without ``.rq``), sorted."""
    folder = resources.files(_PACKAGE) / "queries"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = parse_saved_query(name, entry.read_text(encoding="utf-8"))
    return found


def saved_query(name: str) -> SavedQuery:
    queries = saved_queries()
    try:
        return queries[name]
    except KeyError:
        raise QueryError(f"no saved query {name!r}; known: {', '.join(queries)}") from None


def bind_params(store: GraphStore, query: SavedQuery, values: Mapping[str, str],
                base: str = DEFAULT_BASE) -> dict[str, object]:
    """Turn ``name -> text`` into ``name -> RDF term``; every declared parameter is required."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise QueryError(f"saved query {query.name} has no parameter {', '.join(unknown)}; "
                         f"it takes: {', '.join(declared) or 'none'}")
    missing = [name for name in declared if name not in values]
    if missing:
        raise QueryError(f"saved query {query.name} needs --param {missing[0]}=...")
    table = prefixes(base)
    return {name: _term(store, declared[name], text, table) for name, text in values.items()}


def _iri(text: str, table: Mapping[str, str]) -> NamedNode | None:
    """An IRI given as ``<iri>``, ``http(s)://...``, ``urn:...`` or ``prefix:local``; else None."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    candidate = expand(text, dict(table))
    if candidate is None and re.match(r"^(https?|urn):", text):
        candidate = text
    if candidate is None:
        return None
    try:
        return NamedNode(candidate)
    except ValueError:
        return None


def _term(store: GraphStore, param: Param, text: str, table: Mapping[str, str]):
    if param.kind == "literal":
        return Literal(text)
    iri = _iri(text, table)
    if iri is not None:
        return iri
    if param.kind == "iri":
        raise QueryError(f"--param {param.name}: {text!r} is not an IRI")
    return resolve_label(store, text, param.cls, param.name)


def resolve_label(store: GraphStore, label: str, cls: str | None = None, what: str = "entity") -> NamedNode:
    """The one entity named ``label`` (English label first, then aliases); QueryError otherwise."""
    bindings = {"wanted": Literal(label)}
    if cls:
        bindings["required"] = NamedNode(ONTOLOGY_NS + cls)
    rows = store.select(_LOOKUP_IN_CLASS if cls else _LOOKUP, bindings)
    main = sorted({r["entity"].value for r in rows if r["main"].value == "true"})
    every = sorted({r["entity"].value for r in rows})
    chosen = main if len(main) == 1 else every
    if len(chosen) == 1:
        return NamedNode(chosen[0])
    kind = f" {cls}" if cls else ""
    if not every:
        raise QueryError(f"--param {what}: no{kind} entity is named {label!r}")
    raise QueryError(f"--param {what}: {label!r} names several{kind} entities: {', '.join(every[:8])}; "
                     "give the IRI instead")


def run_saved(store: GraphStore, name: str, base: str = DEFAULT_BASE, **params: str) -> list[dict]:
    """Rows of a saved SELECT query as ``{variable: term}``, parameters given as text.

    The call a notebook or script makes: ``run_saved(store, "partners-of-province",
    province="Bắc Ninh")``.
    """
    query = saved_query(name)
    return store.select(query.text, bind_params(store, query, params, base))


_WHERE = re.compile(r"(?i)\bWHERE\s*\{")


def bound_text(store: GraphStore, name: str, values: tuple[tuple[str, str], ...],
               base: str = DEFAULT_BASE) -> str:
    """The text of saved query ``name`` with the given parameters fixed by a ``VALUES`` block
    (terms written by pyoxigraph, so nothing the user typed is pasted as SPARQL); parameters
    left empty stay unbound. For the query page, which runs text through ``/sparql``."""
    query = saved_query(name)
    given = {key: text for key, text in values if text.strip()}
    if not given:
        return query.text
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise QueryError(f"saved query {name} has no parameter {', '.join(unknown)}")
    table = prefixes(base)
    terms = {key: _term(store, declared[key], text, table) for key, text in given.items()}
    names = sorted(terms)
    block = (f"  VALUES ({' '.join('?' + n for n in names)}) "
             f"{{ ({' '.join(str(terms[n]) for n in names)}) }}\n")
    match = _WHERE.search(query.text)
    if match is None:
        raise QueryError(f"saved query {name} has no WHERE block to bind its parameters in")
    return query.text[:match.end()] + "\n" + block + query.text[match.end():]
