"""A place named once with its head word and then by its bare name.

News names a partner in full once ("Fukuroi city", "Wando county") and then as "a delegation from
Fukuroi", "Fukuroi-based Enshu Seimitsu", "the Mayor of Sakai". The bare name alone is too weak to be
a place (thousands of town names are words or people's names), but after the document has named the
place with its head word it is the same place. A one-syllable Vietnamese core ("Vinh city") is not
repeated: the same syllable is usually a person's given name ("Vinh said").
"""

from __future__ import annotations

import bisect
import re

from diplomap.loaders.mentions import Candidate
from diplomap.loaders.name_tokens import _VN_SYLLABLE, COMMON, TITLES

_PLACES = ("ForeignLocality", "VietnamLocality")
_HEAD = re.compile(r"^([A-Z].*?)\s+(?:city|town|county|district|ward|commune|regency|prefecture|township|"
                   r"municipality)$", re.I)
_NEXT_WORD = re.compile(r"[ \u00a0]+([A-Z][\w’'-]*)")
_PREVIOUS_WORD = re.compile(r"([A-Za-z][\w’'-]*)[ \u00a0]+$")
_TITLE_OF = re.compile(r"\b(?:[Mm]ayor|[Gg]overnor|[Rr]egent|[Cc]hairman|[Cc]hairwoman|[Hh]ead|[Ss]ecretary|"
                       r"[Pp]resident|[Cc]hief)\s+of\s+(?:the\s+)?$")
RULE = "place.repeat"


def repeat_place_mentions(text: str, end: int, kept: list[Candidate], taken: list[Candidate]) -> list[Candidate]:
    """Bare-name mentions of the places in ``kept`` that were named with a head word, outside ``taken``."""
    spans = sorted((c.start, c.end) for c in taken)
    starts = [a for a, _ in spans]
    found: list[Candidate] = []
    cores: dict[str, Candidate] = {}
    for cand in kept:
        if cand.type not in _PLACES or cand.rule in ("gazetteer", RULE):
            continue  # the gazetteer finds its own names everywhere
        match = _HEAD.match(cand.text)
        # "the Japanese city of Sakai": a name a head-word pattern found without the head in its span
        core = match.group(1) if match else cand.text if cand.rule.startswith("place.") else None
        if core and _repeatable(core):
            cores.setdefault(core, cand)
    for core, cand in cores.items():
        for hit in re.finditer(r"(?<![\w-])" + re.escape(core) + r"(?!\w)", text[:end]):
            a, b = hit.span()
            if _overlaps(spans, starts, a, b) or _inside_a_longer_name(text, a, b):
                continue
            found.append(Candidate(a, b, core, cand.type, cand.name, RULE, gazetteer_id=cand.gazetteer_id,
                                   priority=0, country=cand.country))
    return found


def _repeatable(core: str) -> bool:
    words = core.split()
    if len(words) == 1 and (core.lower() in COMMON or _VN_SYLLABLE.fullmatch(core.lower())):
        return False
    return all(w[:1].isupper() for w in words)


def _overlaps(spans: list[tuple[int, int]], starts: list[int], a: int, b: int) -> bool:
    k = bisect.bisect_left(starts, b)
    return any(s < b and a < e for s, e in spans[max(0, k - 8):k])


def _inside_a_longer_name(text: str, a: int, b: int) -> bool:
    """"Sakai Chemical" (a company), "Mayor Long" (a person): a capitalised word joined to the name."""
    after = _NEXT_WORD.match(text, b)
    if after and after.group(1).lower() not in TITLES and after.group(1).lower() not in COMMON \
            and not _TITLE_OF.search(text, max(0, a - 40), a):
        return True  # but "Mayor of Mile Zhang Hongwei": the title's place, then its holder's name
    before = _PREVIOUS_WORD.search(text, max(0, a - 30), a)
    return bool(before) and before.group(1)[0].isupper() and before.group(1).lower() not in COMMON
