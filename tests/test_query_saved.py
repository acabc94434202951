"""Every saved query against the small store, with the rows it must return."""

from __future__ import annotations

import pytest

from diplomap.graph.query.execute import run_query
from diplomap.graph.query.saved import (
    bind_params,
    parse_saved_query,
    resolve_label,
    run_saved,
    saved_queries,
)
from diplomap.ontology import gazetteer
from diplomap.ontology.errors import QueryError

ID = "https://w3id.org/diplomap/id/"
DM = "https://w3id.org/diplomap/ontology#"
DOC1 = "news/bac-giang-2021"
DOC2 = "news/bac-ninh-2024"


@pytest.fixture
def docs(small_corpus):
    return {doc.identity: doc.iri()[len(ID):] for doc, _ in small_corpus}


def rows(store, name, columns, **params):
    query = saved_queries()[name]
    result = run_query(store, query.text, bind_params(store, query, params))
    return [tuple(_short(s[c]) for c in columns) for s in result.solutions]


def _short(term):
    if term is None:
        return None
    value = term.value
    for prefix in (ID, DM):
        if value.startswith(prefix):
            return value[len(prefix):]
    return value


def test_every_saved_query_has_a_title_and_a_test():
    tested = {name[len("test_"):].replace("_", "-") for name in globals() if name.startswith("test_")}
    queries = saved_queries()
    assert len(queries) >= 13
    for name, query in queries.items():
        assert query.title and query.description, name
        assert name in tested, f"saved query {name} has no test"


def test_partners_of_province(small_store, docs):
    got = rows(small_store, "partners-of-province", ("partner", "stage", "date", "document"), province="Bắc Ninh")
    assert got == [
        ("foreign-locality/gunma", "Proposed", "2024", docs[DOC2]),
        ("foreign-locality/gyeonggi", "Active", "2019", docs[DOC2]),
        ("foreign-locality/lakeshire", "Signed", "2024-03-01", docs[DOC2]),
    ]


def test_partnerships_by_stage(small_store):
    got = rows(small_store, "partnerships-by-stage", ("stage", "province", "partner", "date"))
    assert got == [
        ("Proposed", "province/bac-ninh", "foreign-locality/gunma", "2024"),
        ("Negotiating", "province/bac-giang", "foreign-locality/busan", None),
        ("Signed", "province/bac-giang", "foreign-locality/xaysomboun", "2021"),
        ("Signed", "province/bac-ninh", "foreign-locality/lakeshire", "2024-03-01"),
        ("Active", "province/bac-ninh", "foreign-locality/gyeonggi", "2019"),
    ]


def test_investments_by_country(small_store):
    got = rows(small_store, "investments-by-country", ("country", "province", "currency", "total", "investments"))
    assert got == [
        ("country/japan", "province/bac-ninh", "JPY", "50000000000", "1"),
        ("country/south-korea", "province/bac-giang", "VND", "30000000000", "1"),
        ("country/south-korea", "province/bac-ninh", "USD", "2500000000", "1"),
        ("country/taiwan", "province/bac-giang", "USD", "1500000000", "1"),
    ]


def test_investors_of_province(small_store):
    got = rows(small_store, "investors-of-province", ("investor", "amount", "currency", "date"), province="Bac Giang")
    assert got == [
        ("corporation/foxconn", "1500000000", "USD", "2021"),
        ("corporation/sao-mai-star-tech-co-cong-ty-north", "30000000000", "VND", None),
    ]


def test_aid_by_donor(small_store):
    got = rows(small_store, "aid-by-donor", ("donor", "donorType", "recipient", "amount", "currency"))
    assert got == [
        ("government-body/koica", "GovernmentBody", "province/bac-giang", "500000", "USD"),
        ("ngo/save-the-children", "NGO", "province/bac-ninh", "200000.5", "USD"),
    ]


