"""How real news writes names and relations: credits, schools, posts in chains, lists, groups.

Sentences written for these tests; each mechanism has a positive and a negative case. They use
the packaged gazetteer (``FULL``), as a user's build does.
"""

import pytest

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import ExtractorConfig, extract

FULL = ExtractorConfig()


def entities(text, date=None):
    extraction = extract(Document.create("t", text, date=date), FULL)
    return {(e.type, e.label) for e in extraction.entities.values()}


@pytest.fixture
def full_pairs(pairs):
    return lambda text, predicate, date=None: pairs(text, predicate, date, FULL)


@pytest.fixture
def full_edges(edges):
    return lambda text, predicate, date=None: edges(text, predicate, date, FULL)


def test_agency_credits_and_datelines_are_not_entities():
    text = ("Leaders meet in Vinh (Photo: VNA)\n\nNghe An (VNA) – Nghe An welcomed a delegation from "
            "Houaphanh province. A VNA reporter was there.-VNA\n\nVNA")
    found = entities(text)
    assert not [e for e in found if "News" in e[1] or "VNA" in e[1]]
    assert ("Province", "Nghe An") in found


def test_schools_and_universities_are_not_entities_nor_places():
    text = ("Students from Attapeu will study at Kon Tum province's Tay Nguyen Pedagogical College and "
            "the Ngoc Hoi boarding school, said the head of Champasack University.")
    found = entities(text)
    assert not [e for e in found if any(w in e[1] for w in ("College", "school", "University"))]


def test_person_after_a_post_in_a_place_chain_holds_it_in_the_first_place(full_edges):
    text = ("On May 3, Secretary of the Party Committee and Governor of Attapeu province of Laos "
            "Leth Xaiyaphone met leaders of Kon Tum.")
    assert {(s, o) for s, o, _ in full_edges(text, "holdsPosition")} == {("Leth Xaiyaphone", "Attapeu")}


def test_ambassador_to_a_country_names_the_person_after_it():
    text = "The gift reflects our friendship, said Korean Ambassador to Vietnam Choi Young-sam."
    assert ("Person", "Choi Young-sam") in entities(text)


def test_two_posts_before_one_name_give_two_positions(full_pairs):
    text = ("The delegation was headed by Deputy Secretary of the provincial Party Committee and Chairman of "
            "the provincial People's Committee Le Quang Nam, the Quang Nam newspaper said.")
    found = full_pairs("Quang Nam province hosted the talks.\n" + text, "holdsPosition")
    assert {o for _, o in found} == {"Quang Nam Provincial Party Committee",
                                     "Quang Nam Provincial People's Committee"}


def test_post_written_before_the_next_name_is_not_the_previous_persons(full_pairs):
    text = ("Kon Tum province hosted the meeting.\nAt talks with Deputy Minister of Foreign Affairs "
            "Le Thi Thu Hang, Secretary of the provincial Party Committee Duong Van Trang spoke.")
    found = full_pairs(text, "holdsPosition")
    assert ("Duong Van Trang", "Kon Tum Provincial Party Committee") in found
    assert not [p for p in found if p[0] == "Le Thi Thu Hang"]


def test_groups_are_companies_unless_they_say_they_are_associations():
    found = entities("Da Nang met the European Business Group, the Japan-Vietnam Friendship "
                     "Parliamentarians Group and the Sun Group, and the Korea Chamber of Commerce.")
    assert ("NGO", "European Business Group") in found
    assert ("GovernmentBody", "Japan-Vietnam Friendship Parliamentarians Group") in found
    assert ("Corporation", "Sun") in found
    assert ("NGO", "Korea Chamber of Commerce") in found


def test_country_code_before_an_ngo_gives_its_home_and_aid_it_will_give(full_pairs):
    text = "The US Friendship Bridge Foundation will give Dong Thap 300,000 USD for clean water."
    assert full_pairs(text, "basedIn") == {("Friendship Bridge Foundation", "United States")}
    assert full_pairs(text, "aidTo") == {("Friendship Bridge Foundation", "Dong Thap")}
    assert full_pairs("The Sunrise Foundation will give its report to Dong Thap.", "basedIn") == set()


def test_aid_ngo_names_end_in_aid():
    assert ("NGO", "Danish People's Aid") in entities("The Danish People's Aid supported Quang Binh.")


