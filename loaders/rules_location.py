"""locatedIn: where a place lies, when the text says so.

- "Kanagawa province (Japan)", "Xaysomboun province in Laos", "Yaroslavl of Russia";
- "Japan's Kanagawa", "Bac Ninh's International Friendship Park";
- address chains: "Dai Phuc ward, Bac Ninh city", "Bonghwa district, Gyeongsangbuk province";
  a provincial city named after its province ("Bac Ninh city") at the end of a chain lies
  in that province.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.demonyms import demonym_spans
from diplomap.loaders.facts import Fact
from diplomap.loaders.rule_context import RuleContext, SentenceView, chain_after, needs

LOCALITIES = ("ForeignLocality", "VietnamLocality", "Province")
_LEVEL_WORDS = (("ward", 0), ("commune", 0), ("zone", 0), ("park", 0), ("gate", 0),
                ("airport", 0), ("village", 0), ("district", 1), ("county", 1), ("town", 1),
                ("city", 1), ("province", 2), ("prefecture", 2), ("oblast", 2), ("state", 2))


_LEVEL = dict(_LEVEL_WORDS)
_LEVEL_WORD = re.compile(r"\b(" + "|".join(w for w, _ in _LEVEL_WORDS) + r")s?\b")


def level(ctx: RuleContext, ref) -> int:
    """0 ward/site, 1 district/city, 2 province, 3 country: a place lies in a higher level."""
    if ref.type == "Country":
        return 3
    words = (ref.text + " " + ctx.entities[ref.entity].label).lower()
    found = [_LEVEL[m.group(1)] for m in _LEVEL_WORD.finditer(words)]
    if found:
        return min(found)
    return {"Province": 2, "ForeignLocality": 2, "VietnamLocality": 1}.get(ref.type, 9)


@needs("ForeignLocality")
def located_by_country_next_to(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"X province (Japan)", "X province in Laos", "X of Russia"."""
    for ref in view.of_type("ForeignLocality"):
        for country in view.of_type("Country"):
            gap = view.between(ref, country)
            if re.fullmatch(r"\s*\(\s*|\s+(?:in|of)\s+(?:the\s+)?|\s*,\s*", gap):
                region = _possessed_place(view, country)
                if region is not None and region.entity != ref.entity:
                    # "Takayama city in Japan's Gifu Prefecture": in the prefecture, which is in Japan
                    fact = ctx.fact("locatedIn", ref.entity, region.entity, view, "location.in-possessed", 0.8)
                else:
                    fact = ctx.fact("locatedIn", ref.entity, country.entity, view,
                                    "location.country-next-to", 0.9)
                    # "Luang Prabang and Houaphan provinces of Laos": the shared head reaches every item
                    if _PLURAL_HEAD.search(ref.text):
                        for item in _list_before(view, ref):
                            other = ctx.fact("locatedIn", item.entity, country.entity, view,
                                             "location.country-next-to", 0.85)
                            if other:
                                yield other
                if fact:
                    yield fact


_PLURAL_HEAD = re.compile(r"\b(?:provinces|cities|prefectures|counties|states|districts|regions|oblasts)$", re.I)
_LIST_BEFORE_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


def _list_before(view: SentenceView, last) -> list:
    """The places listed before ``last`` with commas and "and" ("A, B and C provinces")."""
    items = []
    refs = [r for r in view.refs if r.end <= last.start]
    cursor = last
    for ref in reversed(refs):
        if ref.type != last.type or not _LIST_BEFORE_GAP.fullmatch(view.between(ref, cursor)):
            break
        items.append(ref)
        cursor = ref
    return items


def _possessed_place(view: SentenceView, owner):
    """The foreign place right after "<owner>'s", if any."""
    if not re.match(r"[’']s\s", view.after(owner, 3)):
        return None
    for ref in view.of_type("ForeignLocality"):
        if ref.start > owner.end and re.fullmatch(r"[’']s\s+(?:the\s+)?", view.between(owner, ref)):
            return ref
    return None


