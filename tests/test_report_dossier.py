"""The province dossier (issue 15) on the sample corpus and the small store: sections, figures
(each equals its saved query's answer), footnotes (each evidence sentence is in the store),
the 2025 merger, empty periods, Vietnamese headings, escaping. Expected values come from the
store through the saved queries, never from the extractor's current output."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest
from pyoxigraph import Literal, NamedNode

from diplomap.graph.query.saved import run_saved
from diplomap.graph.report.collect import ROW_QUERIES, collect, local
from diplomap.graph.report.page import render_page
from diplomap.graph.report.period import Period, make_period
from diplomap.graph.report.tables import report_tables
from diplomap.ontology.errors import InputError

SECTIONS = list(ROW_QUERIES)
EVIDENCE_ASK = """PREFIX dm: <https://w3id.org/diplomap/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
ASK { ?s dm:evidence ?evidence ; prov:wasDerivedFrom ?document }"""


@pytest.fixture(scope="module")
def sample_store():
    """The sample corpus of examples/, extracted and loaded as ``diplomap build`` does."""
    from diplomap.graph.ingest.pipeline import build_paths
    from diplomap.graph.store.registry import StoreSpec, open_store

    store = open_store(StoreSpec("memory"))
    build_paths(store, [str(Path(__file__).resolve().parents[1] / "examples" / "corpus")])
    yield store
    store.close()


def _values(rows):
    return [{k: v.value for k, v in row.items()} for row in rows]


def _expected(store, dossier, query: str, key: str) -> Decimal:
    """What the saved query answers for a figure's key (see graph/report/page.py)."""
    rows = _values(run_saved(store, query, **dossier.params))
    if key == "rows":
        return Decimal(len(rows))
    if query == "report-partnerships" and key == "partners":
        return Decimal(len({r["partner"] for r in rows}))
    if query == "report-visits":
        return Decimal(sum(r["direction"] == key for r in rows))
    parts = key.split("/")
    if query == "report-partnership-stages":
        [row] = [r for r in rows if local(r["stage"]) == parts[0]]
        return Decimal(row[parts[1]])
    if query == "report-investment-totals":
        if parts[0] == "none":
            [row] = [r for r in rows if r["hasAmount"] == "false"]
            return Decimal(row["statements"])
        [row] = [r for r in rows if r["hasAmount"] == "true" and r.get("currency") == parts[0]]
        if parts[1] == "without-repeats":
            # the total minus every figure of that investor but its largest
            invested = [Decimal(r["amount"]) for r in _values(run_saved(store, "report-investments", **dossier.params))
                        if local(r["investor"]) == parts[2] and r.get("currency") == parts[0] and "amount" in r]
            return Decimal(row["total"]) - sum(invested) + max(invested)
        return Decimal(row[parts[1]])
    if query == "report-investment-by-country":
        [row] = [r for r in rows if local(r.get("country", "")) == parts[0] and r.get("currency") == parts[1]]
        return Decimal(row["total"])
    if query == "report-aid-by-donor":
        [row] = [r for r in rows if local(r["donor"]) == parts[0] and r.get("currency", "none") == parts[1]]
        return Decimal(row[parts[2]])
    raise AssertionError(f"a figure of an unknown query: {query} {key}")


def check_report(store, dossier, page: str) -> lxml.html.HtmlElement:
    """Sections, figures and footnotes of ``page`` against the store."""
    tree = lxml.html.fromstring(page)
    # Self-contained: nothing to fetch, no script.
    assert not tree.xpath("//script | //link | //img | //iframe | //*[@src]")
    assert not [h for h in tree.xpath("//@href") if not h.startswith("#")]
    # Sections: a table with one row per query row, or "no facts found".
    for section in SECTIONS:
        [node] = tree.xpath(f'//section[@id="{section}"]')
        rows = run_saved(store, ROW_QUERIES[section], **dossier.params)
        if rows:
            assert len(node.xpath(".//tbody/tr")) == len(rows), section
        else:
            assert "No facts found for" in node.text_content() or "Không tìm thấy" in node.text_content()
    # Figures: each equals its saved query's answer.
    figures = tree.xpath('//span[@class="figure"]')
    for span in figures:
        expected = _expected(store, dossier, span.get("data-query"), span.get("data-key"))
        assert Decimal(span.get("data-value")) == expected, (span.get("data-query"), span.get("data-key"))
    # Footnotes: every fact carries at least one, each points to a note, each note's sentence is in the store.
    notes = {li.get("id"): li for li in tree.xpath('//li[@class="footnote"]')}
    assert len(notes) == len(dossier.footnotes)
    for fact in tree.xpath('//*[contains(concat(" ", @class, " "), " fact ")]'):
        links = fact.xpath('.//sup[@class="fn"]/a/@href')
        assert links, f"a fact without a footnote: {fact.text_content()[:80]!r}"
        assert all(link[1:] in notes for link in links)
    for li in notes.values():
        [quote] = li.xpath("./blockquote")
        assert store.ask(EVIDENCE_ASK, {"evidence": Literal(quote.text_content()),
                                        "document": NamedNode(li.get("data-document"))}), quote.text_content()
    return tree


