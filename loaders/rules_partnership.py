"""partnerOf: a Vietnamese province or locality and a foreign locality, with the stage.

Stage from the modality of the clause that names the foreign locality:
"negotiating", "working towards", "assist … in signing" -> Negotiating; "signed", "inked" ->
Signed; "twinning since", "long-standing", "for 20 years" -> Active; "aims to", "proposed",
"promote establishing relations", "asking for cooperation" -> Proposed. Negated or cancelled
agreements ("did not sign", "shelved") give no edge.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.demonyms import DEMONYMS
from diplomap.loaders.facts import Fact
from diplomap.loaders.rule_context import (
    NEGATION,
    NEGATION_WORDS,
    RuleContext,
    SentenceView,
    fields_of,
    needs,
)

PARTNER_CUE = re.compile(
    r"\b(?:sign\w*|ink\w*|memorand\w*|mou|agreement|partner\w*|twin\w*|sister|friendship|"
    r"cooperat\w*|co-operat\w*|collaborat\w*|relations?|relationship|ties|exchange\w*)\b",
    re.I)
STAGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Negotiating", re.compile(
        r"negotiat\w*|working\s+towards?|work\s+towards?|in\s+talks|"
        r"talks\s+(?:are|were|is)\s+(?:under\s*way|ongoing|continuing)|(?:are|is|were|was)\s+(?:still\s+)?discussing|"
        r"discuss\w*\s+(?:the\s+)?(?:signing|draft)|"
        r"(?:assist|support|help)\w*\s.{0,40}?\bin\s+signing|prepar\w*\s+(?:to\s+sign|for\s+(?:the\s+)?signing)|"
        r"draft\s+(?:agreement|mou|memorandum)", re.I)),
    ("Signed", re.compile(
        r"(?<!to\sbe\s)(?<!will\sbe\s)\b(?:signed|inked|sealed|concluded|entered\s+into)\b|\bsigning\s+ceremony\b|"
        r"\b(?:established|set\s+up|forged)\s+(?:\w+\s+){0,2}(?:friendship|twinning|sister|cooperative|"
        r"partnership)\s*(?:relations|ties|relationship)?", re.I)),
    ("Active", re.compile(
        r"twinn?(?:ing|ed)\s+(?:since|for)|sister[\s-](?:city|cities|province|provinces)|"
        r"since\s+(?:19|20)\d\d|long[\s-]standing|traditional\s+(?:partner|friend)\w*|"
        r"for\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?\d+\s+years|"
        r"(?:has|have)\s+(?:long\s+)?(?:been\s+)?(?:cooperat|partner|twinn)\w*|"
        r"maintain\w*\s+(?:\w+\s+)?(?:cooperation|relations|ties|partnership)", re.I)),
    ("Proposed", re.compile(
        r"\baims?\s+to|\baiming\s+to|propos\w*|\bwish\w*\s+to|\bhop(?:e|es|ed|ing)\s+to|"
        r"\bplan(?:s|ned|ning)?\s+to|"
        r"\bseek\w*|promot\w*\s+(?:the\s+)?establish\w*|establishing\s+(?:\w+\s+)?relations|"
        r"look\w*\s+forward|intend\w*|will\s+(?:establish|sign|set\s+up)|would\s+like\s+to|"
        r"suggest\w*|call\w*\s+for|asking\s+for|invit\w*|explor\w*|potential", re.I)),
)


def _gated(*tests: tuple[tuple[str, ...], str]) -> tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]:
    return tuple((gates, re.compile(pattern, re.I)) for gates, pattern in tests)


# The STAGES patterns split into alternatives, each behind the lower-case words it needs: a
# substring test is far cheaper than a regex alternation tried at every position.
_STAGE_TESTS = (
    ("Negotiating", _gated(
        (("negotiat",), r"negotiat"), (("toward",), r"work(?:ing)?\s+towards?"), (("talks",), r"in\s+talks"),
        (("talks",), r"talks\s+(?:are|were|is)\s+(?:under\s*way|ongoing|continuing)"),
        (("discussing",), r"(?:are|is|were|was)\s+(?:still\s+)?discussing"),
        (("discuss",), r"discuss\w*\s+(?:the\s+)?(?:signing|draft)"),
        (("signing",), r"(?:assist|support|help)\w*\s.{0,40}?\bin\s+signing"),
        (("prepar",), r"prepar\w*\s+(?:to\s+sign|for\s+(?:the\s+)?signing)"),
        (("draft",), r"draft\s+(?:agreement|mou|memorandum)"),
        # "is working on a memorandum with X, which is expected to be signed next year"
        (("working on",), r"working\s+on\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:agreement|mou|memorandum|plan)"),
        # present or future only: "had been expected to be signed" (and then was not) is no stage
        (("to be signed",), r"\b(?:is|are|was|were)\s+(?:now\s+)?(?:expected|set|due|scheduled)\s+to\s+be\s+signed"))),
    ("Signed", ((("signed", "inked", "sealed", "concluded", "entered", "signing", "established", "set up",
                  "forged"), STAGES[1][1]),)),
    ("Active", _gated(
        (("twin",), r"twinn?(?:ing|ed)\s+(?:since|for)"),
        (("since",), r"since\s+(?:19|20)\d\d"), (("standing",), r"long[\s-]standing"),
        (("traditional",), r"traditional\s+(?:partner|friend)"),
        (("years",), r"for\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?\d+\s+years"),
        (("has", "have"), r"(?:has|have)\s+(?:long\s+)?(?:been\s+)?(?:cooperat|partner|twinn)"),
        (("maintain",), r"maintain\w*\s+(?:\w+\s+)?(?:cooperation|relations|ties|partnership)"))),
    ("Proposed", _gated(
        (("aim",), r"\baim(?:s|ing)?\s+to"), (("propos",), r"propos"), (("wish",), r"\bwish\w*\s+to"),
        (("hop",), r"\bhop(?:e|es|ed|ing)\s+to"), (("plan",), r"\bplan(?:s|ned|ning)?\s+to"),
        (("want",), r"\bwant(?:s|ed)?\s+to"), (("keen",), r"\bkeen\s+(?:on|to)"),
        (("seek",), r"\bseek"), (("promot",), r"promot\w*\s+(?:the\s+)?establish"),
        (("establishing",), r"establishing\s+(?:\w+\s+)?relations"), (("forward",), r"look\w*\s+forward"),
        (("intend",), r"intend"), (("will",), r"will\s+(?:establish|sign|set\s+up)"),
        (("would like",), r"would\s+like\s+to"), (("suggest",), r"suggest"), (("call",), r"call\w*\s+for"),
        (("asking for",), r"asking\s+for"), (("invit",), r"invit"), (("explor",), r"explor"),
        (("potential",), r"potential"),
        (("discuss",), r"discuss\w*\s+(?:the\s+)?(?:possibility|prospects?|idea|establish)"),
        (("possibilit",), r"possibilit(?:y|ies)\s+of"))),
    # "sister city" names the kind of tie, not its stage: the weakest cue, after the modal ones
    ("Active", _gated((("sister",), r"sister[\s-](?:city|cities|province|provinces)"),)),
)
# Headline verbs in the present ("X, Y sign agreement") report a done deal; other headline
# verbs ("deepen ties", "boost cooperation") give no stage, and a headline alone is no evidence.
_HEADLINE_SIGNED = re.compile(r"\b(?:sign|signs|ink|inks|seal|seals)\b", re.I)


# An agreement the sentence presents as standing ("currently maintains ties ..., signed in 2019",
# "has previously established relations"): the signing is background, the tie is active.
_STANDING = re.compile(r"\bmaintain\w*|\bcurrently\b|\bpreviously\b|\balready\s+(?:has|have|had)\b|"
                       r"\b(?:has|have)\s+been\s+(?:bound|linked|tied)|\breview\w*\s+(?:their|its|the)\s+"
                       r"(?:\w+\s+){0,2}(?:agreement|cooperation|partnership)", re.I)
_SIGNED_IN = re.compile(r",\s*(?:signed|inked|established|concluded)\s+(?:back\s+)?in\s+((?:19|20)\d\d)\b", re.I)
# "maintained relations with X and was in talks with Y": one stage per conjunct
_CONJUNCT = re.compile(r",?\s+and\s+(?=(?:also\s+|then\s+)?(?:was|were|is|are|has|have|had|will|would|agreed|"
                       r"signed|plans?|aims?|hopes?)\b)"
                       # "was negotiating with A, had proposed relations with B": a comma before a new verb phrase
                       r"|,\s+(?=(?:had|has|have|was|were)\s+(?:also\s+)?[a-z]+(?:ed|en|ing)\b)", re.I)


def standing_stage(text: str, stage: str | None, doc_year: int | None) -> str | None:
    """Turn Signed into Active when the text presents the agreement as an existing one."""
    if stage != "Signed":
        return stage
    if _STANDING.search(text):
        return "Active"
    match = _SIGNED_IN.search(text)
    if match and doc_year and int(match.group(1)) < doc_year:
        return "Active"
    return stage


def conjunct_of(text: str, local: int) -> str:
    """The part of ``text`` between conjunct breaks that holds offset ``local``."""
    start = 0
    for match in _CONJUNCT.finditer(text):
        if match.start() >= local:
            return text[start:match.start()]
        start = match.end()
    return text[start:]


# "although no document was signed", "without signing any agreement": not a stage cue
_NOT_SIGNED = re.compile(r"\b(?:no|nothing|neither)\s+(?:\w+\s+){0,3}?(?:was|were|has\s+been|have\s+been|had\s+been)\s+"
                         r"(?:yet\s+)?(?:signed|inked|concluded)|\bwithout\s+signing\b", re.I)


def stage_of(text: str) -> str | None:
    """The stage a text states (first of Negotiating, Signed, Active, Proposed), or None."""
    low = text.lower()
    if ("no " in low or "nothing" in low or "without" in low) and _NOT_SIGNED.search(text):
        text = _NOT_SIGNED.sub(" ", text)
        low = text.lower()
    for stage, tests in _STAGE_TESTS:
        for gates, pattern in tests:
            for gate in gates:
                if gate in low:
                    if pattern.search(text):
                        return stage
                    break
    return None


# "Takayama city in Japan's Gifu Prefecture": the country's possessive may sit in the gap
_PARENT_GAP = re.compile(r"(?:,\s*|\s+)(?:(?:in|of)\s+(?:the\s+)?)?$|"
                         r"(?:,\s*|\s+)(?:(?:city|town|county|district)\s+)?(?:in|of)\s+(?:the\s+)?"
                         r"[A-Z][\w.]*(?:\s+(?:of\s+)?[A-Z][\w.]*){0,3}[’']s\s+$|"
                         r",\s*(?:a|an|the|another)\s+(?:[\w-]+\s+){0,3}?(?:in|of)\s+(?:the\s+)?$")
_PLACES = {"ForeignLocality", "VietnamLocality"}


_VENUE = re.compile(r"(?:\b(?:in|at)|\b(?:trip|visit|journey|tour)\s+to)\s+(?:the\s+)?$", re.I)


def _address_parent(view: SentenceView, ref) -> bool:
    """Is ``ref`` only where another place lies? "Bonghwa district, Gyeongsangbuk province",
    "Kanazawa, in Ishikawa Prefecture", "Oakland, California", "Guangxi's Fangchenggang"."""
    for other in view.refs:
        if other is ref or other.type not in _PLACES:
            continue
        if other.end <= ref.start:
            gap = view.between(other, ref)
            if len(gap) <= 40 and _PARENT_GAP.fullmatch(gap) and gap.strip() and \
                    not (gap.strip() == "," and _in_list(view, ref)):
                return True
        elif other.start >= ref.end and re.fullmatch(r"[’']s\s+", view.between(ref, other)):
            return True
    return False


def _in_list(view: SentenceView, ref) -> bool:
    """"Attapeu, Sekong and Xaysomboun": the place after a comma is the next item, not a parent,
    when the list goes on after it with "and"/"," and another place."""
    following = next((r for r in view.refs if r.start >= ref.end), None)
    return following is not None and following.type in _PLACES and \
        bool(re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?", view.between(ref, following)))


_PARTNER_WORDS = ("sign", "ink", "memorand", "mou", "agreement", "partner", "twin", "sister", "friendship", "cooperat",
                   "co-operat", "collaborat", "relation", "ties", "exchange")


@needs("ForeignLocality", words=_PARTNER_WORDS)
def partnership_by_modality(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    foreign = [r for r in view.of_type("ForeignLocality") if not _address_parent(view, r)]
    if not foreign or not PARTNER_CUE.search(view.text):
        return
    partners = [r for r in foreign if not _VENUE.search(view.before(r, 30))]
    foreign = partners or foreign  # "signed ... in Bavet town", "a trip to Moscow": where, not with whom
    stages: dict[str, str | None] = {}  # text -> stage, computed once per clause

    def stage(text: str) -> str | None:
        if text not in stages:
            stages[text] = stage_of(text)
        return stages[text]

    fields = None
    doc_year = int(ctx.doc_date[:4]) if ctx.doc_date and ctx.doc_date[:4].isdigit() else None
    headline = _is_headline(ctx, view)
    for ref in foreign:
        clause = view.clause_text(ref)
        cue_text = clause if clause is view.text or PARTNER_CUE.search(clause) else view.text
        negated = view.negated if cue_text is view.text else (
            any(word in cue_text.lower() for word in NEGATION_WORDS) and NEGATION.search(cue_text))
        if negated and stage(cue_text) != "Negotiating":
            continue
        clause_start = view.clause_of(ref)[0]
        conjunct = conjunct_of(clause, ref.start - clause_start)
        clause_stage = (conjunct is not clause and stage(conjunct)) or stage(clause)
        if headline and not clause_stage:
            if not _HEADLINE_SIGNED.search(view.text):
                continue
            clause_stage = "Signed"
        status = standing_stage(clause, clause_stage or stage(view.text), doc_year) or "Active"
        sides = ctx.vn_side(view, within=view.clause_of(ref), fallback=False, anchor=ref)
        if sides and _RESTATED.match(view.text):
            sides = _sides_stated_with(ctx, view.sentence.start, ref.entity) or sides
        if sides and fields is None:
            fields = fields_of(view.text)
        for side in sides:
            side_status = _own_stage(view, ref, side, stage) or status
            fact = ctx.fact("partnerOf", side, ref.entity, view, f"partnership.{side_status.lower()}",
                            0.85 if clause_stage else 0.6, status=side_status, date=ctx.date(view),
                            fields=fields)
            if fact:
                ctx.partner_pairs.append((view.sentence.start, side, ref.entity))
                yield fact


# "The document was inked in Hoi An during a visit to Da Nang by ...", "The signing was part of a visit to
# Gia Lai": the agreement just reported, told again; the place visited is not a new partner
_RESTATED = re.compile(r"^(?:[\w ,-]{0,30}?,\s*)?(?:the|this)\s+(?:document|agreement|memorandum|mou|deal|accord|"
                       r"signing|pact)\b", re.I)


def _sides_stated_with(ctx: RuleContext, start: int, partner: str) -> list[str]:
    return list(dict.fromkeys(side for at, side, other in ctx.partner_pairs
                              if other == partner and start - _PAIR_WINDOW <= at < start))


def _is_headline(ctx: RuleContext, view: SentenceView) -> bool:
    """Is this sentence the document's title line?"""
    title = ctx.doc.title
    return bool(title) and view.sentence.start < 400 and title.strip() in view.text \
        and len(view.text) < len(title) + 12


