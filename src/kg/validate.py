"""``kg validate``: SHACL shapes, HermiT consistency and the provenance check.

Takes the built graph (``data/triples.ttl``), the ontology, the shapes and the sources; returns a
:class:`ValidationReport` whose ``ok`` is true only when all three checks pass:

- **SHACL** (pySHACL) with the ontology as ontology graph: zero violations;
- **HermiT** (owlready2) on the ontology plus every entity's types and object-property facts:
  consistent, no unsatisfiable class. Needs Java; without it the check is reported as not run;
- **provenance**: every statement has evidence, every evidence quote equals its document's text at
  its offsets, every fact is reified and every statement's triple is asserted.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.errors import KgError
from kg.namespaces import DCTERMS, KG, OA, OWL, PROV, RDF, RDFS, SKOS
from kg.project import Project
from kg.sources import Source, load_sources

__all__ = [
    "ProvenanceReport",
    "ReasonerReport",
    "ShaclReport",
    "ValidationReport",
    "check_consistency",
    "check_provenance",
    "check_shacl",
    "load_graph",
    "validate",
]

#: Entity-level triples that are registry data, not claims of a source (so not reified).
REGISTRY_PREDICATES = frozenset({RDF.type, RDFS.label, KG.note, KG.isCandidate})


@dataclass(frozen=True)
class ShaclReport:
    conforms: bool
    violations: int
    messages: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReasonerReport:
    ran: bool
    consistent: bool
    unsatisfiable: tuple[str, ...] = ()
    axioms: int = 0
    seconds: float = 0.0
    reason: str = ""


@dataclass(frozen=True)
class ProvenanceReport:
    statements: int
    evidence: int
    verified: int
    failures: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.failures and self.verified == self.evidence and self.statements > 0


@dataclass(frozen=True)
class ValidationReport:
    shacl: ShaclReport
    reasoner: ReasonerReport
    provenance: ProvenanceReport

    @property
    def ok(self) -> bool:
        reasoner_ok = self.reasoner.consistent or not self.reasoner.ran
        return self.shacl.conforms and reasoner_ok and self.provenance.ok


def load_graph(path: Path) -> Graph:
    """Parse a Turtle file, with a one-line error when it is missing or malformed."""
    if not path.is_file():
        raise KgError(f"{path}: not found (run `kg build` first?)")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise KgError(f"{path}: not valid Turtle: {str(exc).splitlines()[0]}") from None
    return graph


# --- SHACL -------------------------------------------------------------------------------------


def check_shacl(data: Graph, shapes: Graph, ontology: Graph) -> ShaclReport:
    """Validate *data* against *shapes*, following the class hierarchy of *ontology*."""
    from pyshacl import validate as shacl_validate

    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True
    )
    messages = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if results.value(result, SH.resultSeverity) != SH.Violation:
            continue
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        messages.append(f"{focus} {path or ''}: {message}")
    return ShaclReport(bool(conforms), len(messages), tuple(sorted(messages)))


# --- HermiT ------------------------------------------------------------------------------------


def _reasoning_graph(ontology: Graph, data: Graph) -> Graph:
    """The ontology plus the entity-level types and object-property facts of *data*."""
    object_properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    graph = Graph()
    graph += ontology
    statement_nodes = set(data.subjects(RDF.type, RDF.Statement))
    for s, p, o in data:
        if s in statement_nodes or not isinstance(o, URIRef):
            continue
        typed = p == RDF.type and str(o).startswith(str(KG._NS))
        if typed or (p in object_properties and str(p).startswith(str(KG._NS))):
            graph.add((s, p, o))
    return graph


def check_consistency(ontology: Graph, data: Graph | None = None) -> ReasonerReport:
    """Run HermiT through owlready2 on *ontology* (and the entity facts of *data*)."""
    if shutil.which("java") is None:
        return ReasonerReport(False, False, reason="Java not found on PATH; HermiT needs it")
    import owlready2

    graph = _reasoning_graph(ontology, data) if data is not None else ontology
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reasoning.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return ReasonerReport(
                True,
                False,
                axioms=len(graph),
                seconds=time.perf_counter() - start,
                reason="inconsistent",
            )
        unsatisfiable = tuple(sorted(str(c.iri) for c in world.inconsistent_classes()))
        world.close()
    return ReasonerReport(
        True, not unsatisfiable, unsatisfiable, len(graph), time.perf_counter() - start
    )


# --- Provenance --------------------------------------------------------------------------------


def _selectors(graph: Graph, evidence: URIRef) -> tuple[str | None, int | None, int | None]:
    exact = start = end = None
    for selector in graph.objects(evidence, OA.hasSelector):
        if (selector, RDF.type, OA.TextQuoteSelector) in graph:
            value = graph.value(selector, OA.exact)
            exact = str(value) if value is not None else None
        if (selector, RDF.type, OA.TextPositionSelector) in graph:
            s, e = graph.value(selector, OA.start), graph.value(selector, OA.end)
            if isinstance(s, Literal) and isinstance(e, Literal):
                start, end = int(s), int(e)
    return exact, start, end


def _check_evidence(graph: Graph, ev: URIRef, texts: Mapping[URIRef, Source]) -> str | None:
    doc = graph.value(ev, OA.hasSource)
    if not isinstance(doc, URIRef) or doc not in texts:
        return f"{ev}: source {doc} is not a document of data/sources/"
    exact, start, end = _selectors(graph, ev)
    if exact is None or start is None or end is None:
        return f"{ev}: missing quote or position selector"
    text = texts[doc].text
    if text[start:end] != exact:
        return (
            f"{ev}: {texts[doc].identifier}[{start}:{end}] does not equal the quote {exact[:40]!r}"
        )
    return None


def _documents(
    graph: Graph, sources: Mapping[str, Source]
) -> tuple[dict[URIRef, Source], list[str]]:
    texts: dict[URIRef, Source] = {}
    failures = []
    for doc in graph.subjects(RDF.type, KG.SourceDocument):
        name = str(graph.value(doc, DCTERMS.identifier))
        source = sources.get(name)
        if source is None:
            failures.append(f"{doc}: file {name} is not in data/sources/")
            continue
        if str(graph.value(doc, KG.sha256)) != source.sha256:
            failures.append(f"{doc}: {name} changed since the graph was built (sha256 differs)")
        if isinstance(doc, URIRef):
            texts[doc] = source
    return texts, failures


def _is_fact(graph: Graph, s: object, p: object) -> bool:
    return (
        isinstance(s, URIRef)
        and p not in REGISTRY_PREDICATES
        and (str(p).startswith(str(KG._NS)) or p == SKOS.altLabel)
        and (s, RDF.type, RDF.Statement) not in graph
        and (s, RDF.type, KG.Evidence) not in graph
        and (s, RDF.type, KG.SourceDocument) not in graph
        and (s, RDF.type, KG.ExtractionActivity) not in graph
    )


def check_provenance(graph: Graph, sources: Mapping[str, Source]) -> ProvenanceReport:
    """Check the provenance contract of *graph* against the texts of *sources*."""
    texts, failures = _documents(graph, sources)
    statements = list(graph.subjects(RDF.type, RDF.Statement))
    reified = set()
    evidence_count = verified = 0
    for st in statements:
        triple = (
            graph.value(st, RDF.subject),
            graph.value(st, RDF.predicate),
            graph.value(st, RDF.object),
        )
        reified.add(triple)
        if triple not in graph:
            failures.append(f"{st}: its triple is not asserted in the graph")
        evidence = [e for e in graph.objects(st, PROV.wasDerivedFrom) if isinstance(e, URIRef)]
        if not evidence:
            failures.append(f"{st}: no evidence (prov:wasDerivedFrom)")
        if graph.value(st, PROV.wasGeneratedBy) is None:
            failures.append(f"{st}: no generating activity (prov:wasGeneratedBy)")
        for ev in evidence:
            evidence_count += 1
            problem = _check_evidence(graph, ev, texts)
            if problem:
                failures.append(problem)
            else:
                verified += 1
    for s, p, o in graph:
        if _is_fact(graph, s, p) and (s, p, o) not in reified:
            failures.append(f"fact without a statement node: {s} {p} {o}")
    return ProvenanceReport(len(statements), evidence_count, verified, tuple(failures))


def validate(
    project: Project, graph_path: Path | None = None, *, reason: bool = True
) -> ValidationReport:
    """Run all three checks on the project's built graph."""
    data = load_graph(graph_path or project.triples_path)
    ontology = load_graph(project.ontology_path)
    shapes = load_graph(project.shapes_path)
    sources = load_sources(project.sources_dir)
    shacl = check_shacl(data, shapes, ontology)
    reasoner = (
        check_consistency(ontology, data)
        if reason
        else ReasonerReport(False, False, reason="skipped (--no-reasoner)")
    )
    provenance = check_provenance(data, sources)
    return ValidationReport(shacl, reasoner, provenance)
