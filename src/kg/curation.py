"""Stage 2a — curation: the human-reviewed annotation files under ``data/curation/``.

Two kinds of YAML file (see ``data/curation/README.md`` for the full format):

``entities*.yaml``
    The entity registry: ``kind/slug`` → type(s), canonical label, surface forms.
``<source stem>.yaml``
    The claims one source makes: each a verbatim ``quote`` and the facts it supports.

Takes file paths, returns :class:`EntityRecord` and :class:`Claim` objects. Nothing here reads the
sources or the ontology; quotes are located by :mod:`kg.mentions`, values typed by
:mod:`kg.statements`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.iris import ENTITY_ID
from kg.yamlio import load_yaml

__all__ = [
    "NO_FACTS_FILE",
    "Claim",
    "Curation",
    "EntityRecord",
    "load_curation",
    "parse_claims",
    "parse_entities",
]

Scalar = str | int | float | bool

#: The allow-list of sentences that state no fact (read by :mod:`kg.coverage`, not a claims file).
NO_FACTS_FILE = "no-facts.yaml"
_ENTITY_KEYS = {"type", "label", "forms", "note"}
_CLAIM_KEYS = {"quote", "occurrence", "subject", "facts", "note"}
_OPTION_KEYS = {"qualifier", "inferred", "note"}


@dataclass(frozen=True)
class EntityRecord:
    """One curated entity.

    >>> e = EntityRecord("person/martin-kobler", ("Person",), "Martin Kobler", ("Kobler",))
    >>> e.label, e.forms
    ('Martin Kobler', ('Kobler',))
    """

    id: str
    types: tuple[str, ...]
    label: str
    forms: tuple[str, ...] = ()
    note: str | None = None
    candidate: bool = False  # proposed by automatic extraction, not curated (kg:isCandidate)

    def __post_init__(self) -> None:
        if not ENTITY_ID.match(self.id):
            raise KgError(
                f"bad entity id {self.id!r}: expected kind/slug, e.g. person/martin-kobler"
            )
        if not self.types or not self.label.strip():
            raise KgError(f"entity {self.id}: needs a type and a label")


@dataclass(frozen=True)
class Claim:
    """One fact a source supports with one passage.

    ``value`` is the raw value as curated (an entity id, a number, a date string, text); it is
    typed against the ontology when statements are made.
    """

    where: str
    source: str
    quote: str
    occurrence: int | None
    subject: str
    predicate: str
    value: Scalar
    qualifier: str | None = None
    inferred: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Curation:
    """Everything under ``data/curation/``."""

    entities: dict[str, EntityRecord]
    claims: tuple[Claim, ...]


def _entity(entity_id: str, body: Any, where: str) -> EntityRecord:
    if not isinstance(body, dict) or not set(body) <= _ENTITY_KEYS:
        raise KgError(f"{where}: entity {entity_id}: expected keys {sorted(_ENTITY_KEYS)}")
    types = body.get("type")
    type_list = [types] if isinstance(types, str) else types
    forms = body.get("forms") or []
    if not isinstance(type_list, list) or not all(isinstance(t, str) for t in type_list):
        raise KgError(f"{where}: entity {entity_id}: 'type' must be a class name or a list of them")
    if not isinstance(forms, list) or not all(isinstance(f, str) and f for f in forms):
        raise KgError(f"{where}: entity {entity_id}: 'forms' must be a list of strings")
    try:
        return EntityRecord(
            entity_id, tuple(type_list), str(body.get("label", "")), tuple(forms), body.get("note")
        )
    except KgError as exc:
        raise KgError(f"{where}: {exc}") from None


def parse_entities(text: str, name: str) -> dict[str, EntityRecord]:
    """Parse an entity registry file.

    >>> sorted(parse_entities("place/camp-ashraf: {type: Camp, label: Camp Ashraf}", "e.yaml"))
    ['place/camp-ashraf']
    """
    data = load_yaml(text, name) or {}
    if not isinstance(data, dict):
        raise KgError(f"{name}: expected a mapping of entity ids to entities")
    return {str(k): _entity(str(k), v, f"{name}") for k, v in data.items()}


def _options(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or not set(raw) <= _OPTION_KEYS:
        raise KgError(f"{where}: fact options must be a mapping with keys {sorted(_OPTION_KEYS)}")
    if "inferred" in raw and not isinstance(raw["inferred"], bool):
        raise KgError(f"{where}: 'inferred' must be true or false")
    return raw


def _fact(raw: Any, subject: str | None, where: str) -> tuple[str, str, Scalar, dict[str, Any]]:
    if not isinstance(raw, list) or not 2 <= len(raw) <= 4:
        raise KgError(f"{where}: a fact is [predicate, value] or [subject, predicate, value]")
    options: dict[str, Any] = {}
    if isinstance(raw[-1], dict):
        options = _options(raw[-1], where)
        raw = raw[:-1]
    if len(raw) == 2:
        if subject is None:
            raise KgError(f"{where}: fact {raw} has no subject (add 'subject:' to the claim)")
        raw = [subject, *raw]
    if len(raw) != 3:
        raise KgError(f"{where}: a fact is [predicate, value] or [subject, predicate, value]")
    s, p, v = raw
    if not isinstance(s, str) or not isinstance(p, str) or not isinstance(v, str | int | float):
        raise KgError(f"{where}: bad fact {raw}")
    return s, p, v, options


def _claims_of(item: Any, source: str, where: str) -> Iterable[Claim]:
    if not isinstance(item, dict) or not set(item) <= _CLAIM_KEYS or "quote" not in item:
        raise KgError(
            f"{where}: a claim needs 'quote' and 'facts' (allowed: {sorted(_CLAIM_KEYS)})"
        )
    quote, occurrence, subject = item["quote"], item.get("occurrence"), item.get("subject")
    if not isinstance(quote, str) or not quote.strip():
        raise KgError(f"{where}: 'quote' must be non-empty text")
    if occurrence is not None and (not isinstance(occurrence, int) or occurrence < 1):
        raise KgError(f"{where}: 'occurrence' must be a whole number from 1")
    facts = item.get("facts")
    if not isinstance(facts, list) or not facts:
        raise KgError(f"{where}: 'facts' must be a non-empty list")
    for raw in facts:
        s, p, v, opts = _fact(raw, subject, where)
        yield Claim(
            where=where,
            source=source,
            quote=quote,
            occurrence=occurrence,
            subject=s,
            predicate=p,
            value=v,
            qualifier=opts.get("qualifier"),
            inferred=bool(opts.get("inferred", False)),
            note=opts.get("note"),
        )


def parse_claims(text: str, name: str) -> tuple[Claim, ...]:
    """Parse a claims file: ``source:`` (a file name under data/sources/) and ``claims:``.

    >>> doc = '''
    ... source: a.txt
    ... claims:
    ...   - quote: 11 killed
    ...     subject: event/x
    ...     facts: [[fatalities, 11]]
    ... '''
    >>> [(c.subject, c.predicate, c.value) for c in parse_claims(doc, "a.yaml")]
    [('event/x', 'fatalities', 11)]
    """
    data = load_yaml(text, name)
    if not isinstance(data, dict) or set(data) != {"source", "claims"}:
        raise KgError(f"{name}: expected exactly the keys 'source' and 'claims'")
    source, items = data["source"], data["claims"] or []
    if not isinstance(items, list):
        raise KgError(f"{name}: 'claims' must be a list")
    out: list[Claim] = []
    for i, item in enumerate(items, 1):
        out.extend(_claims_of(item, str(source), f"{name} claim {i}"))
    return tuple(out)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: cannot read: {exc}") from None


def load_curation(directory: Path) -> Curation:
    """Load the registry (``entities*.yaml``) and every claims file of *directory*."""
    if not directory.is_dir():
        raise KgError(f"{directory}: curation folder not found")
    entities: dict[str, EntityRecord] = {}
    claims: list[Claim] = []
    for path in sorted(directory.glob("*.yaml")):
        rel = f"{directory.name}/{path.name}"
        if path.name == NO_FACTS_FILE:
            continue
        if path.name.startswith("entities"):
            for entity_id, record in parse_entities(_read(path), rel).items():
                if entity_id in entities:
                    raise KgError(f"{rel}: entity {entity_id} is defined twice")
                entities[entity_id] = record
        else:
            claims.extend(parse_claims(_read(path), rel))
    return Curation(entities, tuple(claims))
