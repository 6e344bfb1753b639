"""Staff accounts and PIN login, with a lockout after repeated wrong PINs."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.enums import Role
from kiosk.domain.text import nfc
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.pins import check_pin, hash_pin
from kiosk.store.models import Staff

MAX_ATTEMPTS = 5
LOCK_MINUTES = 5
PIN_LENGTHS = range(4, 9)
_DUMMY_HASH: list[str] = []  # made once: unknown names cost the same KDF time as known ones


def create_staff(session: Session, ctx: KioskContext, name: str, role: Role, pin: str) -> Staff:
    """A new active staff member; the PIN (4-8 digits) is kept only as its Argon2id hash."""
    name = " ".join(nfc(name).split())
    if not name:
        raise KioskError(
            "auth.bad_name", vi="Cần nhập tên nhân viên.", en="A staff name is required."
        )
    if not (pin.isascii() and pin.isdigit() and len(pin) in PIN_LENGTHS):
        raise KioskError(
            "auth.weak_pin",
            vi="Mã PIN phải gồm từ 4 đến 8 chữ số.",
            en="The PIN must be 4 to 8 digits.",
        )
    staff = Staff(name=name, role=role, pin_hash=hash_pin(pin), active=True, failed_attempts=0)
    try:
        with session.begin_nested():
            session.add(staff)
            session.flush()
    except IntegrityError:
        raise KioskError(
            "auth.name_taken",
            vi=f"Đã có nhân viên tên “{name}”.",
            en=f"A staff member named “{name}” already exists.",
        ) from None
    audit.record(
        session,
        ctx.kiosk_id,
        "staff.created",
        entity="staff",
        entity_id=staff.id,
        name=name,
        role=role.value,
    )
    return staff


def login(
    session: Session, ctx: KioskContext, name: str, pin: str, now: datetime | None = None
) -> Staff:
    """The staff member whose name and PIN match, or a KioskError.

    A wrong PIN is counted; the fifth in a row locks the account for LOCK_MINUTES. Failures are
    committed before the error is raised (the caller's unit of work rolls back on errors, and the
    count must survive it): call this in a unit of work of its own.
    """
    now = now or ctx.now()
    name = " ".join(nfc(name).split())
    staff = session.scalars(select(Staff).where(Staff.name == name).with_for_update()).first()
    if staff is None or not staff.active:
        check_pin(_dummy_hash(), pin)  # same time as a real check: names cannot be timed
        audit.record(session, ctx.kiosk_id, "staff.login_failed", entity="staff", reason="unknown")
        session.commit()
        raise _bad_pin(MAX_ATTEMPTS - 1)
    if staff.locked_until is not None:
        if now < staff.locked_until:
            _fail_audit(session, ctx, staff, "locked")
            session.commit()
            raise _locked(staff.locked_until - now)
        staff.locked_until, staff.failed_attempts = None, 0  # the lock ran out: start afresh
    if not check_pin(staff.pin_hash, pin):
        staff.failed_attempts = (staff.failed_attempts or 0) + 1
        left = MAX_ATTEMPTS - staff.failed_attempts
        if left <= 0:
            staff.locked_until = now + timedelta(minutes=LOCK_MINUTES)
        _fail_audit(session, ctx, staff, "locked_now" if left <= 0 else "bad_pin")
        session.commit()
        raise _locked(timedelta(minutes=LOCK_MINUTES)) if left <= 0 else _bad_pin(left)
    staff.failed_attempts, staff.locked_until = 0, None
    audit.record(
        session,
        ctx.kiosk_id,
        "staff.login",
        entity="staff",
        entity_id=staff.id,
        staff_id=staff.id,
        role=staff.role.value,
    )
    session.flush()
    return staff


def staff_names(session: Session) -> list[str]:
    """The names on the login screen: active staff, sorted."""
    return sorted(session.scalars(select(Staff.name).where(Staff.active.is_(True))))


def _fail_audit(session: Session, ctx: KioskContext, staff: Staff, reason: str) -> None:
    audit.record(
        session,
        ctx.kiosk_id,
        "staff.login_failed",
        entity="staff",
        entity_id=staff.id,
        staff_id=staff.id,
        reason=reason,
        failed_attempts=staff.failed_attempts,
    )


def _dummy_hash() -> str:
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(hash_pin("not-a-pin"))
    return _DUMMY_HASH[0]


def _bad_pin(left: int) -> KioskError:
    return KioskError(
        "auth.bad_pin",
        vi=f"Tên hoặc mã PIN không đúng. Còn {left} lần thử trước khi tài khoản bị khóa "
        f"{LOCK_MINUTES} phút.",
        en=f"Wrong name or PIN. {left} attempt(s) left before the account is locked for "
        f"{LOCK_MINUTES} minutes.",
        attempts_left=left,
    )


def _locked(remaining: timedelta) -> KioskError:
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    return KioskError(
        "auth.locked",
        vi=f"Tài khoản tạm khóa do nhập sai PIN {MAX_ATTEMPTS} lần. Thử lại sau {minutes} phút.",
        en=f"The account is locked after {MAX_ATTEMPTS} wrong PINs. Try again in {minutes} "
        "minute(s).",
        minutes=minutes,
    )
