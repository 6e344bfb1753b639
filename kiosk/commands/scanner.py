"""`kiosk scanner test`: read a serial scanner and print one JSON object per scan."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

import serial

from kiosk import paths
from kiosk.config import load_config
from kiosk.errors import KioskError
from kiosk.scan.reader import read_scan, scan_json
from kiosk.scan.serial_reader import LineSplitter, find_scanner_port, open_port, read_available
from kiosk.scan.settings import BAUDRATES, ScannerSettings

POLL_S = 0.1


def register(sub: Any) -> None:
    parser = sub.add_parser("scanner", help="check the ID card scanner")
    actions = parser.add_subparsers(dest="scanner_action", required=True, metavar="ACTION")
    test = actions.add_parser(
        "test", help="read scans from a serial scanner and print each as JSON"
    )
    test.add_argument(
        "--device", help="serial port (/dev/ttyACM0, COM5); default: the configured scanner"
    )
    test.add_argument("--baud", type=int, choices=BAUDRATES, help="baud rate (default 9600)")
    test.add_argument("--count", type=int, default=1, help="stop after this many scans (1)")
    test.add_argument(
        "--timeout", type=float, default=60.0, help="give up after this many seconds (60)"
    )
    test.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.count < 1 or args.timeout <= 0:
        raise KioskError(
            "cli.bad_argument",
            vi="--count phải từ 1 trở lên và --timeout phải lớn hơn 0.",
            en="--count must be at least 1 and --timeout greater than 0.",
        )
    settings = _settings()
    device = args.device or settings.device or find_scanner_port()
    if not device:
        raise KioskError(
            "scanner.not_found",
            vi="Không thấy máy quét cổng serial: cắm máy quét (chế độ USB-COM) hoặc ghi "
            "[scanner] device trong cấu hình, hoặc dùng --device.",
            en="No serial scanner found: plug one in (USB-COM mode), set [scanner] device in "
            "the configuration, or pass --device.",
        )
    baudrate = args.baud or settings.baudrate
    try:
        port = open_port(device, baudrate, POLL_S)
    except (serial.SerialException, OSError, ValueError) as exc:
        raise KioskError(
            "scanner.bad_device",
            vi=f"Không mở được cổng máy quét {device}: {exc}",
            en=f"Cannot open the scanner port {device}: {exc}",
            device=device,
        ) from None
    try:
        return _listen(port, device, args.count, args.timeout)
    finally:
        port.close()


def _settings() -> ScannerSettings:
    """The configured scanner; no configuration file simply means "find it"."""
    try:
        return load_config(paths.config_path()).scanner  # [scanner], checked with the rest
    except KioskError as err:
        if err.code == "config.missing":
            return ScannerSettings()
        raise


def _listen(port: Any, device: str, count: int, timeout: float) -> int:
    splitter = LineSplitter()
    deadline = time.monotonic() + timeout
    seen = 0
    while seen < count:
        if time.monotonic() >= deadline:
            raise KioskError(
                "scanner.timeout",
                vi=f"Hết {timeout:g} giây mà mới nhận {seen}/{count} lần quét từ {device}.",
                en=f"{timeout:g} seconds passed with {seen} of {count} scans from {device}.",
            )
        try:
            data = read_available(port)
        except (serial.SerialException, OSError) as exc:
            raise KioskError(
                "scanner.disconnected",
                vi=f"Máy quét {device} bị ngắt: {exc}",
                en=f"The scanner {device} was disconnected: {exc}",
            ) from None
        for line in splitter.feed(data):
            print(json.dumps(_describe(line), ensure_ascii=False), flush=True)
            seen += 1
            if seen == count:
                break
    return 0


def _describe(line: bytes) -> dict[str, Any]:
    try:
        return scan_json(read_scan(line))
    except KioskError as err:  # empty or far too long: still one answer per line
        return {"kind": "unknown", "problems": [err.code]}
