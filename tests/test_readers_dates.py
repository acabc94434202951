"""Publication dates as outlets write them, normalised to ISO 8601."""

from __future__ import annotations

import datetime as dt

import pytest

from diplomap.loaders.read_dates import normalise_date


@pytest.mark.parametrize(
    "raw, iso",
    [
        ("2021", "2021"),
        ("2021-06", "2021-06"),
        ("2021-6-7", "2021-06-07"),
        ("2021/06/07", "2021-06-07"),
        ("2021-06-07T10:15:00+07:00", "2021-06-07"),
        ("7 June 2021", "2021-06-07"),
        ("7th of June, 2021", "2021-06-07"),
        ("June 7, 2021", "2021-06-07"),
        ("Jun. 7, 2021", "2021-06-07"),
        ("Monday, 7 June 2021", "2021-06-07"),
        ("Sept 2021", "2021-09"),
        ("06/07/2021", "2021-07-06"),  # day first, as Vietnamese outlets write it
        ("13/06/2021", "2021-06-13"),
        ("06/13/2021", "2021-06-13"),  # the second number cannot be a month: month first
        ("07.06.2021 08:30", "2021-06-07"),
        ("Thứ Hai, 07/06/2021 10:30 (GMT+7)", "2021-06-07"),
        ("ngày 7 tháng 6 năm 2021", "2021-06-07"),
        ("Tháng 6 năm 2021", "2021-06"),
        ("6/2021", "2021-06"),
        (dt.date(2022, 4, 20), "2022-04-20"),
        (dt.datetime(2022, 4, 20, 23, 59), "2022-04-20"),
        (2020, "2020"),
    ],
)
def test_dates_are_normalised(raw, iso):
    assert normalise_date(raw) == iso


@pytest.mark.parametrize(
    "raw",
    ["", "last week", "31/02/2021", "2021-13-01", "7 Juin 2021", "Juin 2021", "2021-2025", None, True, 0, [2021]],
)
def test_what_is_not_a_date_gives_none(raw):
    assert normalise_date(raw) is None
