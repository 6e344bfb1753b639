"""Campaign counters: one big tap per VssID install guided, pension sign-up or consultation."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kiosk.domain.enums import ActivityKind
from kiosk.services.campaign import NOTE_MAX, campaign_counts, record_activity
from ui.i18n import label_text
from ui.staff.common import error_text
from ui.staff.dashboard import STYLE, plain_number
from ui.staff.state import StaffState
from ui.theme import PRIMARY_DARK

translate = QCoreApplication.translate
PAGE_STYLE = (
    STYLE
    + f"""
QPushButton[campaign="true"] {{ min-height: 110px; font-size: 26px; text-align: left;
    padding: 8px 28px; }}
QLabel#campaignCount {{ font-size: 40px; font-weight: bold; color: {PRIMARY_DARK}; }}
QLabel#campaignPerson {{ font-size: 22px; font-weight: bold; }}
QLabel#campaignDone {{ font-size: 20px; color: #0a5c1e; font-weight: bold; }}
"""
)


class CampaignPage(QWidget):
    """Three big buttons, each with today's count beside it; a tap records one activity.

    The activity carries the logged-in staff member, the person the console has open (if any,
    see `set_person`) and the optional note. `recorded` carries the new activity's id;
    `counts_loaded` the counts shown (tests wait on both).
    """

    recorded = Signal(object)
    counts_loaded = Signal(object)

    def __init__(self, state: StaffState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("campaignPage")
        self.setStyleSheet(PAGE_STYLE)
        self.person_id: uuid.UUID | None = None
        self.person_name = ""
        self.busy = False

        title = QLabel(translate("Staff", "Chiến dịch truyền thông"))
        title.setObjectName("pageTitle")
        self.person = QLabel()
        self.person.setObjectName("campaignPerson")
        self.person.setWordWrap(True)
        self.clear_person = QPushButton(translate("Staff", "Bỏ chọn người dân"))
        self.clear_person.setObjectName("campaignClearPerson")
        self.clear_person.setProperty("role", "secondary")
        self.clear_person.clicked.connect(lambda: self.set_person(None, ""))
        who = QHBoxLayout()
        who.addWidget(self.person, 1)
        who.addWidget(self.clear_person)
        self.note = QLineEdit()
        self.note.setObjectName("campaignNote")
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText(translate("Staff", "Ghi chú (không bắt buộc)"))

        self.buttons: dict[ActivityKind, QPushButton] = {}
        self.counts: dict[ActivityKind, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(16)
        for row, kind in enumerate(ActivityKind):
            button = QPushButton(label_text(kind))
            button.setObjectName(f"campaign_{kind.value}")
            button.setProperty("campaign", "true")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=kind: self.record(k))
            caption = QLabel(translate("Staff", "Hôm nay"))
            caption.setObjectName("tileCaption")
            count = QLabel("–")
            count.setObjectName("campaignCount")
            count.setAccessibleName(f"{label_text(kind)} — {caption.text()}")
            side = QVBoxLayout()
            side.addWidget(caption)
            side.addWidget(count)
            grid.addWidget(button, row, 0)
            grid.addLayout(side, row, 1)
            self.buttons[kind] = button
            self.counts[kind] = count
        grid.setColumnStretch(0, 1)
        grid.setColumnMinimumWidth(1, 160)

        self.status = QLabel()
        self.status.setObjectName("campaignDone")
        self.status.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("pageError")
        self.message.setWordWrap(True)
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        root.setSpacing(12)
        root.addWidget(title)
        root.addLayout(who)
        root.addWidget(self.note)
        root.addSpacing(8)
        root.addLayout(grid)
        root.addWidget(self.status)
        root.addWidget(self.message)
        root.addStretch(1)
        # Hidden pages skip the reload; showing the page loads fresh figures anyway.
        state.data_changed.connect(lambda: self.refresh() if self.isVisible() else None)
        state.staff_changed.connect(lambda _staff: self._enable())
        self.set_person(None, "")

    def set_person(self, person_id: uuid.UUID | None, name: str) -> None:
        """The person the staff member has open (None: activities are counted without one)."""
        self.person_id = person_id
        self.person_name = name if person_id is not None else ""
        if person_id is None:
            self.person.setText(translate("Staff", "Chưa chọn người dân (ghi nhận chung)"))
        else:
            self.person.setText(translate("Staff", "Người dân: {0}").format(name))
        self.clear_person.setVisible(person_id is not None)

    def record(self, kind: ActivityKind) -> None:
        """Count one `kind` for the logged-in staff member (on a worker thread)."""
        staff_id = self.state.staff_id
        if staff_id is None:
            self.message.setText(translate("Staff", "Vui lòng đăng nhập trước khi ghi nhận."))
            return
        if self.busy:  # a double tap while the first is still being saved counts once
            return
        self.busy = True
        self._enable()
        self.message.clear()
        ctx, person_id, note = self.state.ctx, self.person_id, self.note.text()
        name = self.person_name

        def save(session: Session) -> uuid.UUID:
            return record_activity(session, ctx, kind, staff_id, person_id, note).id

        def done(activity_id: uuid.UUID) -> None:
            self.busy = False
            self._enable()
            self.note.clear()
            text = translate("Staff", "Đã ghi nhận: {0}").format(label_text(kind))
            self.status.setText(f"{text} — {name}" if name else text)
            self.recorded.emit(activity_id)

        def failed(exc: BaseException) -> None:
            self.busy = False
            self._enable()
            self.status.clear()
            self.message.setText(error_text(exc))

        self.state.write(save, done, failed)

    def refresh(self) -> None:
        """Load today's counts off the GUI thread."""
        event_id, day = self.state.ctx.event_id, self.state.ctx.today()

        def load(session: Session) -> dict[ActivityKind, int]:
            return campaign_counts(session, event_id, day)

        self.state.read_latest(
            "campaign_counts",
            load,
            self._show_counts,
            lambda exc: self.message.setText(error_text(exc)),
        )

    def _show_counts(self, counts: dict[ActivityKind, int]) -> None:
        for kind, label in self.counts.items():
            label.setText(plain_number(counts.get(kind, 0)))
        self.counts_loaded.emit(counts)

    def _enable(self) -> None:
        on = not self.busy and self.state.staff is not None
        for button in self.buttons.values():
            button.setEnabled(on)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._enable()
        self.refresh()
