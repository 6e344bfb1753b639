"""The configuration file: defaults load, and every broken file names the key and the problem."""

from __future__ import annotations

import re
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
        ('name = "Ngày hội BHXH, BHYT tại xã"', "# no name", "event.name", "missing"),
        ('name = "Ngày hội BHXH, BHYT tại xã"', 'title = "x"', "event.title", "unknown key"),
        (
            "idle_timeout_s = 90",
            "idle_timout_s = 90",
            "kiosk.idle_timout_s",
            "kiosk.idle_timeout_s",
        ),
        ("[bank]", "[banks]", "banks", "did you mean bank?"),
        (
            "\nwidth_mm = 80",
            "\nwidht_mm = 80",
            "printers.receipt.widht_mm",
            "printers.receipt.width_mm",
        ),
        ("[printers.card]", "[printers.cards]", "printers.cards", "printers.card?"),
        ('public_key = ""', 'public_key = "abc"', "office.public_key", "not a valid public key"),
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


def test_office_section_is_optional_and_read() -> None:
    """A configuration written before [office] existed still loads (no key); a valid key is
    kept as written."""
    start = DEFAULT_CONFIG.index("[office]")
    end = DEFAULT_CONFIG.index("# Printers by role")
    old = DEFAULT_CONFIG[:start] + DEFAULT_CONFIG[end:]
    assert parse_config(old).office_public_key == ""
    key = "A" * 43 + "="
    assert (
        parse_config(
            DEFAULT_CONFIG.replace('public_key = ""', f'public_key = "{key}"')
        ).office_public_key
        == key
    )


def test_scanner_section_is_read_and_checked() -> None:
    """[scanner] reaches the config (keyboard by default, serial when set); a bad mode or an
    unknown key in it is refused naming the key."""
    assert parse_config(DEFAULT_CONFIG).scanner.mode == "keyboard"
    serial = parse_config(
        DEFAULT_CONFIG.replace('mode = "keyboard"', 'mode = "serial"').replace(
            'device = ""                 # serial', 'device = "/dev/ttyACM0"  # serial'
        )
    )
    assert (serial.scanner.mode, serial.scanner.device) == ("serial", "/dev/ttyACM0")
    with pytest.raises(KioskError) as bad:
        parse_config(DEFAULT_CONFIG.replace('mode = "keyboard"', 'mode = "laser"'))
    assert "mode" in bad.value.vi
    with pytest.raises(KioskError) as unknown:
        parse_config(DEFAULT_CONFIG.replace("max_gap_ms = 80", "max_gap_msec = 80"))
    assert "max_gap_msec" in unknown.value.vi


def test_os_print_system_backends_are_accepted() -> None:
    """A card printer through the OS print system (qt-print) and a Windows receipt queue are
    valid backends; max_dpi outside 72–1200 is refused naming the key."""
    card = DEFAULT_CONFIG.replace(
        '[printers.card]\nbackend = "pdf-folder"',
        '[printers.card]\nbackend = "qt-print"\nqueue = "Evolis Primacy"\nmax_dpi = 300',
    )
    assert parse_config(card).printers["card"].backend == "qt-print"
    with pytest.raises(ConfigError) as bad:
        parse_config(card.replace("max_dpi = 300", "max_dpi = 5000"))
    assert bad.value.key == "printers.card.max_dpi"
    receipt = DEFAULT_CONFIG.replace(
        '[printers.receipt]\nbackend = "pdf-folder"',
        '[printers.receipt]\nbackend = "escpos-windows"\nqueue = "POS-80"',
    )
    assert parse_config(receipt).printers["receipt"].backend == "escpos-windows"


def test_every_key_of_the_written_file_is_commented() -> None:
    """The README's promise: each key `init` writes has a comment on its line or just above
    it (43 keys), so an office can edit the file without the manual."""
    lines = DEFAULT_CONFIG.splitlines()
    keys = [i for i, line in enumerate(lines) if re.match(r"^[A-Za-z_]+\s*=", line)]
    bare = [lines[i] for i in keys if "#" not in lines[i] and not lines[i - 1].startswith("#")]
    assert (len(keys), bare) == (43, [])
