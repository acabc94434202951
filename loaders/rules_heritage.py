"""heritageOf and recognizedBy: a heritage item belongs to a province; UNESCO recognised it.

Needs a heritage cue (heritage, UNESCO, intangible, inscribed, recognised, nominated,
dossier, safeguarding). The listing comes from the item's own clause: "in Need of Urgent
Safeguarding" -> UrgentSafeguardingList, "Representative" -> RepresentativeList, a proposal,
dossier or nomination -> Nominated (and no recognizedBy), "national heritage" ->
NationalHeritage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.facts import Fact
from diplomap.loaders.rule_context import RuleContext, SentenceView, needs

HERITAGE_CUE = re.compile(
    r"heritage|unesco|intangible|inscri\w*|recogni[sz]\w*|nominat\w*|dossier|safeguard\w*|"
    r"masterpiece", re.I)
_NOMINATED = re.compile(
    r"propos\w*|nominat\w*|submit\w*|dossier|consider\w*\s+(?:listing|recogni)|candidat\w*|"
    r"to\s+(?:soon\s+)?(?:recogni[sz]e|inscribe|list)|seek\w*|will\s+be\s+(?:recogni|inscri)|"
    r"(?:obtain|win|gain|get|earn|secure)\w*\s+(?:the\s+)?(?:UNESCO\s+)?(?:recognition|inscription|listing)", re.I)
_URGENT = re.compile(r"urgent\s+safeguard", re.I)
_REPRESENTATIVE = re.compile(r"representative", re.I)
_NATIONAL = re.compile(r"national\s+(?:intangible\s+)?(?:cultural\s+)?heritage", re.I)
_RECOGNISED = re.compile(r"recogni[sz]ed|inscribed|listed|honou?red|as\s+(?:the\s+|an?\s+)?"
                         r"(?:representative|intangible|world|masterpiece)", re.I)


def listing_of(clause: str) -> str | None:
    if _NOMINATED.search(clause):
        return "Nominated"
    if _URGENT.search(clause):
        return "UrgentSafeguardingList"
    if _REPRESENTATIVE.search(clause):
        return "RepresentativeList"
    if _NATIONAL.search(clause):
        return "NationalHeritage"
    return None


def _owner(ctx: RuleContext, view: SentenceView, ref) -> list[str]:
    label = ctx.entities[ref.entity].label
    for hit in ctx.matcher.find(label):
        if hit.type == "Province":
            return [hit.gazetteer_id]
    return ctx.vn_side(view, within=view.clause_of(ref), fallback=True)


_HERITAGE_WORDS = ("heritage", "unesco", "intangible", "inscri", "recogni", "nominat", "dossier", "safeguard",
                   "masterpiece")


@needs("HeritageItem", words=_HERITAGE_WORDS)
def heritage_of_province(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    if not view.of_type("HeritageItem") or not view.has_any(_HERITAGE_WORDS):  # = HERITAGE_CUE
        return
    for ref in view.of_type("HeritageItem"):
        clause = view.clause_text(ref)
        listing = listing_of(clause) or listing_of(view.text)
        for owner in _owner(ctx, view, ref):
            fact = ctx.fact("heritageOf", ref.entity, owner, view, "heritage.of-province", 0.75,
                            listing=listing, date=ctx.date(view))
            if fact:
                yield fact


# An aside right after the item that says it is recognised: a dash or comma, then the recognition
_RECOGNITION_ASIDE = re.compile(
    r"\s*(?:[–—]|-\s|,)\s*(?:which\s+(?:was|is|has\s+been)\s+)?(?:(?:a|an|the)\s+)?(?:"
    r"(?:recogni[sz]ed|inscribed|listed|honou?red)\s+by\s+UNESCO\b[^–—;()]{0,100}|"
    r"UNESCO[\s-]+(?:recogni[sz]ed\s+|listed\s+)?(?:World\s+(?:Cultural\s+|Natural\s+)?Heritage|Intangible|"
    r"Representative|Masterpiece|Global\s+Geopark|Biosphere|Creative\s+City)[^–—;(),]{0,80})", re.I)


@needs("HeritageItem")
def recognized_by_organisation(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    organisations = view.of_type("InternationalOrganization")
    if not organisations:
        return
    for ref in view.of_type("HeritageItem"):
        aside = _RECOGNITION_ASIDE.match(view.after(ref, 160))
        if aside:  # "quan ho – recognised by UNESCO in 2009 as …", "Hoi An, a UNESCO World Heritage site"
            end = ref.end + aside.end()
            for org in organisations:
                if ref.end < org.start < end:
                    fact = ctx.fact("recognizedBy", ref.entity, org.entity, view, "heritage.recognized-aside",
                                    0.75, listing=listing_of(aside.group()), date=ctx.date(view))
                    if fact:
                        yield fact
            continue
        clause = view.clause_text(ref)
        listing = listing_of(clause)
        if listing == "Nominated" or not (_RECOGNISED.search(clause) or listing):
            continue
        if listing is None and not _RECOGNISED.search(view.text):
            continue
        for org in organisations:
            fact = ctx.fact("recognizedBy", ref.entity, org.entity, view, "heritage.recognized-by",
                            0.75, listing=listing, date=ctx.date(view))
            if fact:
                yield fact


RULES = (heritage_of_province, recognized_by_organisation)
