"""kg.curation: the curation format and its errors."""

from __future__ import annotations

import pytest

from kg.curation import parse_claims, parse_entities
from kg.errors import KgError


def claims(body: str) -> str:
    return f"source: a.txt\nclaims:\n{body}"


def test_two_and_three_element_facts_and_options() -> None:
    parsed = parse_claims(
        claims("""
  - quote: nearly 50 killed
    subject: event/x
    facts:
      - [fatalities, 50, {qualifier: nearly}]
      - [person/y, memberOf, org/z]
      - [date, 2009-07-28, {inferred: true, note: from the heading}]
"""),
        "a.yaml",
    )
    assert [(c.subject, c.predicate, c.value, c.qualifier, c.inferred) for c in parsed] == [
        ("event/x", "fatalities", 50, "nearly", False),
        ("person/y", "memberOf", "org/z", None, False),
        ("event/x", "date", "2009-07-28", None, True),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            "  - quote: x\n    facts: [[fatalities, 1]]\n", "has no subject", id="no-subject"
        ),
        pytest.param(
            "  - quote: x\n    subject: event/x\n    facts: []\n", "non-empty list", id="no-facts"
        ),
        pytest.param(
            "  - quote: ''\n    subject: event/x\n    facts: [[a, Attack]]\n",
            "non-empty text",
            id="empty-quote",
        ),
        pytest.param(
            "  - quote: x\n    subject: event/x\n    occurrence: 0\n    facts: [[a, Attack]]\n",
            "occurrence",
            id="bad-occurrence",
        ),
        pytest.param(
            "  - quote: x\n    subject: event/x\n    facts: [[a, Attack, {certain: yes}]]\n",
            "fact options",
            id="bad-option",
        ),
        pytest.param(
            "  - quote: x\n    subjekt: event/x\n    facts: [[a, Attack]]\n",
            "a claim needs",
            id="typo-key",
        ),
        pytest.param(
            "  - quote: x\n    subject: event/x\n    facts: [[1, 2, 3, 4, 5]]\n",
            "a fact is",
            id="long-fact",
        ),
    ],
)
def test_malformed_claims_name_the_file_and_claim(body: str, message: str) -> None:
    with pytest.raises(KgError, match=message) as info:
        parse_claims(claims(body), "data/curation/a.yaml")
    assert str(info.value).startswith("data/curation/a.yaml")


def test_duplicate_entity_key_is_an_error_not_a_silent_overwrite() -> None:
    text = "place/x: {type: Camp, label: X}\nplace/x: {type: Camp, label: Y}\n"
    with pytest.raises(KgError, match="duplicate key 'place/x'"):
        parse_entities(text, "entities.yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("Place/X: {type: Camp, label: X}", "bad entity id", id="bad-id"),
        pytest.param("place/x: {label: X}", "must be a class name", id="no-type"),
        pytest.param(
            "place/x: {type: Camp, label: X, forms: X}", "list of strings", id="forms-not-list"
        ),
        pytest.param(
            "place/x: {type: Camp, label: X, colour: red}", "expected keys", id="unknown-key"
        ),
    ],
)
def test_malformed_entities(text: str, message: str) -> None:
    with pytest.raises(KgError, match=message):
        parse_entities(text, "entities.yaml")


def test_yaml_syntax_error_has_file_and_line() -> None:
    with pytest.raises(KgError, match=r"a\.yaml:\d+: invalid YAML"):
        parse_claims("source: a.txt\nclaims:\n  - quote: [unclosed\n", "a.yaml")
