"""The self-service exit PIN goes through the login service: counted, locked, audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.domain.enums import Role
from kiosk.errors import KioskError
from kiosk.services.staff_auth import create_staff, login, verify_exit_pin
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Staff
from tests.kiosk.services.consoledata import NOW, ctx_at


@pytest.fixture
def staffed(db: Database) -> Database:
    """Supervisor Giám (97531) and cashier Thu (2468)."""
    with db.unit_of_work() as s:
        giam = create_staff(s, ctx_at(), "Phạm Văn Giám", Role.SUPERVISOR, "97531").id
        create_staff(s, ctx_at(), "Lê Thị Thu", Role.STAFF, "2468", by=giam)
    return db


def _exit(db: Database, pin: str, minutes: float = 0) -> str:
    """One exit attempt at NOW + minutes: the staff name, or the error code."""
    with db.unit_of_work() as s:
        try:
            return verify_exit_pin(s, ctx_at(), pin, now=NOW + timedelta(minutes=minutes)).name
        except KioskError as err:
            return err.code


def test_right_pin_opens_and_is_audited_with_who(staffed: Database) -> None:
    """A staff PIN opens the exit; the audit entry names who, never the PIN."""
    assert _exit(staffed, "2468") == "Lê Thị Thu"
    with staffed.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "selfservice.exit")).one()
        assert entry.staff_id is not None and "2468" not in str(entry.detail)


def test_five_wrong_pins_lock_the_exit_for_every_pin(staffed: Database) -> None:
    """Four misses count down; the fifth locks the exit: even the supervisor's right PIN is
    refused for five minutes (attempts meanwhile are audited but do not extend the lock), then
    it opens and the count starts again."""
    codes = [_exit(staffed, "1111", minutes=i * 0.1) for i in range(5)]
    assert codes == ["auth.bad_pin"] * 4 + ["auth.locked"]
    assert _exit(staffed, "97531", minutes=1) == "auth.locked"
    assert _exit(staffed, "97531", minutes=4.9) == "auth.locked"
    assert _exit(staffed, "97531", minutes=5.5) == "Phạm Văn Giám"
    assert _exit(staffed, "1111", minutes=6) == "auth.bad_pin"
    with staffed.read() as s:
        actions = [a for a in s.scalars(select(AuditEntry.action)) if "exit" in a]
    assert actions.count("selfservice.exit_failed") == 6
    assert actions.count("selfservice.exit_locked") == 1
    assert actions.count("selfservice.exit_refused") == 2


def test_locked_supervisor_pin_does_not_open(staffed: Database) -> None:
    """Giám's account is locked by five wrong logins: his right PIN does not open the exit."""
    for _ in range(5):
        with staffed.unit_of_work() as s, pytest.raises(KioskError):
            login(s, ctx_at(), "Phạm Văn Giám", "0000", now=NOW)
    assert _exit(staffed, "97531", minutes=1) == "auth.locked"
    assert _exit(staffed, "2468", minutes=1) == "Lê Thị Thu"
    assert _exit(staffed, "97531", minutes=6) == "Phạm Văn Giám"


def test_wrong_pin_message_counts_down(staffed: Database) -> None:
    """The panel can tell staff how many tries remain, in Vietnamese and English."""
    with staffed.unit_of_work() as s, pytest.raises(KioskError) as err:
        verify_exit_pin(s, ctx_at(), "0000", now=NOW)
    assert "Còn 4 lần thử" in err.value.vi and "4 attempt(s) left" in err.value.en


def test_inactive_account_pin_does_not_open(staffed: Database) -> None:
    """Thu's account is deactivated: her right PIN is a wrong PIN for the exit (auth.bad_pin,
    counted: "4 attempt(s) left"), audited as a failure with no staff named; the active
    supervisor's PIN still opens it."""
    with staffed.unit_of_work() as s:
        thu = s.scalars(select(Staff).where(Staff.name == "Lê Thị Thu")).one()
        thu.active = False
    with staffed.unit_of_work() as s, pytest.raises(KioskError) as err:
        verify_exit_pin(s, ctx_at(), "2468", now=NOW)
    assert err.value.code == "auth.bad_pin" and "4 attempt(s) left" in err.value.en
    with staffed.read() as s:
        failed = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "selfservice.exit_failed")
        ).one()
        assert failed.staff_id is None and failed.detail["reason"] == "bad_pin"
        assert (
            s.scalars(select(AuditEntry).where(AuditEntry.action == "selfservice.exit")).all() == []
        )
    assert _exit(staffed, "97531", minutes=1) == "Phạm Văn Giám"
