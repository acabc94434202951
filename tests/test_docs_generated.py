"""The generated docs (docs/ontology/*, docs/cli.md) are current, complete and deterministic."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from diplomap.graph.cli import reference as cli_reference
from diplomap.ontology import docgen, vocab
from diplomap.ontology.ontology_graph import ontology_graph, shapes_graph

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DOCS = ROOT / "docs" / "ontology"
CLI_DOC = ROOT / "docs" / "cli.md"
DM = Namespace(vocab.DM_NS)
SH = Namespace("http://www.w3.org/ns/shacl#")
REGENERATE = "python -m diplomap.ontology.docgen docs/ontology"


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return docgen.render()


def _unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def _dm_terms(*rdf_types: URIRef) -> list[URIRef]:
    graph = ontology_graph()
    return sorted({s for t in rdf_types for s in graph.subjects(RDF.type, t)
                   if str(s).startswith(vocab.DM_NS)}, key=str)


# --- current -----------------------------------------------------------------------------

def test_committed_ontology_docs_equal_a_fresh_regeneration(tmp_path):
    assert docgen.main([str(tmp_path)]) == 0
    fresh = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_bytes() for p in ONTOLOGY_DOCS.iterdir()} if ONTOLOGY_DOCS.is_dir() else {}
    assert sorted(committed) == sorted(fresh), f"docs/ontology has other files than the generator writes; run `{REGENERATE}`"
    stale = sorted(name for name in fresh if committed[name] != fresh[name])
    assert not stale, f"docs/ontology/ {', '.join(stale)} out of date with ontology/*.ttl; run `{REGENERATE}`"


def test_cli_reference_is_current():
    expected = cli_reference.render()
    assert CLI_DOC.is_file(), "docs/cli.md is missing; run `python -m diplomap.graph.cli.reference docs/cli.md`"
    assert CLI_DOC.read_text(encoding="utf-8") == expected, (
        "docs/cli.md is out of date with the commands' --help; "
        "run `python -m diplomap.graph.cli.reference docs/cli.md`")


def test_cli_reference_has_a_section_per_command(tmp_path):
    from diplomap.graph.cli.group import main

    target = tmp_path / "cli.md"
    cli_reference.write(str(target))
    written = target.read_text(encoding="utf-8")
    headings = re.findall(r"^## diplomap (\S+)$", written, flags=re.M)
    assert headings == sorted(main.commands)
    assert written.endswith("```\n")


def test_check_flag_reports_missing_changed_and_current_files(tmp_path, capsys):
    assert docgen.main(["--check", str(tmp_path)]) == 1
    assert "python -m diplomap.ontology.docgen" in capsys.readouterr().err
    docgen.main([str(tmp_path)])
    assert docgen.main(["--check", str(tmp_path)]) == 0
    index = tmp_path / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "hand edit\n", encoding="utf-8")
    assert docgen.main(["--check", str(tmp_path)]) == 1
    assert "index.md" in capsys.readouterr().err


def test_output_does_not_depend_on_hash_order(tmp_path):
    # rdflib graphs iterate in hash order; two processes with different string hashing
    # must still write the same bytes.
    outputs = []
    for seed in ("1", "2"):
        outdir = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "diplomap.ontology.docgen", str(outdir)],
                       check=True, env=env, capture_output=True, cwd=tmp_path)
        outputs.append({p.name: p.read_bytes() for p in outdir.iterdir()})
    assert outputs[0] == outputs[1]
    assert set(outputs[0]) == {"index.md", "shapes.md", "diagram.mmd"}


def test_every_file_ends_with_exactly_one_newline(files):
    for name, content in files.items():
        assert content.endswith("\n") and not content.endswith("\n\n"), name


# --- complete ----------------------------------------------------------------------------

def test_index_has_a_section_for_every_class_property_and_scheme(files):
    index = files["index.md"]
    terms = _dm_terms(OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                      OWL.AnnotationProperty, SKOS.ConceptScheme)
    assert len(terms) >= 50
    missing = [t for t in terms if f"\n#### dm:{t[len(vocab.DM_NS):]}\n" not in index]
    assert not missing


def test_index_lists_every_concept_with_notation_and_both_labels(files):
    index = _unescape(files["index.md"])
    graph = ontology_graph()
    concepts = sorted(graph.subjects(RDF.type, SKOS.Concept), key=str)
    assert len(concepts) == len(vocab.STAGES) + len(vocab.LISTINGS)
    for concept in concepts:
        en = next(v for v in graph.objects(concept, SKOS.prefLabel) if v.language == "en")
        vi = next(v for v in graph.objects(concept, SKOS.prefLabel) if v.language == "vi")
        row = next(line for line in index.splitlines() if line.startswith(f"| `dm:{concept[len(vocab.DM_NS):]}`"))
        assert f"`{graph.value(concept, SKOS.notation)}`" in row
        assert f"| {en} |" in row and f"| {vi} |" in row


def test_index_metadata_and_links_resolve(files):
    index = files["index.md"]
    for expected in ("0.1.0", "https://www.apache.org/licenses/LICENSE-2.0", "diplomap developers",
                     "`https://w3id.org/diplomap/ontology#`", "`dm`", "Bộ từ vựng diplomap"):
        assert expected in index
    headings = {re.sub(r"[^a-z0-9 _-]", "", h.lower()).replace(" ", "-")
                for h in re.findall(r"^#+ (.+)$", index, flags=re.M)}
    targets = set(re.findall(r"\]\(#([^)]+)\)", index))
    assert targets and targets <= headings, sorted(targets - headings)


def test_direct_properties_table_gives_statement_class_and_symmetry(files):
    index = files["index.md"]
    for prop, statement_class in vocab.STATEMENT_CLASS.items():
        row = next(line for line in index.splitlines() if line.startswith(f"| [dm:{prop}]("))
        assert f"[dm:{statement_class}](#dm{statement_class.lower()})" in row
        assert ("symmetric" in row) == (prop in vocab.SYMMETRIC_PROPERTIES), prop


def test_class_sections_give_superclasses_and_disjointness(files):
    index = files["index.md"]
    section = index.split("#### dm:Province\n", 1)[1].split("\n#### ", 1)[0]
    assert "[dm:Locality](#dmlocality)" in section.split("**Subclass of:**")[1].splitlines()[0]
    disjoint = section.split("**Disjoint with:**")[1].splitlines()[0]
    assert "[dm:Country](#dmcountry)" in disjoint and "dm:Province" not in disjoint
    assert "(vi)" in section and "tỉnh" in section


def test_diagram_names_every_entity_class_and_direct_property(files):
    diagram = files["diagram.mmd"]
    assert diagram.startswith("classDiagram\n")
    declared = set(re.findall(r"^    class (\w+)$", diagram, flags=re.M))
    assert set(vocab.CLASSES) <= declared
    edges = re.findall(r"^    (\w+) (-->|--) (\w+) : ([\w, ]+)$", diagram, flags=re.M)
    for prop in vocab.DIRECT_PROPERTIES:
        ends = [(a, b) for a, link, b, names in edges if prop in names.split(", ")]
        assert ends, f"no edge for dm:{prop}"
        assert all(a in declared and b in declared for a, b in ends)
        symmetric = {link == "--" for a, link, b, names in edges if prop in names.split(", ")}
        assert symmetric == {prop in vocab.SYMMETRIC_PROPERTIES}, prop
    assert f"```mermaid\n{diagram}```\n" in files["index.md"]


# --- follows the TTL ---------------------------------------------------------------------

def test_new_terms_in_the_ttl_show_up_where_they_belong():
    graph = ontology_graph()
    graph.add((DM.Treaty, RDF.type, OWL.Class))
    graph.add((DM.Treaty, RDFS.subClassOf, DM.Organization))
    graph.add((DM.Treaty, RDFS.label, Literal("treaty", lang="en")))
    graph.add((DM.Treaty, RDFS.comment, Literal("A <script>x</script> | pipe", lang="en")))
    graph.add((DM.signs, RDF.type, OWL.ObjectProperty))
    graph.add((DM.signs, URIRef(vocab.DM_NS + "statementClass"), DM.Signing))
    graph.add((DM.signs, RDFS.domain, DM.Person))
    graph.add((DM.signs, RDFS.range, DM.Treaty))
    graph.add((DM.Signing, RDF.type, OWL.Class))
    graph.add((DM.Signing, RDFS.subClassOf, RDF.Statement))

    files = docgen.render(graph, shapes_graph())
    index = files["index.md"]
    assert "[dm:signs](#dmsigns)" in index.split("## Direct properties")[1].split("## Other object")[0]
    assert "#### dm:Signing" in index.split("### Statement classes")[1].split("### Disjointness")[0]
    assert "#### dm:Treaty" in index.split("### Entity classes")[1].split("### Abstract classes")[0]
    assert "<script>" not in index and "A \\<script\\>x\\</script\\> \\| pipe" in index
    assert "    Person --> Treaty : signs\n" in files["diagram.mmd"]
    assert "    Treaty : +Treaty signs\n" not in files["diagram.mmd"]
    assert "    Organization <|-- Treaty\n" in files["diagram.mmd"]
    assert files != docgen.render()


# --- shapes ------------------------------------------------------------------------------

def test_shapes_page_has_every_node_shape_and_message(files):
    shapes = shapes_graph()
    page = files["shapes.md"]
    plain = _unescape(page)
    node_shapes = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    assert len(node_shapes) >= 15
    for shape in node_shapes:
        assert f"\n## dmsh:{str(shape).rsplit('#', 1)[1]}\n" in page
    messages = {" ".join(str(m).split()) for m in shapes.objects(None, SH.message)}
    missing = [m for m in messages if m not in plain]
    assert not missing


def test_shapes_page_gives_severity_path_and_constraint(files):
    shapes = shapes_graph()
    rows = [line for line in _unescape(files["shapes.md"]).splitlines() if line.startswith("| ")]
    warned = [p for p in shapes.subjects(SH.severity, SH.Warning) if shapes.value(p, SH.path) is not None]
    assert warned
    for prop in warned:
        message = " ".join(str(shapes.value(prop, SH.message)).split())
        assert any(message in row and "| Warning |" in row for row in rows), message
    currency = next(row for row in rows if row.startswith("| dm:currency |"))
    assert '`maxCount 1, datatype xsd:string, pattern "^[A-Z]{3}$"`' in currency
    assert "| Violation |" in currency
