"""``kg stats``: what the graph holds — counts per class, statements, evidence, sources, disputes.

Takes a store (the graph and the ontology); returns a :class:`GraphStats`. Every figure is a SPARQL
count over the store, so the numbers are the graph's, not the build's.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.project import Project
from kg.query import SparqlQuery, run_query, shipped_queries

__all__ = ["GraphStats", "graph_stats"]

_PREFIXES = """
PREFIX kg: <https://kg.example.org/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_CLASS_COUNTS = (
    _PREFIXES
    + """
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a ?class . FILTER(STRSTARTS(STR(?class), STR(kg:)))
  FILTER(?class NOT IN (kg:Evidence, kg:ExtractionActivity, kg:ExtractionMethod, kg:SourceDocument))
} GROUP BY ?class ORDER BY DESC(?n) ?class
"""
)

_STATEMENTS = (
    _PREFIXES
    + """
SELECT (COUNT(?st) AS ?statements) (SUM(?ev) AS ?evidence) (MIN(?ev) AS ?minEv) (MAX(?ev) AS ?maxEv)
       (SUM(?src) AS ?sourceLinks) (MAX(?src) AS ?maxSrc) (SUM(?multi) AS ?multiSource)
       (SUM(?label) AS ?labels) (SUM(?inf) AS ?inferred)
WHERE {
  { SELECT ?st (COUNT(DISTINCT ?e) AS ?ev) (COUNT(DISTINCT ?doc) AS ?src) WHERE {
      ?st a rdf:Statement ; prov:wasDerivedFrom ?e . ?e oa:hasSource ?doc .
    } GROUP BY ?st }
  ?st rdf:predicate ?p .
  BIND(IF(?src > 1, 1, 0) AS ?multi)
  BIND(IF(?p = skos:altLabel, 1, 0) AS ?label)
  OPTIONAL { ?st kg:isInferred ?i }
  BIND(IF(COALESCE(?i, false), 1, 0) AS ?inf)
}
"""
)

_QUALIFIED = _PREFIXES + "SELECT (COUNT(?e) AS ?n) WHERE { ?e kg:qualifier ?q }"
_ENTITIES = (
    _PREFIXES
    + """
SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?top { kg:Actor kg:Location kg:Event kg:Agreement kg:PositionHolding }
  ?x a/rdfs:subClassOf* ?top }
"""
)


@dataclass(frozen=True)
class GraphStats:
    triples: int
    entities: int
    classes: tuple[tuple[str, int], ...]
    statements: int
    label_statements: int
    evidence: int
    evidence_per_statement: tuple[float, int, int]
    sources_per_statement: tuple[float, int]
    multi_source_statements: int
    disputes: int
    inferred: int
    qualified: int


def _int(store: ox.Store, text: str, var: str = "n") -> int:
    row = run_query(store, SparqlQuery(text, "stats")).records()[0]
    value = row[var]
    return int(value) if value is not None else 0


def graph_stats(store: ox.Store, project: Project) -> GraphStats:
    """Compute the statistics of the graph in *store*."""
    classes = tuple(
        (str(r["class"]).rsplit("#", 1)[-1], int(str(r["n"])))
        for r in run_query(store, SparqlQuery(_CLASS_COUNTS, "stats")).records()
    )
    row = run_query(store, SparqlQuery(_STATEMENTS, "stats")).records()[0]
    n = int(row["statements"] or 0)
    num = {k: int(v) if v is not None else 0 for k, v in row.items()}
    disputed = shipped_queries(project).get("disputed")
    disputes = 0
    if disputed is not None:
        records = run_query(store, disputed).records()
        disputes = len({(r.get("subject"), r.get("property")) for r in records})
    return GraphStats(
        triples=len(store),
        entities=_int(store, _ENTITIES),
        classes=classes,
        statements=n,
        label_statements=num["labels"],
        evidence=num["evidence"],
        evidence_per_statement=(num["evidence"] / n if n else 0.0, num["minEv"], num["maxEv"]),
        sources_per_statement=(num["sourceLinks"] / n if n else 0.0, num["maxSrc"]),
        multi_source_statements=num["multiSource"],
        disputes=disputes,
        inferred=num["inferred"],
        qualified=_int(store, _QUALIFIED),
    )