def test_heritage_items(small_store):
    got = rows(small_store, "heritage-items", ("item", "province", "listing", "body", "date"))
    assert got == [("heritage-item/quan-ho-bac-ninh-folk-songs", "province/bac-ninh", "RepresentativeList",
                    "international-organization/unesco", "2009")]


def test_officials(small_store):
    got = rows(small_store, "officials", ("person", "role", "body"))
    assert got == [("person/nguyen-van-an", "Chairman", "government-body/bac-ninh-provincial-people-s-committee")]


def test_entity_facts(small_store, docs):
    got = rows(small_store, "entity-facts", ("direction", "property", "value", "source", "evidence"), entity="Lakeshire")
    graph = "https://w3id.org/diplomap/graph/entities"
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    assert sorted(got, key=str) == sorted([
        ("in", "partnerOf", "province/bac-ninh", docs[DOC2], "Bac Ninh signed an agreement with Lakeshire on 1 March 2024."),
        ("out", rdf + "type", "ForeignLocality", graph, None),
        ("out", "http://www.w3.org/2000/01/rdf-schema#label", "Lakeshire", graph, None),
        ("out", "locatedIn", "country/south-korea", docs[DOC2], "Lakeshire lies in South Korea."),
        ("out", "mentionedIn", docs[DOC2], docs[DOC2], None),
    ], key=str)


def test_edge_evidence(small_store, small_corpus, docs, hostile_text):
    HOSTILE_SENTENCE = hostile_text["sentence"]
    got = rows(small_store, "edge-evidence", ("from", "predicate", "to", "evidence", "start", "end", "document"),
               subject="Xaysomboun", object="Bac Giang")  # either direction finds the edge
    assert got == [("province/bac-giang", "partnerOf", "foreign-locality/xaysomboun", HOSTILE_SENTENCE,
                    "0", str(len(HOSTILE_SENTENCE)), docs[DOC1])]
    doc = small_corpus[0][0]
    assert doc.text[0:len(HOSTILE_SENTENCE)] == got[0][3]


def test_shared_partner_country(small_store):
    got = rows(small_store, "shared-partner-country", ("country", "province", "other", "provincePartners", "otherPartners"))
    assert got == [("country/south-korea", "province/bac-giang", "province/bac-ninh", "1", "2")]


def test_partners_with_predecessors(small_store):
    got = rows(small_store, "partners-with-predecessors", ("via", "partner", "stage"), province="Bac Ninh")
    assert got == [
        ("province/bac-giang", "foreign-locality/busan", "Negotiating"),
        ("province/bac-giang", "foreign-locality/xaysomboun", "Signed"),
        ("province/bac-ninh", "foreign-locality/gunma", "Proposed"),
        ("province/bac-ninh", "foreign-locality/gyeonggi", "Active"),
        ("province/bac-ninh", "foreign-locality/lakeshire", "Signed"),
    ]
    # Bac Giang itself was merged into Bac Ninh: it has no predecessors of its own
    assert {r[0] for r in rows(small_store, "partners-with-predecessors", ("via",), province="Bac Giang")} == {
        "province/bac-giang"}


def test_entities_without_wikidata(small_store, small_corpus):
    got = {r[0] for r in rows(small_store, "entities-without-wikidata", ("entity",))}
    wikidata = {e.id for e in gazetteer.load() if e.wikidata}
    mentioned = {entity.id for _, extraction in small_corpus for entity in extraction.entities.values()}
    assert got == mentioned - wikidata
    assert "corporation/sao-mai-star-tech-co-cong-ty-north" in got and "province/bac-ninh" not in got


def test_documents_mentioning(small_store, docs):
    got = rows(small_store, "documents-mentioning", ("document", "date", "publisher"), entity="South Korea")
    assert got == [(docs[DOC1], "2021-05-10", "Test Gazette"), (docs[DOC2], "2024-03-15", "Test Gazette")]
    assert rows(small_store, "documents-mentioning", ("document",), entity="province:bac-giang") == [(docs[DOC1],)]


# --- parameter binding -------------------------------------------------------------------------


