"""partnerOf, round 3: who the actor is (not a bracketed or merged-in province) and the stage per
conjunct (standing ties, only-discussed ties, a signing that did not happen)."""

import pytest

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import extract
from diplomap.loaders.rules_partnership import conjunct_of, stage_of, standing_stage


@pytest.fixture
def statuses(edges):
    """(subject, object, stage) of every partnership in ``text``."""
    return lambda text, date=None: {(s, o, f.status) for s, o, f in edges(text, "partnerOf", date)}


def test_bracketed_merged_province_is_not_the_actor(statuses):
    text = "Quang Tri province (merged with Ha Tinh) and Savannakhet province of Laos signed a cooperation deal."
    assert statuses(text) == {("Quang Tri", "Savannakhet", "Signed")}
    plain = "Quang Tri province and Ha Tinh province signed a cooperation deal with Savannakhet province."
    assert {s for s, _, _ in statuses(plain)} == {"Quang Tri", "Ha Tinh"}


def test_apposition_province_is_not_the_actor(statuses):
    text = "Ha Tinh, the coastal province next to Quang Tri, signed a twinning agreement with Gifu Prefecture."
    assert statuses(text) == {("Ha Tinh", "Gifu", "Signed")}


def test_province_after_the_partner_is_not_the_actor(statuses):
    text = ("Quang Tri has long-standing relations with Savannakhet province of Laos through a road "
            "project once run by the former Ha Tinh authorities.")
    assert statuses(text) == {("Quang Tri", "Savannakhet", "Active")}


def test_the_province_as_subject_names_the_main_province(statuses):
    text = ("Ha Tinh held a review meeting on Monday. Abroad, the province is negotiating a "
            "memorandum with Gifu Prefecture.")
    assert statuses(text) == {("Ha Tinh", "Gifu", "Negotiating")}


def test_stage_per_conjunct(statuses):
    text = ("Quang Tri maintains friendship relations with Savannakhet province of Laos and is "
            "negotiating a memorandum with Gifu Prefecture.")
    assert statuses(text) == {("Quang Tri", "Savannakhet", "Active"), ("Quang Tri", "Gifu", "Negotiating")}


def test_conjunct_split_only_before_a_verb():
    text = "ties with Gifu and Savannakhet and is negotiating with Trang"
    assert conjunct_of(text, text.index("Savannakhet")) == "ties with Gifu and Savannakhet"
    assert conjunct_of(text, text.index("Trang")).startswith("is negotiating")


def test_standing_agreement_signed_years_ago_is_active(statuses):
    assert standing_stage("reviewed their friendship agreement, signed in 2016, and", "Signed", 2024) == "Active"
    assert standing_stage("the agreement, signed in 2024, covers trade", "Signed", 2024) == "Signed"
    assert standing_stage("currently maintains ties with X, signed in 2011", "Signed", None) == "Active"
    assert standing_stage("signed a memorandum with X on Monday", "Signed", 2024) == "Signed"
    text = "Quang Tri has previously established cooperative relations with Savannakhet province of Laos."
    assert statuses(text, date="2024-03-01") == {("Quang Tri", "Savannakhet", "Active")}


def test_only_discussed_is_proposed_and_unsigned_is_not_signed():
    assert stage_of("they discussed the possibility of setting up ties with X") == "Proposed"
    assert stage_of("the sides are discussing the draft memorandum") == "Negotiating"
    assert stage_of("they talked about ties, although no document was signed") is None
    assert stage_of("a memorandum was signed on the spot") == "Signed"


def test_sister_city_is_a_kind_not_a_stage():
    assert stage_of("Ha Tinh and Gifu are sister cities") == "Active"
    assert stage_of("they discussed the possibility of a sister-city tie with X") == "Proposed"
    assert stage_of("X plans to become a sister city of Y") == "Proposed"


def test_vietnamese_city_partners_a_foreign_town_but_a_venue_does_not(sample_config):
    extraction = extract(Document.create("t", "Ha Tinh welcomed guests. Officials discussed a sister-city "
                                              "relationship between Hong Linh town and the town of Bergen."))
    label = {key: entity.label for key, entity in extraction.entities.items()}
    pairs = {(label[f.subject], label[f.object]) for f in extraction.facts if f.predicate == "partnerOf"}
    assert pairs == {("Hong Linh Town", "Bergen")} or pairs == {("Hong Linh", "Bergen")}
    venue = extract(Document.create("t", "The memorandum was signed in Hong Linh town by Quang Tri and "
                                         "Savannakhet province of Laos."), sample_config)
    subjects = {venue.entities[f.subject].label for f in venue.facts if f.predicate == "partnerOf"}
    assert subjects == {"Quang Tri"}


def test_headline_needs_a_signing_verb(sample_config):
    def partners(title, body):
        doc = Document.create("t", f"{title}\n\n{body}", title=title)
        return {(f.status, f.evidence[:10]) for f in extract(doc, sample_config).facts if f.predicate == "partnerOf"}
    vague = partners("Quang Tri deepens ties with Savannakhet", "Officials met on Monday in Hanoi.")
    assert vague == set()
    signed = partners("Quang Tri, Savannakhet sign cooperation deal", "Officials met on Monday in Hanoi.")
    assert signed == {("Signed", "Quang Tri,")}


def test_place_named_by_apposition():
    extraction = extract(Document.create("t", "Quang Tri is negotiating a memorandum with Lindavik, "
                                              "a port city in Norway."))
    label = {key: entity.label for key, entity in extraction.entities.items()}
    facts = {(f.predicate, label[f.subject], label[f.object]) for f in extraction.facts}
    assert ("partnerOf", "Quang Tri", "Lindavik") in facts
    assert ("locatedIn", "Lindavik", "Norway") in facts
