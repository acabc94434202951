"""investsIn and basedIn rules."""

from decimal import Decimal


def test_company_with_legal_suffix_invests_with_amount_and_origin(edges, pairs):
    found = edges("South Korea's Hyosung has invested US$1.2 billion in a new plant in Dong Nai.",
                  "investsIn")
    assert [(s, o, f.amount, f.currency) for s, o, f in found] == [
        ("Hyosung", "Dong Nai", Decimal("1200000000"), "USD")]
    assert pairs("South Korea's Hyosung has invested US$1.2 billion in Dong Nai.", "basedIn") == {
        ("Hyosung", "South Korea")}


def test_amounts_go_to_the_investor_they_follow(edges):
    text = ("Dong Nai hosts 3 big projects (Kumho Tire - 2,5 billion USD, Posco VST, "
            "steel makers - 300 million USD, Lotte - 1 billion USD).")
    amounts = {s: f.amount for s, _, f in edges(text, "investsIn")}
    assert amounts == {"Kumho Tire": Decimal("2500000000"), "Posco VST": Decimal("300000000"),
                       "Lotte": Decimal("1000000000")}


def test_investor_list_with_demonym_and_main_province(pairs):
    text = ("Ha Tinh attracts investors.\n\nJapanese investors, namely Aeon, Sojitz and Marubeni, "
            "have registered capital of 500 million USD in the province.")
    assert pairs(text, "investsIn") == {("Aeon", "Ha Tinh"), ("Sojitz", "Ha Tinh"), ("Marubeni", "Ha Tinh")}
    assert pairs(text, "basedIn") == {("Aeon", "Japan"), ("Sojitz", "Japan"), ("Marubeni", "Japan")}


def test_company_named_without_investment_cue_does_not_invest(pairs):
    assert pairs("Lotte Group opened a supermarket event for children in Dong Nai.", "investsIn") == set()
    assert pairs("Hyosung did not invest in Dong Nai last year.", "investsIn") == set()


def test_country_as_investor(pairs):
    text = "Dong Nai reported strong FDI.\nJapan has been the largest investor with 300 projects."
    assert pairs(text, "investsIn") == {("Japan", "Dong Nai")}


def test_company_owned_by_a_country_and_apposition_with_demonym(pairs):
    assert pairs("Japan's Daiwa Seiko has invested 50 million USD in Ha Tinh.", "basedIn") == {
        ("Daiwa Seiko", "Japan")}
    text = "Officials said a Chinese developer, Jinlong Property Group, would invest 500 million USD in Ha Tinh."
    assert pairs(text, "basedIn") == {("Jinlong Property", "China")}
    assert pairs("Hyosung, a Korean textile maker, pledged 90 million USD for its plant in Dong Nai.",
                 "basedIn") == {("Hyosung", "South Korea")}


def test_countries_ranked_and_listed_as_investors(pairs):
    ranked = ("Dong Nai grows.\nChina now ranks third among 30 countries investing in Dong Nai, "
              "behind Japan and South Korea, with 80 projects.")
    assert pairs(ranked, "investsIn") == {("China", "Dong Nai"), ("Japan", "Dong Nai"), ("South Korea", "Dong Nai")}
    listed = "Dong Nai has attracted 900 FDI projects worth $20 billion, with Japan and China leading the list."
    assert pairs(listed, "investsIn") == {("Japan", "Dong Nai"), ("China", "Dong Nai")}
    led = "Ha Tinh has drawn 120 FDI projects, led by investors from Germany and Japan."
    assert pairs(led, "investsIn") == {("Germany", "Ha Tinh"), ("Japan", "Ha Tinh")}
    source = "Japan is currently Ha Tinh's biggest source of foreign direct investment."
    assert pairs(source, "investsIn") == {("Japan", "Ha Tinh")}
    # trade partners are not investors
    assert pairs("Ha Tinh exports to Japan and China rose, with rice leading the list.", "investsIn") == set()


def test_demonym_firms_with_projects_but_not_mere_interest(pairs):
    text = "Ha Tinh grows.\nGerman firms currently run 12 projects in the province with capital of USD 90 million."
    assert pairs(text, "investsIn") == {("Germany", "Ha Tinh")}
    interest = "Ha Tinh grows.\nGerman firms have shown interest in the province, where new factories are planned."
    assert pairs(interest, "investsIn") == set()


def test_vietnamese_company_investing_abroad(edges, pairs):
    text = ("Song Lam Rice JSC, a Ha Tinh company, has invested USD 4 million in a rice mill in "
            "Savannakhet, the first such project there.")
    facts = edges(text, "investsIn")
    assert {(s, o) for s, o, _ in facts} == {("Song Lam Rice", "Savannakhet")}
    assert facts[0][2].amount == Decimal("4000000")
    # a foreign place named before the money is only where the company comes from
    home = ("Gifu Tools Co., Ltd., headquartered in Gifu, registered capital of USD 8 million for a "
            "factory in Ha Tinh.")
    assert pairs(home, "investsIn") == {("Gifu Tools", "Ha Tinh")}


def test_new_investment_cues_and_money_forms(edges, pairs):
    text = "Ha Tinh grows.\nBlue Ocean Pty Ltd has put $25 million into a dairy farm in the province."
    facts = edges(text, "investsIn")
    assert {(s, o) for s, o, _ in facts} == {("Blue Ocean", "Ha Tinh")}
    assert (facts[0][2].amount, facts[0][2].currency) == (Decimal("25000000"), "USD")
    capital = "Ha Tinh grows.\nDaewon Co., Ltd. last year raised the capital of its plant in Ha Tinh by USD 3.5 million."
    assert [(f.amount, f.currency) for _, _, f in edges(capital, "investsIn")] == [(Decimal("3500000"), "USD")]
    vnd = "Ha Tinh grows.\nSao Vang JSC is building a VND1.2 trillion resort in the province."
    assert [(f.amount, f.currency) for _, _, f in edges(vnd, "investsIn")] == [(Decimal("1200000000000"), "VND")]
    denied = "Ha Tinh officials denied reports that Sao Vang JSC would invest USD 50 million in a resort."
    assert pairs(denied, "investsIn") == set()
    company = "Ha Tinh grows.\nA US company has invested $5 million in the province."
    assert not [s for s, _ in pairs(company, "investsIn") if s == "US"]
