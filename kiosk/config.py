"""The kiosk's TOML configuration: typed, validated on load, errors name the key.

Which keys exist, and the refusal of any other, are in kiosk/config_keys.py.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kiosk import toml_read
from kiosk.config_keys import (  # re-exported: callers read one module
    KNOWN_KEYS,
    PRINTER_BACKENDS,
    PRINTER_ROLES,
    ConfigError,
    check_known_keys,
)
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.errors import KioskError
from kiosk.private_files import save_private
from kiosk.scan.settings import ScannerSettings, parse_scanner_settings

# A C45-BB series symbol as VSS allocates it to the agent (capitals, digits, "-"); with the
# 7-digit number it fits the receipt's 32-character symbol column and a file name.
_SYMBOL = re.compile(r"^[A-Z0-9](?:[A-Z0-9-]{0,22}[A-Z0-9])?$")
_SERIES = re.compile(r"^[A-Z0-9]{1,16}$")
_KIOSK_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


@dataclass(frozen=True)
class EventConfig:
    name: str
    venue: str
    commune: str
    province: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class KioskConfig:
    id: str
    name: str
    receipt_series: str
    mode: str  # "staff" (desk console) or "selfservice" (touchscreen)
    idle_timeout_s: int


@dataclass(frozen=True)
class BankConfig:
    bin: str
    account: str
    account_name: str
    purpose_prefix: str


@dataclass(frozen=True)
class AgentConfig:
    """The collection agent (đại lý thu) the kiosk collects for: the ONE source of the agent's
    data, read by receipts (form C45-BB) and the dossier (kiosk/dossier/agent.py).

    Every identifier is VSS's or the I-VAN provider's and is never made up: empty until the
    office fills it in. An empty series falls back to the kiosk's own "<YT|XH>-<series>"."""

    name: str = ""  # "[name], tổ chức được BHXH uỷ quyền thu" on every receipt
    code: str = ""  # the agent's unit code given by VSS
    address: str = ""
    unit_kind: str = ""
    tax_code: str = ""
    signer: str = ""
    phone: str = ""
    vss_office: str = ""  # the VSS office managing the agent
    ivan_code: str = ""
    ivan_name: str = ""
    series_bhyt: str = ""  # ký hiệu of the agent's household health insurance receipts
    series_bhxh: str = ""  # ký hiệu of its voluntary social insurance receipts


@dataclass(frozen=True)
class PrinterConfig:
    role: str
    backend: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    event: EventConfig
    kiosk: KioskConfig
    bank: BankConfig
    printers: dict[str, PrinterConfig]
    languages: tuple[str, ...]
    default_language: str
    database_url: str  # empty: SQLite in the data directory
    output_dir: str  # empty: <data dir>/output
    office_public_key: str = ""  # the office's X25519 key bundles are encrypted to (base64)
    scanner: ScannerSettings = field(default_factory=ScannerSettings)  # kiosk/scan/settings.py
    source: Path | None = None
    agent: AgentConfig = field(default_factory=AgentConfig)  # [agent]: receipts and dossier

    def printer(self, role: str) -> PrinterConfig:
        return self.printers[role]


