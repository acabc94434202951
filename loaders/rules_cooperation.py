"""cooperatesWith: any other stated cooperation of a Vietnamese province.

"signing ceremony between <Province> and <X>", "<Province> signed an MOU with <X>",
"<Province> ... cooperative relationship ... with <X>", with X a company, country,
organisation or foreign body. Foreign localities are partnerships (rules_partnership);
"localities in China, Japan" names where partners are sought, not partners.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.facts import Fact
from diplomap.loaders.rule_context import (
    RuleContext,
    SentenceView,
    chain_after,
    fields_of,
    needs,
)

PARTNERS = ("Corporation", "Country", "InternationalOrganization", "NGO")
COOPERATION_CUE = re.compile(
    r"\b(?:cooperat\w*|co-operat\w*|collaborat\w*|partnership|signing\s+ceremony|signed|inked|"
    r"mou|memorandum|agreement|ties|teamed\s+up|joined\s+hands|worked\s+(?:closely\s+)?(?:together\s+)?)\b",
    re.I)
# "ties with offices and organisations, including A, B and C": the list hangs off the "with"
_LIST_INTRO = re.compile(r"\b(?:including|such\s+as|namely|like)\s+(?:the\s+)?$", re.I)
_WITH = re.compile(r"\b(?:with|between)\s+(?:the\s+)?$", re.I)
_SOUGHT_IN = re.compile(r"\b(?:localities|provinces|cities|partners|businesses|organi[sz]ations|"
                        r"enterprises|countries|investors|markets|firms)\s+(?:\w+\s+)?(?:in|of|from)"
                        r"\s+(?:the\s+)?$", re.I)


@needs("Corporation", "Country", "InternationalOrganization", "NGO", "GovernmentBody", words=(" between ",))
def cooperation_between(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Signing ceremony between Bac Ninh province and Amkor group"."""
    if len(view.refs) < 2:
        return
    match = re.search(r"\b(?:ceremony|agreement|mou|memorandum|cooperation|partnership)\s+between\s+",
                      view.text, re.I)
    if not match:
        return
    start = view.sentence.start + match.end()
    refs = [r for r in view.refs if r.start >= start]
    if len(refs) < 2:
        return
    first, second = refs[0], refs[1]
    if not re.fullmatch(r"\s+and\s+(?:the\s+)?", view.between(first, second)):
        return
    pairs = [(first, second), (second, first)]
    for side, other in pairs:
        if side.type in {"Province", "VietnamLocality"} and other.type in PARTNERS + ("GovernmentBody",):
            fact = ctx.fact("cooperatesWith", side.entity, other.entity, view,
                            "cooperation.between", 0.7, date=ctx.date(view))
            if fact:
                yield fact
            return


@needs("Corporation", "Country", "InternationalOrganization", "NGO",
       words=("cooperat", "co-operat", "collaborat", "partnership", "signing", "signed", "inked", "mou",
              "memorandum", "agreement", "ties", "teamed", "joined hands", "worked"))
def cooperation_with(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"<Province> ... expand its cooperative relationship ... with Republic of Korea"."""
    if not view.of_type(*PARTNERS):
        return
    cue = COOPERATION_CUE.search(view.text)
    if not cue or view.negated:
        return
    cue_at = view.sentence.start + cue.start()
    for ref in view.of_type(*PARTNERS):
        if ref.start < cue_at:
            continue
        if not _WITH.search(view.before(ref, 12)) and not (
                _LIST_INTRO.search(view.before(ref, 16)) and re.search(r"\bwith\b", view.between(cue_at, ref))):
            continue
        if ref.type == "Country" and re.match(r"[’']s\b", view.after(ref, 3)):
            continue  # "ties with France's Val de Marne": the partner is the place, not France
        if _SOUGHT_IN.search(view.before(ref, 40)):
            continue
        sides = ctx.vn_side(view)
        for target in chain_after(view, ref, PARTNERS):
            if target.entity.endswith("/vietnam"):
                continue
            for side in sides:
                fact = ctx.fact("cooperatesWith", side, target.entity, view, "cooperation.with",
                                0.65, date=ctx.date(view), fields=fields_of(view.text))
                if fact:
                    yield fact
        return


RULES = (cooperation_between, cooperation_with)
