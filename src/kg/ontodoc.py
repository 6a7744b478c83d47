"""Ontology documentation: ``docs/ontology.html`` generated from ``ontology/kg.ttl``.

Takes the ontology graph; returns one self-contained HTML page (no scripts, no remote styles or
fonts, so it reads offline and ``kg serve`` can serve it as it is) with every class, property and
individual of the ``kg:`` namespace: label, comment, domain, range, characteristics and its
alignment (``rdfs:subClassOf`` / ``rdfs:subPropertyOf``) with PROV-O, SEM, ORG, FOAF, schema.org,
Web Annotation and the other vocabularies, plus a table of all alignments. The same ontology
gives the same bytes (no dates), so a test can regenerate and compare.

Why not pyLODE: its current release (3.4.1) fails at import when installed from the wheel, and
3.3.4 lists classes in a different order on every run, which defeats a committed, compared file.

>>> from rdflib import Graph
>>> page = render(Graph().parse("ontology/kg.ttl"))
>>> '<section id="Attack"' in page and "sem:Event" in page
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.build import write_atomic
from kg.export.jsonld import context_document
from kg.namespaces import KG_NAMESPACE, OWL, PREFIXES, RDF, RDFS
from kg.project import Project
from kg.validate import load_graph

__all__ = ["generated_files", "render", "terms", "write_generated"]

_KINDS = (
    (OWL.Class, "Classes", "class"),
    (OWL.ObjectProperty, "Object properties", "object property"),
    (OWL.DatatypeProperty, "Datatype properties", "datatype property"),
    (OWL.AnnotationProperty, "Annotation properties", "annotation property"),
    (OWL.NamedIndividual, "Individuals", "individual"),
)
_CHARACTERISTICS = (
    (OWL.FunctionalProperty, "functional"),
    (OWL.TransitiveProperty, "transitive"),
    (OWL.SymmetricProperty, "symmetric"),
)
_VOCABULARIES = {
    "prov": "PROV-O",
    "sem": "SEM",
    "org": "W3C ORG",
    "foaf": "FOAF",
    "schema": "schema.org",
    "time": "OWL-Time",
    "oa": "Web Annotation",
    "dcterms": "DC Terms",
    "skos": "SKOS",
}
_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #ccd;padding-bottom:.2rem;margin-top:2.5rem}
code{font-size:.92em;background:#f3f3f7;padding:0 .2em;border-radius:3px}
a{color:#1a4f9c;text-decoration:none}a:hover{text-decoration:underline}
section.term{border:1px solid #dde;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
section.term h3{margin:.1rem 0 .3rem}.kind{font-size:.8rem;color:#fff;background:#57a;
border-radius:3px;padding:.05rem .4rem;margin-left:.5rem;vertical-align:middle}
table{border-collapse:collapse;margin:.4rem 0}td,th{text-align:left;vertical-align:top;
padding:.15rem .8rem .15rem 0}th{color:#555;font-weight:600;white-space:nowrap}
.toc{columns:3;font-size:.92rem}.toc li{break-inside:avoid}.iri{color:#666;font-size:.85rem}
.external{font-style:italic}
"""


@dataclass(frozen=True)
class Term:
    """One ``kg:`` term: its IRI, local name, kind (section title) and label."""

    iri: URIRef
    name: str
    kind: str
    label: str


def _local(iri: Node) -> str:
    return str(iri)[len(KG_NAMESPACE) :]


def _text(graph: Graph, node: Node, prop: URIRef) -> str:
    values = sorted(graph.objects(node, prop), key=lambda v: getattr(v, "language", "") != "en")
    return str(values[0]) if values else ""


def terms(ontology: Graph) -> list[Term]:
    """Every term of the ``kg:`` namespace, by kind, then local name."""
    out = []
    for kind_iri, title, _ in _KINDS:
        for s in sorted(set(ontology.subjects(RDF.type, kind_iri)), key=str):
            if isinstance(s, URIRef) and str(s).startswith(KG_NAMESPACE):
                out.append(Term(s, _local(s), title, _text(ontology, s, RDFS.label)))
    return out


