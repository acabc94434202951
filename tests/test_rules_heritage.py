"""heritageOf / recognizedBy rules."""



def test_recognised_items_get_listing_and_recognition(edges, pairs):
    text = ("Ha Tinh protects Vi and Giam folk songs as the Representative Intangible Cultural Heritage "
            "of Humanity; Ca Dao chanting as the Intangible Cultural Heritage in Need of Urgent "
            "Safeguarding, both recognised by UNESCO.")
    found = {s: f.listing for s, _, f in edges(text, "heritageOf")}
    assert found == {"Vi and Giam folk songs": "RepresentativeList", "Ca Dao chanting": "UrgentSafeguardingList"}
    assert pairs(text, "recognizedBy") == {("Vi and Giam folk songs", "UNESCO"), ("Ca Dao chanting", "UNESCO")}


def test_nomination_is_not_recognition(edges, pairs):
    text = "Quang Tri submitted a dossier asking UNESCO to recognise Bru Van Kieu gong music as heritage."
    found = edges(text, "heritageOf")
    assert [(s, o, f.listing) for s, o, f in found] == [("Bru Van Kieu gong music", "Quang Tri", "Nominated")]
    assert pairs(text, "recognizedBy") == set()


def test_a_gift_is_not_a_heritage_listing(pairs):
    assert pairs("The governor received a Vi and Giam folk songs album from Ha Tinh.", "heritageOf") == set()
