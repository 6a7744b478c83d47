"""kg.extract rules on sentences: places, relations, speech, notes, anaphora, actions, lists."""

from __future__ import annotations

import re

import pytest

from kg.extract.eventlinks import KnownEvent, link_events
from kg.extract.extractor import extract_document
from kg.extract.linking import EntityIndex
from kg.extract.signature import Signature


def _short(entity: str) -> str:
    """A new node's id without its hash ("event/attack-5e1f2a9c03" → "event/attack")."""
    return re.sub(r"-[0-9a-f]{10}$", "", entity)


def _facts(text: str, index: EntityIndex, signature: Signature) -> set[tuple[str, str, str]]:
    ex = extract_document(text, index, signature, source="t.txt", origin="t.txt")
    assert all(text[c.start : c.start + len(c.quote)] == c.quote for c in ex.claims)
    return {
        (_short(c.subject), c.predicate, _short(str(c.value)))
        for c in ex.claims
        if c.predicate not in ("altLabel", "roleTitle", "wording")
    }


CASES = [
    pytest.param(
        "Entrance to the City of Ashraf, Iraq-Diyala, and Camp Liberty in Iraq.",
        {
            ("place/camp-ashraf", "locatedIn", "place/iraq"),
            ("place/camp-ashraf", "locatedIn", "place/diyala-province"),
            ("place/camp-liberty", "locatedIn", "place/iraq"),
        },
        id="located-in",
    ),
    pytest.param(
        "They moved to European countries, including Albania, Germany and Spain.",
        {
            ("place/germany", "locatedIn", "place/europe"),
            ("place/spain", "locatedIn", "place/europe"),
        },
        id="region-list",
    ),
    pytest.param(
        "Camp Liberty, an abandoned base near the Baghdad airport, was chosen. "
        "Camp Ashraf lies near the Iranian border.",
        {
            ("place/camp-liberty", "near", "place/baghdad-airport"),
            ("place/camp-ashraf", "near", "place/iran"),
        },
        id="near",
    ),
    pytest.param(
        "The MEK lived in Camp Ashraf. Martin Kobler, a German diplomat, arrived.",
        {
            ("org/mek", "basedAt", "place/camp-ashraf"),
            ("person/martin-kobler", "nationality", "place/germany"),
        },
        id="based-at-nationality",
    ),
    pytest.param(
        "The Quds Force supplies missiles to its proxy groups (Kata’eb Hezbollah and Harakat "
        "al-Nujaba). Multinational forces led by the United States arrived. The MEK’s NLA fought.",
        {
            ("org/kataeb-hezbollah", "supportedBy", "org/quds-force"),
            ("org/harakat-al-nujaba", "proxyOf", "org/quds-force"),
            ("org/multinational-forces", "ledBy", "org/us-government"),
            ("org/nla", "memberOf", "org/mek"),
        },
        id="relations",
    ),
    pytest.param(
        "Camp Ashraf endured three assaults by the Iranian regime.",
        {("place/camp-ashraf", "numberOfAttacks", "3")},
        id="attacks-on-a-place",
    ),
    pytest.param(
        "Martin Kobler, the head of UNAMI, called on the Iraqi authorities to investigate.",
        {
            ("event/statement", "statedBy", "person/martin-kobler"),
            ("role/martin-kobler-head", "inOrganisation", "org/unami"),
        },
        id="speech-apposition",
    ),
    pytest.param(
        "Rockets hit Camp Liberty on 4 July 2016. Tahar Boumedra said he was shocked by the "
        "attack.",
        {
            ("event/statement", "about", "event/attack"),
            ("event/attack", "location", "place/camp-liberty"),
        },
        id="speech-about-the-attack",
    ),
    pytest.param(
        "Tahar Boumedra said: “It was a crime.”1\n\n"
        "1) “The Long Road,” by Ann Lee, Harbour Press, 2013.",
        {
            ("event/statement", "citesDocument", "doc/the-long-road"),
            ("doc/the-long-road", "author", "person/ann-lee"),
            ("doc/the-long-road", "publisher", "org/harbour-press"),
            ("doc/the-long-road", "date", "2013"),
        },
        id="footnote-notes",
    ),
    pytest.param(
        "Rockets hit Camp Liberty in June 2013, killing two residents.",
        {("event/attack", "target", "group/liberty-residents")},
        id="residents-of-the-camp",
    ),
    pytest.param(
        "Martin Kobler visited Camp Ashraf in 2012. He said the camp would close.",
        {("event/statement", "statedBy", "person/martin-kobler")},
        id="he-said",
    ),
    pytest.param(
        "Soon thereafter, Iraq banned all visits to Camp Ashraf by NGOs.",
        {
            ("event/blockade", "perpetrator", "org/government-of-iraq"),
            ("event/blockade", "target", "place/camp-ashraf"),
            ("event/blockade", "location", "place/camp-ashraf"),
        },
        id="blockade",
    ),
    pytest.param(
        "The residents suffered three major attacks that killed 116 people.\n"
        "• July 28-29, 2009 – Iraqi forces attacked the residents.\n"
        "• April 8, 2011 – Iraqi troops killed 36 residents.",
        {("event/attack", "partOf", "event/attack"), ("event/attack", "numberOfAttacks", "3")},
        id="attack-series",
    ),
    pytest.param(
        "In 2012 the MEK residents of Camp Ashraf were relocated to Camp Liberty.",
        {
            ("event/relocation", "relocatedFrom", "place/camp-ashraf"),
            ("event/relocation", "relocatedTo", "place/camp-liberty"),
        },
        id="relocation",
    ),
    pytest.param(
        "The memorandum of understanding was signed by the United Nations and the Iraqi "
        "government on 25 December 2011.",
        {
            ("agreement/mou-2011", "signatory", "org/united-nations"),
            ("agreement/mou-2011", "party", "org/government-of-iraq"),
            ("agreement/mou-2011", "date", "2011-12-25"),
        },
        id="signed-by",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_rules_on_sentences(
    index: EntityIndex, signature: Signature, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= _facts(text, index, signature)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The designation means the MEK had not fought the army.", id="negated"),
        pytest.param("With each new offensive, the NLA went deeper into Iran.", id="generic"),
        pytest.param("They tried to prevent 1,000 members from leaving Iraq.", id="prevented-move"),
        pytest.param("A UN officer said the camp was unsafe.", id="modifier-not-speaker"),
    ],
)
def test_what_did_not_happen_is_not_extracted(
    index: EntityIndex, signature: Signature, text: str
) -> None:
    predicates = {p for _, p, _ in _facts(text, index, signature)}
    assert not predicates & {"perpetrator", "relocatedFrom", "statedBy"}


def test_new_events_link_to_curated_events(index: EntityIndex, signature: Signature) -> None:
    text = "In July 2009, Iraqi forces attacked Camp Ashraf, killing 11 residents."
    ex = extract_document(text, index, signature, source="t.txt", origin="t.txt")
    known = [
        KnownEvent(
            "event/attack-ashraf-2009-07",
            ("Attack",),
            frozenset({"2009-07", "2009-07-28"}),
            frozenset({"place/camp-ashraf"}),
        )
    ]
    linked = link_events(ex, known, signature)
    fatalities = next(c for c in linked.claims if c.predicate == "fatalities")
    assert fatalities.subject == "event/attack-ashraf-2009-07"
    assert fatalities.rule.endswith("+event-link")
    assert not any(e.id.startswith("event/attack-") for e in linked.entities)
    elsewhere = [
        KnownEvent(k.id, k.types, k.dates, frozenset({"place/camp-liberty"})) for k in known
    ]
    assert link_events(ex, elsewhere, signature) == ex
