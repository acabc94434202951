"""The SHACL shapes: valid SHACL themselves, pass good data and report each breach of the contract."""

from __future__ import annotations

from importlib import resources as importlib_resources

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from diplomap.ontology.ontology_graph import ontology_graph, shapes_graph

PREFIXES = """\
@prefix dm: <https://w3id.org/diplomap/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix pv: <https://w3id.org/diplomap/id/province/> .
@prefix fl: <https://w3id.org/diplomap/id/foreign-locality/> .
@prefix co: <https://w3id.org/diplomap/id/country/> .
@prefix corp: <https://w3id.org/diplomap/id/corporation/> .
@prefix ngo: <https://w3id.org/diplomap/id/ngo/> .
@prefix io: <https://w3id.org/diplomap/id/international-organization/> .
@prefix gov: <https://w3id.org/diplomap/id/government-body/> .
@prefix person: <https://w3id.org/diplomap/id/person/> .
@prefix heri: <https://w3id.org/diplomap/id/heritage-item/> .
@prefix doc: <https://w3id.org/diplomap/id/document/> .
@prefix st: <https://w3id.org/diplomap/id/statement/> .
"""

ST = "https://w3id.org/diplomap/id/statement/"
PV = "https://w3id.org/diplomap/id/province/"
DOC = "https://w3id.org/diplomap/id/document/"

# Reference data as the gazetteer holds it: no statements, no dm:mentionedIn.
REFERENCE = """
pv:bac-giang a dm:Province ; rdfs:label "Bac Giang"@en ; skos:altLabel "Bắc Giang"@vi , "Bacgiang"@en ;
    owl:sameAs wd:Q36367 ; dcterms:identifier "VN-54" ; dm:locatedIn co:vietnam ;
    dm:replacedBy pv:bac-ninh ; dm:replacedOn "2025-07-01"^^xsd:date .
pv:bac-ninh a dm:Province ; rdfs:label "Bac Ninh"@en ; skos:altLabel "Bắc Ninh"@vi ;
    dm:locatedIn co:vietnam ; dm:replaces pv:bac-giang .
co:vietnam a dm:Country ; rdfs:label "Vietnam"@en ; skos:altLabel "Việt Nam"@vi ; dcterms:identifier "VN" .
co:laos a dm:Country ; rdfs:label "Laos"@en ; dcterms:identifier "LA" .
co:south-korea a dm:Country ; rdfs:label "South Korea"@en ; skos:altLabel "Republic of Korea"@en ;
    dcterms:identifier "KR" .
fl:xaysomboun a dm:ForeignLocality ; rdfs:label "Xaysomboun"@en ; skos:altLabel "Xaisomboun"@en ;
    dm:locatedIn co:laos .
corp:example-electronics a dm:Corporation ; rdfs:label "Example Electronics"@en ; dm:basedIn co:south-korea .
ngo:helping-hands a dm:NGO ; rdfs:label "Helping Hands"@en .
io:unesco a dm:InternationalOrganization ; rdfs:label "UNESCO"@en .
gov:bac-giang-people-s-committee a dm:GovernmentBody ; rdfs:label "Bac Giang People's Committee"@en .
person:tran-thi-b a dm:Person ; rdfs:label "Tran Thi B"@en .
heri:quan-ho a dm:HeritageItem ; rdfs:label "Quan ho singing"@en ; dm:listing dm:RepresentativeList .
"""

_MENTIONED = ("pv:bac-giang", "fl:xaysomboun", "corp:example-electronics", "ngo:helping-hands",
              "person:tran-thi-b", "gov:bac-giang-people-s-committee", "heri:quan-ho", "io:unesco")

DOCUMENT = """
doc:note-1 a dm:Document ; dcterms:title "A made-up note on provincial relations" ;
    dcterms:date "2024-05-02"^^xsd:date ; dcterms:publisher "Example News" ;
    dcterms:source <https://example.org/news/1> ; dm:wordCount 120 ;
    dm:contentHash "sha256:%s" .
""" % ("ab12" * 16)


