"""Projections of the knowledge graph onto networkx graphs of actors and events.

Every function takes a :class:`~kg.network.facts.Facts` index first and returns an undirected
:class:`networkx.Graph` whose nodes are entity IRIs (strings) carrying ``label``, ``iri``, ``id``,
``class``, ``kind`` and ``names``, and whose edges carry ``weight`` and the statements, evidence
and sources behind them (see :mod:`kg.network._edges`). Filters are keywords, applied through
:func:`~kg.network.filters.restrict` before projecting.

What an edge of the **actor graph** means — two actors are tied through one occurrence by:

=====================  ===========================================================================
relation               meaning
=====================  ===========================================================================
co-perpetrator         both are perpetrators (``kg:perpetrator``) of one event
perpetrator-target     one perpetrated an event the other was a target of (``kg:target``)
orderer-perpetrator    one ordered (``kg:orderedBy``) an event the other perpetrated
co-participant         both took part (``kg:participant``) in one event
transfer               responsibility passed from one to the other (``kg:transferredFrom/To``)
co-party               both are parties, signatories or principals of one agreement
speaker-subject        one made a statement (``kg:statedBy``) about the other (``kg:about``)
position               one held a post (``kg:heldPosition``) in the other (``kg:inOrganisation``)
direct                 a fact links them directly (``kg:memberOf``, ``kg:proxyOf``, ``kg:ledBy`` …)
=====================  ===========================================================================

An edge's ``weight`` is the number of distinct occurrences (events, agreements, speech acts,
posts; for ``direct`` links, facts) that tie the pair.

>>> from kg.network import load_facts
>>> G = actor_graph(load_facts())
>>> G.nodes["https://kg.example.org/id/org/mek"]["label"]
'MEK'
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.errors import KgError
from kg.namespaces import KG
from kg.network._edges import EdgeBuilder, Link
from kg.network.facts import Fact, Facts, local_name
from kg.network.filters import restrict

__all__ = [
    "ACTOR_RELATIONS",
    "Projection",
    "actor_event_graph",
    "actor_graph",
    "project",
]

_PARTIES = (KG.party, KG.signatory, KG.signedOnBehalfOf)

#: Relation name → (predicates of one end, predicates of the other, what it means).
ACTOR_RELATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "co-perpetrator": ((KG.perpetrator,), (KG.perpetrator,), "perpetrators of one event"),
    "perpetrator-target": ((KG.perpetrator,), (KG.target,), "perpetrator and target of an event"),
    "orderer-perpetrator": ((KG.orderedBy,), (KG.perpetrator,), "who ordered and who carried out"),
    "co-participant": ((KG.participant,), (KG.participant,), "participants of one event"),
    "transfer": ((KG.transferredFrom,), (KG.transferredTo,), "responsibility passed on"),
    "co-party": (_PARTIES, _PARTIES, "parties or signatories of one agreement"),
    "speaker-subject": ((KG.statedBy,), (KG.about,), "speaker and subject of a statement"),
    "position": ((KG.heldPosition,), (KG.inOrganisation,), "a post held in an organisation"),
    "direct": ((), (), "a fact between two actors (memberOf, proxyOf, ledBy, supportedBy, …)"),
}


class Projection(enum.Enum):
    """The projections :func:`project` builds, by their CLI names."""

    ACTORS = "actors"
    ACTOR_EVENT = "actor-event"
    MENTIONS = "mentions"
    ENTITIES = "entities"

    @classmethod
    def parse(cls, name: str | Projection) -> Projection:
        try:
            return cls(name)
        except ValueError:
            choices = ", ".join(p.value for p in cls)
            raise KgError(f"unknown projection {name!r}; choose one of {choices}") from None


def _relations(names: Iterable[str] | None) -> list[str]:
    chosen = list(ACTOR_RELATIONS) if names is None else list(names)
    unknown = [n for n in chosen if n not in ACTOR_RELATIONS]
    if unknown:
        raise KgError(f"unknown relation {unknown[0]!r}; choose from {', '.join(ACTOR_RELATIONS)}")
    return chosen


def _roles(facts: Facts) -> dict[str, dict[str, list[Fact]]]:
    """Occurrence → predicate → facts whose object is an actor."""
    out: dict[str, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts.facts.values():
        if isinstance(fact.object, str) and facts.is_actor(fact.object):
            out[fact.subject][fact.predicate].append(fact)
    return out


def _role_links(
    facts: Facts, builder: EdgeBuilder, relation: str, roles: dict[str, dict[str, list[Fact]]]
) -> None:
    left_terms, right_terms, _ = ACTOR_RELATIONS[relation]
    symmetric = left_terms == right_terms
    left, right = [str(p) for p in left_terms], [str(p) for p in right_terms]
    for via, by_predicate in roles.items():
        ones = [f for p in left for f in by_predicate.get(p, ())]
        others = [f for p in right for f in by_predicate.get(p, ())]
        for a in ones:
            for b in others:
                u, v = str(a.object), str(b.object)
                if symmetric and u >= v:
                    continue
                builder.add(Link(relation, via, u, v), (a, b))


def _position_links(facts: Facts, builder: EdgeBuilder) -> None:
    for fact in facts.facts.values():
        if fact.predicate != str(KG.heldPosition) or not isinstance(fact.object, str):
            continue
        if not facts.is_actor(fact.subject):
            continue
        for org in facts.objects(fact.object, KG.inOrganisation):
            if isinstance(org.object, str) and facts.is_actor(org.object):
                builder.add(Link("position", fact.object, fact.subject, org.object), (fact, org))


def actor_graph(
    facts: Facts,
    *,
    relations: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
    methods: Iterable[str] | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    event_types: Iterable[str] | None = None,
) -> nx.Graph:
    """Actors tied through the events, agreements and statements they share.

    Parameters
    ----------
    facts : Facts
        The index of the built graph (:func:`~kg.network.load_facts`).
    relations : iterable of str, optional
        Which kinds of tie to draw (keys of :data:`ACTOR_RELATIONS`); default all.
    sources, methods, start, end, event_types
        Filters, as in :func:`~kg.network.restrict`.

    Returns
    -------
    networkx.Graph
        Actors with at least one tie; edges as described in the module docstring.

    Examples
    --------
    >>> from kg.network import load_facts
    >>> G = actor_graph(load_facts(), relations=["orderer-perpetrator"])
    >>> edge = G.edges["https://kg.example.org/id/person/nouri-al-maliki",
    ...                "https://kg.example.org/id/org/iraqi-army"]
    >>> edge["relations"], edge["weight"] >= 1, "001_dd6600ad609501c8.txt" in edge["sources"]
    (('orderer-perpetrator',), True, True)
    """
    chosen = _relations(relations)
    facts = restrict(
        facts, sources=sources, methods=methods, start=start, end=end, event_types=event_types
    )
    builder = EdgeBuilder()
    roles = _roles(facts)
    for relation in chosen:
        if relation == "position":
            _position_links(facts, builder)
        elif relation == "direct":
            for fact in facts.facts.values():
                o = fact.object
                if isinstance(o, str) and facts.is_actor(fact.subject) and facts.is_actor(o):
                    builder.add(Link("direct", fact.statement, fact.subject, o), (fact,))
        else:
            _role_links(facts, builder, relation, roles)
    return builder.build(facts, name="actors")


def actor_event_graph(
    facts: Facts,
    *,
    roles: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
    methods: Iterable[str] | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    event_types: Iterable[str] | None = None,
) -> nx.Graph:
    """The bipartite graph of actors and the events and agreements they have a role in.

    An edge ties an actor to an event or agreement when a fact gives the actor a role in it
    (``kg:perpetrator``, ``kg:target``, ``kg:participant``, ``kg:statedBy``, ``kg:party`` …); its
    ``relations`` are those roles and its ``weight`` the number of role facts. Nodes carry
    ``bipartite`` = 0 (actors) or 1 (events and agreements), as :mod:`networkx.algorithms.bipartite`
    expects.

    Parameters
    ----------
    facts : Facts
    roles : iterable of str, optional
        Role properties to keep, by local name (``"perpetrator"``); default all.
    sources, methods, start, end, event_types
        Filters, as in :func:`~kg.network.restrict`.

    Examples
    --------
    >>> from kg.network import load_facts
    >>> B = actor_event_graph(load_facts(), roles=["perpetrator"])
    >>> attack = "https://kg.example.org/id/event/attack-ashraf-2009-07"
    >>> B.nodes[attack]["bipartite"], "https://kg.example.org/id/org/iraqi-army" in B[attack]
    (1, True)
    """
    keep = None if roles is None else set(roles)
    facts = restrict(
        facts, sources=sources, methods=methods, start=start, end=end, event_types=event_types
    )
    builder = EdgeBuilder()
    for fact in facts.facts.values():
        role, o = local_name(fact.predicate), fact.object
        if not isinstance(o, str) or (keep is not None and role not in keep):
            continue
        for actor, occurrence in ((o, fact.subject), (fact.subject, o)):
            if facts.is_actor(actor) and _is_event_or_agreement(facts, occurrence):
                builder.add(Link(role, fact.statement, actor, occurrence), (fact,))
    graph = builder.build(facts, name="actor-event")
    for node, data in graph.nodes(data=True):
        data["bipartite"] = 0 if facts.is_actor(node) else 1
    return graph


def _is_event_or_agreement(facts: Facts, node: str) -> bool:
    return facts.is_a(node, KG.Event) or facts.is_a(node, KG.Agreement)


def project(
    facts: Facts,
    projection: Projection | str = Projection.ACTORS,
    *,
    sources: Iterable[str] | None = None,
    methods: Iterable[str] | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    event_types: Iterable[str] | None = None,
) -> nx.Graph:
    """The projection named *projection* (``actors``, ``actor-event``, ``mentions``,
    ``entities``) with default options and the given filters.

    Examples
    --------
    >>> from kg.network import load_facts
    >>> project(load_facts(), "actors", sources=["002"]).name
    'actors'
    """
    from kg.network.comention import co_mention_graph
    from kg.network.rawgraph import entity_graph

    kind = Projection.parse(projection)
    if kind is Projection.MENTIONS:
        if start is not None or end is not None or event_types is not None:
            raise KgError("the mentions projection cannot be filtered by time or event type")
        return co_mention_graph(facts, sources=sources, methods=methods)
    if kind is Projection.ENTITIES:
        return entity_graph(
            facts, sources=sources, methods=methods, start=start, end=end, event_types=event_types
        )
    builder = actor_graph if kind is Projection.ACTORS else actor_event_graph
    return builder(
        facts, sources=sources, methods=methods, start=start, end=end, event_types=event_types
    )