def test_sample_report_all_years_and_busiest_year(sample_store):
    every = collect(sample_store, "Bac Ninh", Period())
    assert sum(map(len, every.sections.values())) > 10  # the corpus was extracted
    tree = check_report(sample_store, every, render_page(every))
    assert tree.xpath('//section[@id="network"]//svg')
    assert tree.xpath('//span[@class="figure"]')
    # a year with facts: the one most partnership statements fall in (from the store, not hard-coded)
    years = [r["year"].value for r in run_saved(sample_store, "report-partnerships", province="Bac Ninh",
                                                **{"from": "", "to": ""}, merged="true") if "year" in r]
    busiest = int(max(set(years), key=years.count))
    one = collect(sample_store, "bắc ninh", Period(busiest, busiest))
    tree = check_report(sample_store, one, render_page(one))
    assert tree.xpath('//section[@id="changes"]//li[contains(@class, "fact")]')


def test_investment_chart_and_totals(sample_store):
    dossier = collect(sample_store, "Bac Ninh", Period())
    tree = lxml.html.fromstring(render_page(dossier))
    by_country = dossier.figures["report-investment-by-country"]
    if by_country:
        bars = tree.xpath('//section[@id="investment"]//svg[@class="chart"]//rect')
        assert len(bars) == len(by_country)
    rows = dossier.sections["investment"]
    without = [r for r in rows if "amount" not in r]
    text = tree.xpath('//section[@id="investment"]')[0].text_content()
    if without:
        assert "no amount" in text


def test_empty_period_says_no_facts_found(small_store):
    dossier = collect(small_store, "Bac Ninh", Period(1990, 1990))
    assert dossier.empty
    tree = check_report(small_store, dossier, render_page(dossier))
    assert "No facts found for Bac Ninh in 1990." in tree.text_content()
    assert len(tree.xpath('//p[contains(@class, "empty")]')) >= len(SECTIONS)


def _add_document(store, identity, published, sentence, predicate, subject, object_, **qualifiers):
    """One more article with one fact: subject and object are (type, label, gazetteer id)."""
    from diplomap.loaders.documents import Document
    from diplomap.loaders.emit import document_quads, entity_quads
    from diplomap.loaders.facts import Entity, Extraction, Fact

    s, o = (Entity(type=t, label=label, gazetteer_id=gid) for t, label, gid in (subject, object_))
    doc = Document.create(identity, sentence, title=f"About {s.label}", date=published, source="Test Gazette",
                          url=f"https://example.org/{identity}")
    fact = Fact(predicate=predicate, subject=s.id, object=o.id, evidence=sentence, start=0, end=len(sentence),
                rule=f"test.{predicate}", confidence=0.9, **qualifiers)
    extraction = Extraction(entities={s.id: s, o.id: o}, facts=[fact])
    store.replace_graph(doc.iri(), document_quads(doc, extraction))
    store.add(entity_quads(extraction))
    return sentence


def _add_2025_bac_giang(store):
    """A Bac Giang partnership dated 2025, before the merger of 1 July."""
    return _add_document(store, "news/bac-giang-2025", "2025-03-20",
                         "In March 2025 Bac Giang signed a friendship agreement with Gunma.", "partnerOf",
                         ("Province", "Bac Giang", "province/bac-giang"),
                         ("ForeignLocality", "Gunma", "foreign-locality/gunma"), status="Signed", date="2025-03")


