"""holdsPosition: an ambassador or consul holds a post of the country that sends them; other
titles "of <Country>" do not make a post in a country."""

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import extract


def posts(text):
    extraction = extract(Document.create("t", text))
    return {(f.subject.split("/")[-1], f.object.split("/")[-1], f.role) for f in extraction.facts
            if f.predicate == "holdsPosition"}


def test_ambassador_and_consul_of_a_country():
    assert posts("Ha Tinh leaders received Marta Lopez Ruiz, Ambassador of Spain to Vietnam, on Friday.") == {
        ("marta-lopez-ruiz", "spain", "Ambassador")}
    assert posts("Anil Mehta Varma, Consul General of India in Ho Chi Minh City, visited Ben Tre.") == {
        ("anil-mehta-varma", "india", "Consul General")}


def test_other_titles_of_a_country_are_no_post():
    assert all(obj != "spain" for _, obj, _ in posts("Marta Lopez Ruiz, Director of Spain Tours, visited Ben Tre."))
    assert posts("Ha Tinh leaders met Marta Lopez Ruiz, Representative of Spain, on Friday.") == set()
