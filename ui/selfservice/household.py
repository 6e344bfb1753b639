"""Who else joins: the household list with add (scan or type), change and remove."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.selfservice.base import Screen, big_button, label
from ui.selfservice.controller import WizardController

translate = QCoreApplication.translate
MAX_MEMBERS = 8  # more than this is a desk job: the screen would need scrolling


class HouseholdScreen(Screen):
    """One row per person (name, date of birth, Change, Remove) and a big "Thêm người" button."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.hint = label("subtitle")
        self.root.addWidget(self.hint)
        self.rows_host = QWidget()
        self.rows = QVBoxLayout(self.rows_host)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.root.addWidget(self.rows_host)
        self.add_button = big_button("addMember", "add", role="secondary")
        self.root.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_button.clicked.connect(controller.add_member)
        self.root.addStretch(1)
        self.add_nav()
        self.next_button.clicked.connect(controller.household_done)
        self.row_widgets: list[QFrame] = []
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(translate("HouseholdScreen", "Ai cùng đăng ký với bạn?"))
        self.hint.setText(
            translate(
                "HouseholdScreen",
                "Thêm người cùng hộ gia đình (cùng nơi thường trú): quét thẻ căn cước của họ "
                "hoặc bấm “Thêm người”.",
            )
        )
        self.add_button.setText(translate("HouseholdScreen", "Thêm người"))

    def refresh(self) -> None:
        super().refresh()
        for row in self.row_widgets:
            self.rows.removeWidget(row)
            row.hide()  # gone from the screen now, freed later (its button may be mid-click)
            row.deleteLater()
        self.row_widgets = []
        members = self.controller.members
        for index, member in enumerate(members):
            self.row_widgets.append(
                self._row(index, member.person.full_name, member.person.birth_date)
            )
            self.rows.addWidget(self.row_widgets[-1])
        self.add_button.setEnabled(len(members) < MAX_MEMBERS)

    def _row(self, index: int, name: str, born: str) -> QFrame:
        frame = QFrame()
        frame.setObjectName(f"member_{index}")
        frame.setStyleSheet(f"QFrame#member_{index} {{ border-bottom: 2px solid #888888; }}")
        line = QHBoxLayout(frame)
        line.setContentsMargins(4, 4, 4, 4)
        number = QLabel(f"{index + 1}.")
        number.setProperty("role", "amount")
        who = QLabel(f"{name}   ({born})")
        who.setProperty("role", "amount")
        who.setObjectName(f"memberName_{index}")
        edit = big_button(f"editMember_{index}", "person", role="secondary")
        edit.setText(translate("HouseholdScreen", "Sửa"))
        edit.clicked.connect(lambda _=False, i=index: self.controller.edit_member(i))
        line.addWidget(number)
        line.addWidget(who, 1)
        line.addWidget(edit)
        if index > 0:  # the attendee stays; starting over is "Quay lại" on the first screen
            remove = big_button(f"removeMember_{index}", "remove", role="secondary")
            remove.setText(translate("HouseholdScreen", "Xóa"))
            remove.clicked.connect(lambda _=False, i=index: self.controller.remove_member(i))
            line.addWidget(remove)
        return frame
