"""visited rules."""



def test_person_visits_company_and_plans_are_not_visits(pairs):
    text = "Vice Chairman of the Dong Nai Provincial People's Committee Vo Van Phi visited Hyosung Vietnam Co., Ltd."
    assert pairs(text, "visited") == {("Vo Van Phi", "Hyosung Vietnam")}
    assert pairs("Vo Van Phi will visit Hyosung Vietnam Co., Ltd. next month.", "visited") == set()


def test_province_sends_delegations_to_countries(edges, pairs):
    text = "Ha Tinh grows.\nThis year, the province sent delegations to work in Japan and the US."
    assert pairs(text, "visited", date="2024-01-01") == {("Ha Tinh", "Japan"), ("Ha Tinh", "United States")}
    assert {f.date for _, _, f in edges(text, "visited", date="2024-01-01")} == {"2024"}


def test_reception_of_a_delegation(pairs):
    text = "Quang Tri received a delegation from Savannakhet province."
    assert pairs(text, "visited") == {("Savannakhet", "Quang Tri")}


def test_visit_to_a_place_during_a_trip(pairs):
    text = "Ambassador Olga Petrova of the Embassy of Russia said so during a visit to Quang Tri on May 3."
    assert pairs(text, "visited") == {("Olga Petrova", "Quang Tri")}
    planned = "Ambassador Olga Petrova said she hoped to pay a visit to Quang Tri next year."
    assert pairs(planned, "visited") == set()


def test_who_clause_names_the_visitor_only(pairs):
    text = ("Talks were held between Le Van Hai, Chairman of the Quang Tri Provincial People's Committee, "
            "and a Gifu delegation led by Vice Governor Kenji Arai, who was visiting Quang Tri for the first time.")
    assert pairs(text, "visited") == {("Kenji Arai", "Quang Tri")}


def test_passive_visit_by_a_provincial_delegation(pairs):
    text = ("The pledge was made during a working visit to Savannakhet by a Quang Tri delegation led by "
            "Le Van Hai, Secretary of the provincial Party Committee.")
    assert pairs(text, "visited") == {("Quang Tri", "Savannakhet"), ("Le Van Hai", "Savannakhet")}
    hosted = "The pledge was made at a meeting in Savannakhet attended by a Quang Tri delegation."
    assert pairs(hosted, "visited") == set()


def test_leading_the_province_delegation_and_visit_to_the_province(pairs):
    text = ("Le Van Hai, Vice Chairman of the Quang Tri Provincial People's Committee, who led the "
            "Quang Tri delegation to Savannakhet, signed the agreement.")
    assert pairs(text, "visited") == {("Le Van Hai", "Savannakhet"), ("Quang Tri", "Savannakhet")}
    stay = "Quang Tri grows.\nKenji Arai, Vice Governor of Gifu, was on a three-day visit to the province."
    assert pairs(stay, "visited") == {("Kenji Arai", "Quang Tri")}


def test_visiting_delegation_is_not_a_visit_by_the_host(pairs):
    text = "Quang Tri leaders welcomed the visiting delegation from Savannakhet."
    assert ("Quang Tri", "Savannakhet") not in pairs(text, "visited")
