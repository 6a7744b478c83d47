"""``kg synth``: a synthetic graph of any size that keeps the provenance contract, for benchmarks.

Writes attacks on camps, each reported by two to four synthetic source documents whose texts are
written too, so every evidence node's offsets point at its quote in a real file: ``text[start:end]
== oa:exact``, and ``kg validate`` would pass on it. Each event has a date, a place, a perpetrator,
a target and casualty figures; about a quarter of the events have a disputed death toll (one
source gives another figure), some a disputed date, some approximate ("nearly 40") or vague
("many others") figures, and every name in a text is a ``skos:altLabel`` statement.

The RDF comes from :func:`kg.graph.to_graph`, the one place statements become RDF, a chunk of
events at a time: entities and documents belong to one chunk, so chunks share no statement, and
memory stays bounded at any size. The graph is streamed as N-Triples (which is also Turtle) to a
temporary file renamed into place at the end; the texts go to a folder beside it.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     report = synthesize(10, Path(tmp) / "synthetic.nt", seed=1)
...     texts = len(list(report.sources_dir.glob("*.txt")))
>>> report.events, report.triples > 1000, texts
(10, True, 6)
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.curation import EntityRecord
from kg.errors import KgError
from kg.graph import to_graph
from kg.iris import DEFAULT_BASE, IriMinter
from kg.mentions import Span
from kg.namespaces import KG, SKOS
from kg.sources import Source
from kg.statements import Evidence, Method, Statement

__all__ = ["CHUNK", "SynthReport", "synthesize"]

#: Events per chunk: the unit of generation, and of the entities and documents they share.
CHUNK = 100
_DOCUMENTS = 6
_SYLLABLES = ("al", "ba", "dar", "el", "far", "ha", "kir", "lu", "ma", "nur", "ra", "sa", "tal")
_MONTHS = tuple(calendar.month_name)[1:]

Fact = tuple[URIRef, URIRef, Node]


@dataclass(frozen=True)
class SynthReport:
    """What :func:`synthesize` wrote."""

    events: int
    triples: int
    statements: int
    disputes: int
    out: Path
    sources_dir: Path
    seconds: float


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


@dataclass
class _Chunk:
    """The entities, texts and evidence of one chunk of events, built up event by event."""

    index: int
    minter: IriMinter
    rng: random.Random

    def __post_init__(self) -> None:
        c, rng = self.index, self.rng
        self.entities: list[EntityRecord] = []
        self.places = [
            self._entity(f"place/synth-{c}-camp-{i}", "Camp", f"Camp {_name(rng)}")
            for i in range(8)
        ]
        kinds = ("ArmedForce", "Militia", "GovernmentBody")
        self.actors = [
            self._entity(f"org/synth-{c}-force-{i}", rng.choice(kinds), f"{_name(rng)} Brigade")
            for i in range(8)
        ]
        self.groups = [
            self._entity(f"group/synth-{c}-residents-{i}", "Group", f"the residents of {p.label}")
            for i, p in enumerate(self.places)
        ]
        self.texts = [[f"Synthetic report {c}-{d}.\n"] for d in range(_DOCUMENTS)]
        self.lengths = [len(t[0]) for t in self.texts]
        self.claims: list[tuple[Fact, int, int, int, str | None]] = []
        self.disputes = 0

    def _entity(self, entity_id: str, cls: str, label: str) -> EntityRecord:
        record = EntityRecord(entity_id, (cls,), label)
        self.entities.append(record)
        return record

    def _iri(self, record: EntityRecord) -> URIRef:
        return self.minter.entity(record.id)

    def _write(self, doc: int, text: str) -> int:
        """Append *text* to document *doc*; return where it starts."""
        start = self.lengths[doc]
        self.texts[doc].append(text)
        self.lengths[doc] += len(text)
        return start

    def _claim(
        self, fact: Fact, doc: int, start: int, quote: str, qualifier: str | None = None
    ) -> None:
        self.claims.append((fact, doc, start, start + len(quote), qualifier))

    def _name_claim(self, record: EntityRecord, doc: int, start: int) -> None:
        self._claim(
            (self._iri(record), SKOS.altLabel, Literal(record.label)), doc, start, record.label
        )

    def event(self, number: int) -> None:
        rng = self.rng
        place, actor = rng.choice(self.places), rng.choice(self.actors)
        group = self.groups[self.places.index(place)]
        day = dt.date(2009, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))
        event = self._entity(
            f"event/synth-{number:08d}", "Attack", f"Attack on {place.label}, {day.isoformat()}"
        )
        node = self._iri(event)
        killed, injured = rng.randint(1, 120), rng.randint(0, 400)
        vague = rng.random() < 0.1
        reporters = rng.sample(range(_DOCUMENTS), rng.choice((2, 2, 3, 3, 4)))
        other_toll = reporters[0] if rng.random() < 0.25 else None
        other_date = reporters[-1] if rng.random() < 0.05 else None
        self.disputes += (other_toll is not None) + (other_date is not None)
        for doc in reporters:
            when = day + dt.timedelta(days=1) if doc == other_date else day
            toll = max(0, killed + rng.choice((-3, -2, 2, 5))) if doc == other_toll else killed
            self._report(doc, node, place, actor, group, when, toll, injured, vague)

    def _report(
        self,
        doc: int,
        node: URIRef,
        place: EntityRecord,
        actor: EntityRecord,
        group: EntityRecord,
        when: dt.date,
        killed: int,
        injured: int,
        vague: bool,
    ) -> None:
        date_text = f"On {when.day} {_MONTHS[when.month - 1]} {when.year}"
        first = f"{date_text}, {actor.label} attacked {place.label}."
        at = self._write(doc, first + " ")
        self._claim((node, KG.date, Literal(when)), doc, at, date_text)
        self._claim((node, KG.perpetrator, self._iri(actor)), doc, at, first)
        self._claim((node, KG.location, self._iri(place)), doc, at, first)
        self._name_claim(actor, doc, at + first.index(actor.label))
        self._name_claim(place, doc, at + first.index(place.label))
        second = f"The attack targeted {group.label}."
        at = self._write(doc, second + " ")
        self._claim((node, KG.target, self._iri(group)), doc, at, second)
        self._name_claim(group, doc, at + second.index(group.label))
        qualifier = "nearly" if self.rng.random() < 0.15 else None
        killed_text = f"killed {'nearly ' if qualifier else ''}{killed} people"
        injured_text = f"injured {'many others' if vague else injured}"
        at = self._write(doc, f"It {killed_text} and {injured_text}.\n")
        self._claim((node, KG.fatalities, Literal(killed)), doc, at + 3, killed_text, qualifier)
        value = Literal("many others") if vague else Literal(injured)
        self._claim((node, KG.injured, value), doc, at + 8 + len(killed_text), injured_text)

    def sources(self) -> list[Source]:
        return [
            Source(f"synth{self.index:06d}_{d}.txt", "".join(parts), title=parts[0].strip())
            for d, parts in enumerate(self.texts)
        ]

    def statements(self, sources: list[Source]) -> list[Statement]:
        grouped: dict[Fact, list[Evidence]] = {}
        for fact, doc, start, end, qualifier in self.claims:
            method = Method.SURFACE_FORM if fact[1] == SKOS.altLabel else Method.CURATED
            span = Span.of(sources[doc], start, end)
            grouped.setdefault(fact, []).append(Evidence(span, method, qualifier))
        return [Statement(s, p, o, tuple(ev)) for (s, p, o), ev in grouped.items()]


def _chunks(events: int, seed: int, minter: IriMinter) -> Iterator[_Chunk]:
    for index, first in enumerate(range(0, events, CHUNK)):
        chunk = _Chunk(index, minter, random.Random(f"{seed}-{index}"))
        for number in range(first, min(events, first + CHUNK)):
            chunk.event(number)
        yield chunk


def _write_chunk(
    chunk: _Chunk, minter: IriMinter, out: TextIO, texts: Path, shared: set[str]
) -> tuple[int, int]:
    sources = chunk.sources()
    for source in sources:
        (texts / source.identifier).write_text(source.text, encoding="utf-8")
    statements = chunk.statements(sources)
    graph = to_graph(sources, chunk.entities, statements, minter)
    written = 0
    shared_prefixes = (f"<{minter.base}id/activity/", f"<{minter.base}id/software/")
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    for line in sorted(lines):  # rdflib's order depends on string hashing, different each run
        if not line:
            continue
        if line.startswith(shared_prefixes):  # the same activity triples come with every chunk
            if line in shared:
                continue
            shared.add(line)
        out.write(line + "\n")
        written += 1
    return written, len(statements)


def synthesize(
    events: int,
    out: Path,
    *,
    seed: int = 0,
    sources_dir: Path | None = None,
    base: str = DEFAULT_BASE,
    progress: Callable[[int, int], None] | None = None,
) -> SynthReport:
    """Write a synthetic graph of *events* attacks to *out* (N-Triples) and its texts to
    *sources_dir* (default: ``<out without suffix>.sources/`` beside it); the same *seed* gives
    the same files. *progress* is called with (events written, events in all)."""
    if events < 1:
        raise KgError("--events must be at least 1")
    if not out.parent.is_dir():
        raise KgError(f"{out}: folder {out.parent} does not exist")
    texts = sources_dir or out.with_name(out.stem + ".sources")
    minter = IriMinter(base)
    start = time.perf_counter()
    tmp_texts = Path(tempfile.mkdtemp(prefix=f".{texts.name}.", dir=texts.parent))
    fd, tmp_out = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.chmod(tmp_texts, 0o755)  # mkdtemp and mkstemp make them private; these are plain outputs
    os.chmod(tmp_out, 0o644)
    triples = statements = disputes = done = 0
    shared: set[str] = set()
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in _chunks(events, seed, minter):
                n, s = _write_chunk(chunk, minter, fh, tmp_texts, shared)
                triples, statements, disputes = (
                    triples + n,
                    statements + s,
                    disputes + chunk.disputes,
                )
                done = min(events, done + CHUNK)
                if progress is not None:
                    progress(done, events)
        os.replace(tmp_out, out)
        if texts.exists():
            shutil.rmtree(texts)
        tmp_texts.rename(texts)
    except BaseException:
        Path(tmp_out).unlink(missing_ok=True)
        shutil.rmtree(tmp_texts, ignore_errors=True)
        raise
    return SynthReport(
        events, triples, statements, disputes, out, texts, time.perf_counter() - start
    )
