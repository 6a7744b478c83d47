"""kg.mentions: locating quotes and surface forms."""

from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.mentions import FormMatcher, locate
from kg.sources import Source

TEXT = "The MEK (PMOI) moved. The MEK’s base was Camp Ashraf. Ashraf Rajavi. Latest news: MEK"


def source() -> Source:
    return Source("t.txt", TEXT, boilerplate_start=TEXT.index("Latest news"))


def test_locate_gives_code_point_offsets() -> None:
    span = locate(source(), "Camp Ashraf")
    assert TEXT[span.start : span.end] == "Camp Ashraf"
    emoji = Source("e.txt", "🙂 é Camp")
    assert locate(emoji, "Camp").start == 4


def test_ambiguous_quote_needs_occurrence() -> None:
    with pytest.raises(KgError, match="occurs 2 times"):
        locate(source(), "The MEK")
    assert locate(source(), "The MEK", 2).start == TEXT.index("The MEK’s")


def test_occurrence_out_of_range_and_missing_quote() -> None:
    with pytest.raises(KgError, match="not 3"):
        locate(source(), "The MEK", 3)
    with pytest.raises(KgError, match="not found verbatim"):
        locate(source(), "The MEK's")  # straight apostrophe: the text has a curly one


def test_quote_in_boilerplate_is_rejected() -> None:
    with pytest.raises(KgError, match="boilerplate"):
        locate(source(), "Latest news")


def test_forms_match_longest_first_on_word_boundaries_outside_boilerplate() -> None:
    matcher = FormMatcher(
        {
            "org/mek": ("MEK", "MEK (PMOI)", "PMOI"),
            "place/camp-ashraf": ("Camp Ashraf", "Ashraf"),
            "person/ashraf-rajavi": ("Ashraf Rajavi",),
        }
    )
    found = [(m.entity, m.span.exact) for m in matcher.find(source())]
    assert found == [
        ("org/mek", "MEK (PMOI)"),
        ("org/mek", "MEK"),
        ("place/camp-ashraf", "Camp Ashraf"),
        ("person/ashraf-rajavi", "Ashraf Rajavi"),
    ]


def test_a_form_cannot_belong_to_two_entities() -> None:
    with pytest.raises(KgError, match="belongs to both"):
        FormMatcher({"place/iraq": ("Iraq",), "org/government-of-iraq": ("Iraq",)})
