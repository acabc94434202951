"""The generated gazetteer: completeness, consistency and reproducibility."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from diplomap.ontology import gazetteer, resources
from diplomap.ontology.build_gazetteer import main as build_main
from diplomap.ontology.iris import entity_path, fold


@pytest.fixture(scope="module")
def entries() -> tuple[gazetteer.Entry, ...]:
    return gazetteer.load()


@pytest.fixture(scope="module")
def by_id(entries) -> dict[str, gazetteer.Entry]:
    return {e.id: e for e in entries}


def _resolve(entries, name: str, type_: str) -> list[gazetteer.Entry]:
    """Entries of one type that carry ``name`` as label or alias, compared folded, a leading "the" dropped."""
    wanted = fold(name).removeprefix("the ")
    return [e for e in entries if e.type == type_ and e.match
            and wanted in {fold(n) for n in (e.label, *e.aliases)}]


def test_ids_are_unique_and_minted_from_type_and_label(entries):
    counts = Counter(e.id for e in entries)
    assert [i for i, n in counts.items() if n > 1] == []
    for e in entries:
        if not e.extra.get("disambiguated"):
            assert e.id == entity_path(e.type, e.label)
        else:
            assert e.id == entity_path(e.type, f"{e.label} {e.country}")


def test_file_is_sorted_by_id(entries):
    ids = [e.id for e in entries]
    assert ids == sorted(ids)


def test_all_vietnamese_provinces_before_and_after_2025(entries):
    provinces = [e for e in entries if e.type == "Province"]
    before = [e for e in provinces if e.extra.get("pre_2025")]
    after = [e for e in provinces if e.extra.get("post_2025")]
    assert len(before) == 63
    assert len(after) == 34
    assert {e.id for e in after} == {e.id for e in provinces if e.current}
    assert all(e.vi and fold(e.vi[0]) == fold(e.label).replace(" city", "") or e.label == "Hanoi"
               for e in provinces)
    assert "Bắc Ninh" in next(e for e in provinces if e.label == "Bac Ninh").vi
    assert len({e.iso3166 for e in before}) == 63
    assert all(e.iso3166 and e.iso3166.startswith("VN-") for e in provinces)
    assert all(e.parent == "country/vietnam" for e in provinces)


def test_merger_links_are_consistent_both_ways(by_id):
    bac_giang, bac_ninh = by_id["province/bac-giang"], by_id["province/bac-ninh"]
    assert bac_giang.replaced_by == "province/bac-ninh"
    assert bac_giang.replaced_on == "2025-07-01"
    assert not bac_giang.current
    assert "province/bac-giang" in bac_ninh.replaces and bac_ninh.current
    assert by_id["province/thua-thien-hue"].replaced_by == "province/hue"
    for e in by_id.values():
        if e.replaced_by:
            assert e.id in by_id[e.replaced_by].replaces, e.id
            assert e.replaced_on and not e.current
        for former in e.replaces:
            assert by_id[former].replaced_by == e.id
    assert sum(len(e.replaces) for e in by_id.values()) == 63 - 33  # 52 merged away minus the 23 names kept, + Hue


def test_every_link_target_exists(by_id):
    for e in by_id.values():
        for link in (e.parent, e.replaced_by, *e.replaces, e.extra.get("parent_organization")):
            assert link is None or link in by_id, (e.id, link)


@pytest.mark.parametrize(("name", "country", "iso"), [
    ("Yaroslavl", "RU", "RU-YAR"), ("Yaroslavl Oblast", "RU", "RU-YAR"), ("Yaroslavl Province", "RU", "RU-YAR"),
    ("Kanagawa", "JP", "JP-14"), ("Kanagawa Prefecture", "JP", "JP-14"),
    ("North Gyeongsang", "KR", "KR-47"), ("Gyeongsangbuk", "KR", "KR-47"), ("Gyeongbuk", "KR", "KR-47"),
    ("Xaysomboun", "LA", "LA-XS"), ("Xaisomboun", "LA", "LA-XS"), ("Xaysomboun province", "LA", "LA-XS"),
])
def test_foreign_subdivisions_found_by_alias(entries, by_id, name, country, iso):
    found = _resolve(entries, name, "ForeignLocality")
    assert [(e.country, e.iso3166) for e in found] == [(country, iso)]
    assert by_id[found[0].parent].iso3166 == country


@pytest.mark.parametrize(("name", "alpha2"), [
    ("South Korea", "KR"), ("Republic of Korea", "KR"), ("the US", "US"), ("the United States", "US"),
    ("Laos", "LA"), ("Lao PDR", "LA"), ("Russia", "RU"), ("Viet Nam", "VN"), ("Vietnam", "VN"),
    ("North Korea", "KP"), ("Taiwan", "TW"), ("Czech Republic", "CZ"), ("PRC", "CN"),
])
def test_common_country_names_resolve(entries, name, alpha2):
    assert [e.iso3166 for e in _resolve(entries, name, "Country")] == [alpha2]


def test_all_iso_countries_with_vietnamese_names(entries):
    import pycountry

    countries = [e for e in entries if e.type == "Country"]
    assert {e.iso3166 for e in countries} == {c.alpha_2 for c in pycountry.countries}
    assert all(e.vi for e in countries)
    assert "Hàn Quốc" in next(e for e in countries if e.iso3166 == "KR").vi


def test_ambiguous_subdivisions_are_not_matched(entries):
    unmatched = {(e.label, e.country) for e in entries if not e.match}
    assert ("Central", "ZM") in unmatched  # ordinary word
    assert ("Georgia", "US") in unmatched  # a country's name
    assert ("Punjab", "IN") in unmatched and ("Punjab", "PK") in unmatched  # shared label
    assert ("Nan", "TH") in unmatched  # too short
    assert all(e.type == "ForeignLocality" for e in entries if not e.match)


def _verified_ids() -> dict[str, dict[str, str]]:
    lines = [ln for ln in resources.read_text("data/reference-ids.tsv").splitlines() if not ln.startswith("#")]
    return {entity_path(r["type"], r["label"]): r for r in csv.DictReader(lines, delimiter="\t")}


def test_only_verified_identifiers(entries):
    verified = _verified_ids()
    with_qid = {e.id: e.wikidata for e in entries if e.wikidata}
    assert with_qid == {key: row["wikidata"] for key, row in verified.items() if row["wikidata"]}
    with_geonames = {e.id: e.geonames for e in entries if e.geonames}
    assert with_geonames == {key: row["geonames"] for key, row in verified.items() if row["geonames"]}
    assert all(cell != "unverified" for row in verified.values() for cell in row.values())


def test_subsidiaries_are_not_their_parents(by_id):
    sev = by_id["corporation/samsung-electronics-vietnam"]
    assert sev.wikidata is None
    assert sev.extra["parent_organization"] == "corporation/samsung-electronics"
    assert "SEV" in sev.aliases


def test_heritage_listings(by_id):
    assert by_id["heritage-item/quan-ho-bac-ninh-folk-songs"].listing == "RepresentativeList"
    assert by_id["heritage-item/ca-tru"].listing == "UrgentSafeguardingList"
    assert by_id["heritage-item/ca-tru"].unesco.startswith("https://ich.unesco.org/")


def test_regenerating_is_byte_identical(tmp_path):
    out = tmp_path / "gazetteer.jsonl"
    assert build_main(["--out", str(out)]) == 0
    assert out.read_bytes() == resources.path("data/gazetteer.jsonl").read_bytes()
