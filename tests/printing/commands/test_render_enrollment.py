"""`render KIND --enrollment UUID` prints a stored, paid enrollment from the kiosk's database."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.bootstrap import event_id_for, open_database
from kiosk.cli import main
from kiosk.config import load_config, write_default_config
from kiosk.domain.enums import PaymentMethod, Scheme, Sex
from kiosk.domain.person import PersonDraft
from kiosk.paths import config_path
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.services.shifts import open_shift
from kiosk.store.models import Enrollment, Staff
from tests.printing.documents.pdfcheck import decode_qr, page_texts, rasterise


@pytest.fixture
def paid_enrollment() -> str:
    """A configured kiosk whose database holds one paid household enrollment."""
    write_default_config(config_path())
    config = load_config(config_path())
    db = open_database(config)
    ctx = KioskContext(config.kiosk.id, event_id_for(config), config.kiosk.receipt_series)
    draft = PersonDraft("Hồ Thị Ngọc Ánh", date(1979, 6, 30), Sex.FEMALE, "066179000123")
    with db.unit_of_work() as s:
        staff = Staff(name="Lê Thị Thu", pin_hash="test-only")
        s.add(staff)
        s.flush()
        open_shift(s, ctx, staff.id, 0)
        reg = register_visit(
            s, ctx, [MemberRequest(draft, (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 6),))]
        )
        parts = [PaymentRequest(PaymentMethod.CASH, reg.quote.total, tendered=reg.quote.total)]
        checkout(s, ctx, reg.visit_id, parts, uuid.uuid4().hex, staff_id=staff.id)
        enrollment_id = s.scalars(select(Enrollment.id)).one()
    db.dispose()
    return str(enrollment_id)


def test_card_for_stored_enrollment_is_provisional_and_verifies(
    paid_enrollment: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The card PDF names the person; its QR verifies on this kiosk with `verify`."""
    out = tmp_path / "card.pdf"
    assert main(["render", "card", "--enrollment", paid_enrollment, "--out", str(out)]) == 0
    pdf = out.read_bytes()
    assert "HỒ THỊ NGỌC ÁNH" in page_texts(pdf)[0]
    (payload,) = decode_qr(rasterise(pdf)[0])
    capsys.readouterr()
    assert main(["verify", payload]) == 0
    assert "Hồ Thị Ngọc Ánh" in capsys.readouterr().out


def test_receipt_for_stored_enrollment(paid_enrollment: str, tmp_path: Path) -> None:
    """The receipt PDF carries the series-number and the amount of 6 months: 683,100 đ."""
    out = tmp_path / "receipt.pdf"
    assert main(["render", "receipt", "--enrollment", paid_enrollment, "--out", str(out)]) == 0
    text = page_texts(out.read_bytes())[0]
    assert "683.100" in text and "Hồ Thị Ngọc Ánh" in text


def test_unknown_enrollment_exits_2(
    paid_enrollment: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An id that is not in the database is a clear error, not a traceback."""
    code = main(["render", "card", "--enrollment", str(uuid.uuid4()), "--out", str(tmp_path / "x")])
    assert code == 2
    assert "Không tìm thấy mã đăng ký" in capsys.readouterr().err