def _own_stage(view: SentenceView, partner, side: str, stage) -> str | None:
    """A province named only after the partner, in its own comma part ("..., a partnership first
    proposed by the former X"), takes that part's stage."""
    mentions = [r for r in view.of_type("Province") if r.entity == side]
    if not mentions or any(r.start < partner.start for r in mentions):
        return None
    text = view.text
    local = view.local(mentions[0].start)
    start = text.rfind(",", view.local(partner.end), local)
    if start < 0:
        return None
    end = text.find(",", local)
    return stage(text[start + 1:end if end >= 0 else len(text)])


# "The two provinces have been twinned since 2007", "They signed a plan for 2023-2028": the pair just named
_PAIR_ANAPHOR = re.compile(r"^(?:[\w ,-]{0,40}?,\s*)?(?:the\s+two\s+(?:provinces|localities|sides|cities|capitals|"
                           r"regions|districts|towns|counties|prefectures)|"
                           r"both\s+(?:provinces|localities|sides|cities|capitals)|they)\b", re.I)
_PAIR_WINDOW = 1200  # characters before the sentence where the pair must have been stated


def partnership_by_pair_anaphor(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    if view.of_type("ForeignLocality") or not _PAIR_ANAPHOR.match(view.text) or not PARTNER_CUE.search(view.text):
        return
    if view.negated:
        return
    pair = _pair_before(ctx, view.sentence.start)
    if pair is None:
        return
    doc_year = int(ctx.doc_date[:4]) if ctx.doc_date and ctx.doc_date[:4].isdigit() else None
    stage = stage_of(view.text)
    if stage == "Proposed":
        return  # "the two sides will set up ...": what a stated agreement provides, not a new proposal
    status = standing_stage(view.text, stage, doc_year) or "Active"
    fact = ctx.fact("partnerOf", pair[0], pair[1], view, f"partnership.pair-{status.lower()}", 0.6,
                    status=status, date=ctx.date(view))
    if fact:
        yield fact


def _pair_before(ctx: RuleContext, start: int) -> tuple[str, str] | None:
    """The partnership stated last, shortly before ``start``, when only one pair was stated there."""
    recent = [(side, partner) for at, side, partner in ctx.partner_pairs if start - _PAIR_WINDOW <= at < start]
    if not recent:
        return None
    last_at = max(at for at, _, _ in ctx.partner_pairs if at < start)
    pairs = {(side, partner) for at, side, partner in ctx.partner_pairs if at == last_at}
    return next(iter(pairs)) if len(pairs) == 1 else None


partnership_by_pair_anaphor.needs = None
partnership_by_pair_anaphor.words = ("two provinces", "two localities", "two sides", "two cities", "two capitals",
                                     "two regions", "two districts", "two towns", "two counties", "two prefectures",
                                     "both ", "they")
partnership_by_pair_anaphor.without_mentions = True

# "Bac Ninh is negotiating a memorandum with the Russian region": the region of that country named last
_FOREIGN_ANAPHOR = re.compile(r"\bwith\s+the\s+([A-Z][a-z]+)\s+(?:region|province|city|prefecture|locality|county|"
                              r"state|oblast|district|town|department|municipality)\b(?!\s+of\b)")
_ANAPHOR_WINDOW = 1500  # characters back to the foreign locality the phrase points at


@needs("Province", "VietnamLocality", words=_PARTNER_WORDS)
def partnership_by_foreign_anaphor(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    if view.of_type("ForeignLocality") or not PARTNER_CUE.search(view.text) or view.negated:
        return
    match = _FOREIGN_ANAPHOR.search(view.text)
    country = ctx.country_named(DEMONYMS.get(match.group(1).lower(), "")) if match else None
    if country is None:
        return
    partner = _foreign_named_before(ctx, view.sentence.start, country)
    if partner is None:
        return
    before = view.text[:match.start()]
    sides = [r.entity for r in view.of_type("Province") if view.local(r.end) <= match.start()]
    if not sides and ctx.main_province and ctx.names_main(before):
        sides = [ctx.main_province]
    doc_year = int(ctx.doc_date[:4]) if ctx.doc_date and ctx.doc_date[:4].isdigit() else None
    status = standing_stage(view.text, stage_of(view.text), doc_year) or "Active"
    for side in dict.fromkeys(sides[-1:]):
        fact = ctx.fact("partnerOf", side, partner, view, f"partnership.anaphor-{status.lower()}", 0.6,
                        status=status, date=ctx.date(view))
        if fact:
            ctx.partner_pairs.append((view.sentence.start, side, partner))
            yield fact


def _foreign_named_before(ctx: RuleContext, start: int, country: str) -> str | None:
    return ctx.named_last_before(start, lambda entity, _: entity.type == "ForeignLocality" and entity.country == country,
                                 since=start - _ANAPHOR_WINDOW)


RULES = (partnership_by_modality, partnership_by_pair_anaphor, partnership_by_foreign_anaphor)