def _curie(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _ref(graph: Graph, node: Node) -> str:
    """A link to a term: within the page for ``kg:`` terms, to its IRI for the others."""
    if isinstance(node, URIRef):
        text = str(node)
        if text.startswith(KG_NAMESPACE):
            return f'<a href="#{escape(_local(node))}"><code>{escape(_curie(text))}</code></a>'
        return f'<a class="external" href="{escape(text)}"><code>{escape(_curie(text))}</code></a>'
    if isinstance(node, BNode):
        members = graph.value(node, OWL.unionOf)
        if members is not None:
            return " or ".join(_ref(graph, m) for m in Collection(graph, members))
    if isinstance(node, Literal):
        return f"<code>{escape(node.n3())}</code>"
    return escape(str(node))


def _refs(graph: Graph, nodes: Iterable[Node]) -> str:
    items = sorted(nodes, key=lambda n: (isinstance(n, BNode), _curie(str(n))))
    return ", ".join(_ref(graph, n) for n in items)


def _inherited(graph: Graph, node: URIRef, prop: URIRef) -> set[Node]:
    """External terms *node* is aligned with through its ``kg:`` ancestors (not directly)."""
    direct = set(graph.objects(node, prop))
    seen: set[Node] = set()
    todo = [p for p in direct if str(p).startswith(KG_NAMESPACE)]
    while todo:
        parent = todo.pop()
        for above in graph.objects(parent, prop):
            if above not in seen:
                seen.add(above)
                if str(above).startswith(KG_NAMESPACE):
                    todo.append(above)
    return {
        n for n in seen - direct if isinstance(n, URIRef) and not str(n).startswith(KG_NAMESPACE)
    }


def _declared(graph: Graph) -> str:
    """The external terms the ontology declares (so OWL tools know their kind), by vocabulary."""
    groups: dict[str, list[Node]] = {}
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for s in graph.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and not str(s).startswith(KG_NAMESPACE):
                prefix = _curie(str(s)).split(":", 1)[0]
                groups.setdefault(_VOCABULARIES.get(prefix, prefix), []).append(s)
    rows = "".join(
        f"<tr><th>{escape(vocab)}</th><td>{_refs(graph, set(nodes))}</td></tr>"
        for vocab, nodes in sorted(groups.items())
    )
    return f"<table>{rows}</table>"


def _rows(graph: Graph, term: Term) -> list[tuple[str, str]]:
    s = term.iri
    rows: list[tuple[str, str]] = []

    def add(label: str, nodes: Iterable[Node], default: str | None = None) -> None:
        found = list(nodes)
        if found:
            rows.append((label, _refs(graph, found)))
        elif default is not None:
            rows.append((label, default))

    if term.kind == "Classes":
        add("subclass of", graph.objects(s, RDFS.subClassOf), "—")
        add("aligned via superclasses", _inherited(graph, s, RDFS.subClassOf))
        add("subclasses", graph.subjects(RDFS.subClassOf, s))
        disjoint = set(graph.objects(s, OWL.disjointWith)) | set(
            graph.subjects(OWL.disjointWith, s)
        )
        add("disjoint with", disjoint)
        add("domain of", graph.subjects(RDFS.domain, s))
        add("range of", graph.subjects(RDFS.range, s))
        add("instances", (i for i in graph.subjects(RDF.type, s) if i != s))
    elif term.kind == "Individuals":
        add("type", (t for t in graph.objects(s, RDF.type) if t != OWL.NamedIndividual))
    else:
        add("subproperty of", graph.objects(s, RDFS.subPropertyOf), "—")
        add("aligned via superproperties", _inherited(graph, s, RDFS.subPropertyOf))
        add("domain", graph.objects(s, RDFS.domain), "— (any)")
        add("range", graph.objects(s, RDFS.range), "— (any)")
        traits = [name for cls, name in _CHARACTERISTICS if (s, RDF.type, cls) in graph]
        if (s, URIRef(KG_NAMESPACE + "singleValued"), Literal(True)) in graph:
            traits.append("single valued (kg:singleValued; values of sources may differ)")
        if traits:
            rows.append(("characteristics", escape(", ".join(traits))))
    return rows


def _section(graph: Graph, term: Term, kind_label: str) -> str:
    rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in _rows(graph, term))
    comment = escape(_text(graph, term.iri, RDFS.comment))
    return (
        f'<section id="{escape(term.name)}" class="term">\n'
        f"<h3>{escape(term.label or term.name)}<span class=kind>{kind_label}</span></h3>\n"
        f'<div class="iri"><code>kg:{escape(term.name)}</code> — {escape(str(term.iri))}</div>\n'
        f"<p>{comment}</p>\n<table>{rows}</table>\n</section>\n"
    )