def test_a_place_owned_by_a_country_in_a_ties_sentence_is_a_locality(full_pairs):
    text = "Ninh Binh keeps close ties with France's Saint-Malo de Bretagne and Japan's Tottori."
    assert ("Ninh Binh", "Saint-Malo de Bretagne") in full_pairs(text, "partnerOf")
    assert ("Corporation", "Aeon Mall") in entities("Binh Duong welcomed Japan's Aeon Mall to its new town.")


def test_plural_place_cue_reaches_every_item_of_its_list(full_pairs):
    text = "Kon Tum has kept traditional ties with the Lao provinces of Attapeu, Sekong and Xaysomboun."
    partners = {o for _, o in full_pairs(text, "partnerOf")}
    assert len(partners) == 3 and {"Attapeu", "Sekong"} <= partners
    # an address is not a list: "Bonghwa county, Gyeongsangbuk province" has one partner
    address = "Ha Nam has signed a friendship agreement with Bonghwa county, Gyeongsangbuk province."
    assert {o for _, o in full_pairs(address, "partnerOf")} == {"Bonghwa County"}


def test_cooperation_ties_with_a_list_of_organisations(full_pairs):
    text = ("Can Tho has broadened its ties with many organisations, including the Asia Foundation and "
            "the Australian Business Association.")
    assert full_pairs(text, "cooperatesWith") == {("Can Tho", "Asia Foundation"),
                                                  ("Can Tho", "Australian Business Association")}
    assert full_pairs("Can Tho read a report including the Asia Foundation.", "cooperatesWith") == set()


def test_heritage_names_written_in_lower_case(full_pairs):
    text = "Phu Tho is home to the worship of Hung Kings, recognised by UNESCO."
    assert ("HeritageItem", "Worship of Hung Kings") in entities(text)
    assert ("HeritageItem", "Xoan singing") not in entities("Phu Tho sang xoan.")


def test_a_surname_before_a_place_name_after_a_post_is_a_person():
    assert ("Person", "Le Quang Nam") in entities("Chairman of the provincial People's Committee Le Quang Nam spoke.")
    assert ("Person", "Tran Ha Nam") in entities("Tran Ha Nam, Vice Chairman of the committee, spoke.")
    assert ("Province", "Quang Nam") in entities("Officials from Le Thuy and Quang Nam met.")


def test_a_city_that_became_a_province_later_is_a_city_before(full_pairs):
    before = entities("Officials met in Hue city on January 9.", date="2020-01-10")
    assert ("VietnamLocality", "Hue City") in before
    assert ("Province", "Thua Thien Hue") in entities("Hue hosted the festival.", date="2020-01-10")
    assert ("Province", "Hue") in entities("Officials met in Hue city on January 9.", date="2026-01-10")


def test_a_delegation_paying_a_visit_is_its_owners_visit(full_pairs):
    text = ("A delegation of the Cambodian National Assembly, headed by its Vice President Khuon Sodary, "
            "on May 2 paid a working visit to the central province of Quang Nam.")
    assert full_pairs(text, "visited") == {("National Assembly", "Quang Nam")} or \
        {o for _, o in full_pairs(text, "visited")} == {"Quang Nam"}
    assert not [s for s, _ in full_pairs(text, "visited") if s == "Khuon Sodary"]
    text = "A delegation of Da Nang city is paying a working visit to Australia from May 2-6."
    assert full_pairs(text, "visited") == {("Da Nang", "Australia")}


def test_a_delegation_of_unnamed_foreign_firms_is_their_countrys_visit(full_pairs):
    text = "On March 3, a delegation of 15 Korean businesses visited industrial parks in Bac Giang province."
    assert ("South Korea", "Bac Giang") in full_pairs(text, "visited")
    assert full_pairs("On March 3, 15 businesses visited Bac Giang province.", "visited") == set()


def test_a_visit_to_firms_in_a_province_is_a_visit_to_the_province(full_pairs):
    text = ("On May 3, a delegation of 12 French businesses visited a number of coffee farms and processing "
            "firms in the Central Highlands province of Dak Lak.")
    assert ("France", "Dak Lak") in full_pairs(text, "visited")


