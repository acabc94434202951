"""Run read-only SPARQL against a store and write the results in the standard formats.

Every query is read first by the guard's parser (``guard.analyse``: form, SERVICE, nesting),
then parsed on an empty in-memory Oxigraph store: that gives the projected variables without
touching the data, and a parser message with line and column for malformed text. Updates are
refused here (``diplomap update`` is the deliberate way), and so is SERVICE unless the caller
allows it, because Oxigraph would really call the remote endpoint.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    parse_query_results,
    serialize,
)

from diplomap.graph.query.guard import RefusedQuery, analyse, parses_as_update
from diplomap.graph.query.prefixes import prefixes
from diplomap.graph.store.base import GraphStore
from diplomap.graph.store.bindings import with_values
from diplomap.ontology.errors import QueryError, StoreError
from diplomap.ontology.iris import DEFAULT_BASE

RESULT_FORMATS = {
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
}
TABLE = "table"

_POSITION = re.compile(r"error at (\d+):(\d+): ?(.*)", re.S)


@dataclass(frozen=True)
class PreparedQuery:
    text: str
    form: str  # "select" | "ask" | "graph" (CONSTRUCT and DESCRIBE)
    variables: tuple[str, ...] = ()


@dataclass
class QueryResult:
    """What a query returned; ``solutions`` and ``triples`` are iterated once."""

    query: PreparedQuery
    solutions: QuerySolutions | None = None
    boolean: bool | None = None
    triples: Iterable[Triple] = field(default_factory=list)


def _tidy_parse_message(message: str) -> str:
    """Oxigraph's 'expected one of' list without its character classes (Unicode ranges)."""
    message = " ".join(message.split())
    if "Prefix not found" in message:
        return "unknown prefix: declare it with PREFIX (or use a predeclared one)"
    message = re.sub(r"\[(?:'[^']*'|[^\]'])*\]", "", message)
    message = re.sub(r"(?:\s*,\s*)+", ", ", message).strip(" ,")
    message = message.replace("one of , ", "one of ")
    return message if not message.endswith("one of") else message + " another token"


def parse_error_message(exc: BaseException, sparql: str, what: str = "SPARQL", *,
                        one_line: bool = False) -> str:
    """The parser's message with line and column, and the offending line under a caret
    (``one_line``: the message alone, for HTTP answers)."""
    text = str(exc).strip()
    match = _POSITION.match(text)
    if not match:
        return f"malformed {what}: {_tidy_parse_message(text)}"
    line, column, message = int(match[1]), int(match[2]), _tidy_parse_message(match[3])
    if one_line:
        return f"malformed {what} at line {line}, column {column}: {message}"
    lines = sparql.splitlines() or [""]
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = " " * max(column - 1, 0) + "^"
    return f"malformed {what} at line {line}, column {column}: {message}\n  {source}\n  {caret}"


def prepare(sparql: str, allow_service: bool = False, base: str = DEFAULT_BASE) -> PreparedQuery:
    """Parse ``sparql`` as a read-only query; raise QueryError when it is not one.

    The safety decision comes first, from a parser's tree (see ``guard``): an update or a
    SERVICE call is refused before anything runs, and so is nesting deep enough to crash
    Oxigraph's recursive parser. Only then does Oxigraph parse it (on an empty store), for
    the projected variables and its own messages.
    """
    try:
        shape = analyse(sparql)
    except RefusedQuery as refused:
        if refused.status == 400 and parses_as_update(sparql):
            raise QueryError("this is a SPARQL update; 'diplomap query' only reads. "
                             "Use 'diplomap update' for deliberate changes.") from None
        raise QueryError(str(refused)) from None
    if shape.uses_service and not allow_service:
        raise QueryError("the query calls a remote endpoint (SERVICE); pass --allow-service to permit it")
    table = prefixes(base)
    text = with_prefix_declarations(shape.text, table)
    if shape.uses_service:
        # Running it, even on an empty store, would call the remote endpoint.
        return PreparedQuery(text, _FORMS.get(shape.form, "select"))
    try:
        result = Store().query(shape.text, prefixes=table)
    except SyntaxError as exc:
        raise QueryError(parse_error_message(exc, shape.text)) from None
    if isinstance(result, QuerySolutions):
        return PreparedQuery(text, "select", tuple(v.value for v in result.variables))
    if isinstance(result, QueryBoolean):
        return PreparedQuery(text, "ask")
    return PreparedQuery(text, "graph")


_DECLARED = re.compile(r"(?i)\bPREFIX\s+([\w.-]*):")


