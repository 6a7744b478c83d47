"""Across sentences: what "the camp", "he", "they" and "the group" refer to.

A small salience model. :class:`Salience` remembers the entities the last sentences named (the
most recent first, the subject of a sentence before its other names) and, for a new sentence,
turns each anaphoric expression into an :class:`~kg.extract.linking.EntityMention` of the entity it
most plausibly refers to (``how="anaphora"``, a lower confidence), so the sentence rules can use it
like a name:

- "the camp", "the site", "the facility", "the Camp" → the last camp named;
- "he", "she" (as a subject) → the last person named;
- "they" (as a subject) → the subject of the sentence before, if an organisation or a group;
- "the group", "the organisation", "the movement", "the militia" → the last organisation of that
  kind named.

Only the two sentences before, in the same paragraph or the one before, are looked at; an
expression whose referent is not found there is left alone.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from kg.extract.linking import EntityMention
from kg.extract.signature import Signature
from kg.extract.text import Sentence
from kg.extract.view import PREPOSITIONS

__all__ = ["EVENT_NOUNS", "Salience", "event_nouns"]

#: (pattern, classes the referent may have, whether it must have been a sentence's subject)
_ANAPHORS: tuple[tuple[re.Pattern[str], tuple[str, ...], bool], ...] = (
    (
        re.compile(r"\b[Tt]he\s+(?:camp|Camp|site|facility|compound)\b(?!\s+[A-Z])"),
        ("Camp",),
        False,
    ),
    (
        re.compile(r"(?:^|(?<=[,;:“]\s)|(?<=\band\s)|(?<=\bbut\s))(?:He|he|She|she)(?=\s+[a-z])"),
        ("Person",),
        False,
    ),
    (
        re.compile(r"^(?:[A-Z][\w ]{0,25},\s*)?(?P<a>They|they)(?=\s+[a-z])"),
        ("Organisation", "Group"),
        True,
    ),
    (
        re.compile(r"\b[Tt]he\s+(?P<a>group|organi[sz]ation|movement)\b(?!\s+[A-Z])"),
        ("PoliticalMovement", "NonGovernmentalOrganisation", "InternationalOrganisation", "Group"),
        False,
    ),
    (re.compile(r"\b[Tt]he\s+(?P<a>militia|militias)\b(?!\s+[A-Z])"), ("ArmedForce",), False),
    (
        re.compile(
            r"\b(?P<a>Its|its|Their|their)\s+(?=(?:[\w-]+\s+)?(?:leaders?|spokes(?:man|woman|person)|"
            r"head|chief|commander|founder|president|members|fighters|proxies|proxy)\b)"
        ),
        ("Organisation", "Group"),
        False,
    ),
)


#: The nouns a text uses for an event of a class told before ("the attack", "the transfer").
EVENT_NOUNS: tuple[tuple[str, str], ...] = (
    (
        "Attack",
        r"attack|assault|strike|raid|massacre|bombing|offensive|incident|barrage|rockets|"
        r"victims|deceased|dead|killings|casualties",
    ),
    ("Relocation", r"relocation|move|resettlement|departure|evacuation|convoy"),
    ("TransferOfResponsibility", r"transfer|handover"),
    ("Agreement", r"agreement|deal|memorandum|accord|treaty|ceasefire|petition|declaration"),
)


def event_nouns(signature: Signature, types: tuple[str, ...]) -> list[str]:
    """The nouns that can refer back to an event (or agreement) of *types*."""
    return [nouns for cls, nouns in EVENT_NOUNS if signature.is_a(types, cls)]


#: A list item: "• Impede …", "- Ban …".
_ITEM = re.compile(r"^[•·\-–*]\s*(?=[A-Z])")
_OFFICIALS = re.compile(r"\b([A-Z][a-z]+)\s+(?:officials|authorities|government\s+officials)\b")
_RESIDENTS = re.compile(r"\bresidents?\b")


@dataclass(frozen=True)
class _Named:
    mention: EntityMention
    subject: bool
    block: int


class Salience:
    """The entities of the last sentences, and what the anaphors of a new sentence refer to.

    *residents* maps a camp to the group of its residents, where the registry has one: "the
    residents", "the MEK residents", "residents of Camp X" then name that group.
    """

    def __init__(
        self,
        signature: Signature,
        types: Callable[[str], tuple[str, ...]],
        residents: Mapping[str, str] | None = None,
        state: Callable[[str], str | None] | None = None,
    ) -> None:
        self._signature, self._types = signature, types
        self._residents = dict(residents or {})
        self._state = state
        self._recent: deque[list[_Named]] = deque(maxlen=2)
        self._list_subject: EntityMention | None = None  # of "X began to:" before a list
        self.list_intro: int | None = None  # where that sentence starts

    def _is(self, entity: str, classes: tuple[str, ...]) -> bool:
        kinds = self._types(entity)
        return any(self._signature.is_a(kinds, c) for c in classes)

    def resolve(
        self, doc: str, sentence: Sentence, mentions: tuple[EntityMention, ...]
    ) -> tuple[EntityMention, ...]:
        """The mentions of *sentence* with its anaphors resolved (see the module docstring)."""
        mentions = self._with_residents(doc, sentence, mentions)
        extra = self._anaphors(doc, sentence, mentions) + self._officials(sentence, mentions)
        if self._list_subject is not None and _ITEM.match(sentence.text):
            # "• Impede deliveries …" after "the Iraqi government began to:": its subject
            at = sentence.start + _ITEM.match(sentence.text).end()  # type: ignore[union-attr]
            extra.append(EntityMention(at, at, self._list_subject.entity, "anaphora", 0.6))
        return tuple(sorted((*mentions, *extra), key=lambda m: m.start))

    def _officials(
        self, sentence: Sentence, mentions: tuple[EntityMention, ...]
    ) -> list[EntityMention]:
        """ "Iraqi officials", "the Iraqi authorities": the government of the country."""
        out: list[EntityMention] = []
        for match in _OFFICIALS.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            government = self._state(match.group(1)) if self._state else None
            if government and not any(m.start < end and start < m.end for m in mentions):
                out.append(EntityMention(start, end, government, "anaphora", 0.7))
        return out

    def _camp(self, sentence: Sentence, mentions: Iterable[EntityMention], pos: int) -> str | None:
        here = [m for m in mentions if m.end <= pos and self._is(m.entity, ("Camp",))]
        if here:
            return here[-1].entity
        later = [m for m in mentions if m.start >= pos and self._is(m.entity, ("Camp",))]
        recent = [n.mention for named in reversed(self._recent) for n in named]
        recent = [m for m in recent if self._is(m.entity, ("Camp",))]
        found = [*later, *recent]
        return found[0].entity if found else None

    def _with_residents(
        self, doc: str, sentence: Sentence, mentions: tuple[EntityMention, ...]
    ) -> tuple[EntityMention, ...]:
        if not self._residents:
            return mentions
        out = list(mentions)
        for match in _RESIDENTS.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(m.start < end and start < m.end for m in out):
                continue  # already a name ("Ashraf residents")
            before = [  # "MEK (PMOI) residents": the name may end in a parenthesis
                m for m in out if 0 <= start - m.end <= 3 and doc[m.end : start].strip(" )") == ""
            ]
            after = re.match(r"\s+(?:of|at|in|from)\s+", doc[end : end + 8])
            of_camp = [m for m in out if after and m.start == end + after.end()]
            if of_camp and of_camp[0].entity in self._residents:
                camp: str | None = of_camp[0].entity
            elif before and before[0].entity in self._residents:
                camp = before[0].entity
            elif before and not self._is(before[0].entity, ("Organisation", "Group")):
                continue
            else:
                camp = self._camp(sentence, out, start)
            group = self._residents.get(camp or "")
            if group is None:
                continue
            first = before[0].start if before else start
            out = [m for m in out if not (before and m is before[0])]
            out.append(EntityMention(first, end, group, "anaphora", 0.7))
        return tuple(sorted(out, key=lambda m: m.start))

    def _anaphors(
        self, doc: str, sentence: Sentence, mentions: tuple[EntityMention, ...]
    ) -> list[EntityMention]:
        recent = [n for named in reversed(self._recent) for n in named]
        recent = [n for n in recent if n.block >= sentence.block - 1]
        out: list[EntityMention] = []
        for pattern, classes, subject_only in _ANAPHORS:
            for match in pattern.finditer(sentence.text):
                group = "a" if "a" in pattern.groupindex else 0
                start = sentence.start + match.start(group)
                end = sentence.start + match.end(group)
                if any(m.start < end and start < m.end for m in (*mentions, *out)):
                    continue
                here = self._named(doc, sentence, [m for m in mentions if m.end <= start])
                found = next(
                    (
                        n.mention.entity
                        for n in (*here, *recent)
                        if self._is(n.mention.entity, classes) and (n.subject or not subject_only)
                    ),
                    None,
                )
                if found is not None:
                    out.append(EntityMention(start, end, found, "anaphora", 0.7))
        return out

    def update(self, doc: str, sentence: Sentence, mentions: tuple[EntityMention, ...]) -> None:
        """Remember the entities *sentence* names, its subject first."""
        named = self._named(doc, sentence, mentions)
        if sentence.text.rstrip().endswith(":"):
            subjects = [n.mention for n in named if n.subject]
            self._list_subject = subjects[0] if subjects else None
            self.list_intro = sentence.start if subjects else None
        elif not _ITEM.match(sentence.text):
            self._list_subject = self.list_intro = None
        self._recent.append(named)

    @staticmethod
    def _named(doc: str, sentence: Sentence, mentions: Iterable[EntityMention]) -> list[_Named]:
        named: list[_Named] = []
        subject_taken = False
        for m in mentions:
            before = re.findall(r"[\w’'-]+", doc[max(sentence.start, m.start - 30) : m.start])
            words = [w.lower() for w in before if w.lower() not in ("the", "a", "an")]
            is_subject = not subject_taken and not (words and words[-1] in PREPOSITIONS)
            is_subject = is_subject and not re.match(r"[’']s\b", doc[m.end : m.end + 3])
            subject_taken = subject_taken or is_subject
            named.append(_Named(m, is_subject, sentence.block))
        named.sort(key=lambda n: (not n.subject, -n.mention.start))
        return named
