"""Foreign cities, counties and districts: found with their country and parent, never as bare words;
GeoNames points for those the gazetteer does not know. Sentences written for these tests."""

from __future__ import annotations

import pytest

from diplomap.loaders.documents import Document
from diplomap.loaders.mention_places import locate, places_by_name
from diplomap.loaders.pipeline import document_rdf, extract

WGS = "http://www.w3.org/2003/01/geo/wgs84_pos#"


def _run(text: str):
    return extract(Document(identity="test", text=text, title="test", date="2024-05-02"))


def _located(extraction) -> set[tuple[str, str]]:
    return {(f.subject, f.object) for f in extraction.facts if f.predicate == "locatedIn"}


@pytest.mark.parametrize(("text", "place", "parent", "country"), [
    ("Yen Bai province signed a friendship agreement with Bonghwa County of North Gyeongsang province, "
     "South Korea, last spring.", "foreign-locality/bonghwa-county", "foreign-locality/north-gyeongsang",
     "country/south-korea"),
    ("A business delegation from Gumi, South Korea, toured two industrial parks in Bac Ninh.",
     "foreign-locality/gumi", None, "country/south-korea"),
    ("Officials of Lam Dong welcomed visitors from Gangnam district of Seoul on Tuesday.",
     "foreign-locality/gangnam", "foreign-locality/seoul", "country/south-korea"),
    ("Quang Nam and Fukuroi in Shizuoka agreed to swap interns for another three years.",
     "foreign-locality/fukuroi", "foreign-locality/shizuoka", "country/japan"),
    ("Lao Cai signed a memorandum with Mile city of Yunnan province, China, on border trade.",
     "foreign-locality/mile", "foreign-locality/yunnan", "country/china"),
    ("Hai Phong set up friendly ties with Kronstadt in Saint Petersburg to share port know-how.",
     "foreign-locality/kronstadt", "foreign-locality/saint-petersburg", "country/russia"),
    ("A delegation of Vyborgsky district of Saint Petersburg met Can Tho leaders last week.",
     "foreign-locality/vyborgsky", "foreign-locality/saint-petersburg", "country/russia"),
])
def test_partner_places_are_found_with_parent_and_country(text, place, parent, country):
    extraction = _run(text)
    assert extraction.entities[place].type == "ForeignLocality"
    located = _located(extraction)
    if parent:
        assert (place, parent) in located
    # its country: stated next to it, or that of the parent it is said to lie in
    up = parent or place
    assert ((place, country) in located or (up, country) in located
            or extraction.entities[up].country == country)


@pytest.mark.parametrize(("text", "place"), [
    ("A business delegation from Gumi, South Korea, toured two industrial parks in Bac Ninh.", "gumi"),
    ("Quang Nam and Fukuroi in Shizuoka agreed to swap interns for another three years.", "fukuroi"),
    ("Lao Cai signed a memorandum with Mile city of Yunnan province, China, on border trade.", "mile"),
])
def test_places_the_gazetteer_does_not_know_get_the_tables_point(text, place):
    quads, _ = document_rdf(Document(identity="test", text=text, title="t", date="2024-05-02"))
    assert {q.subject.value.rsplit("/", 1)[-1] for q in quads if q.predicate.value == WGS + "lat"} >= {place}


@pytest.mark.parametrize("text", [
    "He ran a mile before breakfast in Hanoi every morning.",
    "Nice weather greeted the Bac Ninh delegation at the airport.",
    "Mile after mile of rice fields surround Thai Binh.",
    "Gumi and Kibi were the names of the two dogs in the story.",
    "Ambassador Nice of France opened the photo exhibition in Hue.",  # a title makes it a person
    "Mr Mile of China answered questions from Lao Cai reporters.",
    "Hitachi of Japan will build a transformer plant in Hung Yen.",  # a company of the country
    "Nokia of Finland supplied network gear to Bac Ninh.",
])
def test_bare_words_are_never_places(text):
    assert not [e for e in _run(text).entities.values() if e.type == "ForeignLocality"]


