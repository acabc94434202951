"""partnerOf from the officials who signed for two localities (our own sentences)."""

from diplomap.loaders.pipeline import ExtractorConfig

FULL = ExtractorConfig()


def test_officials_of_two_localities_signing_make_their_localities_partners(edges):
    text = ("On May 3, Governor of Champasak province of Laos Viengthong Hatsachith paid a visit to Quang Tri.\n"
            "Viengthong and Chairman of the Quang Tri Provincial People's Committee Vo Van Hung signed a "
            "memorandum of understanding on border trade.")
    found = {(s, o, f.status) for s, o, f in edges(text, "partnerOf", None, FULL)}
    assert found == {("Quang Tri", "Champasak", "Signed")}


def test_one_side_unknown_gives_no_partnership(edges):
    text = ("Mr Viengthong Hatsachith and Chairman of the Quang Tri Provincial People's Committee Vo Van Hung "
            "signed a memorandum of understanding on border trade.")
    assert edges(text, "partnerOf", None, FULL) == []


def test_a_first_name_refers_to_a_foreign_official_named_in_full_before(sample_config):
    from diplomap.loaders.documents import Document
    from diplomap.loaders.pipeline import extract

    text = "Governor of Champasak province Viengthong Hatsachith arrived. Viengthong said the road is ready."
    extraction = extract(Document.create("t", text), FULL)
    person = next(e for e in extraction.entities.values() if e.type == "Person")
    assert len(person.mentions) == 2 and "Viengthong" in person.aliases
