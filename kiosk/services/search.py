"""Finding people: by identity number, phone or accent-folded name prefixes (index driven)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, inspect, literal, or_, select
from sqlalchemy.orm import Session

from kiosk.domain.text import fold_accents
from kiosk.store.models import Enrollment, Person, PersonNameToken, Visit

TOKEN_MAX = 40  # the width of person_name_tokens.token
COUNT_CAP = 5000  # counting stops here: enough to tell a rare prefix from a common one
_TOP = "\uffff"  # above every character a folded name holds: "huy" <= token < "huy\uffff"


@dataclass(frozen=True)
class PersonHit:
    """One person found, with what the staff need to tell namesakes apart."""

    person_id: uuid.UUID
    full_name: str
    personal_id: str | None
    legacy_si_code: str | None
    birth_date: date
    phone: str | None
    address: str
    last_visit_status: str | None


def fold(text: str) -> str:
    """Lower case, no Vietnamese accents (đ -> d), spaces collapsed; NFC or NFD input alike."""
    return fold_accents(text)


def name_tokens(full_name: str) -> list[str]:
    """The distinct folded words of a name, in order, each cut to the token column's width."""
    seen: dict[str, None] = {}
    for word in fold(full_name).split(" "):
        if word:
            seen.setdefault(word[:TOKEN_MAX], None)
    return list(seen)


def index_person_name(session: Session, person: Person) -> None:
    """Refresh the person's folded name and name tokens (a no-op when they are current)."""
    person.name_folded = fold(person.full_name)[:120]
    if inspect(person).transient:
        session.add(person)
    if person.id is None or not inspect(person).persistent:
        session.flush([person])  # the token rows reference the person's row
    index_name(session, person.id, person.full_name)


def index_name(session: Session, person_id: uuid.UUID, full_name: str) -> None:
    """Replace the name tokens of a stored person (also used for rows merged from a bundle).

    Each token row carries the whole folded name, so a search reads the other words and the
    sort key from the token index itself instead of visiting every candidate person.
    """
    folded = fold(full_name)[:120]
    wanted = set(name_tokens(full_name))
    rows = session.execute(
        select(PersonNameToken.token, PersonNameToken.name_folded).where(
            PersonNameToken.person_id == person_id
        )
    ).all()
    current = {token: name for token, name in rows}
    if set(current) == wanted and all(v == folded for v in current.values()):
        return
    session.execute(delete(PersonNameToken).where(PersonNameToken.person_id == person_id))
    session.execute(
        insert(PersonNameToken),
        [{"token": t, "person_id": person_id, "name_folded": folded} for t in sorted(wanted)],
    )


def search_people(session: Session, query: str, limit: int = 50) -> list[PersonHit]:
    """People matching an identity number, old ID, social insurance code, phone or name words."""
    compact = "".join(query.split()).replace(".", "")
    if compact.isdigit():
        return _by_number(session, compact, limit)
    tokens = name_tokens(query)
    if not tokens or len(fold(query).replace(" ", "")) < 2:
        return []
    counts = {t: _bounded_count(session, t) for t in tokens}
    # Ties (common words all reach the cap) go to a word that is not the first: the first
    # word is sought by name within the scanned word's part of the index anyway.
    ordered = sorted(tokens, key=lambda t: (counts[t], t == tokens[0], -len(t)))
    if counts[ordered[0]] == 0:
        return []
    ids = _name_matches(session, tokens[0], ordered[0], ordered[1:], limit)
    return _hits(session, [Person.id.in_(ids)], limit) if ids else []


