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
