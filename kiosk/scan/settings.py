"""The `[scanner]` section of the kiosk's TOML configuration, read and checked on its own.

    [scanner]
    mode = "keyboard"      # keyboard | serial | camera (camera: not available, see README)
    device = ""            # serial: "/dev/ttyACM0", "COM5"; empty = find the scanner by USB id
    baudrate = 9600        # serial only; USB CDC ignores it, a real RS-232 cable does not
    max_gap_ms = 80        # keyboard only: longest pause inside one scan

A missing section means keyboard mode with the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.errors import KioskError

MODES = ("keyboard", "serial", "camera")
BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)


@dataclass(frozen=True)
class ScannerSettings:
    mode: str = "keyboard"
    device: str = ""
    baudrate: int = 9600
    max_gap_ms: int = 80


def _bad(key: str, vi: str, en: str) -> KioskError:
    return KioskError(
        "config.invalid", vi=f"Cấu hình sai ở “scanner.{key}”: {vi}", en=f"scanner.{key}: {en}"
    )


def parse_scanner_settings(raw: dict[str, Any]) -> ScannerSettings:
    """The settings from the whole parsed TOML document (its `scanner` table, if any)."""
    table = raw.get("scanner", {})
    if not isinstance(table, dict):
        raise _bad("", "phải là một bảng [scanner].", "must be a [scanner] table.")
    unknown = sorted(set(table) - {"mode", "device", "baudrate", "max_gap_ms"})
    if unknown:
        raise _bad(unknown[0], "khóa không có.", "unknown key.")
    mode = table.get("mode", "keyboard")
    if mode not in MODES:
        raise _bad("mode", f"phải là một trong {', '.join(MODES)}.", f"must be one of {MODES}.")
    device = table.get("device", "")
    if not isinstance(device, str) or len(device) > 200 or "\x00" in device:
        raise _bad("device", "phải là đường dẫn cổng.", "must be a port path.")
    baudrate = table.get("baudrate", 9600)
    if isinstance(baudrate, bool) or baudrate not in BAUDRATES:
        raise _bad("baudrate", f"phải là một trong {BAUDRATES}.", f"must be one of {BAUDRATES}.")
    gap = table.get("max_gap_ms", 80)
    if isinstance(gap, bool) or not isinstance(gap, int) or not 20 <= gap <= 500:
        raise _bad("max_gap_ms", "phải là số nguyên 20–500.", "must be a whole number 20-500.")
    return ScannerSettings(mode=mode, device=device, baudrate=baudrate, max_gap_ms=gap)