def test_a_full_stop_without_its_space_still_ends_a_sentence():
    from diplomap.loaders.text import split_sentences

    parts = [s.text for s in split_sentences("It was a programme.This trip was run by KOTRA.In Hue, Co.Ltd firms met.")]
    assert parts == ["It was a programme.", "This trip was run by KOTRA.", "In Hue, Co.Ltd firms met."]
    assert len(split_sentences("Samsung Pte.Ltd and the U.S. firm met.")) == 1


def test_shared_plural_head_locates_every_item_of_the_list(full_pairs):
    text = "Dak Lak signed agreements with Mondulkiri and Ratanakiri provinces of Cambodia last year."
    assert {s for s, o in full_pairs(text, "locatedIn") if o == "Cambodia"} == {"Mondulkiri", "Ratanakiri"}
    single = "Dak Lak signed agreements with Mondulkiri and Ratanakiri province of Cambodia last year."
    assert {s for s, o in full_pairs(single, "locatedIn") if o == "Cambodia"} == {"Ratanakiri"}


def test_a_locality_in_an_adjective_province(full_pairs):
    text = "Cua Lo town in the central province of Nghe An welcomed Lao tourists."
    assert ("Cua Lo Town", "Nghe An") in full_pairs(text, "locatedIn") or \
        any(o == "Nghe An" for _, o in full_pairs(text, "locatedIn"))


def test_a_foreign_government_that_consented_to_grant_aid(full_pairs):
    text = "The Korean government has consented to grant 300,000 USD to schools in Ha Giang province."
    assert full_pairs(text, "aidTo") == {("South Korea", "Ha Giang")}
    assert full_pairs("The Korean government has studied schools in Ha Giang province.", "aidTo") == set()


def test_the_city_is_a_centrally_run_citys_own_name_when_it_is_the_only_one(full_pairs):
    text = ("Can Tho hosted the forum.\nThe city has also kept up close ties with the Lao provinces of "
            "Champasak and Savannakhet.")
    assert {s for s, _ in full_pairs(text, "partnerOf")} == {"Can Tho"}
    two = ("Hai Phong and Can Tho hosted the forum.\nThe city has kept up close ties with the Lao provinces of "
           "Champasak and Savannakhet.")
    assert full_pairs(two, "partnerOf") == set()


def test_the_adjective_province_is_the_articles_province(full_pairs):
    text = "Son La hosted the forum.\nThe northern mountainous province has signed an agreement with Oudomxay."
    assert full_pairs(text, "partnerOf") == {("Son La", "Oudomxay")}


def test_names_that_begin_with_english_words_after_a_post():
    found = entities("Director of the provincial Department of Foreign Affairs To Thi Ngoc Lan and Korean "
                     "Ambassador to Vietnam Park Noh-wan met Cuban Ambassador Orlando Nicolas Hernandez Guillen.")
    assert {("Person", "To Thi Ngoc Lan"), ("Person", "Park Noh-wan"),
            ("Person", "Orlando Nicolas Hernandez Guillen")} <= found
    assert not [e for e in found if e[0] == "VietnamLocality"]
    assert ("Person", "To Van") not in entities("They went To Van Mieu.")


def test_an_envoy_holds_the_post_in_the_missions_named_in_the_article(full_pairs):
    text = ("The Thai Embassy in Hanoi opened a trade week. Thai Ambassador to Vietnam Urawadee Sriphiromya "
            "visited Tay Ninh province.")
    assert ("Urawadee Sriphiromya", "Thai Embassy in Hanoi") in full_pairs(text, "holdsPosition")
    alone = "Thai Ambassador to Vietnam Urawadee Sriphiromya visited Tay Ninh province."
    assert not [o for _, o in full_pairs(alone, "holdsPosition") if "Embassy" in o]


def test_the_owner_of_a_delegation_led_by_a_person_is_the_visitor(full_pairs):
    text = "The Thai Ambassador Urawadee Sriphiromya led a delegation of the Thai Embassy on a visit to Tay Ninh province."
    assert full_pairs(text, "visited") == {("Thai Embassy", "Tay Ninh")}


def test_a_site_told_to_be_recognised_is_a_heritage_item(full_pairs):
    text = ("Bach Ma National Park in Thua Thien Hue province was recognised as an ASEAN Heritage Park in 2021. "
            "Tourists love Bach Ma National Park.")
    found = entities(text)
    assert ("HeritageItem", "Bach Ma National Park") in found
    assert not [e for e in found if "ASEAN Heritage Park" in e[1]]
    assert ("VietnamLocality", "Bach Ma National Park") in entities("Tourists love Bach Ma National Park in Hue.") or \
        not [e for e in entities("Tourists love Bach Ma National Park in Hue.") if e[0] == "HeritageItem"]


