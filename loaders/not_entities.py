"""Names that are never entities of the graph: news outlets and their credits, schools.

Datelines ("Hanoi (VNA) –"), photo credits ("(Photo: VNA)", "Source: VOV") and sign-offs
("-VNA", a last line "VNA") name the outlet that wrote the report, not an actor of it; universities,
schools and hospitals are not actors of foreign relations either (the annotation conventions).
Their spans are claimed here first, so that neither the gazetteer nor a name pattern types them.
"""

from __future__ import annotations

import functools
import re

import ahocorasick

from diplomap.loaders.mentions import Candidate
from diplomap.loaders.text import fold

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

# Codes case-sensitively by regex; full names through one Aho-Corasick pass over the folded text
# (a case-insensitive alternation of thirty names, tried at every position, cost 6 % of extraction).
# (one group around the alternatives: the engine then skips to their first letters, 30 % faster)
OUTLET_CODE_PATTERN = re.compile(
    r"(?:\b(?:" + "|".join(_OUTLET_CODES) + r")\b"
    r"|(?<=\()(?:" + "|".join(_CREDIT_ONLY_CODES) + r")(?=\))"
    r"|(?<=[Pp]hoto: )(?:" + "|".join(_CREDIT_ONLY_CODES) + r")\b)")


@functools.lru_cache(maxsize=1)
def _outlet_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for name in _OUTLET_NAMES:
        folded = fold(name)
        automaton.add_word(folded, len(folded))
    automaton.make_automaton()
    return automaton


def _outlet_names(folded: str, limit: int):
    for last, length in _outlet_automaton().iter(folded, 0, limit):
        first = last - length + 1
        if (first == 0 or not folded[first - 1].isalnum()) and \
                (last + 1 >= len(folded) or not folded[last + 1].isalnum()):
            yield first, last + 1


# "Souphanouvong University", "Ngoc Son primary school", "University of Danang", "Hanoi Medical University"
_WORD = r"[A-Z][\w’'-]*"
# Found from their head word backwards: a scan for the head is cheap, a scan for every capitalised run is not.
_INSTITUTION_HEAD = re.compile(r"\b(?:University|College|School|Academy|Hospital|school|university|college|hospital)\b")
_INSTITUTION_NAME = re.compile(
    rf"\b{_WORD}(?:[ \t]+{_WORD}){{0,4}}[ \t]+(?:(?:[Pp]rimary|[Ss]econdary|[Hh]igh|[Bb]oarding|[Vv]ocational)[ \t]+)?$")
_INSTITUTION_OF = re.compile(rf"[ \t]+of[ \t]+{_WORD}(?:[ \t]+{_WORD}){{0,3}}")


def _institutions(text: str, limit: int):
    for head in _INSTITUTION_HEAD.finditer(text, 0, limit):
        window = max(0, head.start() - 90)
        name = _INSTITUTION_NAME.search(text, window, head.start())
        if name is not None and not _starts_with_place_word(text[name.start():head.end()]):
            yield name.start(), head.end()
        elif head.group()[0].isupper() and head.group() in ("University", "Academy", "College"):
            tail = _INSTITUTION_OF.match(text, head.end(), limit)
            if tail is not None:
                yield head.start(), tail.end()


# Designations, not things: "an ASEAN Heritage Park", "a World Heritage Site", "the 2,000th Ramsar site"
DESIGNATION_PATTERN = re.compile(r"\b(?:ASEAN\s+Heritage\s+Parks?|World\s+(?:Cultural\s+|Natural\s+)?Heritage\s+Sites?|"
                                 r"Ramsar\s+[Ss]ites?)\b")

NOT_ENTITY = "NotEntity"


def find_not_entities(text: str, end: int | None = None, folded: str | None = None) -> list[Candidate]:
    """Spans that name an outlet or a school: claimed so that no entity is made of them."""
    limit = len(text) if end is None else end
    folded = fold(text) if folded is None else folded
    found = [Candidate(m.start(), m.end(), m.group(), NOT_ENTITY, m.group(), "outlet", priority=9)
             for m in OUTLET_CODE_PATTERN.finditer(text, 0, limit)]
    found += [Candidate(a, b, text[a:b], NOT_ENTITY, text[a:b], "outlet", priority=9)
              for a, b in _outlet_names(folded, limit)]
    found += [Candidate(a, b, text[a:b], NOT_ENTITY, text[a:b], "institution", priority=9)
              for a, b in _institutions(text, limit)]
    found += [Candidate(m.start(), m.end(), m.group(), NOT_ENTITY, m.group(), "designation", priority=9)
              for m in DESIGNATION_PATTERN.finditer(text, 0, limit)]
    return found


def _starts_with_place_word(name: str) -> bool:
    return name.split()[0].lower() in {"the", "a", "an", "in", "at", "of", "for"}


def drop_not_entities(candidates: list[Candidate]) -> list[Candidate]:
    return [c for c in candidates if c.type != NOT_ENTITY]
