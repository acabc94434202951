"""What a SPARQL text is, decided by a parser before the store sees it: form, SERVICE, size.

Shared by ``diplomap query``, the endpoint and the library's ``prepare``.

Oxigraph runs SERVICE clauses (it really fetches the URL: server-side requests) and its
recursive parser crashes the process on very deep nesting, and pyoxigraph offers no switch to
turn federation off nor a way to see a query's algebra. So the decision comes from another
parser's tree: rdflib's SPARQL grammar. A query is run only when that parser reads it, and
its tree has no ``ServiceGraphPattern`` anywhere (subqueries, EXISTS, OPTIONAL, UNION ...).
Whatever rdflib cannot read is refused: failing closed is the point.

Both parsers must read the same text. The SPARQL spec expands ``\\uXXXX`` escapes before
parsing, which rdflib does and Oxigraph does not (it reads them inside strings and IRIs only),
so ``"\\u0022"`` is a quote character to one and the end of a string to the other. The text is
therefore expanded once here (:func:`engine_text`); rdflib's grammar parses exactly that text
without expanding again, and the store gets exactly that text too. An escape left after the
expansion (``\\u005Cu0022``) is something rdflib's grammar refuses, so it never runs.

rdflib's parser recurses too (in Python, so it fails cleanly): it runs in a thread with a large
stack and a raised recursion limit, which reads a few hundred levels of brackets and about a
thousand triple patterns in a row; deeper or longer queries are refused as too complex, well
before the 10,000 levels that crash Oxigraph. The parse costs 10-150 ms and can take seconds
on large hostile input, so the endpoint and ``diplomap query`` run it in their killable worker
processes, under the query time limit; only the size check runs in the server itself.
"""

from __future__ import annotations

import functools
import gc
import re
import sys
import threading
from dataclasses import dataclass

from diplomap.ontology.errors import QueryError

MAX_QUERY_BYTES = 100 * 1024
# More opening brackets than this anywhere in the text (strings and comments included) and
# the query is refused before parsing: it over-counts nesting, never under-counts it, and it
# spares the parser a slow climb to its recursion limit on 10,000-deep input.
MAX_BRACKETS = 2_000
PARSER_RECURSION_LIMIT = 20_000
PARSER_STACK_BYTES = 256 * 1024 * 1024

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

_QUERY_NODES = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE",
                "AskQuery": "ASK"}
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_parse_lock = threading.Lock()


class RefusedQuery(QueryError):
    """A request that will not run; ``status`` is the HTTP answer."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Shape:
    """What the parser read: ``form`` is SELECT/CONSTRUCT/DESCRIBE/ASK or UPDATE; ``text`` is
    the text to hand to the store (escapes expanded, see the module docstring)."""

    form: str
    uses_service: bool
    text: str

    @property
    def is_update(self) -> bool:
        return self.form == "UPDATE"

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def engine_text(text: str) -> str:
    """``text`` with its ``\\u``/``\\U`` escapes expanded once (SPARQL 1.1, section 19.2)."""

    def expand(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise RefusedQuery(f"invalid escape {match.group(0)}: not a Unicode character")
        return chr(code)

    return _ESCAPE.sub(expand, text)


def check_size(text: str) -> None:
    if len(text.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        raise RefusedQuery(f"query larger than {MAX_QUERY_BYTES // 1024} KB", 413)
    brackets = text.count("{") + text.count("(") + text.count("[")
    if brackets > MAX_BRACKETS:
        raise RefusedQuery(f"query nested more than the safety parser allows: {brackets} brackets, "
                           f"at most {MAX_BRACKETS}; split or simplify it", 400)


def analyse(text: str, *, update: bool = False) -> Shape:
    """Parse ``text`` (a query, or with ``update=True`` an update) and say what it is.

    Raises RefusedQuery: 413 too large, 400 unreadable or too deeply nested.
    """
    check_size(text)
    return _analyse(text, update)


@functools.lru_cache(maxsize=512)
def _analyse(text: str, update: bool) -> Shape:
    expanded = engine_text(text)
    tree, form = _parse(expanded, update)
    return Shape(form, _has_service(tree), expanded)


def check_query(text: str, *, allow_service: bool = False, update: bool = False) -> Shape:
    """Raise :class:`RefusedQuery` for what must not reach the store; return the shape otherwise."""
    shape = analyse(text, update=update)
    if shape.uses_service and not allow_service:
        raise RefusedQuery("SERVICE (federated query) is refused by this endpoint", 403)
    return shape


def parses_as_update(text: str) -> bool:
    """True when ``text`` is a well-formed SPARQL update (to point the user the right way)."""
    try:
        analyse(text, update=True)
    except RefusedQuery:
        return False
    return True


def _parse(text: str, update: bool):
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import parser

    grammar = parser.UpdateUnit if update else parser.Query
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["tree"] = grammar.parse_string(text, parse_all=True)
        except RecursionError:
            outcome["deep"] = True
        except ParseBaseException as exc:
            outcome["error"] = exc
        except Exception as exc:  # noqa: BLE001 - any parser failure refuses the query
            outcome["error"] = exc

    with _parse_lock:  # the recursion limit and the thread stack size are process-wide
        old_limit, old_stack = sys.getrecursionlimit(), threading.stack_size()
        # No garbage collection while the parser thread runs: it would drop pyoxigraph objects
        # of other threads there, which pyoxigraph refuses.
        collecting = gc.isenabled()
        gc.disable()
        try:
            threading.stack_size(PARSER_STACK_BYTES)
            sys.setrecursionlimit(PARSER_RECURSION_LIMIT)
            thread = threading.Thread(target=work, name="diplomap-sparql-parse", daemon=True)
            thread.start()
        finally:
            threading.stack_size(old_stack)
        thread.join()
        sys.setrecursionlimit(old_limit)
        if collecting:
            gc.enable()
    if outcome.get("deep"):
        raise RefusedQuery("query nested more than the safety parser allows (or too long a chain "
                           "of patterns); split or simplify it", 400)
    if "error" in outcome:
        raise RefusedQuery(_parse_message(outcome["error"], text, update), 400)
    tree = outcome["tree"]
    if update:
        return tree, "UPDATE"
    node = tree[-1]
    return tree, _QUERY_NODES.get(getattr(node, "name", ""), "SELECT")


def _parse_message(exc: Exception, text: str, update: bool) -> str:
    what = "SPARQL update" if update else "SPARQL"
    line, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
    message = getattr(exc, "msg", None) or str(exc)
    if line is None:
        return f"malformed {what}: {message}"
    lines = text.splitlines() or [""]
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    return (f"malformed {what} at line {line}, column {column}: {message}\n  {source[:200]}\n"
            f"  {' ' * max(min(column, 200) - 1, 0)}^")


def _has_service(tree) -> bool:
    """Any ServiceGraphPattern anywhere in the tree (walked without recursion)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return False
