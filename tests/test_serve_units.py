"""The parts of ``diplomap serve`` that need no server: negotiation, the lexical guard,
result writing, the worker pool and the command line."""

from __future__ import annotations

import asyncio
import json

import pytest
from click.testing import CliRunner
from pyoxigraph import (
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    Store,
    parse_query_results,
)

from diplomap.graph.cli.group import main
from diplomap.graph.query.guard import RefusedQuery, analyse, check_query
from diplomap.graph.serve.formats import negotiate, negotiate_graph, negotiate_results, write_rows
from diplomap.graph.serve.pool import Job, QueryPool, QueryTimeout


@pytest.mark.parametrize("accept,expected", [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv", "text/csv"),
    ("application/json", "application/sparql-results+json"),
    ("application/xml", "application/sparql-results+xml"),
    ("text/*;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv;q=0.2, text/tab-separated-values;q=0.8", "text/tab-separated-values"),
    ("text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8", "application/sparql-results+xml"),
    ("image/png", None),
    ("text/csv;q=0", None),
])
def test_negotiate_results(accept, expected):
    assert negotiate_results(accept) == expected


def test_negotiate_graph_and_specific_ranges_win():
    assert negotiate_graph("application/n-triples, text/turtle;q=0.5") == "application/n-triples"
    assert negotiate_graph("text/csv") is None
    # "text/turtle;q=0" excludes Turtle even though "*/*" would allow it.
    assert negotiate("*/*, text/turtle;q=0", ["text/turtle", "text/plain"]) == "text/plain"


def test_guard_reads_past_strings_iris_and_comments():
    shape = analyse('PREFIX s: <http://x/SERVICE#> SELECT ?service WHERE '
                    '{ ?x s:service "SERVICE ((( {{{" } # SERVICE ((((')
    assert shape.form == "SELECT" and not shape.uses_service
    assert analyse("select * { service <http://x> { ?s ?p ?o } }").uses_service
    assert analyse("PREFIX : <http://x#> DELETE WHERE { ?s ?p ?o }", update=True).is_update
    assert analyse("DESCRIBE <http://x>").returns_graph


def test_guard_refusals_carry_http_status():
    with pytest.raises(RefusedQuery) as big:
        check_query("ASK {} #" + "x" * 200_000)
    assert big.value.status == 413
    with pytest.raises(RefusedQuery) as deep:
        check_query("SELECT * WHERE { FILTER(" + "(" * 10_000 + "1" + ")" * 10_000 + ") }")
    assert deep.value.status == 400 and "nested" in str(deep.value)
    with pytest.raises(RefusedQuery) as service:
        check_query("SELECT * { SERVICE <http://127.0.0.1:9> { ?s ?p ?o } }")
    assert service.value.status == 403
    assert check_query("SELECT * WHERE { ?s ?p ?o }").form == "SELECT"


def test_write_rows_round_trips_hostile_values():
    hostile = Literal('a "quote"\tand tab\nnewline <script> \\ ệ 🚀', language="vi")
    rows = [[NamedNode("http://example.org/x"), hostile], [None, Literal("2", datatype=NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))]]
    for media, fmt in (("application/sparql-results+json", QueryResultsFormat.JSON),
                       ("application/sparql-results+xml", QueryResultsFormat.XML),
                       ("text/tab-separated-values", QueryResultsFormat.TSV)):
        back = list(parse_query_results(write_rows(["s", "v"], rows, media), format=fmt))
        assert back[0]["v"] == hostile, media
        assert back[1]["s"] is None and back[1]["v"].value == "2"
    assert json.loads(write_rows(["s"], [], "application/sparql-results+json"))["results"]["bindings"] == []


def test_pool_answers_stops_runaways_and_replaces_the_worker():
    store = Store()
    store.extend(Quad(NamedNode(f"http://example.org/{i}"), NamedNode("http://example.org/p"),
                      Literal(str(i)), NamedNode("http://example.org/g")) for i in range(60))
    dump = store.dump(format=RdfFormat.N_QUADS)

    async def scenario():
        pool = QueryPool(1, dump_source=lambda: dump)
        await pool.start()
        try:
            count = await pool.run(Job("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
                                       "application/sparql-results+json", 10), 10)
            runaway = Job('SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l '
                          'FILTER(CONCAT(STR(?c), STR(?f), STR(?i), STR(?l)) = "x") }', "text/csv", 10)
            with pytest.raises(QueryTimeout):
                await pool.run(runaway, 0.5)
            # The only worker was killed; its replacement answers the next query.
            again = await pool.run(Job("ASK { ?s ?p ?o }", "application/sparql-results+json", 10), 30)
            return count, again, pool.killed
        finally:
            pool.close()

    count, again, killed = asyncio.run(scenario())
    assert json.loads(count.body)["results"]["bindings"][0]["n"]["value"] == "60"
    assert json.loads(again.body)["boolean"] is True
    assert killed == 1


def test_serve_command_refuses_updates_without_a_token(monkeypatch):
    monkeypatch.delenv("DIPLOMAP_SERVE_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--memory", "--allow-update"])
    assert result.exit_code == 1
    assert "DIPLOMAP_SERVE_TOKEN" in result.output


def test_serve_command_refuses_a_missing_store(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "no store" in result.output
