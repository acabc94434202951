"""What every relation rule sees: one sentence, its mentions, and the document around it.

A rule is a plain function ``rule(ctx, sentence) -> Iterable[Fact]`` named after what it
recognises; its ``__name__`` (with the family prefix) is written as ``dm:extractedBy``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from diplomap.loaders.dates import sentence_date
from diplomap.loaders.documents import Document
from diplomap.loaders.facts import Entity, Fact
from diplomap.loaders.mentions import GazetteerMatcher
from diplomap.loaders.text import Sentence

PLACES = frozenset({"Province", "VietnamLocality", "ForeignLocality", "Country"})
VN_PLACES = frozenset({"Province", "VietnamLocality"})
ORGANISATIONS = frozenset({"Corporation", "NGO", "InternationalOrganization", "GovernmentBody"})

# "the province", "the locality", "provincial leaders": the article's own province.
ANAPHOR = re.compile(r"\b(?:the|this|our|its)\s+(?-i:(?:[a-z]+(?:-[a-z]+)?\s+){0,2})(?:province|locality|provincial)\b"
                     r"|\bprovincial\b"
                     r"|\bthe\s+province[’']s\b", re.I)
NEGATION = re.compile(
    r"\b(?:did\s+not|didn[’']t|does\s+not|doesn[’']t|has\s+not|have\s+not|hasn[’']t|haven[’']t|"
    r"never|no\s+longer|refused|declined|cancel(?:l?ed|s)?|shelved|suspended|terminated|"
    r"failed\s+to|withdr[ae]w|rejected|halted|scrapped|called\s+off|not\s+yet|den(?:ied|ies|y)|"
    r"(?:was|were|is|are|had|has|have|been)\s+not\s+(?:been\s+)?(?:signed|approved|licen[cs]ed|granted|"
    r"implemented|carried\s+out|renewed))\b", re.I)
# Substrings one of which every NEGATION match contains: a cheap test before the regex.
NEGATION_WORDS = ("not", "n't", "n’t", "never", "no longer", "refused", "declined", "cancel", "shelved",
                  "suspended", "terminated", "failed", "withdr", "rejected", "halted", "scrapped",
                  "called off", "denied", "denies", "deny")
_LANDMARK = re.compile(r"\b(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
                       r"border(?:s|ing)|adjacent\s+to|near|close\s+to|away\s+from|outside)\s+(?:the\s+)?$", re.I)
_ASIDE = re.compile(r"\b(?:merged\s+with|merging\s+with|now\s+part\s+of|next\s+to)\s+"
                    r"(?:the\s+)?(?:former\s+)?(?:province\s+of\s+)?$", re.I)
_APPOSITION = re.compile(r",\s+(?:a|an|the)\s[^,;()]{0,60}$", re.I)
# "The (new/merged) province has ...", "Internationally, the province is ...": the article's province as subject
_OPENING_ANAPHOR = re.compile(r"^(?:[\w ]{0,25},\s*)?(?:the|this|our)\s+(?:new\s+|merged\s+|enlarged\s+)?"
                              r"(?:province|locality)\b", re.I)
# "the city has kept up ties with ...": a centrally-run city's articles call it "the city"
_CITY_ANAPHOR = re.compile(r"\b(?:the|this|our)\s+(?:central\s+|coastal\s+|southern\s+|northern\s+)?city\b(?![’']s\s)"
                           r"|\bthe\s+city[’']s\b", re.I)
_OPENING_CITY = re.compile(r"^(?:[\w ]{0,25},\s*)?(?:the|this|our)\s+city\b", re.I)
# "Ha Tinh and neighbouring Quang Tri", "Lao Cai, Yen Bai and the province of ..."
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|&)\s*(?:the\s+)?(?:[a-z]+\s+)?")
# A Vietnamese locality that can have partners of its own (not a park or a port)
_SETTLEMENT = re.compile(r"\b(?:city|town|district|township|ward|commune)$", re.I)
_SETTLEMENT_BEFORE = re.compile(r"\b(?:city|town|district|township|ward|commune)\s+of\s+$", re.I)  # "district of Can Gio"
# "Sa Pa town in the northern mountainous province of Lao Cai", "Quy Nhon Nam ward of Gia Lai province",
# "Can Gio district, Ho Chi Minh City": the province after the town only says where the town is
_TOWN_PARENT_GAP = re.compile(r"(?:,\s*|\s+(?:in|of)\s+(?:the\s+)?(?:(?:[a-z-]+\s+){0,3}(?:province|city)\s+of\s+)?)",
                              re.I)
_VENUE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I)
_CLAUSE_BREAK = re.compile(r";|:\s|\s[–—-]\s(?=[a-z])|,\s+(?=(?:while|whereas|but)\s)")


@dataclass(frozen=True)
class Ref:
    """A mention inside a sentence, with the entity it names."""

    start: int
    end: int
    text: str
    entity: str  # entity id
    type: str
    rule: str


@dataclass
class SentenceView:
    sentence: Sentence
    refs: list[Ref]
    by_type: dict[str, list[Ref]] = field(default_factory=dict, repr=False)
    # computed on first use: most sentences never need them
    _low: str | None = field(default=None, repr=False)
    _negated: bool | None = field(default=None, repr=False)
    _clauses: list[tuple[int, int]] | None = field(default=None, repr=False)

    def __post_init__(self):
        for ref in self.refs:
            self.by_type.setdefault(ref.type, []).append(ref)

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def low(self) -> str:
        """The sentence in lower case, for cheap keyword gates before any regex runs."""
        low = self._low
        if low is None:
            low = self._low = self.sentence.text.lower()
        return low

    def has_any(self, words: tuple[str, ...]) -> bool:
        """Does the sentence contain one of ``words`` (lower case)?"""
        low = self.low
        for word in words:  # plain substring tests beat one regex alternation here
            if word in low:
                return True
        return False

    def local(self, pos: int) -> int:
        """Offset inside the sentence text of a document offset."""
        return pos - self.sentence.start

    def of_type(self, *types: str) -> list[Ref]:
        """Mentions of these classes, in text order."""
        if len(types) == 1:
            return list(self.by_type.get(types[0], ()))
        found = [r for t in types for r in self.by_type.get(t, ())]
        return sorted(found, key=lambda r: r.start) if len(found) > 1 else found

    def between(self, a: Ref | int, b: Ref | int) -> str:
        start = a.end if isinstance(a, Ref) else a
        end = b.start if isinstance(b, Ref) else b
        return self.sentence.text[self.local(start):self.local(end)] if end >= start else ""

    def before(self, ref: Ref, width: int = 80) -> str:
        local = self.local(ref.start)
        return self.sentence.text[max(0, local - width):local]

    def after(self, ref: Ref, width: int = 80) -> str:
        local = self.local(ref.end)
        return self.sentence.text[local:local + width]

    @property
    def negated(self) -> bool:
        """Does the sentence deny or cancel something ("did not sign", "shelved")?"""
        if self._negated is None:
            self._negated = self.has_any(NEGATION_WORDS) and NEGATION.search(self.sentence.text) is not None
        return self._negated

    def clauses(self) -> list[tuple[int, int]]:
        if self._clauses is None:
            self._clauses = self._split_clauses()
        return self._clauses

    def _split_clauses(self) -> list[tuple[int, int]]:
        """Clause spans (document offsets): split at ';', ': ' and dashes between clauses."""
        spans = []
        start = 0
        for match in _CLAUSE_BREAK.finditer(self.text):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(self.text)))
        base = self.sentence.start
        return [(base + s, base + e) for s, e in spans]

    def clause_of(self, ref: Ref) -> tuple[int, int]:
        for start, end in self.clauses():
            if start <= ref.start < end:
                return start, end
        return self.sentence.start, self.sentence.end

    def clause_text(self, ref: Ref) -> str:
        start, end = self.clause_of(ref)
        if start == self.sentence.start and end == self.sentence.end:
            return self.sentence.text  # the same object: callers may skip repeated searches
        return self.text[self.local(start):self.local(end)]

    def in_parentheses(self, ref: Ref) -> bool:
        before = self.before(ref, 60)
        return before.rfind("(") > before.rfind(")")


@dataclass
class RuleContext:
    doc: Document
    text: str
    entities: dict[str, Entity]
    matcher: GazetteerMatcher
    main_province: str | None
    doc_date: str | None
    facts: list[Fact] = field(default_factory=list)
    # (sentence start, Vietnamese side, foreign partner) of each partnership stated so far, in order:
    # what "the two provinces" in a later sentence refers to
    partner_pairs: list[tuple[int, str, str]] = field(default_factory=list)
    # every post found so far (person -> bodies and places), for rules that need who represents whom
    posts: dict[str, set[str]] = field(default_factory=dict)
    # (sentence start, visitor) of each visit told of a delegation: whom "the delegation" later means
    delegations: list[tuple[int, str]] = field(default_factory=list)
    _dates: dict[int, str | None] = field(default_factory=dict, repr=False)

    def fact(self, predicate: str, subject: str, obj: str, view: SentenceView, rule: str,
             confidence: float, **qualifiers) -> Fact | None:
        if subject == obj or subject not in self.entities and not self._adopt(subject, view):
            return None
        if obj not in self.entities and not self._adopt(obj, view):
            return None
        s = view.sentence
        if predicate == "holdsPosition":
            self.posts.setdefault(subject, set()).add(obj)
        elif predicate == "visited" and "delegation" in view.low:
            self.delegations.append((s.start, subject))
        return Fact(predicate, subject, obj, s.text, s.start, s.end, rule, confidence, **qualifiers)

    def _adopt(self, entity_id: str, view: SentenceView) -> bool:
        """A gazetteer entity a rule infers (the main province, a country from a demonym)
        joins the document's entities, mentioned in the evidence sentence."""
        entry = self.matcher.entries.get(entity_id)
        if entry is None:
            return False
        entity = Entity(entry.type, entry.label, gazetteer_id=entry.id,
                        country=self.matcher.country_id(entry))
        self.entities[entity_id] = entity
        return True

    def date(self, view: SentenceView) -> str | None:
        start = view.sentence.start
        if start not in self._dates:
            self._dates[start] = sentence_date(view.text, self.doc_date)
        return self._dates[start]

    def named_last_before(self, before: int, accepts, since: int = 0) -> str | None:
        """The entity mentioned last in ``[since, before)`` whose (entity, mention) ``accepts`` takes: what
        "the Russian region", "a delegation of the district" point back to."""
        best, best_start = None, since - 1
        for key, entity in self.entities.items():
            for mention in entity.mentions:
                if best_start < mention.start < before and accepts(entity, mention):
                    best, best_start = key, mention.start
        return best

    def country_named(self, name: str) -> str | None:
        entry = self.matcher.lookup(name, {"Country"})
        return entry.id if entry else None

    def vn_side(self, view: SentenceView, within: tuple[int, int] | None = None,
                fallback: bool = False, anchor: Ref | None = None) -> list[str]:
        """The Vietnamese province(s) a sentence speaks for: named ones, else "the province"
        (the article's main province), else — when ``fallback`` — the main province.

        With ``anchor`` (the partner a rule links to), the actor is the province nearest before
        it ("X's cooperation with Y", "X signed ... with Y") with those listed alongside it, plus
        the main province when "the province" opens the clause."""
        refs = [r for r in view.of_type("Province")
                if within is None or within[0] <= r.start < within[1]]
        if not refs and within is not None:
            refs = view.of_type("Province")
        if len(refs) > 1:
            # "Ha Nam, some 60km south of Hanoi, has ...", "Tuyen Quang (merged with Ha Giang)",
            # "Bac Giang, the province next to Bac Ninh, ...": a side remark is not the actor
            actors = [r for r in refs if not _side_remark(view, r, refs)]
            refs = actors or refs
        if anchor is not None:
            towns = [r for r in view.of_type("VietnamLocality")
                     if (_SETTLEMENT.search(r.text) or _SETTLEMENT_BEFORE.search(view.before(r, 20)))
                     and (within is None or within[0] <= r.start < within[1])
                     and not _VENUE.search(view.before(r, 20))]
            if towns:  # "between Ca Mau city and the town of Yarmouth": the city is the actor
                refs = [r for r in refs if not any(
                    t.end <= r.start and _TOWN_PARENT_GAP.fullmatch(view.between(t, r)) for t in towns)]
                refs = sorted(refs + towns, key=lambda r: r.start)
            return self._actors_before(view, refs, anchor, within)
        if refs:
            return list(dict.fromkeys(r.entity for r in refs))
        if self.main_province and (fallback or self.names_main(view.text)):
            return [self.main_province]
        return []

    def names_main(self, text: str) -> bool:
        """Does ``text`` speak of the article's own province ("the province", "the locality",
        and "the city" when the province is a centrally-run city such as Da Nang)?"""
        low = text.lower()
        if ("provinc" in low or "localit" in low) and ANAPHOR.search(text):
            return True
        return "city" in low and self.main_is_city() and _CITY_ANAPHOR.search(text) is not None

    def main_is_city(self) -> bool:
        """Is the article's province a centrally-run city, the only one it names (with two,
        "the city" could be either)?"""
        cities = [key for key in self.entities if self._is_city(key)]
        return cities == [self.main_province] if self.main_province else False

    def _is_city(self, key: str) -> bool:
        entry = self.matcher.entries.get(key)
        return entry is not None and entry.extra.get("kind") == "centrally-run city"

    def _actors_before(self, view: SentenceView, refs: list[Ref], anchor: Ref,
                       within: tuple[int, int] | None) -> list[str]:
        before = [r for r in refs if r.end <= anchor.start]
        start = within[0] if within else view.sentence.start
        lead = view.text[view.local(start):view.local(anchor.start)]
        low = lead.lower()
        mentioned = self.main_province is not None and (
            "provinc" in low or "localit" in low or "city" in low and self.main_is_city())
        if not before:  # "the province is working towards ..., first proposed by the former X"
            sides = [self.main_province] if mentioned and self.names_main(lead) else []
            return list(dict.fromkeys(sides + [r.entity for r in refs]))
        anaphor = mentioned and (_OPENING_ANAPHOR.match(lead[:60]) is not None or
                                 self.main_is_city() and _OPENING_CITY.match(lead[:60]) is not None)
        chosen = [before[-1]]
        for ref in reversed(before[:-1]):  # "Bac Giang and Lang Son signed with ..."
            if _LIST_GAP.fullmatch(view.between(ref, chosen[-1])):
                chosen.append(ref)
            else:
                break
        sides = [r.entity for r in reversed(chosen)]
        if anaphor:
            sides.insert(0, self.main_province)
        return list(dict.fromkeys(sides))


