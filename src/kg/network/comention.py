"""The co-mention projection: entities named in the same sentence.

A mention is the evidence of a ``skos:altLabel`` statement — one occurrence of one of the
entity's names in a source (method: surface-form match). Sentences come from the splitter of
:mod:`kg.coverage`. Two entities are tied when one sentence mentions both; the edge's ``weight``
is the number of such sentences, ``sentences`` holds them as
:class:`~kg.network.facts.Passage` records and ``evidence`` the mentions inside them.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.errors import KgError
from kg.namespaces import KG, SKOS
from kg.network._edges import EdgeBuilder, Link
from kg.network.facts import Fact, Facts, Passage
from kg.network.filters import restrict

__all__ = ["co_mention_graph"]


def _class_filter(facts: Facts, classes: Iterable[str] | None) -> frozenset[str] | None:
    if classes is None:
        return None
    out = set()
    for name in classes:
        iri = name if "://" in name else str(KG._NS) + name
        if iri not in facts.superclasses:
            raise KgError(f"unknown class {name!r} (a class of ontology/kg.ttl, e.g. Actor)")
        out.add(iri)
    return frozenset(out)


def _sentence_of(sentences: tuple[Passage, ...], starts: list[int], offset: int) -> Passage | None:
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < sentences[i].end:
        return sentences[i]
    return None


def co_mention_graph(
    facts: Facts,
    *,
    classes: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
    methods: Iterable[str] | None = None,
) -> nx.Graph:
    """Entities tied by the sentences that name them together.

    Parameters
    ----------
    facts : Facts
        The index of the built graph, read with its source texts (:func:`~kg.network.load_facts`).
    classes : iterable of str, optional
        Keep entities of these classes only (``["Actor"]``); default all named entities.
    sources, methods
        Evidence filters, as in :func:`~kg.network.restrict`.

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> from kg.network import load_facts
    >>> G = co_mention_graph(load_facts(), classes=["Actor"])
    >>> u, v = "https://kg.example.org/id/org/mek", "https://kg.example.org/id/org/iranian-regime"
    >>> G.edges[u, v]["weight"] > 1
    True
    >>> print(G.edges[u, v]["sentences"][0].quote[:35])
    Eventually the mullahs, scared that
    """
    if not facts.sentences:
        raise KgError("co-mention needs the source texts: read the graph with its project")
    wanted = _class_filter(facts, classes)
    facts = restrict(facts, sources=sources, methods=methods)
    starts = {name: [s.start for s in spans] for name, spans in facts.sentences.items()}
    by_sentence: dict[Passage, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts.facts.values():
        if fact.predicate != str(SKOS.altLabel):
            continue
        if wanted is not None and wanted.isdisjoint(facts.classes(fact.subject)):
            continue
        for ev in fact.evidence:
            spans = facts.sentences.get(ev.source, ())
            sentence = _sentence_of(spans, starts.get(ev.source, []), ev.start)
            if sentence is not None:
                single = dataclasses.replace(fact, evidence=(ev,))
                by_sentence[sentence][fact.subject].append(single)
    builder = EdgeBuilder()
    for sentence, entities in by_sentence.items():
        via = f"{sentence.source}:{sentence.start}-{sentence.end}"
        names = sorted(entities)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                link = Link("co-mention", via, a, b)
                builder.add(link, entities[a] + entities[b], passages=(sentence,))
    return builder.build(facts, name="mentions")
