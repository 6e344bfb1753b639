"""Where the kiosk keeps its files: user data and config directories (overridable by env)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "bhxh-kiosk"


def data_dir() -> Path:
    """The user data directory (database, keys, logs, print output); KIOSK_DATA_DIR overrides."""
    override = os.environ.get("KIOSK_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    return _private_dir(path)


def config_path() -> Path:
    """The TOML configuration file; KIOSK_CONFIG overrides."""
    override = os.environ.get("KIOSK_CONFIG")
    if override:
        return Path(override)
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "kiosk.toml"


def _private_dir(path: Path) -> Path:
    """Create a directory readable by the kiosk user only (it holds personal data)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
    return path


def keys_dir() -> Path:
    """The kiosk's signing keys (private key owner-only); KIOSK_KEYS_DIR overrides."""
    override = os.environ.get("KIOSK_KEYS_DIR")
    return _private_dir(Path(override) if override else data_dir() / "keys")


def keep_printer_library_cache() -> None:
    """python-escpos parses its 1 MB printer database on every start (0.3–1 s) unless it finds
    the pickle it made last time; by default it looks in a new temporary folder each run (and
    leaves it behind). Keep it in the kiosk's private data folder instead (only the kiosk user
    can write there, so nobody can plant a pickle). Called by main.py and the command line
    before anything imports the printer library."""
    folder = _private_dir(data_dir() / "cache")
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(folder))
