"""partnerOf rules: stage from modality; negation; a country alone is no partner."""

import pytest


def test_signed_agreement_with_foreign_province_and_relative_date(edges):
    found = edges("Last year, Quang Tri signed a cooperation agreement with Savannakhet province of Laos "
                  "in the fields of trade, tourism and education.", "partnerOf", date="2023-05-01")
    assert [(s, o) for s, o, _ in found] == [("Quang Tri", "Savannakhet")]
    fact = found[0][2]
    assert (fact.status, fact.date, fact.rule) == ("Signed", "2022", "partnership.signed")
    assert fact.fields == ("trade", "tourism", "education")
    assert fact.evidence.startswith("Last year") and fact.end - fact.start == len(fact.evidence)


def test_stages_from_modality(edges):
    cases = {
        "Ha Tinh aims to establish friendship relations with Gifu Prefecture.": "Proposed",
        "Ha Tinh is negotiating a twinning agreement with Gifu Prefecture.": "Negotiating",
        "Ha Tinh has been twinned with Gifu Prefecture since 2005.": "Active",
        "Ha Tinh inked a memorandum of understanding with Gifu Prefecture.": "Signed",
    }
    for sentence, stage in cases.items():
        found = edges(sentence, "partnerOf")
        assert [f.status for _, _, f in found] == [stage], sentence


def test_unknown_foreign_province_found_by_pattern_with_its_country(pairs):
    found = pairs("Dong Nai signed an MOU with Chungcheongnam province (South Korea).", "partnerOf")
    assert found == {("Dong Nai", "Chungcheongnam")}


def test_negated_or_cancelled_agreement_gives_no_partnership(edges):
    assert edges("Ha Tinh did not sign the agreement with Gifu Prefecture.", "partnerOf") == []
    assert edges("Ha Tinh shelved the planned MOU with Gifu Prefecture.", "partnerOf") == []


def test_country_or_mere_mention_is_no_partnership(edges):
    assert edges("Quang Tri signed a cooperation agreement with Japan.", "partnerOf") == []
    assert edges("Quang Tri exports pepper; Gifu Prefecture grows rice.", "partnerOf") == []


def test_partner_named_without_head_and_its_parent_places_are_not_partners(edges, pairs):
    text = "Dong Nai has been twinned with Fresno, a farm city in the United States, since 2001."
    found = edges(text, "partnerOf")
    assert [(s, o, f.status) for s, o, f in found] == [("Dong Nai", "Fresno", "Active")]
    assert pairs(text, "locatedIn") == {("Fresno", "United States")}


def test_hoped_to_is_a_proposal(edges):
    found = edges("Ha Tinh hoped to start exchanges with Gifu Prefecture.", "partnerOf")
    assert [f.status for _, _, f in found] == ["Proposed"]


@pytest.fixture
def statuses(edges):
    """(subject, object, stage) of every partnership in ``text``."""
    return lambda text: {(s, o, f.status) for s, o, f in edges(text, "partnerOf")}


def test_landmark_province_is_not_the_partner(pairs):
    text = ("Ha Tinh, a coastal province some 50km south of Quang Tri, has proposed establishing "
            "friendship relations with Savannakhet province of Laos.")
    assert pairs(text, "partnerOf") == {("Ha Tinh", "Savannakhet")}
    bordering = "Dong Nai, the industrial hub bordering Da Nang, signed an agreement with Gifu."
    assert pairs(bordering, "partnerOf") == {("Dong Nai", "Gifu")}
    both = "Ha Tinh and neighbouring Quang Tri signed an agreement with Savannakhet."
    assert pairs(both, "partnerOf") == {("Ha Tinh", "Savannakhet"), ("Quang Tri", "Savannakhet")}


def test_venue_and_destination_are_not_partners(pairs):
    text = "Ha Tinh province and Savannakhet province of Laos signed a cooperation agreement in Trang city."
    assert pairs(text, "partnerOf") == {("Ha Tinh", "Savannakhet")}
    trip = "Ha Tinh would propose establishing ties with Gifu during a trip to Trang planned for next spring."
    assert pairs(trip, "partnerOf") == {("Ha Tinh", "Gifu")}
    route = "Ha Tinh plans a tourism route linking Ha Tinh city with Trang and Savannakhet."
    assert pairs(route, "partnerOf") == set()


def test_not_signed_gives_no_partnership(pairs):
    text = ("A memorandum between Ha Tinh and Gifu, which had been expected to be signed in June, "
            "was not signed after Gifu changed its priorities.")
    assert pairs(text, "partnerOf") == set()


def test_talks_under_way_and_discussing_are_negotiating_per_clause(statuses):
    text = ("Ha Tinh and Savannakhet had signed a cooperation agreement in 2019, while talks are under "
            "way with Gifu on a memorandum covering logistics.")
    assert statuses(text) == {("Ha Tinh", "Savannakhet", "Signed"), ("Ha Tinh", "Gifu", "Negotiating")}
    discussing = ("Ha Tinh and Gifu are discussing a friendship agreement that is expected to be signed "
                  "early next year.")
    assert statuses(discussing) == {("Ha Tinh", "Gifu", "Negotiating")}