def statement(name: str, cls: str, subject: str, predicate: str, obj: str, evidence: str,
              start: int, extra: str = "") -> str:
    """A statement node and its direct edge, offsets consistent with the evidence."""
    return f"""
{subject} {predicate} {obj} .
st:{name} a rdf:Statement , {cls} ;
    rdf:subject {subject} ; rdf:predicate {predicate} ; rdf:object {obj} ;
    prov:wasDerivedFrom doc:note-1 ;
    dm:evidence "{evidence}" ; dm:evidenceStart {start} ; dm:evidenceEnd {start + len(evidence)} ;
    dm:extractedBy "test.{name}" ; dm:confidence 0.8 {extra} .
"""


STATEMENTS = "".join((
    statement("p1", "dm:Partnership", "pv:bac-giang", "dm:partnerOf", "fl:xaysomboun",
              "The two provinces put their names to a friendship pact.", 0,
              '; dm:status dm:Signed ; dm:date "2021"^^xsd:gYear ; dm:field "agriculture" , "education"'),
    statement("i1", "dm:Investment", "corp:example-electronics", "dm:investsIn", "pv:bac-giang",
              "The maker put 250 million dollars into a new plant.", 60,
              '; dm:amount 250000000.0 ; dm:currency "USD" ; dm:date "2023-11"^^xsd:gYearMonth'),
    statement("a1", "dm:Aid", "ngo:helping-hands", "dm:aidTo", "pv:bac-giang",
              "Helping Hands funded two rural clinics.", 120, '; dm:field "health"'),
    statement("pos1", "dm:Position", "person:tran-thi-b", "dm:holdsPosition",
              "gov:bac-giang-people-s-committee", "Tran Thi B chairs the committee.", 170,
              '; dm:role "Chairwoman"'),
    statement("h1", "dm:HeritageListing", "heri:quan-ho", "dm:heritageOf", "pv:bac-giang",
              "Quan ho singing comes from this region.", 210, "; dm:listing dm:RepresentativeList"),
    statement("r1", "dm:Recognition", "heri:quan-ho", "dm:recognizedBy", "io:unesco",
              "UNESCO inscribed the songs years ago.", 260, '; dm:date "2009-09-30"^^xsd:date'),
))


def good_turtle() -> str:
    mentions = "".join(f"{entity} dm:mentionedIn doc:note-1 .\n" for entity in _MENTIONED)
    return PREFIXES + REFERENCE + DOCUMENT + mentions + STATEMENTS


def validate(data: Graph) -> tuple[bool, list[tuple[str, str, str]]]:
    """(conforms ignoring warnings, [(focus node, severity local name, message)])."""
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True,
    )
    results = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        message = " ".join(str(m) for m in report.objects(result, SH.resultMessage))
        results.append((str(report.value(result, SH.focusNode)), severity, message))
    return conforms, results


def parse(turtle: str) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


def test_shapes_are_valid_shacl():
    shacl_shacl = Graph().parse(
        data=(importlib_resources.files("pyshacl") / "assets" / "shacl-shacl.ttl").read_text(encoding="utf-8"),
        format="turtle",
    )
    conforms, _, text = pyshacl.validate(shapes_graph(), shacl_graph=shacl_shacl, inference="none")
    assert conforms, text
    broken = shapes_graph()
    broken.add((URIRef("https://w3id.org/diplomap/shapes#Broken"), SH.minCount, Literal("one")))
    broken.add((URIRef("https://w3id.org/diplomap/shapes#Broken"), SH.path, URIRef(PV)))
    assert not pyshacl.validate(broken, shacl_graph=shacl_shacl, inference="none")[0]


def test_good_graph_conforms_without_any_result():
    conforms, results = validate(parse(good_turtle()))
    assert conforms and results == []


def test_reference_data_alone_conforms_without_any_result():
    conforms, results = validate(parse(PREFIXES + REFERENCE))
    assert conforms and results == []


def _without(turtle: str, *fragments: str) -> str:
    """The Turtle with each fragment cut out; each must be present."""
    text = turtle
    for fragment in fragments:
        assert fragment in text, fragment
        text = text.replace(fragment, "")
    return text


