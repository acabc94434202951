"""locatedIn: "X city in <Country>'s Y Prefecture" puts X in Y (and Y in the country), not X in the country."""

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import extract


def located(text):
    extraction = extract(Document.create("t", text))
    return {(f.subject.split("/")[-1], f.object.split("/")[-1]) for f in extraction.facts
            if f.predicate == "locatedIn"}


def test_city_in_a_countrys_prefecture():
    found = located("Delegates flew to Kurashiki city in Japan's Okayama Prefecture on Monday.")
    assert ("okayama", "japan") in found
    assert any(child != "okayama" and parent == "okayama" for child, parent in found)
    assert not any(child != "okayama" and parent == "japan" for child, parent in found)


def test_place_in_a_country_without_possessive_stays_in_the_country():
    assert located("Delegates flew to Okayama Prefecture in Japan on Monday.") == {("okayama", "japan")}
