"""The catalogue of document kinds: complete, today's rules, test pages, and one entry per kind."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from kiosk.domain.enums import DocumentKind, PrinterRole, PrintStatus
from kiosk.domain.labels import DOCUMENT
from kiosk.domain.provisional import sign_provisional
from kiosk.errors import KioskError
from kiosk.store.db import Database
from kiosk.store.models import Person, PrintJob
from printing import catalogue, queue, recovery, sources
from printing.catalogue import (
    CARD_MM,
    DocumentSpec,
    OnCrash,
    PrintOptions,
    Renderers,
    Reprint,
    Source,
    VisitDocument,
)
from printing.issue import issue_visit, visit_jobs
from printing.jobs import to_payload
from printing.worker import PrintRunner
from scenario.memory_printer import MemoryPrinter
from tests.printing.documents.pdfcheck import page_sizes, page_texts
from tests.support.paid import fixed_ctx, paid_household

KEY = Ed25519PrivateKey.generate()
PLACE = "Bảo hiểm xã hội tỉnh Đắk Lắk"


def _sign(fields: dict[str, str]) -> str:
    return sign_provisional(fields, KEY, "K01")


def test_every_kind_has_one_entry_labelled_from_the_labels_module() -> None:
    """Each DocumentKind has exactly one entry, in print order, named by labels.DOCUMENT."""
    kinds = [spec.kind for spec in catalogue.entries()]
    assert kinds == list(DocumentKind)
    assert {spec.label("vi") for spec in catalogue.entries()} == {x.vi for x in DOCUMENT.values()}
    assert catalogue.entry(DocumentKind.CARD).label("en") == DOCUMENT[DocumentKind.CARD].en


def test_rules_per_kind_are_todays() -> None:
    """Printer, stored source, crash rule and reprint rule of every kind, as the queue had them:
    slips and declarations resume after a crash, cards and booklets wait for review, only a
    card reprint needs a supervisor."""
    table = {
        spec.kind.value: (
            spec.role.value if spec.role else None,
            spec.source.type_name,
            spec.on_crash.value,
            spec.reprint.value,
        )
        for spec in catalogue.entries()
    }
    assert table == {
        "receipt": ("receipt", "receipt", "resume", "reason"),
        "card": ("card", "issuance", "review", "supervisor"),
        "booklet": ("booklet", "person", "review", "reason"),
        "declaration": ("declaration", "enrollment", "resume", "reason"),
        "queue_ticket": ("receipt", "visit", "resume", "reason"),
        "shift_report": ("receipt", "shift", "resume", "reason"),
        "test_page": (None, "test", "resume", "reason"),
    }
    stored = [s.source.type_name for s in catalogue.entries()]
    assert len(set(stored)) == len(stored)  # a job's source names one kind of record


def test_guard_keys() -> None:
    """A card is guarded by "card:<record>"; shift reports and test pages are not guarded, yet
    a reprint of one is filed under the same format."""
    record = uuid.UUID(int=7)
    card = catalogue.entry(DocumentKind.CARD)
    report = catalogue.entry(DocumentKind.SHIFT_REPORT)
    assert card.guard_key(record) == f"card:{record}"
    assert catalogue.entry(DocumentKind.QUEUE_TICKET).guard_key("v1") == "queue_ticket:v1"
    assert report.guard_key(record) is None
    assert catalogue.entry(DocumentKind.TEST_PAGE).guard_key("") is None
    assert report.reprint_guard_key(record) == f"shift_report:{record}"


def test_options_from_a_printer_table() -> None:
    """58 mm paper is 418 dots (576 per 80 mm); offsets and profile pass through; defaults are 80 mm."""
    options = PrintOptions.of(
        {"width_mm": 58, "profile": "TM-T20II", "offset_x_mm": 1.5, "offset_y_mm": -2}
    )
    assert (options.width_dots, options.profile, options.offsets) == (418, "TM-T20II", (1.5, -2.0))
    assert PrintOptions.of({}) == PrintOptions()


def test_test_page_of_each_role() -> None:
    """Receipt: the sample receipt, ESC/POS on a thermal printer and a PDF in the folder; card:
    an ID-1 sample card; booklet: the calibration page with the offsets; declaration: TK1-TS;
    each marked "MẪU"."""
    pages = catalogue.CATALOGUE
    receipt = pages.test_page(PrinterRole.RECEIPT)
    thermal = to_payload(receipt, ("escpos",), PrintOptions(), "t")
    assert thermal.kind == "escpos" and thermal.data.startswith(b"\x1b@")
    assert to_payload(receipt, ("pdf", "escpos"), PrintOptions(), "t").kind == "pdf"
    card = to_payload(pages.test_page(PrinterRole.CARD), ("pdf",), PrintOptions(), "t")
    mm = [(round(w / 72 * 25.4, 1), round(h / 72 * 25.4, 1)) for w, h in page_sizes(card.data)]
    assert card.page_mm == CARD_MM and mm == [(85.6, 54.0), (85.6, 54.0)]  # front and back
    offsets = PrintOptions(offset_x_mm=1.5, offset_y_mm=-2.0)
    booklet = to_payload(pages.test_page(PrinterRole.BOOKLET), ("pdf",), offsets, "t")
    text = page_texts(booklet.data)[0]
    assert "TRANG HIỆU CHỈNH MÁY IN SỔ BHXH" in text
    assert "Độ lệch X = +1.5 mm; Độ lệch Y = -2.0 mm" in text
    form = to_payload(pages.test_page(PrinterRole.DECLARATION), ("pdf",), PrintOptions(), "t")
    assert "TK1-TS" in page_texts(form.data)[0]
    # Every test page is a sample and says so, on every page (the thermal one in its image).
    pdfs = [to_payload(receipt, ("pdf",), PrintOptions(), "t"), card, booklet, form]
    assert all("MẪU" in text for pdf in pdfs for text in page_texts(pdf.data))
    assert receipt.document.sample and pages.test_page(PrinterRole.CARD).document.sample


def test_a_kind_with_no_renderer_for_the_printer_fails_clearly() -> None:
    """A document whose entry has neither renderer is print.unprintable, not a crash."""
    printable = catalogue.Printable(object(), Renderers[object]())
    with pytest.raises(KioskError) as refused:
        to_payload(printable, ("pdf",), PrintOptions(), "x")
    assert refused.value.code == "print.unprintable"


# --- Adding a kind: one entry plus its renderer -------------------------------------------
# DocumentKind lives in the core (kiosk/domain/enums.py) and the job table stores it, so the
# new kind takes an existing member's place: "declaration" becomes a name badge that prints on
# a thermal printer, points at a new kind of source, needs review after a crash and a
# supervisor to print again. Nothing outside this entry and its renderer is told about it.


@dataclass(frozen=True)
class Badge:
    """The new document model: a name badge."""

    name: str


def load_badge(session: Session, key: uuid.UUID, _params: Mapping[str, Any]) -> Badge:
    return Badge(session.get_one(Person, key).full_name)


def render_badge(badge: Badge, options: PrintOptions) -> bytes:
    return b"\x1b@BADGE " + badge.name.encode() + f" {options.width_dots}\n".encode()


BADGE = DocumentSpec(
    DocumentKind.DECLARATION,
    PrinterRole.DECLARATION,
    Source("badge", Person),
    load_badge,
    Renderers(escpos=render_badge),
    OnCrash.REVIEW,
    Reprint.SUPERVISOR,
    visit=VisitDocument(sources.person_key, sources.person_names),
)


def test_adding_a_kind_is_one_entry_plus_its_renderer(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With only the badge entry swapped in: paying issues one badge per person after each
    card, the job points at the new source, the print thread renders it with the printer's
    width, the desk labels it, a crash puts it up for review, and printing it again (after a
    crash or a reprint) needs a supervisor."""
    monkeypatch.setattr(catalogue, "CATALOGUE", catalogue.with_entry(BADGE))
    ctx = fixed_ctx()
    paid = paid_household(any_db, ctx)
    with any_db.unit_of_work() as s:
        jobs = issue_visit(s, ctx, paid.visit_id, _sign, PLACE, paid.cashier)
    with any_db.read() as s:
        rows = [s.get_one(PrintJob, j) for j in jobs]
        assert [r.kind for r in rows] == [
            DocumentKind.RECEIPT,
            DocumentKind.CARD,
            DocumentKind.DECLARATION,
            DocumentKind.CARD,
            DocumentKind.DECLARATION,
        ]
        badges = [r for r in rows if r.kind == DocumentKind.DECLARATION]
        assert {(r.source_type, r.printer_role) for r in badges} == {
            ("badge", PrinterRole.DECLARATION)
        }
        assert badges[0].guard_key == f"declaration:{badges[0].source_id}"
        desk = [(j.kind, j.label) for j in visit_jobs(s, paid.visit_id)]
        assert (DocumentKind.DECLARATION, "Trần Văn Đức") in desk
    badge_jobs = [jobs[2], jobs[4]]
    with any_db.unit_of_work() as s:
        assert queue.claim_next(s, ctx, PrinterRole.DECLARATION) is not None
    printer = MemoryPrinter(accepts=("escpos",))
    runner = PrintRunner(
        any_db, ctx, {PrinterRole.DECLARATION: printer}, {PrinterRole.DECLARATION: {"width_mm": 58}}
    )
    assert runner.recover() == recovery.Recovery(resumed=0, for_review=1)
    with any_db.unit_of_work() as s, pytest.raises(KioskError) as refused:
        recovery.resolve_review(s, ctx, badge_jobs[0], printed=False, staff_id=paid.cashier)
    assert refused.value.code == "auth.supervisor_required"
    with any_db.unit_of_work() as s:
        recovery.resolve_review(
            s,
            ctx,
            badge_jobs[0],
            printed=False,
            staff_id=paid.cashier,
            supervisor_id=paid.supervisor,
        )
    while runner.run_once(PrinterRole.DECLARATION):
        pass
    assert [p.data for p in printer.payloads] == [
        "\x1b@BADGE Nguyễn Thị Huyền 418\n".encode(),
        "\x1b@BADGE Trần Văn Đức 418\n".encode(),
    ]
    with any_db.unit_of_work() as s, pytest.raises(KioskError) as no_sup:
        queue.reprint(s, ctx, badge_jobs[1], "Khách làm rơi", paid.cashier)
    assert no_sup.value.code == "auth.supervisor_required"
    with any_db.unit_of_work() as s:
        again = queue.reprint(s, ctx, badge_jobs[1], "Khách làm rơi", paid.cashier, paid.supervisor)
        assert (again.is_reprint, again.source_type) == (True, "badge")
    assert runner.run_once(PrinterRole.DECLARATION)
    assert printer.payloads[-1].data == "\x1b@BADGE Trần Văn Đức 418\n".encode()
    with any_db.read() as s:
        assert {s.get_one(PrintJob, j).status for j in badge_jobs} == {PrintStatus.DONE}
