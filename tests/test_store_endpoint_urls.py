"""Endpoint URL derivation and safe variable binding (no server needed)."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Store

from diplomap.graph.store.bindings import with_values
from diplomap.graph.store.endpoint import derived_urls
from diplomap.ontology.errors import QueryError


@pytest.mark.parametrize(("query", "update", "expected"), [
    ("http://h:7878/query", None, ("http://h:7878/update", "http://h:7878/store")),
    ("http://h:8890/sparql", None, ("http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud-auth")),
    ("http://h/x/sparql", "http://h/x/sparql-auth", ("http://h/x/sparql-auth", "http://h/x/sparql-graph-crud-auth")),
    ("http://h/ds/sparql", "http://h/ds/update", ("http://h/ds/update", None)),
    ("http://h/endpoint", None, (None, None)),
])
def test_update_and_store_urls_are_derived_for_known_servers(query, update, expected):
    assert derived_urls(query, update) == expected


def run(sparql: str):
    store = Store()
    store.update('INSERT DATA { <http://e/a> <http://e/p> "a { b } # c"@en . <http://e/b> <http://e/p> "other" }')
    return store.query(sparql)


def test_values_go_into_the_where_clause_and_keep_text_inert():
    nasty = Literal('"} ; DROP ALL ; { "', language="en")
    query = with_values("SELECT ?s # where { not here\nWHERE { ?s ?p ?o }", {"o": nasty})
    assert str(nasty) in query
    assert list(run(query)) == []
    bound = with_values('SELECT ?s WHERE { ?s ?p ?o FILTER(?o != "WHERE {") }', {"o": Literal("a { b } # c", language="en")})
    assert [row["s"] for row in run(bound)] == [NamedNode("http://e/a")]


def test_construct_binding_uses_the_where_clause_not_the_template():
    query = with_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": NamedNode("http://e/b")})
    assert [t.object.value for t in run(query)] == ["other"]


def test_bad_variable_names_are_refused():
    with pytest.raises(QueryError):
        with_values("SELECT ?s WHERE { ?s ?p ?o }", {"s) } DROP ALL": NamedNode("http://e/a")})
