"""Composition root: config -> database -> services -> printers -> windows."""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.config import Config

START = time.perf_counter()
READY_VI = "Ki-ốt đang chạy (màn hình đầu sau {first} s, sẵn sàng sau {s} s). Nhấn Ctrl+C để dừng."
READY_EN = "Kiosk running (first screen after {first} s, ready after {s} s). Press Ctrl+C to stop."


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Ki-ốt sự kiện BHXH / BHYT")
    parser.add_argument(
        "--kiosk", action="store_true", help="full-screen touch mode (attendees cannot leave)"
    )
    parser.add_argument(
        "--mode", choices=("staff", "selfservice"), help="override kiosk.mode from the config"
    )
    parser.add_argument(
        "--exit-after-show",
        action="store_true",
        help="print the start-up time once the window is shown, then quit",
    )
    parser.add_argument(
        "--screenshot", metavar="PNG", help="save the first window shown as an image, then quit"
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        default=os.environ.get("VERBOSE", "") not in ("", "0"),
        help="also show Qt's messages and the log on the console (or VERBOSE=1)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    early = _catch_early_signals()
    from kiosk import paths
    from kiosk.config import load_config, write_default_config
    from kiosk.errors import KioskError
    from kiosk.instance_lock import acquire_instance_lock
    from kiosk.logs import setup_logging

    setup_logging(paths.data_dir() / "logs")
    paths.keep_printer_library_cache()
    if args.verbose:
        _log_to_console()
    config_file = paths.config_path()
    write_default_config(config_file)  # first run: commented defaults, PDF printers
    try:
        config = load_config(config_file)
        # A second start on the same data folder (a double click too many) says so and ends,
        # rather than two kiosks sharing one database file and one printer folder.
        lock = acquire_instance_lock(paths.data_dir())
    except KioskError as err:
        _report_startup_error(err)
        return 2
    try:
        return _run(args, config, early)
    finally:
        lock.release()


def _run(args: argparse.Namespace, config: Config, early: list[int]) -> int:
    """The window and its event loop, until it ends."""
    if early:  # Ctrl+C while the configuration was read: stop before any window
        return 0
    from ui.app import SignalStop, quiet_qt_messages

    quiet_qt_messages(args.verbose)
    from ui.shell import KioskStart

    # The first screen shows now; the database opens behind it (ui/startup.py).
    start = KioskStart(config, mode=args.mode or config.kiosk.mode, kiosk_mode=args.kiosk)
    app, window = start.app, start.window
    stopper = SignalStop(app, app.exit)
    stopper.on_stop.append(_say_stopping)
    if early:  # came while the window was being built: the loop's first turn stops it
        stopper.requested = early[0]
    from PySide6.QtCore import QTimer

    first = {"s": ""}

    def _shown() -> None:
        seconds = first["s"] = _mark("first window shown")
        if args.exit_after_show or args.screenshot:
            print(f"startup_s={seconds}", flush=True)

    def _ready() -> None:
        seconds = _mark("everything loaded")
        if args.exit_after_show or args.screenshot:
            print(f"ready_s={seconds}", flush=True)
            if args.screenshot:  # after the first loads from the database have arrived
                QTimer.singleShot(1000, _shoot)
            else:
                app.exit(0)  # exit(), not quit(): the full-screen kiosk window refuses to close
        else:
            print(READY_VI.format(first=first["s"], s=seconds), flush=True)
            print(READY_EN.format(first=first["s"], s=seconds), flush=True)

    def _shoot() -> None:
        window.grab().save(args.screenshot)
        app.exit(0)

    QTimer.singleShot(0, _shown)
    start.ready.connect(_ready)
    try:
        code = int(app.exec())
    finally:
        stopper.uninstall()
        start.close()
    if start.error is not None:
        _report_startup_error(start.error)
        return 2
    if stopper.requested is not None:
        print("Đã dừng ki-ốt. / Kiosk stopped.", flush=True)
    return code


def _mark(what: str) -> str:
    """Seconds since launch ("0.412"), logged as `what` happening then."""
    import logging

    seconds = f"{time.perf_counter() - START:.3f}"
    logging.getLogger("kiosk.start").info("%s after %s s", what, seconds)
    return seconds


def _report_startup_error(err: BaseException) -> None:
    """The reason the kiosk cannot start, on the console in both languages and in a dialog."""
    from kiosk.errors import KioskError

    if isinstance(err, KioskError):
        print(err.message("vi"), file=sys.stderr)
        print(err.message("en"), file=sys.stderr)
        _show_startup_error(err)
    else:  # a bug: the log has the trace
        print(f"Lỗi khởi động / Start-up failed: {err!r}", file=sys.stderr)


def _catch_early_signals() -> list[int]:
    """Until the event loop's handler is in place, a Ctrl+C or SIGTERM is only remembered (no
    KeyboardInterrupt traceback in the middle of a migration); start-up then stops cleanly."""
    import signal

    caught: list[int] = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda n, _f: caught.append(n))
    return caught


def _say_stopping(signum: int) -> None:
    import logging

    logging.getLogger("kiosk.start").info("stopping on signal %d", signum)
    print("Đang dừng… / Stopping…", file=sys.stderr, flush=True)


def _log_to_console() -> None:
    """--verbose: the log's lines on stderr too."""
    import logging

    from kiosk.logs import MaskingFilter

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())  # identity and phone numbers masked here too
    logging.getLogger().addHandler(handler)


def _show_startup_error(err: Exception) -> None:
    """Show the configuration problem in a dialog too, when a screen is available."""
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return  # nobody could click the dialog away
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        from kiosk.errors import KioskError

        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(err, KioskError)
        QMessageBox.critical(None, "Ki-ốt BHXH", f"{err.message('vi')}\n\n{err.message('en')}")
        del app
    except Exception:  # no display: the console message above is enough
        pass


if __name__ == "__main__":
    sys.exit(main())