# "of Quang Ninh", "in the northern province Quang Ninh", "in the central province of Khanh Hoa"
_IN_PROVINCE = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?(?:province|city)\s+(?:of\s+)?)?", re.I)


@needs("VietnamLocality", words=(" of ", " in "))
def located_by_of_province(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Mong Cai city of Quang Ninh", "Giang Thanh district in Kien Giang"."""
    for ref in view.of_type("VietnamLocality"):
        for province in view.of_type("Province"):
            if province.start > ref.end and _IN_PROVINCE.fullmatch(view.between(ref, province)):
                fact = ctx.fact("locatedIn", ref.entity, province.entity, view, "location.of-province", 0.8)
                if fact:
                    yield fact


_APPOSITION = re.compile(r",\s*(?:(?:a|an|the|another)\s+(?:[\w-]+\s+){0,3}?(?:city|town|port|province|"
                         r"prefecture|county|district|region|state|capital|hub|centre|center)\s+(?:in|of|under|on)\s+"
                         r"|also\s+in\s+)(?:the\s+)?"
                         # "Naples, the capital of Italy's Campania Region": the country's possessive on the way
                         r"(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}[’']s\s+)?")
# "Dien Bien Phu city, the provincial capital": the article's province
_PROVINCIAL_CAPITAL = re.compile(r"^,\s*(?:the|its)\s+provincial\s+(?:capital|seat)\b", re.I)


@needs("ForeignLocality", "VietnamLocality")
def located_by_apposition(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Oakland, a port city in California", "Beihai, another port city in Guangxi", "Pingxiang, a
    county-level city under Chongzuo", "Baise city, also in Guangxi", "X, the provincial capital"."""
    for ref in view.of_type("ForeignLocality", "VietnamLocality"):
        if ref.type == "VietnamLocality" and ctx.main_province and _PROVINCIAL_CAPITAL.match(view.after(ref, 40)):
            fact = ctx.fact("locatedIn", ref.entity, ctx.main_province, view, "location.provincial-capital", 0.75)
            if fact:
                yield fact
            continue
        parents = ("ForeignLocality", "Country") if ref.type == "ForeignLocality" else ("Province",)
        for parent in view.of_type(*parents):
            if parent.start > ref.end and _APPOSITION.fullmatch(view.between(ref, parent)):
                fact = ctx.fact("locatedIn", ref.entity, parent.entity, view, "location.apposition", 0.8)
                if fact:
                    yield fact
                break


@needs("Country", "Province", "ForeignLocality", words=("'", "’"))
def located_by_possessive(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Japan's Kanagawa", "Bac Ninh's International Friendship Park"."""
    for owner in view.of_type("Country", "Province", "ForeignLocality"):
        for ref in view.refs:
            if ref.start <= owner.end or ref.type not in LOCALITIES or ref.entity == owner.entity:
                continue
            if not re.fullmatch(r"[’']s?\s+(?:the\s+)?", view.between(owner, ref)):
                continue
            if owner.type == "Country" and ref.type != "ForeignLocality":
                continue
            if owner.type != "Country" and level(ctx, ref) >= level(ctx, owner) \
                    and ref.rule != "possessed-name":
                continue
            for place in chain_after(view, ref, LOCALITIES):
                fact = ctx.fact("locatedIn", place.entity, owner.entity, view, "location.possessive", 0.8)
                if fact:
                    yield fact


@needs("ForeignLocality", "VietnamLocality", "Province", words=(", ",))
def located_by_address_chain(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Dai Phuc ward, Bac Ninh city": each part lies in the next, larger one."""
    refs = [r for r in view.refs if r.type in LOCALITIES or r.type == "Country"]
    for child, parent in zip(refs, refs[1:], strict=False):
        if view.between(child, parent) not in (", ", ", the ") or child.type == "Country":
            continue
        if level(ctx, child) >= level(ctx, parent):
            continue
        if parent.type == "Country" and child.type != "ForeignLocality":
            continue
        fact = ctx.fact("locatedIn", child.entity, parent.entity, view, "location.address", 0.85)
        if fact:
            yield fact
    if len(refs) >= 2:
        last = refs[-1]
        prev = refs[-2]
        if view.between(prev, last) == ", " and last.type == "VietnamLocality":
            yield from _city_in_namesake_province(ctx, view, last)


def _city_in_namesake_province(ctx, view, ref) -> Iterator[Fact]:
    label = ctx.entities[ref.entity].label
    match = re.match(r"^(.+?)\s+city$", label, re.I)
    if not match:
        return
    entry = ctx.matcher.lookup(match.group(1), {"Province"})
    if entry is not None:
        fact = ctx.fact("locatedIn", ref.entity, entry.id, view, "location.provincial-city", 0.7)
        if fact:
            yield fact


_KIND_OF = (r"\s+(?:[\w-]+\s+)?(?:provinces?|states?|regions?|prefectures?|count(?:y|ies)|oblasts?|cities|city|"
            r"towns?|districts?|krais?)\s*(?:of\s+|,\s*)(?:the\s+)?")
_COUNTRY_KIND_OF = re.compile(rf"^{_KIND_OF}$", re.I)
_KIND_OF_GAP = re.compile(_KIND_OF, re.I)


@needs("ForeignLocality")
def located_by_kind_of_country(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"the German state of Thuringia", "the US state of Iowa", "the Cambodian provinces of
    Takeo and Kandal", "a second Russian region, Tula Oblast"."""
    spans = demonym_spans(view.text)
    for ref in view.of_type("ForeignLocality"):
        country = None
        previous = [r for r in view.refs if r.end <= ref.start]
        if previous and previous[-1].type == "Country" and \
                _COUNTRY_KIND_OF.match(view.between(previous[-1], ref)):
            country = previous[-1].entity
        else:
            local = view.local(ref.start)
            after = previous[-1].end if previous else view.sentence.start
            for start, end, name in spans:
                # "the German state of" right before the place, with no other mention between
                if view.local(after) <= start and end < local and local - end <= 40 and \
                        _KIND_OF_GAP.fullmatch(view.text, end, local):
                    country = ctx.country_named(name)
        if country is None:
            continue
        for place in chain_after(view, ref, ("ForeignLocality",)):
            fact = ctx.fact("locatedIn", place.entity, country, view, "location.kind-of-country", 0.8)
            if fact:
                yield fact


@needs("ForeignLocality")
def located_by_in_foreign_parent(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Pyeongtaek city in Gyeonggi province": a foreign city or district in a larger place."""
    refs = view.of_type("ForeignLocality")
    for child, parent in zip(refs, refs[1:], strict=False):
        if re.fullmatch(r"\s+(?:in|of)\s+(?:the\s+)?", view.between(child, parent)) and \
                level(ctx, child) < level(ctx, parent):
            fact = ctx.fact("locatedIn", child.entity, parent.entity, view, "location.in-parent", 0.75)
            if fact:
                yield fact


_PROVINCE_POSSESSIVE = re.compile(r"\b(?:the|this)\s+province[’']s\s+$", re.I)


@needs("VietnamLocality")
def located_by_province_possessive(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"the province's Binh Xuyen district": a locality of the article's province."""
    if ctx.main_province is None:
        return
    for ref in view.of_type("VietnamLocality"):
        if _PROVINCE_POSSESSIVE.search(view.before(ref, 20)):
            for place in chain_after(view, ref, ("VietnamLocality",)):
                fact = ctx.fact("locatedIn", place.entity, ctx.main_province, view,
                                "location.province-possessive", 0.7)
                if fact:
                    yield fact


RULES = (located_by_kind_of_country, located_by_in_foreign_parent, located_by_province_possessive,
         located_by_apposition, located_by_of_province, located_by_country_next_to, located_by_possessive, located_by_address_chain)
