"""A foreign name followed by ", <Nationality> <Post> to/of ..." is a person."""

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import extract


def _people(text):
    extraction = extract(Document.create("t", text))
    return {e.label for e in extraction.entities.values() if e.type == "Person"}


def test_name_before_a_nationality_and_post_is_a_person():
    text = "Martina Kowalski, Polish Ambassador to Vietnam, toured a coffee farm in Dak Lak on Monday."
    assert "Martina Kowalski" in _people(text)


def test_nationality_without_a_post_or_preposition_makes_no_person():
    # no post after the nationality word: a product, not an envoy
    assert "Golden Harvest" not in _people("Golden Harvest, Polish apples and pears sold well in Hanoi.")
    # a nationality and post but no "to"/"of" after it: the strict form still wants the link
    assert "Blue River" not in _people("Blue River, Polish Ambassador, opened in Hanoi.")
