"""`printers list | test ROLE | calibrate` on the configured printers, through the print queue."""

from __future__ import annotations

import io
import os
import socket
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from kiosk import paths
from kiosk.bootstrap import open_database, output_dir
from kiosk.cli import main
from kiosk.config import load_config, write_default_config
from kiosk.domain.enums import PrintStatus
from kiosk.paths import config_path
from kiosk.store.models import AuditEntry, PrintJob
from tests.kiosk.commands.english import vietnamese_letters


def _page_mm(path: Path) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(path.read_bytes())).pages[0].mediabox
    return round(float(box.width) / 72 * 25.4, 1), round(float(box.height) / 72 * 25.4, 1)


def test_list_shows_every_role(capsys: pytest.CaptureFixture[str]) -> None:
    """The default configuration: four PDF-folder printers, all ready."""
    write_default_config(config_path())
    assert main(["printers", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["receipt", "card", "booklet", "declaration"]
    assert all("pdf-folder" in line and "sẵn sàng" in line for line in lines)
    assert lines[1].split() == [
        "card",
        "Thẻ",
        "pdf-folder",
        str(output_dir(load_config(config_path())) / "card"),
        "sẵn",
        "sàng",
    ]


def test_list_in_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`printers list --lang en`: role, its English label, backend, folder and "ready"; the
    printer library's cache is kept in the data folder."""
    monkeypatch.delenv("ESCPOS_CAPABILITIES_PICKLE_DIR", raising=False)
    write_default_config(config_path())
    out = output_dir(load_config(config_path()))
    assert main(["printers", "list", "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert said.splitlines() == [
        f"receipt      Receipts   pdf-folder      {out / 'receipt'!s:<30} ready",
        f"card         Cards      pdf-folder      {out / 'card'!s:<30} ready",
        f"booklet      Booklets   pdf-folder      {out / 'booklet'!s:<30} ready",
        f"declaration  Forms      pdf-folder      {out / 'declaration'!s:<30} ready",
    ]
    assert vietnamese_letters(said) == []
    assert os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] == str(paths.data_dir() / "cache")


def test_card_test_page_and_calibration_page_are_printed_and_audited(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The card test page is an ID-1 PDF (85.6 × 54 mm) in the card folder, and the command
    says which file; the calibration page goes to the booklet folder; both jobs are done and
    in the audit log."""
    write_default_config(config_path())
    assert main(["printers", "test", "card"]) == 0
    said = capsys.readouterr().out
    assert main(["printers", "calibrate"]) == 0
    assert said.startswith("Đã in trang thử trên máy in thẻ: ")
    capsys.readouterr()
    assert main(["printers", "test", "card", "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert english.startswith("Test page printed on the printer for cards: ")
    assert vietnamese_letters(english) == []
    out = output_dir(load_config(config_path()))
    cards = list((out / "card").glob("*.pdf"))
    assert len(cards) == 2 and any(str(c) in said for c in cards)  # where the page went
    booklets = list((out / "booklet").glob("*.pdf"))
    assert len(booklets) == 1
    assert _page_mm(cards[0]) == (85.6, 54.0)
    assert "TRANG HIỆU CHỈNH MÁY IN SỔ BHXH" in PdfReader(booklets[0]).pages[0].extract_text()
    db = open_database(load_config(config_path()))
    with db.read() as s:
        assert {j.status for j in s.scalars(select(PrintJob))} == {PrintStatus.DONE}
        actions = sorted(s.scalars(select(AuditEntry.action)).all())
    db.dispose()
    assert actions.count("print.done") == 3 and actions.count("print.queued") == 3


def _unreachable_receipt_printer() -> None:
    """The default configuration with a network receipt printer nobody answers for."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    write_default_config(config_path())
    path = config_path()
    text = path.read_text(encoding="utf-8").replace(
        '[printers.receipt]\nbackend = "pdf-folder"',
        f'[printers.receipt]\nbackend = "escpos-network"\nhost = "127.0.0.1"\nport = {port}\n'
        "timeout_s = 0.5",
    )
    path.write_text(text, encoding="utf-8")


def test_unreachable_receipt_printer_reports_in_vietnamese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A network receipt printer nobody answers for: exit 1, the job stays queued."""
    _unreachable_receipt_printer()
    assert main(["printers", "test", "receipt"]) == 1
    assert "Không kết nối được với máy in" in capsys.readouterr().out
    db = open_database(load_config(config_path()))
    with db.read() as s:
        job = s.scalars(select(PrintJob)).one()
    db.dispose()
    assert job.status == PrintStatus.QUEUED and job.last_error


def test_unreachable_receipt_printer_reports_in_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same failure with `--lang en` at the end: the printer's English error (the queue
    keeps only the Vietnamese one), and the printer's state in English in the list."""
    _unreachable_receipt_printer()
    assert main(["printers", "test", "receipt", "--lang", "en"]) == 1
    said = capsys.readouterr().out
    assert said.startswith("Not printed: Cannot reach printer ")
    assert main(["printers", "list", "--lang", "en"]) == 0
    receipt = capsys.readouterr().out.splitlines()[0]
    assert receipt.split()[:3] == ["receipt", "Receipts", "escpos-network"]
    assert " 127.0.0.1:" in receipt
    assert receipt.endswith("not ready (Connection lost)")
    assert vietnamese_letters(receipt) == []


def test_unreachable_receipt_printer_state_in_vietnamese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without `--lang en` the list keeps the printer's Vietnamese detail, word for word."""
    _unreachable_receipt_printer()
    assert main(["printers", "list"]) == 0
    receipt = capsys.readouterr().out.splitlines()[0]
    assert receipt.split()[0] == "receipt" and receipt.endswith(" Mất kết nối")
