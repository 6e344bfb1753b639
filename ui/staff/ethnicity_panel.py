"""The visit's members nobody asked their ethnic group: the desk asks and records it here."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.services.person_facts import Unasked, set_ethnicity
from ui.staff.common import error_label, error_text
from ui.staff.register_questions import EthnicityCombo
from ui.staff.state import StaffState

translate = QCoreApplication.translate


class _Row:
    """One member: name, "Chưa hỏi dân tộc", the 54 groups and "Ghi"."""

    def __init__(self, person: Unasked) -> None:
        self.person = person
        self.name = QLabel(person.full_name)
        self.status = QLabel(translate("Staff", "Chưa hỏi dân tộc"))
        self.status.setStyleSheet("font-weight: 700;")
        self.combo = EthnicityCombo()
        # Nothing chosen: staff must ask, a preselected Kinh would be recorded unasked again.
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText("")
        self.record = QPushButton(translate("Staff", "Ghi"))

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.name, self.status, self.combo, self.record)


class EthnicityPanel(QGroupBox):
    """Hidden when every member's ethnic group is known; otherwise one row per member.

    Recording runs on a worker (state.write); the write announces a change, the visit page
    reloads and a recorded member's row goes away. Rows still shown keep what staff chose
    when the page reloads for another reason (a print job finishing)."""

    def __init__(self, state: StaffState, parent: QWidget | None = None) -> None:
        super().__init__(translate("Staff", "Dân tộc (hồ sơ gửi BHXH cần)"), parent)
        self.state = state
        self.rows: dict[uuid.UUID, _Row] = {}
        layout = QVBoxLayout(self)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        layout.addLayout(self.grid)
        self.error = error_label(lines=1)
        layout.addWidget(self.error)
        self.setVisible(False)

    def show_people(self, people: Sequence[Unasked]) -> None:
        """Show exactly these members (the visit's members without an ethnicity)."""
        wanted = {p.person_id: p for p in people}
        for person_id in [pid for pid in self.rows if pid not in wanted]:
            for widget in self.rows.pop(person_id).widgets():
                self.grid.removeWidget(widget)
                widget.deleteLater()
        for person in people:
            if person.person_id not in self.rows:
                row = _Row(person)
                row.record.clicked.connect(lambda _=False, pid=person.person_id: self.record(pid))
                self.rows[person.person_id] = row
        for n, person in enumerate(people):  # visit order, whatever was added or removed
            for column, widget in enumerate(self.rows[person.person_id].widgets()):
                self.grid.addWidget(widget, n, column)
        if not people:
            self.error.clear()
        self.setVisible(bool(people))

    def record(self, person_id: uuid.UUID) -> None:
        """Store the chosen group for this member (only one of the 54 is accepted)."""
        row = self.rows.get(person_id)
        if row is None:
            return
        found = row.combo.ethnicity()
        if found is None:
            self.error.setText(
                translate("Staff", "Hãy hỏi {name} và chọn dân tộc trong danh sách.").format(
                    name=row.person.full_name
                )
            )
            return
        self.error.clear()
        row.record.setEnabled(False)
        state, name, staff = self.state, found.name, self.state.staff_id

        def failed(error: BaseException) -> None:
            if self.rows.get(person_id) is row:  # still shown (not another visit meanwhile)
                row.record.setEnabled(True)
            self.error.setText(error_text(error))

        state.write(
            lambda s: set_ethnicity(s, state.ctx, person_id, name, by=staff),
            None,
            failed,
        )
