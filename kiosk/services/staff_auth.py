"""Staff accounts and PIN login, with a lockout after repeated wrong PINs."""

from __future__ import annotations

import math
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.enums import Role
from kiosk.domain.text import nfc
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.pins import check_pin, hash_pin
from kiosk.services.staff_roles import MERGED_PIN_HASH, has_accounts, require_supervisor
from kiosk.store.models import AuditEntry, Staff

MAX_ATTEMPTS = 5
LOCK_MINUTES = 5
PIN_LENGTHS = range(4, 9)
_DUMMY_HASH: list[str] = []  # made once: unknown names cost the same KDF time as known ones
__all__ = ["MERGED_PIN_HASH", "create_staff", "has_accounts", "login", "verify_exit_pin"]


def create_staff(
    session: Session,
    ctx: KioskContext,
    name: str,
    role: Role,
    pin: str,
    *,
    by: uuid.UUID | None = None,
) -> Staff:
    """A new active staff member; the PIN (4-8 digits) is kept only as its Argon2id hash.

    The first account of a kiosk is its supervisor and needs nobody; every later one is created
    `by` an active supervisor (auth.supervisor_required otherwise), whatever screen or command
    asks.
    """
    if has_accounts(session):
        require_supervisor(session, by)
    elif role != Role.SUPERVISOR:
        raise KioskError(
            "auth.first_is_supervisor",
            vi="Tài khoản đầu tiên của ki-ốt phải là giám sát viên.",
            en="The kiosk's first account must be a supervisor.",
        )
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
        staff_id=by,
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


EXIT_OK = "selfservice.exit"
EXIT_FAILED = "selfservice.exit_failed"  # a wrong PIN (counted)
EXIT_LOCKED = "selfservice.exit_locked"  # the fifth: the exit is locked until detail["until"]
EXIT_REFUSED = "selfservice.exit_refused"  # an attempt while locked (audited, not counted)


def verify_exit_pin(
    session: Session, ctx: KioskContext, pin: str, now: datetime | None = None
) -> Staff:
    """The staff member whose PIN opens the self-service exit, or a KioskError.

    The exit panel asks for a PIN only (no name), so its attempts are counted per kiosk in the
    audit log: the fifth wrong PIN in a row locks the exit for LOCK_MINUTES, for every PIN. A
    locked or inactive account's PIN does not open it. Every attempt is audited; failures are
    committed before the error (call this in a unit of work of its own, off the GUI thread: it
    checks the PIN against each active account's slow hash).
    """
    now = now or ctx.now()
    locked_until = _exit_locked_until(session, ctx, now)
    if locked_until is not None:
        check_pin(_dummy_hash(), pin)  # a locked exit costs the same time: nothing to learn
        _exit_audit(session, ctx, EXIT_REFUSED, now, reason="exit_locked")
        session.commit()
        raise _locked(locked_until - now)
    staff = next(
        (
            s
            for s in session.scalars(select(Staff).where(Staff.active.is_(True)).order_by(Staff.id))
            if s.pin_hash != MERGED_PIN_HASH and check_pin(s.pin_hash, pin)
        ),
        None,
    )
    if staff is not None and (staff.locked_until is None or now >= staff.locked_until):
        _exit_audit(session, ctx, EXIT_OK, now, staff_id=staff.id)
        session.flush()
        return staff
    reason = "account_locked" if staff is not None else "bad_pin"
    _exit_audit(session, ctx, EXIT_FAILED, now, reason=reason)
    failures = _exit_failures(session, ctx, now)
    left = MAX_ATTEMPTS - failures
    if left <= 0:
        until = now + timedelta(minutes=LOCK_MINUTES)
        _exit_audit(session, ctx, EXIT_LOCKED, now, until=until.isoformat())
    session.commit()
    if left <= 0:
        raise _locked(timedelta(minutes=LOCK_MINUTES))
    if staff is not None:
        assert staff.locked_until is not None
        raise _locked(staff.locked_until - now)
    raise _bad_pin(left)


def _exit_audit(
    session: Session,
    ctx: KioskContext,
    action: str,
    now: datetime,
    staff_id: uuid.UUID | None = None,
    **detail: str,
) -> None:
    entry = audit.record(
        session,
        ctx.kiosk_id,
        action,
        entity="kiosk",
        entity_id=ctx.kiosk_id,
        staff_id=staff_id,
        **detail,
    )
    entry.at = now  # the service's clock, so lockouts are counted in the same time as checked
    session.flush()


def _exit_events(session: Session, ctx: KioskContext, action: str) -> Any:
    return (
        select(AuditEntry)
        .where(AuditEntry.kiosk_id == ctx.kiosk_id, AuditEntry.action == action)
        .order_by(AuditEntry.at.desc())
    )


def _exit_locked_until(session: Session, ctx: KioskContext, now: datetime) -> datetime | None:
    lock = session.scalars(_exit_events(session, ctx, EXIT_LOCKED).limit(1)).first()
    if lock is None:
        return None
    until = datetime.fromisoformat(str(lock.detail.get("until")))
    return until if now < until else None


def _exit_failures(session: Session, ctx: KioskContext, now: datetime) -> int:
    """Wrong exit PINs since the last success or the end of the last lock."""
    marks = [
        session.scalar(
            select(func.max(AuditEntry.at)).where(
                AuditEntry.kiosk_id == ctx.kiosk_id, AuditEntry.action == action
            )
        )
        for action in (EXIT_OK, EXIT_LOCKED)
    ]
    since = max((m for m in marks if m is not None), default=None)
    query = select(func.count()).where(
        AuditEntry.kiosk_id == ctx.kiosk_id, AuditEntry.action == EXIT_FAILED
    )
    if since is not None:
        query = query.where(AuditEntry.at > since)
    return int(session.scalar(query) or 0)


def staff_names(session: Session) -> list[str]:
    """The names on the login screen: active staff who can log in, sorted."""
    return sorted(
        session.scalars(
            select(Staff.name).where(Staff.active.is_(True), Staff.pin_hash != MERGED_PIN_HASH)
        )
    )


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