def test_a_name_without_a_head_word_keeps_the_spelling_of_the_text():
    # GeoNames calls the Yunnan city "Miyang"; the article's "Mile" is its name here.
    extraction = _run("Lao Cai agreed to open a market with Mile, Yunnan, next spring.")
    assert extraction.entities["foreign-locality/mile"].country == "country/china"
    assert ("foreign-locality/mile", "foreign-locality/yunnan") in _located(extraction)


def test_a_possessive_anchor_is_not_the_container():
    # the city lies in the krai Russia has, not "in Russia" as the adjacency would say
    extraction = _run("Da Nang renewed its ties with Kronstadt in Russia's Leningrad Oblast this year.")
    assert ("foreign-locality/kronstadt", "country/russia") not in _located(extraction)


def test_a_name_next_to_another_country_is_not_taken():
    # Gumi is in South Korea: "Gumi, Japan" does not fit, so nothing is made up.
    assert "foreign-locality/gumi" not in _run("Students from Gumi, Japan, visited Hue.").entities


def test_geonames_points_for_places_the_gazetteer_does_not_know():
    assert places_by_name()["kronstadt"][0].country == "RU"
    assert locate("Gumi City", "KR") is not None and locate("Gumi", "JP") is None
    doc = Document(identity="test", text="Hai Phong set up friendly ties with Kronstadt in Saint Petersburg.",
                   title="t", date="2024-05-02")
    quads, _ = document_rdf(doc)
    points = {(q.subject.value.rsplit("/", 1)[-1], q.predicate.value): q.object.value for q in quads
              if q.predicate.value.startswith(WGS)}
    assert abs(float(points[("kronstadt", WGS + "lat")]) - 59.99) < 0.1
    assert abs(float(points[("kronstadt", WGS + "long")]) - 29.78) < 0.1
    assert all(q.graph_name == quads[0].graph_name for q in quads)  # in the document's own graph


def _lat(text: str, place: str) -> float | None:
    quads, _ = document_rdf(Document(identity="test", text=text, title="t", date="2024-05-02"))
    return next((float(q.object.value) for q in quads
                 if q.subject.value.endswith("/" + place) and q.predicate.value == WGS + "lat"), None)


def test_a_division_misspelt_by_one_letter_borrows_the_point_of_the_one_it_misspells():
    text = "Ha Tinh hosted governors from Khammoune province of Laos at a trade fair."
    assert abs(_lat(text, "khammoune") - 17.41) < 0.1  # Khammouane's point; the entity keeps its spelling
    assert "foreign-locality/khammoune" in _run(text).entities


@pytest.mark.parametrize("text", [
    "Ha Tinh hosted governors from Khamoune province of Laos at a trade fair.",  # two letters off
    "Ha Tinh hosted governors from Khammoune province of Cambodia at a trade fair.",  # not a division there
])
def test_a_name_further_off_or_in_another_country_borrows_no_point(text):
    assert _lat(text, text.split(" from ")[1].split()[0].lower()) is None


@pytest.mark.parametrize("text", [
    "Thanh Hoa signed a friendship agreement with Gomel of Belarus in 2019.",
    "A delegation from Blois of France visited Hue last week.",
    "Hai Phong has ties with 30 localities, including Toulouse of France, Oakland of the US.",
])
def test_a_city_of_its_country_after_a_place_preposition_is_a_place(text):
    assert [e for e in _run(text).entities.values() if e.type == "ForeignLocality"]


def test_a_second_level_division_abroad_gets_the_point_of_its_largest_place():
    text = "Yen Bai renewed its partnership with France's Val de Marne department this year."
    lat = _lat(text, "val-de-marne")
    assert lat is not None and 48.6 < lat < 48.9  # south-east of Paris
    # the same name said to lie in another country has no division there: no point
    assert _lat(text.replace("France's", "Japan's"), "val-de-marne") is None
