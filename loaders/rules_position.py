"""holdsPosition: a person holds a post in a government body, company or organisation.

- "<Title> of (the) <Body> <Person>"      ("Director of the provincial Department of ... Ngo Bien Cuong")
- "<Person>, <Title> of (the) <Body>(, <Title> of (the) <Body>)*"
- "<Body>('s) <Title> <Person>"            ("Samsung Vietnam General Director Choi Joo-ho")
The role is the title as written ("Vice Chairman", "Secretary", "Member").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.demonyms import DEMONYMS
from diplomap.loaders.facts import Fact
from diplomap.loaders.rule_context import RuleContext, SentenceView, needs

BODIES = ("GovernmentBody", "Corporation", "NGO", "InternationalOrganization")
TITLE = (r"(?:(?:Permanent|First|Standing|Executive)\s+)?(?:(?:Vice|Deputy)\s+)?"
         r"(?:(?:General|Managing)\s+)?(?:Chairman|Chairwoman|Chairperson|Chair|"
         r"Director(?:\s+General)?|Secretary(?:\s+General)?|Member|Head|Minister|Governor|Mayor|"
         r"President|Ambassador|Consul(?:\s+General)?|CEO|Chief\s+Executive(?:\s+Officer)?|Chief\s+Minister|Premier|Chief|"
         r"Leader|Representative|Manager|Chancellor|Commissioner|Founder|Country\s+Director)")
_TITLE_OF_BEFORE = re.compile(rf"({TITLE})\s+(?:of|at)\s+(?:the\s+)?$", re.I)
_TITLE_OF_AFTER = re.compile(rf"^\s*,\s*(?:who\s+(?:also\s+|now\s+|currently\s+)?(?:serves|served|is|was|works|worked)\s+as\s+)?"
                             rf"(?:the\s+)?({TITLE})\s+(?:of|at)\s+(?:the\s+)?$", re.I)
_BODY_TITLE = re.compile(rf"^(?:[’']s)?\s+({TITLE})\s+$", re.I)


def _role(text: str) -> str:
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in text.split())


_LOCAL_POSTS = re.compile(r"governor|mayor|chief\s+minister|premier|prefect|chief\s+executive", re.I)
_ENVOY_POSTS = re.compile(r"ambassador|consul", re.I)


def _body_refs(view: SentenceView) -> list:
    return view.of_type(*BODIES, "ForeignLocality", "Province", "Country")


def _fits(body, role: str) -> bool:
    """A governor or mayor holds a post in the province or city itself, an ambassador or consul
    in the country that sends them ("Ambassador of Cuba to Vietnam")."""
    if body.type == "Country":
        return bool(_ENVOY_POSTS.search(role))
    return body.type in BODIES or bool(_LOCAL_POSTS.search(role))


def _qualifiers(view: SentenceView) -> dict:
    """Province mentions that only qualify the body right after them ("the Ben Tre provincial
    People's Committee"): body ref -> where its full name starts."""
    starts = {}
    refs = view.refs
    for prev, ref in zip(refs, refs[1:], strict=False):
        if prev.type == "Province" and ref.type in BODIES and \
                _QUALIFIER_GAP.fullmatch(view.between(prev, ref)):
            starts[ref] = prev
    return starts


_QUALIFIER_GAP = re.compile(r"\s(?:provincial\s|municipal\s|city\s)?|[’']s\s")


_TITLE_WORDS = ("chair", "director", "secretary", "member", "head", "minister", "governor", "mayor", "president",
                 "ambassador", "consul", "ceo", "chief", "leader", "representative", "manager", "chancellor",
                 "commissioner", "founder")


_CHAIN_GAP = re.compile(r"\s+(?:(?:province|city|prefecture|state|county|district|region|territory)\s+)?"
                        r"(?:of|in)\s+(?:the\s+)?|\s*,\s*(?:the\s+)?", re.I)
_POSSESSOR_GAP = re.compile(r"[’']s\s+(?:the\s+)?")
_IN_APPOSITION = re.compile(r"[A-Z][\w’'-]+\s*,\s*(?:the\s+)?(?:[A-Z][a-z]+\s+)?$")
_TITLE_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)$", re.I)
_PLACE_TYPES = ("ForeignLocality", "Province", "Country", "VietnamLocality")


def _start_with_possessor(view: SentenceView, refs: list, k: int, qualified: dict):
    """Where the name of ``refs[k]`` starts, with a province qualifier or a possessive place in front
    ("the Ben Tre provincial People's Committee", "Australia's Northern Territory")."""
    ref = qualified.get(refs[k], refs[k])
    if k > 0 and refs[k - 1].type in _PLACE_TYPES and ref is refs[k] and \
            _POSSESSOR_GAP.fullmatch(view.between(refs[k - 1], ref)):
        return refs[k - 1], k - 1
    return ref, (refs.index(ref) if ref is not refs[k] else k)


