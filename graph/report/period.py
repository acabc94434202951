"""The period a report covers, and which merged provinces it includes.

A fact's year is the year of its stated date, else the year of the article it comes from.
A period is one year, a range of years, or all years (which also takes undated facts). A
report includes the provinces merged into the one it is about (2025 reform: former Bac Giang
in Bac Ninh) when the period reaches the year of the merger; their facts are labelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from diplomap.ontology.errors import InputError

FIRST_YEAR, LAST_YEAR = 1900, 2100


@dataclass(frozen=True)
class Period:
    start: int | None = None  # None: all years
    end: int | None = None

    @property
    def all_years(self) -> bool:
        return self.start is None

    def params(self) -> dict[str, str]:
        """The ``from``/``to`` parameters of the report queries."""
        if self.all_years:
            return {"from": "", "to": ""}
        return {"from": str(self.start), "to": str(self.end)}

    def previous(self) -> Period | None:
        """The year before the period ("what changed since last year"); None for all years."""
        if self.all_years:
            return None
        return Period(self.start - 1, self.start - 1)

    def reaches(self, year: int) -> bool:
        return self.all_years or self.end >= year

    def slug(self) -> str:
        if self.all_years:
            return "all-years"
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"


def make_period(year: int | None = None, start: int | None = None, end: int | None = None,
                all_years: bool = False) -> Period:
    """The period from the command's options; InputError when they conflict or are out of range."""
    if year is not None and (start is not None or end is not None):
        raise InputError("give --year or --from/--to, not both")
    if all_years and (year is not None or start is not None or end is not None):
        raise InputError("--all-years takes no --year, --from or --to")
    if year is not None:
        start = end = year
    if start is None and end is None:
        return Period()
    if start is None or end is None:
        raise InputError("give both --from and --to (or --year for one year)")
    for value in (start, end):
        if not FIRST_YEAR <= value <= LAST_YEAR:
            raise InputError(f"year {value} is out of range ({FIRST_YEAR}–{LAST_YEAR})")
    if start > end:
        raise InputError(f"--from {start} is after --to {end}")
    return Period(start, end)