def test_every_item_before_a_plural_head_is_a_place_of_the_same_country(full_pairs):
    text = "The border runs through Gia Lai's Duc Co, Ia Grai and Chu Prong districts, officials said."
    assert {s for s, o in full_pairs(text, "locatedIn") if o == "Gia Lai"} == {
        "Duc Co District", "Ia Grai District", "Chu Prong District"}
    assert ("VietnamLocality", "Mang Yang District") not in entities("Mang Yang and the districts met.")


def test_a_last_paragraph_signed_off_by_the_agency_is_still_body():
    text = "Title\n\nFirst paragraph.\n\nLuang Prabang and Houaphan provinces of Laos sent teams.-VNA\n"
    assert ("ForeignLocality", "Luang Prabang") in entities(text)


def test_partner_localities_aid_each_other(full_pairs):
    text = ("Ha Tinh hosted the ceremony.\nHa Tinh will give 3 billion VND for the Lao province to build a clinic, "
            "while Bolikhamxay commits to offering five scholarships for Ha Tinh's students.")
    assert full_pairs("Ha Tinh and Bolikhamxay met.\n" + text, "aidTo") == {
        ("Ha Tinh", "Bolikhamxay"), ("Bolikhamxay", "Ha Tinh")}
    text = "The governor thanked Gia Lai for helping Ratanakiri's border villages with rice."
    assert full_pairs(text, "aidTo") == {("Gia Lai", "Ratanakiri")}
    assert full_pairs("Gia Lai asked Ratanakiri to provide rice.", "aidTo") == set()
    assert full_pairs("An NGO based in Seoul gave 2 billion VND to Thai Nguyen.", "aidTo") == set() or \
        ("Seoul", "Thai Nguyen") not in full_pairs("An NGO based in Seoul gave 2 billion VND to Thai Nguyen.", "aidTo")


def test_posts_in_apposition_with_a_possessive_place_or_a_relative_clause(full_pairs):
    text = "The leaders met Andrew Barr, Chief Minister of Australia's Capital Territory, in Canberra."
    assert ("Andrew Barr", "Australian Capital Territory") in full_pairs(text, "holdsPosition") or \
        [p for p in full_pairs(text, "holdsPosition") if p[0] == "Andrew Barr"]
    text = ("Bounleua Sinxayvoravong, who also serves as Chairman of the Laos-Vietnam Friendship "
            "Parliamentarians Group, spoke.")
    assert full_pairs(text, "holdsPosition") == {
        ("Bounleua Sinxayvoravong", "Laos-Vietnam Friendship Parliamentarians Group")}


def test_hosting_demonym_investments_is_the_countrys_investment(full_pairs):
    text = "Ha Nam currently hosts nine Japanese investments worth 120 million USD."
    assert full_pairs(text, "investsIn") == {("Japan", "Ha Nam")}
    assert full_pairs("Ha Nam hosted Japanese guests at a festival.", "investsIn") == set()


def test_visits_by_delegations_of_adjective_provinces_and_from_partner_provinces(full_pairs):
    text = ("A delegation of the central province of Quang Ngai, led by Chairman of the provincial People's "
            "Committee Dang Van Minh, has been on a working trip to Japan since May 2.")
    assert full_pairs(text, "visited") == {("Quang Ngai", "Japan")}
    text = ("Gia Lai and Ratanakiri signed an agreement on March 3 during a visit to Gia Lai by a delegation "
            "from the Cambodian province.")
    assert ("Ratanakiri", "Gia Lai") in full_pairs(text, "visited")
    text = "Thai Ambassador Urawadee Sriphiromya was in the southern province of Tay Ninh for a working visit."
    assert full_pairs(text, "visited") == {("Urawadee Sriphiromya", "Tay Ninh")}
    assert full_pairs("Urawadee Sriphiromya was in Tay Ninh for the festival.", "visited") == set()


