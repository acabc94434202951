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
