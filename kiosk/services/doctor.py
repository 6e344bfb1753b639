"""First-start checks for `kiosk doctor` and the console's checklist: each finding says what to do."""

from __future__ import annotations

import functools
import os
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from kiosk.config import Config, parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.enums import PrinterRole
from kiosk.domain.labels import label
from kiosk.domain.localtime import UTC, local_date
from kiosk.payments.vietqr import is_placeholder_account
from kiosk.services.backup_check import check_backups
from kiosk.services.findings import Finding, Level, finding
from kiosk.store.db import Database

# The clock cannot be earlier than the day this version was made (the policy tables, receipt
# dates and signatures would all be wrong); keep it at the release date of each version.
RELEASE_DATE = date(2026, 12, 2)
CLOCK_MAX_YEARS_AHEAD = 10
DISK_PROBLEM_BYTES = 500 * 1024 * 1024  # the SQLite WAL, its backups (20 kept), PDFs
DISK_WARNING_BYTES = 2 * 1024 * 1024 * 1024
EVENT_FAR_DAYS = 60
# Keyboard-wedge scanners show up as USB keyboards; these words are in their device names.
SCANNER_WORDS = re.compile(
    r"scan|barcode|bar_code|honeywell|zebra|symbol|datalogic|newland|zebex|metrologic|"
    r"hand_held|handheld|netum|eyoyo|tera|inateck|winson|xenon|voyager|sunmi",
    re.IGNORECASE,
)


# --- bank account ---------------------------------------------------------------------------


def check_bank(config: Config) -> Finding:
    """The VietQR account must be the office's real one, not the template's placeholder."""
    where = _config_name(config)
    if is_placeholder_account(config.bank.account):
        return finding(
            "bank.placeholder",
            Level.PROBLEM,
            f"Tài khoản ngân hàng còn là giá trị mẫu “{config.bank.account}”: VietQR bị tắt.",
            f"The bank account is still the placeholder {config.bank.account!r}: VietQR is off.",
            f"Điền số tài khoản, mã BIN và tên chủ tài khoản thật của cơ quan BHXH vào mục "
            f"[bank] của {where}, rồi khởi động lại.",
            f"Put the office's real account number, BIN and account name in [bank] of {where}, "
            "then restart.",
        )
    return finding(
        "bank.ok",
        Level.OK,
        f"Tài khoản VietQR: {config.bank.bin} / {config.bank.account} ({config.bank.account_name}).",
        f"VietQR account: {config.bank.bin} / {config.bank.account} ({config.bank.account_name}).",
    )


# --- event ----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _template() -> Config:
    return parse_config(DEFAULT_CONFIG)


def check_event_dates(config: Config, today: date) -> Finding:
    """The event's dates are printed on every receipt: in the past or left as shipped is wrong."""
    ev, where = config.event, _config_name(config)
    fix_vi = f"Sửa starts_on và ends_on trong mục [event] của {where} cho đúng ngày sự kiện."
    fix_en = f"Set starts_on and ends_on in [event] of {where} to the event's days."
    span = f"{ev.starts_on:%d/%m/%Y}–{ev.ends_on:%d/%m/%Y}"
    if ev.ends_on < today:
        return finding(
            "event.dates_past",
            Level.PROBLEM,
            f"Sự kiện đã kết thúc ({span}) trước hôm nay {today:%d/%m/%Y}.",
            f"The event ended ({span}) before today, {today:%d/%m/%Y}.",
            fix_vi,
            fix_en,
        )
    tpl = _template().event
    if (ev.starts_on, ev.ends_on) == (tpl.starts_on, tpl.ends_on):
        return finding(
            "event.dates_unset",
            Level.PROBLEM,
            f"Ngày sự kiện còn là ngày mẫu ({span}).",
            f"The event dates are still the template's ({span}).",
            fix_vi,
            fix_en,
        )
    if (ev.starts_on - today).days > EVENT_FAR_DAYS:
        return finding(
            "event.dates_far",
            Level.WARNING,
            f"Sự kiện bắt đầu sau hơn {EVENT_FAR_DAYS} ngày ({span}).",
            f"The event starts more than {EVENT_FAR_DAYS} days from now ({span}).",
            fix_vi,
            fix_en,
        )
    return finding("event.dates_ok", Level.OK, f"Ngày sự kiện: {span}.", f"Event dates: {span}.")


def check_event_defaults(config: Config) -> Finding:
    """Events are told apart by name and first day: two events left on the shipped values get
    one id, and their records (and receipts' event lines) would be merged as one event."""
    ev, tpl, where = config.event, _template().event, _config_name(config)
    if (ev.name, ev.starts_on) == (tpl.name, tpl.starts_on):
        return finding(
            "event.defaults",
            Level.PROBLEM,
            f"Tên và ngày bắt đầu sự kiện còn là giá trị mẫu (“{ev.name}”): mọi sự kiện để "
            "nguyên mẫu sẽ dùng chung một mã và bị gộp làm một.",
            f"The event's name and first day are still the template's ({ev.name!r}): every "
            "event left on the defaults gets the same id and they would be merged as one.",
            f"Đặt tên riêng (xã, ngày) và ngày bắt đầu thật trong mục [event] của {where}.",
            f"Give the event its own name (commune, date) and real first day in [event] of {where}.",
        )
    return finding("event.ok", Level.OK, f"Sự kiện: {ev.name}.", f"Event: {ev.name}.")


