"""Nationality adjectives -> country names as the gazetteer labels them.

Used as cues ("Korean investors such as ...", "a Japanese firm") for basedIn facts; a
demonym alone is not a mention of the country.
"""

from __future__ import annotations

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
