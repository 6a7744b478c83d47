"""A tiny hand-checkable corpus for the network tests, built by the real pipeline.

Two sources, five actors, two attacks, one agreement and one speech act:

a.txt  "In 2009 Alpha and Bravo attacked Charlie on orders of Delta. Echo signed a pact with
        Charlie."
b.txt  "Echo said Alpha lied. Bravo attacked Charlie. Alpha struck Charlie again in 2012."

The actor graph it gives (A = Alpha …; every edge weight 1 except A–C, two attacks)::

    D ── A ── E          co-perpetrator A–B; perpetrator-target A–C, B–C;
    │  / │    │          orderer-perpetrator D–A, D–B; co-party E–C;
    B ── C ───┘          speaker-subject E–A
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef

from kg.build import write_graph
from kg.curation import EntityRecord
from kg.graph import to_graph
from kg.iris import IriMinter
from kg.mentions import locate
from kg.namespaces import KG, SKOS, XSD
from kg.network import Facts, read_facts
from kg.sources import Source
from kg.statements import Evidence, Method, Statement

TEXTS = {
    "a.txt": (
        "In 2009 Alpha and Bravo attacked Charlie on orders of Delta. "
        "Echo signed a pact with Charlie."
    ),
    "b.txt": "Echo said Alpha lied. Bravo attacked Charlie. Alpha struck Charlie again in 2012.",
}
ENTITIES = [
    EntityRecord("org/alpha", ("ArmedForce",), "Alpha", ("Alpha",)),
    EntityRecord("org/bravo", ("Militia",), "Bravo", ("Bravo",)),
    EntityRecord("group/charlie", ("Group",), "Charlie", ("Charlie",)),
    EntityRecord("person/delta", ("Person",), "Delta", ("Delta",)),
    EntityRecord("org/echo", ("Government",), "Echo", ("Echo",)),
    EntityRecord("event/attack", ("Attack",), "The 2009 attack"),
    EntityRecord("event/attack-2", ("Attack",), "The 2012 attack"),
    EntityRecord("agreement/pact", ("Treaty",), "The pact"),
    EntityRecord("event/statement-echo", ("SpeechAct",), "Echo's statement"),
]
#: (subject, property, object, [(source, quote), ...]); objects are ids or typed literals.
CLAIMS: list[tuple[str, str, object, list[tuple[str, str]]]] = [
    ("event/attack", "perpetrator", "org/alpha", [("a.txt", "Alpha and Bravo attacked Charlie")]),
    (
        "event/attack",
        "perpetrator",
        "org/bravo",
        [("a.txt", "Alpha and Bravo attacked Charlie"), ("b.txt", "Bravo attacked Charlie")],
    ),
    (
        "event/attack",
        "target",
        "group/charlie",
        [("a.txt", "Alpha and Bravo attacked Charlie"), ("b.txt", "Bravo attacked Charlie")],
    ),
    ("event/attack", "orderedBy", "person/delta", [("a.txt", "on orders of Delta")]),
    ("event/attack", "date", Literal("2009", datatype=XSD.gYear), [("a.txt", "In 2009")]),
    ("event/attack-2", "perpetrator", "org/alpha", [("b.txt", "Alpha struck Charlie")]),
    ("event/attack-2", "target", "group/charlie", [("b.txt", "Alpha struck Charlie")]),
    ("event/attack-2", "date", Literal("2012", datatype=XSD.gYear), [("b.txt", "in 2012")]),
    ("agreement/pact", "party", "org/echo", [("a.txt", "Echo signed a pact with Charlie")]),
    ("agreement/pact", "party", "group/charlie", [("a.txt", "Echo signed a pact with Charlie")]),
    ("event/statement-echo", "statedBy", "org/echo", [("b.txt", "Echo said Alpha lied")]),
    ("event/statement-echo", "about", "org/alpha", [("b.txt", "Echo said Alpha lied")]),
]
MINTER = IriMinter()


def iri(entity_id: str) -> str:
    return str(MINTER.entity(entity_id))


def _statements(sources: dict[str, Source]) -> list[Statement]:
    out = []
    for subject, prop, obj, quotes in CLAIMS:
        value = obj if isinstance(obj, Literal) else MINTER.entity(str(obj))
        evidence = tuple(Evidence(locate(sources[s], q), Method.CURATED) for s, q in quotes)
        out.append(Statement(MINTER.entity(subject), URIRef(KG._NS + prop), value, evidence))
    for entity in ENTITIES:
        for source in sources.values():
            for form in entity.forms:
                start = source.text.find(form)
                while start >= 0:
                    span = locate(source, form, _occurrence(source.text, form, start))
                    ev = Evidence(span, Method.SURFACE_FORM)
                    st = Statement(MINTER.entity(entity.id), SKOS.altLabel, Literal(form), (ev,))
                    out.append(st)
                    start = source.text.find(form, start + 1)
    return _merge(out)


def _occurrence(text: str, form: str, start: int) -> int | None:
    count = text.count(form)
    return None if count == 1 else text[:start].count(form) + 1


def _merge(statements: list[Statement]) -> list[Statement]:
    merged: dict[tuple[object, ...], Statement] = {}
    for st in statements:
        key = (st.subject, st.predicate, st.object)
        if key in merged:
            old = merged[key]
            merged[key] = Statement(st.subject, st.predicate, st.object, old.evidence + st.evidence)
        else:
            merged[key] = st
    return list(merged.values())


def mini_facts(folder: Path) -> Facts:
    """Build the tiny corpus's graph into *folder* and read it back."""
    sources = {name: Source(name, text) for name, text in TEXTS.items()}
    graph = to_graph(sources.values(), ENTITIES, _statements(sources), MINTER)
    path = folder / "mini.ttl"
    write_graph(graph, path)
    ontology = Path(__file__).resolve().parents[1] / "ontology" / "kg.ttl"
    return read_facts(path, ontology=ontology, sources=sources)
