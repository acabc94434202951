"""Binding variables of a SPARQL query to terms, safely and the same way on every backend.

A bound term is written in its N-Triples form (pyoxigraph escapes it) inside a ``VALUES``
block at the start of the query's WHERE clause: untrusted text can never change the query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pyoxigraph import BlankNode, Literal, NamedNode

from diplomap.ontology.errors import QueryError

# Pieces of SPARQL to step over when looking for the WHERE clause: strings, IRIs, comments.
_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*',
    re.S,
)
_WHERE = re.compile(r"\bWHERE\b", re.I)
_CONSTRUCT = re.compile(r"\bCONSTRUCT\b", re.I)
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def with_values(sparql: str, bindings: Mapping[str, object]) -> str:
    """``sparql`` with ``VALUES (?a ?b) { (t1 t2) }`` at the start of its WHERE clause.

    Each term is a pyoxigraph NamedNode or Literal, written in its N-Triples form, so
    untrusted text can never change the query.
    """
    names, terms = [], []
    for name, term in bindings.items():
        if not _NAME.match(name):
            raise QueryError(f"not a variable name: {name!r}")
        if not isinstance(term, NamedNode | Literal):
            kind = "blank node" if isinstance(term, BlankNode) else type(term).__name__
            raise QueryError(f"cannot bind ?{name} to a {kind} on an endpoint")
        names.append("?" + name)
        terms.append(str(term))
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "
    brace = _where_brace(sparql)
    return sparql[: brace + 1] + block + sparql[brace + 1:]


def _where_brace(sparql: str) -> int:
    """Index of the ``{`` that opens the query's WHERE clause (outside strings and IRIs)."""
    masked = _SKIP.sub(lambda m: " " * len(m.group()), sparql)
    where = _WHERE.search(masked)
    if where:
        start = where.end()
    elif _CONSTRUCT.search(masked):
        raise QueryError("bindings need a CONSTRUCT query with an explicit WHERE clause")
    else:
        start = 0
    brace = masked.find("{", start)
    if brace < 0:
        raise QueryError("cannot bind variables: the query has no WHERE clause")
    return brace


