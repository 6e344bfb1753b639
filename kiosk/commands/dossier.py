"""`kiosk dossier --day D --out DIR [--sign CERT.p12]`: the day's electronic dossier for VSS."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.cli_lang import say, text
from kiosk.domain.money import format_vnd
from kiosk.errors import KioskError

MAX_PASSWORD_BYTES = 1024


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "dossier",
        help="write the day's signed XML dossiers (TK1-TS, D03-TS, D05-TS, D01-TS) for an I-VAN provider",
    )
    parser.add_argument("--day", required=True, help="the payment day, YYYY-MM-DD (Vietnam time)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--sign", type=Path, help="the agent's certificate and key (.p12/.pfx)")
    parser.add_argument(
        "--password-file", type=Path, help="file whose first line is the .p12 password"
    )
    parser.add_argument(
        "--token-module", type=Path, help="PKCS#11 module of a USB token holding the key (.so)"
    )
    parser.add_argument("--token-label", help="the token's label (when several are plugged in)")
    parser.add_argument("--pin-file", type=Path, help="file whose first line is the token's PIN")
    parser.add_argument(
        "--agent",
        type=Path,
        help="the agent's details (default: dossier-agent.toml beside the config)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.bootstrap import kiosk_context, open_database
    from kiosk.config import load_config
    from kiosk.dossier.agent import default_agent_path, load_agent
    from kiosk.dossier.checks import DossierBlocked
    from kiosk.dossier.service import write_dossier
    from kiosk.dossier.signing import load_pkcs12

    lang = getattr(args, "lang", "vi")
    day = _day(args.day)
    agent = load_agent(args.agent or default_agent_path())
    with ExitStack() as stack:
        signer = None
        if args.sign and args.token_module:
            raise KioskError(
                "cli.bad_argument",
                vi="Chọn một trong --sign hoặc --token-module.",
                en="Give either --sign or --token-module, not both.",
            )
        if args.sign:
            signer = load_pkcs12(args.sign, _password(args.password_file))
        elif args.token_module:
            from kiosk.dossier.token import token_signer

            pin = (_password(args.pin_file) or b"").decode("utf-8", errors="replace")
            signer = stack.enter_context(token_signer(args.token_module, pin, args.token_label))
        config = load_config(paths.config_path())
        db, ctx = open_database(config), kiosk_context(config)
        stack.callback(db.dispose)
        try:
            with db.read() as session:
                result = write_dossier(session, ctx, day, args.out, signer=signer, agent=agent)
        except DossierBlocked as blocked:
            print(blocked.message(lang), file=sys.stderr)
            for problem in blocked.problems:
                print(f"  - {problem.text(lang)}", file=sys.stderr)
            return 2
    shown = f"{day:%d/%m/%Y}"
    if result.folder is None:
        say(
            f"Không có lượt đã thu tiền ngày {shown}: không ghi hồ sơ nào.",
            f"No visit was paid on {shown}: no dossier written.",
        )
    else:
        unsigned = "" if signer else text(" (CHƯA KÝ)", " (NOT SIGNED)")
        say(
            f"Hồ sơ ngày {shown}: {result.folder}{unsigned}",
            f"Dossier of {shown}: {result.folder}{unsigned}",
        )
        for p in result.procedures:
            money, where = format_vnd(p.total), f"{p.folder.name}/"
            say(
                f"  thủ tục {p.code}: {p.people} người, {money} → {where}",
                f"  procedure {p.code}: {_people_en(p.people)}, {money} → {where}",
            )
    for left in result.left_out:
        names = ", ".join(left.people)
        if left.reason == "voided":
            say(
                f"  không đưa vào (biên lai đã hủy {left.receipt}): {names}",
                f"  left out (receipt {left.receipt} voided): {names}",
            )
        else:
            say(f"  không đưa vào (chưa thu tiền): {names}", f"  left out (not paid): {names}")
    return 0


def _people_en(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise KioskError(
            "cli.bad_argument",
            vi="--day phải là ngày YYYY-MM-DD.",
            en="--day must be a date YYYY-MM-DD.",
        ) from None


def _password(path: Path | None) -> bytes | None:
    """The first line of a password or PIN file (never on the command line: ps shows it)."""
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_PASSWORD_BYTES)
    except OSError as err:
        raise KioskError(
            "dossier.password_file",
            vi=f"Không đọc được tệp mật khẩu {path}: {err.strerror}.",
            en=f"Cannot read the password file {path}: {err.strerror}.",
        ) from None
    return raw.splitlines()[0] if raw else b""
