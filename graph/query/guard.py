"""A lexical look at SPARQL text before any parser sees it: query form, nesting depth, SERVICE.

Shared by `diplomap query` and the endpoint.

The endpoint must refuse some requests without running them: Oxigraph's parser recurses once
per nested bracket and crashes the whole process (SIGSEGV, measured at 10,000 levels), and a
SERVICE clause makes the server fetch arbitrary URLs. Strings, IRIs and comments are skipped
so that a literal containing the word "service" or a "(" is not mistaken for syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplomap.ontology.errors import QueryError

MAX_QUERY_BYTES = 100 * 1024
MAX_NESTING = 64

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n]|\\.)*"
               |'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00b7]+)
    | (?P<pname>(?:[^\W\d][\w.-]*)?:[\w.:%-]*)
    | (?P<word>[A-Za-z]+)
    | (?P<open>[({\[])
    | (?P<close>[)}\]])
    """,
    re.VERBOSE | re.DOTALL,
)


class RefusedQuery(QueryError):
    """A request the endpoint will not run; ``status`` is the HTTP answer."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Shape:
    """What the text says about itself: ``form`` is SELECT/CONSTRUCT/DESCRIBE/ASK, an update
    keyword, or None when no keyword was found (the parser will say why)."""

    form: str | None
    depth: int
    uses_service: bool

    @property
    def is_update(self) -> bool:
        return self.form in UPDATE_FORMS

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def inspect_sparql(text: str) -> Shape:
    form = None
    depth = deepest = 0
    service = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "word":
            word = match.group().upper()
            if form is None and word not in ("BASE", "PREFIX"):
                form = word
            if word == "SERVICE":
                service = True
        elif kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth -= 1
    return Shape(form, deepest, service)


def check_query(text: str, *, allow_service: bool = False) -> Shape:
    """Raise :class:`RefusedQuery` for what must not reach the store; return the shape otherwise."""
    if len(text.encode("utf-8")) > MAX_QUERY_BYTES:
        raise RefusedQuery(f"query larger than {MAX_QUERY_BYTES // 1024} KB", 413)
    shape = inspect_sparql(text)
    if shape.depth > MAX_NESTING:
        raise RefusedQuery(f"query nested more than {MAX_NESTING} brackets deep", 400)
    if shape.uses_service and not allow_service:
        raise RefusedQuery("SERVICE (federated query) is refused by this endpoint", 403)
    return shape