def load_config(path: Path) -> Config:
    """Read and validate the configuration file at `path`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KioskError(
            "config.missing",
            vi=f"Không tìm thấy tệp cấu hình {path}. Chạy “python -m kiosk init” để tạo.",
            en=f"Configuration file {path} not found. Run “python -m kiosk init” to create it.",
        ) from None
    except UnicodeDecodeError:
        raise ConfigError("(tệp)", "tệp không phải UTF-8.", "the file is not UTF-8.") from None
    return parse_config(text, source=path)


def parse_config(text: str, source: Path | None = None) -> Config:
    """Validate configuration text; raises ConfigError naming the first bad key."""
    try:
        raw = toml_read.loads(text)
    except toml_read.TOMLDecodeError as exc:
        raise KioskError(
            "config.syntax",
            vi=f"Tệp cấu hình {source or ''} sai cú pháp TOML: {exc}",
            en=f"Configuration file {source or ''} is not valid TOML: {exc}",
        ) from None
    check_known_keys(raw)
    r = _Reader(raw)
    event = EventConfig(
        name=r.text("event.name", min_len=1),
        venue=r.text("event.venue"),
        commune=r.text("event.commune"),
        province=r.text("event.province"),
        starts_on=r.date("event.starts_on"),
        ends_on=r.date("event.ends_on"),
    )
    if event.ends_on < event.starts_on:
        raise ConfigError(
            "event.ends_on", "ngày kết thúc trước ngày bắt đầu.", "ends before the event starts."
        )
    kiosk = KioskConfig(
        id=r.pattern(
            "kiosk.id", _KIOSK_ID, "1–32 chữ, số, - hoặc _", "1-32 letters, digits, - or _"
        ),
        name=r.text("kiosk.name"),
        receipt_series=r.pattern(
            "kiosk.receipt_series", _SERIES, "1–16 chữ in hoa hoặc số", "1-16 capitals or digits"
        ),
        mode=r.choice("kiosk.mode", ("staff", "selfservice")),
        idle_timeout_s=r.integer("kiosk.idle_timeout_s", 15, 3600),
    )
    bank = BankConfig(
        bin=r.pattern("bank.bin", re.compile(r"^\d{6}$"), "đúng 6 chữ số", "exactly 6 digits"),
        account=r.pattern(
            "bank.account", re.compile(r"^[0-9A-Za-z]{1,19}$"), "1–19 chữ/số", "1-19 letters/digits"
        ),
        account_name=r.text("bank.account_name", min_len=1),
        purpose_prefix=r.pattern(
            "bank.purpose_prefix",
            re.compile(r"^[A-Z0-9]{0,10}$"),
            "tối đa 10 chữ in hoa/số",
            "at most 10 capitals/digits",
        ),
    )
    printers = {role: _printer(r, role) for role in PRINTER_ROLES}
    languages = tuple(r.list_of("languages.available", ("vi", "en")))
    default_language = r.choice("languages.default", languages)
    env_url = os.environ.get("KIOSK_DATABASE_URL", "")
    return Config(
        event=event,
        kiosk=kiosk,
        bank=bank,
        printers=printers,
        languages=languages,
        default_language=default_language,
        database_url=env_url or r.text("database.url"),
        output_dir=r.text("output.dir"),
        office_public_key=_office_key(r),
        scanner=parse_scanner_settings(r.raw),
        source=source,
        agent=read_agent(raw),
    )


def read_agent(raw: dict[str, Any]) -> AgentConfig:
    """The [agent] table (optional: every value empty when absent), checked key by key."""
    table = raw.get("agent", {})
    if not isinstance(table, dict):
        raise ConfigError("agent", "phải là một bảng [agent].", "must be a table.")
    r = _Reader(raw)
    values: dict[str, str] = {}
    for key in sorted(KNOWN_KEYS["agent"]):
        if key not in table:
            continue
        value = r.text(f"agent.{key}")
        if len(value) > 200 or any(ord(c) < 32 or c == "\x7f" for c in value):
            raise ConfigError(
                f"agent.{key}",
                "tối đa 200 ký tự, không có ký tự điều khiển.",
                "at most 200 characters, no control characters.",
            )
        if key.startswith("series_") and value and not _SYMBOL.match(value):
            raise ConfigError(
                f"agent.{key}",
                f"ký hiệu biên lai phải gồm 1–24 chữ in hoa, số hoặc “-” (đang là “{value}”).",
                f"a receipt series symbol is 1-24 capitals, digits or '-' (got {value!r}).",
            )
        values[key] = value
    return AgentConfig(**values)


def _office_key(r: _Reader) -> str:
    if "office" not in r.raw:
        return ""
    text = r.text("office.public_key")
    if text:
        from kiosk.domain.keys import office_public_from_text

        try:
            office_public_from_text(text)
        except KioskError:
            raise ConfigError(
                "office.public_key",
                "không phải khóa công khai hợp lệ (44 ký tự base64 do “python -m kiosk "
                "office-key” in ra).",
                "is not a valid public key (the 44 base64 characters “python -m kiosk "
                "office-key” prints).",
            ) from None
    return text


def _printer(r: _Reader, role: str) -> PrinterConfig:
    key = f"printers.{role}"
    table = r.table(key)
    backend = r.choice(f"{key}.backend", PRINTER_BACKENDS)
    options = {k: v for k, v in table.items() if k != "backend"}
    numbers = ("timeout_s", "offset_x_mm", "offset_y_mm", "width_mm", "port", "baudrate", "max_dpi")
    for name in numbers:
        if name in options and not isinstance(options[name], int | float):
            raise ConfigError(f"{key}.{name}", "phải là một số.", "must be a number.")
    dpi = options.get("max_dpi")
    if dpi is not None and not 72 <= dpi <= 1200:
        raise ConfigError(f"{key}.max_dpi", "phải từ 72 đến 1200.", "must be 72 to 1200.")
    return PrinterConfig(role=role, backend=backend, options=options)


def write_default_config(path: Path, *, force: bool = False) -> bool:
    """Write the commented default configuration; returns False if a file is already there."""
    if path.exists() and not force:
        return False
    # Owner-only, atomic and fsynced: the file may come to hold a PostgreSQL password in
    # [database] url, and a full disk must leave the previous file, not an empty one.
    save_private(path, DEFAULT_CONFIG.encode("utf-8"), ("tệp cấu hình", "configuration file"))
    return True


class _Reader:
    """Typed access to the raw TOML with errors that name the dotted key."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def get(self, key: str) -> Any:
        node: Any = self.raw
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ConfigError(key, "thiếu khóa này.", "this key is missing.")
            node = node[part]
        return node

    def table(self, key: str) -> dict[str, Any]:
        value = self.get(key)
        if not isinstance(value, dict):
            raise ConfigError(key, "phải là một bảng [..].", "must be a table.")
        return value

    def text(self, key: str, min_len: int = 0) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise ConfigError(key, "phải là chuỗi trong ngoặc kép.", "must be a quoted string.")
        if len(value.strip()) < min_len:
            raise ConfigError(key, "không được để trống.", "must not be empty.")
        return value.strip()

    def pattern(self, key: str, rx: re.Pattern[str], vi: str, en: str) -> str:
        value = self.text(key)
        if not rx.match(value):
            raise ConfigError(
                key, f"phải là {vi} (đang là “{value}”).", f"must be {en} (got {value!r})."
            )
        return value

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in allowed:
            options = ", ".join(allowed)
            raise ConfigError(
                key,
                f"“{value}” không hợp lệ; chọn một trong: {options}.",
                f"{value!r} is not allowed; choose one of: {options}.",
            )
        return value

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ConfigError(
                key,
                f"phải là số nguyên từ {low} đến {high}.",
                f"must be a whole number {low}-{high}.",
            )
        return value

    def date(self, key: str) -> date:
        value = self.get(key)
        if not isinstance(value, date):
            raise ConfigError(
                key, "phải là ngày dạng 2026-11-25.", "must be a date like 2026-11-25."
            )
        return value

    def list_of(self, key: str, allowed: tuple[str, ...]) -> list[str]:
        value = self.get(key)
        if not isinstance(value, list) or not value or any(v not in allowed for v in value):
            raise ConfigError(
                key,
                f"phải là danh sách trong {list(allowed)}.",
                f"must be a list within {list(allowed)}.",
            )
        return value
