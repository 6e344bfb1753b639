"""High-contrast kiosk theme: Noto Sans, text scaled to the window, touch targets of 10 mm."""

from __future__ import annotations

import math

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from resources import resource_path

MIN_TARGET_PX = 48  # Android/WCAG floor: also used when the screen reports a silly DPI
TARGET_MM = 10.0
MM_PER_INCH = 25.4
FALLBACK_DPI = 96.0
# A physical DPI outside this range is a driver's guess (Xvfb, EDID-less panels, projectors
# report 1 or 10 000): then the logical DPI, then 96, are used instead.
SANE_DPI = (60.0, 700.0)
BASE_POINT_PX = 22  # body text of the self-service screens on a 1280×800 window
LARGE_FACTOR = 1.35  # the "larger text" toggle
REFERENCE_SHORT_SIDE = 800  # the window the base sizes were drawn for (1280×800)
SCALE_RANGE = (0.8, 2.0)  # 1024×600 tablets … 4K without desktop scaling

# Colours chosen for contrast above 7:1 (WCAG AAA) on the white background.
INK = "#111111"
PAPER = "#ffffff"
PRIMARY = "#0b3d91"  # buttons: white on this is 10:1
PRIMARY_DARK = "#072a66"
ERROR = "#a00000"
SELECTED = "#ffd400"  # a thick yellow frame around the chosen option
MUTED = "#333333"

_family: str | None = None


def load_fonts() -> str:
    """Register the shipped Noto Sans (Vietnamese coverage) and return its family name."""
    global _family
    if _family is None:
        family = "Noto Sans"
        for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if families:
                family = families[0]
        _family = family
    return _family


def _sane(dpi: object) -> float | None:
    """`dpi` as a float when it is a believable screen density, else None."""
    try:
        value = float(dpi)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) and SANE_DPI[0] <= value <= SANE_DPI[1] else None


def screen_dpi(screen: QScreen | None = None) -> float:
    """Logical pixels per physical inch of `screen` (the primary one by default).

    QScreen.physicalDotsPerInch divides the (device-independent) geometry by the size the
    monitor reports, so with desktop scaling on a 4K panel it is already in the pixels widgets
    use. Nonsense (0, NaN, 1, 10 000 from a missing EDID) falls back to the logical DPI, then 96.
    """
    screen = screen or QGuiApplication.primaryScreen()
    if screen is None:
        return FALLBACK_DPI
    for dpi in (screen.physicalDotsPerInch(), screen.logicalDotsPerInch()):
        value = _sane(dpi)
        if value is not None:
            return value
    return FALLBACK_DPI


def mm_to_px(mm: float, screen: QScreen | None = None) -> int:
    return round(mm * screen_dpi(screen) / MM_PER_INCH)


def touch_target_px(screen: QScreen | None = None) -> int:
    """Pixels for a 10 mm touch target on `screen` (the primary one by default), never under 48."""
    return max(MIN_TARGET_PX, mm_to_px(TARGET_MM, screen))


def scale_for(width: int, height: int) -> float:
    """How much bigger than on 1280×800 text and spacing are in a `width`×`height` window
    (by its short side, so portrait and landscape of one screen look alike), in 5 % steps."""
    short = min(width, height)
    if short <= 0:
        return 1.0
    raw = min(max(short / REFERENCE_SHORT_SIDE, SCALE_RANGE[0]), SCALE_RANGE[1])
    return round(raw * 20) / 20


