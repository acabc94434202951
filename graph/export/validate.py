"""Check the store against the ontology's SHACL shapes with pySHACL, and report by shape.

The data graph is the union of every graph except the ontology itself (the schema is not
data). Validation runs without inference, as the shapes ask: RDFS inference would add the
abstract superclasses that data must never carry. Warnings are reported but do not make
the store non-conforming; violations do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, DefaultGraph, NamedNode

from diplomap.graph.export.rdf import oxigraph_of
from diplomap.graph.query.prefixes import compact, prefixes
from diplomap.graph.store.base import GraphStore
from diplomap.ontology import resources
from diplomap.ontology.errors import DiplomapError
from diplomap.ontology.iris import ONTOLOGY_GRAPH

SH = "http://www.w3.org/ns/shacl#"


class ValidationError(DiplomapError):
    """Validation could not run (unreadable shapes or data)."""


@dataclass(frozen=True)
class Finding:
    severity: str  # Violation | Warning | Info
    shape: str  # readable name of the shape that failed
    focus: str
    path: str
    value: str
    message: str


@dataclass
class ValidationReport:
    conforms: bool
    findings: list[Finding] = field(default_factory=list)
    triples: int = 0

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    def by_shape(self) -> dict[tuple[str, str], list[Finding]]:
        groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        for finding in self.findings:
            groups[(finding.severity, finding.shape)].append(finding)
        order = {"Violation": 0, "Warning": 1, "Info": 2}
        return dict(sorted(groups.items(), key=lambda item: (order.get(item[0][0], 3), item[0][1])))

    def render(self, limit: int = 20) -> str:
        lines = [f"{'conforms' if self.conforms else 'does NOT conform'}: "
                 f"{len(self.violations)} violation(s), {len(self.findings) - len(self.violations)} "
                 f"other finding(s) over {self.triples} triples"]
        for (severity, shape), findings in self.by_shape().items():
            lines.append(f"\n{severity}  {shape}  ({len(findings)})")
            for finding in findings[:limit]:
                detail = " ".join(x for x in (finding.path, finding.value and f"= {finding.value}") if x)
                lines.append(f"  {finding.focus}  {detail}".rstrip())
                lines.append(f"    {finding.message}")
            if len(findings) > limit:
                lines.append(f"  ... and {len(findings) - limit} more")
        return "\n".join(lines) + "\n"


def _data_graph(store: GraphStore):
    """The store's quads, minus the ontology graph, as one rdflib graph (terms converted directly)."""
    import rdflib

    oxigraph = oxigraph_of(store)
    graph = rdflib.Graph()
    convert = _term_converter(rdflib)
    skip = NamedNode(ONTOLOGY_GRAPH)
    for quad in oxigraph:
        if quad.graph_name != skip or isinstance(quad.graph_name, DefaultGraph):
            graph.add((convert(quad.subject), convert(quad.predicate), convert(quad.object)))
    return graph


def _term_converter(rdflib):
    cache: dict = {}

    def convert(term):
        found = cache.get(term)
        if found is not None:
            return found
        if isinstance(term, NamedNode):
            found = rdflib.URIRef(term.value)
        elif isinstance(term, BlankNode):
            found = rdflib.BNode(term.value)
        elif term.language:
            found = rdflib.Literal(term.value, lang=term.language)
        else:
            found = rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
        if len(cache) < 200_000:
            cache[term] = found
        return found

    return convert


def validate_store(store: GraphStore, shapes_ttl: str | None = None) -> ValidationReport:
    """Run the shapes (default: the ontology's shapes.ttl) over the store."""
    import pyshacl
    import rdflib

    try:
        shapes = rdflib.Graph().parse(data=shapes_ttl or resources.shapes_ttl(), format="turtle")
    except Exception as exc:  # rdflib raises many kinds of parser errors
        raise ValidationError(f"cannot read the SHACL shapes: {exc}") from None
    data = _data_graph(store)
    try:
        conforms, results, _text = pyshacl.validate(
            data, shacl_graph=shapes, inference="none", allow_warnings=True)
    except Exception as exc:  # pySHACL reports shape problems as assorted exceptions
        raise ValidationError(f"SHACL validation failed to run: {exc}") from None
    return ValidationReport(bool(conforms), _findings(results, shapes), len(data))


def _findings(results, shapes) -> list[Finding]:
    import rdflib

    sh = rdflib.Namespace(SH)
    table = prefixes()

    def show(term) -> str:
        if term is None:
            return ""
        if isinstance(term, rdflib.URIRef):
            return compact(str(term), table)
        if isinstance(term, rdflib.Literal):
            text = str(term).replace("\n", "\\n")
            return f'"{text[:60]}"' + ("…" if len(text) > 60 else "")
        return _path_text(shapes, term, show)

    findings = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        shape = results.value(result, sh.sourceShape)
        severity = str(results.value(result, sh.resultSeverity) or SH + "Violation")[len(SH):]
        findings.append(Finding(
            severity=severity,
            shape=_shape_name(shapes, shape, show),
            focus=show(results.value(result, sh.focusNode)),
            path=show(results.value(result, sh.resultPath)),
            value=show(results.value(result, sh.value)),
            message=str(results.value(result, sh.resultMessage) or ""),
        ))
    return sorted(findings, key=lambda f: (f.severity, f.shape, f.focus, f.path, f.value, f.message))


def _shape_name(shapes, shape, show) -> str:
    """A named shape by its name; an inline property shape as ``<node shape> / <path>``."""
    import rdflib

    sh = rdflib.Namespace(SH)
    if isinstance(shape, rdflib.URIRef):
        return show(shape)
    owner = shapes.value(None, sh.property, shape)
    path = shapes.value(shape, sh.path)
    parts = [show(owner) if owner is not None else "(inline shape)"]
    if path is not None:
        parts.append(show(path))
    return " / ".join(parts)


def _path_text(shapes, term, show) -> str:
    return "(complex path)" if term is not None else ""

