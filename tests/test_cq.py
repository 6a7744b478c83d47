"""The public competency questions, answered by the shipped queries (queries/cq*.rq)."""

from __future__ import annotations

import pyoxigraph as ox

from helpers import rows
from kg.project import Project

ID = "https://kg.example.org/id/"


def by_source(found: list[dict[str, object]], key: str) -> dict[str, set[object]]:
    out: dict[str, set[object]] = {}
    for r in found:
        out.setdefault(str(r["source"])[:3], set()).add(r[key])
    return out


def test_cq01_attacks_on_ashraf_after_the_transfer_in_order(
    store: ox.Store, project: Project
) -> None:
    found = rows(store, project, "cq01-attacks-on-ashraf-after-transfer")
    assert [r["attack"] for r in found] == [
        ID + "event/attack-ashraf-2009-07",
        ID + "event/attack-ashraf-2011-04-08",
        ID + "event/attack-ashraf-2013-09-01",
    ]
    assert "2009-07-28" in str(found[0]["dates"]) and "2009-07-29" in str(found[0]["dates"])
    assert str(found[0]["transferDate"]).startswith("2009")


def test_cq03_july_2009_deaths_per_source(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq03-july-2009-deaths-per-source")
    assert by_source(found, "fatalities") == {"001": {11}, "002": {13}, "003": {13}}
    assert all(r["quote"] for r in found)


def test_cq04_disputed_casualty_figures(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq04-july-2009-disputed-figures")
    table = {(r["figure"], r["value"]): set(str(r["sources"]).split(", ")) for r in found}
    assert table[("fatalities", 11)] == {"001_dd6600ad609501c8.txt"}
    assert table[("fatalities", 13)] == {"002_6f8cc6376ad1e593.txt", "003_78d5d9760ad759e2.txt"}
    assert table[("injured", 500)] == {"001_dd6600ad609501c8.txt"}
    vague = {v for (f, v), s in table.items() if f == "injured" and isinstance(v, str)}
    assert {"many others", "many more"} <= vague


def test_cq11_mou_parties_signatory_and_destination(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq11-mou-parties")
    relations: dict[str, set[str]] = {}
    for r in found:
        relations.setdefault(str(r["relation"]), set()).add(str(r["value"]))
    assert {"United Nations", "Iraqi government"} <= relations["party"]
    assert relations["signatory"] == {"Martin Kobler"}
    assert "United Nations" in relations["signedOnBehalfOf"]
    assert "Camp Liberty" in relations["relocatedTo"]
    assert "MEK" in relations["opposedBy"]


def test_cq15_move_from_france_to_iraq(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq15-move-from-france")
    dates = {(str(r["source"])[:3], r["value"]) for r in found if r["relation"] == "date"}
    assert {("001", "1986"), ("002", "1986"), ("004", "1986")} <= dates
    counts = {
        str(r["source"])[:3]: (r["value"], r["qualifier"])
        for r in found
        if r["relation"] == "numberOfPeople"
    }
    assert counts["002"][0] == "1000" and counts["002"][1] == "about"
    assert counts["004"][0] == "1000" and counts["004"][1] in {"around", "about"}
    assert counts["001"][0] == "the MEK leadership"


def test_cq17_resettlement_countries(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq17-resettlement-countries")
    countries = {str(r["country"]): set(str(r["sources"]).split(", ")) for r in found}
    assert set(countries) == {
        "Albania",
        "Germany",
        "Norway",
        "United Kingdom",
        "The Netherlands",
        "Finland",
        "Denmark",
        "Belgium",
        "Italy",
        "Spain",
    }
    assert countries["Albania"] == {"002_6f8cc6376ad1e593.txt", "004_b3cb6dc92e9a9a2d.txt"}
    assert all(s == {"002_6f8cc6376ad1e593.txt"} for c, s in countries.items() if c != "Albania")


def test_cq02_camp_liberty_chronology(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq02-camp-liberty-chronology")
    order = [str(r["event"]).removeprefix(ID) for r in found]
    expected_in_order = [
        "event/relocation-ashraf-to-liberty",
        "event/attack-liberty-2013-02-09",
        "event/attack-liberty-2013-06-15",
        "event/last-relocation-ashraf-to-liberty-2013-09",
        "event/attack-liberty-2013-12-26",
        "event/attack-liberty-2016-07-04",
        "event/foiled-attack-liberty-2016-08-19",
        "event/final-departure-liberty-2016-09-09",
    ]
    assert [e for e in order if e in expected_in_order] == expected_in_order
    by_event = {str(r["event"]).removeprefix(ID): r for r in found}
    assert by_event["event/attack-liberty-2016-07-04"]["fatalities"] == 0
    assert by_event["event/final-departure-liberty-2016-09-09"]["numberOfPeople"] == 280


def test_cq06_who_ordered_and_carried_out_july_2009(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq06-july-2009-perpetrators")
    table = {(r["role"], r["actor"]): str(r["sources"]) for r in found}
    assert "001_dd6600ad609501c8.txt" in table[("orderedBy", "Nouri al-Maliki")]
    assert table[("perpetrator", "Iraqi Army")] == "001_dd6600ad609501c8.txt"
    assert "003_78d5d9760ad759e2.txt" in table[("perpetrator", "Iraqi armed forces")]
    participants = {a for (role, a) in table if role == "participant"}
    assert {"[military] units from Baghdad", "police units from Diyala province"} <= participants
    assert any("56th Brigade" in a for a in participants)


def test_cq08_liberty_total_against_stated_toll(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq08-liberty-death-toll")
    attacks = sorted(int(str(r["fatalities"])) for r in found if r["row"] == "attack")
    assert attacks == [0, 2, 4, 8]
    (total,) = [r for r in found if r["row"] == "total of the dated attacks"]
    assert total["fatalities"] == "14"
    assert [r["fatalities"] for r in found if r["row"] == "stated toll"] == ["15"]


def test_cq13_secret_deal_parties_per_source(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq13-secret-deal-parties")
    parties = {}
    for r in found:
        if r["relation"] == "party":
            parties.setdefault(str(r["source"])[:3], set()).add(r["value"])
    assert parties == {
        "000": {"the West", "Iranian regime"},
        "002": {"US government", "Iranian regime"},
    }
    terms = " ".join(str(r["value"]) for r in found if r["relation"] == "terms")
    assert "bomb" in terms and "war" in terms


def test_cq19_kobler_positions_and_nationality(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq19-kobler-positions")
    positions = {str(r["value"]): r for r in found if r["what"] == "position"}
    assert {"Special Representative for Iraq", "Head of UNAMI"} <= set(positions)
    assert all(str(r["since"]) == "2011-08" for r in positions.values())
    assert [r["value"] for r in found if r["what"] == "nationality"] == ["Germany"]


def test_cq20_boumedra_role_period_and_resignation(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq20-boumedra-role")
    by_what: dict[str, list[dict[str, object]]] = {}
    for r in found:
        by_what.setdefault(str(r["what"]), []).append(r)
    (position,) = by_what["position"]
    assert "Human Rights Office" in str(position["value"]) and "(former)" in str(position["detail"])
    assert [r["value"] for r in by_what["monitoring period"]] == ["2009–2012"]
    reasons = " ".join(
        str(r["value"]) for w, rs in by_what.items() if w.startswith("resignation") for r in rs
    )
    assert "protest" in reasons and "Kobler" in reasons


def test_cq22_seven_boumedra_statements_and_their_sources(
    store: ox.Store, project: Project
) -> None:
    found = rows(store, project, "cq22-boumedra-statements")
    assert len(found) == 7
    in_both = [r for r in found if "003_78d5d9760ad759e2.txt" in str(r["sources"])]
    assert len(in_both) == 1 and "fundamental rights" in str(in_both[0]["wording"])
    assert all("002_6f8cc6376ad1e593.txt" in str(r["sources"]) for r in found)


def test_cq25_mentions_of_maliki(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq25-mentions-of-maliki")
    forms = {str(r["source"]): set(str(r["forms"]).split(" | ")) for r in found}
    assert forms == {
        "001_dd6600ad609501c8.txt": {"Nuri al-Maliki", "al-Maliki"},
        "002_6f8cc6376ad1e593.txt": {"Nouri al-Maliki", "al-Maliki"},
        "003_78d5d9760ad759e2.txt": {"Nouri al-Maliki"},
    }


def test_cq29_camp_ashraf_location_size_and_name(store: ox.Store, project: Project) -> None:
    found = rows(store, project, "cq29-camp-ashraf-location")
    values = {(r["relation"], r["value"]) for r in found}
    assert {
        ("locatedIn", "Diyala Province"),
        ("locatedIn", "Iraq"),
        ("near", "Al-Khalis"),
        ("area", "14 square miles"),
        ("namedAfter", "Ashraf Rajavi"),
    } <= values
    assert any("44 miles" in str(v) for rel, v in values if rel == "locationDescription")
