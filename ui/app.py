"""The application shell: QApplication set-up and the main window that hosts one mode."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from ui.errors import OutOfOrderScreen, install_excepthook


class MainWindow(QMainWindow):
    """Hosts the staff console or the self-service wizard; swaps to the calm screen on a bug."""

    def __init__(self, title: str, content: QWidget) -> None:
        super().__init__()
        self.setWindowTitle(title)
        self.stack = QStackedWidget()
        self.content = content
        self.stack.addWidget(content)
        self.out_of_order = OutOfOrderScreen()
        self.stack.addWidget(self.out_of_order)
        self.setCentralWidget(self.stack)
        self.resize(1280, 800)

    def show_out_of_order(self) -> None:
        self.stack.setCurrentWidget(self.out_of_order)


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with the kiosk's name, font and theme."""
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("bhxh-kiosk")
    app.setApplicationDisplayName("Ki-ốt BHXH")
    return app


def wire_excepthook(window: MainWindow) -> None:
    """Bugs anywhere end on the calm screen of this window."""
    show: Callable[[], None] = window.show_out_of_order
    install_excepthook(show)
