"""`kiosk shift x-report`: the open shift's running figures from the configured database."""

from __future__ import annotations

import pytest

from kiosk import paths
from kiosk.bootstrap import open_database
from kiosk.cli import main
from kiosk.config import load_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.enums import PaymentMethod
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.shifts import cash_movement, open_shift
from tests.kiosk.commands.english import vietnamese_letters
from tests.support.factories import kiosk_context, make_visit, new_key


def test_x_report_prints_the_open_shift(capsys: pytest.CaptureFixture[str]) -> None:
    """Float 500,000 + a cash sale of 1,366,200 − 100,000 out: the report prints 1.766.200 đ
    expected cash, one sale and one movement; without an open shift it exits 2."""
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DEFAULT_CONFIG, encoding="utf-8")
    config = load_config(path)
    ctx = kiosk_context(config.kiosk.id, config.kiosk.receipt_series)
    db = open_database(config)
    assert main(["--lang", "en", "shift", "x-report"]) == 2
    assert "No cash shift is open" in capsys.readouterr().err
    with db.unit_of_work() as s:
        open_shift(s, ctx, None, 500_000)
        visit = make_visit(s, ctx, amounts=(1_366_200,))
    with db.unit_of_work() as s:
        checkout(s, ctx, visit.id, [PaymentRequest(PaymentMethod.CASH, 1_366_200)], new_key())
        cash_movement(s, ctx, -100_000, "Nộp về văn phòng", None)
    db.dispose()
    assert main(["shift", "x-report"]) == 0
    out = capsys.readouterr().out
    assert "BÁO CÁO X" in out and "Tiền đầu ca: 500.000 đ" in out
    cash_row = next(line for line in out.splitlines() if line.startswith("Tiền mặt"))
    assert "1 lần" in cash_row and "1.766.200 đ" in cash_row
    assert "Rút ra 100.000 đ" in out and "Thu/chi 1" in out and "Biên lai 1" in out
    assert "Tiền mặt                 1 lần  dự kiến 1.766.200 đ" in out.splitlines()
    assert main(["shift", "x-report", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "X REPORT — kiosk K01",
        "Opening float: 500.000 đ",
        "Cash                     1 paid  expected 1.766.200 đ",
        "VietQR transfer          0 paid  expected 0 đ",
        "Bank card                0 paid  expected 0 đ",
        "Paid in 0 đ  Taken out 100.000 đ",
        "Receipts 1  Voided 0  Cash in/out 1  VietQR waiting 0 (0 đ)",
    ]
    assert vietnamese_letters(out) == []
