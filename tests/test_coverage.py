"""kg.coverage: every sentence that states a fact is covered by curated evidence."""

from __future__ import annotations

from kg.build import BuildResult
from kg.coverage import load_allow_list, sentences, uncovered
from kg.curation import NO_FACTS_FILE
from kg.project import Project
from kg.sources import Source


def test_sentence_splitter_handles_quotes_footnotes_and_lines() -> None:
    text = "He said: “No.”2 Then he left.\nHeading\n\nLast one"
    assert [s.text for s in sentences(Source("a.txt", text))] == [
        "He said: “No.”2",
        "Then he left.",
        "Heading",
        "Last one",
    ]


def test_no_fact_stating_sentence_is_left_uncovered(project: Project, built: BuildResult) -> None:
    allow = load_allow_list(project.curation_dir / NO_FACTS_FILE)
    missing = uncovered(built.sources, built.statements, allow)
    assert [f"{s.source}: {s.text}" for s in missing] == []


def test_allow_list_is_short_and_every_entry_is_a_real_sentence(
    project: Project, built: BuildResult
) -> None:
    allow = load_allow_list(project.curation_dir / NO_FACTS_FILE)
    total = sum(len(v) for v in allow.values())
    all_sentences = {(s.source, s.text) for src in built.sources.values() for s in sentences(src)}
    assert total <= 40
    for source, entries in allow.items():
        for entry in entries:
            assert (source, entry) in all_sentences, f"stale allow-list entry: {source}: {entry}"
