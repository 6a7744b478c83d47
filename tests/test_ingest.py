"""kg ingest: a new article becomes a source and verified automatic statements, idempotently."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from helpers import run_cli
from kg.build import build
from kg.extract import ingest as ingest_module
from kg.extract.ingest import Outcome, ingest
from kg.namespaces import KG, OA, PROV, RDF, SKOS
from kg.project import Project
from kg.validate import validate

ARTICLE = Path(__file__).parent / "data" / "liberty-rocket-attack-2015.txt"
ID = "https://kg.example.org/id/"


def _graph(project: Project) -> Graph:
    graph = Graph()
    graph.parse(project.triples_path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Project:
    """A project copy into which the held-out article has been ingested once."""
    root = tmp_path_factory.mktemp("ingested")
    for part in ("ontology", "data/sources", "data/curation", "queries"):
        shutil.copytree(project.root / part, root / part)
    copy = Project(root)
    report = ingest(copy, [ARTICLE])
    assert [r.outcome for r in report.results] == [Outcome.ADDED]
    return copy


def _attack_2015(graph: Graph) -> URIRef:
    events = [
        e
        for e in graph.subjects(KG.location, URIRef(ID + "place/camp-liberty"))
        if (e, KG.date, Literal("2015-10-29", datatype=XSD.date)) in graph
    ]
    assert len(events) == 1
    return URIRef(str(events[0]))


def test_article_becomes_a_source_with_verified_statements(ingested: Project) -> None:
    sources = sorted(p.name for p in ingested.sources_dir.glob("liberty-rocket-attack-2015_*"))
    assert len(sources) == 2 and sources[0].endswith(".txt")
    assert (ingested.extracted_dir / (Path(sources[0]).stem + ".yaml")).is_file()
    report = validate(ingested)
    assert report.ok, (report.shacl.messages[:3], report.provenance.failures[:3])
    assert report.provenance.verified == report.provenance.evidence


def test_ingest_keeps_the_dataset_description_in_step(ingested: Project) -> None:
    from kg.void import project_void

    assert ingested.void_path.read_bytes() == project_void(ingested, _graph(ingested))


def test_known_entities_link_to_existing_nodes(ingested: Project) -> None:
    graph = _graph(ingested)
    attack = _attack_2015(graph)
    liberty = URIRef(ID + "place/camp-liberty")
    assert (liberty, SKOS.altLabel, Literal("Camp Hurriya")) in graph
    assert (attack, KG.perpetrator, URIRef(ID + "org/kataeb-hezbollah")) in graph
    maliki = URIRef(ID + "person/nouri-al-maliki")
    assert (maliki, SKOS.altLabel, Literal("Nouri Al-Maliki")) in graph
    assert (URIRef(ID + "org/mek"), SKOS.altLabel, Literal("Mujahedin-e Khalq")) in graph


def test_events_the_graph_has_link_to_the_curated_event(ingested: Project) -> None:
    claims = next(ingested.extracted_dir.glob("liberty-rocket-attack-2015_*.yaml"))
    linked = [
        line for line in claims.read_text(encoding="utf-8").splitlines() if "+event-link" in line
    ]
    assert any('"event/attack-ashraf-2009-07", "fatalities", 11' in line for line in linked)
    july_2009 = set(_graph(ingested).subjects(KG.date, Literal("2009-07", datatype=XSD.gYearMonth)))
    assert july_2009 == {URIRef(ID + "event/attack-ashraf-2009-07")}  # not a second node


def test_dates_and_casualty_figures_with_method_and_confidence(ingested: Project) -> None:
    graph = _graph(ingested)
    attack = _attack_2015(graph)
    assert (attack, KG.fatalities, Literal(23, datatype=XSD.integer)) in graph
    assert (attack, KG.injured, Literal(70, datatype=XSD.integer)) in graph
    assert (attack, KG.isCandidate, Literal(True)) in graph
    statements = list(graph.subjects(RDF.object, Literal(23, datatype=XSD.integer)))
    st = next(s for s in statements if (s, RDF.subject, attack) in graph)
    activity = graph.value(st, PROV.wasGeneratedBy)
    assert graph.value(activity, KG.method) == KG.PatternRule
    assert 0 < float(graph.value(st, KG.confidence)) <= 1  # type: ignore[arg-type]
    evidence = graph.value(st, PROV.wasDerivedFrom)
    assert graph.value(evidence, KG.qualifier) == Literal("at least")
    exact = [str(graph.value(sel, OA.exact)) for sel in graph.objects(evidence, OA.hasSelector)]
    assert any("killing at least 23 residents" in e for e in exact if e != "None")
    dates = {str(o) for o in graph.objects(None, KG.date) if "2013" in str(o)}
    assert {"2013-02-09", "2013-12"} <= dates


def test_reingesting_the_same_file_changes_nothing(ingested: Project) -> None:
    before = {p: p.read_bytes() for p in (ingested.root / "data").rglob("*") if p.is_file()}
    report = ingest(ingested, [ARTICLE])
    assert [r.outcome for r in report.results] == [Outcome.UNCHANGED] and not report.built
    after = {p: p.read_bytes() for p in (ingested.root / "data").rglob("*") if p.is_file()}
    assert before == after


def test_curated_statements_win(ingested: Project) -> None:
    graph = _graph(ingested)
    # the article's "Camp Hurriya" is also a curated form: its statement stays a surface-form match
    fatalities = Literal(36, datatype=XSD.integer)
    curated = URIRef(ID + "event/attack-ashraf-2011-04-08")
    st = next(
        s
        for s in graph.subjects(RDF.subject, curated)
        if (s, RDF.object, fatalities) in graph and (s, RDF.predicate, KG.fatalities) in graph
    )
    assert graph.value(st, KG.confidence) is None
    activity = graph.value(st, PROV.wasGeneratedBy)
    assert graph.value(activity, KG.method) == KG.CuratedAnnotation


def test_changed_file_replaces_its_statements(scratch: Project, tmp_path: Path) -> None:
    article = tmp_path / "news.html"
    article.write_text(
        "<html><head><title>Attack</title></head><body><p>On 1 March 2016, rockets hit "
        "Camp Liberty, killing three residents.</p></body></html>",
        encoding="utf-8",
    )
    first = ingest(scratch, [article]).results[0]
    article.write_text(
        "<html><body><p>On 2 March 2016, rockets hit Camp Liberty, killing five residents."
        "</p></body></html>",
        encoding="utf-8",
    )
    second = ingest(scratch, [article]).results[0]
    assert (first.outcome, second.outcome) == (Outcome.ADDED, Outcome.REPLACED)
    assert not (scratch.sources_dir / str(first.source)).exists()
    stored = (scratch.sources_dir / str(second.source)).read_text(encoding="utf-8")
    assert stored == "On 2 March 2016, rockets hit Camp Liberty, killing five residents."
    graph = _graph(scratch)
    assert not list(graph.subjects(KG.fatalities, Literal(3, datatype=XSD.integer)))
    assert list(graph.subjects(KG.fatalities, Literal(5, datatype=XSD.integer)))
    assert len(list(scratch.extracted_dir.glob("*.yaml"))) == 1


def test_failed_build_rolls_back(
    scratch: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("In 2016 about 100 residents were moved to Albania.", encoding="utf-8")

    def broken(project: Project) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(ingest_module, "build", broken)
    with pytest.raises(OSError):
        ingest(scratch, [article])
    assert not list(scratch.sources_dir.glob("a_*")) and not list(scratch.extracted_dir.glob("*"))
    assert not scratch.triples_path.exists()
    assert build(scratch).statements


def test_cli_reports_each_bad_file_and_ingests_the_rest(scratch: Project, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (inbox / "latin1.txt").write_bytes("Camp Liberty à Bagdad".encode("latin-1"))
    with (inbox / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (inbox / "good.txt").write_text(
        "On 4 July 2016, a rocket hit Camp Liberty, injuring two residents.", encoding="utf-8"
    )
    missing = tmp_path / "missing.txt"
    proc = run_cli("--project", str(scratch.root), "ingest", str(inbox), str(missing))
    assert proc.returncode == 1, proc.stderr
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 5 and "Traceback" not in proc.stderr
    for name, fragment in [
        ("empty.txt", "empty document"),
        ("binary.txt", "binary"),
        ("latin1.txt", "not UTF-8"),
        ("huge.txt", "too large"),
        ("missing.txt", "no such file"),
    ]:
        assert any(name in line and fragment in line for line in errors), (name, errors)
    assert "added" in proc.stdout and "good.txt" in proc.stdout
    assert len(list(scratch.sources_dir.glob("good_*.txt"))) == 1


def test_cli_eval_prints_precision_and_recall() -> None:
    proc = run_cli("eval", str(ARTICLE.with_suffix(".yaml")), "--sources", str(ARTICLE.parent))
    assert proc.returncode == 0, proc.stderr
    assert "precision" in proc.stdout and "entity-linked facts" in proc.stdout
