"""Names of one document: registry links, acronyms it introduces, and candidate entities.

Takes an :class:`~kg.extract.linking.EntityIndex` and a document's text; returns
:class:`Names`: every entity mention (registry entities, and candidates for names the registry
lacks), sorted by offset. A candidate is proposed only where the context gives it a type: a title
before a person's name ("Prime Minister Haider al-Abadi"), a speech verb after it, or a head word
("… Watch", "… Brigade", "Camp …"). Its id is ``kind/slug`` of its name, so the same name in two
documents is one candidate.

>>> from kg.curation import EntityRecord
>>> index = EntityIndex([EntityRecord("org/nla", ("ArmedForce",), "National Liberation Army")])
>>> names = find_names(index, "The National Liberation Army (NLA) moved. Later the NLA and "
...     "Human Rights Watch said so, said Prime Minister Haider al-Abadi.")
>>> [(m.entity, m.how) for m in names.mentions]  # doctest: +NORMALIZE_WHITESPACE
[('org/nla', 'form'), ('org/nla', 'acronym'), ('org/nla', 'acronym'),
 ('org/human-rights-watch', 'candidate'), ('person/haider-al-abadi', 'candidate')]
>>> sorted((c.id, c.types) for c in names.candidates.values())  # doctest: +NORMALIZE_WHITESPACE
[('org/human-rights-watch', ('NonGovernmentalOrganisation',)),
 ('person/haider-al-abadi', ('Person',))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.curation import EntityRecord
from kg.extract.dates import MONTHS
from kg.extract.linking import EntityIndex, EntityMention, Token, tokenize
from kg.iris import slugify

__all__ = ["PERSON_TITLES", "Candidate", "Names", "find_names", "title_before"]


def _words(text: str) -> list[str]:
    return text.split()


_HEAD_WORDS: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "Army Forces Force Brigade Brigades Corps Guards Guard Battalion Battalions "
            "Militia Militias Police Regiment Division Hezbollah Hizbollah Hizballah"
        ),
        "ArmedForce",
    ),
    **dict.fromkeys(
        _words(
            "Ministry Parliament Committee Office Embassy Department Court Senate Congress "
            "Assembly Cabinet Judiciary Commission Government Administration"
        ),
        "GovernmentBody",
    ),
    **dict.fromkeys(["Nations", "Mission", "Agency", "UNHCR"], "InternationalOrganisation"),
    **dict.fromkeys(
        _words(
            "Watch Amnesty Foundation Association Institute Society Network News Times Post "
            "Press Reuters Radio Television Herald Journal Tribune Gazette Monitor"
        ),
        "NonGovernmentalOrganisation",
    ),
    **dict.fromkeys(["Party", "Movement", "Front", "Resistance"], "PoliticalMovement"),
    **dict.fromkeys(
        _words("Organization Organisation Union Council Company Coalition"), "Organisation"
    ),
    **dict.fromkeys(["Camp", "Camps"], "Camp"),
    **dict.fromkeys(["City", "Town", "Village"], "City"),
    **dict.fromkeys(["Province", "Governorate"], "Province"),
    **dict.fromkeys(
        _words("Airport Base Prison Hospital Stadium Square Street Bridge Hotel Compound"),
        "Facility",
    ),
}
_KIND = {
    "Person": "person",
    "Camp": "place",
    "City": "place",
    "Province": "place",
    "Facility": "place",
    "Location": "place",
}
#: Titles that, written before a name, make it a person's ("Senator John McCain").
PERSON_TITLES = frozenset(
    _words(
        "President Vice Prime Minister Deputy Senator Sen Representative Rep "
        "Congressman Congresswoman Ambassador General Gen Major Maj Colonel Col "
        "Lieutenant Lt Captain Capt Sergeant Admiral Ayatollah Sheikh Shaykh Mr Mrs Ms "
        "Dr Secretary Chairman Chairwoman Spokesman Spokeswoman Spokesperson Advisor "
        "Adviser Commander Chief Director Envoy Leader Judge Mayor Governor Imam King "
        "Queen Prince Professor Prof Special High Commissioner Head Supreme Lord "
        "Baroness Sir Dame MP MEP Foreign Interior Defence Defense National Security "
        "General-Secretary Secretary-General Mullah Cleric Justice Speaker"
    )
)
_SPEECH_AFTER = re.compile(
    r"^\s*(?:,\s*(?:a|an|the)\s+[\w\s()-]{0,100}?,\s*)?,?\s*(?:\w+ly\s+)?(?:said|says|told|"
    r"stated|added|declared|announced|warned|wrote|explained|urged|insisted|claimed)\b"
)
#: A common-noun title written before a name in apposition: "A spokesman for the group, X".
_ROLE_BEFORE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|leader|head|chief|director|commander|founder|president|"
    r"minister|ambassador|envoy|representative|lawyer|adviser|advisor|official|officer)"
    r"(?:\s+(?:of|for|in|at)\s+[^,;.]{2,60})?,\s*$",
    re.I,
)
_SKIP_WORDS = frozenset(
    {m.capitalize() for m in MONTHS if len(m) > 3 or m == "may"}
    | set(_words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday"))
    | set(_words("The A An In On At Since After Before During Despite While When Then"))
)
_RUN_CONNECTORS = frozenset(_words("of for al el e de la bin ibn ul"))


@dataclass(frozen=True)
class Candidate:
    """A name the registry lacks, proposed as a new entity (``kg:isCandidate true``)."""

    id: str
    types: tuple[str, ...]
    label: str
    forms: tuple[str, ...]

    def record(self) -> EntityRecord:
        return EntityRecord(self.id, self.types, self.label, self.forms, candidate=True)


@dataclass(frozen=True)
class Names:
    mentions: tuple[EntityMention, ...]
    candidates: dict[str, Candidate]


def title_before(text: str, start: int) -> str | None:
    """The capitalised title written just before offset *start* ("Prime Minister", "US Army Major").

    >>> t = "the then-US Senator John Kerry"
    >>> title_before(t, t.index("John"))
    'US Senator'
    """
    words = re.findall(r"((?:[A-Z][\w.’'-]*\s+)+)$", text[max(0, start - 80) : start])
    if not words:
        return None
    title = words[0].strip()
    parts = title.split()
    while parts and parts[0] in _SKIP_WORDS:
        parts.pop(0)
    if not parts or not any(p.rstrip(".") in PERSON_TITLES for p in parts):
        return None
    return " ".join(parts)


def _runs(tokens: list[Token], text: str) -> list[list[Token]]:
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        joined = current and re.fullmatch(r"[ \t]*[-‐]?[ \t]*", text[current[-1].end : token.start])
        word = token.norm
        ok = (token.capitalised and word not in _SKIP_WORDS) or (
            current and word.lower() in _RUN_CONNECTORS
        )
        if ok and (not current or joined):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = [token] if token.capitalised and word not in _SKIP_WORDS else []
    if current:
        runs.append(current)
    out = []
    for run in runs:
        while run and run[-1].norm.lower() in _RUN_CONNECTORS:
            run = run[:-1]
        if run:
            out.append(run)
    return out


def _type_of(run: list[Token], text: str) -> tuple[list[Token], str] | None:
    words = [t.norm.rstrip(".") for t in run]
    lead = 0
    while lead < len(words) - 1 and words[lead] in PERSON_TITLES:
        lead += 1
    name = words[lead:]
    proper = [
        w for w in name if w[:1].isupper() and w not in PERSON_TITLES and w not in _HEAD_WORDS
    ]
    if not proper or not name[0][:1].isupper():
        return None
    if lead and len(name) <= 4 and not any(w in _HEAD_WORDS for w in name):
        return run[lead:], "Person"
    for i, word in enumerate(words):
        last = i == len(words) - 1
        if word in _HEAD_WORDS and (last or words[i + 1].lower() in ("of", "for")):
            return run, _HEAD_WORDS[word]
    if words[0] == "Camp":
        return run, "Camp"
    after = text[run[-1].end : run[-1].end + 140]
    if 2 <= len(run) <= 4 and all(w.isalpha() for w in words) and _SPEECH_AFTER.match(after):
        return run, "Person"
    before = text[max(0, run[0].start - 90) : run[0].start]
    apposed = re.match(r"\s*,", text[run[-1].end : run[-1].end + 3])  # "a spokesman, X, said"
    if 2 <= len(run) <= 4 and all(w.isalpha() for w in words) and _ROLE_BEFORE.search(before):
        return (run, "Person") if apposed else None
    return None


def find_names(index: EntityIndex, text: str) -> Names:
    """Registry mentions, acronym aliases and typed candidates of one document."""
    local = EntityIndex([])
    local.records = index.records
    mentions = index.find(text)
    by_end = {m.end: m for m in mentions}
    by_span = {(m.start, m.end): m for m in mentions}
    candidates: dict[str, Candidate] = {}
    for match in re.finditer(r"\(\s*([A-Z][A-Za-z]?[A-Z]{1,7})\s*\)", text):
        acronym, before = match.group(1), text[: match.start()].rstrip()
        known = by_span.get((match.start(1), match.end(1)))
        previous = by_end.get(len(before))
        if known and (previous is None or previous.entity != known.entity):
            long_name = _initials_run(before, acronym)
            if long_name:  # "People’s Mojahedin Organization of Iran (PMOI)"
                local.add_name(long_name, known.entity)
        elif previous:  # "National Liberation Army (NLA)"
            local.add_name(acronym, previous.entity)
    tokens = tokenize(text)
    sentence_starts = {m.end() for m in re.finditer(r"(?:^|[.!?:]\s+|\n\s*)", text)}
    taken = [(m.start, m.end) for m in mentions]
    for run in _runs(tokens, text):
        if any(s < run[-1].end and run[0].start < e for s, e in taken):
            continue
        at_start = run[0].start in sentence_starts
        typed = _type_of(run, text)
        if typed is None or (at_start and len(typed[0]) == 1 and typed[1] != "Person"):
            continue
        name_tokens, cls = typed
        name = text[name_tokens[0].start : name_tokens[-1].end]
        if re.search(r"['’][sS]$", name):
            name = name[:-2]
        cid = f"{_KIND.get(cls, 'org')}/{slugify(name)}"
        if not slugify(name) or cid in index.records or index.find(name):
            continue
        candidates.setdefault(cid, Candidate(cid, (cls,), name, (name,)))
        local.add_name(name, cid, person=cls == "Person")
    for match in re.finditer(
        r"([A-Z][\w’' -]{3,80}?)\s*\(\s*([A-Z][A-Za-z]?[A-Z]{1,7})\s*\)", text
    ):
        long_name = _initials_run(match.group(1), match.group(2))
        owner = next((c for c in candidates if candidates[c].label == long_name), None)
        if long_name and owner:
            local.add_name(match.group(2), owner)
    return Names(_merge(mentions, local, text), candidates)


def _initials_run(before: str, acronym: str) -> str | None:
    """The shortest run of capitalised words ending *before* whose initials spell *acronym*."""
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*|[-‐]", before[-120:])
    words = [w for w in words if w not in "-‐"]
    want = acronym.upper()
    for n in range(1, min(len(words), 10) + 1):
        chunk = words[-n:]
        if not chunk[0][0].isupper():
            continue
        full = "".join(w[0] for w in chunk).upper()
        content = "".join(w[0] for w in chunk if w.lower() not in _RUN_CONNECTORS | {"the"})
        if want in (full, content.upper()):
            start = before.rfind(chunk[0], len(before) - 120 if len(before) > 120 else 0)
            return before[start:].strip()
    return None


def _merge(base: list[EntityMention], local: EntityIndex, text: str) -> tuple[EntityMention, ...]:
    extra = [
        EntityMention(
            m.start,
            m.end,
            m.entity,
            "candidate" if m.entity not in local.records else "acronym",
            0.85 if m.entity in local.records else 0.6,
        )
        for m in local.find(text)
    ]
    chosen: list[EntityMention] = []
    for m in sorted([*base, *extra], key=lambda m: (-(m.end - m.start), m.start)):
        if not any(c.start < m.end and m.start < c.end for c in chosen):
            chosen.append(m)
    return tuple(sorted(chosen, key=lambda m: m.start))
