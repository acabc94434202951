"""News outlets and their credits, which are never entities of the graph.

Datelines ("Hanoi (VNA) –"), photo credits ("(Photo: VNA)", "Source: VOV") and sign-offs
("-VNA", a last line "VNA") name the outlet that wrote the report, not an actor of it. Their
spans are claimed here first, so that neither the gazetteer nor a name pattern types them.
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

OUTLET = "Outlet"


def find_outlets(text: str, end: int | None = None) -> list[Candidate]:
    """Spans that name a news outlet: claimed so that no entity is made of them."""
    limit = len(text) if end is None else end
    return [Candidate(m.start(), m.end(), m.group(), OUTLET, m.group(), "outlet", priority=9)
            for m in OUTLET_PATTERN.finditer(text, 0, limit)]


def drop_outlets(candidates: list[Candidate]) -> list[Candidate]:
    return [c for c in candidates if c.type != OUTLET]