# (case id, Turtle of the bad graph, focus node, message fragment)
BAD_CASES = [
    ("partnership without status",
     _without(good_turtle(), "; dm:status dm:Signed "),
     ST + "p1", "states its stage"),
    ("amount without currency",
     _without(good_turtle(), '; dm:currency "USD" '),
     ST + "i1", "states its dm:currency"),
    ("negative amount",
     good_turtle().replace("250000000.0", "-5.0"),
     ST + "i1", "non-negative xsd:decimal"),
    ("amount typed double",
     good_turtle().replace("250000000.0", "2.5e8"),
     ST + "i1", "non-negative xsd:decimal"),
    ("lower-case currency",
     good_turtle().replace('"USD"', '"usd"'),
     ST + "i1", "ISO 4217"),
    ("two English labels",
     good_turtle() + 'pv:bac-giang rdfs:label "Bac Giang Province"@en .\n',
     PV + "bac-giang", "exactly one English rdfs:label"),
    ("no label",
     good_turtle().replace('rdfs:label "Bac Ninh"@en ;', ""),
     PV + "bac-ninh", "exactly one English rdfs:label"),
    ("untagged label",
     good_turtle().replace('rdfs:label "Bac Ninh"@en', 'rdfs:label "Bac Ninh"'),
     PV + "bac-ninh", "language tag"),
    ("untagged alias",
     good_turtle().replace('"Bắc Ninh"@vi', '"Bắc Ninh"'),
     PV + "bac-ninh", "altLabel"),
    ("two entity classes",
     good_turtle() + "pv:bac-ninh a dm:ForeignLocality .\n",
     PV + "bac-ninh", "exactly one rdf:type"),
    ("abstract class on data",
     good_turtle() + "pv:bac-ninh a dm:Locality .\n",
     "https://w3id.org/diplomap/ontology#Locality", "never dm:Place"),
    ("misspelt class",
     good_turtle() + "pv:bac-ninh a dm:Provence .\n",
     "https://w3id.org/diplomap/ontology#Provence", "entity class or a statement class"),
    ("evidenceStart after evidenceEnd",
     good_turtle().replace("dm:evidenceStart 120", "dm:evidenceStart 900"),
     ST + "a1", "smaller than dm:evidenceEnd"),
    ("negative evidenceStart",
     good_turtle().replace("dm:evidenceStart 0 ", "dm:evidenceStart -1 "),
     ST + "p1", "non-negative integer"),
    ("status outside the stage scheme",
     good_turtle().replace("dm:status dm:Signed", "dm:status dm:Nominated"),
     ST + "p1", "dm:PartnershipStage"),
    ("listing outside the listing scheme",
     good_turtle().replace("; dm:listing dm:RepresentativeList", "; dm:listing dm:Signed"),
     ST + "h1", "dm:HeritageListingScheme"),
    ("confidence above one",
     good_turtle().replace('"test.i1" ; dm:confidence 0.8', '"test.i1" ; dm:confidence 1.5'),
     ST + "i1", "from 0 to 1"),
    ("predicate that is not a direct property",
     good_turtle().replace("rdf:predicate dm:aidTo", "rdf:predicate dm:mentionedIn"),
     ST + "a1", "one of the 11 direct properties"),
    ("statement class that does not match its predicate",
     good_turtle().replace("st:a1 a rdf:Statement , dm:Aid", "st:a1 a rdf:Statement , dm:Investment"),
     ST + "a1", "dm:Investment reifies dm:investsIn"),
    ("statement without rdf:Statement type",
     good_turtle().replace("st:a1 a rdf:Statement , dm:Aid", "st:a1 a dm:Aid"),
     ST + "a1", "typed rdf:Statement"),
    ("statement without document",
     good_turtle().replace("prov:wasDerivedFrom doc:note-1 ;\n    dm:evidence \"Helping", "dm:evidence \"Helping"),
     ST + "a1", "exactly one dm:Document"),
    ("statement whose edge is missing",
     good_turtle().replace("ngo:helping-hands dm:aidTo pv:bac-giang .\n", ""),
     ST + "a1", "edge a statement reifies"),
    ("statement without evidence",
     good_turtle().replace('dm:evidence "Helping Hands funded two rural clinics." ; ', ""),
     ST + "a1", "dm:evidence"),
    ("statement without rule name",
     good_turtle().replace('dm:extractedBy "test.a1" ; ', ""),
     ST + "a1", "dm:extractedBy"),
    ("date typed as a plain string",
     good_turtle().replace('"2021"^^xsd:gYear', '"2021"'),
     ST + "p1", "dm:date"),
    ("mention of something that is not a document",
     good_turtle() + "pv:bac-ninh dm:mentionedIn co:laos .\n",
     PV + "bac-ninh", "dm:mentionedIn points to a dm:Document"),
    ("document without content hash",
     good_turtle().replace('dm:contentHash "sha256:', 'dcterms:identifier "sha256:'),
     DOC + "note-1", "dm:contentHash"),
    ("document with a malformed hash",
     good_turtle().replace('"sha256:ab12', '"md5:ab12'),
     DOC + "note-1", "dm:contentHash"),
    ("document with two titles",
     good_turtle() + 'doc:note-1 dcterms:title "Another title" .\n',
     DOC + "note-1", "at most one dcterms:title"),
    ("merger date that is not a date",
     good_turtle().replace('"2025-07-01"^^xsd:date', '"1 July 2025"'),
     PV + "bac-giang", "dm:replacedOn"),
    ("blank-node entity",
     good_turtle() + '[] a dm:Country ; rdfs:label "Nowhere"@en .\n',
     None, "named by an IRI"),
]


