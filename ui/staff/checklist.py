"""The staff console's first-start checklist: each check's state and what to do, rechecked on demand."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Config
from kiosk.services.doctor import Finding, Level
from kiosk.store.db import Database
from ui.i18n import current_language

# Texts of the panel itself, by language (the findings carry their own two languages).
_TEXT = {
    "vi": {
        "title": "Kiểm tra trước sự kiện",
        "busy": "Đang kiểm tra…",
        "all_ok": "Mọi thứ đã sẵn sàng.",
        "problems": "{n} mục cần sửa trước khi đón người dân.",
        "recheck": "Kiểm tra lại",
        "close": "Đã hiểu",
        "failed": "Không chạy được bước kiểm tra: {error}",
    },
    "en": {
        "title": "Before the event",
        "busy": "Checking…",
        "all_ok": "Everything is ready.",
        "problems": "{n} item(s) to fix before attendees come.",
        "recheck": "Check again",
        "close": "Got it",
        "failed": "The checks could not run: {error}",
    },
}
_MARK = {Level.OK: "✔", Level.WARNING: "!", Level.PROBLEM: "✖"}
_COLOUR = {Level.OK: "#1b7f3b", Level.WARNING: "#a15c00", Level.PROBLEM: "#b3261e"}


def console_checks(config: Config, db: Database, data_dir: Path) -> Callable[[], list[Finding]]:
    """The checks for this kiosk as the console runs them (printers asked, database probed)."""

    def collect() -> list[Finding]:
        from printing.checks import machine_checks

        return machine_checks(config, db, data_dir)

    return collect


class ChecklistPanel(QFrame):
    """Problems first, then warnings, then what is fine; each with what to do.

    `collect` runs on a worker thread (printers may take their timeout to answer); the result
    comes back through a queued signal. `dismissed` is emitted by "Got it"; the console decides
    whether to show the panel again (e.g. at every start while problems remain).
    """

    dismissed = Signal()
    checked = Signal(list)  # the findings, once a check has finished
    _arrived = Signal(object)  # from the worker thread: list[Finding] or an exception

    def __init__(self, collect: Callable[[], list[Finding]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self._collect = collect
        self.findings: list[Finding] = []
        self._error: str = ""
        self.busy = False
        self.title = QLabel()
        self.title.setObjectName("checklistTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rows = QVBoxLayout()
        self.rows.setAlignment(Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        body.setLayout(self.rows)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.recheck = QPushButton()
        self.recheck.clicked.connect(self.refresh)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.dismissed.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.recheck)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self._arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)
        self._render()

    # --- checking -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Run the checks again off the GUI thread (a second click while busy does nothing)."""
        if self.busy:
            return
        self.busy = True
        self._render()
        threading.Thread(target=self._work, name="checklist", daemon=True).start()

    def _work(self) -> None:
        try:
            result: object = list(self._collect())
        except Exception as exc:  # shown in the panel; the console keeps running
            result = exc
        with contextlib.suppress(RuntimeError):  # the console closed while the checks ran
            self._arrived.emit(result)

    def _on_arrived(self, result: object) -> None:
        self.busy = False
        if isinstance(result, Exception):
            self._error = str(result) or type(result).__name__
            self.findings = []
        else:
            assert isinstance(result, list)
            self._error = ""
            self.show_findings(result)
            return
        self._render()

    def show_findings(self, findings: Sequence[Finding]) -> None:
        """Show `findings` (problems first, then warnings, then the rest)."""
        order = {Level.PROBLEM: 0, Level.WARNING: 1, Level.OK: 2}
        self.findings = sorted(findings, key=lambda f: order[f.level])
        self._render()
        self.checked.emit(list(self.findings))

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.level is Level.PROBLEM]

    # --- drawing --------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    def _render(self) -> None:
        lang = current_language() if current_language() in _TEXT else "vi"
        text = _TEXT[lang]
        self.title.setText(text["title"])
        self.recheck.setText(text["recheck"])
        self.recheck.setEnabled(not self.busy)
        self.close_button.setText(text["close"])
        if self.busy:
            self.summary.setText(text["busy"])
        elif self._error:
            self.summary.setText(text["failed"].format(error=self._error))
        elif self.problems:
            self.summary.setText(text["problems"].format(n=len(self.problems)))
        else:
            self.summary.setText(text["all_ok"] if self.findings else "")
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone from the panel now, freed by Qt later
                widget.deleteLater()
        for finding in self.findings:
            self.rows.addWidget(_row(finding, lang))


def _row(finding: Finding, lang: str) -> QLabel:
    """One finding: its mark, what was found and (unless fine) what to do."""
    colour = _COLOUR[finding.level]
    html = (
        f'<span style="color:{colour}; font-weight:bold">{_MARK[finding.level]}</span> '
        f"{_escape(finding.message(lang))}"
    )
    if finding.fix(lang):
        html += f'<br><span style="color:#444">→ {_escape(finding.fix(lang))}</span>'
    row = QLabel(html)
    row.setObjectName(f"finding:{finding.code}")
    row.setTextFormat(Qt.TextFormat.RichText)
    row.setWordWrap(True)
    return row


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
