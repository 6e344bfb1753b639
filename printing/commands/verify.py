"""`python -m kiosk verify "<QR text>"`: is a kiosk's payment confirmation genuine (signed by
a kiosk), and does it still stand (its expiry date)?"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.cli_lang import say, text
from kiosk.config import load_config
from kiosk.domain.keys import PRIVATE_FILE, load_or_create_private_key, public_key_from_text
from kiosk.domain.localtime import local_date
from kiosk.domain.provisional import verify_provisional
from kiosk.errors import KioskError
from kiosk.paths import config_path, keys_dir
from kiosk.store.types import utcnow

SAMPLE_KIOSK_ID = "DEMO01"  # used when no configuration exists (demo machines)
LABELS = {
    "t": ("Loại giấy", "Document"),
    "n": ("Họ và tên", "Name"),
    "b": ("Ngày sinh", "Born"),
    "d": ("Số định danh cá nhân", "Identity number"),
    "a": ("Số tiền đã đóng (đ)", "Amount paid (VND)"),
    "v": ("Thời gian tham gia", "Cover period"),
    "r": ("Biên lai", "Receipt"),
    "i": ("Ngày cấp", "Issued"),
    "h": ("Giá trị đến", "Valid until"),
    "m": ("Mẫu", "Sample"),
    # Older provisional cards (before issue 20) also signed these:
    "c": ("Mã thẻ", "Card code"),
    "s": ("Giới tính", "Sex"),
    "f": ("Nơi ĐK KCB BĐ", "Facility"),
}
SAMPLE_MARK = "MẪU"  # the "m" field of a sample (printing/documents/sample.py)
NOT_GENUINE = ("provisional.bad_signature", "provisional.unknown_kiosk")


def own_kiosk_id() -> str:
    """This kiosk's id from the configuration, or the demo id when there is none."""
    try:
        return load_config(config_path()).kiosk.id
    except KioskError:
        return SAMPLE_KIOSK_ID


def trusted_keys(directory: Path) -> dict[str, Ed25519PublicKey]:
    """Other kiosks' keys from <kiosk_id>.pub files, plus this kiosk's own key if it has one."""
    keys: dict[str, Ed25519PublicKey] = {}
    for path in sorted(directory.glob("*.pub")):
        keys[path.stem] = public_key_from_text(path.read_text(encoding="ascii"))
    if (directory / PRIVATE_FILE).exists():
        keys[own_kiosk_id()] = load_or_create_private_key(directory).public_key()
    return keys


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `verify` command."""
    parser = subparsers.add_parser(
        "verify", help="xác minh mã QR giấy tạm thời / verify a provisional QR"
    )
    parser.add_argument("qr_text", help="the scanned QR text")
    parser.add_argument(
        "--keys", type=Path, default=None, help="directory of keys (default: the kiosk's)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """0 genuine and standing (fields printed), 1 not genuine or expired (reason printed);
    malformed raises (exit 2)."""
    directory: Path = args.keys if args.keys is not None else keys_dir()
    try:
        fields = verify_provisional(args.qr_text, trusted_keys(directory))
    except KioskError as err:
        if err.code in NOT_GENUINE:
            say(f"KHÔNG HỢP LỆ: {err.vi}", f"not genuine: {err.en}")
            return 1
        raise
    kiosk_id = args.qr_text.strip().rsplit("|", 1)[-1]
    say(f"HỢP LỆ (ki-ốt {kiosk_id})", f"genuine (kiosk {kiosk_id})")
    for key, value in fields.items():
        print(f"{field_name(key)}: {field_value(key, value)}")
    until = _date(fields.get("h", ""))
    today = local_date(utcnow())
    if until is not None and today > until:
        since = f"{until + timedelta(days=1):%d/%m/%Y}"
        say(
            f"ĐÃ HẾT HẠN từ ngày {since}: xem thẻ BHYT trên VssID hoặc VNeID.",
            f"EXPIRED since {since}: see the card in VssID or VNeID.",
        )
        return 1
    return 0


def field_name(key: str) -> str:
    """A signed field's name in the chosen language (an unknown key as signed)."""
    names = LABELS.get(key)
    return text(*names) if names else key


def field_value(key: str, value: str) -> str:
    """A signed field's value; the sample mark reads as a plain "yes" in English."""
    if key == "m" and value == SAMPLE_MARK:
        return text(value, "yes")
    return value


def _date(text: str) -> date | None:
    """dd/mm/yyyy as the confirmation prints it; None when absent or unreadable."""
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None
