"""Exports for the office: participants, payments, campaign (XLSX), declarations (PDF), bundle,
and the day's electronic dossier for VSS (XML, optionally signed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kiosk import paths
from kiosk.bootstrap import output_dir
from kiosk.domain.keys import load_or_create_private_key
from kiosk.domain.localtime import format_local
from kiosk.private_files import write_private
from kiosk.services.bundle import export_bundle, last_export_rows, office_public_key
from ui.staff.common import error_text
from ui.staff.dashboard import STYLE
from ui.staff.dossier_dialog import DossierDialog, DossierRequest, result_text
from ui.staff.export_kinds import EXPORTERS, KINDS, ExportResult, write_error

if TYPE_CHECKING:
    from kiosk.dossier.service import DossierResult
from ui.staff.state import StaffState

translate = QCoreApplication.translate


class ExportsPage(QWidget):
    """Five export buttons, the day/event scope and the output folder.

    Each export runs on a worker thread; the written path and count are shown and sent with
    `exported` (an ExportResult); failures are shown in Vietnamese and sent with `failed`.
    """

    exported = Signal(object)
    failed = Signal(str)
    dossier_written = Signal(object)  # a DossierResult

    def __init__(self, state: StaffState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("exportsPage")
        self.setStyleSheet(STYLE)
        self.running = False
        self.last: ExportResult | None = None
        self.dossier_dialog: DossierDialog | None = None
        self._folder = output_dir(state.config) / "exports"

        title = QLabel(translate("Staff", "Xuất dữ liệu cho văn phòng"))
        title.setObjectName("pageTitle")
        today = state.ctx.today().strftime("%d/%m/%Y")
        self.today_button = self._toggle("exportToday", translate("Staff", "Hôm nay ({0})"))
        self.today_button.setText(self.today_button.text().format(today))
        self.event_button = self._toggle("exportEvent", translate("Staff", "Cả sự kiện"))
        self.today_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.today_button)
        group.addButton(self.event_button)
        scope = QHBoxLayout()
        scope.addWidget(QLabel(translate("Staff", "Phạm vi:")))
        scope.addWidget(self.today_button)
        scope.addWidget(self.event_button)
        scope.addStretch(1)

        self.folder_label = QLabel()
        self.folder_label.setObjectName("exportFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QPushButton(translate("Staff", "Đổi thư mục…"))
        self.folder_button.setObjectName("exportChooseFolder")
        self.folder_button.setProperty("role", "secondary")
        self.folder_button.clicked.connect(self.choose_folder)
        folder = QHBoxLayout()
        folder.addWidget(QLabel(translate("Staff", "Thư mục lưu:")))
        folder.addWidget(self.folder_label, 1)
        folder.addWidget(self.folder_button)

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        for row, kind in enumerate(KINDS):
            button = QPushButton(translate("Staff", kind.label))
            button.setObjectName(f"export_{kind.key}")
            button.setMinimumWidth(460)
            button.clicked.connect(lambda _=False, k=kind.key: self.export(k))
            hint = QLabel(translate("Staff", kind.hint))
            hint.setObjectName("tileCaption")
            hint.setWordWrap(True)
            grid.addWidget(button, row, 0)
            grid.addWidget(hint, row, 1)
            self.buttons[kind.key] = button
        self.dossier_button = QPushButton(translate("Staff", "Hồ sơ điện tử gửi BHXH"))
        self.dossier_button.setObjectName("export_dossier")
        self.dossier_button.setMinimumWidth(460)
        self.dossier_button.clicked.connect(self.open_dossier)
        hint = QLabel(
            translate(
                "Staff",
                "TK1-TS, D03-TS, D05-TS, D01-TS (XML) của một ngày, ký số nếu có chứng thư, "
                "để đại lý thu nộp qua I-VAN.",
            )
        )
        hint.setObjectName("tileCaption")
        hint.setWordWrap(True)
        grid.addWidget(self.dossier_button, len(KINDS), 0)
        grid.addWidget(hint, len(KINDS), 1)
        self.buttons["dossier"] = self.dossier_button
        grid.setColumnStretch(1, 1)

        self.result = QLabel()
        self.result.setObjectName("exportResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setStyleSheet("color: #0a5c1e; font-weight: bold;")
        self.message = QLabel()
        self.message.setObjectName("pageError")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The dossier's report can be long (every visit left out, every problem to fix): it
        # scrolls in its own box instead of pushing the buttons together.
        self.dossier_report = QPlainTextEdit()
        self.dossier_report.setObjectName("dossierReport")
        self.dossier_report.setReadOnly(True)
        self.dossier_report.setMinimumHeight(140)
        self.dossier_report.setMaximumHeight(220)
        self.dossier_report.hide()
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        root.setSpacing(12)
        root.addWidget(title)
        root.addLayout(scope)
        root.addLayout(folder)
        root.addSpacing(6)
        root.addLayout(grid)
        root.addWidget(self.result)
        root.addWidget(self.message)
        root.addWidget(self.dossier_report)
        root.addStretch(1)
        self.set_output_dir(self._folder)

    def _toggle(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setProperty("role", "toggle")
        button.setCheckable(True)
        return button

    def output_dir(self) -> Path:
        return self._folder

    def set_output_dir(self, folder: Path) -> None:
        """Where the next exports go (the folder dialog and tests call this)."""
        self._folder = Path(folder)
        self.folder_label.setText(str(self._folder))

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, translate("Staff", "Chọn thư mục lưu tệp xuất"), str(self._folder)
        )
        if chosen:
            self.set_output_dir(Path(chosen))

    def set_whole_event(self, whole: bool) -> None:
        (self.event_button if whole else self.today_button).setChecked(True)

    def day(self) -> date | None:
        """The local day exported, or None for the whole event."""
        return None if self.event_button.isChecked() else self.state.ctx.today()

    def target(self, key: str) -> Path:
        """The file an export writes: what, kiosk, scope and local time in the name, so
        exports of different days or moments never overwrite each other."""
        kind = next(k for k in KINDS if k.key == key)
        ctx, day = self.state.ctx, self.day()
        scope = "ca-su-kien" if day is None else day.strftime("%Y-%m-%d")
        stamp = format_local(ctx.now(), "%Y%m%d-%H%M%S")
        return self._folder / f"{kind.stem}-{ctx.kiosk_id}-{scope}-{stamp}.{kind.suffix}"

    def export(self, key: str) -> None:
        """Run one export off the GUI thread (one at a time)."""
        if self.running:
            return
        self.running = True
        self._enable()
        self.result.clear()
        self.message.clear()
        ctx, day, path = self.state.ctx, self.day(), self.target(key)

        def done(count: int) -> None:
            self._finish()
            self.last = ExportResult(key, path, count)
            unit = next(k.unit for k in KINDS if k.key == key)
            self.result.setText(
                translate("Staff", "Đã xuất {0} {1} vào tệp:\n{2}").format(count, unit, path)
            )
            self.exported.emit(self.last)

        def failed(exc: BaseException) -> None:
            self._finish()
            text = error_text(exc)
            self.message.setText(text)
            self.failed.emit(text)

        if key == "bundle":
            keys = paths.keys_dir()

            def bundle(session: Session) -> int:
                office = office_public_key(self.state.config)  # a clear message without it
                data = export_bundle(session, ctx, load_or_create_private_key(keys), office)
                try:
                    write_private(path, data)
                except OSError as exc:  # rolls the audit entry back with the failed export
                    raise write_error(path, exc) from None
                return last_export_rows(session, ctx.kiosk_id)

            self.state.write(bundle, done, failed)
            return
        exporter = EXPORTERS[key]

        def run(session: Session) -> int:
            try:
                return exporter(session, ctx, path, day)
            except OSError as exc:
                raise write_error(path, exc) from None

        self.state.read(run, done, failed)

    def _finish(self) -> None:
        self.running = False
        self._enable()

    def _enable(self) -> None:
        for button in self.buttons.values():
            button.setEnabled(not self.running)

    # The electronic dossier for VSS ------------------------------------------------------------

    def open_dossier(self) -> None:
        """Ask the day and the optional certificate; the dossier is made once they are given."""
        if self.running:
            return
        self.dossier_dialog = DossierDialog(self.state.ctx.today(), self)
        self.dossier_dialog.submitted.connect(self.make_dossier)
        self.dossier_dialog.open()

    def make_dossier(self, request: DossierRequest) -> None:
        """Read the day, check it, sign and write on a worker; a blocked day writes nothing
        and lists every problem, one a line."""
        if self.running:
            return
        self.running = True
        self._enable()
        self.result.clear()
        self.message.clear()
        self.dossier_report.clear()
        self.dossier_report.hide()
        ctx, folder = self.state.ctx, self._folder
        certificate, password = request.certificate, request.password

        # The dossier pulls in lxml, xmlschema and signxml (a quarter of a second): loaded on
        # the worker thread when staff ask for it, not when the console starts.
        def run(session: Session) -> DossierResult:
            from kiosk.dossier.service import write_dossier
            from kiosk.dossier.signing import load_pkcs12

            signer = load_pkcs12(certificate, password) if certificate else None
            try:
                return write_dossier(session, ctx, request.day, folder, signer)
            except OSError as exc:
                raise write_error(folder, exc) from None

        def done(result: DossierResult) -> None:
            self._finish()
            self._report(result_text(result), ok=True)
            self.dossier_written.emit(result)

        def failed(exc: BaseException) -> None:
            self._finish()
            from kiosk.dossier.checks import DossierBlocked

            if isinstance(exc, DossierBlocked):
                text = "\n".join(
                    [translate("Staff", "Chưa lập hồ sơ, không ghi tệp nào. Cần sửa:")]
                    + [f"• {problem.text('vi')}" for problem in exc.problems]
                )
            else:
                text = error_text(exc)
            self._report(text, ok=False)
            self.failed.emit(text)

        self.state.read(run, done, failed)

    def _report(self, text: str, *, ok: bool) -> None:
        colour = "#0a5c1e" if ok else "#b3261e"
        self.dossier_report.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.dossier_report.setPlainText(text)
        self.dossier_report.show()