class Theme:
    """The current look: larger text on or off; `apply()` restyles the whole application."""

    def __init__(
        self, large_text: bool = False, scale: float = 1.0, screen: QScreen | None = None
    ) -> None:
        self.large_text = large_text
        self.scale = scale  # scale_for(window size): set by the wizard when it is resized
        self.screen = screen  # where the window is (touch targets in mm); None: primary

    @property
    def font_px(self) -> int:
        return round(BASE_POINT_PX * self.scale * (LARGE_FACTOR if self.large_text else 1.0))

    def px(self, factor: float) -> int:
        """A font size `factor` times the body size (titles, totals)."""
        return round(self.font_px * factor)

    def dim(self, px: float) -> int:
        """A layout size drawn for 1280×800 (margins, pictures), at this window's scale."""
        return round(px * self.scale)

    def touch_px(self) -> int:
        """The 10 mm touch target on this theme's screen."""
        return touch_target_px(self.screen)

    def target_px(self) -> int:
        return max(self.touch_px(), round(self.font_px * 2.6))

    def palette(self) -> QPalette:
        pal = QPalette()
        for role, colour in (
            (QPalette.ColorRole.Window, PAPER),
            (QPalette.ColorRole.WindowText, INK),
            (QPalette.ColorRole.Base, PAPER),
            (QPalette.ColorRole.Text, INK),
            (QPalette.ColorRole.Button, PRIMARY),
            (QPalette.ColorRole.ButtonText, PAPER),
            (QPalette.ColorRole.Highlight, PRIMARY),
            (QPalette.ColorRole.HighlightedText, PAPER),
            (QPalette.ColorRole.PlaceholderText, MUTED),
        ):
            pal.setColor(role, QColor(colour))
        return pal

    def stylesheet(self) -> str:
        t = self.target_px()
        f = self.font_px
        return f"""
QWidget {{ font-size: {f}px; color: {INK}; }}
QWidget#wizardRoot, QStackedWidget, QWidget[screen="true"] {{ background: {PAPER}; }}
QLabel[role="title"] {{ font-size: {self.px(1.6)}px; font-weight: bold; color: {PRIMARY_DARK}; }}
QLabel[role="subtitle"] {{ font-size: {self.px(1.1)}px; color: {MUTED}; }}
QLabel[role="error"] {{ font-size: {self.px(0.9)}px; color: {ERROR}; font-weight: bold; }}
QLabel[role="big"] {{ font-size: {self.px(2.4)}px; font-weight: bold; color: {PRIMARY_DARK}; }}
QLabel[role="amount"] {{ font-size: {self.px(1.1)}px; font-weight: bold; }}
QPushButton {{ min-height: {t}px; padding: 4px 18px; border-radius: 10px;
    background: {PRIMARY}; color: {PAPER}; border: 3px solid {PRIMARY_DARK}; font-weight: bold; }}
QPushButton:pressed {{ background: {PRIMARY_DARK}; }}
QPushButton:disabled {{ background: #8a8a8a; border-color: #6a6a6a; color: #f0f0f0; }}
QPushButton:focus {{ border: 4px solid {SELECTED}; }}
QPushButton[role="secondary"] {{ background: {PAPER}; color: {PRIMARY_DARK}; border: 3px solid {PRIMARY}; }}
QPushButton[role="choice"] {{ background: {PAPER}; color: {INK}; border: 5px solid {PRIMARY};
    text-align: left; padding: 8px 24px 8px 18px; }}
QPushButton[tall="true"] {{ min-height: {round(t * 1.5)}px; }}
QPushButton[role="choice"]:checked {{ background: #fff6c2; border: 5px solid {INK}; }}
QPushButton[role="key"] {{ background: #f2f2f2; color: {INK}; border: 2px solid #555555;
    padding: 0px; font-size: {self.px(1.1)}px; min-height: {max(self.touch_px(), round(t * 0.85))}px; }}
QPushButton[role="key"]:pressed {{ background: {SELECTED}; }}
QPushButton[role="toggle"] {{ background: #f2f2f2; color: {INK}; border: 2px solid #555555; }}
QPushButton[role="toggle"]:checked {{ background: {SELECTED}; color: {INK}; border-color: {INK}; }}
QLineEdit {{ min-height: {t}px; border: 3px solid {PRIMARY}; border-radius: 8px; padding: 0 10px;
    background: {PAPER}; font-size: {self.px(1.1)}px; }}
QLineEdit[invalid="true"] {{ border: 4px solid {ERROR}; }}
QSlider::groove:horizontal {{ height: 14px; background: #cccccc; border-radius: 7px; }}
QSlider::handle:horizontal {{ width: {t}px; margin: -{t // 2 - 7}px 0; background: {PRIMARY};
    border: 3px solid {PRIMARY_DARK}; border-radius: {t // 2}px; }}
QFrame#overlay {{ background: {PRIMARY_DARK}; }}  /* opaque: nothing personal shows through */
QFrame#idleOverlay {{ background: {PRIMARY_DARK}; }}
QFrame#overlayCard {{ background: {PAPER}; border: 4px solid {PRIMARY}; border-radius: 16px; }}
QFrame#topBar {{ background: {PRIMARY_DARK}; }}
QFrame#topBar QLabel {{ color: {PAPER}; font-weight: bold; }}
QLabel#busy {{ background: {SELECTED}; color: {INK}; font-weight: bold; padding: 8px; }}
"""

    def apply(self, target: QWidget | None = None) -> None:
        """Install fonts, palette and stylesheet on `target` (the whole application by default).

        The wizard styles only itself, so a staff window in the same process keeps its look.
        """
        family = load_fonts()
        font = QFont(family)
        font.setPixelSize(self.font_px)
        holder: QApplication | QWidget = target if target is not None else _app()
        holder.setFont(font)
        holder.setPalette(self.palette())
        holder.setStyleSheet(self.stylesheet())


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    return app
