"""The configuration file: defaults load, and every broken file names the key and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import ConfigError, load_config, parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.errors import KioskError


def test_default_config_loads_with_pdf_printers() -> None:
    """The commented defaults are a valid configuration using the PDF-folder printers."""
    config = parse_config(DEFAULT_CONFIG)
    assert config.kiosk.id == "K01" and config.kiosk.receipt_series == "K01"
    assert {p.backend for p in config.printers.values()} == {"pdf-folder"}
    assert config.printer("booklet").options == {"offset_x_mm": 0.0, "offset_y_mm": 0.0}
    assert config.bank.bin == "970405" and config.default_language == "vi"


@pytest.mark.parametrize(
    ("old", "new", "key", "fragment"),
    [
        (
            'receipt_series = "K01"',
            'receipt_series = "k 01"',
            "kiosk.receipt_series",
            "1-16 capitals",
        ),
        ('bin = "970405"', 'bin = "97040"', "bank.bin", "exactly 6 digits"),
        ("idle_timeout_s = 90", 'idle_timeout_s = "90"', "kiosk.idle_timeout_s", "whole number"),
        ('mode = "staff"', 'mode = "admin"', "kiosk.mode", "staff, selfservice"),
        (
            '[printers.card]\nbackend = "pdf-folder"',
            '[printers.card]\nbackend = "laser"',
            "printers.card.backend",
            "pdf-folder",
        ),
        ("offset_x_mm = 0.0", 'offset_x_mm = "left"', "printers.booklet.offset_x_mm", "number"),
        (
            "ends_on = 2026-11-25",
            "ends_on = 2026-11-24",
            "event.ends_on",
            "before the event starts",
        ),
        ('name = "Ngày hội BHXH, BHYT tại xã"', 'title = "x"', "event.name", "missing"),
    ],
)
def test_bad_values_name_the_key(old: str, new: str, key: str, fragment: str) -> None:
    """Each invalid value raises a ConfigError naming the dotted key, in English and Vietnamese."""
    assert old in DEFAULT_CONFIG
    with pytest.raises(ConfigError) as err:
        parse_config(DEFAULT_CONFIG.replace(old, new, 1))
    assert err.value.key == key
    assert key in err.value.en and fragment in err.value.en
    assert key in err.value.vi and "Cấu hình sai" in err.value.vi


def test_toml_syntax_error_gives_line_not_traceback(tmp_path: Path) -> None:
    """A file that is not TOML gives the config.syntax code with the line number."""
    path = tmp_path / "kiosk.toml"
    path.write_text(DEFAULT_CONFIG.replace('id = "K01"', 'id = "K01'), encoding="utf-8")
    with pytest.raises(KioskError) as err:
        load_config(path)
    assert err.value.code == "config.syntax" and "line" in err.value.en


def test_environment_url_wins_over_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """KIOSK_DATABASE_URL points several kiosks at one shared PostgreSQL."""
    monkeypatch.setenv("KIOSK_DATABASE_URL", "postgresql+psycopg://k@db/event")
    assert parse_config(DEFAULT_CONFIG).database_url == "postgresql+psycopg://k@db/event"


def test_init_writes_defaults_and_cli_reports_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kiosk init` creates the file and the database; a broken file then makes commands exit 2
    with one line naming the key."""
    assert main(["init"]) == 0
    path = tmp_path / "config" / "kiosk.toml"
    assert path.read_text(encoding="utf-8") == DEFAULT_CONFIG
    assert path.stat().st_mode & 0o777 == 0o600  # it may hold a database password
    assert (tmp_path / "data" / "kiosk.sqlite3").stat().st_mode & 0o777 == 0o600
    path.write_text(DEFAULT_CONFIG.replace('bin = "970405"', 'bin = "x"'), encoding="utf-8")
    capsys.readouterr()
    assert main(["--lang", "en", "init"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["bank.bin: must be exactly 6 digits (got 'x')."]
