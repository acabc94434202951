"""aidTo rules."""

from decimal import Decimal

import pytest

from diplomap.loaders.pipeline import ExtractorConfig


def test_ngo_aid_with_amount_date_and_origin(edges, pairs):
    text = ("Quang Tri welcomes NGOs.\nIn the first 6 months of 2022, Plan International and "
            "Children Hope Foundation of the United States provided aid worth 250,000 USD for flood victims.")
    found = edges(text, "aidTo")
    assert {(s, o) for s, o, _ in found} == {("Plan International", "Quang Tri"),
                                            ("Children Hope Foundation", "Quang Tri")}
    assert {(f.amount, f.currency, f.date) for _, _, f in found} == {(Decimal("250000"), "USD", "2022")}
    assert pairs(text, "basedIn") == {("Plan International", "United States"),
                                      ("Children Hope Foundation", "United States")}


def test_country_origin_is_not_a_donor_and_no_cue_no_aid(pairs):
    text = "Ha Tinh received aid from Plan International of the United States."
    assert pairs(text, "aidTo") == {("Plan International", "Ha Tinh")}
    assert pairs("Plan International opened an office in Ha Tinh.", "aidTo") == set()


def test_foreign_government_as_donor(edges, pairs):
    text = "The French government granted 300,000 USD to Quang Tri for clean water."
    found = edges(text, "aidTo")
    assert [(s, o, str(f.amount)) for s, o, f in found] == [("France", "Quang Tri", "300000")]
    assert pairs("The French government opened a school in Quang Tri.", "aidTo") == set()


def test_ngo_named_by_apposition_implements_a_project(edges, pairs):
    text = ("Green Delta Lifeline, a non-governmental organisation based in France, is implementing a "
            "EUR 2 million project to restore mangroves in Ha Tinh.")
    facts = edges(text, "aidTo")
    assert {(s, o) for s, o, _ in facts} == {("Green Delta Lifeline", "Ha Tinh")}
    assert (facts[0][2].amount, facts[0][2].currency) == (Decimal("2000000"), "EUR")
    assert pairs(text, "basedIn") == {("Green Delta Lifeline", "France")}
    # a capitalised word before "a charity" that is a common word is no NGO
    assert pairs("However, a charity is implementing a project in Ha Tinh.", "aidTo") == set()


def test_ngo_provides_or_spends_money_since_a_year(pairs):
    text = "Ha Tinh grows.\nThe Song Foundation has provided EUR 450,000 since 2017 to train young people in Ha Tinh."
    assert pairs(text, "aidTo") == {("Song Foundation", "Ha Tinh")}
    refused = "Ha Tinh grows.\nThe Song Foundation has not provided any funds since 2017, officials said."
    assert pairs(refused, "aidTo") == set()


def test_foreign_agency_finances_a_project_and_its_country_gives_oda(sample_config, edges, pairs):
    from diplomap.ontology.gazetteer import Entry

    agency = Entry(id="government-body/jica", type="GovernmentBody",
                   label="Japan International Cooperation Agency", aliases=("JICA",), country="JP")
    japan = next(e for e in sample_config.entries if e.label == "Japan")
    config = ExtractorConfig(entries=sample_config.entries + (agency,))
    assert japan.country == "JP"
    text = ("Ha Tinh has benefited from Japanese official development assistance: the Japan International "
            "Cooperation Agency (JICA) is financing a 2.6 billion yen water project in the province.")
    got = {(s, o, f.amount, f.currency) for s, o, f in edges(text, "aidTo", config=config)}
    assert ("Japan International Cooperation Agency", "Ha Tinh", Decimal("2600000000"), "JPY") in got
    assert ("Japan", "Ha Tinh") in {(s, o) for s, o, _, _ in got}
    # a Vietnamese body that funds something gives no foreign aid
    local = "The Ha Tinh Department of Finance is funding a USD 1 million project in the province."
    assert pairs(local, "aidTo") == set()


@pytest.fixture(scope="module")
def agency_config(sample_config):
    """The sample gazetteer with KOICA in it."""
    from diplomap.ontology.gazetteer import Entry

    agency = Entry(id="government-body/koica", type="GovernmentBody",
                   label="Korea International Cooperation Agency", aliases=("KOICA",), country="KR")
    return ExtractorConfig(entries=sample_config.entries + (agency,))


@pytest.fixture
def aid_pairs(edges, agency_config):
    """(donor, province, amount) of every aid fact in ``text``, with KOICA known."""
    return lambda text: {(s, o, f.amount) for s, o, f in edges(text, "aidTo", config=agency_config)}


def test_agency_that_commits_a_sum_gives_aid_but_approving_a_plan_is_not_aid(aid_pairs):
    text = ("The Korea International Cooperation Agency (KOICA) has approved a USD 3 million "
            "programme for irrigation canals in Quang Tri.")
    assert aid_pairs(text) == {("Korea International Cooperation Agency", "Quang Tri", Decimal("3000000"))}
    no_sum = "The Korea International Cooperation Agency (KOICA) has approved the irrigation plan of Quang Tri."
    assert aid_pairs(no_sum) == set()


def test_two_donors_in_two_clauses_each_keep_their_own_province(aid_pairs):
    text = ("The Korea International Cooperation Agency (KOICA) committed USD 2 million to schools in Quang Tri, "
            "while Plan International has pledged USD 500,000 for clean water in Ha Tinh.")
    got = {(s, o) for s, o, _ in aid_pairs(text)}
    assert got == {("Korea International Cooperation Agency", "Quang Tri"), ("Plan International", "Ha Tinh")}
