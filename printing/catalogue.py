"""The catalogue of document kinds: one entry per kind says everything printing needs to know.

An entry (a DocumentSpec, shaped in printing/spec.py) names the printer role, the record a job
points at (its Source: the stored `source_type` string lives only here), the loader that builds
the document model from that record (printing.records), the renderers and paper, what start-up
does with a job a crash interrupted, who may print it again, the "already printed" guard key,
how a paid visit finds its records, the sample and the role's test page. The queue, the print
threads, crash recovery, issuing, the desk and the command line read these entries; none of
them branches on a kind. Adding a kind is one entry here plus its renderer
(tests/printing/test_catalogue.py proves it). Labels come from kiosk.domain.labels.DOCUMENT.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from kiosk.domain.enums import DocumentKind, PrinterRole
from kiosk.store.models import Enrollment, IssuanceRecord, Person, Receipt, Shift, Visit
from printing import records, sources
from printing.documents import models as doc
from printing.spec import (
    GUARD,
    Catalogue,
    DocumentSpec,
    Loader,
    OnCrash,
    Printable,
    PrintOptions,
    Renderers,
    Reprint,
    Source,
    VisitDocument,
    unprintable,
)

__all__ = [  # the entry's shape, re-exported: callers read one module
    "GUARD",
    "Catalogue",
    "DocumentSpec",
    "OnCrash",
    "PrintOptions",
    "Printable",
    "Renderers",
    "Reprint",
    "Source",
    "VisitDocument",
    "entries",
    "entry",
    "unprintable",
    "with_entry",
]


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """printing.documents.<module>.<name>, imported on its first call: the renderers and samples
    load reportlab, python-escpos, Pillow and qrcode (about half a second), which the first
    screen does not need; the print threads warm them up after it shows (ui/shell.py)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        function = getattr(importlib.import_module(f"printing.documents.{module}"), name)
        return function(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


render_booklet_pdf = _lazy("booklet", "render_booklet_pdf")
render_calibration_pdf = _lazy("booklet", "render_calibration_pdf")
render_card_pdf = _lazy("card", "render_card_pdf")
render_declaration_pdf = _lazy("declaration", "render_declaration_pdf")
sample_booklet = _lazy("sample", "sample_booklet")
sample_card = _lazy("sample", "sample_card")
sample_declaration = _lazy("sample", "sample_declaration")
sample_provisional = _lazy("sample", "sample_provisional")
sample_queue_ticket = _lazy("sample", "sample_queue_ticket")
sample_receipt = _lazy("sample", "sample_receipt")
sample_shift_report = _lazy("sample", "sample_shift_report")
render_queue_ticket_pdf = _lazy("slip_pdf", "render_queue_ticket_pdf")
render_receipt_pdf = _lazy("slip_pdf", "render_receipt_pdf")
render_shift_report_pdf = _lazy("slip_pdf", "render_shift_report_pdf")
render_queue_ticket_escpos = _lazy("thermal", "render_queue_ticket_escpos")
render_receipt_escpos = _lazy("thermal", "render_receipt_escpos")
render_shift_report_escpos = _lazy("thermal", "render_shift_report_escpos")

D = TypeVar("D")
# ID-1 (ISO/IEC 7810), the size of the VSS health insurance card (DESIGN.md, Documents).
CARD_MM = (85.6, 53.98)

# What a job points at. The stored source_type strings are written here and nowhere else.
RECEIPT = Source("receipt", Receipt)
ISSUANCE = Source("issuance", IssuanceRecord)
PERSON = Source("person", Person)
ENROLLMENT = Source("enrollment", Enrollment)
VISIT = Source("visit", Visit)
SHIFT = Source("shift", Shift)
TEST = Source("test", None)


@dataclass(frozen=True)
class CalibrationPage:
    """The booklet printer's calibration page: rulers and crosshairs, no person on it."""


def _by_id(load: Callable[[Session, uuid.UUID], D]) -> Loader[D]:
    """A loader that needs only the record's id."""
    return lambda session, key, _params: load(session, key)


def _pdf(render: Callable[[D], bytes]) -> Callable[[D, PrintOptions], bytes]:
    """A PDF renderer that takes no printer option."""
    return lambda document, _options: render(document)


def _slip(render: Callable[[D, int, str, bool], bytes]) -> Callable[[D, PrintOptions], bytes]:
    """A thermal slip renderer: paper width, capabilities profile, text or raster."""
    return lambda document, o: render(document, o.width_dots, o.profile, o.text_mode)


def _sample_page(spec: DocumentSpec[D]) -> Printable[Any]:
    """The kind's sample through its own renderers."""
    assert spec.sample is not None, spec.kind
    return Printable(spec.sample(), spec.render)


def _calibration_page(_spec: DocumentSpec[Any]) -> Printable[Any]:
    return Printable(CalibrationPage(), CALIBRATION)


def _queue_ticket(
    session: Session, key: uuid.UUID, params: Mapping[str, Any]
) -> doc.QueueTicketDocument:
    return records.queue_ticket_document(session, key, params.get("vietqr_payload"))


def _test_page(_session: Session, _key: uuid.UUID, params: Mapping[str, Any]) -> Printable[Any]:
    try:
        role = PrinterRole(str(params.get("role", PrinterRole.RECEIPT.value)))
    except ValueError:
        raise unprintable(f"test_page:{params.get('role')}") from None
    return CATALOGUE.test_page(role)


CALIBRATION = Renderers[CalibrationPage](
    pdf=lambda _page, o: render_calibration_pdf(o.offset_x_mm, o.offset_y_mm)
)

CATALOGUE = Catalogue(
    [
        DocumentSpec(
            DocumentKind.RECEIPT,
            PrinterRole.RECEIPT,
            RECEIPT,
            _by_id(records.receipt_document),
            Renderers(_slip(render_receipt_escpos), _pdf(render_receipt_pdf)),
            OnCrash.RESUME,
            visit=VisitDocument(sources.receipt_key, sources.receipt_names),
            sample=sample_receipt,
            test_page=_sample_page,
        ),
        DocumentSpec(
            DocumentKind.CARD,
            PrinterRole.CARD,
            ISSUANCE,
            _by_id(records.card_document),
            Renderers(pdf=_pdf(render_card_pdf), page_mm=CARD_MM),
            OnCrash.REVIEW,
            Reprint.SUPERVISOR,
            visit=VisitDocument(
                sources.card_key, sources.card_names, wanted=sources.is_household_health
            ),
            sample=sample_card,
            signed_sample=sample_provisional,
            test_page=_sample_page,
        ),
        DocumentSpec(
            DocumentKind.BOOKLET,
            PrinterRole.BOOKLET,
            PERSON,
            _by_id(records.booklet_document),
            Renderers(pdf=lambda cover, o: render_booklet_pdf(cover, *o.offsets)),
            OnCrash.REVIEW,
            visit=VisitDocument(
                sources.person_key,
                sources.person_names,
                wanted=sources.is_voluntary,
                by_default=False,  # paper booklet on request (Law 41/2024: electronic booklet)
            ),
            sample=sample_booklet,
            test_page=_calibration_page,
        ),
        DocumentSpec(
            DocumentKind.DECLARATION,
            PrinterRole.DECLARATION,
            ENROLLMENT,
            _by_id(records.declaration_document),
            Renderers(pdf=_pdf(render_declaration_pdf)),
            OnCrash.RESUME,
            visit=VisitDocument(sources.enrollment_key, sources.enrollment_names, by_default=False),
            sample=sample_declaration,
            test_page=_sample_page,
        ),
        DocumentSpec(
            DocumentKind.QUEUE_TICKET,
            PrinterRole.RECEIPT,
            VISIT,
            _queue_ticket,
            Renderers(_slip(render_queue_ticket_escpos), _pdf(render_queue_ticket_pdf)),
            OnCrash.RESUME,
            sample=sample_queue_ticket,
        ),
        DocumentSpec(
            DocumentKind.SHIFT_REPORT,
            PrinterRole.RECEIPT,
            SHIFT,
            _by_id(records.shift_report_document),
            Renderers(_slip(render_shift_report_escpos), _pdf(render_shift_report_pdf)),
            OnCrash.RESUME,
            guard=None,
            sample=sample_shift_report,
        ),
        DocumentSpec(
            DocumentKind.TEST_PAGE,
            None,
            TEST,
            _test_page,
            Renderers[Printable[Any]](),
            OnCrash.RESUME,
            guard=None,
        ),
    ]
)


def entry(kind: DocumentKind) -> DocumentSpec[Any]:
    """The catalogue entry of `kind` (looked up at call time, so tests may swap CATALOGUE)."""
    return CATALOGUE.entry(kind)


def entries() -> list[DocumentSpec[Any]]:
    """Every entry, in print order."""
    return list(CATALOGUE)


def with_entry(spec: DocumentSpec[Any]) -> Catalogue:
    """The catalogue with `spec` in place of its kind's entry (tests, plug-ins)."""
    return CATALOGUE.replace(spec)
