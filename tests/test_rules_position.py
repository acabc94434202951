"""holdsPosition rules, persons and short references."""

import pytest

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import ExtractorConfig, extract


def test_name_title_of_body_chain(edges):
    text = ("Mrs. Tran Thi Hoa, Member of the Party Central Committee, Secretary of the Quang Tri "
            "Provincial Party Committee, met investors.")
    found = {(s, o, f.role) for s, o, f in edges(text, "holdsPosition")}
    assert found == {("Tran Thi Hoa", "Party Central Committee", "Member"),
                     ("Tran Thi Hoa", "Quang Tri Provincial Party Committee", "Secretary")}


def test_title_of_body_then_name_and_provincial_body_named_after_province(sample_config, pairs):
    text = ("Quang Tri seeks partners.\nDirector of the provincial Department of Foreign Affairs "
            "Le Van Binh said the plan is ready. Binh added that Laos is a key partner.")
    extraction = extract(Document.create("t", text), sample_config)
    person = next(e for e in extraction.entities.values() if e.type == "Person")
    assert person.label == "Le Van Binh" and "Binh" in person.aliases
    assert pairs(text, "holdsPosition") == {("Le Van Binh", "Quang Tri Department of Foreign Affairs")}


def test_foreign_name_before_title_and_governor_of_a_province(edges):
    text = "The MOU was signed by Park Ji-won, Vice Governor of Gyeonggi Province, and Dong Nai leaders."
    assert {(s, o, f.role) for s, o, f in edges(text, "holdsPosition")} == {
        ("Park Ji-won", "Gyeonggi", "Vice Governor")}


def test_photo_credit_is_not_a_person_and_no_title_no_position(sample_config):
    text = "Workers at the plant. Photo by Tran Uyen\nLe Van Binh met them."
    extraction = extract(Document.create("t", text), sample_config)
    assert {e.label for e in extraction.entities.values() if e.type == "Person"} == {"Le Van Binh"}
    assert extraction.facts == []


@pytest.fixture
def roles(edges):
    """(person, body, role) of every position in ``text``."""
    return lambda text: {(s, o, f.role) for s, o, f in edges(text, "holdsPosition")}


def test_province_before_lower_case_provincial_body(pairs, roles):
    text = ("Opening the fair, Dao Minh Tuan, Secretary of the Ha Tinh provincial Party Committee, "
            "praised local firms.")
    assert roles(text) == {("Dao Minh Tuan", "Ha Tinh Provincial Party Committee", "Secretary")}
    # a person named before a province that is not a body's qualifier holds nothing there
    assert pairs("Dao Minh Tuan, who grew up in Ha Tinh, praised local firms.", "holdsPosition") == set()


def test_foreign_governor_before_name(pairs, roles):
    text = "Gifu Deputy Governor Kenji Arai said the prefecture wanted more Vietnamese trainees."
    assert roles(text) == {("Kenji Arai", "Gifu", "Deputy Governor")}
    # only governors and mayors hold a post in a place; a "Director" of a place is not one
    assert pairs("Gifu Director Kenji Arai said so.", "holdsPosition") == set()


def test_title_of_place_then_name(pairs):
    text = "He held talks with Governor of Savannakhet province Bounma Phommachanh in the provincial capital."
    assert pairs(text, "holdsPosition") == {("Bounma Phommachanh", "Savannakhet")}
    assert pairs("He travelled with his friend from Savannakhet province Bounma Phommachanh.",
                 "holdsPosition") == set()


def test_ambassador_name_of_mission(sample_config, roles):
    text = "Ambassador Olga Petrova Ivanova of the Embassy of Russia in Vietnam attended the ceremony."
    assert roles(text) == {("Olga Petrova Ivanova", "Embassy of Russia in Vietnam", "Ambassador")}
    # the mission names its host city too: that place is mentioned
    extraction = extract(Document.create("t", "Tran Van Long of the Chinese Consulate General in Da Nang spoke.",
                                         ), sample_config)
    labels = {e.label for e in extraction.entities.values()}
    assert {"Chinese Consulate General in Da Nang", "Da Nang"} <= labels
    assert not [f for f in extraction.facts if f.predicate == "holdsPosition"]


def test_consul_general_heads_a_delegation(pairs, roles):
    text = ("A delegation from the Lao Consulate General in Da Nang, headed by Consul General "
            "Somsak Inthavong, paid a working visit to Quang Tri.")
    assert roles(text) == {("Somsak Inthavong", "Lao Consulate General in Da Nang", "Consul General")}
    untitled = ("A delegation from the Lao Consulate General in Da Nang, headed by Somsak Inthavong, "
                "paid a working visit to Quang Tri.")
    assert pairs(untitled, "holdsPosition") == set()


def test_given_name_nam_is_part_of_a_name_but_viet_nam_is_not(sample_config, pairs):
    text = "Hoang Nam Khanh, Vice Chairman of the Quang Tri Provincial People's Committee, spoke."
    assert pairs(text, "holdsPosition") == {("Hoang Nam Khanh", "Quang Tri Provincial People's Committee")}
    extraction = extract(Document.create("t", "Tran Duc Viet Nam became famous."), sample_config)
    assert "Tran Duc Viet Nam" not in {e.label for e in extraction.entities.values()}


def test_an_in_a_province_name_is_not_an_article(sample_config):
    from diplomap.ontology.gazetteer import Entry

    entries = sample_config.entries + (Entry(id="province/an-giang", type="Province", label="An Giang"),)
    config = ExtractorConfig(entries=entries)
    text = "Director of the An Giang Department of Foreign Affairs Le Thi Hoa said so."
    extraction = extract(Document.create("t", text), config)
    labels = {e.label for e in extraction.entities.values()}
    assert "An Giang Department of Foreign Affairs" in labels
    assert not any(label.startswith("Giang") for label in labels)


def test_place_delegation_led_by_its_governor(pairs, roles):
    text = "Talks were held with a Gifu delegation led by Vice Governor Kenji Arai on Monday."
    assert roles(text) == {("Kenji Arai", "Gifu", "Vice Governor")}
    director = "Talks were held with a Gifu delegation led by Director Kenji Arai on Monday."
    assert pairs(director, "holdsPosition") == set()
