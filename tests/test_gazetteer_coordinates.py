"""Coordinates of gazetteer places: W3C WGS84 lat/long and a GeoSPARQL WKT point, checked by the shapes."""

from __future__ import annotations

import pyshacl
import pytest
from pyoxigraph import Store
from rdflib import Graph
from rdflib.namespace import SH

from diplomap.ontology import gazetteer
from diplomap.ontology.gazetteer_rdf import gazetteer_quads
from diplomap.ontology.gazetteer_tsv import read_table
from diplomap.ontology.iris import DEFAULT_BASE, REFERENCE_GRAPH
from diplomap.ontology.ontology_graph import shapes_graph

GEO = "http://www.opengis.net/ont/geosparql#"
WGS = "http://www.w3.org/2003/01/geo/wgs84_pos#"
# Uninhabited territories: GeoNames lists no populated place there.
UNINHABITED = {"AQ", "BV", "HM", "UM"}


def validate(data: Graph) -> tuple[bool, list[tuple[str, str, str]]]:
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True)
    results = [(str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultSeverity)),
                " ".join(map(str, report.objects(r, SH.resultMessage))))
               for r in report.subjects(SH.resultSeverity, None)]
    return conforms, results


def _point(entry_id: str) -> tuple[float, float]:
    entry = gazetteer.by_id()[entry_id]
    return entry.extra["lat"], entry.extra["long"]


def test_every_country_and_province_has_a_point():
    entries = gazetteer.load()
    countries = [e for e in entries if e.type == "Country" and e.iso3166 not in UNINHABITED]
    provinces = [e for e in entries if e.type == "Province"]
    assert len(provinces) == 64  # 63 before the merger + Hue; the 34 after it are among them
    assert [e.id for e in countries + provinces if "lat" not in e.extra] == []


def test_most_foreign_subdivisions_have_a_point():
    subdivisions = [e for e in gazetteer.load() if e.type == "ForeignLocality" and e.iso3166]
    located = [e for e in subdivisions if "lat" in e.extra]
    assert len(located) / len(subdivisions) >= 0.8


@pytest.mark.parametrize(("entry_id", "south", "north", "west", "east"), [
    ("country/vietnam", 20.9, 21.1, 105.7, 106.0),  # Hanoi
    ("country/south-korea", 37.4, 37.7, 126.8, 127.2),  # Seoul
    ("province/ho-chi-minh-city", 10.6, 11.0, 106.5, 106.9),
    ("foreign-locality/gyeonggi", 36.9, 38.3, 126.3, 127.9),
    ("foreign-locality/kanagawa", 35.1, 35.7, 138.9, 139.9),
    ("foreign-locality/yaroslavl-oblast", 56.5, 59.0, 37.3, 41.3),
])
def test_points_fall_where_the_place_is(entry_id, south, north, west, east):
    lat, long = _point(entry_id)
    assert south <= lat <= north and west <= long <= east, (entry_id, lat, long)


def test_every_vietnamese_province_lies_in_vietnam():
    for entry in gazetteer.load():
        if entry.type == "Province":
            lat, long = _point(entry.id)
            assert 8.3 <= lat <= 23.5 and 102.1 <= long <= 109.6, entry.id


def test_vietnamese_districts_and_wards_of_the_gazetteer_get_only_geonames_points():
    # Dai Phuc ward is no GeoNames place; its unit's point in vietnamadminunits was Google-geocoded (not shipped)
    with pytest.raises(KeyError):
        _point("vietnam-locality/dai-phuc-ward")
    units = {(row["lat"], row["long"]) for row in read_table("vn-units.tsv") if row["how"] == "geonames"}
    for row in read_table("coordinates.tsv"):
        if row["how"] == "vn-unit":
            assert any(abs(float(row["lat"]) - float(lat)) < 1e-3 and abs(float(row["long"]) - float(long)) < 1e-3
                       for lat, long in units), row["id"]


def test_coordinate_table_names_only_gazetteer_places():
    known = gazetteer.by_id()
    for row in read_table("coordinates.tsv"):
        assert row["id"] in known, row["id"]
        assert row["how"] in {"capital", "largest-place", "admin1", "admin2", "admin1-code", "place-name", "vn-unit"}
        if row["how"] == "vn-unit":  # a Vietnamese district or ward from vn-units.tsv: no GeoNames record
            assert row["id"].startswith("vietnam-locality/") and not row["geonames"]
        else:
            assert int(row["geonames"]) > 0


def test_reference_graph_has_wgs84_and_geosparql_points():
    store = Store()
    store.extend(gazetteer_quads())
    iri = f"<{DEFAULT_BASE}province/bac-ninh>"
    rows = list(store.query(f"""
        PREFIX geo: <{GEO}> PREFIX wgs: <{WGS}>
        SELECT ?lat ?long ?wkt WHERE {{ GRAPH <{REFERENCE_GRAPH}> {{
            {iri} wgs:lat ?lat ; wgs:long ?long ; geo:hasGeometry ?g . ?g a geo:Geometry ; geo:asWKT ?wkt }} }}"""))
    assert len(rows) == 1
    lat, long, wkt = rows[0]
    assert lat.datatype.value.endswith("#decimal") and wkt.datatype.value == GEO + "wktLiteral"
    assert wkt.value == f"POINT({long.value} {lat.value})"  # WKT: longitude first
    assert 20.9 < float(lat.value) < 21.4 and 105.9 < float(long.value) < 106.3


def test_shapes_accept_the_points_and_reject_a_bad_one():
    subject = f"<{DEFAULT_BASE}province/bac-ninh>"
    good = f"""
        @prefix dm: <https://w3id.org/diplomap/ontology#> . @prefix geo: <{GEO}> . @prefix wgs: <{WGS}> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        {subject} a dm:Province ; rdfs:label "Bac Ninh"@en ; wgs:lat 21.1861 ; wgs:long 106.0763 ;
            geo:hasGeometry <{DEFAULT_BASE}province/bac-ninh#geometry> .
        <{DEFAULT_BASE}province/bac-ninh#geometry> a geo:Geometry ;
            geo:asWKT "POINT(106.0763 21.1861)"^^geo:wktLiteral .
    """
    assert validate(Graph().parse(data=good, format="turtle"))[0]
    for bad, message in [(good.replace("21.1861 ;", "121.1861 ;"), "between -90 and 90"),
                         (good.replace('"POINT(106.0763 21.1861)"', '"POINT(106.0763,21.1861)"'), "asWKT")]:
        conforms, results = validate(Graph().parse(data=bad, format="turtle"))
        assert not conforms and any(message in text for _, _, text in results), results
