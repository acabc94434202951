"""holdsPosition: a person holds a post in a government body, company or organisation.

- "<Title> of (the) <Body> <Person>"      ("Director of the provincial Department of ... Ngo Bien Cuong")
- "<Person>, <Title> of (the) <Body>(, <Title> of (the) <Body>)*"
- "<Body>('s) <Title> <Person>"            ("Samsung Vietnam General Director Choi Joo-ho")
The role is the title as written ("Vice Chairman", "Secretary", "Member").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.facts import Fact
from diplomap.loaders.rule_context import RuleContext, SentenceView

BODIES = ("GovernmentBody", "Corporation", "NGO", "InternationalOrganization")
TITLE = (r"(?:(?:Permanent|First|Standing|Executive)\s+)?(?:(?:Vice|Deputy)\s+)?"
         r"(?:(?:General|Managing)\s+)?(?:Chairman|Chairwoman|Chairperson|Chair|"
         r"Director(?:\s+General)?|Secretary(?:\s+General)?|Member|Head|Minister|Governor|Mayor|"
         r"President|Ambassador|Consul(?:\s+General)?|CEO|Chief\s+Executive(?:\s+Officer)?|Chief|"
         r"Leader|Representative|Manager|Chancellor|Commissioner|Founder|Country\s+Director)")
_TITLE_OF_BEFORE = re.compile(rf"({TITLE})\s+(?:of|at)\s+(?:the\s+)?$", re.I)
_TITLE_OF_AFTER = re.compile(rf"^\s*,\s*({TITLE})\s+(?:of|at)\s+(?:the\s+)?$", re.I)
_BODY_TITLE = re.compile(rf"^(?:[’']s)?\s+({TITLE})\s+$", re.I)


def _role(text: str) -> str:
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in text.split())


def position_title_of_body_name(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    bodies = view.of_type(*BODIES)
    for person in view.of_type("Person"):
        for body in bodies:
            if body.end > person.start or not re.fullmatch(r"\s?", view.between(body, person)):
                continue
            match = _TITLE_OF_BEFORE.search(view.before(body, 60))
            if match:
                fact = ctx.fact("holdsPosition", person.entity, body.entity, view,
                                "position.title-of-body-name", 0.85, role=_role(match.group(1)))
                if fact:
                    yield fact


def position_name_title_of_body(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    refs = view.refs
    for i, person in enumerate(refs):
        if person.type != "Person":
            continue
        cursor = person
        for body in refs[i + 1:]:
            if body.type == "Person":
                break
            if body.type not in BODIES:
                continue
            match = _TITLE_OF_AFTER.match(view.between(cursor, body))
            if not match:
                break
            fact = ctx.fact("holdsPosition", person.entity, body.entity, view,
                            "position.name-title-of-body", 0.85, role=_role(match.group(1)))
            if fact:
                yield fact
            cursor = body


def position_body_title_name(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    bodies = view.of_type(*BODIES)
    for person in view.of_type("Person"):
        for body in bodies:
            if body.end > person.start:
                continue
            match = _BODY_TITLE.match(view.between(body, person))
            if match:
                fact = ctx.fact("holdsPosition", person.entity, body.entity, view,
                                "position.body-title-name", 0.8, role=_role(match.group(1)))
                if fact:
                    yield fact


RULES = (position_title_of_body_name, position_name_title_of_body, position_body_title_name)
