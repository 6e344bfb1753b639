"""High-contrast kiosk theme: Noto Sans with Vietnamese, big fonts, touch targets of at least 10 mm."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from resources import resource_path

MIN_TARGET_PX = 48  # Android/WCAG floor: also used when the screen reports a silly DPI
TARGET_MM = 10.0
MM_PER_INCH = 25.4
BASE_POINT_PX = 22  # body text of the self-service screens
LARGE_FACTOR = 1.35  # the "larger text" toggle

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


def touch_target_px(screen: QScreen | None = None) -> int:
    """Pixels for a 10 mm touch target on `screen` (the primary one by default), never under 48."""
    screen = screen or QGuiApplication.primaryScreen()
    dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    if not dpi or dpi != dpi or dpi <= 0:  # NaN or zero from odd drivers
        dpi = 96.0
    return max(MIN_TARGET_PX, round(TARGET_MM * dpi / MM_PER_INCH))


class Theme:
    """The current look: larger text on or off; `apply()` restyles the whole application."""

    def __init__(self, large_text: bool = False) -> None:
        self.large_text = large_text

    @property
    def font_px(self) -> int:
        return round(BASE_POINT_PX * (LARGE_FACTOR if self.large_text else 1.0))

    def px(self, factor: float) -> int:
        """A font size `factor` times the body size (titles, totals)."""
        return round(self.font_px * factor)

    def target_px(self) -> int:
        return max(touch_target_px(), round(self.font_px * 2.6))

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
QPushButton[tall="true"] {{ min-height: {round(t * 1.9)}px; }}
QPushButton[role="choice"]:checked {{ background: #fff6c2; border: 5px solid {INK}; }}
QPushButton[role="key"] {{ background: #f2f2f2; color: {INK}; border: 2px solid #555555;
    padding: 0px; font-size: {self.px(1.1)}px; }}
QPushButton[role="key"]:pressed {{ background: {SELECTED}; }}
QPushButton[role="toggle"] {{ background: #f2f2f2; color: {INK}; border: 2px solid #555555; }}
QPushButton[role="toggle"]:checked {{ background: {SELECTED}; color: {INK}; border-color: {INK}; }}
QLineEdit {{ min-height: {t}px; border: 3px solid {PRIMARY}; border-radius: 8px; padding: 0 10px;
    background: {PAPER}; font-size: {self.px(1.1)}px; }}
QLineEdit[invalid="true"] {{ border: 4px solid {ERROR}; }}
QSlider::groove:horizontal {{ height: 14px; background: #cccccc; border-radius: 7px; }}
QSlider::handle:horizontal {{ width: {t}px; margin: -{t // 2 - 7}px 0; background: {PRIMARY};
    border: 3px solid {PRIMARY_DARK}; border-radius: {t // 2}px; }}
QFrame#overlay {{ background: rgba(0, 0, 0, 225); }}
QFrame#overlayCard {{ background: {PAPER}; border: 4px solid {PRIMARY}; border-radius: 16px; }}
QFrame#topBar {{ background: {PRIMARY_DARK}; }}
QFrame#topBar QLabel {{ color: {PAPER}; font-weight: bold; }}
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
