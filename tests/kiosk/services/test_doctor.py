"""The first-start checks: one finding per misconfiguration, each with what to do."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from sqlalchemy import event, inspect

from kiosk.bootstrap import event_id_for
from kiosk.config import Config, parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.localtime import UTC
from kiosk.errors import KioskError
from kiosk.payments import vietqr
from kiosk.services import doctor
from kiosk.services.doctor import Level, PrinterProbe, Probes
from kiosk.store.db import Database, sqlite_url

TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)  # 09:00 in Vietnam


def configured(**replace: str) -> Config:
    """The default configuration with some lines replaced (whole-line text substitutions)."""
    text = DEFAULT_CONFIG
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return parse_config(text)


def ready() -> Config:
    """A configuration someone filled in for an event next week."""
    return configured(
        **{
            'account = "0000000000000"': 'account = "1234567890123"',
            'name = "Ngày hội BHXH, BHYT tại xã"': 'name = "Ngày hội BHXH xã Ea Kao 10/12"',
            "starts_on = 2026-11-25": "starts_on = 2026-12-10",
            "ends_on = 2026-11-25": "ends_on = 2026-12-11",
        }
    )


def test_placeholder_account_is_a_problem_and_refuses_vietqr() -> None:
    """The shipped "0000000000000" is flagged with the [bank] fix, and building a VietQR for an
    attendee on it is refused with a stable code in both languages; a real account passes."""
    finding = doctor.check_bank(configured())
    assert (finding.code, finding.level) == ("bank.placeholder", Level.PROBLEM)
    assert "[bank]" in finding.fix_vi and "[bank]" in finding.fix_en
    with pytest.raises(KioskError) as caught:
        vietqr.require_real_bank_account(configured().bank)
    assert caught.value.code == "vietqr.account_not_configured"
    assert "bàn thu" in caught.value.vi and "desk" in caught.value.en
    vietqr.require_real_bank_account(ready().bank)  # no error
    assert doctor.check_bank(ready()).level is Level.OK
    assert [vietqr.is_placeholder_account(a) for a in ("1111111", "", "0123456789")] == [
        True,
        True,
        False,
    ]


def test_event_in_the_past_unset_far_or_right() -> None:
    """Dates before today are a problem; the template's dates while still ahead are "unset";
    more than 60 days ahead is a warning; next week is fine."""
    assert doctor.check_event_dates(configured(), TODAY).code == "event.dates_past"
    unset = doctor.check_event_dates(configured(), date(2026, 11, 1))
    assert (unset.code, unset.level) == ("event.dates_unset", Level.PROBLEM)
    far = doctor.check_event_dates(ready(), TODAY - timedelta(days=90))
    assert (far.code, far.level) == ("event.dates_far", Level.WARNING)
    fine = doctor.check_event_dates(ready(), TODAY)
    assert (fine.code, fine.level, fine.fix_vi) == ("event.dates_ok", Level.OK, "")
    assert "10/12/2026–11/12/2026" in fine.vi


def test_two_events_on_defaults_would_share_one_id() -> None:
    """Two communes' events that only changed the venue get the same event id (so their records
    would merge as one event): both are flagged; naming them apart clears it."""
    first = configured(**{'venue = "Nhà văn hóa xã"': 'venue = "Xã Ea Kao"'})
    second = configured(**{'venue = "Nhà văn hóa xã"': 'venue = "Xã Hòa Thắng"'})
    assert event_id_for(first) == event_id_for(second)
    for cfg in (first, second):
        finding = doctor.check_event_defaults(cfg)
        assert (finding.code, finding.level) == ("event.defaults", Level.PROBLEM)
        assert "[event]" in finding.fix_en
    assert event_id_for(ready()) != event_id_for(first)
    assert doctor.check_event_defaults(ready()).level is Level.OK


def test_printers_offline_folder_or_ready() -> None:
    """An unreachable printer is a problem naming it and its error; a PDF folder is a warning
    naming the folder; a reachable printer is fine."""
    findings = doctor.check_printers(
        {
            "receipt": PrinterProbe("escpos-network", False, "Mất kết nối", "Connection lost"),
            "card": PrinterProbe("pdf-folder", True, "/data/output/card", "/data/output/card"),
            "booklet": PrinterProbe("qt-print", True, "Sẵn sàng", "Ready"),
        }
    )
    by_code = {f.code: f for f in findings}
    assert set(by_code) == {"printer.receipt.offline", "printer.card.folder", "printer.booklet.ok"}
    offline = by_code["printer.receipt.offline"]
    assert (
        offline.level is Level.PROBLEM and "biên lai" in offline.vi and "Mất kết nối" in offline.vi
    )
    assert offline.en == "The receipt printer (escpos-network) is not ready: Connection lost"
    assert by_code["printer.booklet.ok"].en == "booklet printer (qt-print): Ready"
    # A probe from a printer that gave no English keeps its only text rather than nothing.
    bare = doctor.check_printers({"receipt": PrinterProbe("escpos-file", False, "Lỗi máy in")})
    assert bare[0].en.endswith("is not ready: Lỗi máy in")
    assert by_code["printer.card.folder"].level is Level.WARNING
    assert "/data/output/card" in by_code["printer.card.folder"].en
    assert by_code["printer.booklet.ok"].level is Level.OK


def test_scanner_seen_missing_or_unknown(tmp_path: Path) -> None:
    """USB scanners are recognised among input devices by name; none is a warning; a system
    without /dev/input cannot tell; a configured serial device must exist ([scanner] optional)."""
    by_id = tmp_path / "by-id"
    by_id.mkdir()
    for name in ("usb-Logitech_USB_Keyboard-event-kbd", "usb-Honeywell_Imaging_Xenon-event-kbd"):
        (by_id / name).touch()
    assert doctor.scanner_devices(by_id) == ["usb-Honeywell_Imaging_Xenon-event-kbd"]
    assert doctor.scanner_devices(tmp_path / "absent") is None
    cfg = ready()
    assert doctor.check_scanner(cfg, ["usb-Honeywell_Imaging_Xenon-event-kbd"]).level is Level.OK
    assert doctor.check_scanner(cfg, []).code == "scanner.not_seen"
    assert doctor.check_scanner(cfg, None).code == "scanner.unknown"
    serial = tmp_path / "ttyACM0"
    with_scanner = cast(Config, SimpleNamespace(scanner=SimpleNamespace(device=str(serial))))
    missing = doctor.check_scanner(with_scanner, [])
    assert (missing.code, missing.level) == ("scanner.missing", Level.WARNING)
    serial.touch()
    assert doctor.check_scanner(with_scanner, []).code == "scanner.ok"


def test_database_probe_writes_nothing_and_sees_read_only(tmp_path: Path) -> None:
    """A writable database passes the probe and keeps no trace of it; a read-only one is a
    problem carrying SQLite's error."""
    path = tmp_path / "k.sqlite3"
    db = Database(sqlite_url(path))
    try:
        assert doctor.probe_database(db) is None
        assert inspect(db.engine).get_table_names() == []
    finally:
        db.dispose()
    ro = Database(sqlite_url(path))
    # Every connection read-only, as for a file the kiosk user may not write.
    event.listen(ro.engine, "connect", lambda conn, _rec: conn.execute("PRAGMA query_only = ON"))
    try:
        error = doctor.probe_database(ro)
    finally:
        ro.dispose()
    assert error is not None and "readonly" in error
    finding = doctor.check_database("sqlite:///k.sqlite3", error)
    assert (finding.code, finding.level) == ("database.not_writable", Level.PROBLEM)
    assert doctor.check_database("x", None).level is Level.OK


