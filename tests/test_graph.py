"""kg.graph: the provenance contract, checked with SPARQL on the built graph."""

from __future__ import annotations

import pyoxigraph as ox

from helpers import rows
from kg.project import Project

PREFIXES = """
PREFIX kg: <https://kg.example.org/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def test_every_source_is_a_document_identified_by_its_file_name(
    store: ox.Store, project: Project
) -> None:
    found = rows(
        store,
        project,
        PREFIXES + "SELECT ?id WHERE { ?d a foaf:Document ; dcterms:identifier ?id } ORDER BY ?id",
    )
    names = sorted(p.name for p in project.sources_dir.glob("*.txt"))
    assert [r["id"] for r in found] == names


def test_every_statement_has_evidence_with_both_selectors(
    store: ox.Store, project: Project
) -> None:
    bad = rows(
        store,
        project,
        PREFIXES
        + """
        SELECT ?st WHERE { ?st a rdf:Statement .
          FILTER NOT EXISTS {
            ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?ev .
            ?s ?p ?o .
            ?ev oa:hasSource ?doc ; oa:hasSelector ?q , ?pos .
            ?doc a foaf:Document ; dcterms:identifier ?id .
            ?q a oa:TextQuoteSelector ; oa:exact ?exact .
            ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          } }""",
    )
    assert bad == []


def test_offsets_point_at_the_quote_in_code_points(store: ox.Store, project: Project) -> None:
    found = rows(
        store,
        project,
        PREFIXES
        + """
        SELECT ?id ?exact ?start ?end WHERE {
          ?ev oa:hasSource/dcterms:identifier ?id ; oa:hasSelector ?q , ?pos .
          ?q a oa:TextQuoteSelector ; oa:exact ?exact .
          ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end . }""",
    )
    texts = {p.name: p.read_text(encoding="utf-8") for p in project.sources_dir.glob("*.txt")}
    assert len(found) > 100
    for r in found:
        assert texts[r["id"]][r["start"] : r["end"]] == r["exact"]


def test_every_statement_names_its_method_and_software_version(
    store: ox.Store, project: Project
) -> None:
    found = rows(
        store,
        project,
        PREFIXES
        + """
        SELECT ?method (COUNT(?st) AS ?n) WHERE {
          ?st a rdf:Statement ; prov:wasGeneratedBy ?a .
          ?a kg:method ?method ; kg:softwareVersion ?v } GROUP BY ?method""",
    )
    total = rows(
        store, project, PREFIXES + "SELECT (COUNT(?st) AS ?n) WHERE { ?st a rdf:Statement }"
    )[0]["n"]
    assert sum(r["n"] for r in found) == total
    assert {r["method"].rsplit("#")[-1] for r in found} >= {"CuratedAnnotation", "SurfaceFormMatch"}


def test_disputed_values_stay_side_by_side_with_their_own_evidence(
    store: ox.Store, project: Project
) -> None:
    found = rows(
        store,
        project,
        PREFIXES
        + """
        SELECT ?n ?id WHERE {
          ?st rdf:subject <https://kg.example.org/id/event/attack-ashraf-2009-07> ;
              rdf:predicate kg:fatalities ; rdf:object ?n ;
              prov:wasDerivedFrom/oa:hasSource/dcterms:identifier ?id } ORDER BY ?id""",
    )
    by_value: dict[int, set[str]] = {}
    for r in found:
        by_value.setdefault(r["n"], set()).add(r["id"][:3])
    assert by_value == {11: {"001"}, 13: {"002", "003"}}


def test_a_fact_stated_by_several_sources_has_one_evidence_node_per_passage(
    store: ox.Store, project: Project
) -> None:
    found = rows(
        store,
        project,
        PREFIXES
        + """
        SELECT ?st (COUNT(DISTINCT ?ev) AS ?evs) (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
          ?st rdf:subject <https://kg.example.org/id/event/attack-ashraf-2009-07> ;
              rdf:predicate kg:fatalities ; rdf:object 13 ;
              prov:wasDerivedFrom ?ev . ?ev oa:hasSource ?doc } GROUP BY ?st""",
    )
    assert len(found) == 1 and found[0]["docs"] == 2 and found[0]["evs"] >= 2


def test_surface_forms_are_alt_labels_with_evidence_per_source(
    store: ox.Store, project: Project
) -> None:
    found = rows(
        store,
        project,
        PREFIXES
        + """
        SELECT DISTINCT ?form ?id WHERE {
          ?st rdf:subject <https://kg.example.org/id/person/nouri-al-maliki> ;
              rdf:predicate skos:altLabel ;
              rdf:object ?form ; prov:wasDerivedFrom/oa:hasSource/dcterms:identifier ?id }""",
    )
    pairs = {(r["id"][:3], r["form"]) for r in found}
    assert ("001", "Nuri al-Maliki") in pairs and ("002", "Nouri al-Maliki") in pairs
    assert ("003", "al-Maliki") not in pairs, (
        "a longer form must win over the shorter one inside it"
    )


def test_boilerplate_of_004_holds_no_evidence(store: ox.Store, project: Project) -> None:
    found = rows(
        store,
        project,
        PREFIXES
        + """
        SELECT (MAX(?end) AS ?last) ?cut WHERE {
          ?doc dcterms:identifier "004_b3cb6dc92e9a9a2d.txt" ; kg:boilerplateStart ?cut .
          ?ev oa:hasSource ?doc ; oa:hasSelector/oa:end ?end } GROUP BY ?cut""",
    )
    assert found and found[0]["last"] <= found[0]["cut"]
