"""kg.namespaces: the KG namespace class lists exactly the ontology's terms."""

from __future__ import annotations

from rdflib import URIRef

from kg.namespaces import KG, KG_NAMESPACE
from kg.project import Project
from kg.validate import load_graph


def test_kg_namespace_matches_the_ontology(project: Project) -> None:
    graph = load_graph(project.ontology_path)
    in_ontology = {
        str(s)[len(KG_NAMESPACE) :]
        for s in graph.subjects()
        if isinstance(s, URIRef) and str(s).startswith(KG_NAMESPACE)
    }
    in_class = {name for name in KG.__annotations__}
    assert in_class == in_ontology


def test_every_ontology_term_has_label_and_comment(project: Project) -> None:
    from rdflib.namespace import RDFS

    graph = load_graph(project.ontology_path)
    for name in KG.__annotations__:
        term = URIRef(KG_NAMESPACE + name)
        assert graph.value(term, RDFS.label) is not None, name
        assert graph.value(term, RDFS.comment) is not None, name
