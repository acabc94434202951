"""``diplomap query | queries | update`` through click's CliRunner, on an on-disk small store."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph
import pytest
from click.testing import CliRunner

from diplomap.graph.cli.group import main

PERSONS = "SELECT ?p ?l WHERE { ?p a <https://w3id.org/diplomap/ontology#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
PERSON = "https://w3id.org/diplomap/id/person/nguyen-van-an"


def run(*args, store=None):
    argv = list(args) + (["--store", store] if store else [])
    return CliRunner().invoke(main, argv, catch_exceptions=False)


def test_select_in_every_result_format(small_store_dir):
    result = run("query", PERSONS, "--format", "json", store=small_store_dir)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["p", "l"]
    assert data["results"]["bindings"] == [{"p": {"type": "uri", "value": PERSON},
                                            "l": {"type": "literal", "xml:lang": "en", "value": "Nguyen Van An"}}]
    result = run("query", PERSONS, "--format", "csv", store=small_store_dir)
    assert list(csv.reader(io.StringIO(result.stdout))) == [["p", "l"], [PERSON, "Nguyen Van An"]]
    result = run("query", PERSONS, "--format", "tsv", store=small_store_dir)
    assert result.stdout.splitlines() == ["?p\t?l", f'<{PERSON}>\t"Nguyen Van An"@en']
    result = run("query", PERSONS, "--format", "xml", store=small_store_dir)
    root = ET.fromstring(result.stdout_bytes)
    assert [u.text for u in root.iter("{http://www.w3.org/2005/sparql-results#}uri")] == [PERSON]
    result = run("query", PERSONS, "--format", "table", store=small_store_dir)
    assert "person:nguyen-van-an" in result.stdout and "(1 row)" in result.stdout


def test_results_parse_back_with_pyoxigraph(small_store_dir):
    for fmt, kind in (("json", pyoxigraph.QueryResultsFormat.JSON), ("xml", pyoxigraph.QueryResultsFormat.XML),
                      ("tsv", pyoxigraph.QueryResultsFormat.TSV)):
        result = run("query", PERSONS, "--format", fmt, store=small_store_dir)
        parsed = pyoxigraph.parse_query_results(result.stdout_bytes, kind)
        assert [s["p"].value for s in parsed] == [PERSON], fmt


def test_default_format_off_a_terminal_is_csv(small_store_dir):
    result = run("query", PERSONS, store=small_store_dir)
    assert result.stdout.splitlines()[0] == "p,l"


def test_ask_and_construct(small_store_dir):
    result = run("query", "ASK { ?s a <https://w3id.org/diplomap/ontology#Person> }", "--format", "json",
                 store=small_store_dir)
    assert json.loads(result.stdout)["boolean"] is True
    construct = "CONSTRUCT WHERE { ?p a <https://w3id.org/diplomap/ontology#Person> }"
    result = run("query", construct, store=small_store_dir)
    assert result.exit_code == 0
    assert "person:nguyen-van-an a dm:Person ." in result.stdout
    triples = list(pyoxigraph.parse(result.stdout_bytes, pyoxigraph.RdfFormat.TURTLE))
    assert [t.subject.value for t in triples] == [PERSON]
    result = run("query", construct, "--format", "nt", store=small_store_dir)
    assert result.stdout.startswith(f"<{PERSON}> ")
    assert run("query", construct, "--format", "csv", store=small_store_dir).exit_code != 0


def test_query_from_file_and_output_file(small_store_dir, tmp_path):
    (tmp_path / "q.rq").write_text(PERSONS, encoding="utf-8")
    out = tmp_path / "out.json"
    result = run("query", "-f", str(tmp_path / "q.rq"), "--format", "json", "-o", str(out), store=small_store_dir)
    assert result.exit_code == 0
    assert json.loads(out.read_text())["results"]["bindings"][0]["p"]["value"] == PERSON


def test_saved_query_with_parameter(small_store_dir):
    result = run("query", "--saved", "partners-of-province", "--param", "province=Bắc Ninh", "--format", "csv",
                 store=small_store_dir)
    assert result.exit_code == 0, result.output
    partners = [row[1] for row in csv.reader(io.StringIO(result.stdout))][1:]
    assert partners == [f"https://w3id.org/diplomap/id/foreign-locality/{x}" for x in ("gunma", "gyeonggi", "lakeshire")]
    result = run("query", "--saved", "partners-of-province", store=small_store_dir)
    assert result.exit_code != 0 and "needs --param province" in result.output
    result = run("query", "--saved", "no-such-query", store=small_store_dir)
    assert result.exit_code != 0 and "no saved query" in result.output


@pytest.mark.parametrize("bad, where", [
    ("SELECT * WHERE { ?s ?p }", "line 1, column"),
    ("PREFIX dm: <https://w3id.org/diplomap/ontology#>\nSELECT ?x\nWHERE {\n  ?x dm:partnerOf ?y .\n  FILTER(?x = ) }",
     "line 5, column"),
    ("SELECT * WHERE { ?s undeclared:p ?o }", "line 1, column"),
])
def test_malformed_sparql_gives_line_and_column_no_traceback(small_store_dir, bad, where):
    result = run("query", bad, store=small_store_dir)
    assert result.exit_code != 0
    assert "malformed SPARQL" in result.output and where in result.output
    assert "Traceback" not in result.output


def test_updates_are_refused_with_a_pointer_to_update(small_store_dir):
    for update in ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }",
                   "PREFIX x: <urn:x#>\nDROP ALL", "CLEAR DEFAULT"):
        result = run("query", update, store=small_store_dir)
        assert result.exit_code != 0
        assert "diplomap update" in result.output, update
    assert "1" in run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/diplomap/ontology#Person> }",
                      "--format", "csv", store=small_store_dir).stdout


def test_service_is_refused_unless_allowed(small_store_dir):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    result = run("query", query, store=small_store_dir)
    assert result.exit_code != 0 and "--allow-service" in result.output
    # the word inside a string, an IRI or a comment is not a SERVICE call
    harmless = 'SELECT ("SERVICE" AS ?x) WHERE { BIND(<urn:SERVICE> AS ?y) } # SERVICE\n'
    assert run("query", harmless, "--format", "csv", store=small_store_dir).exit_code == 0
    allowed = run("query", query, "--allow-service", store=small_store_dir)
    assert "--allow-service" not in allowed.output  # refused by the network, not by the guard
    assert "Traceback" not in allowed.output


def test_queries_lists_names_titles_and_params():
    from diplomap.graph.query.saved import saved_queries

    result = run("queries")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(saved_queries())
    partners = next(line for line in lines if line.startswith("partners-of-province "))
    assert "Partners of a province" in partners and "--param province=<label Province>" in partners


def test_update_changes_the_store(small_store_dir):
    insert = ('INSERT DATA { GRAPH <urn:notes> { <https://w3id.org/diplomap/id/province/bac-ninh> '
              '<http://www.w3.org/2004/02/skos/core#note> "checked" } }')
    assert run("update", insert, store=small_store_dir).exit_code == 0
    result = run("query", "SELECT ?n WHERE { ?p <http://www.w3.org/2004/02/skos/core#note> ?n }", "--format", "csv",
                 store=small_store_dir)
    assert result.stdout.splitlines() == ["n", "checked"]
    bad = run("update", "INSERT DATA { <urn:a> }", store=small_store_dir)
    assert bad.exit_code != 0 and "line 1, column" in bad.output and "Traceback" not in bad.output


def test_missing_store_is_a_clean_error(tmp_path):
    result = run("query", PERSONS, store=str(tmp_path / "nothing-here"))
    assert result.exit_code != 0 and "cannot open" in result.output
    assert not (tmp_path / "nothing-here").exists()


def test_deep_nesting_is_refused_before_the_parser_sees_it(small_store_dir):
    """Oxigraph's recursive parser crashes the process on very deep nesting."""
    depth = 10_000
    query = "SELECT * WHERE " + "{ " * depth + "?s ?p ?o" + " }" * depth
    result = run("query", query, store=small_store_dir)
    assert result.exit_code != 0
    assert "nested more than" in result.output


def test_well_known_prefixes_need_no_declaration(small_store_dir):
    result = run("query", "SELECT ?l WHERE { ?p a dm:Person ; rdfs:label ?l }", "--format", "csv",
                 store=small_store_dir)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.strip().splitlines()) > 1
    # a declaration in the query still wins over the built-in one
    own = run("query", "PREFIX dm: <urn:nothing#>\nSELECT ?p WHERE { ?p a dm:Person }", "--format", "csv",
              store=small_store_dir)
    assert own.exit_code == 0 and own.stdout.strip() == "p"
