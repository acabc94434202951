"""The extractor: Document -> Extraction (entities with mentions, facts with evidence) -> RDF.

Small components with a default configuration, run in order:
page furniture trimmed -> gazetteer hits + pattern hits -> longest spans kept -> places
classified -> persons in the remaining spans -> in-document resolution -> sentences ->
relation rules (one module per relation family) -> duplicate facts merged.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import Quad

from diplomap.loaders import (
    rules_aid,
    rules_cooperation,
    rules_heritage,
    rules_investment,
    rules_location,
    rules_membership,
    rules_origin,
    rules_partnership,
    rules_position,
    rules_signatories,
    rules_visit,
)
from diplomap.loaders.dated_names import type_by_date
from diplomap.loaders.dates import dateline
from diplomap.loaders.documents import Document
from diplomap.loaders.emit import document_quads, entity_quads
from diplomap.loaders.facts import Extraction, Fact
from diplomap.loaders.heritage_sites import heritage_sites
from diplomap.loaders.mention_patterns import find_pattern_candidates
from diplomap.loaders.mention_places import find_geonames_places, location_facts, place_quads
from diplomap.loaders.mentions import (
    GazetteerMatcher,
    add_nested_places,
    extend_into_known_names,
    matcher_for,
    select_longest,
)
from diplomap.loaders.name_tokens import tokenize
from diplomap.loaders.names_companies import find_apposed_agents
from diplomap.loaders.names_persons import find_person_candidates, persons_named_after_places
from diplomap.loaders.names_places import find_cued_places, find_possessed_names
from diplomap.loaders.not_entities import NOT_ENTITY, drop_not_entities, find_not_entities
from diplomap.loaders.place_repeats import repeat_place_mentions
from diplomap.loaders.resolve import classify_places, resolve
from diplomap.loaders.rule_context import Ref, RuleContext, SentenceView
from diplomap.loaders.text import body_end, fold, split_sentences
from diplomap.loaders.vn_units import find_vn_units, unit_quads
from diplomap.ontology import gazetteer
from diplomap.ontology.gazetteer import Entry
from diplomap.ontology.iris import DEFAULT_BASE

log = logging.getLogger(__name__)

RULE_FAMILIES = {
    "partnership": rules_partnership.RULES,
    "location": rules_location.RULES,
    "origin": rules_origin.RULES,
    "investment": rules_investment.RULES,
    "aid": rules_aid.RULES,
    "heritage": rules_heritage.RULES,
    "position": rules_position.RULES,
    "visit": rules_visit.RULES,
    "membership": rules_membership.RULES,
    "cooperation": rules_cooperation.RULES,
    "signatories": rules_signatories.RULES,  # after "position": it reads the posts found
}


@functools.lru_cache(maxsize=1)
def default_entries() -> tuple[Entry, ...]:
    """The packaged gazetteer, or nothing (patterns still work) when it is not built yet."""
    try:
        return gazetteer.load()
    except FileNotFoundError:
        log.warning("gazetteer data not found; extracting with patterns only")
        return ()


@dataclass(frozen=True)
class ExtractorConfig:
    """What the extractor does. The defaults are what ``diplomap build`` uses.

    ``entries``: gazetteer entries to match (None: the packaged gazetteer).
    ``families``: relation families to run (names of ``RULE_FAMILIES``).
    """

    entries: tuple[Entry, ...] | None = None
    families: tuple[str, ...] = tuple(RULE_FAMILIES)
    patterns: bool = True  # names the gazetteer does not know
    persons: bool = True
    trim_page_furniture: bool = True  # related-article lists, "Source: ..." at the end
    min_confidence: float = 0.0

    def matcher(self) -> GazetteerMatcher:
        return matcher_for(self.entries if self.entries is not None else default_entries())

    def __post_init__(self):
        unknown = set(self.families) - set(RULE_FAMILIES)
        if unknown:
            raise ValueError(f"unknown rule families: {', '.join(sorted(unknown))}")


DEFAULT_CONFIG = ExtractorConfig()


def extract(doc: Document, config: ExtractorConfig | None = None) -> Extraction:
    """Entities and facts of one document."""
    config = config or DEFAULT_CONFIG
    matcher = config.matcher()
    text = doc.text
    end = body_end(text) if config.trim_page_furniture else len(text)
    folded = fold(text)
    candidates = matcher.find(text, folded, 0, end) + find_not_entities(text, end, folded)
    tokens = tokenize(text, 0, end, folded) if (config.patterns or config.persons) else []
    if config.patterns:
        candidates += find_pattern_candidates(text, tokens, matcher)
        candidates += find_cued_places(text[:end], tokens)
        candidates += find_apposed_agents(text[:end], tokens)
        candidates += find_geonames_places(text[:end], candidates, matcher)
        candidates += find_vn_units(text[:end], candidates, matcher, doc.date)
    if config.patterns:
        candidates = extend_into_known_names(candidates, text)
    selected = select_longest(candidates)
    blocked = [c for c in selected if c.type == NOT_ENTITY]
    kept = classify_places(drop_not_entities(selected), matcher, text)
    date = doc.date or dateline(text)
    type_by_date(kept, matcher, date)
    heritage_sites(kept, text)
    if config.patterns:
        possessed = find_possessed_names(text, tokens, kept + blocked)
        kept = [c for c in kept if not any(p.start <= c.start and c.end <= p.end for p in possessed)]
        kept += possessed
        kept.sort(key=lambda c: c.start)
    if config.patterns:
        kept += repeat_place_mentions(text, end, kept, kept + blocked)
        kept.sort(key=lambda c: c.start)
    if config.persons:
        kept = persons_named_after_places(text, tokens, kept)
        kept += find_person_candidates(text, tokens, [(c.start, c.end) for c in kept + blocked])
        kept.sort(key=lambda c: c.start)
    first_line = text.find("\n")
    resolved = resolve(text, kept, matcher, title_end=first_line if first_line > 0 else 0)
    add_nested_places(resolved.entities, kept, candidates, matcher)
    ctx = RuleContext(doc, text, resolved.entities, matcher, resolved.main_province, date)
    refs = sorted((Ref(c.start, c.end, c.text, entity_id, resolved.entities[entity_id].type, c.rule)
                   for c, entity_id in resolved.mentions), key=lambda r: r.start)
    rules = [rule for family in config.families for rule in RULE_FAMILIES[family]]
    unanchored = [rule for rule in rules if getattr(rule, "without_mentions", False)]
    gated = [(rule, getattr(rule, "needs", None), getattr(rule, "words", ())) for rule in rules]
    by_present: dict[frozenset, list] = {}  # classes in a sentence -> the rules that may fire
    facts: list[Fact] = []
    position = 0
    for sentence in split_sentences(text[:end]):
        while position < len(refs) and refs[position].start < sentence.start:
            position += 1
        inside = []
        k = position
        while k < len(refs) and refs[k].start < sentence.end:
            if refs[k].end <= sentence.end:
                inside.append(refs[k])
            k += 1
        if not inside:
            # most rules need a mention in their sentence; a few read demonyms and anaphora
            view = SentenceView(sentence, inside)
            for rule in unanchored:
                if view.has_any(rule.words):
                    facts.extend(rule(ctx, view))
            continue
        view = SentenceView(sentence, inside)
        present = frozenset(view.by_type)
        applicable = by_present.get(present)
        if applicable is None:
            applicable = by_present[present] = [
                (rule, words) for rule, required, words in gated
                if required is None or not required.isdisjoint(present)]
        for rule, words in applicable:
            if not words or view.has_any(words):
                facts.extend(rule(ctx, view))
    facts += location_facts(text[:end], resolved.mentions, ctx.entities)
    facts = merge_facts(f for f in facts if f.confidence >= config.min_confidence)
    return Extraction(entities=ctx.entities, facts=facts)


SYMMETRIC = {"partnerOf", "cooperatesWith"}


def merge_facts(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per (edge, sentence): the most confident; a partnership wins over a plain
    cooperation between the same two entities in the same sentence."""
    best: dict[tuple, Fact] = {}
    for fact in facts:
        ends = (fact.subject, fact.object)
        if fact.predicate in SYMMETRIC:
            ends = tuple(sorted(ends))
        key = (fact.predicate, *ends, fact.start)
        if key not in best or fact.confidence > best[key].confidence:
            best[key] = fact
    partnered = {(tuple(sorted((f.subject, f.object))), f.start) for f in best.values()
                 if f.predicate == "partnerOf"}
    return [f for f in best.values() if not (
        f.predicate == "cooperatesWith" and (tuple(sorted((f.subject, f.object))), f.start) in partnered)]


def document_rdf(doc: Document, base: str = DEFAULT_BASE,
                 config: ExtractorConfig | None = None) -> tuple[list[Quad], list[Quad]]:
    """(quads of the document's own graph, quads for the shared entities graph)."""
    extraction = extract(doc, config)
    quads = document_quads(doc, extraction, base)
    if quads:  # points of localities the gazetteer does not know, in the document's graph
        matcher, graph = (config or DEFAULT_CONFIG).matcher(), quads[0].graph_name
        units, placed = unit_quads(extraction, matcher, graph, doc.date, base)
        quads += units + place_quads(extraction, matcher, graph, base, skip=placed)
    return quads, list(entity_quads(extraction, base))
