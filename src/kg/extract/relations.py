"""Relations between actors, and between actors and events: support, proxies, membership,
leadership, opposition, causes, names.

Takes a sentence :class:`~kg.extract.view.View`, the events the sentence tells (its frames) and
the events told before it (by the nouns that can refer back to them); returns facts:

- ``supportedBy``: "X supplies missiles to A, B and C", "X, which is backed by Y", "Y-backed X",
  "Y rallied around X", "Y is supporting X";
- ``proxyOf``: "its proxy groups (A, B and C)", "its proxies, the X", "puppets of Y", "X does Y's
  bidding", "X was working on behalf of Y";
- ``memberOf``: "Y's X" (two organisations), "the X, members of Y";
- ``ledBy``: "X led / headed / commanded by Y", "X, an ad hoc group led by Y";
- ``opposedBy``: "X opposed / rejected / refused the transfer" (an event told before), "X
  refused" (the event just told), "against opposition by X";
- ``causedBy``: "as a result of / because of / due to X's …" (the sentence's event);
- ``namedAfter``: "X, named after Y", "named X after Y";
- ``numberOfAttacks``: "three major attacks" (of the sentence's attack), "Camp X endured three
  assaults", "there have been three strikes on Camp X" (of the place).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from kg.extract.frames import Frame
from kg.extract.linking import EntityMention
from kg.extract.quantities import parse_quantity
from kg.extract.view import AutoFact, View

__all__ = ["find_relations"]

_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", re.I)
_ACTORS = ("Organisation", "Group", "Person")
#: "X, which is backed by Y", "X backed by Y".
_BACKED = re.compile(
    r"\s*(?:,\s*(?:which|who)\s+)?(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?"
    r"(?:\w+ly\s+)?(?:backed|supported|funded|armed|sponsored)\s+by\s+(?:the\s+)?"
)


def _listed(view: View, first: EntityMention, stop: int) -> list[EntityMention]:
    out = [first]
    for m in view.of(_ACTORS):
        if m.start <= out[-1].start or m.start >= stop:
            continue
        if not _LIST_GAP.fullmatch(view.doc[out[-1].end : m.start]):
            break
        out.append(m)
    return out


def _first_after(
    view: View, pos: int, stop: int, *, gap: str = r"(?:the\s+|a\s+|an\s+)?"
) -> EntityMention | None:
    for m in view.of(_ACTORS):
        if pos <= m.start < stop and re.fullmatch(gap, view.doc[pos : m.start]):
            return m
    return None


def _support(view: View) -> Iterator[AutoFact]:
    text, start, end = view.text, view.start, view.sentence.end
    for verb in re.finditer(
        r"\b(?:suppl(?:ies|ied|y)|provid(?:es|ed)\s+(?:\w+\s+)?(?:weapons|arms|missiles|rockets|"
        r"money|funds|funding|support|training)|arm(?:s|ed)|fund(?:s|ed)|financ(?:es|ed)|"
        r"train(?:s|ed))\b[^.;]{0,40}?\bto\s+(?:(?:\w+\s+){0,2}of\s+)?(?:its|their|the)?\s*",
        text,
    ):
        giver = view.clause_subject(start + verb.start(), _ACTORS)
        if giver is None:
            continue
        at = start + verb.end()
        paren = re.match(r"[^()]{0,40}\(\s*", view.doc[at:end])
        first = _first_after(
            view, at + (paren.end() if paren else 0), end, gap=r"(?:the\s+)?(?:[\w-]+\s+){0,3}"
        )
        for m in _listed(view, first, end) if first else []:
            if m.entity != giver.entity:
                yield view.fact(m.entity, "supportedBy", giver.entity, "support-supplies", 0.65)
    for client in view.of(_ACTORS):
        backed = _BACKED.match(view.doc, client.end, end)
        backer = _first_after(view, backed.end(), end) if backed else None
        if backer is not None and backer.entity != client.entity:
            yield view.fact(client.entity, "supportedBy", backer.entity, "support-backed-by", 0.7)
    for m in view.of(_ACTORS):
        hyphen = re.match(
            r"-(?:backed|supported|funded|sponsored)\s+(?:the\s+)?", view.doc[m.end : end]
        )
        protege = (
            _first_after(view, m.end + hyphen.end(), end, gap=r"(?:[\w-]+\s+){0,2}")
            if hyphen
            else None
        )
        if protege is not None:
            yield view.fact(protege.entity, "supportedBy", m.entity, "support-hyphen", 0.7)
    for rally in re.finditer(
        r"\b(?:rallied|rallies|rally)\s+(?:around|behind)\s+(?:the\s+)?", text
    ):
        who = view.clause_subject(start + rally.start(), _ACTORS)
        whom = _first_after(view, start + rally.end(), end)
        if who and whom:
            yield view.fact(whom.entity, "supportedBy", who.entity, "support-rallied", 0.65)


def _proxies(view: View) -> Iterator[AutoFact]:
    start, end = view.start, view.sentence.end
    for match in re.finditer(
        r"\b(?P<poss>its|their)\s+(?:\w+\s+)?(?:proxy\s+groups?|proxies|proxy\s+militias?)\b",
        view.text,
        re.I,
    ):
        owner = next(
            (
                m
                for m in view.mentions
                if m.start == start + match.start("poss") and m.how == "anaphora"
            ),
            None,
        )
        if owner is None:
            owner = next(
                (m for m in reversed(view.of(_ACTORS)) if m.end <= start + match.start()), None
            )
        if owner is None:
            continue
        at = start + match.end()
        after = re.match(r"\s*(?:\(|,\s*|:\s*)(?:the\s+)?", view.doc[at:end])
        if not after:
            continue
        first = _first_after(view, at + after.end(), end)
        for m in _listed(view, first, end) if first else []:
            if m.entity != owner.entity:
                yield view.fact(m.entity, "proxyOf", owner.entity, "proxy-its", 0.7)
    for match in re.finditer(
        r"\b(?:puppets?|proxies|proxy|agents?|pawns?)\s+of\s+(?:the\s+)?|\bbeholden\s+to\s+(?:the\s+)?|"
        r"\bworking\s+on\s+behalf\s+of\s+(?:the\s+)?",
        view.text,
    ):
        master = _first_after(view, start + match.end(), end)
        client = view.clause_subject(start + match.start(), _ACTORS)
        if master and client and client.entity != master.entity:
            yield view.fact(client.entity, "proxyOf", master.entity, "proxy-of", 0.65)
    for m in view.of(_ACTORS):
        bidding = re.match(r"[’']s?\s+bidding\b", view.doc[m.end : end])
        if bidding and re.search(r"\bdo(?:es|ing|ne)?\s+(?:the\s+)?$", view.doc[start : m.start]):
            client = view.clause_subject(m.start, _ACTORS)
            if client and client.entity != m.entity:
                yield view.fact(client.entity, "proxyOf", m.entity, "proxy-bidding", 0.6)


def _membership(view: View) -> Iterator[AutoFact]:
    orgs = view.of(("Organisation", "Group"))
    for a, b in itertools.pairwise(orgs):
        owned = re.fullmatch(r"[’']s\s+", view.doc[a.end : b.start]) and a.entity != b.entity
        if owned and view.is_a(b.entity, "Organisation") and a.how != "anaphora":
            yield view.fact(b.entity, "memberOf", a.entity, "member-possessive", 0.7)
    for match in re.finditer(r",\s*(?:all\s+|mostly\s+)?members\s+of\s+(?:the\s+)?", view.text):
        at = view.start + match.start()
        who = next(
            (m for m in reversed(orgs) if m.end == at or view.doc[m.end : at].strip() == ""), None
        )
        of = _first_after(view, view.start + match.end(), view.sentence.end)
        if who and of and who.entity != of.entity and view.is_a(who.entity, "Group"):
            yield view.fact(who.entity, "memberOf", of.entity, "member-apposition", 0.65)


def _leaders(view: View) -> Iterator[AutoFact]:
    for match in re.finditer(r"\b(?:led|headed|commanded|chaired)\s+by\s+(?:the\s+)?", view.text):
        at = view.start + match.start()
        leader = _first_after(
            view, view.start + match.end(), view.sentence.end, gap=r"(?:[\w-]+\s+){0,2}"
        )
        org = next((m for m in reversed(view.of("Organisation")) if m.end <= at), None)
        if org is None or leader is None or org.entity == leader.entity:
            continue
        gap = view.doc[org.end : at]
        if re.fullmatch(r"[\s”\"]*(?:,\s*(?:a|an|the)\s+[\w\s-]{0,40}?)?\s*", gap):
            yield view.fact(org.entity, "ledBy", leader.entity, "led-by", 0.7)


def _named(view: View) -> Iterator[AutoFact]:
    for match in re.finditer(
        r"\bnamed\s+(?:(?P<it>\w+(?:\s+\w+){0,3})\s+)?after\s+(?:the\s+)?", view.text
    ):
        whom = next((m for m in view.of("Person") if m.start == view.start + match.end()), None)
        if whom is None:
            continue
        place = next(
            (m for m in reversed(view.of("Location")) if m.end <= view.start + match.start()), None
        )
        if place is not None and re.fullmatch(
            r"[\s,]*(?:which|that|was|is)?[\s,]*", view.doc[place.end : view.start + match.start()]
        ):
            yield view.fact(place.entity, "namedAfter", whom.entity, "named-after", 0.7)


def _opposition(
    view: View, frames: list[Frame], events: dict[str, str], last: Frame | None
) -> Iterator[AutoFact]:
    text, start = view.text, view.start
    for verb in re.finditer(
        r"\b(?:opposed|rejected|refused|resisted|protested\s+against|objected\s+to|condemned)\b",
        text,
    ):
        pos = start + verb.start()
        who = view.clause_subject(pos, _ACTORS)
        if who is None:
            continue
        rest = view.doc[start + verb.end() : view.sentence.end]
        target = next(
            (
                node
                for nouns, node in events.items()
                if re.match(rf"\s+(?:the|this|that)\s+(?:\w+\s+)?(?:{nouns})\b", rest)
            ),
            None,
        )
        pronoun = re.match(
            r"\s+(?:this|it|that)\b", rest
        )  # "… was transferred, but X opposed this"
        refused = verb.group() == "refused" and not re.match(r"\s+to\s+(?!do\s+so)", rest)
        if target is None and (pronoun or refused):
            earlier = [f for f in frames if 0 <= f.at < pos] or ([last] if last else [])
            target = earlier[0].node.id if earlier else None
        if target is not None:
            for m in _with_parenthetical(view, who):
                yield view.fact(target, "opposedBy", m.entity, "opposed-by", 0.6)
    against = re.search(r"\bagainst\s+(?:\w+\s+)?opposition\s+(?:by|from|of)\s+(?:the\s+)?", text)
    if against and frames:
        who = _first_after(view, start + against.end(), view.sentence.end)
        if who:
            yield view.fact(frames[0].node.id, "opposedBy", who.entity, "opposition-by", 0.6)


def _with_parenthetical(view: View, who: EntityMention) -> list[EntityMention]:
    """*who* and an actor added in parentheses: "the MEK (and various legal experts and NGOs)"."""
    aside = re.match(r"\s*\(\s*(?:and|as\s+well\s+as|with)\s+(?:\w+\s+)?", view.doc[who.end :])
    more = _first_after(view, who.end + aside.end(), view.sentence.end, gap="") if aside else None
    inside = re.search(
        r"\(\s*(?:and|as\s+well\s+as|with)\s+(?:\w+\s+)?$", view.doc[view.start : who.start]
    )
    if inside is not None:  # *who* is the actor in parentheses: the one before them too
        at = view.start + inside.start()
        more = next((m for m in view.of(_ACTORS) if view.doc[m.end : at].strip(" )") == ""), None)
    return [who, more] if more is not None else [who]


def _causes(view: View, frames: list[Frame]) -> Iterator[AutoFact]:
    if not frames:
        return
    for match in re.finditer(
        r"\b(?:as\s+a\s+result\s+of|because\s+of|due\s+to|owing\s+to)\s+(?:the\s+)?",
        view.text,
        re.I,
    ):
        cause = _first_after(view, view.start + match.end(), view.sentence.end)
        if cause is not None and re.match(r"[’']s\b", view.doc[cause.end : cause.end + 2]):
            yield view.fact(frames[0].node.id, "causedBy", cause.entity, "caused-by", 0.6)


_COUNT = re.compile(
    r"\b(?P<n>\w+)\s+(?:(?:major|large|large-scale|massive|violent|deadly|separate|missile|rocket|"
    r"mortar|bloody|brutal|further)\s+){0,3}(?:attacks|assaults|strikes|raids|massacres)\b",
    re.I,
)


def _attack_counts(view: View, frames: list[Frame]) -> Iterator[AutoFact]:
    for match in _COUNT.finditer(view.text):
        q = parse_quantity(match.group("n"))
        if q is None or (isinstance(q.value, int) and not 1 < q.value < 1000):
            continue
        pos = view.start + match.start()
        camp = view.subject_before(pos, "Location")
        on = re.match(
            r"\s+on\s+(?:the\s+)?", view.doc[view.start + match.end() : view.sentence.end]
        )
        if on and re.match(r"\s*there\s+(?:have|has|had)\s+been", view.text, re.I):
            camp = next(
                (m for m in view.of("Location") if m.start == view.start + match.end() + on.end()),
                None,
            )
        elif camp is not None and not re.fullmatch(
            r"\s+(?:\w+ly\s+)?(?:endured|suffered|survived|faced|withstood)\s+",
            view.doc[camp.end : pos],
        ):
            camp = None
        if camp is not None:
            yield view.fact(camp.entity, "numberOfAttacks", q.value, "attacks-on-place", 0.65)
        else:
            attack = next((f for f in frames if f.node.types == ("Attack",)), None)
            if attack is not None and attack.new:
                yield view.fact(attack.node.id, "numberOfAttacks", q.value, "attacks-series", 0.65)


def find_relations(
    view: View, frames: list[Frame], events: dict[str, str], last: Frame | None
) -> list[AutoFact]:
    """Relation facts stated in the sentence (see the module docstring).

    *last* is the main event of the sentence before.
    """
    return [
        *_support(view),
        *_proxies(view),
        *_membership(view),
        *_leaders(view),
        *_named(view),
        *_opposition(view, frames, events, last),
        *_causes(view, frames),
        *_attack_counts(view, frames),
    ]