def test_disk_space_thresholds(tmp_path: Path) -> None:
    """Under 500 MB free is a problem, under 2 GB a warning, more is fine; the text says how much."""
    mb = 1024 * 1024
    assert doctor.check_disk(tmp_path, 100 * mb).code == "disk.full"
    assert doctor.check_disk(tmp_path, 1000 * mb).code == "disk.low"
    ok = doctor.check_disk(tmp_path, 5000 * mb)
    assert ok.level is Level.OK and "5000 MB" in ok.vi


def test_clock_before_the_release_or_decades_ahead_is_wrong() -> None:
    """A clock before this version was made (flat battery: 2020) or years ahead is a problem."""
    assert doctor.check_clock(datetime(2020, 1, 1, tzinfo=UTC)).code == "clock.implausible"
    assert doctor.check_clock(datetime(2045, 1, 1, tzinfo=UTC)).code == "clock.implausible"
    assert doctor.check_clock(NOW).level is Level.OK


def test_run_checks_on_an_unedited_kiosk_lists_every_problem(tmp_path: Path) -> None:
    """The default configuration on a fresh machine yields the bank, event-date and shared-id
    problems, each with a fix in both languages; a filled-in one has no problem left."""
    probes = Probes(
        printers=lambda: {"card": PrinterProbe("pdf-folder", True, str(tmp_path))},
        scanner_devices=lambda: [],
        database=lambda: None,
        database_label="sqlite",
    )
    gb = 10 * 1024**3
    findings = doctor.run_checks(
        configured(), tmp_path, now=NOW, probes=probes, free_bytes=lambda _p: gb
    )
    problems = doctor.problems(findings)
    assert [f.code for f in problems] == ["bank.placeholder", "event.dates_past", "event.defaults"]
    assert all(f.fix_vi and f.fix_en for f in problems)
    assert {f.code for f in findings} >= {"clock.ok", "printer.card.folder", "database.ok"}
    clean = doctor.run_checks(ready(), tmp_path, now=NOW, probes=probes, free_bytes=lambda _p: gb)
    assert doctor.problems(clean) == []


def test_findings_are_nfc_and_speak_both_languages() -> None:
    """Every sentence is NFC Vietnamese or English; `message`/`fix` pick the language."""
    finding = doctor.check_bank(configured())
    for text in (finding.vi, finding.fix_vi):
        assert unicodedata.normalize("NFC", text) == text
    assert finding.message("en") == finding.en and finding.fix("vi") == finding.fix_vi