@pytest.mark.parametrize("turtle, focus, fragment",
                         [case[1:] for case in BAD_CASES], ids=[case[0] for case in BAD_CASES])
def test_shapes_report_each_breach_as_a_violation(turtle, focus, fragment):
    assert turtle != good_turtle()
    conforms, results = validate(parse(turtle))
    assert not conforms
    hits = [r for r in results if fragment in r[2] and r[1] == "Violation"
            and (focus is None or r[0] == focus)]
    assert hits, f"no violation with {fragment!r} on {focus}; got {results}"


SOFT_CASES = [
    ("investor is a person",
     good_turtle().replace("st:i1 a rdf:Statement , dm:Investment ;\n    rdf:subject corp:example-electronics",
                           "st:i1 a rdf:Statement , dm:Investment ;\n    rdf:subject person:tran-thi-b").replace(
         "corp:example-electronics dm:investsIn", "person:tran-thi-b dm:investsIn"),
     ST + "i1", "an investor is a corporation"),
    ("document without title",
     good_turtle().replace('dcterms:title "A made-up note on provincial relations" ;', ""),
     DOC + "note-1", "expected to have a dcterms:title"),
    ("position without role",
     good_turtle().replace('; dm:role "Chairwoman"', ""),
     ST + "pos1", "dm:role"),
    ("Vietnamese name as rdfs:label",
     good_turtle().replace('skos:altLabel "Bắc Ninh"@vi', 'rdfs:label "Bắc Ninh"@vi'),
     PV + "bac-ninh", "skos:altLabel"),
    ("evidence that does not span its offsets",
     good_turtle().replace("dm:evidenceStart 120", "dm:evidenceStart 100"),
     ST + "a1", "length of dm:evidence"),
    ("sameAs outside Wikidata",
     good_turtle().replace("owl:sameAs wd:Q36367", "owl:sameAs <https://example.org/bac-giang>"),
     PV + "bac-giang", "Wikidata"),
    ("merger without a date",
     good_turtle().replace('; dm:replacedOn "2025-07-01"^^xsd:date', ""),
     PV + "bac-giang", "dm:replacedOn"),
]


@pytest.mark.parametrize("turtle, focus, fragment",
                         [case[1:] for case in SOFT_CASES], ids=[case[0] for case in SOFT_CASES])
def test_soft_expectations_are_warnings_only(turtle, focus, fragment):
    assert turtle != good_turtle()
    conforms, results = validate(parse(turtle))
    assert conforms, results
    assert any(r == (focus, "Warning", r[2]) and fragment in r[2] for r in results), results


def test_data_validated_together_with_the_ontology_still_conforms():
    # A store holds the ontology graph next to the data; validating their union must not
    # target ontology terms (rdfs:subClassOf rdf:Statement makes SHACL follow subclasses).
    conforms, results = validate(parse(good_turtle()) + ontology_graph())
    assert conforms and results == []
    broken = parse(_without(good_turtle(), "; dm:status dm:Signed ")) + ontology_graph()
    assert (ST + "p1", "Violation") in {(focus, severity) for focus, severity, _ in validate(broken)[1]}
