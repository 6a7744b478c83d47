"""Querying the knowledge graph from Python: DataFrames out, parameters bound safely.

Run it from the project folder (``.venv/bin/python examples/query_from_python.py``) or paste the
parts into a notebook. It uses the default store, the embedded Oxigraph cached on disk, which is
loaded from ``data/triples.ttl`` the first time and reloaded when that file changes.
"""

from __future__ import annotations

import kg

ATTACK = "https://kg.example.org/id/event/attack-ashraf-2009-07"

# 1. A shipped query (queries/*.rq) by name: every disputed value, with the sources giving it.
disputes = kg.query("disputed")
print(f"{len(disputes)} disputed values; the July 2009 death toll:")
print(disputes[disputes["property"] == "fatalities"][["label", "value", "sources"]].to_string())

# 2. The same query with a parameter: every fact about the attack, with quote and offsets.
#    Values are bound as RDF terms (here an IRI), never pasted into the query text.
facts = kg.query("facts-with-evidence", {"entity": ATTACK})
per_source = facts.groupby("source")["property"].nunique().sort_values(ascending=False)
print("\nfacts about the attack per source:")
print(per_source.to_string())

# 3. Your own SPARQL: attacks per year, counted once per attack and date value.
per_year = kg.query(
    """
    PREFIX kg: <https://kg.example.org/ontology#>
    SELECT ?year (COUNT(DISTINCT ?attack) AS ?attacks) WHERE {
      ?attack a kg:Attack ; kg:date ?date .
      BIND(SUBSTR(STR(?date), 1, 4) AS ?year)
    } GROUP BY ?year ORDER BY ?year
    """
)
print("\nattacks per year (by any source's date):")
print(per_year.to_string(index=False))

# 4. One store for many queries, and the same answers from rdflib, the reference engine.
store = kg.connect(kg.find_project(), "memory")
same = kg.query("disputed", store=store)
print(f"\nrdflib finds the same {len(same)} disputed values: {len(same) == len(disputes)}")
