"""The self-service wizard: top bar (larger text, language), one screen per step, idle wipe, scanner."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from ui.i18n import LanguageManager
from ui.scanning.service import ScanHook
from ui.selfservice.base import Screen, big_button, icon
from ui.selfservice.controller import Step, WizardController
from ui.selfservice.cover import CoverScreen
from ui.selfservice.details import DetailsScreen
from ui.selfservice.ethnicity import EthnicityScreen
from ui.selfservice.household import HouseholdScreen
from ui.selfservice.model import SelfServiceBackend
from ui.selfservice.payment import THANKS_MS, PaymentScreen, ThanksScreen, VietQrScreen
from ui.selfservice.period import PeriodScreen
from ui.selfservice.review import ReviewScreen
from ui.selfservice.schemes import SchemeScreen
from ui.selfservice.support import SupportScreen
from ui.selfservice.welcome import IdentifyScreen, WelcomeScreen
from ui.tasks import TaskRunner
from ui.theme import PAPER, Theme, scale_for
from ui.widgets.idle import IdleOverlay, IdleWatcher
from ui.widgets.lazy_pages import LazyPages
from ui.widgets.scanner import ScannerFilter

translate = QCoreApplication.translate


class SelfServiceWizard(QWidget):
    """The attendee-facing content widget (put it in MainWindow or KioskWindow).

    `idle_timeout_ms` comes from config `kiosk.idle_timeout_s` × 1000; the last `idle_warning_ms`
    show the "Bạn còn đó không?" countdown. On timeout every screen and the draft are wiped.
    """

    def __init__(
        self,
        backend: SelfServiceBackend,
        *,
        idle_timeout_ms: int = 90_000,
        idle_warning_ms: int = 15_000,
        idle_tick_ms: int = 1000,
        thanks_ms: int = THANKS_MS,
        languages: LanguageManager | None = None,
        scanner: ScannerFilter | None = None,
        start_language: str = "vi",
        offered: tuple[str, ...] = ("vi", "en"),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wizardRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Register, VietQR and the ticket write to the database: on a worker thread, one at a
        # time, like the staff pages (the GUI never waits on SQLite's write lock).
        self.tasks = TaskRunner(self, max_threads=1)
        self.controller = WizardController(backend, self.tasks)
        self.languages = languages or LanguageManager(self)
        # [languages] of the configuration: the language each attendee starts in, and whether
        # the other one is offered at all (one language: no language buttons anywhere).
        self.start_language = start_language
        self.bilingual = len(set(offered)) > 1
        self.theme = Theme()
        self.theme.apply(self)
        self.portrait = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # A full-screen window needs no minimum size; asking the platform for one only makes
        # the offscreen plugin (tests, screenshots) warn that it cannot.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self._top_bar())
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.busy = QLabel()
        self.busy.setObjectName("busy")
        self.busy.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy.hide()
        layout.addWidget(self.busy)
        c = self.controller
        # Screens are built the first time they are shown: the welcome screen is on the
        # display at once (start-up), the others cost nothing until an attendee gets there.
        factories: dict[Step, Callable[[], Screen]] = {
            Step.WELCOME: lambda: WelcomeScreen(c, self.languages, bilingual=self.bilingual),
            Step.IDENTIFY: lambda: IdentifyScreen(c),
            Step.DETAILS: lambda: DetailsScreen(c),
            Step.HOUSEHOLD: lambda: HouseholdScreen(c),
            Step.SCHEME: lambda: SchemeScreen(c),
            Step.COVER: lambda: CoverScreen(c),
            Step.SUPPORT: lambda: SupportScreen(c),
            Step.PERIOD: lambda: PeriodScreen(c),
            Step.ETHNICITY: lambda: EthnicityScreen(c),
            Step.REVIEW: lambda: ReviewScreen(c),
            Step.PAYMENT: lambda: PaymentScreen(c),
            Step.VIETQR: lambda: VietQrScreen(c),
            Step.THANKS: lambda: self._thanks(c, thanks_ms),
        }
        self.screens: LazyPages[Step, Screen] = LazyPages(factories, self._place)
        self.idle = IdleWatcher(idle_timeout_ms, idle_warning_ms, idle_tick_ms, self)
        self.overlay = IdleOverlay(self)
        self.idle.warning.connect(self.overlay.show_countdown)
        self.idle.resumed.connect(self.overlay.hide)
        self.idle.timedOut.connect(self.wipe)
        self.overlay.continueClicked.connect(self.idle.poke)
        self.scanner = scanner or ScannerFilter(self)
        self.scanner.scanned.connect(self.controller.scan)
        # Serial scanners (ui.scanning): the keyboard ones come through self.scanner above.
        self.scan_hook = ScanHook(self, self.controller.apply_scan, keyboard=False)
        no_context_menus(self)
        self._shown = Step.WELCOME
        c.subscribe(self._sync)
        self.retranslate()
        self._sync()
        if self.languages.language != start_language:  # now that every label exists
            self.languages.set_language(start_language)

    def _top_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("topBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(bar)
        row.setContentsMargins(84, 6, 16, 6)  # the left corner is the staff exit gesture
        self.logo = logo = QLabel()
        logo.setPixmap(icon("pension", PAPER).pixmap(QSize(40, 40)))
        self.brand = QLabel()
        self.brand.setObjectName("brand")
        self.brand.setWordWrap(True)  # two lines on a narrow totem rather than cut off
        self.larger_text = big_button("largerText", "textsize", role="toggle")
        self.larger_text.setCheckable(True)
        self.larger_text.toggled.connect(self.set_large_text)
        self.language_button = big_button("switchLanguage", "language")
        self.language_button.clicked.connect(self.languages.toggle)
        self.language_button.setVisible(self.bilingual)
        row.addWidget(logo)
        row.addWidget(self.brand, 1)
        row.addWidget(self.larger_text)
        row.addWidget(self.language_button)
        return bar

    def _thanks(self, controller: WizardController, thanks_ms: int) -> ThanksScreen:
        thanks = ThanksScreen(controller, return_ms=thanks_ms)
        thanks.done.connect(self.wipe)
        return thanks

    def _place(self, _step: Step, screen: Screen) -> None:
        """A screen just built joins the stack with the wizard's present look."""
        no_context_menus(screen)
        self.stack.addWidget(screen)
        # Sizes after the style sheet: polishing sets its min-heights, which would undo the
        # screen's own larger ones (the "−"/"+" of the income were 48 px instead of 57).
        screen.ensurePolished()
        screen.adapt(self.theme, self.portrait)

    # -- state to screen ------------------------------------------------------------------------
    def current_screen(self) -> Screen:
        return self.screens[self.controller.step]

    def _sync(self) -> None:
        step = self.controller.step
        if step == Step.WELCOME and self._shown != Step.WELCOME:
            self._clear_screens()
        self._shown = step
        screen = self.screens[step]
        screen.refresh()
        self.stack.setCurrentWidget(screen)
        busy = self.controller.busy
        self.stack.setEnabled(not busy)  # no second tap while a write runs
        self.busy.setText(self._busy_text())
        self.busy.setVisible(busy)
        if step == Step.WELCOME:
            self.idle.stop()
            self.overlay.hide()
        elif not self.idle.active:
            self.idle.start()

    def _clear_screens(self) -> None:
        """Empty every screen, visible or not, so nothing of the last attendee is kept."""
        for screen in self.screens.built():
            screen.clear()
            screen.refresh()

    def wipe(self) -> None:
        """Forget the attendee: every field, the draft, the language and text size choices."""
        self.overlay.hide()
        self.scanner.flush()
        self.controller.reset()
        self._clear_screens()
        self.larger_text.setChecked(False)
        self.languages.set_language(self.start_language)

    # -- look and language -----------------------------------------------------------------------
    def set_large_text(self, on: bool) -> None:
        self.theme.large_text = on
        self._restyle()

    def _restyle(self) -> None:
        """Apply the theme and give every screen its sizes and orientation."""
        self.theme.apply(self)
        bar = self.theme.dim(40)
        self.logo.setPixmap(icon("pension", PAPER).pixmap(QSize(bar, bar)))
        side = self.theme.px(1.4)  # the icons sit beside one line of text inside the button
        for button in (self.larger_text, self.language_button):
            button.setIconSize(QSize(side, side))
        for screen in self.screens.built():
            screen.adapt(self.theme, self.portrait)

    def _fit(self) -> None:
        """Sizes from the window: text scale by its short side, layouts by its orientation."""
        scale = scale_for(self.width(), self.height())
        portrait = self.height() > self.width()
        screen = self.screen()
        if (scale, portrait, screen) != (self.theme.scale, self.portrait, self.theme.screen):
            self.theme.scale, self.portrait, self.theme.screen = scale, portrait, screen
            self._restyle()

    def retranslate(self) -> None:
        self.brand.setText(translate("SelfServiceWizard", "Bảo hiểm xã hội Việt Nam"))
        self.busy.setText(self._busy_text())
        self.larger_text.setText(translate("SelfServiceWizard", "Chữ to"))
        # the button names the language it switches to, in that language
        self.language_button.setText("English" if self.languages.language == "vi" else "Tiếng Việt")

    def _busy_text(self) -> str:
        if self.controller.saving:
            return translate("SelfServiceWizard", "Đang lưu, xin chờ một chút…")
        return translate("SelfServiceWizard", "Đang tính số tiền, xin chờ một chút…")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        # Application-wide filters only while the wizard is on screen: a hidden or closed
        # wizard must not hold back the keys of another window (or of the next test).
        self.scanner.install()
        if self.controller.step != Step.WELCOME:
            self.idle.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.scanner.uninstall()
        self.idle.stop()
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
        if self.overlay.isVisible():
            self.overlay.setGeometry(self.rect())


def no_context_menus(root: QWidget) -> None:
    """No Qt context menu anywhere in the wizard: its Undo/Cut/Paste menu is English-only and a
    long press on a touchscreen opened it over the attendee's field."""
    for widget in (root, *root.findChildren(QWidget)):
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
