"""The first-start checks of this machine (kiosk.services.doctor) with its printers asked and
its database probed: one composition for `kiosk doctor` and the console's checklist."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.config import Config
    from kiosk.services.doctor import Finding
    from kiosk.store.db import Database


def machine_checks(config: Config, db: Database, data_dir: Path) -> list[Finding]:
    """Every check, the printers asked through their backends (loaded only now)."""
    from kiosk.bootstrap import output_dir
    from kiosk.services.doctor import Probes, database_label, probe_database, run_checks
    from printing.backends.factory import printer_probes

    probes = Probes(
        printers=lambda: printer_probes(config, output_dir(config, data_dir)),
        database=lambda: probe_database(db),
        database_label=database_label(db.url),
    )
    return run_checks(config, data_dir, probes=probes)
