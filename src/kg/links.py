"""External identifiers: links from curated entities to Wikidata, DBpedia and Wikipedia.

Takes ``data/links.yaml``; returns :class:`Link` objects and adds them to the graph. A link is
published only when a person checked it, and the file records who checked it, when and how: a
link that merely looks right (same name) is exactly the kind of guess this graph refuses to make.
The file format::

    links:
      - entity: place/camp-ashraf
        target: https://www.wikidata.org/entity/Q…
        checked_by: A. Curator
        checked_on: 2026-11-21
        how: compared the Wikidata item's coordinates, aliases and history with the sources

A Wikidata or DBpedia target becomes ``skos:exactMatch``, a Wikipedia article
``foaf:isPrimaryTopicOf``; the check record stays in the file (it is about the link, not the
world). Every entity must exist in the registry, every field must be filled.

>>> link = parse_links({"links": [{"entity": "org/mek",
...     "target": "https://www.wikidata.org/entity/Q1", "checked_by": "me",
...     "checked_on": "2026-11-21", "how": "read it"}]}, "links.yaml")[0]
>>> link.predicate
rdflib.term.URIRef('http://www.w3.org/2004/02/skos/core#exactMatch')
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from kg.errors import KgError
from kg.iris import ENTITY_ID, IriMinter
from kg.namespaces import FOAF, SKOS
from kg.yamlio import load_yaml

__all__ = ["Link", "add_links", "load_links", "parse_links"]

#: Allowed targets, each with the property that links to it.
_TARGETS: tuple[tuple[re.Pattern[str], URIRef], ...] = (
    (re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$"), SKOS.exactMatch),
    (re.compile(r"^https://www\.wikidata\.org/entity/Q[1-9][0-9]*$"), SKOS.exactMatch),
    (re.compile(r"^https?://dbpedia\.org/resource/\S+$"), SKOS.exactMatch),
    (re.compile(r"^https://[a-z]{2,3}\.wikipedia\.org/wiki/\S+$"), FOAF.isPrimaryTopicOf),
)
_KEYS = ("entity", "target", "checked_by", "checked_on", "how")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Link:
    """One checked link from a curated entity to an external resource."""

    entity: str
    target: str
    checked_by: str
    checked_on: str
    how: str

    @property
    def predicate(self) -> URIRef:
        for pattern, predicate in _TARGETS:
            if pattern.match(self.target):
                return predicate
        raise KgError(f"{self.entity}: unsupported link target {self.target!r}")


def _parse_one(entry: Any, where: str) -> Link:
    if not isinstance(entry, dict) or set(entry) != set(_KEYS):
        raise KgError(f"{where}: a link needs exactly the keys {', '.join(_KEYS)}")
    values = {k: str(entry[k]).strip() for k in _KEYS}
    if not all(values.values()):
        raise KgError(f"{where}: empty field in link of {values['entity']!r}")
    if not ENTITY_ID.match(values["entity"]):
        raise KgError(f"{where}: bad entity id {values['entity']!r}")
    if not _DATE.match(values["checked_on"]):
        raise KgError(f"{where}: checked_on must be a date YYYY-MM-DD: {values['checked_on']!r}")
    link = Link(**values)
    if not any(p.match(link.target) for p, _ in _TARGETS):
        raise KgError(
            f"{where}: {link.entity}: target {link.target!r} is not a Wikidata entity, "
            "DBpedia resource or Wikipedia article IRI"
        )
    return link


def parse_links(data: Any, name: str) -> list[Link]:
    """The links of a parsed ``links.yaml`` document (*name* is used in error messages)."""
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) != {"links"}:
        raise KgError(f"{name}: expected one key 'links' holding a list")
    entries = data["links"] or []
    if not isinstance(entries, list):
        raise KgError(f"{name}: 'links' must be a list")
    links = [_parse_one(entry, f"{name}: link {i + 1}") for i, entry in enumerate(entries)]
    seen: set[tuple[str, str]] = set()
    for link in links:
        if (link.entity, link.target) in seen:
            raise KgError(f"{name}: duplicate link {link.entity} → {link.target}")
        seen.add((link.entity, link.target))
    return links


def load_links(path: Path, entities: Collection[str] | None = None) -> list[Link]:
    """Read *path* (a missing file means no links); check entities against *entities*."""
    if not path.is_file():
        return []
    links = parse_links(load_yaml(path.read_text(encoding="utf-8"), str(path)), str(path))
    for link in links:
        if entities is not None and link.entity not in entities:
            raise KgError(f"{path}: unknown entity {link.entity!r}")
    return links


def add_links(graph: Graph, links: Iterable[Link], minter: IriMinter) -> None:
    """Add one triple per link to *graph*."""
    for link in links:
        graph.add((minter.entity(link.entity), link.predicate, URIRef(link.target)))
