"""`kiosk doctor [--json]`: the first-start checklist; exit 1 while something must be fixed."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from kiosk.cli_lang import current_lang, say, use_lang

if TYPE_CHECKING:  # loaded when the command runs: building the CLI parser stays light
    from kiosk.services.doctor import Finding

_TAGS = {
    "ok": ("[OK]", "[OK]"),
    "warning": ("[CHÚ Ý]", "[WARNING]"),
    "problem": ("[CẦN SỬA]", "[FIX]"),
}


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "doctor", help="check the configuration, printers, scanner, database, disk and clock"
    )
    parser.add_argument("--json", action="store_true", help="one JSON list of findings")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.paths import keep_printer_library_cache

    use_lang(getattr(args, "lang", None) or current_lang())
    keep_printer_library_cache()  # the printer checks may load python-escpos
    findings = collect()
    lang = current_lang()
    if args.json:
        rows = [
            {"code": f.code, "level": str(f.level), "message": f.message(lang), "fix": f.fix(lang)}
            for f in findings
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print_finding(finding)
        bad = sum(f.level == "problem" for f in findings)
        if bad:
            say(
                f"{bad} mục cần sửa trước khi đón người dân.",
                f"{bad} item(s) to fix before attendees come.",
            )
        else:
            say("Sẵn sàng cho sự kiện.", "Ready for the event.")
    return 1 if any(f.level == "problem" for f in findings) else 0


def print_finding(finding: Finding) -> None:
    """One finding: its tag and message, and what to do on the next line."""
    lang = current_lang()
    vi_tag, en_tag = _TAGS[str(finding.level)]
    say(f"{vi_tag} {finding.vi}", f"{en_tag} {finding.en}")
    if finding.fix(lang):
        say(f"    → {finding.fix_vi}", f"    → {finding.fix_en}")


def collect() -> list[Finding]:
    """Load the configuration and run every check against this machine."""
    from kiosk import paths
    from kiosk.bootstrap import database_url
    from kiosk.config import load_config
    from kiosk.errors import KioskError
    from kiosk.services.doctor import Finding, Level
    from kiosk.store.db import Database
    from printing.checks import machine_checks

    config_file = paths.config_path()
    try:
        config = load_config(config_file)
    except KioskError as err:  # nothing else can be checked without a configuration
        return [
            Finding(
                err.code,
                Level.PROBLEM,
                err.vi,
                err.en,
                f"Sửa tệp {config_file} (hoặc chạy “python -m kiosk init” nếu chưa có).",
                f"Fix {config_file} (or run “python -m kiosk init” if there is none).",
            )
        ]
    data = paths.data_dir()
    db = Database(database_url(config, data))
    try:
        return machine_checks(config, db, data)
    finally:
        db.dispose()
