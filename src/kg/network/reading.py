"""Reading a built graph into a :class:`~kg.network.facts.Facts` index: the one place RDF
becomes input for networkx.

Takes ``data/triples.ttl`` (or any Turtle file of the same shape), the ontology and, for sentence
boundaries, the source texts. Parsing is pyoxigraph's (50 ms for the corpus, against 1.6 s with
rdflib); the statements are then read off an index of the triples by subject.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.namespaces import DCTERMS, KG, OA, PROV, RDF, RDFS, SKOS
from kg.network.facts import EvidenceRef, Fact, Facts, Lit, Passage, Term, Triple, local_name
from kg.project import Project, find_project
from kg.sources import Source, load_sources

__all__ = ["load_facts", "read_facts"]


def _term(term: object) -> Term:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return Lit(term.value, term.datatype.value, term.language)
    raise KgError(f"unsupported RDF term {term!r}")


def _parse(path: Path) -> Iterator[Triple]:
    if not path.is_file():
        raise KgError(f"{path}: not found (run `kg build` first?)")
    try:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            s, p, o = _term(quad.subject), _term(quad.predicate), _term(quad.object)
            if isinstance(s, str) and isinstance(p, str):
                yield s, p, o
    except (OSError, SyntaxError, ValueError) as exc:
        raise KgError(f"{path}: cannot read: {str(exc).splitlines()[0]}") from None


def _superclasses(ontology: Iterable[Triple]) -> dict[str, frozenset[str]]:
    parents: dict[str, set[str]] = defaultdict(set)
    for s, p, o in ontology:
        if p == str(RDFS.subClassOf) and isinstance(o, str):
            parents[s].add(o)
        elif p == str(RDF.type) and o == "http://www.w3.org/2002/07/owl#Class":
            parents.setdefault(s, set())
    out: dict[str, frozenset[str]] = {}
    for cls in parents:
        seen, todo = {cls}, [cls]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        out[cls] = frozenset(seen)
    return out


def _index(triples: Iterable[Triple]) -> dict[str, dict[str, list[Term]]]:
    out: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        out[s][p].append(o)
    return out


def _one(props: Mapping[str, list[Term]], predicate: str) -> Term | None:
    values = props.get(str(predicate), [])
    return values[0] if values else None


def _evidence(index: Mapping[str, Mapping[str, list[Term]]], node: str) -> EvidenceRef | None:
    props = index.get(node, {})
    doc, quote, start, end = _one(props, OA.hasSource), "", -1, -1
    for selector in props.get(str(OA.hasSelector), []):
        sel = index.get(str(selector), {})
        exact, first, last = _one(sel, OA.exact), _one(sel, OA.start), _one(sel, OA.end)
        if isinstance(exact, Lit):
            quote = exact.value
        if isinstance(first, Lit) and isinstance(last, Lit):
            start, end = int(first.value), int(last.value)
    if not isinstance(doc, str):
        return None
    name = _one(index.get(doc, {}), DCTERMS.identifier)
    activity = _one(props, PROV.wasGeneratedBy)
    method = _one(index.get(str(activity), {}), KG.method) if activity else None
    return EvidenceRef(
        source=name.value if isinstance(name, Lit) else local_name(doc),
        start=start,
        end=end,
        quote=quote,
        iri=node,
        method=local_name(method) if isinstance(method, str) else "",
    )


def _facts(index: Mapping[str, Mapping[str, list[Term]]]) -> dict[Triple, Fact]:
    out: dict[Triple, Fact] = {}
    for node, props in index.items():
        if str(RDF.Statement) not in props.get(str(RDF.type), []):
            continue
        s, p, o = _one(props, RDF.subject), _one(props, RDF.predicate), _one(props, RDF.object)
        if not isinstance(s, str) or not isinstance(p, str) or o is None:
            continue
        found = (_evidence(index, str(e)) for e in props.get(str(PROV.wasDerivedFrom), []))
        evidence = tuple(sorted(e for e in found if e is not None))
        out[(s, p, o)] = Fact(node, s, p, o, evidence)
    return out


def _forms(facts: Mapping[Triple, Fact]) -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = defaultdict(set)
    for s, p, o in facts:
        if p == str(SKOS.altLabel) and isinstance(o, Lit):
            out[s].add(o.value)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _sentences(sources: Mapping[str, Source]) -> dict[str, tuple[Passage, ...]]:
    from kg.coverage import sentences

    return {
        name: tuple(Passage(name, s.start, s.end, s.text) for s in sentences(source))
        for name, source in sources.items()
    }


def read_facts(
    graph: Path,
    *,
    ontology: Path | None = None,
    sources: Mapping[str, Source] | None = None,
) -> Facts:
    """Read a built graph (Turtle) into a :class:`Facts` index.

    Parameters
    ----------
    graph : Path
        The Turtle file, e.g. ``data/triples.ttl``.
    ontology : Path, optional
        The ontology, for the class hierarchy (without it only asserted classes count).
    sources : mapping of file name to :class:`~kg.sources.Source`, optional
        The texts, for sentence boundaries (needed by :func:`co_mention_graph`).
    """
    triples = tuple(_parse(graph))
    superclasses = _superclasses(_parse(ontology)) if ontology else {}
    index = _index(triples)
    types: dict[str, frozenset[str]] = {}
    labels: dict[str, str] = {}
    for node, props in index.items():
        classes = props.get(str(RDF.type), [])
        if classes:
            types[node] = frozenset(str(c) for c in classes if isinstance(c, str))
        label = _one(props, RDFS.label)
        if isinstance(label, Lit):
            labels[node] = label.value
    facts = _facts(index)
    return Facts(
        triples=triples,
        facts=facts,
        types=types,
        labels=labels,
        superclasses=superclasses,
        sentences=_sentences(sources or {}),
        forms=_forms(facts),
    )


def load_facts(project: Project | None = None, *, graph: Path | None = None) -> Facts:
    """The project's built graph (or *graph*), with its ontology and source texts.

    Parameters
    ----------
    project : Project, optional
        Default: the project found from the current directory.
    graph : Path, optional
        A Turtle file to read instead of ``data/triples.ttl``.

    Examples
    --------
    >>> facts = load_facts()
    >>> len(facts.facts) > 1000
    True
    """
    project = project or find_project()
    texts = load_sources(project.sources_dir) if project.sources_dir.is_dir() else {}
    return read_facts(graph or project.triples_path, ontology=project.ontology_path, sources=texts)
