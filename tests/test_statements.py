"""kg.statements: typing curated values against the ontology and grouping evidence."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.curation import Claim, Curation, EntityRecord
from kg.errors import KgError
from kg.iris import IriMinter
from kg.namespaces import KG
from kg.project import Project
from kg.schema import load_schema
from kg.sources import Source
from kg.statements import Method, make_statements

TEXT = "In July 2009, 11 were killed. Later 13 were killed, nearly 50 in all."
SOURCES = {"a.txt": Source("a.txt", TEXT), "b.txt": Source("b.txt", TEXT)}
ENTITIES = {
    "event/x": EntityRecord("event/x", ("Attack",), "X"),
    "org/y": EntityRecord("org/y", ("Organisation",), "Y", ("Later",)),
}


def claim(
    predicate: str,
    value: object,
    quote: str = "11 were killed",
    source: str = "a.txt",
    **kw: object,
) -> Claim:
    return Claim("t.yaml", source, quote, None, "event/x", predicate, value, **kw)  # type: ignore[arg-type]


def make(project: Project, *claims: Claim):  # type: ignore[no-untyped-def]
    schema = load_schema(project.ontology_path)
    return make_statements(Curation(ENTITIES, claims), SOURCES, schema, IriMinter())


@pytest.mark.parametrize(
    ("value", "datatype"),
    [("2009", XSD.gYear), (2009, XSD.gYear), ("2009-07", XSD.gYearMonth), ("2009-07-28", XSD.date)],
)
def test_dates_keep_their_precision(project: Project, value: object, datatype: URIRef) -> None:
    (st,) = [s for s in make(project, claim("date", value)) if s.predicate == KG.date]
    assert isinstance(st.object, Literal) and st.object.datatype == datatype


def test_counts_are_integers_and_vague_figures_stay_text(project: Project) -> None:
    statements = make(project, claim("fatalities", 11), claim("injured", "many others"))
    values = {s.predicate: s.object for s in statements}
    assert values[KG.fatalities] == Literal(11, datatype=XSD.integer)
    assert values[KG.injured] == Literal("many others")


def test_different_values_are_different_statements(project: Project) -> None:
    statements = make(
        project, claim("fatalities", 11), claim("fatalities", 13, "13 were killed", "b.txt")
    )
    assert sorted(int(s.object) for s in statements if s.predicate == KG.fatalities) == [11, 13]


def test_same_fact_from_two_sources_is_one_statement_with_two_evidence(project: Project) -> None:
    statements = make(project, claim("fatalities", 11), claim("fatalities", 11, source="b.txt"))
    (st,) = [s for s in statements if s.predicate == KG.fatalities]
    assert st.sources == ("a.txt", "b.txt") and len(st.evidence) == 2


def test_qualifier_and_inference_are_kept_on_the_evidence(project: Project) -> None:
    statements = make(
        project, claim("fatalities", 50, "nearly 50 in all", qualifier="nearly", inferred=True)
    )
    (st,) = [s for s in statements if s.predicate == KG.fatalities]
    assert st.evidence[0].qualifier == "nearly" and st.inferred


def test_surface_forms_become_alt_label_statements(project: Project) -> None:
    (st,) = [s for s in make(project) if s.subject.endswith("org/y")]
    assert str(st.object) == "Later" and st.evidence[0].method is Method.SURFACE_FORM
    assert len(st.evidence) == 2  # once in a.txt, once in b.txt


@pytest.mark.parametrize(
    ("predicate", "value", "message"),
    [
        pytest.param("fatalitys", 11, "not a property of the ontology", id="typo-property"),
        pytest.param("perpetrator", "org/nobody", "unknown entity", id="unknown-entity"),
        pytest.param("perpetrator", 12, "takes an entity id", id="number-for-entity"),
        pytest.param("a", "Attak", "not a class", id="unknown-class"),
        pytest.param("date", "July 2009", "not a date", id="bad-date"),
        pytest.param("isFormer", "yes", "true/false", id="bad-boolean"),
    ],
)
def test_bad_values_are_rejected_with_the_claim_location(
    project: Project, predicate: str, value: object, message: str
) -> None:
    with pytest.raises(KgError, match=message) as info:
        make(project, claim(predicate, value))
    assert str(info.value).startswith("t.yaml")
