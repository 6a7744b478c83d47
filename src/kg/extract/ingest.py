"""``kg ingest``: new documents into ``data/sources/``, their automatic claims into the graph.

Takes file or folder paths; for each usable document it stores the text under ``data/sources/``
(HTML stripped to text first, so offsets point into the stored text), writes its automatic claims
to ``data/extracted/<stem>.yaml`` and, once all documents are read, rebuilds ``data/triples.ttl``.
Returns an :class:`IngestReport`: one :class:`FileResult` per input file.

- An event the document tells that the graph already has (same class, date and place as one
  curated event: :mod:`kg.extract.eventlinks`) is that event's node, not a new one.
- A document is identified by its content: the stored name is ``<slug of its file name>_<first 16
  hex digits of the text's SHA-256>.txt``, so re-ingesting the same file changes nothing.
- A changed file (same file name as an earlier ingest, other content) replaces the earlier
  document and its statements.
- Bad input (missing, empty, binary, not UTF-8, too large) fails that file with one line; the
  others are ingested.
- Nothing on disk is half-written: the files are written one by one atomically, the graph is built
  in memory and written last; if the build fails, every file written is rolled back.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.build import build, write_atomic, write_graph
from kg.curation import load_curation
from kg.errors import KgError
from kg.extract.eventlinks import known_events, link_events
from kg.extract.extractor import extract_document
from kg.extract.linking import EntityIndex
from kg.extract.records import Extraction, load_extractions, merge_candidates, to_yaml
from kg.extract.signature import Signature
from kg.extract.text import Document, iter_input_files, read_document
from kg.iris import slugify
from kg.project import Project
from kg.void import project_void

__all__ = ["FileResult", "IngestReport", "Outcome", "ingest", "stored_name"]


class Outcome(enum.Enum):
    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True)
class FileResult:
    path: Path
    outcome: Outcome
    source: str | None = None
    statements: int = 0
    message: str = ""


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    triples: int = 0
    built: bool = False

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.outcome is Outcome.FAILED]


def stored_name(doc: Document) -> str:
    """The file name a document gets under ``data/sources/``.

    >>> stored_name(Document("Liberty News.HTML", "text"))
    'liberty-news_982d9e3eb996f559.txt'
    """
    stem = slugify(Path(doc.origin).stem)[:40].strip("-") or "document"
    return f"{stem}_{doc.sha256[:16]}.txt"


def _meta(doc: Document) -> str:
    lines = [f"# What {doc.origin} states about itself (written by `kg ingest`)."]
    if doc.title:
        lines.append(f"title: {_yaml_str(doc.title)}")
    if doc.creator:
        lines.append(f"creator: {_yaml_str(doc.creator)}")
    how = "converted from HTML to text" if doc.converted_from_html else "stored as given"
    lines.append(f"note: {_yaml_str(f'ingested from {doc.origin} ({how})')}")
    return "\n".join(lines) + "\n"


def _yaml_str(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


class _Transaction:
    """Files written or removed, undone together if the build fails."""

    def __init__(self) -> None:
        self._undo: list[tuple[Path, bytes | None]] = []

    def write(self, path: Path, data: bytes) -> None:
        self._undo.append((path, path.read_bytes() if path.exists() else None))
        write_atomic(data, path)

    def remove(self, path: Path) -> None:
        if path.exists():
            self._undo.append((path, path.read_bytes()))
            path.unlink()

    def rollback(self) -> None:
        for path, before in reversed(self._undo):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                write_atomic(before, path)


def _inputs(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        out.extend(iter_input_files(path) if path.is_dir() else [path])
    return out


def ingest(
    project: Project,
    paths: Iterable[Path],
    *,
    progress: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Ingest the documents at *paths* into *project* (see the module docstring)."""
    files = _inputs(paths)
    curation = load_curation(project.curation_dir)
    previous = load_extractions(project.extracted_dir)
    by_origin = {e.origin: e for e in previous}
    known_sha = {e.sha256: e for e in previous}
    registry = merge_candidates(curation.entities, previous)
    index = EntityIndex(registry.values())
    signature = Signature.load(project.ontology_path)
    events = known_events(curation.entities, curation.claims)
    report = IngestReport()
    staged: list[tuple[Path, Document, Extraction, Extraction | None]] = []
    seen_origins: dict[str, Path] = {}
    for path in files:
        try:
            doc = read_document(path)
            if doc.origin in seen_origins:
                raise KgError(
                    f"{path}: same file name as {seen_origins[doc.origin]} in this ingest"
                )
            seen_origins[doc.origin] = path
            if doc.sha256 in known_sha:
                old = known_sha[doc.sha256]
                report.results.append(FileResult(path, Outcome.UNCHANGED, old.source))
                continue
            name = stored_name(doc)
            extraction = extract_document(
                doc.text, index, signature, source=name, origin=doc.origin
            )
            extraction = link_events(extraction, events, signature)
            staged.append((path, doc, extraction, by_origin.get(doc.origin)))
            known_sha[doc.sha256] = extraction
        except KgError as exc:
            message = str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}"
            report.results.append(FileResult(path, Outcome.FAILED, message=message))
        finally:
            if progress is not None:
                progress(path)
    if staged:
        _commit(project, staged, report)
    return report


def _commit(
    project: Project,
    staged: list[tuple[Path, Document, Extraction, Extraction | None]],
    report: IngestReport,
) -> None:
    project.extracted_dir.mkdir(parents=True, exist_ok=True)
    tx = _Transaction()
    try:
        for _, doc, extraction, old in staged:
            if old is not None:
                stem = Path(old.source).stem
                tx.remove(project.sources_dir / old.source)
                tx.remove(project.sources_dir / f"{old.source}.meta.yaml")
                tx.remove(project.extracted_dir / f"{stem}.yaml")
            source = project.sources_dir / extraction.source
            tx.write(source, doc.text.encode("utf-8"))
            tx.write(source.with_name(source.name + ".meta.yaml"), _meta(doc).encode("utf-8"))
            stem = Path(extraction.source).stem
            tx.write(project.extracted_dir / f"{stem}.yaml", to_yaml(extraction).encode("utf-8"))
        result = build(project)
        void = project_void(project, result.graph)  # computed first: a failure writes nothing
        write_graph(result.graph, project.triples_path)
        write_atomic(void, project.void_path)
    except BaseException:
        tx.rollback()
        raise
    report.built, report.triples = True, len(result.graph)
    for path, _, extraction, old in staged:
        count = sum(1 for st in result.statements if extraction.source in st.sources)
        outcome = Outcome.REPLACED if old is not None else Outcome.ADDED
        report.results.append(FileResult(path, outcome, extraction.source, count))
