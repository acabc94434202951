"""Vietnamese names start with a known surname, including less common ones ("Ma", "Chau")."""

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import extract


def test_less_common_vietnamese_surnames_start_a_name():
    extraction = extract(Document.create("t", "The deal was signed by Ma Thi Thu Ha, Chairwoman of the provincial "
                                              "People's Committee, and Chau Van Long, Director of the department."))
    people = {e.label for e in extraction.entities.values() if e.type == "Person"}
    assert {"Ma Thi Thu Ha", "Chau Van Long"} <= people
    prose = extract(Document.create("t", "Ma and Pa Kettle is an old film."))
    assert not any(e.type == "Person" for e in prose.entities.values())
