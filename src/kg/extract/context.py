"""What the rules know of one document besides its sentences: names, new nodes, the registry.

Takes the entity index (the registry), the ontology signature and a document's names; gives the
extractor a :class:`DocContext`: the types of every entity (registry, candidates, new nodes), the
facts found so far, and what the registry implies for reading a text — which government acts for
a country ("Iraq banned visits"), which country a government is ("travelled from the US"), which
group are a camp's residents ("the residents" of Camp Liberty), what nationality adjectives name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.extract.lexicon import Demonyms
from kg.extract.linking import EntityIndex, EntityMention
from kg.extract.names import Names
from kg.extract.signature import Signature
from kg.extract.text import Sentence
from kg.extract.view import AutoFact, Node

__all__ = ["DocContext", "government_of", "residents_of"]


def government_of(index: EntityIndex, signature: Signature) -> dict[str, str]:
    """Country → the one Government entity whose names contain the country's name.

    Used where a text names a country as an actor ("signed an agreement with Iraq").
    """
    governments = [r for r in index.records.values() if signature.is_a(r.types, "Government")]
    out: dict[str, str] = {}
    for record in index.records.values():
        if not signature.is_a(record.types, "Country"):
            continue
        word = re.compile(rf"\b{re.escape(record.label)}\b")
        owners = [g.id for g in governments if any(word.search(n) for n in (g.label, *g.forms))]
        if len(owners) == 1:
            out[record.id] = owners[0]
    return out


def residents_of(index: EntityIndex, signature: Signature) -> dict[str, str]:
    """Camp → the group a registry name calls "<camp> residents" ("Ashraf residents")."""
    out: dict[str, str] = {}
    for record in index.records.values():
        if not signature.is_a(record.types, "Group"):
            continue
        for name in (record.label, *record.forms):
            head = re.fullmatch(r"(.+?)(?:[’']s)?\s+residents", name)
            found = index.find(head.group(1)) if head else []
            if len(found) == 1 and signature.is_a(index.types(found[0].entity), "Camp"):
                out.setdefault(found[0].entity, record.id)
    return out


class DocContext:
    """Per-document state: the names, the new nodes, the facts, and the registry's implications."""

    def __init__(self, text: str, names: Names, index: EntityIndex, signature: Signature) -> None:
        self.text, self.names, self.index, self.signature = text, names, index, signature
        self.nodes: dict[str, Node] = {}
        self.facts: list[AutoFact] = []
        self.governments = government_of(index, signature)
        self.countries = {government: country for country, government in self.governments.items()}
        self.residents = residents_of(index, signature)
        self.homes = {group: camp for camp, group in self.residents.items()}
        self.demonyms = Demonyms(index)

    def state_of(self, adjective: str) -> str | None:
        """The government of the country *adjective* names ("Iraqi" → the Iraqi government)."""
        return self.governments.get(self.demonyms.place(adjective) or "")

    def types(self, entity: str) -> tuple[str, ...]:
        if entity in self.nodes:
            return self.nodes[entity].types
        if entity in self.names.candidates:
            return self.names.candidates[entity].types
        return self.index.types(entity)

    def actor(self, m: EntityMention) -> str | None:
        """The entity that acts when the text names *m*: itself, or a country's government."""
        if self.signature.is_a(self.types(m.entity), "Actor"):
            return m.entity
        return self.governments.get(m.entity)

    def add(self, items: Iterable[Node | AutoFact]) -> None:
        for item in items:
            if isinstance(item, Node):
                self.nodes.setdefault(item.id, item)
            else:
                self.facts.append(item)

    def mentions_in(self, sentence: Sentence) -> tuple[EntityMention, ...]:
        return tuple(
            m for m in self.names.mentions if sentence.start <= m.start and m.end <= sentence.end
        )

    def is_entity(self, value: object) -> bool:
        return isinstance(value, str) and (
            value in self.nodes
            or ("/" in value and (value in self.index.records or value in self.names.candidates))
        )

    def fits(self, fact: AutoFact) -> bool:
        """Whether *fact* respects the ontology's domain and range of its predicate."""
        object_types = self.types(str(fact.value)) if self.is_entity(fact.value) else None
        return self.signature.fits(fact.predicate, self.types(fact.subject), object_types)
