"""Names typed by the article's date: what a place was when the article was written.

Hue became a centrally-run city (a Province) only when it replaced Thua Thien Hue province; a
2020 report's "Hue city" is a city of that province then, a VietnamLocality. A unit that exists
only after a reorganisation (``pre_2025`` false in the gazetteer, with the units it ``replaces``)
is read, in articles dated before the reorganisation took effect, as the city of the same name
when the text says "city", else as the unit it later replaced (news wrote "Hue" for the province).
"""

from __future__ import annotations

import re

from diplomap.loaders.mentions import Candidate, GazetteerMatcher

_CITY = re.compile(r"\b(?:city|thành phố|thanh pho|TP)\b", re.I)


def _came_into_being(entry, matcher: GazetteerMatcher) -> str | None:
    dates = [matcher.entries[p].replaced_on for p in entry.replaces
             if p in matcher.entries and matcher.entries[p].replaced_on]
    return min(dates) if dates else None


def type_by_date(kept: list[Candidate], matcher: GazetteerMatcher, date: str | None) -> None:
    """Retype, in place, mentions of units that did not exist yet on ``date`` (ISO, any precision)."""
    if not date:
        return
    for cand in kept:
        entry = matcher.entries.get(cand.gazetteer_id) if cand.gazetteer_id else None
        if entry is None or entry.type != "Province" or entry.extra.get("pre_2025", True) or not entry.replaces:
            continue
        since = _came_into_being(entry, matcher)
        if since is None or date >= since[:len(date)]:
            continue
        if not _CITY.search(cand.text):
            # plain "Hue" then stood for the province it later replaced, as news wrote it
            predecessor = matcher.entries.get(entry.replaces[0])
            if predecessor is not None:
                cand.gazetteer_id = predecessor.id
                cand.name = predecessor.label
                continue
        cand.gazetteer_id = None
        cand.type = "VietnamLocality"
        cand.name = f"{entry.label} City"
        cand.qualifier = entry.replaces[0]
