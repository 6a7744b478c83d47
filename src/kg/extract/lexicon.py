"""General word lists the rules share: nationality adjectives and the places they name.

Takes the entity index; :class:`Demonyms` maps an adjective ("Iranian", "European") to the
registry place it derives from (a country or region whose label is the adjective's base name), so
"near the Iranian border" is near Iran and "a German politician" has German nationality. The list
is a lexicon of English words, not of the corpus's entities: which of them resolve depends on the
registry.

>>> from kg.curation import EntityRecord
>>> from kg.extract.linking import EntityIndex
>>> index = EntityIndex([EntityRecord("place/iran", ("Country",), "Iran")])
>>> Demonyms(index).place("Iranian"), Demonyms(index).place("German")
('place/iran', None)
"""

from __future__ import annotations

from kg.extract.linking import EntityIndex

__all__ = ["DEMONYMS", "Demonyms"]

#: Adjective → the place name it derives from.
DEMONYMS: dict[str, str] = {
    "Afghan": "Afghanistan",
    "African": "Africa",
    "Albanian": "Albania",
    "Algerian": "Algeria",
    "American": "United States",
    "Asian": "Asia",
    "Australian": "Australia",
    "Austrian": "Austria",
    "Bahraini": "Bahrain",
    "Belgian": "Belgium",
    "British": "United Kingdom",
    "Canadian": "Canada",
    "Chinese": "China",
    "Danish": "Denmark",
    "Dutch": "The Netherlands",
    "Egyptian": "Egypt",
    "Emirati": "United Arab Emirates",
    "European": "Europe",
    "Finnish": "Finland",
    "French": "France",
    "German": "Germany",
    "Greek": "Greece",
    "Indian": "India",
    "Iranian": "Iran",
    "Iraqi": "Iraq",
    "Irish": "Ireland",
    "Israeli": "Israel",
    "Italian": "Italy",
    "Japanese": "Japan",
    "Jordanian": "Jordan",
    "Kuwaiti": "Kuwait",
    "Lebanese": "Lebanon",
    "Libyan": "Libya",
    "Moroccan": "Morocco",
    "Norwegian": "Norway",
    "Omani": "Oman",
    "Pakistani": "Pakistan",
    "Polish": "Poland",
    "Portuguese": "Portugal",
    "Qatari": "Qatar",
    "Romanian": "Romania",
    "Russian": "Russia",
    "Saudi": "Saudi Arabia",
    "Spanish": "Spain",
    "Sudanese": "Sudan",
    "Swedish": "Sweden",
    "Swiss": "Switzerland",
    "Syrian": "Syria",
    "Tunisian": "Tunisia",
    "Turkish": "Turkey",
    "Ukrainian": "Ukraine",
    "Yemeni": "Yemen",
}


class Demonyms:
    """Nationality adjectives resolved against the registry's places."""

    def __init__(self, index: EntityIndex) -> None:
        by_label: dict[str, str] = {}
        for record in index.records.values():
            if record.id.startswith("place/"):
                for name in (record.label, *record.forms):
                    by_label.setdefault(name.lower(), record.id)
        self._places: dict[str, str] = {}
        for adjective, name in DEMONYMS.items():
            entity = by_label.get(name.lower()) or by_label.get(name.lower().removeprefix("the "))
            if entity:
                self._places[adjective] = entity

    def place(self, adjective: str) -> str | None:
        """The registry place *adjective* derives from ("Iranian" → ``place/iran``)."""
        return self._places.get(adjective.strip())

    def adjectives(self) -> list[str]:
        return sorted(self._places, key=len, reverse=True)
