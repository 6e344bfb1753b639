"""The audit page lists the log newest first in Vietnam time and finds entries by filter."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from kiosk.config import Config
from kiosk.domain.localtime import UTC
from kiosk.services import audit
from kiosk.services.audit_search import LIMIT, search_audit
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry
from tests.support.paid import NOON_VN, PaidVisit, paid_household
from tests.ui.staff.office import host, screenshot, staff_state
from tests.ui.widgets.helpers import type_keys
from ui.staff.audit_page import AuditPage

VOIDED_AT = datetime(2026, 11, 25, 9, 30, 5, tzinfo=UTC)  # 16:30:05 in Vietnam
RECEIPT = uuid.UUID("7d3f0c2e-1111-4c1e-9a77-3b0d5e0a9c41")


@pytest.fixture
def paid(db: Database, ctx: KioskContext) -> PaidVisit:
    """A paid household (its services audit registration, payment and receipt), then a receipt
    voided by the supervisor late in the afternoon and an action the page does not know."""
    visit = paid_household(db, ctx)
    with db.unit_of_work() as s:
        # The services stamp entries with the real clock: pin them at the payment's noon.
        s.execute(update(AuditEntry).values(at=NOON_VN))
        entry = audit.record(
            s,
            ctx.kiosk_id,
            "receipt.voided",
            entity="receipt",
            entity_id=RECEIPT,
            staff_id=visit.supervisor,
            reason="ghi sai 100% số tiền",
        )
        entry.at = VOIDED_AT
        later = audit.record(s, ctx.kiosk_id, "drawer.opened", entity="drawer", entity_id="D1")
        later.at = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    return visit


def _page(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext, paid: PaidVisit
) -> AuditPage:
    page = AuditPage(staff_state(config, db, ctx, paid.supervisor, "Phạm Văn Giám"))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        host(qtbot, page)
    return page


def _filter(qtbot: QtBot, page: AuditPage, text: str) -> int:
    """Type `text` key by key (as a keyboard does); exactly one search runs, 300 ms after."""
    loads: list[int] = []
    page.loaded.connect(loads.append)
    page.filter.clear()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        type_keys(page.filter, text)
        assert page.debounce.isActive() and page.debounce.interval() == 300
    page.loaded.disconnect(loads.append)
    assert page.state.tasks.pending == 0 and not page.debounce.isActive()
    assert len(loads) == 1
    return loads[0]


def test_log_is_listed_newest_first_in_vietnam_time(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext, paid: PaidVisit
) -> None:
    """The unknown action (17:00) comes first and is shown raw; the void follows with the
    supervisor's name, its Vietnamese label, the receipt id and the masked detail."""
    page = _page(qtbot, config, db, ctx, paid)
    model = page.model
    assert model.rowCount() >= 5
    assert [model.text(0, c) for c in range(4)] == [
        "25/11/2026 17:00:00",
        "",
        "drawer.opened",
        "drawer D1",
    ]
    assert [model.text(1, c) for c in range(5)] == [
        "25/11/2026 16:30:05",
        "Phạm Văn Giám",
        "Hủy biên lai",
        f"receipt {RECEIPT}",
        "reason: ghi sai 100% số tiền",
    ]
    assert {model.entries[r].action for r in range(model.rowCount())} >= {
        "visit.registered",
        "receipt.issued",
    }
    assert page.count.text() == f"{model.rowCount()} mục"
    screenshot(page.window(), "staff-audit.png")


def test_filter_finds_by_entity_id_action_label_and_detail(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext, paid: PaidVisit
) -> None:
    """A piece of the receipt id, the Vietnamese label typed without accents, and "100%" (a
    literal percent sign, not a wildcard) and Vietnamese words of its detail each find the void; "receipt." finds the
    issued and the voided receipt."""
    page = _page(qtbot, config, db, ctx, paid)
    assert _filter(qtbot, page, "1111-4c1e") == 1
    assert page.model.entries[0].entity_id == str(RECEIPT)
    assert _filter(qtbot, page, "huy bien lai") == 1
    assert page.model.entries[0].action == "receipt.voided"
    assert _filter(qtbot, page, "100%") == 1
    assert _filter(qtbot, page, "số tiền") == 1
    assert _filter(qtbot, page, "receipt.") == 2
    assert {e.action for e in page.model.entries} == {"receipt.issued", "receipt.voided"}
    assert _filter(qtbot, page, "không có gì như thế") == 0


def test_search_keeps_only_the_newest(db: Database, paid: PaidVisit) -> None:
    """The limit keeps the newest entries: with a limit of 2, the unknown action and the void;
    the page's limit is 500."""
    with db.read() as s:
        rows = search_audit(s, "", limit=2)
    assert [r.action for r in rows] == ["drawer.opened", "receipt.voided"]
    assert LIMIT == 500


def test_search_runs_in_sql_on_both_databases(any_db: Database) -> None:
    """On SQLite and PostgreSQL: the detail's Vietnamese words, "%" and "_" taken literally,
    the entity id and an accent-free Vietnamese label all find the right entries."""
    with any_db.unit_of_work() as s:
        audit.record(
            s,
            "K01",
            "receipt.voided",
            entity="receipt",
            entity_id=RECEIPT,
            reason="ghi sai 100% số tiền",
        )
        audit.record(
            s, "K01", "shift.opened", entity="shift", entity_id="S_1", opening_float=500_000
        )
    with any_db.read() as s:
        assert [r.action for r in search_audit(s, "số tiền")] == ["receipt.voided"]
        assert [r.action for r in search_audit(s, "100%")] == ["receipt.voided"]
        assert [r.entity_id for r in search_audit(s, "S_1")] == ["S_1"]
        assert search_audit(s, "S%1") == []
        assert [r.action for r in search_audit(s, "mo ca")] == ["shift.opened"]
        assert [r.action for r in search_audit(s, "1111-4C1E")] == ["receipt.voided"]
