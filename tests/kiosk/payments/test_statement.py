"""Bank statements: matched, partial and unmatched lines; CSV and XLSX; nothing guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from kiosk.domain.enums import PaymentMethod, PaymentStatus
from kiosk.errors import KioskError
from kiosk.payments.statement import ColumnMapping, Pending, match, parse_rows, read_statement
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.statements import apply_statement
from kiosk.store.db import Database
from kiosk.store.models import Payment
from tests.kiosk.services.payflow import visits
from tests.support.factories import kiosk_context, new_key


def _pending(db: Database, amounts: tuple[int, ...]) -> list[str]:
    ctx = kiosk_context()
    refs = []
    for amount in amounts:
        (visit_id,) = visits(db, ctx, 1, (amount,))
        with db.unit_of_work() as s:
            result = checkout(
                s, ctx, visit_id, [PaymentRequest(PaymentMethod.VIETQR, amount)], new_key()
            )
            assert result.transfer_reference
            refs.append(result.transfer_reference)
    return refs


def test_csv_statement_confirms_only_exact_matches(db: Database, tmp_path: Path) -> None:
    """Reference + amount confirms (even with the bank's noise); a wrong amount is partial; an
    unrelated credit is unmatched; debits are ignored."""
    a, b, _c = _pending(db, (1_366_200, 956_340, 819_720))
    noisy_a = "MBVCB.123 " + a.replace(" ", "").lower() + " CT tu 0123"
    path = tmp_path / "sao-ke.csv"
    path.write_text(
        "Ngày,Mô tả,Ghi có,Ghi nợ\n"
        f"25/11/2026,{noisy_a},1.366.200,\n"
        f"25/11/2026,{b},956.000,\n"
        "25/11/2026,Chuyen tien an trua,50.000,\n"
        "25/11/2026,Phi dich vu,,11.000\n",
        encoding="utf-8",
    )
    mapping = ColumnMapping(description="Mô tả", amount=None, credit="Ghi có", date="Ngày")
    ctx = kiosk_context()
    with db.unit_of_work() as s:
        result = apply_statement(s, ctx, path, mapping, None)
    assert [(line.row, p.reference) for line, p in result.matched] == [(2, a)]
    assert [(line.row, line.amount) for line, _ in result.partial] == [(3, 956_000)]
    assert [line.description for line in result.unmatched] == ["Chuyen tien an trua"]
    with db.read() as s:
        statuses = {p.reference: p.status for p in s.scalars(select(Payment))}
    assert statuses[a] is PaymentStatus.CONFIRMED and statuses[b] is PaymentStatus.PENDING


def test_xlsx_statement(db: Database, tmp_path: Path) -> None:
    """The same matching from an XLSX export with a signed amount column."""
    (a,) = _pending(db, (546_480,))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["date", "description", "amount"])
    sheet.append(["2026-11-25", f"ND: {a}", 546_480])
    sheet.append(["2026-11-25", "rut tien", -100_000])
    path = tmp_path / "statement.xlsx"
    book.save(path)
    with db.unit_of_work() as s:
        result = apply_statement(s, kiosk_context(), path, ColumnMapping(), None)
    assert len(result.matched) == 1 and result.unmatched == [] and result.partial == []


def test_matching_rules_without_a_database() -> None:
    """Exact reference+amount matches once; the same transfer seen again is a duplicate (to
    refund); a line naming two references or none is left for a person; compare ignores case,
    spaces and punctuation."""
    p1 = Pending("p1", "BHXH K01 AAAAAAAAAA", 100_000)
    p2 = Pending("p2", "BHXH K01 BBBBBBBBBB", 200_000)
    rows = [
        ["date", "description", "amount"],
        ["1", "IBFT bhxh-k01-aaaaaaaaaa", "100.000"],
        ["2", "IBFT BHXHK01AAAAAAAAAA lan 2", "100,000.00"],
        ["3", "BHXH K01 AAAAAAAAAA + BHXH K01 BBBBBBBBBB", "300.000"],
        ["4", "bhxh k01 bbbbbbbbbb", "-200.000"],
        ["", "", ""],
    ]
    result = match(parse_rows(rows, ColumnMapping()), [p1, p2])
    assert [(line.row, p.payment_id) for line, p in result.matched] == [(2, "p1")]
    assert [(line.row, p.payment_id) for line, p in result.duplicates] == [(3, "p1")]
    assert [line.row for line in result.unmatched] == [4] and result.partial == []


def test_debit_column_and_amount_formats() -> None:
    """Credit/debit columns: a row with a debit is skipped; amounts read as whole đồng from
    '1.366.200', '1,366,200.00', '956 340 VND'; a fraction of a đồng is refused."""
    mapping = ColumnMapping(description="noi dung", amount=None, credit="co", debit="no", date=None)
    rows = [
        ["Ngay", "Noi dung", "Co", "No"],
        ["", "a", "1.366.200", ""],
        ["", "b", "1,366,200.00", ""],
        ["", "c", "956 340 VND", ""],
        ["", "d", "", "50.000"],
    ]
    assert [(x.description, x.amount) for x in parse_rows(rows, mapping)] == [
        ("a", 1_366_200),
        ("b", 1_366_200),
        ("c", 956_340),
    ]
    with pytest.raises(KioskError) as err:
        parse_rows([["noi dung", "co", "no"], ["x", "12.5", ""]], mapping)
    assert err.value.code == "statement.unreadable" and "row 2" in err.value.en


def test_unreadable_statements_name_the_problem(tmp_path: Path) -> None:
    """A missing column, a PDF and a broken XLSX are statement.unreadable with a reason."""
    with pytest.raises(KioskError) as err:
        parse_rows([["date", "text", "amount"]], ColumnMapping())
    assert err.value.code == "statement.unreadable" and "description" in err.value.en
    for name, data in (("s.pdf", b"%PDF-1.4"), ("s.xlsx", b"not a zip")):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(KioskError) as err:
            read_statement(tmp_path / name, ColumnMapping())
        assert err.value.code == "statement.unreadable"
