"""``kg eval``: precision and recall of the automatic extractor against annotation files.

Takes annotation files in the curation format (the claims of one or more sources) and the entity
registry; runs the extractor on each annotated source with the curation switched off (the rules
see only the text and the registry's names, never a claim) and compares. New events are therefore
not linked to curated events here (:mod:`kg.extract.eventlinks`, which ``kg ingest`` applies,
reads the curated claims — the very annotations measured against); alignment stands in for it.

What is compared — **entity-linked facts**: ``(subject, predicate, object)`` per source, where the
object is an entity (an object property of the ontology) or a normalised value: a date
(``date``/``startDate``/``endDate``, typed at its precision), a count (``fatalities``,
``injured``, ``prisoners``, ``numberOfPeople``, ``numberOfAttacks``) or ``isFormer``. Free text
(descriptions, wordings, role titles), names (``altLabel``) and types are not compared.

How new nodes are matched: the extractor mints its own ids for the events, position holdings and
agreements it finds. Each such node is aligned with the annotated node (``event/``, ``role/`` or
``agreement/``) with which it shares the most facts — same predicate, same value, in the same
source, with overlapping evidence passages — and its facts are then compared under that id.

Precision = matched automatic facts / automatic facts; recall = matched annotated facts /
annotated facts. Annotated facts marked ``inferred: true`` (read from context, not stated in the
quote) count for precision (an automatic fact equal to one is right) but not in the recall
denominator; :attr:`EvalReport.recall_with_inferred` gives the recall with them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from kg.curation import Claim, EntityRecord, load_curation, parse_claims, parse_entities
from kg.errors import KgError
from kg.extract.extractor import extract_document
from kg.extract.linking import EntityIndex
from kg.extract.records import Extraction
from kg.extract.signature import Signature
from kg.mentions import locate
from kg.namespaces import KG
from kg.project import Project
from kg.schema import Schema, load_schema, typed_literal
from kg.sources import Source, load_sources

__all__ = ["FAMILIES", "EvalReport", "Fact", "evaluate", "evaluate_extractions", "format_report"]

#: The relation families the rules target, by predicate (everything else is "other").
FAMILIES: dict[str, tuple[str, ...]] = {
    "dates": ("date", "startDate", "endDate"),
    "casualties": ("fatalities", "injured", "prisoners"),
    "attacks": ("perpetrator", "target", "location", "orderedBy"),
    "relocations": (
        "relocatedFrom",
        "relocatedTo",
        "numberOfPeople",
        "transferredFrom",
        "transferredTo",
        "responsibilityFor",
    ),
    "agreements": ("party", "signatory"),
    "positions": ("heldPosition", "inOrganisation", "isFormer"),
    "speech": ("statedBy", "about"),
}
_LITERALS = frozenset(
    FAMILIES["dates"] + FAMILIES["casualties"] + ("numberOfPeople", "numberOfAttacks", "isFormer")
)
_ALIGNABLE = ("event/", "role/", "agreement/")


@dataclass(frozen=True)
class Fact:
    source: str
    subject: str
    predicate: str
    value: str
    start: int
    end: int
    inferred: bool = False


def family(predicate: str) -> str:
    return next((name for name, preds in FAMILIES.items() if predicate in preds), "other")


@dataclass
class Score:
    auto: int = 0
    gold: int = 0
    matched_auto: int = 0
    matched_gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched_auto / self.auto if self.auto else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0


@dataclass
class EvalReport:
    """Scores overall, for the targeted families, per family, per predicate and per source."""

    overall: Score = field(default_factory=Score)
    targeted: Score = field(default_factory=Score)
    families: dict[str, Score] = field(default_factory=dict)
    predicates: dict[str, Score] = field(default_factory=dict)
    sources: dict[str, Score] = field(default_factory=dict)
    gold_inferred: int = 0
    matched_inferred: int = 0
    false_positives: list[Fact] = field(default_factory=list)
    false_negatives: list[Fact] = field(default_factory=list)

    @property
    def recall_with_inferred(self) -> float:
        total = self.overall.gold + self.gold_inferred
        return (self.overall.matched_gold + self.matched_inferred) / total if total else 0.0


def format_report(report: EvalReport, *, errors: int = 0) -> str:
    """The report as a plain-text table (and up to *errors* false positives and negatives)."""
    lines = [f"{'':24} {'auto':>5} {'precision':>9} {'annotated':>9} {'recall':>6}"]

    def row(name: str, s: Score) -> None:
        lines.append(f"{name:24} {s.auto:5d} {s.precision:9.2f} {s.gold:9d} {s.recall:6.2f}")

    row("entity-linked facts", report.overall)
    row("  targeted families", report.targeted)
    for name in (*FAMILIES, "other"):
        if name in report.families:
            row(f"    {name}", report.families[name])
    for name, score in sorted(report.sources.items()):
        row(name[:24], score)
    lines.append(
        f"recall counting the {report.gold_inferred} inferred annotated facts too: "
        f"{report.recall_with_inferred:.2f}"
    )
    for label, facts in (
        ("false positive", report.false_positives),
        ("missed", report.false_negatives),
    ):
        for f in facts[:errors]:
            lines.append(f"{label}: {f.source} {f.subject} {f.predicate} {f.value}")
    return "\n".join(lines)


def _in_scope(schema: Schema, predicate: str) -> bool:
    if predicate in ("a", "altLabel"):
        return False
    return predicate in _LITERALS or schema.is_object_property(URIRef(KG._NS + predicate))


def _value(schema: Schema, predicate: str, raw: str | int | float | bool) -> str:
    if predicate in _LITERALS:
        try:
            return typed_literal(schema, URIRef(KG._NS + predicate), raw).n3()
        except KgError:
            return str(raw).lower()
    return str(raw)


def gold_facts(
    claims: Iterable[Claim], sources: Mapping[str, Source], schema: Schema
) -> list[Fact]:
    out = []
    for claim in claims:
        if not _in_scope(schema, claim.predicate):
            continue
        source = sources.get(claim.source)
        if source is None:
            raise KgError(f"{claim.where}: source {claim.source!r} is not in data/sources/")
        span = locate(source, claim.quote, claim.occurrence)
        out.append(
            Fact(
                claim.source,
                claim.subject,
                claim.predicate,
                _value(schema, claim.predicate, claim.value),
                span.start,
                span.end,
                claim.inferred,
            )
        )
    return out


def auto_facts(extraction: Extraction, schema: Schema) -> list[Fact]:
    return [
        Fact(
            extraction.source,
            c.subject,
            c.predicate,
            _value(schema, c.predicate, c.value),
            c.start,
            c.start + len(c.quote),
        )
        for c in extraction.claims
        if _in_scope(schema, c.predicate)
    ]


def _align(auto: list[Fact], gold: list[Fact], minted: set[str]) -> dict[str, str]:
    """Minted automatic node → the annotated node it shares the most overlapping facts with."""
    by_key: dict[tuple[str, str, str], list[Fact]] = {}
    by_subject_key: dict[tuple[str, str, str], list[Fact]] = {}
    for g in gold:
        by_key.setdefault((g.source, g.predicate, g.value), []).append(g)
        by_subject_key.setdefault((g.source, g.subject, g.predicate), []).append(g)
    scores: dict[str, Counter[str]] = {}
    for a in auto:
        if a.subject in minted:
            for g in by_key.get((a.source, a.predicate, a.value), []):
                if g.subject.startswith(_ALIGNABLE) and g.start < a.end and a.start < g.end:
                    scores.setdefault(a.subject, Counter())[g.subject] += 1
        if a.value in minted and a.subject not in minted:
            for g in by_subject_key.get((a.source, a.subject, a.predicate), []):
                if g.value.startswith(_ALIGNABLE) and g.start < a.end and a.start < g.end:
                    scores.setdefault(a.value, Counter())[g.value] += 1
    return {
        node: min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for node, counter in scores.items()
    }


def evaluate_extractions(
    extractions: Iterable[Extraction],
    claims: Iterable[Claim],
    sources: Mapping[str, Source],
    schema: Schema,
) -> EvalReport:
    """Compare automatic claims with annotated ones (see the module docstring)."""
    extractions = list(extractions)
    gold = gold_facts(claims, sources, schema)
    auto: list[Fact] = []
    minted: set[str] = set()
    for ex in extractions:
        auto.extend(auto_facts(ex, schema))
        minted |= {e.id for e in ex.entities if e.id.startswith(_ALIGNABLE)}
    mapping = _align(auto, gold, minted)
    report = EvalReport()
    gold_keys = {(g.source, g.subject, g.predicate, g.value) for g in gold}
    stated = {(g.source, g.subject, g.predicate, g.value) for g in gold if not g.inferred}
    inferred = gold_keys - stated
    auto_keys: dict[tuple[str, str, str, str], Fact] = {}
    for a in auto:
        key = (
            a.source,
            mapping.get(a.subject, a.subject),
            a.predicate,
            mapping.get(a.value, a.value),
        )
        auto_keys.setdefault(key, a)
    scored = {ex.source for ex in extractions}

    def scores(source: str, predicate: str) -> list[Score]:
        fam = family(predicate)
        out = [
            report.overall,
            report.families.setdefault(fam, Score()),
            report.predicates.setdefault(predicate, Score()),
            report.sources.setdefault(source, Score()),
        ]
        return out + ([report.targeted] if fam != "other" else [])

    for key, a in sorted(auto_keys.items()):
        hit = key in gold_keys
        for s in scores(key[0], key[2]):
            s.auto += 1
            s.matched_auto += hit
        if not hit:
            report.false_positives.append(a)
    for key in sorted(stated):
        if key[0] not in scored:
            continue
        hit = key in auto_keys
        for s in scores(key[0], key[2]):
            s.gold += 1
            s.matched_gold += hit
        if not hit:
            g = next(g for g in gold if (g.source, g.subject, g.predicate, g.value) == key)
            report.false_negatives.append(g)
    report.gold_inferred = sum(1 for k in inferred if k[0] in scored)
    report.matched_inferred = sum(1 for k in inferred if k in auto_keys)
    return report


def _claim_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    claims, registries = [], []
    for path in paths:
        if not path.exists():
            raise KgError(f"{path}: no such file or folder")
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        for f in files:
            if f.name.startswith("entities"):
                registries.append(f)
            elif f.name != "no-facts.yaml":
                claims.append(f)
    if not claims:
        raise KgError("no annotation (claims) files given")
    return claims, registries


def evaluate(
    project: Project, paths: Iterable[Path], *, sources_dir: Path | None = None
) -> EvalReport:
    """Run the extractor on the sources the annotation files at *paths* annotate; compare."""
    claim_files, registry_files = _claim_files(paths)
    registry: dict[str, EntityRecord] = dict(load_curation(project.curation_dir).entities)
    for f in registry_files:
        for entity_id, record in parse_entities(f.read_text(encoding="utf-8"), f.name).items():
            registry.setdefault(entity_id, record)
    claims = [c for f in claim_files for c in parse_claims(f.read_text(encoding="utf-8"), f.name)]
    sources = load_sources(sources_dir or project.sources_dir)
    schema = load_schema(project.ontology_path)
    signature = Signature.load(project.ontology_path)
    index = EntityIndex(registry.values())
    extractions = []
    for name in sorted({c.source for c in claims}):
        source = sources.get(name)
        if source is None:
            raise KgError(
                f"annotated source {name!r} is not in {sources_dir or project.sources_dir}"
            )
        extractions.append(
            extract_document(
                source.text,
                index,
                signature,
                source=name,
                origin=name,
                content_end=source.content_end,
            )
        )
    return evaluate_extractions(extractions, claims, sources, schema)
