"""partnerOf from who signed: officials of two localities signing a document for them.

"Vanxay and Chairman of the Quang Binh Provincial People's Committee Tran Thang took the occasion
to sign a Memorandum of Understanding": neither locality is the grammatical signer, but each
signatory holds a post in one (stated earlier in the article or in this sentence), so the two
localities signed. Runs after the position rules, which record every post they find.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.facts import Fact
from diplomap.loaders.rule_context import RuleContext, SentenceView, needs
from diplomap.loaders.rules_partnership import stage_of, standing_stage

_SIGNING = re.compile(r"\b(?:sign(?:ed|s|ing)?|ink(?:ed|s)?)\b[^.;]{0,60}?\b(?:agreement|memorandum|mou|plan|"
                      r"minutes|deal|document|letter\s+of\s+intent)\b", re.I)


def locality_of_post(ctx: RuleContext, post: str) -> str | None:
    """The province or foreign locality a post belongs to: the place itself, or the place a
    provincial body is named after ("Quang Binh Provincial People's Committee")."""
    entity = ctx.entities.get(post)
    if entity is None:
        return None
    if entity.type in ("Province", "ForeignLocality"):
        return post
    if entity.type != "GovernmentBody":
        return None
    head = re.split(r"\s+(?:Provincial|Municipal|City|Party|People[’']s|Department)\b", entity.label)[0]
    if head == entity.label:
        return None
    entry = ctx.matcher.lookup(head, {"Province", "ForeignLocality"})
    return entry.id if entry is not None else None


@needs("Person", words=("sign", "ink"))
def partnership_by_signatories(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    if view.of_type("ForeignLocality") or not _SIGNING.search(view.text) or view.negated:
        return
    persons = view.of_type("Person")
    if len(persons) < 2:
        return
    places = {}
    for person in persons:
        for post in ctx.posts.get(person.entity, ()):
            place = locality_of_post(ctx, post)
            if place is not None:
                places.setdefault(ctx.entities[place].type if place in ctx.entities else "", place)
    side, partner = places.get("Province"), places.get("ForeignLocality")
    if side is None or partner is None:
        return
    doc_year = int(ctx.doc_date[:4]) if ctx.doc_date and ctx.doc_date[:4].isdigit() else None
    status = standing_stage(view.text, stage_of(view.text), doc_year) or "Signed"
    if status == "Proposed":
        return
    fact = ctx.fact("partnerOf", side, partner, view, f"partnership.signatories-{status.lower()}", 0.6,
                    status=status, date=ctx.date(view))
    if fact:
        yield fact


RULES = (partnership_by_signatories,)
