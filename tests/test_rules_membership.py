"""memberOf and cooperatesWith rules."""



def test_member_of_network(pairs):
    assert pairs("Da Nang became a member of the Asian Network of Major Cities in 2019.", "memberOf") == {
        ("Da Nang", "Asian Network of Major Cities")}
    text = "Ha Tinh posts news on the Mekong Tourism Organization (MTO), of which the province is a member."
    assert pairs(text, "memberOf") == {("Ha Tinh", "Mekong Tourism Organization")}


def test_mentioning_an_organisation_is_not_membership(pairs):
    assert pairs("Ha Tinh hosted a UNESCO workshop.", "memberOf") == set()


def test_cooperation_with_country_and_company_but_not_with_localities_in_countries(edges, pairs):
    assert pairs("Signing ceremony between Ha Tinh province and Formosa Group", "cooperatesWith") == {
        ("Ha Tinh", "Formosa")}
    text = "Dong Nai will expand its cooperation in trade and tourism with France."
    found = edges(text, "cooperatesWith")
    assert [(s, o, f.fields) for s, o, f in found] == [("Dong Nai", "France", ("trade", "tourism"))]
    assert pairs("Dong Nai aims to set up partnership with localities in China and Japan.",
                 "cooperatesWith") == set()


def test_admitted_to_a_network(pairs):
    text = "In 2023, Quang Tri was admitted to the Global Creative Network in the field of music."
    assert pairs(text, "memberOf") == {("Quang Tri", "Global Creative Network")}
    assert pairs("Quang Tri applied to the Global Creative Network in 2023.", "memberOf") == set()
