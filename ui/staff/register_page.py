"""Assisted registration at the desk: the wizard's steps in one dense form, with renewals."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kiosk.domain.enums import Scheme, Sex, SupportGroup
from kiosk.domain.inputs import parse_date
from kiosk.domain.person import PersonDraft
from kiosk.errors import KioskError
from kiosk.policy.engine import allowed_periods
from kiosk.scan.cccd import parse_cccd_qr
from kiosk.services.register import (
    MemberRequest,
    RegistrationResult,
    SchemeChoice,
    preview_quote,
    register_visit,
)
from kiosk.services.renewal import Previous, draft_of, last_enrollments
from kiosk.services.search import PersonHit, find_duplicates
from ui.i18n import label_text
from ui.staff.common import (
    amount_of,
    error_label,
    error_text,
    fill_table,
    heading,
    make_table,
    money,
    money_edit,
)
from ui.staff.state import StaffState

translate = QCoreApplication.translate

GROUPS = (
    SupportGroup.OTHER,
    SupportGroup.POOR,
    SupportGroup.NEAR_POOR,
    SupportGroup.ETHNIC_MINORITY,
)


class RegisterPage(QWidget):
    """Members are added one by one; the amount follows every change (the quote is pure and
    fast); "Đăng ký" stores the visit and hands it to `on_registered(visit_id)` for payment."""

    def __init__(
        self,
        state: StaffState,
        on_registered: Callable[[uuid.UUID], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.on_registered = on_registered
        self.members: list[MemberRequest] = []
        self.table_refs: list[str] = []
        self.previous: dict[Scheme, Previous] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(heading(translate("Staff", "Đăng ký tại quầy")))
        body = QHBoxLayout()
        layout.addLayout(body, 1)
        body.addWidget(self._person_form(), 3)
        right = QVBoxLayout()
        self.table = make_table(
            [
                translate("Staff", "Họ và tên"),
                translate("Staff", "Loại hình"),
                translate("Staff", "Số tiền"),
            ]
        )
        right.addWidget(self.table)
        self.total = QLabel("")
        self.total.setObjectName("total")
        self.total.setStyleSheet("font-size: 22px; font-weight: 700;")
        right.addWidget(self.total)
        buttons = QHBoxLayout()
        self.remove = QPushButton(translate("Staff", "Bỏ người đã chọn"))
        self.remove.clicked.connect(self.remove_selected)
        self.submit_button = QPushButton(translate("Staff", "Đăng ký và thu tiền"))
        self.submit_button.setObjectName("register")
        self.submit_button.clicked.connect(self.submit)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.submit_button)
        right.addLayout(buttons)
        body.addLayout(right, 2)
        self.warning = QLabel("")
        self.warning.setObjectName("duplicate")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b26a00; font-weight: 600;")
        layout.addWidget(self.warning)
        self.error = error_label()
        layout.addWidget(self.error)
        self._refresh_quote()

    def _person_form(self) -> QGroupBox:
        box = QGroupBox(translate("Staff", "Người tham gia"))
        form = QFormLayout(box)
        self.personal_id = QLineEdit()
        self.personal_id.setObjectName("personal_id")
        self.personal_id.setPlaceholderText(translate("Staff", "12 chữ số, hoặc quét mã QR CCCD"))
        self.personal_id.editingFinished.connect(self._id_entered)
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.birth = QLineEdit()
        self.birth.setPlaceholderText("dd/mm/yyyy")
        self.birth.editingFinished.connect(self.check_duplicates)
        self.sex = QComboBox()
        self.sex.addItem(translate("Staff", "Nữ"), Sex.FEMALE)
        self.sex.addItem(translate("Staff", "Nam"), Sex.MALE)
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self.ethnicity = QLineEdit("Kinh")
        for label, widget in (
            ("Số CCCD", self.personal_id),
            ("Họ và tên", self.full_name),
            ("Ngày sinh", self.birth),
            ("Giới tính", self.sex),
            ("Điện thoại", self.phone),
            ("Địa chỉ", self.address),
            ("Dân tộc", self.ethnicity),
        ):
            form.addRow(translate("Staff", label), widget)
        schemes = QGridLayout()
        self.bhyt = QCheckBox(translate("Staff", "BHYT hộ gia đình"))
        self.bhyt.setChecked(True)
        self.bhyt_months = QComboBox()
        self.voluntary = QCheckBox(translate("Staff", "BHXH tự nguyện"))
        self.voluntary_months = QComboBox()
        today = self.state.ctx.today()
        for combo, scheme in (
            (self.bhyt_months, Scheme.BHYT_HOUSEHOLD),
            (self.voluntary_months, Scheme.BHXH_VOLUNTARY),
        ):
            for months in allowed_periods(scheme, today):
                combo.addItem(translate("Staff", "{n} tháng").format(n=months), months)
            combo.setCurrentIndex(combo.count() - 1)
        self.income = money_edit(text="1500000")
        self.income.setObjectName("income")
        self.group = QComboBox()
        for group in GROUPS:
            self.group.addItem(label_text(group), group)
        schemes.addWidget(self.bhyt, 0, 0)
        schemes.addWidget(self.bhyt_months, 0, 1)
        schemes.addWidget(self.voluntary, 1, 0)
        schemes.addWidget(self.voluntary_months, 1, 1)
        schemes.addWidget(QLabel(translate("Staff", "Thu nhập chọn đóng")), 2, 0)
        schemes.addWidget(self.income, 2, 1)
        schemes.addWidget(QLabel(translate("Staff", "Nhóm hỗ trợ")), 3, 0)
        schemes.addWidget(self.group, 3, 1)
        form.addRow(schemes)
        self.renewal = QLabel("")
        self.renewal.setWordWrap(True)
        form.addRow(self.renewal)
        self.add = QPushButton(translate("Staff", "Thêm vào lượt đăng ký"))
        self.add.setObjectName("add_member")
        self.add.clicked.connect(self.add_member)
        form.addRow(self.add)
        return box

    # Person ---------------------------------------------------------------------------------

    def draft(self, *, normalized: bool = True) -> PersonDraft:
        """The form as a draft (a bad date is reported by add_member, not here)."""
        try:
            birth = parse_date(self.birth.text()) if self.birth.text().strip() else None
        except KioskError:
            birth = None
        draft = PersonDraft(
            full_name=self.full_name.text(),
            birth_date=birth,
            sex=self.sex.currentData(),
            personal_id=self.personal_id.text().strip(),
            phone=self.phone.text(),
            address=self.address.text(),
            ethnicity=self.ethnicity.text() or "Kinh",
        )
        return draft.normalized() if normalized else draft

    def choices(self) -> tuple[SchemeChoice, ...]:
        out = []
        if self.bhyt.isChecked():
            out.append(SchemeChoice(Scheme.BHYT_HOUSEHOLD, int(self.bhyt_months.currentData())))
        if self.voluntary.isChecked():
            out.append(
                SchemeChoice(
                    Scheme.BHXH_VOLUNTARY,
                    int(self.voluntary_months.currentData()),
                    income=amount_of(self.income.text()),
                    group=self.group.currentData(),
                )
            )
        return tuple(out)

    def load_person(self, hit: PersonHit) -> None:
        """Fill the form from a stored person and their last enrollments (a renewal)."""

        def load(session: Session) -> tuple[PersonDraft, dict[Scheme, Previous]]:
            return draft_of(session, hit.person_id), last_enrollments(session, hit.person_id)

        self.state.read(load, self._loaded)

    def _loaded(self, loaded: tuple[PersonDraft, dict[Scheme, Previous]]) -> None:
        draft, previous = loaded
        self._fill(draft)
        self.previous = previous
        bhyt = previous.get(Scheme.BHYT_HOUSEHOLD)
        if bhyt is not None and bhyt.end_date is not None:
            self.renewal.setText(
                translate("Staff", "Gia hạn BHYT: thẻ cũ hết hạn {d}; thẻ mới nối tiếp.").format(
                    d=bhyt.end_date.strftime("%d/%m/%Y")
                )
            )
        else:
            self.renewal.setText("")
        voluntary = previous.get(Scheme.BHXH_VOLUNTARY)
        if voluntary is not None and voluntary.income:
            self.income.setText(str(voluntary.income))

    def _fill(self, draft: PersonDraft) -> None:
        self.personal_id.setText(draft.personal_id)
        self.full_name.setText(draft.full_name)
        self.birth.setText(draft.birth_date.strftime("%d/%m/%Y") if draft.birth_date else "")
        self.sex.setCurrentIndex(max(0, self.sex.findData(draft.sex)))
        self.phone.setText(draft.phone)
        self.address.setText(draft.address)
        self.ethnicity.setText(draft.ethnicity)

    def _id_entered(self) -> None:
        text = self.personal_id.text()
        if "|" in text:  # the desk scanner typed a CCCD QR into the field
            try:
                scanned = parse_cccd_qr(text)
            except KioskError as error:
                self.personal_id.clear()
                self.error.setText(error.vi)
                return
            self._fill(replace(scanned, phone=self.phone.text(), ethnicity=self.ethnicity.text()))
        self.check_duplicates()

    def check_duplicates(self) -> None:
        """Warn (without blocking) when this identity number or name + birth date is stored."""
        draft = self.draft(normalized=False)  # half-typed details must not raise here
        if not draft.personal_id and not (draft.full_name and draft.birth_date):
            self.warning.clear()
            return
        born = draft.birth_date or date.min  # no date given: only the number can match
        self.state.read(
            lambda s: find_duplicates(s, draft.personal_id or None, draft.full_name, born),
            self._duplicates,
        )

    def _duplicates(self, hits: list[PersonHit]) -> None:
        if not hits:
            self.warning.clear()
            return
        hit = hits[0]
        self.warning.setText(
            translate(
                "Staff",
                "Đã có người này trong dữ liệu: {name}, sinh {born}, CCCD {pid}. Kiểm tra giấy tờ; "
                "nếu đúng người, đăng ký sẽ dùng lại hồ sơ cũ.",
            ).format(
                name=hit.full_name,
                born=hit.birth_date.strftime("%d/%m/%Y"),
                pid=hit.personal_id or "—",
            )
        )

    # Members and quote ------------------------------------------------------------------------

    def add_member(self) -> None:
        self.error.clear()
        try:
            if self.birth.text().strip():
                parse_date(self.birth.text())
            member = self._member()
            preview_quote([*self.members, member], self.state.ctx.today())
        except KioskError as error:
            self.error.setText(error.vi)
            return
        self.members.append(member)
        self._clear_person()
        self._refresh_quote()

    def _member(self) -> MemberRequest:
        bhyt = self.previous.get(Scheme.BHYT_HOUSEHOLD)
        return MemberRequest(
            self.draft(),
            self.choices(),
            previous_expiry=bhyt.end_date if bhyt else None,
            previous_enrollment_id=bhyt.enrollment_id if bhyt else None,
        )

    def remove_selected(self) -> None:
        """Drop the person of the selected line (with all their schemes)."""
        row = self.table.currentRow()
        if 0 <= row < len(self.table_refs):
            del self.members[int(self.table_refs[row])]
            self._refresh_quote()

    def _refresh_quote(self) -> None:
        self.table_refs = []
        if not self.members:
            fill_table(self.table, [])
            self.total.setText(translate("Staff", "Chưa có ai trong lượt đăng ký."))
            self.submit_button.setEnabled(False)
            return
        quote = preview_quote(self.members, self.state.ctx.today())
        rows = []
        for line in quote.lines:
            person = self.members[int(line.person_ref)].draft.full_name
            what = translate("Staff", "{scheme}, {n} tháng").format(
                scheme=label_text(line.scheme), n=line.months
            )
            rows.append((person, what, line.amount))
            self.table_refs.append(line.person_ref)
        fill_table(self.table, rows)
        self.total.setText(translate("Staff", "Tổng cộng: {m}").format(m=money(quote.total)))
        self.submit_button.setEnabled(True)

    def submit(self) -> None:
        members = list(self.members)
        staff = self.state.staff_id
        self.submit_button.setEnabled(False)
        self.state.write(
            lambda s: register_visit(s, self.state.ctx, members, source="staff", staff_id=staff),
            self._registered,
            self._failed,
        )

    def _registered(self, result: RegistrationResult) -> None:
        self.members.clear()
        self._refresh_quote()
        self.on_registered(result.visit_id)

    def _failed(self, error: BaseException) -> None:
        self.submit_button.setEnabled(bool(self.members))
        self.error.setText(error_text(error))

    def _clear_person(self) -> None:
        for field in (self.personal_id, self.full_name, self.birth, self.phone):
            field.clear()
        self.previous = {}
        self.renewal.clear()
        self.warning.clear()
