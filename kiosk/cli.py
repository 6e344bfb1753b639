"""`python -m kiosk ...`: the admin and headless command line (each command in its own module)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from importlib.metadata import entry_points
from types import ModuleType

from kiosk import commands
from kiosk.cli_lang import pop_lang, use_lang
from kiosk.errors import KioskError

# Commands of the core are the modules of kiosk.commands, found by listing the package. Commands
# of the outer layers (documents, printers, the demo, the benchmark) are declared as entry points
# of the group below in pyproject.toml, so the core never names them (docs/architecture.md).
# Each module has `register(subparsers)`, which adds one sub-parser whose `func(args) -> int`
# runs the command. A module that fails to load stops the parser: no command is silently lost.
# Nothing here touches the data folder: a command that loads the printer library (render,
# printers, doctor, demo, bench) keeps its cache there itself (kiosk.paths), so `quote` or
# `vietqr` on a machine that never ran the kiosk leaves no folder behind.
ENTRY_POINT_GROUP = "bhxh_kiosk.commands"


def command_modules() -> list[ModuleType]:
    """Every command module: the core's, then the outer layers' entry points, each by name."""
    found = [
        importlib.import_module(f"{commands.__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name)
        if not info.name.startswith("_")
    ]
    outer = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name)
    return found + [entry.load() for entry in outer]


def build_parser() -> argparse.ArgumentParser:
    """The parser with every command."""
    parser = argparse.ArgumentParser(prog="kiosk", description="Ki-ốt sự kiện BHXH / BHYT")
    # --lang is taken out of argv before parsing (kiosk/cli_lang.py) so it may stand anywhere;
    # it is declared here only for --help.
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="message language")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in command_modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; expected failures print one line on stderr and exit 2.

    `--lang vi|en` may stand anywhere on the line; every message then follows it.
    """
    try:
        lang, rest = pop_lang(sys.argv[1:] if argv is None else argv)
    except KioskError as err:
        print(err.message("vi"), file=sys.stderr)
        print(err.message("en"), file=sys.stderr)
        return 2
    use_lang(lang)
    args = build_parser().parse_args(rest)
    args.lang = lang
    try:
        result: int = args.func(args)
    except KioskError as err:
        print(err.message(lang), file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