def _side_remark(view: SentenceView, ref: Ref, refs: list[Ref]) -> bool:
    """Is this province named only in passing: in brackets, as a landmark, a merged-in or former
    unit, or inside an apposition to an earlier province?"""
    before = view.before(ref, 40)
    if _LANDMARK.search(before) or _ASIDE.search(before) or view.in_parentheses(ref):
        return True
    return any(other.end <= ref.start and _APPOSITION.fullmatch(view.between(other, ref))
               for other in refs if other is not ref)


Rule = "Callable[[RuleContext, SentenceView], Iterable[Fact]]"


def needs(*types: str, words: tuple[str, ...] = ()):
    """Declare the classes a rule needs in a sentence (any one of them) and, optionally, words
    one of which its cues contain (lower case substrings); the pipeline skips the rule for
    sentences without them, which keeps extraction fast."""

    def mark(rule):
        rule.needs = frozenset(types)
        rule.words = tuple(words)
        return rule

    return mark


def chain_after(view: SentenceView, first: Ref, types: Iterable[str]) -> list[Ref]:
    """``first`` and the mentions joined to it by commas / "and" ("Singapore and the US")."""
    wanted = set(types)
    out = [first]
    refs = [r for r in view.refs if r.start >= first.end]
    last = first
    for ref in refs:
        gap = view.between(last, ref)
        gap = re.sub(r"\([^)]*\)", "", gap)
        if ref.type in wanted and re.fullmatch(r"\s*(?:,|,?\s*and|&|or)?\s*(?:the\s+)?", gap):
            out.append(ref)
            last = ref
        elif view.in_parentheses(ref) and re.fullmatch(r"\s*\(\s*", view.between(last, ref)):
            last = ref  # "Samsung (Republic of Korea), Foxconn": skip the bracket
        else:
            break
    return out


_FIELDS = re.compile(
    r"(?:in\s+(?:the\s+|various\s+|many\s+)?(?:fields?|areas?|sectors?)(?:\s+of|,?\s+such\s+as|"
    r"\s+including)?|involving|covering|focusing\s+on|(?:cooperat\w*|partnership|relations?)\s+in)"
    r"\s+([a-z][^.;:()]{3,200})", re.I)


def fields_of(text: str) -> tuple[str, ...]:
    """"in the fields of trade, tourism and education" -> ("trade", "tourism", "education")."""
    match = _FIELDS.search(text)
    if not match:
        return ()
    chunk = re.split(r",?\s+(?:with|to|for|towards|toward|in\s+order)\s+", match.group(1))[0]
    items = re.split(r",\s*(?:and\s+)?|\s+and\s+", chunk)
    fields = []
    for item in items:
        item = item.strip().strip(",").removeprefix("such as ").strip()
        if item and len(item.split()) <= 4 and item[0].islower():
            fields.append(item)
    return tuple(dict.fromkeys(fields))
