"""`kiosk doctor`: the checklist on the command line, its exit status and both languages."""

from __future__ import annotations

import json
import socket
from datetime import date, timedelta

import pytest

from kiosk.cli import main
from kiosk.config import write_default_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.paths import config_path
from tests.kiosk.commands.english import vietnamese_letters


def write_ready_config() -> None:
    """A configuration filled in for an event starting tomorrow (real clock: doctor reads it)."""
    start = date.today() + timedelta(days=1)
    text = (
        DEFAULT_CONFIG.replace('account = "0000000000000"', 'account = "1234567890123"')
        .replace('name = "Ngày hội BHXH, BHYT tại xã"', 'name = "Ngày hội BHXH xã Ea Kao"')
        .replace("starts_on = 2026-11-25", f"starts_on = {start.isoformat()}")
        .replace("ends_on = 2026-11-25", f"ends_on = {start.isoformat()}")
    )
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_unedited_kiosk_exits_1_with_each_problem_and_its_fix(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """On the shipped configuration doctor exits 1 and prints, in Vietnamese, the placeholder
    account, the past event, the shared event id, each with a "→" line saying what to do."""
    write_default_config(config_path())
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "[CẦN SỬA] Tài khoản ngân hàng còn là giá trị mẫu “0000000000000”" in out
    assert "[CẦN SỬA] Sự kiện đã kết thúc" in out
    assert "dùng chung một mã" in out
    assert out.count("    → ") >= 3
    assert "3 mục cần sửa trước khi đón người dân." in out
    assert "[OK] Cơ sở dữ liệu ghi được" in out


def test_english_json_lists_codes_levels_and_fixes(capsys: pytest.CaptureFixture[str]) -> None:
    """`--lang en doctor --json` gives one JSON list in English with a fix for every problem."""
    write_default_config(config_path())
    assert main(["--lang", "en", "doctor", "--json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    problems = {r["code"]: r for r in rows if r["level"] == "problem"}
    assert set(problems) == {"bank.placeholder", "event.dates_past", "event.defaults"}
    assert problems["bank.placeholder"]["message"].startswith("The bank account is still")
    assert all(r["fix"] for r in problems.values())
    assert {r["code"] for r in rows} >= {"printer.card.folder", "database.ok", "clock.ok"}


def test_filled_in_kiosk_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """With the account, name and dates filled in nothing must be fixed: exit 0, "Ready"
    (PDF-folder printers and the scanner stay warnings)."""
    write_ready_config()
    assert main(["--lang", "en", "doctor"]) == 0
    out = capsys.readouterr().out
    assert "[FIX]" not in out and out.rstrip().endswith("Ready for the event.")
    assert "[WARNING] The card printer only saves PDF files in" in out


def test_unreachable_printer_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    """A network receipt printer nobody answers for: in English the whole finding, the
    printer's state included, is English (and in Vietnamese, Vietnamese)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    write_ready_config()
    path = config_path()
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            '[printers.receipt]\nbackend = "pdf-folder"',
            f'[printers.receipt]\nbackend = "escpos-network"\nhost = "127.0.0.1"\nport = {port}\n'
            "timeout_s = 0.5",
        ),
        encoding="utf-8",
    )
    assert main(["--lang", "en", "doctor"]) == 1
    lines = capsys.readouterr().out.splitlines()
    finding = "[FIX] The receipt printer (escpos-network) is not ready: Connection lost"
    assert finding in lines
    fix = lines[lines.index(finding) + 1]
    assert vietnamese_letters(finding + fix) == [] and fix.startswith("    → Switch the printer")
    assert main(["doctor"]) == 1
    assert (
        "[CẦN SỬA] Máy in biên lai (escpos-network) không sẵn sàng: Mất kết nối"
        in capsys.readouterr().out.splitlines()
    )


def test_broken_configuration_is_one_finding(capsys: pytest.CaptureFixture[str]) -> None:
    """A configuration that does not load is reported (naming the key) instead of a traceback."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DEFAULT_CONFIG.replace('bin = "970405"', 'bin = "97040"'), encoding="utf-8")
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "[CẦN SỬA] Cấu hình sai ở “bank.bin”" in out and str(path) in out
