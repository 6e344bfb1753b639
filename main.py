"""Composition root: config -> database -> services -> printers -> windows."""

from __future__ import annotations

import argparse
import sys
import time

START = time.perf_counter()


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
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from kiosk import paths
    from kiosk.config import load_config, write_default_config
    from kiosk.errors import KioskError
    from kiosk.logs import setup_logging

    setup_logging(paths.data_dir() / "logs")
    config_file = paths.config_path()
    write_default_config(config_file)  # first run: commented defaults, PDF printers
    try:
        config = load_config(config_file)
        from kiosk.bootstrap import open_database

        db = open_database(config)
    except KioskError as err:
        print(err.message("vi"), file=sys.stderr)
        print(err.message("en"), file=sys.stderr)
        _show_startup_error(err)
        return 2
    from ui.shell import build_window

    app, _window = build_window(
        config, db, mode=args.mode or config.kiosk.mode, kiosk_mode=args.kiosk
    )
    if args.exit_after_show or args.screenshot:
        from PySide6.QtCore import QTimer

        def _report() -> None:
            print(f"startup_s={time.perf_counter() - START:.3f}")
            if args.screenshot:  # after the first loads from the database have arrived
                QTimer.singleShot(1000, _shoot)
            else:
                app.quit()

        def _shoot() -> None:
            _window.grab().save(args.screenshot)
            app.quit()

        QTimer.singleShot(0, _report)
    return int(app.exec())


def _show_startup_error(err: Exception) -> None:
    """Show the configuration problem in a dialog too, when a screen is available."""
    import os

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
