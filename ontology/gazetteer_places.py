"""Gazetteer places generated from pycountry plus the curated tables: countries and Vietnamese provinces.

Foreign subdivisions live in ``gazetteer_subdivisions``.
"""

from __future__ import annotations

import functools
import gettext

import pycountry

from diplomap.ontology.gazetteer_draft import Draft
from diplomap.ontology.gazetteer_tsv import read_table, split_list
from diplomap.ontology.iris import slugify

MERGER_DATE = "2025-07-01"


@functools.lru_cache(maxsize=1)
def _vi_country_names() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["vi"], fallback=True)


def countries() -> list[Draft]:
    """Every ISO 3166-1 country, labelled as news writes it (countries.tsv overrides pycountry)."""
    overrides = {row["alpha2"]: row for row in read_table("countries.tsv")}
    vi_names = _vi_country_names()
    drafts = []
    for country in pycountry.countries:
        override = overrides.pop(country.alpha_2, {})
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None)
        label = override.get("label") or common or country.name
        draft = Draft(type="Country", label=label, country=country.alpha_2, iso3166=country.alpha_2)
        draft.extra["iso3166_alpha3"] = country.alpha_3
        draft.extra["iso3166_numeric"] = country.numeric
        draft.add_aliases(split_list(override.get("aliases", "")))
        # pycountry's official names sometimes start with "the" ("the State of Palestine")
        draft.add_aliases([n.removeprefix("the ") for n in (common, country.name, official) if n])
        draft.add_vi(split_list(override.get("vi", "")))
        translated = vi_names.gettext(country.name)
        if translated != country.name or not override.get("vi"):
            draft.add_vi([translated])
        drafts.append(draft)
    if overrides:
        raise ValueError(f"countries.tsv: codes not in ISO 3166-1: {sorted(overrides)}")
    return drafts


def _pycountry_vn_codes() -> dict[str, str]:
    """ISO 3166-2 code by slug of the Vietnamese name (``bac-ninh`` -> ``VN-56``)."""
    return {slugify(s.name): s.code for s in pycountry.subdivisions.get(country_code="VN")}


def _vn_forms(label: str, vi: str, kind: str) -> tuple[list[str], list[str]]:
    if kind == "city":
        aliases = [f"{label} City", f"{label} city"] if not label.endswith("City") else []
        return aliases, [vi, f"thành phố {vi}", f"Thành phố {vi}", f"TP {vi}"]
    return [f"{label} Province", f"{label} province"], [vi, f"tỉnh {vi}", f"Tỉnh {vi}"]


def vn_provinces() -> list[Draft]:
    """The 63 pre-2025 units and the 34 post-2025 units, linked by replaces / replacedBy."""
    codes = _pycountry_vn_codes()
    drafts: dict[str, Draft] = {}
    by_name: dict[str, Draft] = {}
    for row in read_table("vn-provinces.tsv"):
        label, vi, kind = row["label"], row["vi"], row["kind"]
        draft = Draft(type="Province", label=label, country="VN", parent="country/vietnam")
        generated_aliases, vi_forms = _vn_forms(label, vi, kind)
        draft.add_aliases([*split_list(row["aliases"]), *generated_aliases])
        draft.add_vi(vi_forms)
        draft.iso3166 = codes.pop(slugify(vi), None)
        draft.extra["kind"] = "centrally-run city" if kind == "city" else "province"
        draft.extra["pre_2025"] = draft.iso3166 is not None
        draft.extra["post_2025"] = False
        drafts[draft.id] = draft
        by_name[slugify(vi)] = by_name[slugify(label)] = draft
    if codes:
        raise ValueError(f"vn-provinces.tsv: pycountry codes without a row: {sorted(codes.values())}")
    for row in read_table("vn-provinces-2025.tsv"):
        unit = _lookup(by_name, row["unit_after_2025"])
        unit.extra["post_2025"] = True
        for name in split_list(row["formed_from"]):
            former = _lookup(by_name, name)
            if former is unit:
                continue
            former.current = False
            former.replaced_by = unit.id
            former.replaced_on = row["effective"]
            unit.replaces.append(former.id)
            if unit.iso3166 is None:
                # Hue keeps the ISO code of the province it replaced.
                unit.iso3166 = former.iso3166
    orphans = [d.id for d in drafts.values() if not d.extra["pre_2025"] and not d.extra["post_2025"]]
    if orphans:
        raise ValueError(f"vn-provinces.tsv: rows in neither the ISO list nor the 2025 list: {orphans}")
    return list(drafts.values())


def _lookup(by_name: dict[str, Draft], name: str) -> Draft:
    try:
        return by_name[slugify(name)]
    except KeyError:
        raise ValueError(f"vn-provinces-2025.tsv: unknown unit {name!r}") from None
