"""The machine-written claims files: ``data/extracted/<source stem>.yaml``.

``kg ingest`` writes one file per ingested document; ``kg build`` reads them next to the curation
files. The format is the curation format's, plus what automatic claims must say: where the quote
starts, and per fact the rule that made it and its confidence. One fact per line, so a re-ingest is
a readable diff::

    # Written by `kg ingest`: automatic claims of one source. Do not edit; curate instead.
    source: liberty-attack_3f9a0c2e1b7d4a55.txt
    origin: liberty-attack.html
    sha256: 3f9a…
    method: pattern rule
    entities:
      event/attack-5e1f2a9c03: {type: Attack, label: "Attack (automatic)"}
    claims:
      - quote: "On 29 October 2015, rockets hit Camp Hurriya, killing 24 residents."
        start: 1234
        facts:
          - ["event/attack-5e1f2a9c03", "fatalities", 24, {rule: "casualty-killing", …}]

Every entity listed here is a candidate (``kg:isCandidate true``); a curated entity with the same id
wins over it.

>>> ex = parse_extraction(to_yaml(Extraction("a.txt", "a.html", "0" * 64, (), ())), "a.yaml")
>>> ex.source, ex.origin, ex.claims
('a.txt', 'a.html', ())
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg._version import __version__
from kg.curation import EntityRecord
from kg.errors import KgError
from kg.yamlio import load_yaml

__all__ = [
    "METHODS",
    "AutoClaim",
    "Extraction",
    "load_extractions",
    "merge_candidates",
    "parse_extraction",
    "to_yaml",
]

#: Automatic extraction methods (the values of :class:`kg.statements.Method` they map to).
METHODS = ("pattern rule", "statistical model")
_TOP_KEYS = {"source", "origin", "sha256", "method", "software", "entities", "claims"}


@dataclass(frozen=True)
class AutoClaim:
    """One automatic fact and its passage (``text[start:start+len(quote)]``)."""

    where: str
    source: str
    quote: str
    start: int
    subject: str
    predicate: str
    value: str | int | bool
    rule: str
    confidence: float
    method: str = "pattern rule"
    qualifier: str | None = None

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise KgError(f"{self.where}: method must be one of {list(METHODS)}")
        if not 0.0 <= self.confidence <= 1.0:
            raise KgError(f"{self.where}: confidence must be between 0 and 1")


@dataclass(frozen=True)
class Extraction:
    """The automatic claims of one source document and the candidate entities they use."""

    source: str
    origin: str
    sha256: str
    entities: tuple[EntityRecord, ...]
    claims: tuple[AutoClaim, ...]


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def to_yaml(extraction: Extraction) -> str:
    """The file text: deterministic, every string quoted, one fact per line."""
    lines = [
        "# Written by `kg ingest`: automatic claims of one source document. Do not edit by hand:",
        "# to correct a fact, curate the source in data/curation/ (curated statements win).",
        f"source: {_q(extraction.source)}",
        f"origin: {_q(extraction.origin)}",
        f"sha256: {_q(extraction.sha256)}",
        f"software: {_q('kg ' + __version__)}",
        f"method: {_q('pattern rule')}",
        "entities:" + ("" if extraction.entities else " {}"),
    ]
    for e in sorted(extraction.entities, key=lambda e: e.id):
        types = e.types[0] if len(e.types) == 1 else list(e.types)
        lines.append(
            f"  {e.id}: {{type: {_q(types)}, label: {_q(e.label)}, forms: {_q(list(e.forms))}}}"
        )
    lines.append("claims:" + ("" if extraction.claims else " []"))
    groups: dict[tuple[int, str], list[AutoClaim]] = {}
    for claim in extraction.claims:
        groups.setdefault((claim.start, claim.quote), []).append(claim)
    for (start, quote), claims in sorted(groups.items()):
        lines.append(f"  - quote: {_q(quote)}")
        lines.append(f"    start: {start}")
        lines.append("    facts:")
        for c in claims:
            options = f"rule: {_q(c.rule)}, confidence: {c.confidence:.2f}"
            if c.method != "pattern rule":
                options += f", method: {_q(c.method)}"
            if c.qualifier:
                options += f", qualifier: {_q(c.qualifier)}"
            lines.append(
                f"      - [{_q(c.subject)}, {_q(c.predicate)}, {_q(c.value)}, {{{options}}}]"
            )
    return "\n".join(lines) + "\n"


def _entities(raw: Any, name: str) -> tuple[EntityRecord, ...]:
    if not isinstance(raw, dict):
        raise KgError(f"{name}: 'entities' must be a mapping")
    out = []
    for entity_id, body in raw.items():
        if not isinstance(body, dict):
            raise KgError(f"{name}: entity {entity_id}: expected a mapping")
        types = body.get("type")
        type_list = [types] if isinstance(types, str) else types
        if not isinstance(type_list, list):
            raise KgError(f"{name}: entity {entity_id}: bad type")
        try:
            out.append(
                EntityRecord(
                    str(entity_id),
                    tuple(str(t) for t in type_list),
                    str(body.get("label", "")),
                    tuple(str(f) for f in body.get("forms") or ()),
                    candidate=True,
                )
            )
        except KgError as exc:
            raise KgError(f"{name}: {exc}") from None
    return tuple(out)


def _claims(raw: Any, source: str, method: str, name: str) -> Iterable[AutoClaim]:
    if not isinstance(raw, list):
        raise KgError(f"{name}: 'claims' must be a list")
    for i, item in enumerate(raw, 1):
        where = f"{name} claim {i}"
        if not isinstance(item, dict) or not {"quote", "start", "facts"} <= set(item):
            raise KgError(f"{where}: a claim needs 'quote', 'start' and 'facts'")
        quote, start = item["quote"], item["start"]
        if not isinstance(quote, str) or not isinstance(start, int) or start < 0:
            raise KgError(f"{where}: 'quote' must be text and 'start' a whole number")
        for fact in item["facts"] or []:
            if not (isinstance(fact, list) and len(fact) == 4 and isinstance(fact[3], dict)):
                raise KgError(
                    f"{where}: a fact is [subject, predicate, value, {{rule, confidence}}]"
                )
            s, p, v, opts = fact
            try:
                yield AutoClaim(
                    where,
                    source,
                    quote,
                    start,
                    str(s),
                    str(p),
                    v,
                    str(opts["rule"]),
                    float(opts["confidence"]),
                    str(opts.get("method", method)),
                    opts.get("qualifier"),
                )
            except (KeyError, TypeError, ValueError):
                raise KgError(
                    f"{where}: fact {fact} needs 'rule' and a numeric 'confidence'"
                ) from None


def parse_extraction(text: str, name: str) -> Extraction:
    """Parse one extracted-claims file."""
    data = load_yaml(text, name)
    if not isinstance(data, dict) or not {"source", "origin", "sha256"} <= set(data):
        raise KgError(f"{name}: expected the keys 'source', 'origin', 'sha256', 'claims'")
    if not set(data) <= _TOP_KEYS:
        raise KgError(f"{name}: unknown keys {sorted(set(data) - _TOP_KEYS)}")
    source = str(data["source"])
    method = str(data.get("method", "pattern rule"))
    return Extraction(
        source,
        str(data["origin"]),
        str(data["sha256"]),
        _entities(data.get("entities") or {}, name),
        tuple(_claims(data.get("claims") or [], source, method, name)),
    )


def load_extractions(directory: Path) -> list[Extraction]:
    """Every ``*.yaml`` of *directory* (none when the folder does not exist), in name order."""
    if not directory.is_dir():
        return []
    out = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KgError(f"{path}: cannot read: {exc}") from None
        out.append(parse_extraction(text, f"{directory.name}/{path.name}"))
    return out


def merge_candidates(
    registry: Mapping[str, EntityRecord], extractions: Iterable[Extraction]
) -> dict[str, EntityRecord]:
    """The registry plus every candidate entity; curated entities and forms win.

    A candidate whose id the registry has is the curated entity; a candidate's form that already
    names another entity is dropped, so every surface form still belongs to one entity.
    """
    merged = dict(registry)
    owner = {form: e.id for e in registry.values() for form in e.forms}
    for extraction in extractions:
        for record in extraction.entities:
            if record.id in registry:
                continue
            previous = merged.get(record.id)
            forms = [f for f in record.forms if owner.setdefault(f, record.id) == record.id]
            if previous is not None:
                forms = sorted({*previous.forms, *forms})
            merged[record.id] = EntityRecord(
                record.id,
                previous.types if previous else record.types,
                previous.label if previous else record.label,
                tuple(forms),
                candidate=True,
            )
    return merged
