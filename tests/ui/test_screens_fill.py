"""The kiosk window fills its screen, whatever the screen: five fake screens in one offscreen
child process (1920×1080, portrait 1080×1920, 1366×768, 1024×600, 4K 3840×2160), each with
its window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.xvfb import start_xvfb, stop

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ((1920, 1080), (1080, 1920), (1366, 768), (1024, 600), (3840, 2160))
CHILD_TIMEOUT_S = 120  # generous: two busy cores in CI


def run_child(tmp_path: Path) -> list[dict[str, Any]]:
    """The child's report for screens laid side by side, as a multi-monitor X display is."""
    screens, x = [], 0
    for index, (width, height) in enumerate(SCREENS):
        screens.append(
            {
                "name": f"screen{index}",
                "x": x,
                "y": 0,
                "width": width,
                "height": height,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
        )
        x += width
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.screens_child"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=True,
    )
    report: list[dict[str, Any]] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def inside(rect: list[int], screen: list[int]) -> bool:
    x, y, w, h = rect
    sx, sy, sw, sh = screen
    return sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh


def test_kiosk_window_geometry_equals_the_screens(tmp_path: Path) -> None:
    """On each screen the kiosk window's geometry is the screen's (no black band, nothing off
    the edge); the wizard reflows for the portrait one; the start button and the language and
    text-size toggles are on the screen; text grows with the screen (1024×600 smallest)."""
    report = run_child(tmp_path)
    assert [r["screen"][2:] for r in report] == [list(s) for s in SCREENS]
    for entry in report:
        assert entry["window"] == entry["screen"]
        assert entry["wizard"] == entry["screen"][2:]
        assert entry["portrait"] == (entry["screen"][3] > entry["screen"][2])
        for name in ("start", "switchLanguage", "largerText", "lang_vi", "lang_en"):
            assert inside(entry["buttons"][name], entry["screen"]), (entry["screen"], name)
    fonts = {tuple(e["screen"][2:]): e["font_px"] for e in report}
    assert fonts[(1024, 600)] == 18 and fonts[(1366, 768)] == 21
    assert fonts[(1920, 1080)] == fonts[(1080, 1920)] == 30
    assert fonts[(3840, 2160)] == 44  # 4K at 100 %: larger still, at the scale cap (ui/theme.py)


def test_fills_an_x_screen_without_a_window_manager(tmp_path: Path) -> None:
    """Under Xvfb with no window manager, where showFullScreen() alone left the window at
    1280×800, the kiosk window covers a 1024×600 screen exactly."""
    xvfb, display = start_xvfb(1024, 600)
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
        result = subprocess.run(
            [sys.executable, "-m", "tests.ui.screens_child"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
            check=False,
        )
    finally:
        stop(xvfb)
    assert result.returncode == 0, result.stderr[-3000:]
    (entry,) = json.loads(result.stdout.strip().splitlines()[-1])
    assert entry["screen"] == entry["window"] == [0, 0, 1024, 600]
    assert inside(entry["buttons"]["start"], entry["screen"])