def _alignments(graph: Graph, all_terms: list[Term]) -> str:
    rows = []
    for term in all_terms:
        for prop in (RDFS.subClassOf, RDFS.subPropertyOf):
            for target in sorted(graph.objects(term.iri, prop), key=str):
                text = str(target)
                if isinstance(target, URIRef) and not text.startswith(KG_NAMESPACE):
                    vocab = _VOCABULARIES.get(_curie(text).split(":", 1)[0], "other")
                    rows.append((vocab, term, _curie(prop), target))
    rows.sort(key=lambda r: (r[0], r[1].name, str(r[3])))
    body = "".join(
        f"<tr><td>{escape(v)}</td><td>{_ref(graph, t.iri)}</td><td><code>{p}</code></td>"
        f"<td>{_ref(graph, x)}</td></tr>"
        for v, t, p, x in rows
    )
    return (
        "<table><tr><th>vocabulary</th><th>term</th><th>relation</th><th>aligned with</th></tr>"
        f"{body}</table>"
    )


def render(ontology: Graph) -> str:
    """The documentation page of *ontology* (deterministic HTML)."""
    root = URIRef(KG_NAMESPACE.rstrip("#"))
    title = _text(ontology, root, RDFS.label) or "Ontology"
    all_terms = terms(ontology)
    parts = [
        "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n",
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
        "<!-- Generated by `kg docs` from ontology/kg.ttl. Do not edit by hand. -->\n",
        f"<h1>{escape(title)}</h1>\n",
        f'<div class="iri">{escape(str(root))} — namespace <code>kg:</code> = '
        f"<code>{escape(KG_NAMESPACE)}</code> — version "
        f"{escape(_text(ontology, root, OWL.versionInfo))}",
    ]
    license_ = ontology.value(root, URIRef("http://purl.org/dc/terms/license"))
    if license_ is not None:
        parts.append(f' — license <a href="{escape(str(license_))}">{escape(str(license_))}</a>')
    parts.append(f"</div>\n<p>{escape(_text(ontology, root, RDFS.comment))}</p>\n")
    parts.append("<p>Formats: <a href=../ontology/kg.ttl>Turtle</a>, JSON-LD context ")
    parts.append("<a href=../ontology/context.jsonld><code>context.jsonld</code></a>.</p>\n")
    parts.append("<h2 id=contents>Contents</h2>\n")
    for _, title_, _ in _KINDS:
        group = [t for t in all_terms if t.kind == title_]
        links = "".join(f'<li><a href="#{escape(t.name)}">{escape(t.name)}</a></li>' for t in group)
        parts.append(f"<h4>{title_} ({len(group)})</h4>\n<ul class=toc>{links}</ul>\n")
    parts.append('<h4><a href="#alignments">Alignments</a></h4>\n')
    for _, title_, kind_label in _KINDS:
        parts.append(f'<h2 id="{title_.lower().replace(" ", "-")}">{title_}</h2>\n')
        for term in (t for t in all_terms if t.kind == title_):
            parts.append(_section(ontology, term, kind_label))
    parts.append("<h2 id=alignments>Alignments with other vocabularies</h2>\n")
    parts.append(_alignments(ontology, all_terms))
    parts.append("\n<h3 id=declared>External terms declared by the ontology</h3>\n")
    parts.append(
        "<p>Declared with their OWL kind (no <code>owl:imports</code>, so nothing is fetched); "
        "OWL-Time is declared for alignment, while event dates are SEM time stamps.</p>\n"
    )
    parts.append(_declared(ontology))
    parts.append("\n<h2 id=prefixes>Prefixes</h2>\n<table>")
    for prefix, namespace in PREFIXES.items():
        parts.append(f"<tr><th>{prefix}:</th><td><code>{escape(namespace)}</code></td></tr>")
    parts.append("</table>\n</body>\n</html>\n")
    return "".join(parts)


def generated_files(project: Project) -> dict[Path, bytes]:
    """What ``kg docs`` writes, generated from ``ontology/kg.ttl``: the documentation page and
    the JSON-LD context."""
    ontology = load_graph(project.ontology_path)
    return {
        project.ontology_docs_path: render(ontology).encode("utf-8"),
        project.context_path: context_document(ontology),
    }


def write_generated(project: Project) -> list[Path]:
    """Write :func:`generated_files` atomically (creating ``docs/``); return their paths."""
    files = generated_files(project)
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(data, path)
    return list(files)
