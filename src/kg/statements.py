"""Stage 3 — statements: facts with their evidence, typed against the ontology.

Takes the curation (claims and the entity registry), the sources and the schema; returns
:class:`Statement` objects, one per distinct fact ``(subject, predicate, object)``, each with one
:class:`Evidence` per supporting passage. Nothing is merged across values: 11 killed and 13 killed
are two statements.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.curation import Claim, Curation, EntityRecord
from kg.errors import KgError
from kg.extract.records import AutoClaim
from kg.iris import ENTITY_ID, IriMinter
from kg.mentions import FormMatcher, Mention, Span, locate
from kg.namespaces import KG, RDF, SKOS
from kg.schema import Schema, typed_literal
from kg.sources import Source

__all__ = ["Evidence", "Method", "Statement", "make_statements"]


class Method(enum.Enum):
    """How a statement was made, best first (curated statements win)."""

    CURATED = "curated annotation"
    SURFACE_FORM = "surface-form match"
    PATTERN = "pattern rule"
    MODEL = "statistical model"

    @property
    def term(self) -> URIRef:
        return {
            Method.CURATED: KG.CuratedAnnotation,
            Method.SURFACE_FORM: KG.SurfaceFormMatch,
            Method.PATTERN: KG.PatternRule,
            Method.MODEL: KG.StatisticalModel,
        }[self]

    @property
    def rank(self) -> int:
        return list(Method).index(self)


@dataclass(frozen=True)
class Evidence:
    """One passage supporting a statement, and how it supports it."""

    span: Span
    method: Method
    qualifier: str | None = None
    inferred: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Statement:
    """One fact and all of its evidence."""

    subject: URIRef
    predicate: URIRef
    object: Node
    evidence: tuple[Evidence, ...]
    confidence: float | None = None

    def __post_init__(self) -> None:
        if not self.evidence:
            raise KgError(f"statement {self.subject} {self.predicate} has no evidence")

    @property
    def method(self) -> Method:
        return min((e.method for e in self.evidence), key=lambda m: m.rank)

    @property
    def inferred(self) -> bool:
        return all(e.inferred for e in self.evidence)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({e.span.source for e in self.evidence}))


@dataclass(frozen=True)
class _Resolver:
    schema: Schema
    minter: IriMinter
    entities: Mapping[str, EntityRecord]

    def entity(self, entity_id: str, where: str) -> URIRef:
        if entity_id not in self.entities:
            raise KgError(f"{where}: unknown entity {entity_id!r} (add it to an entities*.yaml)")
        return self.minter.entity(entity_id)

    def predicate(self, token: str, where: str) -> URIRef:
        if token == "a":
            return RDF.type
        if token == "altLabel":
            return SKOS.altLabel
        term = URIRef(KG._NS + token)
        if self.schema.is_object_property(term) or self.schema.is_datatype_property(term):
            return term
        raise KgError(f"{where}: {token!r} is not a property of the ontology")

    def value(self, predicate: URIRef, raw: str | int | float | bool, where: str) -> Node:
        if predicate == RDF.type:
            cls = URIRef(KG._NS + str(raw))
            if not self.schema.is_class(cls):
                raise KgError(f"{where}: {raw!r} is not a class of the ontology")
            return cls
        if self.schema.is_object_property(predicate):
            if not isinstance(raw, str) or not ENTITY_ID.match(raw):
                raise KgError(f"{where}: {predicate} takes an entity id, not {raw!r}")
            return self.entity(raw, where)
        try:
            return typed_literal(self.schema, predicate, raw)
        except KgError as exc:
            raise KgError(f"{where}: {exc}") from None


def _claim_evidence(claim: Claim, sources: Mapping[str, Source]) -> Evidence:
    source = sources.get(claim.source)
    if source is None:
        raise KgError(f"{claim.where}: source {claim.source!r} is not in data/sources/")
    try:
        span = locate(source, claim.quote, claim.occurrence)
    except KgError as exc:
        raise KgError(f"{claim.where}: {exc}") from None
    return Evidence(span, Method.CURATED, claim.qualifier, claim.inferred, claim.note)


def _mention_facts(
    mentions: Iterable[Mention], minter: IriMinter
) -> Iterable[tuple[tuple[URIRef, URIRef, Node], Evidence]]:
    for mention in mentions:
        key = (minter.entity(mention.entity), SKOS.altLabel, Literal(mention.span.exact))
        yield key, Evidence(mention.span, Method.SURFACE_FORM)


def _auto_evidence(claim: AutoClaim, sources: Mapping[str, Source]) -> Evidence:
    source = sources.get(claim.source)
    if source is None:
        raise KgError(f"{claim.where}: source {claim.source!r} is not in data/sources/")
    end = claim.start + len(claim.quote)
    if source.text[claim.start : end] != claim.quote or end > source.content_end:
        raise KgError(f"{claim.where}: quote not at offset {claim.start} (re-run `kg ingest`)")
    return Evidence(Span.of(source, claim.start, end), Method(claim.method), claim.qualifier)


def make_statements(
    curation: Curation,
    sources: Mapping[str, Source],
    schema: Schema,
    minter: IriMinter,
    automatic: Iterable[AutoClaim] = (),
) -> list[Statement]:
    """Turn claims, automatic claims and surface-form mentions into statements, sorted by (s, p, o).

    A statement with curated evidence is a curated statement; one whose best evidence is a rule's
    or a model's carries the highest confidence of its automatic claims.
    """
    resolve = _Resolver(schema, minter, curation.entities)
    grouped: dict[tuple[URIRef, URIRef, Node], list[Evidence]] = {}
    for claim in curation.claims:
        subject = resolve.entity(claim.subject, claim.where)
        predicate = resolve.predicate(claim.predicate, claim.where)
        obj = resolve.value(predicate, claim.value, claim.where)
        grouped.setdefault((subject, predicate, obj), []).append(_claim_evidence(claim, sources))
    confidence: dict[tuple[URIRef, URIRef, Node], float] = {}
    for auto in automatic:
        predicate = resolve.predicate(auto.predicate, auto.where)
        key = (
            resolve.entity(auto.subject, auto.where),
            predicate,
            resolve.value(predicate, auto.value, auto.where),
        )
        grouped.setdefault(key, []).append(_auto_evidence(auto, sources))
        confidence[key] = max(confidence.get(key, 0.0), auto.confidence)
    matcher = FormMatcher({e.id: e.forms for e in curation.entities.values()})
    for source in sources.values():
        for key, found in _mention_facts(matcher.find(source), minter):
            grouped.setdefault(key, []).append(found)
    statements = []
    for (s, p, o), evidence in grouped.items():
        unique: dict[tuple[str, int, int], Evidence] = {}
        for e in sorted(evidence, key=lambda e: -e.method.rank):  # the best method wins a passage
            unique[(e.span.source, e.span.start, e.span.end)] = e
        ordered = tuple(unique[k] for k in sorted(unique))
        automatic_method = min(e.method.rank for e in ordered) >= Method.PATTERN.rank
        score = confidence.get((s, p, o)) if automatic_method else None
        statements.append(Statement(s, p, o, ordered, score))
    statements.sort(key=lambda st: (st.subject, st.predicate, st.object.n3()))
    return statements
