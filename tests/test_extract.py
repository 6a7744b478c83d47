"""kg.extract: text, dates, counts, entity linking, the rules and the extracted-claims format."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.curation import EntityRecord
from kg.errors import KgError
from kg.extract.casualties import find_casualties
from kg.extract.dates import find_dates
from kg.extract.evaluate import evaluate
from kg.extract.extractor import extract_document
from kg.extract.linking import EntityIndex
from kg.extract.names import find_names
from kg.extract.quantities import parse_quantity
from kg.extract.records import Extraction, merge_candidates, parse_extraction, to_yaml
from kg.extract.signature import Signature
from kg.extract.text import document_from_html, read_document, split_sentences
from kg.project import Project


@pytest.mark.parametrize(
    ("text", "values"),
    [
        pytest.param("on September 1, 2013 –", [("2013-09-01", "2013-09-01")], id="m-d-y"),
        pytest.param("on 1 September 2013", [("2013-09-01", "2013-09-01")], id="d-m-y"),
        pytest.param("July 28-29, 2009 –", [("2009-07-28", "2009-07-29")], id="range"),
        pytest.param("In April 2011, x", [("2011-04", "2011-04")], id="month"),
        pytest.param("In early 2003, x", [("2003", "2003")], id="year"),
        pytest.param("from 2009-2012.", [("2009", "2012")], id="years"),
        pytest.param("since 2015", [("2015", None)], id="open"),
        pytest.param("over 1,300 injured and 5.2 million", [], id="not-dates"),
    ],
)
def test_dates_at_their_precision(text: str, values: list[tuple[str, str | None]]) -> None:
    assert [(d.start_value, d.end_value) for d in find_dates(text)] == values


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("nearly 50", 50, "nearly"),
        ("Thirty-six", 36, None),
        ("more than 1,300", 1300, "more than"),
        ("over 5.2 million", 5_200_000, "over"),
        ("a dozen", 12, None),
        ("hundreds", "hundreds", None),
    ],
)
def test_quantities(text: str, value: int | str, qualifier: str | None) -> None:
    q = parse_quantity(text)
    assert q is not None and (q.value, q.qualifier) == (value, qualifier)


def test_casualty_figures_skip_non_people() -> None:
    text = "Twenty Katyusha rockets were fired, killing four residents and injuring 71 others."
    figures = [(c.predicate, c.quantity.value) for c in find_casualties(text, 0)]
    assert figures == [("fatalities", 4), ("injured", 71)]
    assert find_casualties("It placed 300 loudspeakers that were hurt", 0) == []


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        pytest.param("Nuri Al-Maliki’s office", "person/nouri-al-maliki", id="case-possessive"),
        pytest.param("Nouri al Maliki", "person/nouri-al-maliki", id="hyphen"),
        pytest.param("Nūri al-Mālikī", "person/nouri-al-maliki", id="diacritics"),
        pytest.param("the Iraqi ARMY", "org/iraqi-army", id="case"),
        pytest.param("Kata'eb Hezbollah", "org/kataeb-hezbollah", id="apostrophe"),
        pytest.param("Kataib Hizbollah", "org/kataeb-hezbollah", id="transliteration"),
        pytest.param("Camp Hurriya", "place/camp-liberty", id="alias"),
        pytest.param("the Qods Force", "org/quds-force", id="qods"),
    ],
)
def test_linking_tolerates_variants(index: EntityIndex, text: str, entity: str) -> None:
    assert [m.entity for m in index.find(text)] == [entity]


def test_single_words_match_case_sensitively(index: EntityIndex) -> None:
    assert index.find("let us talk about liberty") == []
    assert [m.entity for m in index.find("the US and Liberty")] == [
        "org/us-government",
        "place/camp-liberty",
    ]


def test_acronyms_introduced_in_parentheses(index: EntityIndex) -> None:
    text = (
        "The People’s Mojahedin Organization of Iran (PMOI) and the Mujahedin-e Khalq (MEK) met "
        "the Syrian Democratic Forces (SDF). Later the SDF left."
    )
    names = find_names(index, text)
    linked = {text[m.start : m.end]: m.entity for m in names.mentions}
    assert linked["People’s Mojahedin Organization of Iran"] == "org/mek"
    assert linked["Mujahedin-e Khalq"] == "org/mek"
    assert linked["SDF"] == "org/syrian-democratic-forces"
    assert names.candidates["org/syrian-democratic-forces"].types == ("ArmedForce",)


def test_candidates_are_typed_by_context(index: EntityIndex) -> None:
    text = "Prime Minister Haider al-Abadi met Human Rights Watch at Camp Bucca."
    found = {c.id: c.types for c in find_names(index, text).candidates.values()}
    assert found == {
        "person/haider-al-abadi": ("Person",),
        "org/human-rights-watch": ("NonGovernmentalOrganisation",),
        "place/camp-bucca": ("Camp",),
    }


def test_sentences_and_html() -> None:
    assert [s.text for s in split_sentences("Gen. Smith left. U.S. forces came.\nNext")] == [
        "Gen. Smith left.",
        "U.S. forces came.",
        "Next",
    ]
    doc = document_from_html(
        "a.html",
        "<html><head><title>T</title><script>x()</script></head><body><h1>H</h1>"
        "<p>One &amp; two.</p><ul><li>Three</li></ul></body></html>",
    )
    assert doc.title == "T" and doc.text == "H\n\nOne & two.\n\nThree"


def test_rules_on_sentences(index: EntityIndex, signature: Signature) -> None:
    text = (
        "In July 2009, the Iraqi Army under the direct order of Prime Minister Nuri al-Maliki "
        "launched a deadly attack on Camp Ashraf that left 11 MEK members dead.\n\n"
        "In 1986, about 1,000 MEK members travelled from France to Iraq.\n\n"
        "Tahar Boumedra, former Chief of the Human Rights Office of UNAMI, said: “It was a crime.”"
    )
    ex = extract_document(text, index, signature, source="t.txt", origin="t.txt")
    facts = {(c.predicate, str(c.value)) for c in ex.claims}
    assert {
        ("date", "2009-07"),
        ("perpetrator", "org/iraqi-army"),
        ("orderedBy", "person/nouri-al-maliki"),
        ("location", "place/camp-ashraf"),
        ("fatalities", "11"),
        ("target", "org/mek"),
        ("relocatedFrom", "place/france"),
        ("relocatedTo", "place/iraq"),
        ("numberOfPeople", "1000"),
        ("inOrganisation", "org/unami"),
        ("isFormer", "True"),
        ("statedBy", "person/tahar-boumedra"),
        ("wording", "It was a crime"),
    } <= facts
    assert all(text[c.start : c.start + len(c.quote)] == c.quote for c in ex.claims)
    assert all(0 < c.confidence <= 1 and c.rule for c in ex.claims)


def test_a_place_is_never_a_perpetrator(index: EntityIndex, signature: Signature) -> None:
    ex = extract_document(
        "In 1980, Iraq invaded Iran.", index, signature, source="t.txt", origin="t.txt"
    )
    perpetrators = [c.value for c in ex.claims if c.predicate == "perpetrator"]
    assert perpetrators == ["org/government-of-iraq"]


def test_records_round_trip_and_candidate_merge() -> None:
    record = EntityRecord(
        "person/jan-kubis", ("Person",), "Jan Kubis", ("Jan Kubis",), candidate=True
    )
    ex = Extraction("a.txt", "a.html", "f" * 64, (record,), ())
    again = parse_extraction(to_yaml(ex), "a.yaml")
    assert again == ex
    registry = {"place/x": EntityRecord("place/x", ("Camp",), "X", ("Jan Kubis",))}
    merged = merge_candidates(registry, [again])
    assert merged["person/jan-kubis"].candidate and merged["person/jan-kubis"].forms == ()
    with pytest.raises(KgError, match="confidence"):
        parse_extraction(
            "source: a\norigin: a\nsha256: a\nclaims:\n"
            "  - {quote: q, start: 0, facts: [[s, p, 1, {rule: r}]]}",
            "b.yaml",
        )


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        pytest.param(b"", "empty document", id="empty"),
        pytest.param(b"\x00\x01\x02binary", "binary file", id="binary"),
        pytest.param("Caf\u00e9 au lait".encode("latin-1"), "not UTF-8", id="encoding"),
    ],
)
def test_bad_documents(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(KgError, match=fragment):
        read_document(path)


def test_eval_on_one_annotated_source(project: Project) -> None:
    report = evaluate(project, [project.curation_dir / "001_dd6600ad609501c8.yaml"])
    assert report.overall.gold > 30 and report.overall.auto > 10
    assert report.overall.precision >= 0.7
    assert set(report.sources) == {"001_dd6600ad609501c8.txt"}


def test_eval_on_the_five_texts(project: Project) -> None:
    report = evaluate(project, [project.curation_dir])
    assert report.overall.gold == 686
    assert report.overall.precision >= 0.85 and report.overall.recall >= 0.58


def test_eval_on_the_articles_outside_the_corpus(project: Project) -> None:
    data = Path(__file__).parent / "data"
    report = evaluate(project, [data], sources_dir=data)
    assert len(report.sources) == 6
    assert report.overall.precision >= 0.8 and report.overall.recall >= 0.55