def test_companies_named_by_their_kind_and_nationality(full_pairs):
    text = ("Daewon Precision, a Korean firm, invested 20 million USD in Quang Ngai. The plant is run by "
            "Thai conglomerate SCG. The Dutch NGO SNV supported farmers in Ben Tre.")
    found = entities(text)
    assert {("Corporation", "Daewon Precision"), ("Corporation", "SCG"), ("NGO", "SNV")} <= found
    assert not [e for e in found if e[1].startswith("Dutch")]
    assert {("Daewon Precision", "South Korea"), ("SCG", "Thailand"), ("SNV", "Netherlands")} <= \
        full_pairs(text, "basedIn")
    assert ("Corporation", "Nothing Special") not in entities("Nothing Special, a company that sells, came.")


def test_legal_suffixes_written_without_spaces_and_joint_stock_forms():
    found = entities("Sembcorp Development Pte.Ltd and Belmilk Holding OJSC signed with Nghe An.")
    assert {e[1] for e in found if e[0] == "Corporation"} >= {"Sembcorp Development", "Belmilk Holding"}


def test_receptions_of_envoys_and_visits_by_foreign_province_delegations(full_pairs):
    text = ("Quang Ngai hosted a forum.\nChairman of the Son La Provincial People's Committee Hoang Quoc Khanh "
            "received Belarusian Ambassador Uladzimir Baravikou on May 4.")
    assert full_pairs(text, "visited") == {("Uladzimir Baravikou", "Son La")}
    text = "Led by Vice Governor Park Sung-min, the delegation of Gyeongsangbuk province visited Quang Ngai."
    assert full_pairs(text, "visited") == {("North Gyeongsang", "Quang Ngai")}


def test_the_two_provinces_refer_to_the_partnership_just_stated(full_edges):
    text = ("Ha Tinh and Bolikhamxay signed a cooperation agreement on March 23. The two provinces have "
            "been twinned since 2007. They signed a new plan for 2025 in May.")
    stated = [(s, o, f.status, f.rule) for s, o, f in full_edges(text, "partnerOf")]
    assert {(s, o) for s, o, _, _ in stated} == {("Ha Tinh", "Bolikhamxay")}
    assert {st for _, _, st, rule in stated if "pair" in rule} == {"Active", "Signed"}
    alone = "Officials met in Vinh. The two provinces have been twinned since 2007."
    assert full_edges(alone, "partnerOf") == []


def test_stages_of_wanting_and_of_drafting(full_edges):
    wants = "Tuyen Quang wants to establish friendship relations with Jeju province."
    assert {f.status for _, _, f in full_edges(wants, "partnerOf")} == {"Proposed"}
    drafting = "An Giang is working on a memorandum with Kampot, which is expected to be signed next year."
    assert {f.status for _, _, f in full_edges(drafting, "partnerOf")} == {"Negotiating"}


def test_a_one_word_place_ending_a_titled_vietnamese_name_is_part_of_the_name():
    found = entities("Secretary of the Lang Son Provincial Party Committee Nong Thi Hue attended.")
    assert ("Person", "Nong Thi Hue") in found
    assert not [e for e in found if e[1] in ("Hue", "Thua Thien Hue")]
    assert ("Province", "Hue") in entities("Tourists in Hue enjoyed the festival.", date="2026-01-01")


def test_a_post_in_apposition_to_an_earlier_name_is_not_the_next_names(full_pairs):
    text = ("Andrew Barr, Chief Minister of Australia's Capital Territory, and Chairman of the Khanh Hoa "
            "provincial People's Committee Nguyen Tan Tuan signed the plan.")
    found = full_pairs(text, "holdsPosition")
    assert ("Nguyen Tan Tuan", "Khanh Hoa Provincial People's Committee") in found
    assert not [p for p in found if p[0] == "Nguyen Tan Tuan" and "Territory" in p[1]]


def test_aid_and_recognition_asked_for_are_not_stated(full_pairs):
    text = ("He suggested the ministry encourage international organisations such as UNDP to finance "
            "the programmes of Lai Chau.")
    assert full_pairs(text, "aidTo") == set()
    assert full_pairs("UNDP financed the programmes of Lai Chau.", "aidTo") == {
        ("United Nations Development Programme", "Lai Chau")}
    wish = "Lai Chau asked the ministry to help obtain UNESCO recognition for the Xoe dance."
    assert full_pairs(wish, "recognizedBy") == set()


