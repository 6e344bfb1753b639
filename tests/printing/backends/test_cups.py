"""Card PDFs through a real (private) CUPS queue: true size, wrong sizes refused, no CUPS."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from printing.backends.base import Payload, PrinterError
from printing.backends.cups import PT_TO_MM, CupsPrinter, media_option, pdf_page_mm
from printing.documents.card import render_card_pdf
from printing.documents.sample import sample_card
from tests.support.cups import CupsServer, private_cups

CARD_MM = (85.6, 53.98)


@pytest.fixture(scope="module")
def cups_server() -> Iterator[CupsServer]:
    """A private cupsd for this module."""
    with private_cups() as server:
        yield server


@pytest.fixture
def card_printer(cups_server: CupsServer) -> CupsPrinter:
    """The card printer on the private queue, output file emptied."""
    cups_server.reset_output()
    return CupsPrinter("card", cups_server.queue, timeout_s=10, server=cups_server.server)


def a4_pdf() -> bytes:
    """A one-page A4 PDF (a declaration form sent to the card printer by mistake)."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    canvas.drawString(72, 720, "To khai")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def test_media_option_names_the_card_size() -> None:
    """The lp media option for an ID-1 card is Custom.85.6x53.98mm."""
    assert media_option(CARD_MM) == "Custom.85.6x53.98mm"
    assert media_option((210.0, 297.0)) == "Custom.210x297mm"


@pytest.mark.cups
def test_card_comes_out_at_true_size(cups_server: CupsServer, card_printer: CupsPrinter) -> None:
    """The rendered card goes through CUPS (pdftopdf) and both pages are 85.6 × 53.98 mm."""
    pdf = render_card_pdf(sample_card())
    card_printer.send(Payload("pdf", pdf, "card-BL25-000042", CARD_MM))
    cups_server.wait_idle()
    reader = PdfReader(io.BytesIO(cups_server.output.read_bytes()))
    assert len(reader.pages) == 2
    for page in reader.pages:
        width = float(page.mediabox.width) * PT_TO_MM
        height = float(page.mediabox.height) * PT_TO_MM
        assert abs(width - CARD_MM[0]) <= 0.5, width
        assert abs(height - CARD_MM[1]) <= 0.5, height
    # CUPS's page log records the job title and the media it was asked for: 2 pages, card size.
    log = (cups_server.root / "log" / "page_log").read_text()
    assert "total 2 - localhost card-BL25-000042 Custom.85.6x53.98mm" in log


@pytest.mark.cups
def test_wrong_page_size_is_refused_before_cups(
    cups_server: CupsServer, card_printer: CupsPrinter
) -> None:
    """An A4 PDF sent as a card is refused (not retryable) and CUPS never sees a job."""
    jobs_before = cups_server.run("lpstat", "-W", "all", "-o", cups_server.queue).stdout
    with pytest.raises(PrinterError) as caught:
        card_printer.send(Payload("pdf", a4_pdf(), "card-wrong", CARD_MM))
    err = caught.value
    assert err.code == "printer.wrong_page_size"
    assert err.retryable is False
    assert "Khổ giấy" in err.vi and "210.00×297.00 mm" in err.vi
    assert cups_server.run("lpstat", "-W", "all", "-o", cups_server.queue).stdout == jobs_before
    assert cups_server.output.read_bytes() == b""


@pytest.mark.cups
def test_disabled_queue_is_offline(cups_server: CupsServer, card_printer: CupsPrinter) -> None:
    """A paused (disabled) queue reports offline and a send is refused rather than stuck."""
    assert cups_server.run("cupsdisable", cups_server.queue).returncode == 0
    try:
        state = card_printer.status()
        assert state.online is False
        assert (state.detail, state.detail_en) == ("Hàng in đang tạm dừng", "Print queue paused")
        with pytest.raises(PrinterError) as caught:
            card_printer.send(Payload("pdf", render_card_pdf(sample_card()), "card-1", CARD_MM))
        assert caught.value.code == "printer.offline"
        # The refusal gives the queue's state in the language of each sentence.
        assert caught.value.vi.endswith("(Chi tiết: Hàng in đang tạm dừng)")
        assert caught.value.en.endswith("(Detail: Print queue paused)")
    finally:
        assert cups_server.run("cupsenable", cups_server.queue).returncode == 0
    state = card_printer.status()
    assert (state.online, state.detail, state.detail_en) == (True, "Sẵn sàng", "Ready")


@pytest.mark.cups
def test_unknown_queue_is_named_in_both_languages(cups_server: CupsServer) -> None:
    """A queue CUPS does not know is offline, named in the Vietnamese and English detail."""
    state = CupsPrinter("card", "no-such-queue", timeout_s=10, server=cups_server.server).status()
    assert (state.online, state.detail, state.detail_en) == (
        False,
        "Không tìm thấy hàng in no-such-queue",
        "Print queue no-such-queue not found",
    )


def test_pdf_page_mm_reads_the_card_size() -> None:
    """The size check reads the rendered card's first page as 85.6 × 53.98 mm."""
    width, height = pdf_page_mm(render_card_pdf(sample_card()))
    assert abs(width - 85.6) < 0.05 and abs(height - 53.98) < 0.05


def test_missing_lp_is_offline_with_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the CUPS client tools the error says to install cups-client; status is offline."""
    monkeypatch.setenv("PATH", str(tmp_path))
    printer = CupsPrinter("card", "kiosk-card", timeout_s=2)
    with pytest.raises(PrinterError) as caught:
        printer.send(Payload("pdf", render_card_pdf(sample_card()), "card-1", CARD_MM))
    assert caught.value.code == "printer.offline"
    assert "cups-client" in caught.value.vi and "cups-client" in caught.value.en
    state = printer.status()
    assert state.online is False
    assert (state.detail, state.detail_en) == (
        "Mất kết nối: Hãy cài gói CUPS: sudo apt-get install cups-client",
        "Connection lost: install the CUPS client: sudo apt-get install cups-client",
    )


def test_garbage_is_not_a_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes that are not a PDF are refused as the wrong document, without calling lp."""
    monkeypatch.setenv("PATH", str(tmp_path))
    printer = CupsPrinter("card", "kiosk-card")
    with pytest.raises(PrinterError) as caught:
        printer.send(Payload("pdf", b"not a pdf", "card-1", CARD_MM))
    assert caught.value.code == "printer.wrong_page_size"