def predeclared(base: str = DEFAULT_BASE) -> tuple[tuple[str, str], ...]:
    """The prefixes every query may use without declaring them, as hashable pairs."""
    return tuple(prefixes(base).items())


def with_prefix_declarations(sparql: str, table: Mapping[str, str]) -> str:
    """The query with ``PREFIX`` lines for the well-known prefixes it uses but does not declare
    (``dm:``, ``rdfs:``, ``province:``…), so any backend runs it as the user typed it."""
    declared = set(_DECLARED.findall(sparql))
    missing = [f"PREFIX {name}: <{ns}>" for name, ns in table.items()
               if name not in declared and re.search(rf"(?<![\w.-]){re.escape(name)}:", sparql)]
    return "\n".join([*missing, sparql]) if missing else sparql


_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


def run_query(store: GraphStore, sparql: str, bindings: Mapping[str, object] | None = None,
              allow_service: bool = False) -> QueryResult:
    """Run a read-only query over the union of the store's graphs."""
    prepared = prepare(sparql, allow_service)
    oxigraph = getattr(store, "oxigraph", None)
    if oxigraph is not None:
        return _run_on_oxigraph(oxigraph, prepared, bindings)
    return _run_generic(store, prepared, bindings)


def _run_on_oxigraph(oxigraph: Store, prepared: PreparedQuery, bindings) -> QueryResult:
    # A VALUES block, as the library's store.select binds: Oxigraph plans with the bound terms
    # (substitutions came after planning: partners-with-predecessors 1.1 s against 90 ms).
    text = with_values(prepared.text, bindings) if bindings else prepared.text
    try:
        result = oxigraph.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(parse_error_message(exc, prepared.text)) from None
    except OSError as exc:
        raise StoreError(f"query failed: {exc}") from None
    if prepared.form == "select":
        return QueryResult(prepared, solutions=result)
    if prepared.form == "ask":
        return QueryResult(prepared, boolean=bool(result))
    return QueryResult(prepared, triples=result)


def _run_generic(store: GraphStore, prepared: PreparedQuery, bindings) -> QueryResult:
    # Backends without a pyoxigraph store hand back rows; they are turned into the standard
    # JSON results and re-read, so every backend serialises through the same writers.
    if prepared.form == "ask":
        return QueryResult(prepared, boolean=store.ask(prepared.text, bindings))
    if prepared.form == "graph":
        return QueryResult(prepared, triples=store.construct(prepared.text, bindings))
    rows = store.select(prepared.text, bindings)
    variables = list(prepared.variables) or sorted({name for row in rows for name in row})
    payload = {"head": {"vars": variables},
               "results": {"bindings": [{k: json_term(v) for k, v in row.items()} for row in rows]}}
    solutions = parse_query_results(json.dumps(payload).encode(), format=QueryResultsFormat.JSON)
    return QueryResult(prepared, solutions=solutions)


def json_term(term) -> dict:
    """A term as a binding of the SPARQL 1.1 JSON results format."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    raise QueryError(f"cannot represent result term {term!r}")


def default_format(result: QueryResult, is_tty: bool) -> str:
    if result.query.form == "graph":
        return "turtle"
    return TABLE if is_tty else "csv"


def write_result(result: QueryResult, out: BinaryIO, fmt: str,
                 prefixes: Mapping[str, str] | None = None) -> None:
    """Write ``result`` to a binary stream in ``fmt`` (see RESULT_FORMATS, GRAPH_FORMATS, TABLE)."""
    form = result.query.form
    if form == "graph":
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"a CONSTRUCT/DESCRIBE result is written as {', '.join(GRAPH_FORMATS)}, not {fmt}")
        serialize(result.triples, out, GRAPH_FORMATS[fmt],
                  prefixes=dict(prefixes or {}) if fmt == "turtle" else None)
        return
    if fmt == TABLE:
        from diplomap.graph.query.table import render_table

        out.write(render_table(result, prefixes or {}).encode("utf-8"))
        return
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"a {form.upper()} result is written as {', '.join([TABLE, *RESULT_FORMATS])}, not {fmt}")
    if form == "ask":
        data = json.dumps({"head": {}, "boolean": result.boolean}).encode()
        if fmt in ("csv", "tsv"):
            # The CSV/TSV result formats define no boolean: write it the way most tools read it.
            out.write(b"true\n" if result.boolean else b"false\n")
            return
        parse_query_results(data, format=QueryResultsFormat.JSON).serialize(out, RESULT_FORMATS[fmt])
        return
    try:
        result.solutions.serialize(out, RESULT_FORMATS[fmt])
    except OSError as exc:
        raise StoreError(f"query failed: {exc}") from None