def test_a_minister_holds_the_post_in_the_ministry_the_article_names(full_pairs):
    text = ("At talks with Deputy Minister of Foreign Affairs Do Hung Viet, Dien Bien asked the Ministry of "
            "Foreign Affairs for help.")
    assert ("Do Hung Viet", "Ministry of Foreign Affairs") in full_pairs(text, "holdsPosition")
    alone = "At talks with Deputy Minister of Foreign Affairs Do Hung Viet, Dien Bien asked for help."
    assert not [p for p in full_pairs(alone, "holdsPosition") if p[1].startswith("Ministry")]


def test_during_the_visit_of_a_foreign_official_he_visited_the_articles_province(full_pairs):
    text = ("Dien Bien hosted the talks.\nThe meeting took place during the visit of Vice Governor of "
            "Phongsaly Khamla Sengthong, who praised the results.")
    assert full_pairs(text, "visited") == {("Khamla Sengthong", "Dien Bien")}


def test_a_hyphenated_geopark_is_a_heritage_site():
    assert ("HeritageItem", "Non Nuoc Cao Bang Geo-Park") in entities("Tourists visit the Non Nuoc Cao Bang Geo-Park.")


def test_a_town_named_with_its_province_is_the_partner_not_the_province(full_edges):
    text = ("Dien Ban town in the central province of Quang Nam and Hadano city in Japan's Kanagawa prefecture "
            "signed a friendship agreement on Monday.")
    found = {(s, o) for s, o, _ in full_edges(text, "partnerOf")}
    assert ("Dien Ban Town", "Hadano") in {(s.title(), o) for s, o in found}
    assert not [pair for pair in found if pair[0] == "Quang Nam" or pair[1] == "Kanagawa"]


def test_a_province_listed_beside_a_town_stays_a_partner(full_edges):
    text = "Quang Nam province and Hadano city signed a friendship agreement on Monday."
    assert {(s, o) for s, o, _ in full_edges(text, "partnerOf")} == {("Quang Nam", "Hadano")}


def test_a_district_or_town_committee_is_a_body_with_its_chairman(full_pairs):
    text = ("Chairman of the Can Gio district People's Committee Pham Van Tuan received the guests, while "
            "Head of the Nevsky district administration Ivan Orlov spoke of tourism.")
    found = {(s, o.lower()) for s, o in full_pairs(text, "holdsPosition")}
    assert ("Pham Van Tuan", "can gio district people's committee") in found
    assert ("Ivan Orlov", "nevsky district administration") in found


def test_committees_and_administrations_without_a_named_unit_are_no_body():
    text = ("District People's Committees across the province will report monthly, and the Trump "
            "administration was mentioned by a US guest; the district administration reform goes on.")
    assert not [e for e in entities(text) if e[0] == "GovernmentBody"]


def test_a_company_based_in_a_foreign_town_is_based_in_its_country(full_edges):
    text = ("Hadano city in Japan's Kanagawa prefecture signed a friendship agreement with Quang Nam. "
            "Hadano-based parts maker Tanabe Seiko Co., Ltd has invested 8 million USD in Quang Nam.")
    assert ("Tanabe Seiko", "Japan") in {(s, o) for s, o, _ in full_edges(text, "basedIn")}


def test_a_town_is_no_home_without_the_based_cue(full_edges):
    text = ("Hadano city in Japan's Kanagawa prefecture signed a friendship agreement with Quang Nam. "
            "Hadano and Tanabe Seiko Co., Ltd were both thanked.")
    assert not full_edges(text, "basedIn")


def test_a_place_named_with_its_head_word_is_the_same_place_by_its_bare_name(full_edges):
    text = ("Wando county in South Korea's South Jeolla province signed a memorandum with Ca Mau province. "
            "The ceremony took place during a visit to Ca Mau by a delegation from Wando headed by its governor.")
    assert ("Wando", "Ca Mau") in {(s, o) for s, o, _ in full_edges(text, "visited")}


def test_a_one_syllable_town_name_is_not_repeated_as_a_place():
    text = ("Nghe An's Vinh city signed a memorandum with Vientiane. Le Van Vinh, chairman of the city, "
            "said Vinh and Vientiane would swap students.")
    found = {(e.type, e.label) for e in extract(Document.create("t", text), FULL).entities.values()}
    places = [label for kind, label in found if kind.endswith("Locality")]
    assert places.count("Vinh") + places.count("Vinh City") <= 1


