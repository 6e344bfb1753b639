"""Shared pieces of the wizard's screens: the Screen base class, icons, big buttons, the nav bar."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from resources import resource_path
from ui.i18n import current_language
from ui.selfservice.controller import WizardController
from ui.theme import PAPER, PRIMARY

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
    return button


def label(role: str = "", *, wrap: bool = True, name: str = "") -> QLabel:
    lab = QLabel()
    if role:
        lab.setProperty("role", role)
    if name:
        lab.setObjectName(name)
    lab.setWordWrap(wrap)
    return lab


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
        self.root = QVBoxLayout(self)
        self.root.setContentsMargins(40, 20, 40, 20)
        self.root.setSpacing(14)
        self.title = label("title", name="screenTitle")
        self.root.addWidget(self.title)
        self.message = label("error", name="screenError")
        self.message.hide()

    def add_nav(self, back: bool = True, next_name: str = "next") -> None:
        """The bottom row: a white Back button on the left, the blue main action on the right."""
        self.root.addWidget(self.message)
        row = QHBoxLayout()
        self.back_button = big_button("back", "back", role="secondary")
        self.back_button.clicked.connect(self.controller.back)
        self.back_button.setVisible(back)
        self.next_button = big_button(next_name, "next")
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # arrow after text
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        self.root.addLayout(row)

    def show_error(self, err: KioskError | None) -> None:
        self.message.setText(error_text(err))
        self.message.setVisible(err is not None)

    def retranslate(self) -> None:
        if hasattr(self, "back_button"):
            self.back_button.setText(translate("Screen", "Quay lại"))
            self.next_button.setText(translate("Screen", "Tiếp tục"))

    def refresh(self) -> None:
        self.show_error(self.controller.error)

    def clear(self) -> None:
        """Forget every input of the last attendee (called on reset)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
        super().changeEvent(event)
