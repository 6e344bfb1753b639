"""Staff corrections of a household's year: a member's ladder position or status, with a
reason kept in the audit log (kiosk/services/household_year.py holds the record itself)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.household_year import (
    HouseholdYearView,
    check_covered_reason,
    household_year_view,
)
from kiosk.store.models import HouseholdYearMember
from kiosk.store.models.household_year import COVERED, MEMBER_STATUSES, PAYING

_KEEP = object()


def correct_member(
    session: Session,
    ctx: KioskContext,
    member_id: uuid.UUID,
    *,
    reason: str,
    staff_id: uuid.UUID | None,
    position: int | object | None = _KEEP,
    status: str | None = None,
    covered_reason: str | object | None = _KEEP,
) -> HouseholdYearView:
    """Staff corrects a member's position or status, with a reason kept in the audit log.

    Moving a member onto a position another member holds swaps the two.
    """
    if not reason.strip():
        raise KioskError(
            "household_year.reason_required",
            vi="Hãy ghi lý do sửa thông tin hộ gia đình.",
            en="Give the reason for correcting the household's record.",
        )
    member = session.get(HouseholdYearMember, member_id)
    if member is None:
        raise KioskError(
            "household_year.member_not_found",
            vi="Không tìm thấy thành viên này trong hồ sơ hộ gia đình.",
            en="This member is not in the household's record.",
        )
    before = {"position": member.position, "status": member.status, "reason": member.covered_reason}
    new_status = status or member.status
    if new_status not in MEMBER_STATUSES:
        raise ValueError(f"unknown member status {new_status!r}")
    new_reason = member.covered_reason if covered_reason is _KEEP else covered_reason
    new_position = member.position if position is _KEEP else position
    if new_status == COVERED:
        check_covered_reason(new_reason if isinstance(new_reason, str) else None)
        new_position = None
    else:
        new_reason = None
    if new_position is not None and (not isinstance(new_position, int) or new_position < 1):
        raise KioskError(
            "household_year.bad_position",
            vi="Thứ tự người đóng phải từ 1 trở lên.",
            en="A member's position must be 1 or more.",
        )
    if new_status == PAYING and new_position is None:
        new_position = household_year_view(session, member.household_year_id).next_position
    _move(session, member, new_position if isinstance(new_position, int) else None)
    member.status = new_status
    member.covered_reason = new_reason if isinstance(new_reason, str) else None
    session.flush()
    audit.record(
        session,
        ctx.kiosk_id,
        "household_year.corrected",
        entity="household_year_member",
        entity_id=member.id,
        staff_id=staff_id,
        reason=reason.strip(),
        before=before,
        after={
            "position": member.position,
            "status": member.status,
            "reason": member.covered_reason,
        },
    )
    return household_year_view(session, member.household_year_id)


def _move(session: Session, member: HouseholdYearMember, position: int | None) -> None:
    """Set a position; a member already there takes the old one (flushes keep it unique)."""
    if position == member.position:
        return
    holder = None
    if position is not None:
        holder = session.scalar(
            select(HouseholdYearMember).where(
                HouseholdYearMember.household_year_id == member.household_year_id,
                HouseholdYearMember.position == position,
            )
        )
    old = member.position
    member.position = None
    session.flush()
    if holder is not None:
        holder.position = old
        session.flush()
    member.position = position
