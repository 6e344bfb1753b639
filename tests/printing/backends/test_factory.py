"""printer_probes: each configured printer's answer for `kiosk doctor` and the console."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import parse_config
from kiosk.config_template import DEFAULT_CONFIG
from printing.backends.factory import printer_probes
from scenario.fake_escpos import closed_port


def test_printer_probes_carry_both_languages(tmp_path: Path) -> None:
    """`printer_probes` (doctor, console checklist) hands on each printer's detail in
    Vietnamese and English; a PDF folder is its path in both, a printer that cannot even be
    built is its error's text in both."""
    text = DEFAULT_CONFIG.replace(
        '[printers.receipt]\nbackend = "pdf-folder"',
        '[printers.receipt]\nbackend = "escpos-network"\nhost = "127.0.0.1"\n'
        f"port = {closed_port()}\ntimeout_s = 0.5",
    ).replace(
        '[printers.declaration]\nbackend = "pdf-folder"',
        '[printers.declaration]\nbackend = "cups"',  # no queue: make_printer refuses it
    )
    probes = printer_probes(parse_config(text), tmp_path)
    receipt, card, form = probes["receipt"], probes["card"], probes["declaration"]
    assert (receipt.online, receipt.detail, receipt.detail_en) == (
        False,
        "Mất kết nối",
        "Connection lost",
    )
    assert card.online and card.detail == card.detail_en == str(tmp_path / "card")
    assert form.online is False
    assert (
        form.detail == form.detail_en == "printers.declaration.queue is required for backend cups"
    )
