"""Shared pieces of the wizard's screens: the Screen base class, icons, big buttons, the nav bar."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from resources import resource_path
from ui.i18n import current_language
from ui.scanning.feedback import flash
from ui.selfservice.controller import WizardController
from ui.theme import PAPER, PRIMARY, Theme

translate = QCoreApplication.translate
ICON_PX = 56


@cache
def icon(name: str, colour: str = PRIMARY, size: int = 128) -> QIcon:
    """A shipped SVG icon drawn in `colour` (white on the blue buttons, blue on white ones)."""
    svg = resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(svg.replace("#0b3d91", colour).encode("utf-8")))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return QIcon(pixmap)


def big_button(name: str, icon_name: str | None = None, *, role: str = "") -> QPushButton:
    """A touch button with an optional icon; `role` "choice"/"secondary" picks the white style."""
    button = QPushButton()
    button.setObjectName(name)
    if role:
        button.setProperty("role", role)
    if icon_name:
        white = role not in ("choice", "secondary", "toggle", "key")
        button.setIcon(icon(icon_name, PAPER if white else PRIMARY))
        button.setIconSize(QSize(ICON_PX, ICON_PX))
    if role == "choice":
        button.setCheckable(True)
    # A touchscreen has no keyboard focus to show: a focus frame on the first button would
    # look like a selection, and taps must leave the text field focused for the screen keys.
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    # buttons made after the wizard switched context menus off (per member) stay without one
    button.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return button


def label(role: str = "", *, wrap: bool = True, name: str = "") -> QLabel:
    lab = QLabel()
    if role:
        lab.setProperty("role", role)
    if name:
        lab.setObjectName(name)
    lab.setWordWrap(wrap)
    return lab


def picture(name: str, px: int) -> QLabel:
    """A centred icon; its size follows the window (Screen.adapt calls set_picture)."""
    lab = QLabel()
    lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
    lab.setProperty("icon", name)
    lab.setProperty("icon_px", px)
    set_picture(lab, px)
    return lab


def set_picture(lab: QLabel, px: int) -> None:
    lab.setPixmap(icon(str(lab.property("icon"))).pixmap(QSize(px, px)))


def flip(layout: QBoxLayout, portrait: bool) -> None:
    """Side by side on a landscape screen, one above the other on a portrait totem."""
    layout.setDirection(
        QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
    )


def error_text(err: KioskError | None) -> str:
    """The message of `err` in the screen's current language ("" for none)."""
    return err.message(current_language()) if err is not None else ""


class Screen(QWidget):
    """One wizard step: `retranslate()` sets every string, `refresh()` shows the controller's state.

    Both run again on QEvent.LanguageChange, so switching language redraws messages that come
    from KioskError.message(lang) as well as the static texts.
    """

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setProperty("screen", True)
        # title on top, the screen's own content (`root`) in a scroll area that only scrolls
        # when a small screen or large text needs it (nothing is ever cut off), nav below.
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(40, 20, 40, 20)
        self.outer.setSpacing(14)
        self.title = label("title", name="screenTitle")
        self.outer.addWidget(self.title)
        self.content = QWidget()
        self.content.setProperty("screen", True)
        self.root = QVBoxLayout(self.content)
        self.root.setContentsMargins(0, 0, 0, 0)
        self.root.setSpacing(14)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("screenScroll")
        self.scroll_area.setWidget(self.content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # a tap on a screen key must leave the focus (and cursor) in the text field
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.outer.addWidget(self.scroll_area, 1)
        self.message = label("error", name="screenError")
        self.message.hide()
        controller.on_scan(self._scan_feedback)

    def add_nav(self, back: bool = True, next_name: str = "next") -> None:
        """The bottom row: a white Back button on the left, the blue main action on the right."""
        self.outer.addWidget(self.message)
        row = QHBoxLayout()
        self.back_button = big_button("back", "back", role="secondary")
        self.back_button.clicked.connect(self.controller.back)
        self.back_button.setVisible(back)
        self.next_button = big_button(next_name, "next")
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # arrow after text
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        self.outer.addLayout(row)

    def show_error(self, err: KioskError | None) -> None:
        self.message.setText(error_text(err))
        self.message.setVisible(err is not None)

    def retranslate(self) -> None:
        if hasattr(self, "back_button"):
            self.back_button.setText(translate("Screen", "Quay lại"))
            self.next_button.setText(translate("Screen", "Tiếp tục"))

    def refresh(self) -> None:
        self.show_error(self.controller.error)

    def adapt(self, theme: Theme, portrait: bool) -> None:
        """Sizes for the window (theme.dim scales 1280×800 pixels) and its orientation; screens
        with side-by-side parts flip them in portrait."""
        side, top = theme.dim(40 if not portrait else 24), theme.dim(16)
        self.outer.setContentsMargins(side, top, side, top)
        self.outer.setSpacing(theme.dim(10))
        self.root.setSpacing(theme.dim(14))
        for lab in self.findChildren(QLabel):
            if lab.property("icon"):
                set_picture(lab, theme.dim(int(lab.property("icon_px") or 140)))

    def clear(self) -> None:
        """Forget every input of the last attendee (called on reset)."""

    def _scan_feedback(self, result: str) -> None:
        """Scan hook: the screen on show flashes green, amber (check a field) or red (+ beep)."""
        if self.isVisible():
            flash(self, result)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
        super().changeEvent(event)
