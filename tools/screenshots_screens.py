"""Whole-screen shots of `main.py --mode selfservice --kiosk` on Xvfb screens of four sizes.

Run from the repository root: `.venv/bin/python tools/screenshots_screens.py` (needs Xvfb).
For each size it starts `Xvfb -screen 0 WxHx24` on a free display (no window manager, as in a kiosk
session), runs the kiosk against a throw-away data folder, grabs the X root window (the whole
screen, not only the kiosk window) into docs/images/selfservice-screen-<W>x<H>.png, and prints how much of
the screen is still bare X background (the kiosk used to leave up to 58 % of it black).
Every process is stopped with a timeout, whatever happens.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from the root
from tests.support.xvfb import start_xvfb, stop

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
SIZES = ((1920, 1080), (1080, 1920), (1366, 768), (1024, 600))
START_TIMEOUT_S = 120
STEP_TIMEOUT_S = 30


def run_kiosk(env: dict[str, str]) -> subprocess.Popen[str]:
    """main.py in kiosk mode; returns once it says the window is shown."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--mode", "selfservice", "--kiosk"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT_S
    for line in proc.stdout:  # the ready line is printed once the window is on screen
        if "Kiosk running" in line or time.monotonic() > deadline:
            break
    if proc.poll() is not None:
        raise RuntimeError("the kiosk stopped before showing its window")
    return proc


def grab(path: Path) -> float:
    """Save the X root window to `path`; the share of pixels that are bare black background."""
    from PySide6.QtGui import QColor, QGuiApplication  # noqa: TID251 (tools/ is an outer layer)

    app = QGuiApplication.instance() or QGuiApplication(["grab", "-platform", "xcb"])
    assert isinstance(app, QGuiApplication)
    screen = app.primaryScreen()
    image = screen.grabWindow(0).toImage()
    image.save(str(path))
    black = QColor(0, 0, 0)
    step = 8  # every 8th pixel both ways is plenty to see a black band
    total = hits = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            hits += image.pixelColor(x, y) == black
    return hits / max(total, 1)


def shoot(width: int, height: int) -> tuple[Path, float]:
    xvfb, display = start_xvfb(width, height)
    try:
        with tempfile.TemporaryDirectory(prefix="kiosk-screen-") as folder:
            env = {
                **os.environ,
                "DISPLAY": display,
                "QT_QPA_PLATFORM": "xcb",
                "KIOSK_DATA_DIR": str(Path(folder) / "data"),
                "KIOSK_CONFIG": str(Path(folder) / "config.toml"),
                "KIOSK_KEYS_DIR": str(Path(folder) / "keys"),
            }
            kiosk = run_kiosk(env)
            try:
                path = OUT / f"selfservice-screen-{width}x{height}.png"
                result = subprocess.run(
                    [sys.executable, __file__, "--grab", str(path)],
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=STEP_TIMEOUT_S,
                    check=True,
                )
                return path, float(result.stdout.strip().splitlines()[-1])
            finally:
                stop(kiosk)
    finally:
        stop(xvfb)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--grab"]:
        print(grab(Path(argv[1])))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        path, black = shoot(width, height)
        print(f"{path.relative_to(ROOT)}: {black:.1%} of the screen is bare background")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
