"""kg.sources: the corpus is kept byte for byte, with only the metadata the texts state."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KgError
from kg.project import Project
from kg.sources import load_source, load_sources

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def test_five_sources_with_their_file_names(project: Project) -> None:
    assert sorted(load_sources(project.sources_dir)) == [
        "000_adebd8be85908c01.txt",
        "001_dd6600ad609501c8.txt",
        "002_6f8cc6376ad1e593.txt",
        "003_78d5d9760ad759e2.txt",
        "004_b3cb6dc92e9a9a2d.txt",
    ]


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not beside this checkout")
def test_sources_are_byte_identical_to_the_shared_corpus(project: Project) -> None:
    for original in sorted(SHARED.glob("*.txt")):
        assert (project.sources_dir / original.name).read_bytes() == original.read_bytes()


def test_only_004_states_a_title_and_an_author(project: Project) -> None:
    sources = load_sources(project.sources_dir)
    with_meta = {k: (s.title, s.creator) for k, s in sources.items() if s.title or s.creator}
    assert with_meta == {
        "004_b3cb6dc92e9a9a2d.txt": ("The MEK’s Role in the Iran-Iraq War", "Jubin Katiraie")
    }


def test_004_boilerplate_starts_at_latest_news(project: Project) -> None:
    source = load_sources(project.sources_dir)["004_b3cb6dc92e9a9a2d.txt"]
    assert source.text[source.content_end :].startswith("Latest news")
    assert "Must read" not in source.content


def test_non_utf8_source_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"caf\xe9")
    with pytest.raises(KgError, match="not UTF-8"):
        load_source(path)


def test_unknown_metadata_key_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt.meta.yaml").write_text("author: someone\n", encoding="utf-8")
    with pytest.raises(KgError, match="unknown metadata keys"):
        load_source(tmp_path / "a.txt")
