"""aidTo from foreign development agencies (GIZ, AFD, KOICA, JICA) by what they do with money,
NGO names that end before "of <Country>", and "X, a UK-based NGO" -> basedIn."""

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import extract


def facts(text):
    extraction = extract(Document.create("t", text))
    found = {(f.predicate, f.subject.split("/")[-1], f.object.split("/")[-1]) for f in extraction.facts}
    return found, {e.label for e in extraction.entities.values()}


def test_agency_in_relative_clause_spends():
    found, _ = facts("Most money came from GIZ, which spent EUR 2 million on dykes in Bac Lieu.")
    assert ("aidTo", "giz", "bac-lieu") in found


def test_agency_continues_to_finance_every_listed_province():
    found, _ = facts("The French Development Agency (AFD) will continue to finance irrigation in "
                     "Ben Tre and Tra Vinh.")
    assert {("aidTo", "french-development-agency", p) for p in ("ben-tre", "tra-vinh")} <= found
    found, _ = facts("AFD continued to finance a water project in Ben Tre.")
    assert ("aidTo", "french-development-agency", "ben-tre") in found


def test_agency_handing_over_a_building():
    found, _ = facts("KOICA handed over a USD 1 million school to Tra Vinh on Friday.")
    assert ("aidTo", "koica", "tra-vinh") in found


def test_agency_merely_mentioned_gives_nothing():
    found, _ = facts("Tra Vinh officials met KOICA representatives to review tourism statistics.")
    assert not any(p == "aidTo" for p, _, _ in found)


def test_foundation_of_country_is_name_plus_origin():
    found, labels = facts("The Sakura Health Foundation of Japan donated 300 beds to Tra Vinh.")
    assert "Sakura Health Foundation" in labels
    assert ("basedIn", "sakura-health-foundation", "japan") in found
    _, labels = facts("The Mekong Health Foundation for Rural Children donated 300 beds to Tra Vinh.")
    assert "Mekong Health Foundation for Rural Children" in labels


def test_hyphen_based_apposition():
    found, _ = facts("Oxfam, a UK-based charity, donated rice to Tra Vinh.")
    assert ("basedIn", "oxfam", "united-kingdom") in found
    found, _ = facts("Oxfam donated rice to Tra Vinh, a Mekong-based province near Japan.")
    assert not any(p == "basedIn" for p, _, _ in found)
