"""heritageOf / recognizedBy rules."""

from pathlib import Path

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import ExtractorConfig, extract
from diplomap.ontology.gazetteer import parse_entries

_SAMPLE = Path(__file__).parent / "data" / "extract" / "gazetteer-sample.jsonl"
CONFIG = ExtractorConfig(entries=tuple(parse_entries(_SAMPLE.read_text(encoding="utf-8").splitlines())))


def edges(text, predicate, date=None):
    """(subject label, object label, fact) of every fact with ``predicate`` in ``text``."""
    extraction = extract(Document.create("t", text, date=date), CONFIG)
    label = {key: entity.label for key, entity in extraction.entities.items()}
    return [(label[f.subject], label[f.object], f) for f in extraction.facts if f.predicate == predicate]


def pairs(text, predicate, date=None):
    return {(s, o) for s, o, _ in edges(text, predicate, date)}


def test_recognised_items_get_listing_and_recognition():
    text = ("Ha Tinh protects Vi and Giam folk songs as the Representative Intangible Cultural Heritage "
            "of Humanity; Ca Dao chanting as the Intangible Cultural Heritage in Need of Urgent "
            "Safeguarding, both recognised by UNESCO.")
    found = {s: f.listing for s, _, f in edges(text, "heritageOf")}
    assert found == {"Vi and Giam folk songs": "RepresentativeList", "Ca Dao chanting": "UrgentSafeguardingList"}
    assert pairs(text, "recognizedBy") == {("Vi and Giam folk songs", "UNESCO"), ("Ca Dao chanting", "UNESCO")}


def test_nomination_is_not_recognition():
    text = "Quang Tri submitted a dossier asking UNESCO to recognise Bru Van Kieu gong music as heritage."
    found = edges(text, "heritageOf")
    assert [(s, o, f.listing) for s, o, f in found] == [("Bru Van Kieu gong music", "Quang Tri", "Nominated")]
    assert pairs(text, "recognizedBy") == set()


def test_a_gift_is_not_a_heritage_listing():
    assert pairs("The governor received a Vi and Giam folk songs album from Ha Tinh.", "heritageOf") == set()