# --- devices --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrinterProbe:
    """A printer's answer: `online`, its backend and a short description (folder, queue...)
    in Vietnamese (`detail`) and English (`detail_en`, "" when there is none)."""

    backend: str
    online: bool
    detail: str
    detail_en: str = ""

    @property
    def english(self) -> str:
        """The description for an English sentence (the Vietnamese one when none was given)."""
        return self.detail_en or self.detail


def check_printers(probes: Mapping[str, PrinterProbe]) -> list[Finding]:
    """One finding per printer role: offline is a problem, a folder of PDFs a warning."""
    out = []
    for role, probe in probes.items():
        vi_role, en_role = _role(role), role
        if not probe.online:
            out.append(
                finding(
                    f"printer.{role}.offline",
                    Level.PROBLEM,
                    f"Máy in {vi_role} ({probe.backend}) không sẵn sàng: {probe.detail}",
                    f"The {en_role} printer ({probe.backend}) is not ready: {probe.english}",
                    "Bật máy in, kiểm tra cáp/mạng và giấy; rồi bấm Kiểm tra lại.",
                    "Switch the printer on, check its cable/network and paper; then check again.",
                )
            )
        elif probe.backend == "pdf-folder":
            out.append(
                finding(
                    f"printer.{role}.folder",
                    Level.WARNING,
                    f"Máy in {vi_role} chỉ lưu tệp PDF vào thư mục {probe.detail}.",
                    f"The {en_role} printer only saves PDF files in {probe.english}.",
                    f"Khai báo máy in thật trong mục [printers.{role}] trước ngày sự kiện.",
                    f"Configure the real printer in [printers.{role}] before the event.",
                )
            )
        else:
            out.append(
                finding(
                    f"printer.{role}.ok",
                    Level.OK,
                    f"Máy in {vi_role} ({probe.backend}): {probe.detail}",
                    f"{en_role} printer ({probe.backend}): {probe.english}",
                )
            )
    return out


def scanner_devices(by_id: Path = Path("/dev/input/by-id")) -> list[str] | None:
    """Names of input devices that look like barcode scanners; None when this system cannot
    tell (no /dev/input/by-id: Windows, macOS, containers)."""
    if not by_id.is_dir():
        return None
    return sorted(p.name for p in by_id.iterdir() if SCANNER_WORDS.search(p.name))


def check_scanner(config: Config, devices: Sequence[str] | None) -> Finding:
    """A configured serial scanner's device must exist; otherwise look for a USB scanner."""
    # The [scanner] table is optional (older configurations have none).
    scanner: Any = getattr(config, "scanner", None)
    device = str(getattr(scanner, "device", "") or "")
    fix_vi = "Cắm máy quét vào cổng USB rồi quét thử một CCCD ở màn hình Nhận diện."
    fix_en = "Plug the scanner into a USB port, then scan a CCCD on the Identify screen."
    if device:
        if Path(device).exists():
            return finding("scanner.ok", Level.OK, f"Máy quét: {device}.", f"Scanner: {device}.")
        return finding(
            "scanner.missing",
            Level.WARNING,
            f"Không thấy máy quét {device} (mục [scanner]).",
            f"Scanner {device} (in [scanner]) is not there.",
            fix_vi,
            fix_en,
        )
    if devices is None:
        return finding(
            "scanner.unknown",
            Level.WARNING,
            "Không kiểm tra được máy quét trên hệ thống này.",
            "This system cannot tell whether a scanner is plugged in.",
            "Quét thử một CCCD ở màn hình Nhận diện; nếu không được, có thể nhập số bằng bàn phím.",
            "Scan a CCCD on the Identify screen to test; people can also type the number.",
        )
    if devices:
        return finding(
            "scanner.ok", Level.OK, f"Máy quét: {devices[0]}.", f"Scanner: {devices[0]}."
        )
    return finding(
        "scanner.not_seen",
        Level.WARNING,
        "Chưa thấy máy quét mã vạch nào (có thể nhập số bằng bàn phím).",
        "No barcode scanner is plugged in (people can still type the number).",
        fix_vi,
        fix_en,
    )


# --- storage and clock ----------------------------------------------------------------------


def probe_database(db: Database) -> str | None:
    """None when the database takes a write; else the error. Nothing is kept: the probe
    creates a table inside a transaction that is rolled back."""
    try:
        with db.engine.connect() as conn:
            trans = conn.begin()
            try:
                conn.execute(text("CREATE TABLE kiosk_doctor_probe (x INTEGER)"))
            finally:
                trans.rollback()
    except Exception as exc:  # any driver error means "cannot write", reported as text
        return " ".join(str(exc).split())[:300]
    return None


