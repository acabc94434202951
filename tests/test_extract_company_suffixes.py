"""Foreign legal forms end a company name: "Pvt. Ltd.", "Kft.", "s.r.o.", "AG", "S.p.A.", "B.V."."""

import pytest

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import extract


def companies(text):
    extraction = extract(Document.create("t", text))
    return {e.label: e for e in extraction.entities.values() if e.type == "Corporation"}, extraction


@pytest.mark.parametrize("text, label", [
    ("Talwar Spices Pvt. Ltd. opened a plant in Dong Nai.", "Talwar Spices"),
    ("Balaton Optics Kft. opened a plant in Dong Nai.", "Balaton Optics"),
    ("Vltava Ceramics s.r.o. opened a plant in Dong Nai.", "Vltava Ceramics"),
    ("Rheinland Pumpen AG opened a plant in Dong Nai.", "Rheinland Pumpen"),
    ("Laguna Marmi S.p.A. opened a plant in Dong Nai.", "Laguna Marmi"),
    ("Delft Dredging B.V. opened a plant in Dong Nai.", "Delft Dredging"),
])
def test_legal_suffix_names_a_company(text, label):
    found, _ = companies(text)
    assert label in found
    surface = text.split(" opened")[0]
    assert surface in found[label].aliases  # the full form with its suffix is kept as an alias


def test_suffix_abbreviation_does_not_end_the_sentence():
    found, extraction = companies("Our partner Talwar Spices Pvt. Ltd., an Indian spice maker, invests here.")
    assert "Talwar Spices" in found
    based = {(f.subject, f.object) for f in extraction.facts if f.predicate == "basedIn"}
    assert based == {("corporation/talwar-spices", "country/india")}


def test_suffix_words_alone_or_lower_case_prose_are_no_company():
    found, _ = companies("The ag sector and a.s. usual business grew in Dong Nai.")
    assert found == {}
    found, _ = companies("Officials said AG is an abbreviation.")
    assert found == {}

