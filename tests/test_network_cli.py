"""``kg network``: the analyst's three commands, materialized results, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from helpers import run_cli
from kg.cli import main
from kg.namespaces import PROV, RDF, SDO


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_centrality_ranks_actors_with_the_evidence_of_their_top_edges() -> None:
    proc = run_cli("network", "centrality", "--projection", "actors", "--measure", "betweenness")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["rank", "label", "class", "betweenness", "neighbours"]
    assert lines[2].split()[:2] == ["1", "MEK"]
    assert "Evidence behind the top edges" in proc.stdout
    assert "MEK — Iranian regime: weight " in proc.stdout
    assert "001_dd6600ad609501c8.txt:" in proc.stdout


def test_centrality_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "network", "centrality", "--measure", "degree", "--format", "json", "--top", "3"
    )
    rows = json.loads(out)
    assert code == 0 and [r["id"] for r in rows] == [
        "org/mek",
        "org/government-of-iraq",
        "org/iranian-regime",
    ]
    edge = rows[0]["top_edges"][0]
    assert edge["statements"][0]["iri"].startswith("https://kg.example.org/id/statement/")
    assert edge["evidence"][0]["quote"]
    code, out, _ = _run(
        capsys, "network", "centrality", "--format", "csv", "--source", "003", "--top", "2"
    )
    assert code == 0 and out.splitlines()[0] == "rank,node,id,label,class,betweenness,neighbours"
    assert len(out.splitlines()) == 3


def test_communities_and_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "network", "communities", "--algorithm", "greedy")
    assert code == 0 and "modularity" in out.splitlines()[-1]
    code, out, _ = _run(capsys, "network", "path", "Nuri al-Maliki", "org/mek")
    assert code == 0
    assert out.startswith("Nouri al-Maliki → ")
    assert "statements:" in out


def test_export_and_plot_for_gephi(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "actors.graphml"
    code, text, _ = _run(
        capsys, "network", "export", "--format", "graphml", "--out", str(out), "--method", "curated"
    )
    G = nx.read_graphml(out)
    assert code == 0 and f"{len(G)} nodes, {G.number_of_edges()} edges" in text
    mek = G.nodes["https://kg.example.org/id/org/mek"]
    assert mek["label"] == "MEK" and mek["community"] >= 1 and mek["betweenness"] > 0.2
    picture = tmp_path / "actors.png"
    code, _, _ = _run(capsys, "network", "plot", "--out", str(picture), "--colour-by", "community")
    assert code == 0 and picture.read_bytes()[:4] == b"\x89PNG"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actors.graphml", "actors.png"]


def test_materialize_writes_scores_with_their_provenance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "betweenness.ttl"
    code, _, err = _run(
        capsys,
        "network",
        "centrality",
        "--top",
        "1",
        "--method",
        "curated",
        "--materialize",
        str(out),
    )
    assert code == 0 and "betweenness values" in err
    g = Graph().parse(out)
    activity = next(g.subjects(RDF.type, PROV.Activity))
    assert g.value(activity, PROV.used) is not None
    values = list(g.subjects(RDF.type, SDO.PropertyValue))
    assert len(values) == len(set(g.subjects(SDO.additionalProperty, None))) > 50
    assert all(g.value(v, PROV.wasGeneratedBy) == activity for v in values)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        pytest.param(["centrality", "--measure", "fame"], "unknown measure", id="measure"),
        pytest.param(
            ["centrality", "--projection", "people"], "unknown projection", id="projection"
        ),
        pytest.param(["centrality", "--format", "xml"], "unknown output format", id="format"),
        pytest.param(["centrality", "--source", "999"], "is not a source", id="source"),
        pytest.param(["centrality", "--from", "last year"], "not a date", id="date"),
        pytest.param(["centrality", "--event-type", "Riot"], "unknown class", id="event-type"),
        pytest.param(["centrality", "--method", "magic"], "unknown extraction method", id="method"),
        pytest.param(["centrality", "--top", "0"], "--top must be at least 1", id="top"),
        pytest.param(["path", "MEK", "Gandalf"], "no node named 'Gandalf'", id="unknown-node"),
        pytest.param(["path", "Iraq", "MEK"], "is ambiguous", id="ambiguous-node"),
        pytest.param(
            ["communities", "--algorithm", "magic"], "unknown community algorithm", id="algo"
        ),
        pytest.param(
            ["communities", "--projection", "mentions", "--from", "2009"],
            "cannot be filtered",
            id="mentions",
        ),
        pytest.param(["export", "--out", "net.txt"], "unknown export format", id="export"),
        pytest.param(["plot", "--out", "net.gif"], "give a .png, .svg or .pdf", id="plot"),
        pytest.param(
            ["plot", "--out", "x.png", "--event-type", "War", "--from", "2020"],
            "nothing to draw",
            id="empty",
        ),
    ],
)
def test_user_mistakes_give_one_clear_line(
    capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    code, _, err = _run(capsys, "network", *args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and fragment in err, err
