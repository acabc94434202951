"""A readable text table of SELECT/ASK results, for people at a terminal.

Cells are shortened with the store's prefixes and cut to a width; control characters
(newlines in evidence sentences) are shown escaped so every row stays on one line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from pyoxigraph import BlankNode, Literal, NamedNode

from diplomap.graph.query.prefixes import compact

MAX_CELL = 60
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAIN_TYPES = {_XSD + name for name in ("string", "integer", "decimal", "double", "nonNegativeInteger",
                                         "date", "gYear", "gYearMonth", "boolean")}


def cell(term, prefixes: Mapping[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        text = compact(term.value, dict(prefixes))
    elif isinstance(term, BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, Literal):
        text = term.value
        if term.language:
            text += f"@{term.language}"
        elif term.datatype.value not in _PLAIN_TYPES:
            text += "^^" + compact(term.datatype.value, dict(prefixes))
    else:
        text = str(term)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else repr(ch)[1:-1] for ch in text)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def render_table(result, prefixes: Mapping[str, str]) -> str:
    if result.query.form == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    names = [v.value for v in result.solutions.variables]
    rows = [[cell(solution[name], prefixes) for name in names] for solution in result.solutions]
    widths = [max([_width(name), *(_width(row[i]) for row in rows)]) for i, name in enumerate(names)]
    lines = [" | ".join(_pad(name, w) for name, w in zip(names, widths, strict=True)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
