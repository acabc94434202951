"""Entity-to-entity exports for network tools: GraphML and GEXF (networkx) and two CSV files.

Nodes are entities; edges are the direct edges of the vocabulary contract (one per subject,
predicate, object), carrying what their statement nodes say: stage, earliest date, amounts,
the first evidence sentence and the documents. GEXF edges get a ``start`` date so Gephi's
timeline shows partnerships appearing. Node and edge order is sorted, so files repeat.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import BinaryIO

import networkx as nx

from diplomap.graph.export.rdf import oxigraph_of, select_graphs
from diplomap.graph.store.base import GraphStore
from diplomap.ontology.iris import ONTOLOGY_NS
from diplomap.ontology.vocab import DIRECT_PROPERTIES, STAGES

_WIKIDATA = "http://www.wikidata.org/entity/"
_EDGES = f"""
PREFIX dm: <{ONTOLOGY_NS}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?s ?p ?o ?statement ?evidence ?document ?status ?date ?amount ?currency ?listing ?role WHERE {{
  VALUES ?p {{ {" ".join(f"dm:{p}" for p in DIRECT_PROPERTIES)} }}
  ?s ?p ?o .
  OPTIONAL {{
    ?statement rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
               dm:evidence ?evidence ; prov:wasDerivedFrom ?document .
    OPTIONAL {{ ?statement dm:status ?status }}
    OPTIONAL {{ ?statement dm:date ?date }}
    OPTIONAL {{ ?statement dm:amount ?amount }}
    OPTIONAL {{ ?statement dm:currency ?currency }}
    OPTIONAL {{ ?statement dm:listing ?listing }}
    OPTIONAL {{ ?statement dm:role ?role }}
  }}
}}
"""
_NODES = f"""
PREFIX dm: <{ONTOLOGY_NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?node ?type ?label ?same WHERE {{
  {{ ?node a ?type FILTER (STRSTARTS(STR(?type), STR(dm:))) }}
  UNION {{ ?node rdfs:label ?label FILTER (LANG(?label) = "en") }}
  UNION {{ ?node owl:sameAs ?same FILTER (STRSTARTS(STR(?same), "{_WIKIDATA}")) }}
}}
"""
NODE_COLUMNS = ("id", "label", "type", "wikidata")
EDGE_COLUMNS = ("source", "source_label", "predicate", "target", "target_label", "status", "date",
                "amount", "currency", "listing", "role", "evidence", "document", "statement")


@dataclass
class Node:
    iri: str
    label: str = ""
    type: str = ""
    wikidata: str = ""


@dataclass
class Edge:
    source: str
    predicate: str  # local name, e.g. partnerOf
    target: str
    statements: list[dict] = field(default_factory=list)  # one dict per statement, EDGE_COLUMNS keys

    def attributes(self) -> dict:
        """Summary attributes for GraphML/GEXF: no None values (networkx refuses them)."""
        out = {"predicate": self.predicate, "label": self.predicate, "statements": len(self.statements)}
        stages = [s["status"] for s in self.statements if s["status"]]
        if stages:
            out["status"] = max(stages, key=STAGES.index)
        dates = sorted(s["date"] for s in self.statements if s["date"])
        if dates:
            out["date"] = dates[0]
        currencies = {s["currency"] for s in self.statements if s["amount"]}
        if len(currencies) == 1:
            out["currency"] = currencies.pop()
            out["amount"] = float(sum(Decimal(s["amount"]) for s in self.statements if s["amount"]))
        evidence = [s for s in self.statements if s["evidence"]]
        if evidence:
            out["evidence"] = evidence[0]["evidence"]
            out["documents"] = " ".join(sorted({s["document"] for s in evidence}))
        return out


@dataclass
class Network:
    nodes: dict[str, Node]
    edges: list[Edge]


def _value(term) -> str:
    return "" if term is None else term.value


def _local(iri: str) -> str:
    return iri[len(ONTOLOGY_NS):] if iri.startswith(ONTOLOGY_NS) else iri


def project(store: GraphStore, which: str = "documents") -> Network:
    """Entities and direct edges of the selected graphs; labels and types come from every graph."""
    oxigraph = oxigraph_of(store)
    graphs = select_graphs(oxigraph, which)
    edges: dict[tuple[str, str, str], Edge] = {}
    seen_statements: set[tuple] = set()
    rows = oxigraph.query(_EDGES, default_graph=graphs) if graphs else []
    for row in rows:
        key = (row["s"].value, _local(row["p"].value), row["o"].value)
        edge = edges.setdefault(key, Edge(*key))
        if row["statement"] is None:
            continue
        marker = (row["statement"].value, *key)
        if marker in seen_statements:
            continue
        seen_statements.add(marker)
        edge.statements.append({
            "statement": row["statement"].value, "evidence": _value(row["evidence"]),
            "document": _value(row["document"]), "status": _local(_value(row["status"])),
            "date": _value(row["date"]), "amount": _value(row["amount"]), "currency": _value(row["currency"]),
            "listing": _local(_value(row["listing"])), "role": _value(row["role"]),
        })
    for edge in edges.values():
        edge.statements.sort(key=lambda s: (s["document"], s["statement"]))
    wanted = {e.source for e in edges.values()} | {e.target for e in edges.values()}
    nodes = {iri: Node(iri) for iri in sorted(wanted)}
    for row in oxigraph.query(_NODES, use_default_graph_as_union=True):
        node = nodes.get(row["node"].value)
        if node is None:
            continue
        # min() over alternatives keeps the choice stable when an entity has two of something
        if row["type"] is not None:
            node.type = min(filter(None, (node.type, _local(row["type"].value))))
        if row["label"] is not None:
            node.label = min(filter(None, (node.label, row["label"].value)))
        if row["same"] is not None:
            node.wikidata = min(filter(None, (node.wikidata, row["same"].value)))
    return Network(nodes, [edges[k] for k in sorted(edges)])


# Characters XML 1.0 forbids (C0 controls but tab, newline and carriage return; lone
# surrogates; U+FFFE, U+FFFF). One of them in an evidence sentence crashed the GraphML writer
# and made GEXF that no parser reads; each becomes U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value):
    """``value`` with the characters XML 1.0 forbids replaced by U+FFFD (other types as they are)."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def to_networkx(network: Network, dynamic: bool = False) -> nx.MultiDiGraph:
    """A MultiDiGraph keyed by predicate; with ``dynamic``, edges with a date get a GEXF ``start``.
    Every string is made XML-safe (see ``xml_safe``)."""
    graph = nx.MultiDiGraph()
    for iri, node in network.nodes.items():
        attributes = {"label": node.label or iri, "type": node.type, "iri": iri}
        if node.wikidata:
            attributes["wikidata"] = node.wikidata
        graph.add_node(xml_safe(iri), **{k: xml_safe(v) for k, v in attributes.items()})
    for edge in network.edges:
        attributes = edge.attributes()
        if dynamic and "date" in attributes:
            attributes["start"] = _full_date(attributes["date"])
        graph.add_edge(xml_safe(edge.source), xml_safe(edge.target), key=edge.predicate,
                       **{k: xml_safe(v) for k, v in attributes.items()})
    return graph


def _full_date(value: str) -> str:
    """gYear / gYearMonth / date -> YYYY-MM-DD, the form GEXF's date time format wants."""
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def write_graphml(network: Network, out: BinaryIO) -> None:
    nx.write_graphml(to_networkx(network), out, encoding="utf-8", prettyprint=True)


def write_gexf(network: Network, out: BinaryIO) -> None:
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(to_networkx(network, dynamic=True))
    # The writer stamps today's date in <meta>; the latest evidence date keeps files repeatable.
    dates = sorted(e.attributes().get("date", "") for e in network.edges)
    for meta in writer.xml.iter("meta"):
        meta.set("lastmodifieddate", _full_date(dates[-1]) if dates and dates[-1] else "1970-01-01")
    writer.write(out)


def csv_paths(target: str) -> tuple[str, str]:
    """``-o`` for CSV: a directory (existing or ending in /) or a file-name prefix."""
    if target.endswith(("/", os.sep)) or os.path.isdir(target):
        os.makedirs(target, exist_ok=True)
        return os.path.join(target, "nodes.csv"), os.path.join(target, "edges.csv")
    parent = os.path.dirname(target)
    if parent:
        os.makedirs(parent, exist_ok=True)
    return target + "nodes.csv", target + "edges.csv"


def write_csv(network: Network, nodes_out: io.TextIOBase, edges_out: io.TextIOBase) -> None:
    """nodes.csv (one row per entity) and edges.csv (one row per statement, or per bare edge)."""
    nodes = csv.writer(nodes_out, lineterminator="\n")
    nodes.writerow(NODE_COLUMNS)
    for iri, node in network.nodes.items():
        nodes.writerow((iri, node.label, node.type, node.wikidata))
    edges = csv.writer(edges_out, lineterminator="\n")
    edges.writerow(EDGE_COLUMNS)
    for edge in network.edges:
        ends = {"source": edge.source, "predicate": edge.predicate, "target": edge.target,
                "source_label": network.nodes[edge.source].label,
                "target_label": network.nodes[edge.target].label}
        for statement in edge.statements or [{}]:
            row = {**dict.fromkeys(EDGE_COLUMNS, ""), **statement, **ends}
            edges.writerow(row[c] for c in EDGE_COLUMNS)
