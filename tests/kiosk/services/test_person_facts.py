"""The desk records an ethnic group nobody asked: only one of the 54, audited once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.domain.enums import Role
from kiosk.domain.labels import audit_action
from kiosk.errors import KioskError
from kiosk.services.person_facts import ACTION_ETHNICITY, set_ethnicity, unasked_ethnicity
from kiosk.services.register import register_visit
from kiosk.services.staff_auth import create_staff
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Person
from tests.kiosk.services.consoledata import ctx_at
from tests.kiosk.services.test_register_ethnicity import HUYEN
from ui.selfservice.core_backend import member_requests


def test_set_ethnicity_refuses_a_name_not_in_the_list_and_records_one(db: Database) -> None:
    """ "Klingon" is refused (ethnicity.unknown, both languages) and changes nothing; "ede"
    is stored as "Ê Đê" with one audit entry naming the staff member, before and after."""
    ctx = ctx_at()
    with db.unit_of_work() as s:
        staff = create_staff(s, ctx, "Phạm Văn Giám", Role.SUPERVISOR, "482913")
        register_visit(s, ctx, member_requests([HUYEN]), source="self_service")
    with db.read() as s:
        person_id = s.scalars(select(Person.id)).one()
        assert [u.full_name for u in unasked_ethnicity(s, [person_id])] == ["Nguyễn Thị Huyền"]
    with db.unit_of_work() as s, pytest.raises(KioskError) as err:
        set_ethnicity(s, ctx, person_id, "Klingon", by=staff.id)
    assert err.value.code == "ethnicity.unknown"
    assert "“Klingon” không có trong danh mục 54 dân tộc" in err.value.vi
    assert "“Klingon” is not one of Viet Nam's 54 ethnic groups" in err.value.en
    with db.unit_of_work() as s:
        assert set_ethnicity(s, ctx, person_id, "ede", by=staff.id) == "Ê Đê"
    with db.read() as s:
        assert s.get(Person, person_id).ethnicity == "Ê Đê"  # type: ignore[union-attr]
        assert unasked_ethnicity(s, [person_id]) == []
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == ACTION_ETHNICITY)).all()
    assert [(e.entity, e.entity_id, e.staff_id, e.detail) for e in entries] == [
        ("person", str(person_id), staff.id, {"before": "", "after": "Ê Đê"})
    ]
    assert audit_action(ACTION_ETHNICITY) == "Ghi dân tộc tại quầy"
    assert audit_action(ACTION_ETHNICITY, "en") == "Ethnic group recorded at the desk"
