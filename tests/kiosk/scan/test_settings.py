"""The [scanner] section: defaults, every key checked, errors name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.errors import KioskError
from kiosk.scan.settings import ScannerSettings, parse_scanner_settings


def test_missing_section_is_keyboard_mode() -> None:
    """No [scanner]: keyboard mode, auto-detect, 9600 baud, 80 ms."""
    assert parse_scanner_settings({}) == ScannerSettings("keyboard", "", 9600, 80)


def test_serial_section_from_a_file(tmp_path: Path) -> None:
    """A full serial section is read from the kiosk's configuration file with the rest."""
    path = tmp_path / "kiosk.toml"
    path.write_text(
        DEFAULT_CONFIG.replace('mode = "keyboard"', 'mode = "serial"')
        .replace('device = ""                 # serial', 'device = "/dev/ttyACM0"  # serial')
        .replace("\nbaudrate = 9600 ", "\nbaudrate = 115200 "),
        encoding="utf-8",
    )
    assert load_config(path).scanner == ScannerSettings("serial", "/dev/ttyACM0", 115200, 80)


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"mode": "bluetooth"}, "scanner.mode"),
        ({"baudrate": 1234}, "scanner.baudrate"),
        ({"baudrate": True}, "scanner.baudrate"),
        ({"device": 5}, "scanner.device"),
        ({"max_gap_ms": 5}, "scanner.max_gap_ms"),
        ({"speed": 1}, "scanner.speed"),
    ],
)
def test_bad_values_name_the_key(table: dict[str, object], key: str) -> None:
    """Each bad value is a config.invalid error naming its key."""
    with pytest.raises(KioskError) as err:
        parse_scanner_settings({"scanner": table})
    assert err.value.code == "config.invalid" and err.value.en.startswith(key)