def test_labels_resolve_in_english_vietnamese_and_any_case(small_store):
    for name in ("Bac Ninh", "bắc ninh", "BAC NINH", "Tỉnh Bắc Ninh"):
        assert resolve_label(small_store, name, "Province").value == ID + "province/bac-ninh"


def test_iris_and_prefixed_names_are_accepted(small_store):
    query = saved_queries()["partners-of-province"]
    for text in (ID + "province/bac-ninh", f"<{ID}province/bac-ninh>", "province:bac-ninh"):
        assert bind_params(small_store, query, {"province": text})["province"].value == ID + "province/bac-ninh"


def test_hostile_values_are_bound_as_terms_never_pasted(small_store, hostile_text):
    HOSTILE_LABEL = hostile_text["label"]
    query = saved_queries()["documents-mentioning"]
    assert len(rows(small_store, "documents-mentioning", ("document",), entity=HOSTILE_LABEL)) == 1
    injection = 'x" } UNION { ?entity ?p ?o } #'
    with pytest.raises(QueryError, match="no entity is named"):
        bind_params(small_store, query, {"entity": injection})


def test_unknown_missing_and_ambiguous_parameters_are_errors(small_store):
    query = saved_queries()["partners-of-province"]
    with pytest.raises(QueryError, match="needs --param province"):
        bind_params(small_store, query, {})
    with pytest.raises(QueryError, match="has no parameter"):
        bind_params(small_store, query, {"province": "Bac Ninh", "year": "2020"})
    with pytest.raises(QueryError, match="no Province entity"):
        bind_params(small_store, query, {"province": "Gyeonggi"})


def test_header_parsing():
    parsed = parse_saved_query("x", "# title: T\n# description: D\n# param: p (label Province) the p\n"
                                    "# param: q (literal) a q\nSELECT ?p ?q WHERE {}\n# title: not header\n")
    assert (parsed.title, parsed.description) == ("T", "D")
    assert [(p.name, p.kind, p.cls) for p in parsed.params] == [("p", "label", "Province"), ("q", "literal", None)]
    with pytest.raises(QueryError):
        parse_saved_query("y", "# param: broken\nSELECT * {}")


def test_run_saved_binds_text_parameters(small_store):
    got = sorted(row["partner"].value.rsplit("/", 1)[-1]
                 for row in run_saved(small_store, "partners-of-province", province="bac ninh"))
    assert got == ["gunma", "gyeonggi", "lakeshire"]
    with pytest.raises(QueryError, match="needs --param province"):
        run_saved(small_store, "partners-of-province")


# --- the report queries (issue 15): one province, a period, with or without merged provinces ----

ALL = {"from": "", "to": ""}


def report(store, name, columns, merged="true", **period):
    return rows(store, name, columns, province="Bac Ninh", merged=merged, **(period or ALL))


def test_report_partnerships(small_store, docs):
    columns = ("via", "partner", "country", "stage", "year")
    assert report(small_store, "report-partnerships", columns) == [
        ("province/bac-ninh", "foreign-locality/gyeonggi", "country/south-korea", "Active", "2019"),
        ("province/bac-giang", "foreign-locality/busan", "country/south-korea", "Negotiating", "2021"),
        ("province/bac-giang", "foreign-locality/xaysomboun", "country/laos", "Signed", "2021"),
        ("province/bac-ninh", "foreign-locality/gunma", "country/japan", "Proposed", "2024"),
        ("province/bac-ninh", "foreign-locality/lakeshire", "country/south-korea", "Signed", "2024"),
    ]
    # without the merged province, in one year: the year of the article when the fact has no date
    assert report(small_store, "report-partnerships", ("partner", "year", "document"), merged="false",
                  **{"from": "2024", "to": "2024"}) == [
        ("foreign-locality/gunma", "2024", docs[DOC2]), ("foreign-locality/lakeshire", "2024", docs[DOC2])]
    assert report(small_store, "report-partnerships", columns, **{"from": "2022", "to": "2023"}) == []