def _name_matches(
    session: Session, first: str, rarest: str, others: Sequence[str], limit: int
) -> list[uuid.UUID]:
    """People having every word, read from the rarest word's part of the name index.

    Names starting with the query's first word come first (a family name is typed first),
    then the others, each in name order; each step stops as soon as it has enough people.
    The rarest word matches exactly before it matches as the start of a longer word.
    """
    t = PersonNameToken
    spaced = literal(" ").concat(t.name_folded)
    words = [spaced.contains(f" {word}", autoescape=True) for word in others]
    exact = t.token == rarest
    longer = (t.token > rarest) & (t.token < rarest + _TOP)
    starts = _prefix(t.name_folded, first)
    found: dict[uuid.UUID, None] = {}
    for where in ((exact, starts), (longer, starts), (exact,), (longer,)):
        rows = session.scalars(
            select(t.person_id)
            .where(*where, *words)
            .order_by(t.token, t.name_folded, t.person_id)
            .limit(limit + len(found))  # what earlier steps found may come again
        )
        for person_id in rows:
            found.setdefault(person_id)
        if len(found) >= limit:
            break
    return list(found)[:limit]


def naive_search_people(session: Session, query: str, limit: int = 50) -> list[PersonHit]:
    """The plain scan (`name_folded LIKE '%q%'`) the token index is measured against."""
    folded = fold(query)
    if len(folded.replace(" ", "")) < 2:
        return []
    return _hits(session, [Person.name_folded.contains(folded, autoescape=True)], limit)


def find_duplicates(
    session: Session, personal_id: str | None, full_name: str, birth_date: date
) -> list[PersonHit]:
    """Stored people who may be this one: same identity number, or same name and birth date."""
    same_name = (Person.name_folded == fold(full_name)) & (Person.birth_date == birth_date)
    where = or_(Person.personal_id == personal_id, same_name) if personal_id else same_name
    return _hits(session, [where], 50)


def _by_number(session: Session, digits: str, limit: int) -> list[PersonHit]:
    """12 digits: identity number; 9: old ID card; 10: social insurance code or phone."""
    if len(digits) == 12:
        return _hits(session, [Person.personal_id == digits], limit)
    if len(digits) == 9:
        return _hits(session, [Person.old_id_number == digits], limit)
    if len(digits) == 10:
        if digits.startswith("0"):
            where = or_(Person.legacy_si_code == digits, Person.phone == digits)
        else:
            where = Person.legacy_si_code == digits
        return _hits(session, [where], limit)
    return []


def _prefix(column: Any, token: str) -> ColumnElement[bool]:
    """A range over the token index: every token starting with `token`."""
    return (column >= token) & (column < token + _TOP)


def _bounded_count(session: Session, token: str) -> int:
    """How many tokens start with `token`, counting no further than COUNT_CAP."""
    inner = (
        select(PersonNameToken.person_id)
        .where(_prefix(PersonNameToken.token, token))
        .limit(COUNT_CAP)
        .subquery()
    )
    return session.scalar(select(func.count()).select_from(inner)) or 0


def _hits(session: Session, where: Sequence[ColumnElement[bool]], limit: int) -> list[PersonHit]:
    """The matching people by name (then id, for a stable order), with their last visit status."""
    people = session.execute(
        select(
            Person.id,
            Person.full_name,
            Person.personal_id,
            Person.legacy_si_code,
            Person.birth_date,
            Person.phone,
            Person.address,
        )
        .where(*where)
        .order_by(Person.full_name, Person.id)
        .limit(limit)
    ).all()
    status = _last_visit_status(session, [row.id for row in people])
    return [PersonHit(*row, last_visit_status=status.get(row.id)) for row in people]


def _last_visit_status(session: Session, person_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The status of each person's latest visit (the few people on screen only)."""
    if not person_ids:
        return {}
    rows = session.execute(
        select(Enrollment.person_id, Visit.status)
        .join(Visit, Visit.id == Enrollment.visit_id)
        .where(Enrollment.person_id.in_(person_ids))
        .order_by(Visit.created_at, Visit.id)
    ).all()
    # Later visits overwrite earlier ones: the dict ends with each person's latest.
    return {row.person_id: str(row.status.value) for row in rows}
