"""Nationality adjectives -> country names as the gazetteer labels them.

Used as cues ("Korean investors such as ...", "a Japanese firm") for basedIn facts; a
demonym alone is not a mention of the country.
"""

from __future__ import annotations

import functools
import re

DEMONYMS: dict[str, str] = {
    "american": "United States", "us": "United States", "u.s.": "United States",
    "korean": "South Korea", "south korean": "South Korea", "rok": "South Korea",
    "japanese": "Japan", "chinese": "China", "taiwanese": "Taiwan", "singaporean": "Singapore",
    "thai": "Thailand", "lao": "Laos", "laotian": "Laos", "cambodian": "Cambodia",
    "malaysian": "Malaysia", "indonesian": "Indonesia", "filipino": "Philippines",
    "philippine": "Philippines", "indian": "India", "australian": "Australia",
    "new zealand": "New Zealand", "british": "United Kingdom", "english": "United Kingdom",
    "french": "France", "german": "Germany", "italian": "Italy", "spanish": "Spain",
    "dutch": "Netherlands", "belgian": "Belgium", "swiss": "Switzerland", "swedish": "Sweden",
    "norwegian": "Norway", "danish": "Denmark", "finnish": "Finland", "polish": "Poland",
    "czech": "Czechia", "hungarian": "Hungary", "austrian": "Austria", "russian": "Russia",
    "ukrainian": "Ukraine", "belarusian": "Belarus", "canadian": "Canada", "mexican": "Mexico",
    "brazilian": "Brazil", "argentine": "Argentina", "chilean": "Chile", "cuban": "Cuba",
    "israeli": "Israel", "turkish": "Turkey", "emirati": "United Arab Emirates",
    "saudi": "Saudi Arabia", "qatari": "Qatar", "egyptian": "Egypt", "nigerian": "Nigeria",
    "south african": "South Africa", "mongolian": "Mongolia", "myanmar": "Myanmar",
    "burmese": "Myanmar", "bangladeshi": "Bangladesh", "pakistani": "Pakistan",
    "vietnamese": "Vietnam", "hong kong": "Hong Kong", "irish": "Ireland", "portuguese": "Portugal",
    "greek": "Greece", "kazakh": "Kazakhstan", "uzbek": "Uzbekistan", "bruneian": "Brunei",
}


# A capitalised word, with an optional second one ("South Korean", "New Zealand") and the
# dotted form "U.S.": candidates looked up in DEMONYMS — much faster than a regex that
# alternates over every demonym at every position of a sentence.
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][\w.]*(?=((?:[ ][A-Z]\w*)?))")


@functools.lru_cache(maxsize=4096)
def demonym_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, country name) of each capitalised nationality adjective in ``text``:
    "Korean investors" -> ((0, 6, "South Korea"),)."""
    found = []
    last_end = -1
    for match in _CAPITALISED.finditer(text):
        start = match.start()
        if start < last_end:
            continue  # the second word of a two-word demonym already taken
        word = match.group()
        pair = (word + match.group(1)).lower()
        if match.group(1) and pair in DEMONYMS:
            last_end = match.end() + len(match.group(1))
            found.append((start, last_end, DEMONYMS[pair]))
            continue
        key = word.lower()
        if key not in DEMONYMS and key.endswith(".") and key.rstrip(".") in DEMONYMS:
            word, key = word.rstrip("."), key.rstrip(".")
        if key in DEMONYMS:
            found.append((start, start + len(word), DEMONYMS[key]))
    return tuple(found)
