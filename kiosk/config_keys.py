"""Which keys kiosk.toml may hold: anything else is a typo, refused naming the nearest key."""

from __future__ import annotations

import difflib
from typing import Any

from kiosk.errors import KioskError

__all__ = [
    "KNOWN_KEYS",
    "PRINTER_BACKENDS",
    "PRINTER_OPTIONS",
    "PRINTER_ROLES",
    "ConfigError",
    "check_known_keys",
]

PRINTER_BACKENDS = (
    "pdf-folder",
    "escpos-network",
    "escpos-usb",
    "escpos-serial",
    "escpos-file",
    "cups",
    "qt-print",  # any printer of the OS print system, with its vendor driver (Windows too)
    "escpos-windows",  # a receipt printer installed as a Windows printer
)
PRINTER_ROLES = ("receipt", "card", "booklet", "declaration")
# Every option a printer table may hold (the backends in printing/backends/factory.py and the
# renderers read these); anything else is a typo and is refused with a suggestion.
PRINTER_OPTIONS = frozenset(
    {
        "backend",
        "host",
        "port",
        "timeout_s",
        "profile",
        "width_mm",
        "text_mode",
        "vendor_id",
        "product_id",
        "in_ep",
        "out_ep",
        "device",
        "baudrate",
        "path",
        "queue",
        "server",
        "max_dpi",
        "page_mm",
        "offset_x_mm",
        "offset_y_mm",
    }
)
KNOWN_KEYS: dict[str, frozenset[str]] = {
    "event": frozenset({"name", "venue", "commune", "province", "starts_on", "ends_on"}),
    "kiosk": frozenset({"id", "name", "receipt_series", "mode", "idle_timeout_s"}),
    "bank": frozenset({"bin", "account", "account_name", "purpose_prefix"}),
    "languages": frozenset({"available", "default"}),
    "database": frozenset({"url"}),
    "output": frozenset({"dir"}),
    "office": frozenset({"public_key"}),
    "scanner": frozenset({"mode", "device", "baudrate", "max_gap_ms"}),
    "printers": frozenset(PRINTER_ROLES),
    "agent": frozenset(
        {
            "name",
            "code",
            "address",
            "unit_kind",
            "tax_code",
            "signer",
            "phone",
            "vss_office",
            "ivan_code",
            "ivan_name",
            "series_bhyt",
            "series_bhxh",
        }
    ),
}


class ConfigError(KioskError):
    """The configuration file cannot be used; the message names the key and the problem."""

    def __init__(self, key: str, vi: str, en: str) -> None:
        super().__init__("config.invalid", vi=f"Cấu hình sai ở “{key}”: {vi}", en=f"{key}: {en}")
        self.key = key


def check_known_keys(raw: dict[str, Any]) -> None:
    """Refuse any key this version does not read, naming it and the closest known key.

    A misspelt key ("idle_timout_s") would otherwise be ignored and its default silently used.
    """
    for section, value in raw.items():
        if section not in KNOWN_KEYS:
            raise _unknown(section, section, KNOWN_KEYS)
        if not isinstance(value, dict):
            continue  # the typed reader names the key and says a table is needed
        for key, inner in value.items():
            if key not in KNOWN_KEYS[section]:
                raise _unknown(f"{section}.{key}", key, KNOWN_KEYS[section])
            if section == "printers" and isinstance(inner, dict):
                for option in inner:
                    if option not in PRINTER_OPTIONS:
                        raise _unknown(f"printers.{key}.{option}", option, PRINTER_OPTIONS)


def _unknown(dotted: str, name: str, known: Any) -> ConfigError:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    prefix = dotted[: -len(name)]
    if close:
        vi = f"khóa không có trong cấu hình; có phải ý bạn là “{prefix}{close[0]}”?"
        en = f"unknown key; did you mean {prefix}{close[0]}?"
    else:
        choices = ", ".join(sorted(known))
        vi, en = (
            f"khóa không có trong cấu hình (các khóa: {choices}).",
            (f"unknown key (known keys: {choices})."),
        )
    return ConfigError(dotted, vi, en)
