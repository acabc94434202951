"""Vietnamese districts and wards before and after 1 July 2025 (ontology/data/vn-units.tsv, generated from
vietnamadminunits): found next to their province, placed, and a former ward linked to the ward it went
into. Sentences written for these tests."""

from __future__ import annotations

import pytest

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import document_rdf, extract

ID = "https://w3id.org/diplomap/id/"
DM = "https://w3id.org/diplomap/ontology#"
WGS = "http://www.w3.org/2003/01/geo/wgs84_pos#"


def _doc(text: str, date: str = "2024-05-02") -> Document:
    return Document(identity="test", text=text, title="test", date=date)


def _located(extraction) -> set[tuple[str, str]]:
    return {(f.subject, f.object) for f in extraction.facts if f.predicate == "locatedIn"}


def _triples(text: str, date: str = "2024-05-02") -> set[tuple[str, str, str]]:
    quads, _ = document_rdf(_doc(text, date))
    return {(q.subject.value.removeprefix(ID), q.predicate.value, q.object.value.removeprefix(ID)) for q in quads}


@pytest.mark.parametrize(("text", "unit", "province"), [
    ("Korean electronics suppliers opened two plants in Tu Son, Bac Ninh, this spring.",
     "vietnam-locality/tu-son", "province/bac-ninh"),
    ("Mangrove rangers from Can Gio in Ho Chi Minh City hosted a Dutch delegation.",
     "vietnam-locality/can-gio", "province/ho-chi-minh-city"),
    ("The innovation hub in Thu Duc, Ho Chi Minh City, signed a deal with a Finnish university.",
     "vietnam-locality/thu-duc", "province/ho-chi-minh-city"),
])
def test_a_unit_named_before_its_province_is_a_vietnamese_locality_in_it(text, unit, province):
    extraction = _run = extract(_doc(text))
    assert _run.entities[unit].type == "VietnamLocality"
    assert (unit, province) in _located(extraction)
    assert any(s == unit and p == WGS + "lat" for s, p, _ in _triples(text))


@pytest.mark.parametrize("text", [
    "Mr Vinh, Nghe An's vice chairman, welcomed the guests.",             # a person, not Vinh city
    "Chairman Nguyen Van Vinh, Nghe An, opened the forum.",              # the end of a person's name
    "Investors compared Can Gio, Bac Ninh and Da Nang as destinations.",  # Can Gio is not in Bac Ninh
    "Buon was the name the farmers gave to the old well in Dak Lak.",    # a word alone is never a unit
])
def test_names_that_are_not_units_there_are_not_taken(text):
    assert not [e for e in extract(_doc(text)).entities.values() if e.type == "VietnamLocality"]


def test_a_unit_with_its_head_word_gets_its_point_and_province_when_the_name_is_unique():
    triples = _triples("Can Gio district is building a deep-water port with Dutch know-how.")
    assert ("vietnam-locality/can-gio-district", DM + "locatedIn", "province/ho-chi-minh-city") in triples
    assert any(s == "vietnam-locality/can-gio-district" and p == WGS + "lat" for s, p, _ in triples)


def test_a_name_many_units_share_is_not_placed_without_its_province():
    triples = _triples("Dong Van commune planted rice with seed from a Japanese donor.")
    assert not any(s == "vietnam-locality/dong-van-commune" and p == WGS + "lat" for s, p, _ in triples)
    triples = _triples("Dong Van district of Ha Giang welcomed trekkers from France.")
    assert any(s == "vietnam-locality/dong-van-district" and p == WGS + "lat" for s, p, _ in triples)


def test_a_former_ward_is_replaced_by_the_ward_it_went_into():
    # Dong Ngan ward of Tu Son went into the new Tu Son ward of Bac Ninh on 1 July 2025
    triples = _triples("Volunteers from Dong Ngan ward in Bac Ninh cleaned the temple grounds.", "2023-03-01")
    assert ("vietnam-locality/dong-ngan-ward", DM + "replacedBy", "vietnam-locality/tu-son-ward") in triples
    assert ("vietnam-locality/dong-ngan-ward", DM + "replacedOn", "2025-07-01") in triples
    assert ("vietnam-locality/tu-son-ward", DM + "locatedIn", "province/bac-ninh") in triples


def test_a_ward_of_a_2026_article_is_the_new_ward():
    triples = _triples("Officials of Tu Son ward in Bac Ninh met Korean investors.", "2026-02-10")
    vi = {o for s, p, o in triples if s == "vietnam-locality/tu-son-ward" and p.endswith("altLabel")}
    assert "Phường Từ Sơn" in vi and "Thành phố Từ Sơn" not in vi  # the 2025 ward, not the former city ("Thành phố Từ Sơn")
    assert not any(p == DM + "replacedBy" for _, p, _ in triples)


def test_no_unit_point_comes_from_the_packages_google_geocoding():
    # the package's own points were geocoded with the Google Geocoding API, whose terms forbid redistribution
    from importlib import resources as ilr
    text = (ilr.files("diplomap.ontology") / "data" / "vn-units.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith(("#", "code\t"))]
    assert rows and {row[9] for row in rows} <= {"geonames", ""}
    assert all(bool(row[7]) == (row[9] == "geonames") for row in rows)
