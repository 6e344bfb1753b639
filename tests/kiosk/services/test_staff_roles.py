"""Every supervisor action is checked in its service: a cashier's, a locked-out or an inactive
supervisor's, or no id at all is refused below any screen, and nothing is written."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.config_edit import save_settings
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.enums import PaymentMethod, Role
from kiosk.domain.keys import public_key_text
from kiosk.errors import KioskError
from kiosk.services.bundle import merge_bundle
from kiosk.services.bundle_trust import trust_kiosk
from kiosk.services.receipts import void_receipt
from kiosk.services.retention import purge_personal_data
from kiosk.services.shifts import z_close
from kiosk.services.staff_auth import create_staff
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Staff
from tests.kiosk.services.bundlekit import OFFICE
from tests.support.factories import kiosk_context

CTX = kiosk_context()


@pytest.fixture
def people(db: Database) -> dict[str, uuid.UUID]:
    """The first supervisor, a cashier and an inactive supervisor, made as the services allow."""
    with db.unit_of_work() as s:
        giam = create_staff(s, CTX, "Phạm Văn Giám", Role.SUPERVISOR, "97531").id
        thu = create_staff(s, CTX, "Lê Thị Thu", Role.STAFF, "2468", by=giam).id
        old = create_staff(s, CTX, "Võ Văn Bình", Role.SUPERVISOR, "13579", by=giam)
        old.active = False
        return {"supervisor": giam, "cashier": thu, "inactive": old.id}


def _config_file(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(DEFAULT_CONFIG, encoding="utf-8")
    return path


ACTIONS: dict[str, Callable[[Session, uuid.UUID | None, Path], Any]] = {
    "create staff": lambda s, by, _p: create_staff(s, CTX, "Kẻ Lạ", Role.SUPERVISOR, "1111", by=by),
    "save settings": lambda s, by, p: save_settings(s, CTX, p, {"bank.account": "123"}, by),
    "trust a kiosk key": lambda s, by, _p: trust_kiosk(
        s, CTX, "K02", public_key_text(Ed25519PrivateKey.generate()), staff_id=by
    ),
    "merge a bundle": lambda s, by, _p: merge_bundle(s, CTX, b"", OFFICE, by=by),
    "apply retention": lambda s, by, _p: purge_personal_data(
        s, CTX, date(2030, 1, 1), dry_run=False, by=by
    ),
    "void a receipt": lambda s, by, _p: void_receipt(s, CTX, uuid.uuid4(), "sai", by),  # type: ignore[arg-type]
    "close a shift (Z)": lambda s, by, _p: z_close(
        s,
        CTX,
        uuid.uuid4(),
        {PaymentMethod.CASH: 0},
        by,  # type: ignore[arg-type]
    ),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("who", ["cashier", "inactive", "nobody", "unknown id"])
def test_supervisor_actions_refuse_everyone_else(
    db: Database, people: dict[str, uuid.UUID], tmp_path: Path, action: str, who: str
) -> None:
    """auth.supervisor_required, the configuration file unchanged, no row added."""
    by = {"nobody": None, "unknown id": uuid.uuid4()}.get(who, people.get(who))
    path = _config_file(tmp_path)
    with db.read() as s:
        audits = s.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        ACTIONS[action](s, by, path)
    assert err.value.code == "auth.supervisor_required"
    assert path.read_text(encoding="utf-8") == DEFAULT_CONFIG
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audits
        assert s.scalar(select(func.count()).select_from(Staff)) == 3


def test_supervisor_saves_settings_and_it_is_audited(
    db: Database, people: dict[str, uuid.UUID], tmp_path: Path
) -> None:
    """The supervisor's save is validated, written (0600) and audited with their id."""
    path = _config_file(tmp_path)
    with db.unit_of_work() as s:
        config = save_settings(s, CTX, path, {"bank.account": "123"}, people["supervisor"])
    assert config.bank.account == "123" and 'account = "123"' in path.read_text("utf-8")
    assert path.stat().st_mode & 0o777 == 0o600
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "settings.changed")).one()
        assert entry.staff_id == people["supervisor"] and entry.detail["keys"] == "bank.account"


def test_first_account_needs_nobody_but_must_be_a_supervisor(db: Database) -> None:
    """A new kiosk has nobody to ask: its first account is created alone, as a supervisor."""
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        create_staff(s, CTX, "Lê Thị Thu", Role.STAFF, "2468")
    assert err.value.code == "auth.first_is_supervisor"
    with db.unit_of_work() as s:
        create_staff(s, CTX, "Phạm Văn Giám", Role.SUPERVISOR, "97531")
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        create_staff(s, CTX, "Kẻ Lạ", Role.SUPERVISOR, "1111")
    assert err.value.code == "auth.supervisor_required"
