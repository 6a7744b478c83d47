"""Which sentences of the sources no curated evidence covers (the self-check of completeness).

Takes sources and statements; returns :class:`Sentence` spans that no curated evidence span
overlaps. Surface-form mentions do not count: a name is not a fact. A short allow-list of
sentences that state no fact lives in ``data/curation/no-facts.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.curation import NO_FACTS_FILE
from kg.errors import KgError
from kg.sources import Source
from kg.statements import Method, Statement
from kg.yamlio import load_yaml

__all__ = ["Sentence", "load_allow_list", "sentences", "uncovered"]

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets and a footnote number)
# before white space, or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?])[”’\"')\]]*\d{0,2}(?=\s)|\n+")


@dataclass(frozen=True)
class Sentence:
    source: str
    start: int
    end: int
    text: str


def sentences(source: Source) -> Iterator[Sentence]:
    """Split the document's own text (no boilerplate) into sentences; blank pieces are skipped.

    >>> [s.text for s in sentences(Source("a.txt", "One. Two!\\n\\nThree"))]
    ['One.', 'Two!', 'Three']
    """
    text, pos = source.content, 0
    for match in _BOUNDARY.finditer(text):
        yield from _piece(source.identifier, text, pos, match.end())
        pos = match.end()
    yield from _piece(source.identifier, text, pos, len(text))


def _piece(name: str, text: str, start: int, end: int) -> Iterator[Sentence]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped and re.search(r"\w", stripped):
        lead = len(chunk) - len(chunk.lstrip())
        yield Sentence(name, start + lead, start + lead + len(stripped), stripped)


def load_allow_list(path: Path) -> dict[str, set[str]]:
    """Sentences that state no fact, per source: ``{source: [sentence, ...]}``."""
    if not path.exists():
        return {}
    data = load_yaml(path.read_text(encoding="utf-8"), path.name) or {}
    if not isinstance(data, dict):
        raise KgError(f"{path}: expected a mapping of source file names to lists of sentences")
    return {str(k): {str(s).strip() for s in (v or [])} for k, v in data.items()}


def uncovered(
    sources: Mapping[str, Source],
    statements: Iterable[Statement],
    allow: Mapping[str, set[str]] | None = None,
) -> list[Sentence]:
    """Sentences overlapped by no curated evidence span and not on the allow-list."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for st in statements:
        for ev in st.evidence:
            if ev.method is Method.CURATED:
                spans.setdefault(ev.span.source, []).append((ev.span.start, ev.span.end))
    allow = allow or {}
    out = []
    for name, source in sources.items():
        covered = spans.get(name, [])
        for sentence in sentences(source):
            if sentence.text in allow.get(name, set()):
                continue
            if not any(s < sentence.end and sentence.start < e for s, e in covered):
                out.append(sentence)
    return out


def main() -> None:  # pragma: no cover - a helper for curators: python -m kg.coverage [SOURCE]
    import sys

    from kg.build import build
    from kg.project import find_project

    project = find_project()
    result = build(project)
    allow = load_allow_list(project.curation_dir / NO_FACTS_FILE)
    wanted = sys.argv[1:]
    missing = [
        s
        for s in uncovered(result.sources, result.statements, allow)
        if not wanted or any(s.source.startswith(w) for w in wanted)
    ]
    for s in missing:
        print(f"{s.source}:{s.start}-{s.end}: {s.text}")
    print(f"{len(missing)} uncovered sentences", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    main()
