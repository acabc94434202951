"""``diplomap validate``: the small store conforms; broken data does not; broken shapes are an error."""

from __future__ import annotations

from click.testing import CliRunner

from diplomap.graph.cli.group import main
from diplomap.graph.export.validate import validate_store
from diplomap.graph.store.registry import StoreSpec, open_store
from diplomap.ontology.iris import ONTOLOGY_GRAPH, REFERENCE_GRAPH

DM = "https://w3id.org/diplomap/ontology#"


def test_the_small_store_conforms_exit_0(small_store_dir):
    result = CliRunner().invoke(main, ["validate", "--store", small_store_dir])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("conforms: 0 violation(s)")


def _documents_only(small_quads, tmp_path, extra: str = ""):
    """The document graphs without the reference data (fast to validate), plus an update."""
    path = str(tmp_path / "broken")
    store = open_store(StoreSpec("oxigraph", path))
    store.add(q for q in small_quads if q.graph_name.value not in (ONTOLOGY_GRAPH, REFERENCE_GRAPH))
    if extra:
        store.update(extra)
    store.close()
    return path


def test_violations_exit_1_grouped_by_shape(small_quads, tmp_path):
    broken = _documents_only(small_quads, tmp_path, f"""
        PREFIX dm: <{DM}>
        DELETE {{ GRAPH ?g {{ ?st dm:evidence ?e }} }} WHERE {{ GRAPH ?g {{ ?st dm:evidence ?e ; dm:extractedBy "test.aidTo" }} }} ;
        INSERT DATA {{ GRAPH <urn:bad> {{ <https://w3id.org/diplomap/id/province/x> a dm:Place .
            <https://w3id.org/diplomap/id/statement/y> a dm:Partnership ; dm:confidence 7 }} }}""")
    result = CliRunner().invoke(main, ["validate", "--store", broken])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("does NOT conform")
    assert "Violation  dmsh:KnownClassShape  (1)" in result.output
    assert "dmsh:StatementShape / dm:evidence  (3)" in result.output  # two aid statements and y lack it
    assert "dm:confidence" in result.output


def test_report_lists_every_finding_once(small_quads, tmp_path):
    broken = _documents_only(small_quads, tmp_path, f"""
        PREFIX dm: <{DM}>
        INSERT DATA {{ GRAPH <urn:bad> {{ <https://w3id.org/diplomap/id/province/x> a dm:Agent }} }}""")
    with open_store(StoreSpec("oxigraph", broken, read_only=True)) as store:
        report = validate_store(store)
    assert not report.conforms
    assert [(f.severity, f.shape, f.value) for f in report.violations] == [
        ("Violation", "dmsh:KnownClassShape", "dm:Agent")]


def test_unreadable_shapes_exit_2(small_store_dir, tmp_path):
    shapes = tmp_path / "bad.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--store", small_store_dir, "--shapes", str(shapes)])
    assert result.exit_code == 2
    assert "cannot read the SHACL shapes" in result.output and "Traceback" not in result.output
    missing = CliRunner().invoke(main, ["validate", "--store", str(tmp_path / "no-store")])
    assert missing.exit_code == 2