def test_report_partnership_stages(small_store):
    got = report(small_store, "report-partnership-stages", ("stage", "statements", "partners"))
    assert sorted(got) == [("Active", "1", "1"), ("Negotiating", "1", "1"), ("Proposed", "1", "1"),
                           ("Signed", "2", "2")]
    assert sorted(report(small_store, "report-partnership-stages", ("stage", "statements"), merged="false",
                         **{"from": "2019", "to": "2021"})) == [("Active", "1")]


def test_report_visits(small_store):
    # Nguyen Van An chairs the Bac Ninh committee and visited Gyeonggi: a delegation out
    assert report(small_store, "report-visits", ("direction", "visitor", "place", "year")) == [
        ("out", "person/nguyen-van-an", "foreign-locality/gyeonggi", "2024")]


def test_report_investments(small_store):
    got = report(small_store, "report-investments", ("via", "investor", "country", "amount", "currency", "year"))
    assert sorted(got, key=lambda r: r[1]) == [
        ("province/bac-ninh", "corporation/canon", "country/japan", "50000000000", "JPY", "2024"),
        ("province/bac-giang", "corporation/foxconn", "country/taiwan", "1500000000", "USD", "2021"),
        ("province/bac-ninh", "corporation/samsung-electronics", "country/south-korea", "2500000000", "USD", "2024"),
        ("province/bac-giang", next(r[1] for r in got if r[4] == "VND"), "country/south-korea", "30000000000", "VND",
         "2021"),
    ]


def test_report_investment_totals(small_store):
    columns = ("hasAmount", "currency", "total", "statements")
    assert report(small_store, "report-investment-totals", columns) == [
        ("true", "JPY", "50000000000", "1"), ("true", "USD", "4000000000", "2"), ("true", "VND", "30000000000", "1")]
    assert report(small_store, "report-investment-totals", columns, merged="false") == [
        ("true", "JPY", "50000000000", "1"), ("true", "USD", "2500000000", "1")]


def test_report_investment_by_country(small_store):
    got = report(small_store, "report-investment-by-country", ("country", "currency", "total", "statements"))
    assert got == [("country/japan", "JPY", "50000000000", "1"), ("country/south-korea", "USD", "2500000000", "1"),
                   ("country/taiwan", "USD", "1500000000", "1"), ("country/south-korea", "VND", "30000000000", "1")]


def test_report_aid(small_store):
    got = report(small_store, "report-aid", ("via", "donor", "amount", "currency", "year"))
    assert got == [("province/bac-giang", "government-body/koica", "500000", "USD", "2020"),
                   ("province/bac-ninh", "ngo/save-the-children", "200000.5", "USD", "2023")]


def test_report_aid_by_donor(small_store):
    got = report(small_store, "report-aid-by-donor", ("donor", "hasAmount", "currency", "total", "statements"),
                 merged="false")
    assert got == [("ngo/save-the-children", "true", "USD", "200000.5", "1")]


def test_report_heritage(small_store):
    got = report(small_store, "report-heritage", ("item", "predicate", "body", "listing", "year"))
    assert got == [
        ("heritage-item/quan-ho-bac-ninh-folk-songs", "heritageOf", "province/bac-ninh", "RepresentativeList", "2009"),
        ("heritage-item/quan-ho-bac-ninh-folk-songs", "recognizedBy", "international-organization/unesco",
         "RepresentativeList", "2009")]


def test_report_officials(small_store):
    got = report(small_store, "report-officials", ("person", "role", "body", "year"))
    assert got == [("person/nguyen-van-an", "Chairman",
                    "government-body/bac-ninh-provincial-people-s-committee", "2024")]


def test_report_cooperation(small_store):
    got = report(small_store, "report-cooperation", ("predicate", "other", "fields", "year"))
    assert sorted(got) == [
        ("cooperatesWith", "government-body/jica", "education, health", "2024"),
        ("memberOf", "international-organization/tourism-promotion-organization-for-asia-pacific-cities", None,
         "2024")]
