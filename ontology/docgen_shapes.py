"""docs/ontology/shapes.md: the SHACL shapes as tables, one per node shape.

Each row is one property shape or SPARQL constraint: its path, its constraint parameters in
a Turtle-like shorthand, its severity (sh:Violation unless the shape says otherwise; a
SPARQL constraint takes the severity of its node shape) and its message.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from diplomap.ontology.docgen_markdown import code, first_text, qname, slug, table, text

SH = Namespace("http://www.w3.org/ns/shacl#")
GENERATED_BY = "python -m diplomap.ontology.docgen"

_TARGETS = (
    (SH.targetClass, "instances of"),
    (SH.targetSubjectsOf, "subjects of"),
    (SH.targetObjectsOf, "objects of"),
    (SH.targetNode, "the node"),
)
# Shown elsewhere in a row (path, severity, message) or not a constraint at all.
_NOT_CONSTRAINTS = {
    SH.path, SH.message, SH.severity, SH.property, SH.sparql, SH.name, SH.description,
    SH.order, SH.group, SH.deactivated, SH.declare, SH.prefixes, SH.select,
    *(target for target, _ in _TARGETS),
}
_ORDER = [SH[n] for n in (
    "minCount", "maxCount", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount",
    "nodeKind", "class", "datatype", "hasValue", "in", "languageIn", "uniqueLang", "pattern",
    "minLength", "maxLength", "minInclusive", "maxInclusive", "or", "and", "not", "xone", "node",
)]


def _term(graph: Graph, node: object) -> str:
    if isinstance(node, Literal):
        return f'"{node}"' if node.datatype in (None, XSD.string) else str(node)
    if isinstance(node, BNode):
        if graph.value(node, RDF.first) is not None:
            return "(" + " ".join(_term(graph, item) for item in Collection(graph, node)) + ")"
        return "[" + _constraints(graph, node) + "]"
    return qname(node)


def _param_key(predicate: URIRef) -> tuple[int, str]:
    return (_ORDER.index(predicate) if predicate in _ORDER else len(_ORDER), str(predicate))


def _constraints(graph: Graph, shape: object) -> str:
    parts = []
    for predicate in sorted({p for p in graph.predicates(shape) if str(p).startswith(str(SH))
                             and p not in _NOT_CONSTRAINTS}, key=_param_key):
        values = sorted(_term(graph, v) for v in graph.objects(shape, predicate))
        parts += [f"{qname(predicate).removeprefix('sh:')} {value}" for value in values]
    return ", ".join(parts)


def _severity(graph: Graph, shape: object, default: object = SH.Violation) -> str:
    return qname(graph.value(shape, SH.severity) or default).removeprefix("sh:")


def _targets(graph: Graph, shape: URIRef) -> str:
    parts = []
    for predicate, words in _TARGETS:
        values = sorted(qname(v) for v in graph.objects(shape, predicate))
        if values:
            parts.append(f"{words} {', '.join(values)}")
    return text("; ".join(parts))


def _rows(graph: Graph, shape: URIRef) -> list[list[str]]:
    rows = []
    own = _constraints(graph, shape)
    if own:
        rows.append(["(focus node)", code(own), _severity(graph, shape),
                     first_text(graph, shape, SH.message)])
    for prop in graph.objects(shape, SH.property):
        path = text(_term(graph, graph.value(prop, SH.path)))
        if isinstance(prop, URIRef):
            path += f" ({text(qname(prop))})"
        rows.append([path, code(_constraints(graph, prop)), _severity(graph, prop),
                     first_text(graph, prop, SH.message)])
    for sparql in graph.objects(shape, SH.sparql):
        query = " ".join(str(graph.value(sparql, SH.select) or "").split())
        rows.append(["(SPARQL)", code(query), _severity(graph, shape),
                     first_text(graph, sparql, SH.message) or first_text(graph, shape, SH.message)])
    return sorted(rows)


def _node_shapes(graph: Graph) -> list[URIRef]:
    found = set(graph.subjects(RDF.type, SH.NodeShape))
    found |= {s for target, _ in _TARGETS for s in graph.subjects(target, None)}
    return sorted((s for s in found if isinstance(s, URIRef)), key=str)


def render(graph: Graph) -> str:
    header = graph.value(predicate=RDF.type, object=OWL.Ontology)
    shapes = _node_shapes(graph)
    attached = {p for s in shapes for p in graph.objects(s, SH.property)}
    loose = sorted((s for s in graph.subjects(RDF.type, SH.PropertyShape)
                    if isinstance(s, URIRef) and s not in attached), key=str)
    lines = [f"# {first_text(graph, header, RDFS.label) if header else 'SHACL shapes'}", "",
             f"Generated from `ontology/shapes.ttl` by `{GENERATED_BY}`; do not edit by hand. "
             "The classes and properties are described in [index.md](index.md).", ""]
    if isinstance(header, URIRef):
        lines += [first_text(graph, header, RDFS.comment), "",
                  f"- **IRI:** <{header}>",
                  f"- **Version:** {text(str(graph.value(header, OWL.versionInfo) or ''))}", ""]
    lines += ["Severity is `Violation` unless a shape says otherwise; a SPARQL constraint takes the "
              "severity of its node shape. Constraints use the SHACL parameter names without `sh:`.", ""]

    overview = []
    for shape in shapes:
        rows = _rows(graph, shape)
        counts = {level: sum(row[2] == level for row in rows) for level in ("Violation", "Warning")}
        overview.append([f"[{qname(shape)}](#{slug(qname(shape))})", _targets(graph, shape),
                         str(counts["Violation"]), str(counts["Warning"])])
    lines += ["## Overview", ""]
    lines += table(["Shape", "Target", "Violation checks", "Warning checks"], overview) + [""]

    for shape in shapes:
        lines += [f"## {qname(shape)}", ""]
        comment = first_text(graph, shape, RDFS.comment)
        lines += [f"Target: {_targets(graph, shape) or '(none: used by other shapes)'}", ""]
        lines += [comment, ""] if comment else []
        lines += table(["Path", "Constraint", "Severity", "Message"], _rows(graph, shape)) + [""]
    if loose:
        lines += ["## Property shapes used by no node shape", ""]
        rows = [[text(_term(graph, graph.value(p, SH.path))) + f" ({text(qname(p))})",
                 code(_constraints(graph, p)), _severity(graph, p), first_text(graph, p, SH.message)]
                for p in loose]
        lines += table(["Path", "Constraint", "Severity", "Message"], rows) + [""]
    return "\n".join(lines).rstrip("\n") + "\n"
