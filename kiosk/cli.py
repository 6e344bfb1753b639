"""`python -m kiosk ...`: the admin and headless command line (each command in its own module)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from kiosk.errors import KioskError

# Command modules are loaded by name so that commands living in the outer layers (documents,
# printers) do not make the core import them. Each module has `register(subparsers)`, which adds
# one sub-parser whose `func(args) -> int` runs the command.
COMMAND_MODULES: tuple[str, ...] = (
    "kiosk.commands.init",
    "kiosk.commands.db",
    "kiosk.commands.quote",
    "kiosk.commands.vietqr",
    "kiosk.commands.shift",
    "kiosk.commands.merge",
    "kiosk.commands.retention",
    "kiosk.commands.staff",
    "printing.commands.render",
    "printing.commands.verify",
    "printing.commands.printers",
    "scenario.command",
    "benchmarks.command",
)


def build_parser() -> argparse.ArgumentParser:
    """The parser with every command."""
    parser = argparse.ArgumentParser(prog="kiosk", description="Ki-ốt sự kiện BHXH / BHYT")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; expected failures print one line on stderr and exit 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except KioskError as err:
        print(err.message(args.lang), file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
