"""kg.build: the committed graph is in sync, builds are deterministic and atomic."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

from helpers import run_cli
from kg.build import build, serialize, write_atomic
from kg.project import Project


def test_committed_triples_match_a_fresh_build(project: Project, built) -> None:
    committed = project.triples_path.read_bytes()
    assert serialize(built.graph) == committed, (
        "data/triples.ttl is stale: run `kg build` and commit"
    )


def test_two_builds_in_separate_processes_are_byte_identical(
    scratch: Project, tmp_path: Path
) -> None:
    outs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"out-{seed}.ttl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "kg",
                "--project",
                str(scratch.root),
                "build",
                "--out",
                str(out),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert len(outs[0]) > 10_000


def test_quote_not_found_fails_with_one_line_and_keeps_previous_file(scratch: Project) -> None:
    assert run_cli("--project", str(scratch.root), "build").returncode == 0
    before = scratch.triples_path.read_bytes()
    claims = scratch.curation_dir / "001_dd6600ad609501c8.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace(
            "It all began in 1986", "It all began in 1987", 1
        ),
        encoding="utf-8",
    )
    proc = run_cli("--project", str(scratch.root), "build")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert "001_dd6600ad609501c8.yaml" in lines[0] and "It all began in 1987" in lines[0]
    assert scratch.triples_path.read_bytes() == before


def test_unknown_entity_is_reported_with_file(scratch: Project) -> None:
    claims = scratch.curation_dir / "001_dd6600ad609501c8.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("org/iraqi-army", "org/no-such-army", 1),
        encoding="utf-8",
    )
    proc = run_cli("--project", str(scratch.root), "build")
    assert proc.returncode == 2
    assert (
        "unknown entity 'org/no-such-army'" in proc.stderr
        and "001_dd6600ad609501c8.yaml" in proc.stderr
    )


def test_write_atomic_leaves_no_partial_file_on_failure(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "g.ttl"
    target.write_bytes(b"old")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with contextlib.suppress(OSError):
        write_atomic(b"new content", target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"], "temporary file left behind"


def test_write_to_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    proc = run_cli("build", "--out", str(tmp_path / "nope" / "g.ttl"))
    assert proc.returncode == 2
    assert "does not exist" in proc.stderr and "Traceback" not in proc.stderr


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "g.ttl"
    write_atomic(b"x", target)
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_build_api_does_not_write(scratch: Project) -> None:
    result = build(scratch)
    assert not scratch.triples_path.exists()
    assert len(result.statements) > 0
