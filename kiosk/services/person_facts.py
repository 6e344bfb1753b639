"""Facts about a person the desk records after registration (the ethnicity nobody asked)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.ethnicity import find_ethnicity
from kiosk.domain.text import nfc
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.store.models import Person

ACTION_ETHNICITY = "person.ethnicity_recorded"


@dataclass(frozen=True)
class Unasked:
    """A person whose ethnic group nobody asked (stored "")."""

    person_id: uuid.UUID
    full_name: str


def set_ethnicity(
    session: Session,
    ctx: KioskContext,
    person_id: uuid.UUID,
    name: str,
    by: uuid.UUID | None = None,
) -> str:
    """Record the person's ethnic group as they said it; returns the list's spelling (audited).

    Only one of the 54 groups is accepted (official name, another name or the code), so the
    dossier's DanToc always carries a code the person gave."""
    group = find_ethnicity(nfc(name))
    if group is None:
        shown = " ".join(nfc(name).split())
        raise KioskError(
            "ethnicity.unknown",
            vi=f"Dân tộc “{shown}” không có trong danh mục 54 dân tộc Việt Nam; "
            "hãy chọn trong danh sách.",
            en=f"“{shown}” is not one of Viet Nam's 54 ethnic groups; pick one from the list.",
        )
    person = session.get(Person, person_id)
    if person is None:
        raise KioskError(
            "person.not_found",
            vi="Không tìm thấy người này; hãy mở lại lượt.",
            en="This person was not found; open the visit again.",
        )
    before = person.ethnicity or ""
    person.ethnicity = group.name
    audit.record(
        session,
        ctx.kiosk_id,
        ACTION_ETHNICITY,
        entity="person",
        entity_id=person.id,
        staff_id=by,
        before=before,
        after=group.name,
    )
    return group.name


def unasked_ethnicity(session: Session, person_ids: Iterable[uuid.UUID]) -> list[Unasked]:
    """Of these people, those with no ethnicity stored, in the order given (each once)."""
    wanted = list(dict.fromkeys(person_ids))
    if not wanted:
        return []
    rows = session.execute(
        select(Person.id, Person.full_name, Person.ethnicity).where(Person.id.in_(wanted))
    ).all()
    missing = {pid: name for pid, name, ethnicity in rows if not (ethnicity or "").strip()}
    return [Unasked(pid, missing[pid]) for pid in wanted if pid in missing]