def database_label(url: str) -> str:
    """The database URL as the checklist shows it: without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def check_database(url_label: str, error: str | None) -> Finding:
    """The database must accept writes (payments are written before anything is printed)."""
    if error is None:
        return finding(
            "database.ok",
            Level.OK,
            f"Cơ sở dữ liệu ghi được: {url_label}.",
            f"Database writable: {url_label}.",
        )
    return finding(
        "database.not_writable",
        Level.PROBLEM,
        f"Không ghi được vào cơ sở dữ liệu {url_label}: {error}",
        f"The database {url_label} cannot be written: {error}",
        "Kiểm tra quyền ghi thư mục dữ liệu, ổ đĩa, hoặc địa chỉ và quyền của PostgreSQL.",
        "Check the data folder's permissions and disk, or the PostgreSQL address and role.",
    )


def check_disk(path: Path, free_bytes: int) -> Finding:
    """Enough free space for the database, its backups and the day's PDFs."""
    free_mb = free_bytes // (1024 * 1024)
    vi, en = f"Còn trống {free_mb} MB ở {path}.", f"{free_mb} MB free at {path}."
    fix_vi = "Xóa bớt tệp không cần thiết hoặc chuyển thư mục dữ liệu (KIOSK_DATA_DIR) sang ổ khác."
    fix_en = (
        "Delete files you do not need or move the data folder (KIOSK_DATA_DIR) to another disk."
    )
    if free_bytes < DISK_PROBLEM_BYTES:
        return finding("disk.full", Level.PROBLEM, vi, en, fix_vi, fix_en)
    if free_bytes < DISK_WARNING_BYTES:
        return finding("disk.low", Level.WARNING, vi, en, fix_vi, fix_en)
    return finding("disk.ok", Level.OK, vi, en)


def check_clock(now: datetime) -> Finding:
    """Receipts, shifts and policy versions follow the clock: before this version was made, or
    years after it, the clock is wrong (a laptop whose battery ran flat)."""
    day = local_date(now)
    shown = f"{day:%d/%m/%Y}"
    if day < RELEASE_DATE or day.year > RELEASE_DATE.year + CLOCK_MAX_YEARS_AHEAD:
        return finding(
            "clock.implausible",
            Level.PROBLEM,
            f"Đồng hồ máy đang là ngày {shown}: không thể đúng (phiên bản này làm ngày "
            f"{RELEASE_DATE:%d/%m/%Y}).",
            f"The computer's clock says {shown}: that cannot be right (this version was made "
            f"on {RELEASE_DATE:%d/%m/%Y}).",
            "Chỉnh ngày giờ của máy (múi giờ Việt Nam, UTC+7) rồi khởi động lại ki-ốt.",
            "Set the computer's date and time (Vietnam time, UTC+7), then restart the kiosk.",
        )
    return finding("clock.ok", Level.OK, f"Ngày trên máy: {shown}.", f"Computer date: {shown}.")


# --- all together ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Probes:
    """How to look at the devices; None skips a check (e.g. the core's own tests)."""

    printers: Callable[[], Mapping[str, PrinterProbe]] | None = None
    scanner_devices: Callable[[], Sequence[str] | None] | None = scanner_devices
    database: Callable[[], str | None] | None = None
    database_label: str = ""


def run_checks(
    config: Config,
    data_dir: Path,
    *,
    now: datetime | None = None,
    probes: Probes | None = None,
    free_bytes: Callable[[Path], int] | None = None,
) -> list[Finding]:
    """Every check in the checklist's order; problems first is the caller's choice."""
    probes = probes or Probes()
    moment = now or datetime.now(UTC)
    out = [
        check_clock(moment),
        check_bank(config),
        check_event_dates(config, local_date(moment)),
        check_event_defaults(config),
    ]
    if probes.printers is not None:
        out.extend(check_printers(probes.printers()))
    if probes.scanner_devices is not None:
        out.append(check_scanner(config, probes.scanner_devices()))
    if probes.database is not None:
        out.append(check_database(probes.database_label, probes.database()))
    free = free_bytes or (lambda p: shutil.disk_usage(p).free)
    out.append(check_disk(data_dir, free(data_dir)))
    from kiosk.bootstrap import sqlite_file

    out.append(check_backups(sqlite_file(config, data_dir), moment))
    return out


def problems(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that must be fixed before the event."""
    return [f for f in findings if f.level is Level.PROBLEM]


def _role(role: str) -> str:
    try:
        return label(PrinterRole(role), "vi").lower()
    except ValueError:
        return role


def _config_name(config: Config) -> str:
    return str(config.source) if config.source else os.environ.get("KIOSK_CONFIG", "kiosk.toml")
