"""Full-screen window an attendee cannot leave; staff leave by holding a corner 3 s and a PIN.

Inside Qt the escape keys are swallowed and a window state change is undone; under a window
manager the window raises itself again when minimised or when another window takes over. The
real lock-down is the kiosk session (scripts/kiosk-session: a Wayland kiosk compositor with
this window alone, no desktop to reach).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from ui.app import MainWindow
from ui.kiosk_fill import ScreenFiller
from ui.tasks import TaskRunner
from ui.theme import Theme
from ui.widgets.numpad import NumPad

if TYPE_CHECKING:
    from kiosk.store.db import Database

translate = QCoreApplication.translate

HOLD_MS = 3000
_NO_STACKING = frozenset({"offscreen", "minimal"})
CORNER_PX = 72

_K = Qt.Key
_BLOCKED_KEYS = frozenset({_K.Key_Escape, _K.Key_F11, _K.Key_Super_L, _K.Key_Super_R, _K.Key_Meta})
_BLOCKED_ALT = frozenset({_K.Key_F4, _K.Key_Tab, _K.Key_Backtab, _K.Key_Escape, _K.Key_Space})
_BLOCKED_CTRL = frozenset({_K.Key_W, _K.Key_Q, _K.Key_Escape, _K.Key_F4, _K.Key_Tab})
_STANDARD = (
    QKeySequence.StandardKey.Close,
    QKeySequence.StandardKey.Quit,
    QKeySequence.StandardKey.FullScreen,
    QKeySequence.StandardKey.Cancel,
)


def exit_pin_checker(db: Database, ctx: KioskContext) -> Callable[[str], bool]:
    """The exit PIN check through the login service (counted, locked, audited).

    Returns True for a staff PIN that may open the exit, raises the service's KioskError
    (auth.bad_pin with the tries left, auth.locked) otherwise. Slow (one KDF per account):
    KioskWindow calls it on a worker thread, never on the GUI thread.
    """

    def verify(pin: str) -> bool:
        from kiosk.services.staff_auth import verify_exit_pin  # loads after the first screen

        with db.unit_of_work() as session:
            verify_exit_pin(session, ctx, pin)  # raises unless the PIN may open the exit
        return True

    return verify


def is_escape_key(event: QKeyEvent) -> bool:
    """True for the keys that close, quit, leave full screen or switch away from a window."""
    key = event.key()
    mods = event.modifiers()
    if key in _BLOCKED_KEYS:
        return True
    if mods & Qt.KeyboardModifier.AltModifier and key in _BLOCKED_ALT:
        return True
    if mods & Qt.KeyboardModifier.ControlModifier and key in _BLOCKED_CTRL:
        return True
    return any(event.matches(seq) for seq in _STANDARD)


class _EscapeKeyFilter(QObject):
    """Swallows escape keys (and their shortcut overrides) anywhere in the application."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._window.unlocked:
            return False
        if event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.ShortcutOverride,
            QEvent.Type.KeyRelease,
        ):
            assert isinstance(event, QKeyEvent)
            if is_escape_key(event):
                event.accept()
                return True
        return False


class _Corner(QWidget):
    """An invisible square in the top-left corner: holding it opens the staff PIN panel."""

    held = Signal()

    def __init__(self, parent: QWidget, hold_ms: int) -> None:
        super().__init__(parent)
        self.setObjectName("staffCorner")
        self.setFixedSize(CORNER_PX, CORNER_PX)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.held)

    @property
    def holding(self) -> bool:
        return self._timer.isActive()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._timer.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._timer.stop()  # a short tap is not the gesture
        event.accept()


