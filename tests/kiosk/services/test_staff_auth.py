"""Staff PIN login: hashed PINs, counted failures, a five-minute lock, audit without the PIN."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import Role
from kiosk.errors import KioskError
from kiosk.services.staff_auth import create_staff, login, staff_names
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Staff
from tests.kiosk.services.consoledata import NOW, ctx_at


def _try(db: Database, name: str, pin: str, minutes: float = 0) -> str:
    """One login attempt at NOW + minutes; returns "ok" or the error code."""
    with db.unit_of_work() as s:
        try:
            login(s, ctx_at(), name, pin, now=NOW + timedelta(minutes=minutes))
        except KioskError as err:
            return err.code
    return "ok"


@pytest.fixture
def staffed(db: Database) -> Database:
    """The first supervisor Giám, Thu (PIN 2468) and an inactive Bình, added by Giám."""
    with db.unit_of_work() as s:
        giam = create_staff(s, ctx_at(), "Phạm Văn Giám", Role.SUPERVISOR, "97531").id
        create_staff(s, ctx_at(), "Lê Thị Thu", Role.STAFF, "2468", by=giam)
        create_staff(s, ctx_at(), "Võ Văn Bình", Role.SUPERVISOR, "13579", by=giam)
        s.scalars(select(Staff).where(Staff.name == "Võ Văn Bình")).one().active = False
    return db


def _giam(s: Session) -> uuid.UUID:
    return s.scalars(select(Staff.id).where(Staff.name == "Phạm Văn Giám")).one()


def test_create_staff_hashes_the_pin_and_refuses_weak_ones(staffed: Database) -> None:
    """The stored hash is Argon2id, not the PIN; PINs must be 4-8 digits; names are unique."""
    with staffed.unit_of_work() as s:
        thu = s.scalars(select(Staff).where(Staff.name == "Lê Thị Thu")).one()
        assert thu.pin_hash.startswith("$argon2id$") and "2468" not in thu.pin_hash
        for pin in ("123", "123456789", "12a4", "１２３４"):
            with pytest.raises(KioskError) as err:
                create_staff(s, ctx_at(), "Ai Đó", Role.STAFF, pin, by=_giam(s))
            assert err.value.code == "auth.weak_pin"
        with pytest.raises(KioskError) as err:
            create_staff(s, ctx_at(), "Lê  Thị Thu", Role.STAFF, "1111", by=_giam(s))
        assert err.value.code == "auth.name_taken"
    with staffed.read() as s:
        assert staff_names(s) == ["Lê Thị Thu", "Phạm Văn Giám"]


def test_login_succeeds_and_audits_without_the_pin(staffed: Database) -> None:
    """The right PIN logs in; wrong PIN, unknown and inactive names all say auth.bad_pin."""
    assert _try(staffed, "Lê Thị Thu", "2468") == "ok"
    assert _try(staffed, "Lê Thị Thu", "2469") == "auth.bad_pin"
    assert _try(staffed, "Không Có Ai", "2468") == "auth.bad_pin"
    assert _try(staffed, "Võ Văn Bình", "13579") == "auth.bad_pin"
    with staffed.read() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.at)).all()
        actions = [e.action for e in entries if e.action.startswith("staff.login")]
        assert actions == ["staff.login", *["staff.login_failed"] * 3]
        assert all("2468" not in str(e.detail) and "2469" not in str(e.detail) for e in entries)


def test_messages_count_down_the_attempts(staffed: Database) -> None:
    """Each wrong PIN says how many tries remain; an unknown name reads like a known one."""
    messages = []
    for _ in range(2):
        with staffed.unit_of_work() as s, pytest.raises(KioskError) as err:
            login(s, ctx_at(), "Lê Thị Thu", "0000", now=NOW)
        messages.append((err.value.vi, err.value.en))
    assert "Còn 4 lần thử" in messages[0][0] and "4 attempt(s) left" in messages[0][1]
    assert "Còn 3 lần thử" in messages[1][0]
    with staffed.unit_of_work() as s, pytest.raises(KioskError) as err:
        login(s, ctx_at(), "Không Có Ai", "0000", now=NOW)
    assert (err.value.vi, err.value.en) == messages[0]


def test_five_failures_lock_for_five_minutes(staffed: Database) -> None:
    """Four misses say bad PIN; the fifth locks; even the right PIN is refused until the lock
    ends (with the minutes left), then it works and the counter starts again."""
    codes = [_try(staffed, "Lê Thị Thu", "1111", minutes=i * 0.1) for i in range(5)]
    assert codes == ["auth.bad_pin"] * 4 + ["auth.locked"]
    with staffed.unit_of_work() as s, pytest.raises(KioskError) as err:
        login(s, ctx_at(), "Lê Thị Thu", "2468", now=NOW + timedelta(minutes=2.4))
    assert err.value.code == "auth.locked" and err.value.params["minutes"] == 3
    assert "3 phút" in err.value.vi
    assert _try(staffed, "Lê Thị Thu", "2468", minutes=5.35) == "auth.locked"
    assert _try(staffed, "Lê Thị Thu", "2468", minutes=5.5) == "ok"
    with staffed.read() as s:
        thu = s.scalars(select(Staff).where(Staff.name == "Lê Thị Thu")).one()
        assert (thu.failed_attempts, thu.locked_until) == (0, None)


def test_success_resets_the_counter(staffed: Database) -> None:
    """Four misses, a success, then four more misses: never locked."""
    codes = [_try(staffed, "Lê Thị Thu", "9999") for _ in range(4)]
    codes.append(_try(staffed, "Lê Thị Thu", "2468"))
    codes += [_try(staffed, "Lê Thị Thu", "9999") for _ in range(4)]
    assert codes == ["auth.bad_pin"] * 4 + ["ok"] + ["auth.bad_pin"] * 4