def test_a_delegation_of_the_district_belongs_to_the_district_named_before(full_edges):
    text = ("Nevsky district of Russia's St Petersburg signed a cooperation agreement with Hai Phong. "
            "Head of the Nevsky district administration Ivan Orlov, who is leading a delegation of the district "
            "on a working visit to Hai Phong, spoke at the ceremony.")
    visits = {(s, o) for s, o, _ in full_edges(text, "visited")}
    assert ("Nevsky", "Hai Phong") in visits
    assert ("Ivan Orlov", "Hai Phong") not in visits


def test_a_regency_is_a_foreign_place():
    text = "Phu Quoc signed a tourism agreement with Gianyar regency of Indonesia on Monday."
    found = {(e.type, e.label) for e in extract(Document.create("t", text), FULL).entities.values()}
    assert any(kind == "ForeignLocality" and label.startswith("Gianyar") for kind, label in found)


def test_the_bare_name_after_a_title_of_is_the_place_before_its_holder(full_pairs):
    text = ("Wando county in South Korea's South Jeolla province signed a memorandum with Ca Mau province. "
            "It was signed by Governor of Wando Shin Young-chul and the chairman of Ca Mau.")
    assert ("Shin Young-chul", "Wando") in set(full_pairs(text, "holdsPosition"))


def test_what_an_ngo_is_is_not_part_of_its_name():
    assert ("NGO", "Green Hope Foundation") in entities("The Korean NGO Green Hope Foundation has funded schools in Ca Mau.")
    assert ("NGO", "Korea Green Hope Foundation") in entities("Korea Green Hope Foundation has funded schools in Ca Mau.")


def test_the_district_of_a_name_is_the_partner_before_its_city(full_edges):
    text = ("The coastal district of Can Gio in Ho Chi Minh City and Wando county of South Korea signed "
            "a memorandum on mangrove protection.")
    found = {(s, o) for s, o, _ in full_edges(text, "partnerOf")}
    assert found and all(s.startswith("Can Gio") for s, _ in found)


def test_the_agreement_told_again_keeps_its_partners(full_edges):
    text = ("Dien Ban town in the central province of Quang Nam and Hadano city in Japan's Kanagawa prefecture "
            "signed a friendship agreement on Monday.\n\nThe document was signed during a visit to Da Nang by a "
            "delegation from Hadano.")
    found = {(s, o) for s, o, _ in full_edges(text, "partnerOf")}
    assert not [pair for pair in found if pair[0] == "Da Nang"]


def test_a_new_partner_in_a_sentence_about_the_agreement_is_still_found(full_edges):
    text = "The agreement between Da Nang and Hadano city of Japan was signed on Monday."
    assert ("Da Nang", "Hadano") in {(s, o) for s, o, _ in full_edges(text, "partnerOf")}


def test_a_vietnamese_city_opening_a_dateline_is_no_foreign_place():
    found = entities("Nha Trang (VNA) - Khanh Hoa welcomed a delegation from Vladivostok.")
    assert not [e for e in found if e[0] == "ForeignLocality" and e[1] == "Trang"]


def test_a_recognition_told_in_an_aside_after_the_item(full_edges):
    text = ("Phu Tho's xoan folk singing – inscribed by UNESCO in 2017 on the representative list – was staged in "
            "Tokyo, while Hoi An Ancient Town, a UNESCO World Heritage site since 1999, hosted the guests.")
    found = {s for s, o, _ in full_edges(text, "recognizedBy") if o == "UNESCO"}
    assert len(found) == 2


def test_an_aside_that_only_hopes_for_recognition_is_none(full_edges):
    text = ("Phu Tho's xoan folk singing, which the province hopes UNESCO will one day honour, was staged in Tokyo.")
    assert not full_edges(text, "recognizedBy")


def test_a_description_between_a_district_name_and_its_head():
    assert ("VietnamLocality", "Huong Hoa District") in entities(
        "Mine clearance goes on in Huong Hoa mountainous district of Quang Tri.")
    assert not [e for e in entities("The mountainous district of Quang Tri is poor.") if e[0] == "VietnamLocality"]


def test_ngo_written_as_a_surname_is_a_person_not_an_ngo(full_pairs):
    text = ("The plan was welcomed by Vice Chairwoman of the Ho Chi Minh City People's Committee "
            "Ngo Thi Lan Huong, the city said.")
    assert not [e for e in entities(text) if e[0] == "NGO"]
    assert ("Ngo Thi Lan Huong", "Ho Chi Minh City People's Committee") in set(full_pairs(text, "holdsPosition"))


