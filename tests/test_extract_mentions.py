"""Mentions: gazetteer matching on folded text, patterns for unknown names, resolution."""

from pathlib import Path

from diplomap.loaders.documents import Document
from diplomap.loaders.mentions import GazetteerMatcher, select_longest
from diplomap.loaders.pipeline import ExtractorConfig, extract
from diplomap.ontology.gazetteer import parse_entries

_SAMPLE = Path(__file__).parent / "data" / "extract" / "gazetteer-sample.jsonl"
ENTRIES = tuple(parse_entries(_SAMPLE.read_text(encoding="utf-8").splitlines()))
CONFIG = ExtractorConfig(entries=ENTRIES)
MATCHER = GazetteerMatcher(ENTRIES)


def hits(text):
    return [(h.text, h.gazetteer_id) for h in select_longest(MATCHER.find(text))]


def entities(text):
    extraction = extract(Document.create("t", text), CONFIG)
    return {(e.type, e.label) for e in extraction.entities.values()}, extraction


def test_folded_match_keeps_original_offsets():
    text = "Lãnh đạo tỉnh QUẢNG TRỊ và Hà Tĩnh"
    found = select_longest(MATCHER.find(text))
    assert [(text[h.start:h.end], h.gazetteer_id) for h in found] == [
        ("QUẢNG TRỊ", "province/quang-tri"), ("Hà Tĩnh", "province/ha-tinh")]


def test_word_boundaries_and_exact_case_for_short_names():
    assert hits("the USA and the US met; us, usage and USAID do not count") == [
        ("USA", "country/united-states"), ("US", "country/united-states")]
    assert hits("Russian firms") == []
    assert hits("US$2 billion") == []


def test_longest_match_wins_and_unmatchable_entries_are_never_matched():
    assert hits("Quang Tri Province borders Laos") == [
        ("Quang Tri Province", "province/quang-tri"), ("Laos", "country/laos")]
    assert hits("Chad and Japan") == [("Japan", "country/japan")]


def test_short_vietnamese_names_need_their_diacritics_and_names_inside_names_are_skipped():
    assert hits("Hoang Minh Duc met Ms. My Linh") == []
    assert hits("quan hệ với Mỹ và Đức") == [("Mỹ", "country/united-states"), ("Đức", "country/germany")]
    assert hits("a walk on Nha Trang beach") == []
    assert hits("Trang province in Thailand") == [("Trang", "foreign-locality/trang")]


def test_patterns_find_unknown_places_companies_bodies_events_persons():
    found, _ = entities(
        "Dong Nai signed an MOU with Hokkaido prefecture (Japan) and Thanh Phat JSC.\n"
        "Chairman of the Dong Nai People's Committee Cao Tien Dung met the Korea Trade Association "
        "at the 5th Mekong Business Forum in Bien Hoa city.")
    assert {("ForeignLocality", "Hokkaido"), ("Corporation", "Thanh Phat"),
            ("GovernmentBody", "Dong Nai Provincial People's Committee"), ("Person", "Cao Tien Dung"),
            ("NGO", "Korea Trade Association"), ("Event", "5th Mekong Business Forum"),
            ("VietnamLocality", "Bien Hoa City")} <= found
    assert ("ForeignLocality", "Japan") not in found


def test_generic_phrases_are_not_names():
    found, _ = entities("A Chinese province and a Centrally-run city joined the Capital region.")
    assert {t for t, _ in found} <= {"Country"}


def test_resolution_merges_legal_suffixes_given_names_and_abbreviations():
    text = ("Lotte Group Co., Ltd. and Lotte met Mr. Ngo Quang Vinh. Vinh praised the "
            "Mekong Tourism Organization (MTO); MTO thanked him.")
    found, extraction = entities(text)
    lotte = extraction.entities["corporation/lotte"]
    assert len(lotte.mentions) == 2 and "Lotte Group Co., Ltd." in lotte.aliases
    person = next(e for e in extraction.entities.values() if e.type == "Person")
    assert person.label == "Ngo Quang Vinh" and {m.text for m in person.mentions} >= {"Vinh"}
    org = next(e for e in extraction.entities.values() if e.label == "Mekong Tourism Organization")
    assert "MTO" in org.aliases and [m.text for m in org.mentions] == ["Mekong Tourism Organization", "MTO"]


def test_vietnamese_forms_are_kept_apart_from_english_aliases():
    _, extraction = entities("Quảng Trị and Quang Tri province are one.")
    province = extraction.entities["province/quang-tri"]
    assert province.vi == {"Quảng Trị"} and province.aliases == {"Quang Tri province"}
    for mention in province.mentions:
        assert "Quảng Trị and Quang Tri province are one."[mention.start:mention.end] == mention.text
