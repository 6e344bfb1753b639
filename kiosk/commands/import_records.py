"""`kiosk import-records FILE`: store VSS's own card records (CSV/XLSX), all rows or none.

Prints a JSON summary on stdout: {"file", "rows", "imported", "unchanged", "refused": [{"row",
"column", "vi", "en"}]}. Exit 0 when stored, 2 when any row (or the file) is refused: then
nothing is stored. The layout is in kiosk/services/official_import.py and the README.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "import-records",
        help="nhập dữ liệu thẻ BHYT do BHXH cấp / import VSS card records (CSV, XLSX)",
    )
    parser.add_argument("file", type=Path, help="the CSV (UTF-8) or XLSX file from VSS")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk import paths
    from kiosk.bootstrap import kiosk_context, open_database
    from kiosk.config import load_config
    from kiosk.services.official_import import ImportSummary, import_official_file

    lang = getattr(args, "lang", "vi")
    config = load_config(paths.config_path())
    db = open_database(config)
    try:
        with db.unit_of_work() as session:
            summary = import_official_file(session, kiosk_context(config), args.file)
    except KioskError as err:
        refused = tuple(err.params.get("errors", ()))
        summary = ImportSummary(0, 0, 0, refused)
        _print(args.file, summary, err.message(lang))
        return 2
    finally:
        db.dispose()
    _print(args.file, summary, "")
    return 0


def _print(path: Path, summary: Any, error: str) -> None:
    data = {"file": str(path), **summary.to_json()}
    if error:
        data["error"] = error
    print(json.dumps(data, ensure_ascii=False, indent=2))
