"""memberOf for every province of a list, before the organisation or after "alongside"."""

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import extract


def members(text):
    extraction = extract(Document.create("t", text))
    return {f.subject.split("/")[-1] for f in extraction.facts if f.predicate == "memberOf"}


def test_listed_provinces_are_all_members():
    assert members("Lao Cai, Yen Bai and Ha Giang provinces are members of ASEAN.") == {
        "lao-cai", "yen-bai", "ha-giang"}


def test_co_members_after_alongside_skip_brackets():
    text = ("Kon Tum is a member of the Cambodia-Laos-Vietnam Development Triangle Area, alongside "
            "Dak Lak (now merged), Gia Lai and Binh Phuoc, as well as provinces of Laos.")
    assert members(text) == {"kon-tum", "dak-lak", "gia-lai", "binh-phuoc"}


def test_place_in_relative_clause_or_unlisted_is_not_a_member():
    assert members("Lao Cai, which borders Yen Bai, is a member of ASEAN.") == {"lao-cai"}
    assert members("Lao Cai is a member of ASEAN, and Yen Bai hosted the meeting.") == {"lao-cai"}
