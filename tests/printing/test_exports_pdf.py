"""The office's declarations PDF: one TK1-TS per paid enrollment, all in one owner-only file."""

from __future__ import annotations

import io
import stat
import unicodedata
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from kiosk.domain.enums import EnrollmentStatus
from kiosk.domain.inputs import display_upper
from kiosk.store.db import Database
from kiosk.store.models import Enrollment, Person
from printing.documents.declaration import render_declaration_pdf
from printing.exports_pdf import export_declarations_pdf
from printing.records import declaration_document
from tests.support.paid import fixed_ctx, paid_household


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _texts(path: Path) -> list[str]:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return [unicodedata.normalize("NFC", page.extract_text()) for page in reader.pages]


def test_one_declaration_per_paid_enrollment(db: Database, tmp_path: Path) -> None:
    """Three paid enrollments (two health, one voluntary) give three declarations, in payment
    order, each starting on a page whose field [01] is its person's name in capitals; the page
    count is the sum of the single renders and the file is owner-only."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx, voluntary_income=1_500_000)
    target = tmp_path / "exports" / "to-khai.pdf"
    with db.read() as s:
        count = export_declarations_pdf(s, ctx, target)
        rows = s.execute(
            select(Enrollment.id, Person.full_name)
            .join(Person, Person.id == Enrollment.person_id)
            .where(Enrollment.status == EnrollmentStatus.PAID)
            .order_by(Enrollment.paid_at, Enrollment.visit_id, Enrollment.position, Enrollment.id)
        ).all()
        sizes = [_pages(render_declaration_pdf(declaration_document(s, r.id))) for r in rows]
    assert count == 3 == len(rows) == len(paid.enrollment_ids)
    texts = _texts(target)
    assert len(texts) == sum(sizes)
    first = 0
    for (_, name), size in zip(rows, sizes, strict=True):
        lines = texts[first].splitlines()
        assert lines[lines.index("[01]. Họ và tên (viết chữ in hoa):") + 1] == display_upper(name)
        first += size
    assert sorted(display_upper(n) for _, n in rows) == sorted(
        ["NGUYỄN THỊ HUYỀN", "NGUYỄN THỊ HUYỀN", "TRẦN VĂN ĐỨC"]
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not list(target.parent.glob(".*partial"))


def test_day_filter_and_empty_export(db: Database, tmp_path: Path) -> None:
    """A day with no payments gives a valid PDF with no pages and 0; the paying day gives all."""
    ctx = fixed_ctx()
    paid_household(db, ctx)
    empty = tmp_path / "empty.pdf"
    full = tmp_path / "day.pdf"
    with db.read() as s:
        assert export_declarations_pdf(s, ctx, empty, day=date(2026, 11, 24)) == 0
        assert export_declarations_pdf(s, ctx, full, day=ctx.today()) == 2
    assert len(PdfReader(io.BytesIO(empty.read_bytes())).pages) == 0
    assert "TRẦN VĂN ĐỨC" in "\n".join(_texts(full))