def test_the_two_capitals_restate_the_pair(full_edges):
    text = ("Hanoi signed a friendship agreement with Vientiane capital of Laos in 2004.\n\n"
            "The two capitals have since exchanged delegations every year.")
    found = full_edges(text, "partnerOf")
    assert len({(s, o) for s, o, _ in found}) == 1 and len(found) == 2


def test_the_head_of_a_delegation_from_a_place_of_its_country(full_pairs):
    text = ("A delegation from Savannakhet province of Laos, led by its Governor Somphone Keovilay, paid a "
            "working visit to Quang Tri on Monday.")
    assert ("Somphone Keovilay", "Savannakhet") in set(full_pairs(text, "holdsPosition"))


def test_the_delegation_later_is_the_one_told_of_before(full_pairs):
    text = ("A delegation from Savannakhet province of Laos paid a working visit to Quang Tri on Monday.\n\n"
            "The officials discussed trade. The Lao delegation also visited Quang Binh on Wednesday.")
    assert ("Savannakhet", "Quang Binh") in set(full_pairs(text, "visited"))


def test_the_delegation_with_no_delegation_before_is_nobody(full_pairs):
    assert not full_pairs("The delegation also visited Quang Binh on Wednesday.", "visited")


def test_where_a_place_lies_told_in_an_apposition(full_pairs):
    text = ("Quang Tri signed a letter of intent with Baise city, also in Guangxi, last year.\n\n"
            "Dong Ha city, the provincial capital, hosted the talks, Quang Tri officials said.")
    found = set(full_pairs(text, "locatedIn"))
    assert ("Baise", "Guangxi") in found
    assert ("Dong Ha City", "Quang Tri") in found


def test_a_capital_named_after_its_province_is_not_the_provincial_capital_of_another(full_pairs):
    text = "Quang Tri hosted the talks. Vientiane, the Lao capital, sent a delegation."
    assert not [pair for pair in full_pairs(text, "locatedIn") if pair[1] == "Quang Tri"]


def test_a_trip_to_the_city_is_to_the_articles_city(full_pairs):
    text = ("Da Nang and Sakai signed a memorandum on Monday. Wando County Governor Shin Young-chul, who is "
            "leading a delegation of the county on a working trip to the city, also attended.")
    assert any(o == "Da Nang" for _, o in full_pairs(text, "visited"))


def test_the_demonym_region_later_is_the_region_of_that_country_named_before(full_edges):
    text = ("Among its partners abroad, the file furthest along concerns Tver Oblast in Russia.\n\n"
            "Quang Nam is negotiating a memorandum of understanding with the Russian region.")
    found = {(s, o, f.status) for s, o, f in full_edges(text, "partnerOf")}
    assert ("Quang Nam", "Tver Oblast", "Negotiating") in found or ("Quang Nam", "Tver", "Negotiating") in found


def test_the_demonym_region_with_no_such_region_before_is_no_partner(full_edges):
    text = ("The file furthest along concerns Gyeonggi province in South Korea.\n\n"
            "Quang Nam is negotiating a memorandum of understanding with the Russian region.")
    assert not [pair for pair in full_edges(text, "partnerOf") if pair[1].startswith("Gyeonggi")]


def test_agents_listed_then_both_from_a_country_are_both_based_there(full_pairs):
    text = ("Mercy Corps International and the Lotus Children Foundation, both from the United States, donated "
            "20,000 USD to Ha Nam in 2021.")
    found = set(full_pairs(text, "basedIn"))
    assert {("Mercy Corps International", "United States"), ("Lotus Children Foundation", "United States")} <= found


def test_firms_that_run_plants_or_have_set_up_in_the_province_invest_there(full_pairs):
    text = ("Hyosung and Hanwha Techwin both run plants in Bac Ninh, and Amkor has set up in Bac Ninh too.")
    found = set(full_pairs(text, "investsIn"))
    assert {("Hyosung", "Bac Ninh"), ("Amkor Technology", "Bac Ninh")} <= found


def test_a_firm_set_up_in_a_year_is_no_investment(full_pairs):
    assert not full_pairs("Amkor, a firm set up in 1968, sent engineers to a Bac Ninh school.", "investsIn")
