"""``diplomap render``, ``analyze`` and ``path``: maps and network measures."""

from __future__ import annotations

import csv
import io
import json
import webbrowser
from dataclasses import asdict
from pathlib import Path

import click

from diplomap.graph.cli.options import reports_errors, store_options
from diplomap.graph.maps import analysis
from diplomap.graph.maps.geo import render_geo
from diplomap.graph.maps.lookup import resolve_entity
from diplomap.graph.maps.projection import Evidence, Filters, project
from diplomap.graph.maps.render import MAX_NODES, render_map
from diplomap.graph.store.registry import open_store

FORMATS = click.Choice(["table", "csv", "json"])


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def filter_options(func):
    """The options that select part of the graph, shared by render and analyze."""
    options = [
        click.option("--focus", metavar="ENTITY", help="Only what lies near this entity (IRI or any spelling of its name)."),
        click.option("--depth", type=click.IntRange(0, 10), default=2, show_default=True,
                     help="Hops around --focus."),
    ]
    for option in reversed(options):
        func = option(func)
    return relation_filter_options(func)


def relation_filter_options(func):
    """The options that select relations and entities (path has no use for --focus/--depth)."""
    options = [
        click.option("--types", metavar="T,...", help="Entity classes to keep, e.g. Province,ForeignLocality."),
        click.option("--predicates", metavar="P,...",
                     help="Relations to keep, e.g. partnerOf,investsIn (replacedBy: the 2025 merger)."),
        click.option("--status", "statuses", metavar="S,...", help="Partnership stages to keep: Proposed,Negotiating,Signed,Active."),
        click.option("--country", metavar="C", help="Only relations with an end in this country (name, ISO code or IRI)."),
        click.option("--since", type=int, metavar="YEAR", help="Only relations dated this year or later."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), metavar="X",
                     help="Only relations extracted with at least this confidence."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filters(types, predicates, statuses, country, since, min_confidence, focus=None, depth=2) -> Filters:
    return Filters(focus=focus, depth=depth, types=_split(types), predicates=_split(predicates),
                   statuses=_split(statuses), country=country, since=since,
                   min_confidence=min_confidence)


@click.command()
@click.option("-o", "--output", default="map.html", show_default=True, type=click.Path(dir_okay=False),
              help="The HTML file to write (in the current folder unless a path is given).")
@filter_options
@click.option("--title", help="Page title.")
@click.option("--size-by", type=click.Choice(["pagerank", "degree"]), default="pagerank", show_default=True)
@click.option("--max-nodes", type=click.IntRange(1), default=MAX_NODES, show_default=True,
              help="Above this, keep the most central entities and say what was left out.")
@click.option("--geo", is_flag=True,
              help="Draw the geographic map instead: places at their coordinates on a world basemap.")
@click.option("--link", metavar="HREF",
              help="Link to the companion page (the network map for --geo, the geographic map otherwise).")
@click.option("--open", "open_page", is_flag=True, help="Open the page in a web browser.")
@store_options
@reports_errors
def render(output, title, size_by, max_nodes, geo, link, open_page, store_spec, **filter_args):
    """Write an interactive relationship map: one HTML file that works offline."""
    if geo:
        with open_store(store_spec) as store:
            geo_summary = render_geo(store, output, _filters(**filter_args), title=title, network_href=link)
        unplaced = f" ({geo_summary.unplaced:,} with no known place)" if geo_summary.unplaced else ""
        click.echo(f"{geo_summary.path}: {geo_summary.nodes:,} entities on the map{unplaced}, "
                   f"{geo_summary.edges:,} relations, {geo_summary.bytes / 1e6:.1f} MB")
        if open_page:
            webbrowser.open(Path(output).resolve().as_uri())
        return
    with open_store(store_spec) as store:
        summary = render_map(store, output, _filters(**filter_args), title=title,
                             size_by=size_by, max_nodes=max_nodes, geo_href=link)
    note = f" (left out {summary.omitted_nodes:,} entities)" if summary.omitted_nodes else ""
    click.echo(f"{summary.path}: {summary.nodes:,} entities, {summary.edges:,} relations{note}, "
               f"{summary.bytes / 1e6:.1f} MB")
    if open_page:
        webbrowser.open(Path(output).resolve().as_uri())


@click.command()
@click.option("--top", type=click.IntRange(1), default=10, show_default=True,
              help="How many entities to list for each measure.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@filter_options
@store_options
@reports_errors
def analyze(top, fmt, store_spec, **filter_args):
    """Rank entities (degree, betweenness, PageRank), find communities and partner countries."""
    with open_store(store_spec) as store:
        graph = project(store, _filters(**filter_args))
    result = analysis.analyze(graph, top)
    click.echo(format_analysis(result, fmt), nl=False)


@click.command()
@click.argument("source")
@click.argument("target")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@relation_filter_options
@store_options
@reports_errors
def path(source, target, fmt, store_spec, **filter_args):
    """The shortest chain of relations between SOURCE and TARGET, with the evidence of each hop."""
    with open_store(store_spec) as store:
        a, b = resolve_entity(store, source), resolve_entity(store, target)
        graph = project(store, _filters(**filter_args))
    click.echo(format_path(analysis.shortest_path(graph, a, b), fmt), nl=False)


def format_analysis(result: analysis.Analysis, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(asdict(result), ensure_ascii=False, indent=2) + "\n"
    rows = []
    for measure in ("degree", "betweenness", "pagerank"):
        for rank, item in enumerate(getattr(result, measure), 1):
            rows.append([measure, rank, item.label, item.cls, f"{item.score:.6g}", item.iri])
    for number, members in enumerate(result.communities, 1):
        for item in members:
            rows.append(["community", number, item.label, item.cls, f"{item.score:.6g}", item.iri])
    for province, countries in result.partner_countries.items():
        for country, partners in countries.items():
            rows.append(["partner-country", province, country, "; ".join(partners), len(partners), ""])
    if fmt == "csv":
        return _csv(["section", "rank", "name", "class", "score", "iri"], rows)
    lines = [f"{result.nodes:,} entities, {result.edges:,} relations"]
    for measure in ("degree", "betweenness", "pagerank"):
        note = " (sampled)" if measure == "betweenness" and result.betweenness_sampled else ""
        lines.append(f"\nTop {measure}{note}:")
        for rank, item in enumerate(getattr(result, measure), 1):
            lines.append(f"  {rank:>3}. {item.label} [{item.cls}]  {item.score:.4g}")
    lines.append(f"\nCommunities (Louvain): {len(result.communities)}")
    for number, members in enumerate(result.communities[:10], 1):
        names = ", ".join(m.label for m in members[:8])
        more = f" … +{len(members) - 8}" if len(members) > 8 else ""
        lines.append(f"  {number:>3}. ({len(members)}) {names}{more}")
    lines.append("\nPartner countries per province:")
    for province, countries in result.partner_countries.items():
        lines.append(f"  {province}: " + "; ".join(f"{c} ({', '.join(p)})" for c, p in countries.items()))
    if not result.partner_countries:
        lines.append("  (none)")
    return "\n".join(lines) + "\n"


def format_path(hops: list[analysis.Hop], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([asdict(h) for h in hops], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        rows = []
        for i, hop in enumerate(hops, 1):
            for rel in hop.relations:
                for e in rel.evidence or [Evidence("", None, None, None)]:
                    rows.append([i, _label(hop, rel.source), rel.predicate, _label(hop, rel.target),
                                 rel.status, rel.date, e.sentence, e.title, e.date, e.url])
        return _csv(["hop", "from", "predicate", "to", "status", "date", "evidence", "title",
                     "doc_date", "url"], rows)
    lines = []
    for i, hop in enumerate(hops, 1):
        lines.append(f"{i}. {hop.source_label} — {hop.target_label}")
        for rel in hop.relations:
            forward = rel.source == hop.source
            arrow = f"{'→' if forward else '←'} {rel.predicate} {'→' if forward else '←'}"
            extra = ", ".join(x for x in (rel.status, rel.date) if x)
            lines.append(f"   {arrow}{f' ({extra})' if extra else ''}")
            for e in rel.evidence:
                source = ", ".join(x for x in (e.title, e.date, e.url) if x)
                lines.append(f"     “{e.sentence}”" + (f" — {source}" if source else ""))
            if rel.source_note and not rel.evidence:
                lines.append(f"     from {rel.source_note}")
    return "\n".join(lines) + "\n"


def _label(hop: analysis.Hop, iri: str) -> str:
    return hop.source_label if iri == hop.source else hop.target_label


def _cell(value) -> object:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


COMMANDS = [render, analyze, path]