@needs("Person", words=_TITLE_WORDS)
def position_title_of_body_name(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Director of the An Giang Department of Foreign Affairs Nguyen Van A", with places that
    locate the body in between ("Governor of Khammoune province of Laos Name") and coordinated posts
    ("Vice Secretary of the provincial Party Committee and Chairman of the provincial People's
    Committee Name": two posts)."""
    qualified = _qualifiers(view)
    refs = view.refs
    for p, person in enumerate(refs):
        if person.type != "Person" or p == 0:
            continue
        k = p - 1
        cursor = person.start
        while k >= 0:
            body = refs[k]
            if body.type not in BODIES + _PLACE_TYPES or not re.fullmatch(r"\s?", view.between(body, cursor)):
                break
            # skip places that only locate the one before them ("... province of Laos")
            while k > 0 and body.type in _PLACE_TYPES and refs[k - 1].type in BODIES + _PLACE_TYPES and \
                    _CHAIN_GAP.fullmatch(view.between(refs[k - 1], body)) and \
                    not _TITLE_OF_BEFORE.search(view.before(body, 60)):
                k -= 1
                body = refs[k]
            start, k = _start_with_possessor(view, refs, k, qualified)
            match = _TITLE_OF_BEFORE.search(view.before(start, 60))
            if not match:
                break
            if cursor != person.start and _IN_APPOSITION.search(view.before(start, 80)[:-len(match.group(0)) or None]):
                break  # "Natasha Fyles, Chief Minister of X, and Chairman of Y Name": the first post is Fyles'
            if _fits(body, match.group(1)):
                fact = ctx.fact("holdsPosition", person.entity, body.entity, view,
                                "position.title-of-body-name", 0.85, role=_role(match.group(1)))
                if fact:
                    yield fact
            # "<Title> of <A> and <Title> of <B> <Name>": the post before this one belongs to the name too
            head = view.local(start.start) - len(match.group(0))
            if not _TITLE_JOIN.search(view.text[max(0, head - 8):head]):
                break
            cursor_pos = view.sentence.start + head - len(_TITLE_JOIN.search(view.text[max(0, head - 8):head]).group(0))
            k -= 1
            while k >= 0 and refs[k].end > cursor_pos:
                k -= 1
            if k < 0:
                break
            cursor = cursor_pos


@needs("Person", words=_TITLE_WORDS)
def position_name_title_of_body(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Nguyen Van A, Secretary of the Ben Tre provincial Party Committee, ..."."""
    qualified = _qualifiers(view)
    qualifiers = set(qualified.values())
    refs = [r for r in view.refs if r not in qualifiers]
    for i, person in enumerate(refs):
        if person.type != "Person":
            continue
        cursor = person
        for body in refs[i + 1:]:
            if body.type == "Person":
                break
            if body.type not in BODIES + ("ForeignLocality", "Province", "Country"):
                continue
            start = qualified.get(body, body)
            if body.type in _PLACE_TYPES:
                # "Name, Chief Minister of Australia's Northern Territory": the post is in the place owned
                owned = next((r for r in refs[refs.index(body) + 1:]), None)
                if owned is not None and owned.type in BODIES + _PLACE_TYPES and \
                        _POSSESSOR_GAP.fullmatch(view.between(body, owned)):
                    body, start = owned, body
            match = _TITLE_OF_AFTER.match(view.between(cursor, start))
            if not match or not _fits(body, match.group(1)):
                break
            following = next((r for r in refs[refs.index(body) + 1:]), None)
            if following is not None and following.type == "Person" and \
                    re.fullmatch(r"\s?", view.between(body, following)):
                break  # "A, Secretary of the Party Committee B": the post is B's
            fact = ctx.fact("holdsPosition", person.entity, body.entity, view,
                            "position.name-title-of-body", 0.85, role=_role(match.group(1)))
            if fact:
                yield fact
            cursor = body


@needs("Person", words=_TITLE_WORDS)
def position_body_title_name(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Samsung Vietnam General Director Choi Joo-ho", "Takeo Governor Vong Pisey"."""
    bodies = view.of_type(*BODIES, "ForeignLocality")
    for person in view.of_type("Person"):
        for body in bodies:
            if body.end > person.start:
                continue
            match = _BODY_TITLE.match(view.between(body, person))
            if match and _fits(body, match.group(1)):
                fact = ctx.fact("holdsPosition", person.entity, body.entity, view,
                                "position.body-title-name", 0.8, role=_role(match.group(1)))
                if fact:
                    yield fact


_TITLE_BEFORE_NAME = re.compile(rf"\b({TITLE})\s+$", re.I)
_OF_BODY = re.compile(r"^\s+(?:of|at)\s+(?:the\s+)?$", re.I)


@needs("Person", words=_TITLE_WORDS)
def position_title_name_of_body(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Ambassador Jose Ruiz of the Embassy of Chile", "Director Le Hoa of the Department ..."."""
    qualified = _qualifiers(view)
    for person in view.of_type("Person"):
        match = _TITLE_BEFORE_NAME.search(view.before(person, 60))
        if not match:
            continue
        for body in _body_refs(view):
            if body.start < person.end:
                continue
            if _OF_BODY.match(view.between(person, qualified.get(body, body))) and _fits(body, match.group(1)):
                fact = ctx.fact("holdsPosition", person.entity, body.entity, view,
                                "position.title-name-of-body", 0.8, role=_role(match.group(1)))
                if fact:
                    yield fact
            break


# "a delegation from Luang Prabang province of Laos, led by its Governor X": the country between is an address
_DELEGATION_HEAD = re.compile(rf"^\s*(?:(?:province|city|prefecture|county|region|state)\s+)?(?:(?:of|in)\s+(?:the\s+)?"
                              rf"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}}\s*)?,?\s*(?:which\s+was\s+|was\s+)?"
                              rf"(?:headed|led)\s+by\s+(?:the\s+|its\s+)?({TITLE})\s+$", re.I)
_PLACE_DELEGATION_HEAD = re.compile(rf"^\s+delegation\s*,?\s*(?:led|headed)\s+by\s+(?:the\s+)?({TITLE})\s+$", re.I)
_DELEGATION_FROM = re.compile(r"\bdelegations?\s+(?:from|of)\s+(?:the\s+)?(?:[A-Z][a-z]+\s+(?:province|city|state|"
                              r"region|prefecture)\s+of\s+)?$", re.I)  # "from the Canadian province of Nova Scotia"


@needs("Person", words=_TITLE_WORDS)
def position_delegation_head(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"a delegation from the Lao Consulate General in Da Nang, headed by Consul General X":
    the titled head of a body's delegation holds that post in the body."""
    for body in view.of_type(*BODIES, "ForeignLocality"):
        person = next((r for r in view.refs if r.start >= body.end and r.type != "Country"), None)
        if person is None or person.type != "Person":
            continue
        gap = view.between(body, person)
        if _DELEGATION_FROM.search(view.before(body, 40)):
            match = _DELEGATION_HEAD.match(gap)
        else:  # "an Ulyanovsk delegation led by Vice Governor X"
            match = _PLACE_DELEGATION_HEAD.match(gap)
        if match and _fits(body, match.group(1)):
            fact = ctx.fact("holdsPosition", person.entity, body.entity, view,
                            "position.delegation-head", 0.75, role=_role(match.group(1)))
            if fact:
                yield fact





_ENVOY_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+(Ambassador|Consul(?:\s+General)?)(?:\s+to\s+(?:Vietnam|Viet\s+Nam|[A-Z][a-z]+))?"
                           r"(?:\s+and\s+[^,;]{0,40}?)?\s+$")
_ENVOY_AFTER = re.compile(r"^\s*,\s*(?:the\s+)?([A-Z][a-z]+)\s+(Ambassador|Consul(?:\s+General)?)\b")
_MISSION = {"ambassador": re.compile(r"\bEmbassy\b"), "consul": re.compile(r"\bConsulate\b")}


@needs("Person", words=("ambassador", "consul"))
def position_envoy_of_mission(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Japanese Ambassador to Vietnam X", "X, Lao Ambassador to ...": an envoy holds the post in
    the country's embassy (or consulate) when the article names that mission anywhere."""
    for person in view.of_type("Person"):
        match = _ENVOY_BEFORE.search(view.before(person, 80)) or _ENVOY_AFTER.match(view.after(person, 60))
        if not match:
            continue
        name = DEMONYMS.get(match.group(1).lower())
        if name is None:
            continue
        mission = _mission_of(ctx, name, match.group(1), match.group(2))
        if mission is None:
            continue
        fact = ctx.fact("holdsPosition", person.entity, mission, view, "position.envoy", 0.75,
                        role=_role(match.group(2)))
        if fact:
            yield fact


def _mission_of(ctx: RuleContext, country: str, demonym: str, post: str) -> str | None:
    head = _MISSION["consul" if post.lower().startswith("consul") else "ambassador"]
    for key, entity in ctx.entities.items():
        if entity.type == "GovernmentBody" and head.search(entity.label) and \
                (demonym in entity.label or country in entity.label):
            return key
    return None


# "Deputy Minister of Foreign Affairs Le Hoai Trung ... the Ministry of Foreign Affairs": the minister's ministry
_MINISTER_OF = re.compile(r"\b((?:(?:Deputy|Vice|First\s+Deputy)\s+)?Minister)\s+of\s+((?:[A-Z][\w-]*|and|,)(?:\s+(?:[A-Z][\w-]*|and|,))*?)\s+$")


@needs("Person", "GovernmentBody", words=("minister of",))
def position_minister_of_portfolio(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    ministries = {ctx.entities[k].label.lower(): k for k in ctx.entities
                  if ctx.entities[k].type == "GovernmentBody" and ctx.entities[k].label.startswith("Ministry of ")}
    if not ministries:
        return
    for person in view.of_type("Person"):
        match = _MINISTER_OF.search(view.before(person, 80))
        if not match:
            continue
        ministry = ministries.get(f"ministry of {match.group(2)}".lower())
        if ministry is None:
            continue
        fact = ctx.fact("holdsPosition", person.entity, ministry, view, "position.minister-of-portfolio", 0.75,
                        role=_role(match.group(1)))
        if fact:
            yield fact


RULES = (position_minister_of_portfolio, position_title_of_body_name, position_name_title_of_body, position_body_title_name,
         position_title_name_of_body, position_delegation_head, position_envoy_of_mission)