class PinPanel(QFrame):
    """Staff PIN entry over the whole window, with its own number pad."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        card = QFrame(self)
        card.setObjectName("overlayCard")
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(32, 24, 32, 24)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.pin = QLineEdit()
        self.pin.setObjectName("staffPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.pad = NumPad()
        self.pad.set_target(self.pin)
        buttons = QHBoxLayout()
        self.cancel = QPushButton()
        self.cancel.setObjectName("pinCancel")
        self.cancel.setProperty("role", "secondary")
        self.ok = QPushButton()
        self.ok.setObjectName("pinOk")
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.ok)
        for w in (self.title, self.pin, self.message, self.pad):
            layout.addWidget(w)
        layout.addLayout(buttons)
        self.ok.clicked.connect(self._submit)
        self.pin.returnPressed.connect(self._submit)
        self.cancel.clicked.connect(self.cancelled)
        self.retranslate()
        self.hide()

    def _submit(self) -> None:
        if self.ok.isEnabled():
            self.submitted.emit(self.pin.text())

    def open(self) -> None:
        self.set_checking(False)
        self.pin.clear()
        self.message.clear()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.pin.setFocus()

    def reject_pin(self, text: str | None = None) -> None:
        """Clear the PIN and say why it did not open (the service's sentence when it has one)."""
        self.pin.clear()
        self.message.setText(text or translate("PinPanel", "Mã PIN không đúng."))
        self.set_checking(False)

    def set_checking(self, checking: bool) -> None:
        """While the PIN is checked off the GUI thread, no second submit."""
        self.ok.setEnabled(not checking)
        self.pin.setReadOnly(checking)
        if checking:
            self.message.setText(translate("PinPanel", "Đang kiểm tra…"))

    def retranslate(self) -> None:
        self.title.setText(translate("PinPanel", "Nhân viên: nhập mã PIN để thoát"))
        self.cancel.setText(translate("PinPanel", "Hủy"))
        self.ok.setText(translate("PinPanel", "Xác nhận"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class KioskWindow(MainWindow):
    """The application's main window locked to full screen for attendees.

    Frameless, always on top, no window controls; close requests and the usual escape keys are
    ignored until a staff member holds the top-left corner for `hold_ms` and types a PIN that
    `verify_pin` accepts (run on a worker thread: it may be a slow KDF; it may raise a
    KioskError whose Vietnamese sentence is shown, e.g. the lockout). Minimised or covered by
    another window, it comes back on top. Alt+Tab and Ctrl+Alt+Del belong to the OS: run the
    kiosk session of scripts/kiosk-session, where there is nothing else to switch to.
    """

    exitGranted = Signal()

    def __init__(
        self,
        title: str,
        content: QWidget,
        verify_pin: Callable[[str], bool],
        *,
        hold_ms: int = HOLD_MS,
    ) -> None:
        super().__init__(
            title,
            content,
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self._verify_pin = verify_pin
        self._tasks = TaskRunner(self, max_threads=1)
        self.unlocked = False
        self.raised_count = 0  # how often the window had to take the screen back
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        layout = self.layout()
        if layout is not None:  # full screen: no minimum size for the platform to enforce
            layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.staff_corner = _Corner(self, hold_ms)
        self.staff_corner.held.connect(self.ask_pin)
        self.pin_panel = PinPanel(self)
        Theme().apply(self.pin_panel)  # big keys and text, whatever the hosted content uses
        self.pin_panel.submitted.connect(self.try_pin)
        self.pin_panel.cancelled.connect(self.pin_panel.hide)
        self._keys = _EscapeKeyFilter(self)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_app_state)

    def start(self) -> None:
        """Show full screen (what `main.py --kiosk` calls instead of show())."""
        self.screen_filler = ScreenFiller(self)  # the geometry (ui/kiosk_fill.py, issue 22)
        self.showFullScreen()
        self.screen_filler.fit()
        self.staff_corner.raise_()

    def ask_pin(self) -> None:
        self.pin_panel.open()

    @property
    def checking(self) -> bool:
        """A PIN is being checked on the worker thread (tests wait on this)."""
        return self._tasks.pending > 0

    def try_pin(self, pin: str) -> None:
        """Check `pin` off the GUI thread; unlock and close when it opens the exit."""
        if self.checking:
            return
        self.pin_panel.set_checking(True)
        self._tasks.run(lambda: self._verify_pin(pin), self._pin_checked, self._pin_failed)

    def _pin_checked(self, ok: object) -> None:
        if not ok:
            self.pin_panel.reject_pin()
            return
        self.unlocked = True
        self.pin_panel.hide()
        self.exitGranted.emit()
        self.close()

    def _pin_failed(self, error: BaseException) -> None:
        # A bug in the check must not open the exit either: it only says the PIN did not work.
        self.pin_panel.reject_pin(error.vi if isinstance(error, KioskError) else None)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.unlocked:
            event.accept()
        else:
            event.ignore()

    def showEvent(self, event: QShowEvent) -> None:
        app = QCoreApplication.instance()
        assert app is not None
        app.installEventFilter(self._keys)  # swallow escape keys only while on screen
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self._keys)
        super().hideEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.unlocked and is_escape_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # Something (a window manager's Alt+Space menu, a shortcut) minimised the window or took
        # it out of full screen: go straight back.
        if (
            event.type() in (QEvent.Type.WindowStateChange, QEvent.Type.ActivationChange)
            and not self.unlocked
            and self._displaced()
        ):
            QTimer.singleShot(0, self._restore)
        super().changeEvent(event)

    def _displaced(self) -> bool:
        minimised = bool(self.windowState() & Qt.WindowState.WindowMinimized)
        return minimised or (self.isVisible() and not self.isFullScreen())

    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        # Another window came on top (a window manager switched away): take the screen back.
        if state != Qt.ApplicationState.ApplicationActive and not self.unlocked:
            QTimer.singleShot(0, self._take_screen)

    def _restore(self) -> None:
        if not self.unlocked and self._displaced():
            self.setWindowState(
                (self.windowState() & ~Qt.WindowState.WindowMinimized)
                | Qt.WindowState.WindowFullScreen
            )
            self.showFullScreen()
            self._take_screen()

    def _take_screen(self) -> None:
        if self.unlocked or not self.isVisible():
            return
        self.raised_count += 1
        # Headless platforms (CI's offscreen) have no stacking order: asking warns, so don't.
        if QGuiApplication.platformName() not in _NO_STACKING:
            self.raise_()
            self.activateWindow()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.staff_corner.move(0, 0)
        self.staff_corner.raise_()
        if self.pin_panel.isVisible():
            self.pin_panel.setGeometry(self.rect())
