"""Names that are never entities of the graph: news outlets and their credits, schools.

Datelines ("Hanoi (VNA) –"), photo credits ("(Photo: VNA)", "Source: VOV") and sign-offs
("-VNA", a last line "VNA") name the outlet that wrote the report, not an actor of it; universities,
schools and hospitals are not actors of foreign relations either (the annotation conventions).
Their spans are claimed here first, so that neither the gazetteer nor a name pattern types them.
"""

from __future__ import annotations

import re

from diplomap.loaders.mentions import Candidate

# Agencies and outlets that file English news about Vietnamese provinces, and the wire services
# of partner countries. Short forms are matched in their exact case only.
_OUTLET_NAMES = (
    "Vietnam News Agency", "Viet Nam News Agency", "Thông tấn xã Việt Nam", "Thong tan xa Viet Nam",
    "Voice of Vietnam", "Voice of Viet Nam", "VOV World", "Vietnam News", "Viet Nam News", "VietnamPlus",
    "Vietnam Plus", "Nhan Dan", "Nhân Dân", "Tuoi Tre", "Thanh Nien", "VnExpress", "Vietnam Television",
    "Lao News Agency", "Khaosan Pathet Lao", "Xinhua", "Kyodo", "Yonhap", "Bernama", "Reuters",
    "Agence Kampuchea Presse", "Prensa Latina", "Sputnik", "TASS", "ITAR-TASS", "Antara",
)
_OUTLET_CODES = ("VNA", "VNS", "VOV", "VTV", "TTXVN", "KPL", "AKP", "AFP", "NHK", "VTC")
_CREDIT_ONLY_CODES = ("AP", "VNE")  # ordinary abbreviations elsewhere: only in a credit "(AP)", "Photo: AP"

OUTLET_PATTERN = re.compile(
    r"(?i:\b(?:" + "|".join(re.escape(n) for n in sorted(_OUTLET_NAMES, key=len, reverse=True)) + r")\b)"
    r"|\b(?:" + "|".join(_OUTLET_CODES) + r")\b"
    r"|(?<=\()(?:" + "|".join(_CREDIT_ONLY_CODES) + r")(?=\))"
    r"|(?<=[Pp]hoto: )(?:" + "|".join(_CREDIT_ONLY_CODES) + r")\b")

# "Souphanouvong University", "Ngoc Son primary school", "University of Danang", "Hanoi Medical University"
_WORD = r"[A-Z][\w’'-]*"
INSTITUTION_PATTERN = re.compile(
    rf"\b{_WORD}(?:[ \t]+{_WORD}){{0,4}}[ \t]+(?:(?:[Pp]rimary|[Ss]econdary|[Hh]igh|[Bb]oarding|[Vv]ocational)[ \t]+)?"
    r"(?:University|College|School|Academy|Hospital|school|university|college|hospital)\b"
    rf"|\b(?:University|Academy|College)[ \t]+of[ \t]+{_WORD}(?:[ \t]+{_WORD}){{0,3}}")

# Designations, not things: "an ASEAN Heritage Park", "a World Heritage Site", "the 2,000th Ramsar site"
DESIGNATION_PATTERN = re.compile(r"\b(?:ASEAN\s+Heritage\s+Parks?|World\s+(?:Cultural\s+|Natural\s+)?Heritage\s+Sites?|"
                                 r"Ramsar\s+[Ss]ites?)\b")

NOT_ENTITY = "NotEntity"


def find_not_entities(text: str, end: int | None = None) -> list[Candidate]:
    """Spans that name an outlet or a school: claimed so that no entity is made of them."""
    limit = len(text) if end is None else end
    found = [Candidate(m.start(), m.end(), m.group(), NOT_ENTITY, m.group(), "outlet", priority=9)
             for m in OUTLET_PATTERN.finditer(text, 0, limit)]
    found += [Candidate(m.start(), m.end(), m.group(), NOT_ENTITY, m.group(), "institution", priority=9)
              for m in INSTITUTION_PATTERN.finditer(text, 0, limit) if not _starts_with_place_word(m.group())]
    found += [Candidate(m.start(), m.end(), m.group(), NOT_ENTITY, m.group(), "designation", priority=9)
              for m in DESIGNATION_PATTERN.finditer(text, 0, limit)]
    return found


def _starts_with_place_word(name: str) -> bool:
    return name.split()[0].lower() in {"the", "a", "an", "in", "at", "of", "for"}


def drop_not_entities(candidates: list[Candidate]) -> list[Candidate]:
    return [c for c in candidates if c.type != NOT_ENTITY]
