"""Ingest throughput: 1,000 synthetic articles through ``kg ingest`` into a throw-away project.

The articles are assembled from the corpus's sentence patterns (attacks with casualty figures,
relocations, agreements, positions, reported speech) with varied names, numbers and dates, some of
the names known to the registry (in variant spellings), some new. Prints documents per second for
reading + extraction and for the whole ingest (with the rebuild of the graph), and the peak memory.

    .venv/bin/python bench/bench_ingest.py [--docs 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from kg.curation import load_curation
from kg.extract.extractor import extract_document
from kg.extract.ingest import ingest
from kg.extract.linking import EntityIndex
from kg.extract.signature import Signature
from kg.extract.text import read_document
from kg.project import Project, find_project

MONTHS = "January February March April May June July August September October November December"
CAMPS = ["Camp Liberty", "Camp Hurriya", "Camp Ashraf", "Ashraf", "Camp Salam", "Camp Nour"]
PERPETRATORS = ["Iraqi forces", "the Iraqi Army", "Kata'eb Hezbollah", "the Quds Force"]
PERPETRATORS += ["the Badr Brigade", "Asa'eb Ahl Al-Haq", "the Revolutionary Guards"]
PEOPLE = ["Nuri al-Maliki", "Martin Kobler", "Tahar Boumedra", "Maryam Rajavi", "Jan Kubis"]
PEOPLE += ["Hassan Karimi", "Leila Ahmadi", "Omar Rashid", "John Kerry"]
ORGS = ["the United Nations Assistance Mission for Iraq (UNAMI)", "UNHCR", "the UN"]
ORGS += [
    "the National Council of Resistance of Iran",
    "Human Rights Watch",
    "Amnesty International",
]
COUNTRIES = ["Albania", "Germany", "Norway", "Finland", "Denmark", "Italy", "Spain", "Iraq"]
TEMPLATES = [
    "On {date}, {perp} attacked {camp}, killing {n} residents and wounding {m} others.",
    "In {month} {year}, {perp} launched a rocket attack on {camp} that left {n} MEK members dead.",
    "{date} – {N} residents were murdered and {approx} {m} injured in a mortar attack on {camp}.",
    "In {year}, about {k} residents were relocated from {camp} to {country}.",
    "{person}, the head of {org}, said the attack was “{word}”.",
    "{person}, former Chief of the Human Rights Office of {org}, said he had warned of an attack.",
    "In {month} {year} the {org_short} signed a memorandum of understanding with the Iraqi "
    "government.",
    "According to {org}, {n} people were killed and {m} wounded at {camp} on {date}.",
    "The residents were moved from {camp} to {country} in {year}.",
    "The Mojahedin said that the camp had been under siege since {year}.",
    "Prime Minister {person} described the assault as “a {word}”.",
]
WORDS = ["massacre", "crime against humanity", "tragedy", "war crime", "cowardly act"]


def _date(rng: random.Random) -> str:
    month = rng.choice(MONTHS.split())
    return f"{month} {rng.randint(1, 28)}, {rng.randint(2003, 2016)}"


def article(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(6, 14)):
        n = rng.randint(1, 60)
        fields = {
            "date": _date(rng),
            "month": rng.choice(MONTHS.split()),
            "year": rng.randint(1986, 2016),
            "perp": rng.choice(PERPETRATORS),
            "camp": rng.choice(CAMPS),
            "n": n,
            "N": rng.choice(["Eight", "Thirty-six", "Twelve", "Four", str(n)]),
            "m": rng.randint(1, 400),
            "k": rng.choice([100, 280, 1000, 1900, 2000, 3000]),
            "approx": rng.choice(["nearly", "more than", "about", "over"]),
            "person": rng.choice(PEOPLE),
            "org": rng.choice(ORGS),
            "org_short": rng.choice(["UN", "UNHCR", "UNAMI"]),
            "country": rng.choice(COUNTRIES),
            "word": rng.choice(WORDS),
        }
        paragraphs.append(rng.choice(TEMPLATES).format(**fields))
    return "\n\n".join(paragraphs) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    source = find_project()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for part in ("ontology", "data/sources", "data/curation"):
            shutil.copytree(source.root / part, root / part)
        inbox = root / "inbox"
        inbox.mkdir()
        total_bytes = 0
        for i in range(args.docs):
            text = article(rng)
            total_bytes += len(text.encode())
            (inbox / f"article-{i:04d}.txt").write_text(text, encoding="utf-8")
        project = Project(root)
        files = sorted(inbox.iterdir())

        index = EntityIndex(load_curation(project.curation_dir).entities.values())
        signature = Signature.load(project.ontology_path)
        start = time.perf_counter()
        claims = 0
        for path in files:
            doc = read_document(path)
            claims += len(
                extract_document(
                    doc.text, index, signature, source=path.name, origin=path.name
                ).claims
            )
        extract_s = time.perf_counter() - start

        start = time.perf_counter()
        report = ingest(project, [inbox])
        ingest_s = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        added = sum(1 for r in report.results if r.outcome.value == "added")
        print(
            f"documents:             {args.docs} ({total_bytes / 1e6:.2f} MB of text), "
            f"{added} added"
        )
        print(f"automatic claims:      {claims}")
        print(f"read + extract:        {extract_s:.1f} s = {args.docs / extract_s:.0f} documents/s")
        print(
            f"full ingest + rebuild: {ingest_s:.1f} s = {args.docs / ingest_s:.1f} documents/s "
            f"(graph of {report.triples} triples)"
        )
        print(f"peak memory (RSS):     {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