def test_figures_of_one_investor_from_two_articles_are_named(small_store):
    from decimal import Decimal as D

    _add_document(small_store, "news/samsung-again", "2024-09-01",
                  "Samsung Electronics has put 2.6 billion USD into Bac Ninh.", "investsIn",
                  ("Corporation", "Samsung Electronics", "corporation/samsung-electronics"),
                  ("Province", "Bac Ninh", "province/bac-ninh"), amount=D("2600000000"), currency="USD")
    dossier = collect(small_store, "Bac Ninh", Period(2024, 2024))
    tree = check_report(small_store, dossier, render_page(dossier))  # checks the "without repeats" figure too
    [repeat] = tree.xpath('//p[contains(@class, "repeat")]')
    text = repeat.text_content()
    assert "Samsung Electronics" in text and "2,500,000,000 USD" in text and "2,600,000,000 USD" in text
    assert len(repeat.xpath('.//sup[@class="fn"]')) == 2


def test_post_merger_report_includes_former_bac_giang(small_store):
    sentence = _add_2025_bac_giang(small_store)
    dossier = collect(small_store, "Bac Ninh", Period(2025, 2025))
    assert [m.label for m in dossier.merged] == ["Bac Giang"]
    tree = check_report(small_store, dossier, render_page(dossier))
    [row] = tree.xpath('//section[@id="partnerships"]//tbody/tr')
    assert "Gunma" in row.text_content() and "former Bac Giang" in row.text_content()
    assert "includes former Bac Giang" in tree.xpath('//p[@class="merger"]')[0].text_content()
    assert sentence in [q.text_content() for q in tree.xpath("//blockquote")]
    # before the merger Bac Ninh's report is Bac Ninh's alone
    before = collect(small_store, "Bac Ninh", Period(2021, 2021))
    assert not before.merged and not any(r["via"] != before.province for rows in before.sections.values()
                                         for r in rows)
    # and Bac Giang's own report says where it went
    gone = render_page(collect(small_store, "Bac Giang", Period(2025, 2025)))
    assert "was merged into Bac Ninh on 2025-07-01" in gone


def test_hostile_article_text_is_escaped(small_store, hostile_text):
    dossier = collect(small_store, "Bac Ninh", Period())
    page = render_page(dossier)
    assert "<b>not html</b>" not in page and "&lt;b&gt;not html&lt;/b&gt;" in page
    assert "<Tech>" not in page
    tree = check_report(small_store, dossier, page)
    assert hostile_text["sentence"] in [q.text_content() for q in tree.xpath("//blockquote")]
    assert 'Bắc Giang &amp; Xaysomboun: "friends" &lt;2021&gt;' in page or \
        "Bắc Giang &amp; Xaysomboun: &quot;friends&quot; &lt;2021&gt;" in page


def test_vietnamese_headings_and_names(small_store):
    dossier = collect(small_store, "Bac Ninh", Period())
    tree = check_report(small_store, dossier, render_page(dossier, "vi"))
    assert tree.xpath("//h1")[0].text_content() == "Quan hệ đối ngoại của Bắc Ninh"
    assert tree.get("lang") == "vi" or tree.xpath("/html/@lang") == ["vi"]
    assert "Quan hệ hợp tác" in [h.text_content() for h in tree.xpath("//h2")]


def test_tables_are_the_report_rows(small_store):
    dossier = collect(small_store, "Bac Ninh", Period())
    tables = report_tables(dossier)
    for section in SECTIONS:
        assert len(tables[section]) == len(dossier.sections[section])
    assert {"partner", "stage", "footnote"} <= set(tables["partnerships"][0])


@pytest.mark.parametrize("args, message", [
    ({"year": 2022, "start": 2021}, "not both"),
    ({"start": 2021}, "both --from and --to"),
    ({"start": 2023, "end": 2021}, "after"),
    ({"year": 20222}, "out of range"),
    ({"all_years": True, "year": 2022}, "--all-years"),
])
def test_bad_periods(args, message):
    with pytest.raises(InputError, match=message):
        make_period(**args)


def test_unknown_province(small_store):
    with pytest.raises(InputError, match="no Province named 'Atlantis'"):
        collect(small_store, "Atlantis", Period())
