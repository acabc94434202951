"""Heritage sites found by their heads ("Biosphere Reserve", "Geopark", "Landscape Complex",
"ancient town", "Memorial Site"), owned by the province and recognised by UNESCO when stated."""

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import extract


def run(text):
    extraction = extract(Document.create("t", text))
    heritage = {e.label for e in extraction.entities.values() if e.type == "HeritageItem"}
    facts = {(f.predicate, f.subject.split("/")[-1], f.object.split("/")[-1]) for f in extraction.facts}
    return heritage, facts


def test_biosphere_reserve_recognised_by_unesco():
    heritage, facts = run("Kien Giang is home to the Phu Quoc Islands World Biosphere Reserve, "
                          "which UNESCO recognised in 2006.")
    assert heritage == {"Phu Quoc Islands World Biosphere Reserve"}
    assert ("heritageOf", "phu-quoc-islands-world-biosphere-reserve", "kien-giang") in facts
    assert ("recognizedBy", "phu-quoc-islands-world-biosphere-reserve", "unesco") in facts


def test_geopark_and_landscape_complex():
    heritage, _ = run("Cao Bang showed the Ngan Son Karst UNESCO Global Geopark and the Ba Be Landscape Complex.")
    assert heritage == {"Ngan Son Karst UNESCO Global Geopark", "Ba Be Landscape Complex"}


def test_ancient_town_and_memorial_site():
    heritage, facts = run("Guests toured the Duong Lam ancient town and the Tran Phu Memorial Site in Ha Tinh.")
    assert heritage == {"Duong Lam ancient town", "Tran Phu Memorial Site"}
    assert not any(p == "recognizedBy" for p, _, _ in facts)  # no UNESCO cue, no recognition


def test_heads_without_their_site_word_are_no_heritage():
    heritage, _ = run("Ha Tinh built a new town, a Logistics Complex and a Bus Site near the port.")
    assert heritage == set()
    heritage, _ = run("The World Biosphere Reserve network met in Hanoi.")  # no name before the head
    assert heritage == set()
