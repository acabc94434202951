"""Places that are heritage: a park, bay, town or citadel named where its listing is told.

"Tram Chim National Park ... was recognised by the Ramsar Convention", "the world heritage site of
Ha Long Bay", "Hoi An Ancient Town ... recognised by UNESCO": a site the gazetteer or a place
pattern typed as a locality is, in such an article, a heritage item (the annotation conventions:
"a place that is recognised/inscribed is a HeritageItem"). Every mention of the same name follows.
"""

from __future__ import annotations

import re

from diplomap.loaders.mentions import Candidate
from diplomap.loaders.text import fold

_SITE = re.compile(r"\b(?:national\s+park|ancient\s+town|bay|citadel|geo-?park|complex|relic\s+site|cave|"
                   r"sanctuary|reserve|imperial\s+city|tombs?)$", re.I)
_CUE = re.compile(r"\b(?:recogni[sz]ed|recognition|inscribed|inscription|heritage|Ramsar|biosphere|geopark|"
                  r"UNESCO|wonders?)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    right = _SENTENCE_END.search(text, end)
    return text[left:right.start() if right else len(text)]


def heritage_sites(kept: list[Candidate], text: str) -> None:
    """Retype, in place, the localities that the article tells are listed or recognised."""
    sites = [c for c in kept if c.type == "VietnamLocality" and _SITE.search(c.name or c.text)]
    if not sites:
        return
    cued = {fold(c.name) for c in sites if _CUE.search(_sentence_around(text, c.start, c.end))}
    for cand in sites:
        if fold(cand.name) in cued:
            cand.type = "HeritageItem"
            cand.gazetteer_id = None
            cand.qualifier = None
