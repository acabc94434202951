"""locatedIn rules: brackets, "in <Country>", possessives, address chains."""



def test_country_in_brackets_and_after_in(pairs):
    text = "Delegates came from Kurgan oblast (Russia) and from Oita prefecture in Japan."
    assert pairs(text, "locatedIn") == {("Kurgan", "Russia"), ("Oita", "Japan")}


def test_possessive_country_and_province(pairs):
    assert ("Gifu", "Japan") in pairs("Japan's Gifu hosted the fair.", "locatedIn")
    assert pairs("Visitors toured Quang Tri's Lao Bao Border Gate.", "locatedIn") == {
        ("Lao Bao Border Gate", "Quang Tri")}


def test_address_chain_goes_from_small_to_large(pairs):
    text = "The plant is in Tan Hiep ward, Bien Hoa city, Dong Nai province."
    assert pairs(text, "locatedIn") == {("Tan Hiep Ward", "Bien Hoa City"), ("Bien Hoa City", "Dong Nai")}


def test_no_location_from_a_list_of_equals(pairs):
    assert pairs("Leaders of Quang Tri, Ha Tinh and Dong Nai met in Hue.", "locatedIn") == set()


def test_city_of_a_province_and_place_owned_by_a_place(pairs):
    assert pairs("Trade passes Tinh Bien town of Dong Nai every day.", "locatedIn") == {
        ("Tinh Bien Town", "Dong Nai")}
    assert ("Nakatsugawa", "Gifu") in pairs("Gifu's Nakatsugawa sent students.", "locatedIn")


def test_kind_of_country_with_demonym_or_country(pairs):
    text = "Ha Tinh signed deals with the Lao provinces of Savannakhet and Trang last year."
    assert pairs(text, "locatedIn") == {("Savannakhet", "Laos"), ("Trang", "Laos")}
    state = "Ha Tinh wants ties with the US state of Trang, a farm belt."
    assert pairs(state, "locatedIn") == {("Trang", "United States")}
    region = "Ha Tinh would also seek ties with a second Japanese region, Gifu, next year."
    assert pairs(region, "locatedIn") == {("Gifu", "Japan")}
    # a demonym describing people, not the place, locates nothing
    assert pairs("Lao visitors to Savannakhet rose sharply.", "locatedIn") == set()


def test_foreign_city_in_a_foreign_province(pairs):
    text = "Ha Tinh has been twinned with Hanul city in Gifu province since 2015."
    assert ("Hanul", "Gifu") in pairs(text, "locatedIn")
    # equals joined by "and" do not contain each other
    assert pairs("Ha Tinh signed deals with Gifu and Savannakhet.", "locatedIn") == set()


def test_plural_district_head_and_the_provinces_possessive(pairs):
    text = "The fund cleared land in Quang Tri's Gio Linh and Vinh Linh districts."
    assert pairs(text, "locatedIn") == {("Gio Linh District", "Quang Tri"), ("Vinh Linh District", "Quang Tri")}
    own = "Quang Tri grows.\nA firm built a plant in the province's Cam Lo district."
    assert pairs(own, "locatedIn") == {("Cam Lo District", "Quang Tri")}
    other = "Quang Tri grows.\nA firm built a plant in the neighbouring Cam Lo district."
    assert pairs(other, "locatedIn") == set()
