"""Text helpers of the extractor: folding keeps offsets, sentences, page furniture, money, dates."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from diplomap.loaders.dates import dateline, sentence_date
from diplomap.loaders.money import find_money
from diplomap.loaders.text import body_end, fold, split_sentences
from diplomap.ontology.iris import fold as slow_fold


@given(st.text(max_size=60))
def test_fast_fold_equals_reference_fold_and_keeps_length(text):
    assert fold(text) == slow_fold(text)
    assert len(fold(text)) == len(text)


def test_fold_removes_case_and_diacritics():
    assert fold("Bắc Ninh’s ĐÔNG Hồ") == "bac ninh's dong ho"


def test_sentences_keep_offsets_and_do_not_split_abbreviations():
    text = "Mr. Nguyen Van An visited Thinh Phat Co., Ltd. (Que Vo) in May.\nSecond line here. Third one!"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Mr. Nguyen Van An visited Thinh Phat Co., Ltd. (Que Vo) in May.",
        "Second line here.", "Third one!"]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_related_headlines_at_the_end_are_not_body():
    text = "Title\n\nThe province signed a deal.\n\nOther province boosts trade\nMore news here\n(Source: VNA)\n"
    end = body_end(text)
    assert text[:end].rstrip().endswith("signed a deal.")


def test_body_without_furniture_is_kept_whole():
    text = "Title\n\nThe province signed a deal.\n"
    assert body_end(text) == len(text)


def test_money_forms():
    found = {(m.amount, m.currency) for m in find_money(
        "2,5 billion USD; US$1.6 billion; nearly 440 million USD; 16,976 USD; 33,334 billion VND; "
        "22,899.6 million USD; 5 trillion dong")}
    assert found == {(Decimal("2500000000"), "USD"), (Decimal("1600000000"), "USD"),
                     (Decimal("440000000"), "USD"), (Decimal("16976"), "USD"),
                     (Decimal("33334000000000"), "VND"), (Decimal("22899600000"), "USD"),
                     (Decimal("5000000000000"), "VND")}


def test_numbers_without_currency_are_not_money():
    assert find_money("1,693 valid projects, up 23.7% over 2020") == []


def test_relative_and_explicit_dates():
    assert sentence_date("Last year, the city signed an MOU.", "2022-04-04") == "2021"
    assert sentence_date("In the first six months of this year, it grew.", "2022-04-04") == "2022"
    assert sentence_date("in the first 6 months of 2021 to 117,204 USD", None) == "2021"
    assert sentence_date("on 5 October 2021 they met", None) == "2021-10-05"
    assert sentence_date("the plan for 2021-2025, towards 2030", None) is None
    assert sentence_date("last year", None) is None  # no document date: no guess


def test_dateline_is_day_first():
    assert dateline("Title\n09:55 07/06/2021\nBody") == "2021-06-07"
    assert dateline("Title\n10:14:22 AM | 4/4/2022\n") == "2022-04-04"
    assert dateline("Title\nNo date here\n") is None


def test_sentence_ends_after_abbreviations_initials_and_closing_brackets():
    text = "Mr. Tran met U.S. firms. He said (etc.) it was fine! Kim J. Lee came. Lotte Co., Ltd. (Ha Noi) grew."
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Tran met U.S. firms.", "He said (etc.) it was fine!", "Kim J. Lee came.",
        "Lotte Co., Ltd. (Ha Noi) grew."]


def test_money_needs_a_currency_and_offsets_shift():
    assert find_money("In 2023 the 15 projects employed 3,000 workers.") == []
    found = find_money("It raised USD 3.5 million.", offset=100)
    assert [(m.amount, m.currency, m.start, m.end) for m in found] == [(Decimal("3500000"), "USD", 110, 125)]


def test_demonyms_found_without_a_big_alternation():
    from diplomap.loaders.demonyms import demonym_spans

    text = "The French government, South Korean firms and the U.S. side met Lao and US-based partners."
    assert [(text[s:e], name) for s, e, name in demonym_spans(text)] == [
        ("French", "France"), ("South Korean", "South Korea"), ("U.S.", "United States"),
        ("Lao", "Laos"), ("US", "United States")]
    assert demonym_spans("the french and korean words in lower case") == ()


def test_stage_gates_give_the_same_stage_as_the_full_patterns():
    from diplomap.loaders.rules_partnership import STAGES, stage_of

    def reference(text):
        return next((stage for stage, pattern in STAGES if pattern.search(text)), None)

    phrases = ["They aim to sign a deal", "talks are under way with X", "have long been twinned",
               "the sister-city ties", "set up friendship relations in 2001", "it will be signed",
               "they are still discussing it", "Support X in signing an MoU", "No stage words here",
               "for more than 20 years", "Negotiations continue", "a signing ceremony was held"]
    assert [stage_of(p) for p in phrases] == [reference(p) for p in phrases]
    assert stage_of("talks are under way") == "Negotiating" and stage_of("No stage words here") is None
