"""Assisted registration at the desk: the wizard's steps in one dense form, with renewals,
the support questions and the household's fiscal year (its ladder continues across visits)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kiosk.domain.enums import Scheme
from kiosk.domain.inputs import parse_date
from kiosk.domain.person import PersonDraft
from kiosk.domain.provinces import province_code_of
from kiosk.errors import KioskError
from kiosk.policy.engine import fiscal_year
from kiosk.scan.reader import ScanKind, ScanResult, read_scan
from kiosk.services.register import (
    MemberRequest,
    RegistrationResult,
    SchemeChoice,
    preview_quote,
    register_visit,
)
from kiosk.services.renewal import Previous, draft_of, last_enrollments
from kiosk.services.search import PersonHit, find_duplicates
from ui.scanning.feedback import flash
from ui.scanning.service import ScanHook
from ui.staff.common import (
    error_label,
    error_text,
    fill_table,
    heading,
    make_table,
    money,
)
from ui.staff.household_panel import HouseholdPanel, fit_columns
from ui.staff.register_person import PersonBox
from ui.staff.register_pricing import Pricing, stand_in
from ui.staff.register_questions import SupportQuestions
from ui.staff.register_schemes import SchemeBox
from ui.staff.state import StaffState

translate = QCoreApplication.translate


class RegisterPage(QWidget):
    """Members are added one by one; the amount of the person on the form and the visit's
    total follow every answer. The quote itself is pure and fast; what the stored records add
    (the household's ladder this year, support months used) is read on a worker and the
    figures are redrawn when it arrives (`records_current()`). "Đăng ký" stores the visit
    and hands it to `on_registered(visit_id)` for payment."""

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
        self.year = fiscal_year(state.ctx.today())
        layout = QVBoxLayout(self)
        layout.addWidget(heading(translate("Staff", "Đăng ký tại quầy")))
        body = QHBoxLayout()
        layout.addLayout(body, 1)
        left = QVBoxLayout()
        self.person = PersonBox()
        self.person.personal_id.editingFinished.connect(self._id_entered)
        self.person.birth.editingFinished.connect(self.check_duplicates)
        # The page's names for the person's fields (scans, renewals and tests use them).
        self.personal_id, self.full_name = self.person.personal_id, self.person.full_name
        self.birth, self.sex, self.renewal = self.person.birth, self.person.sex, self.person.renewal
        self.phone, self.address = self.person.phone, self.person.address
        left.addWidget(self.person)
        self.questions = SupportQuestions(
            state.ctx.today(), province_code_of(state.config.event.province)
        )
        self.questions.changed.connect(self._form_changed)
        left.addWidget(self.questions)
        self.person.changed.connect(self._form_changed)
        self.schemes = SchemeBox(state.ctx.today())
        self.schemes.changed.connect(self._form_changed)
        self.schemes.add.clicked.connect(self.add_member)
        self.questions.covered.toggled.connect(self.schemes.set_covered)
        # The page's names for the scheme widgets (tests and the renewal fill use them).
        self.bhyt, self.voluntary = self.schemes.bhyt, self.schemes.voluntary
        self.bhyt_months = self.schemes.bhyt_months
        self.voluntary_months = self.schemes.voluntary_months
        self.income, self.person_quote = self.schemes.income, self.schemes.person_quote
        self.add = self.schemes.add
        left.addWidget(self.schemes)
        left.addStretch(1)
        body.addLayout(left, 3)
        right = QVBoxLayout()
        self.household = HouseholdPanel(state, self.year)
        self.household.lookup_changed.connect(self._form_changed)
        self.household.corrected.connect(self._corrected)
        self.pricing = Pricing(state, self.household, self._refresh_quote)
        right.addWidget(self.household)
        self.table = make_table(
            [translate("Staff", t) for t in ("Họ và tên", "Loại hình", "Số tiền")]
        )
        fit_columns(self.table, stretch=1)
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
        self._form_changed()
        self.scan_hook = ScanHook(self, self.apply_scan, self._scan_refused)

    # Scans ------------------------------------------------------------------------------------

    def apply_scan(self, result: ScanResult) -> None:
        """Fill the person fields a scan carries (a CCCD all of them, a health card its name,
        birth date, sex and address); what must be checked or completed goes in the message."""
        if result.kind == ScanKind.UNKNOWN:
            self._scan_refused(result.problems[0])
            return
        scanned = result.person
        for edit, value in (
            (self.personal_id, scanned.personal_id),
            (self.full_name, scanned.full_name),
            (self.birth, scanned.birth_date.strftime("%d/%m/%Y") if scanned.birth_date else ""),
            (self.address, scanned.address),
        ):
            if value:
                edit.setText(value)
        if scanned.sex is not None:
            self.sex.setCurrentIndex(max(0, self.sex.findData(scanned.sex)))
        self.error.setText(" ".join(p.vi for p in result.problems))
        flash(self, "check" if result.problems else "ok")
        self.check_duplicates()

    def _scan_refused(self, error: KioskError) -> None:
        self.error.setText(error.vi)
        flash(self, "bad")

    # Person ---------------------------------------------------------------------------------

    def draft(self, *, normalized: bool = True) -> PersonDraft:
        """The form as a draft (a bad date is reported by add_member, not here)."""
        return self.person.draft(self.questions.ethnicity.text(), normalized=normalized)

    def choices(self, income: int | None) -> tuple[SchemeChoice, ...]:
        covered = self.questions.covered_reason() is not None
        return self.schemes.choices(income, covered, self.questions.declared_group())

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
        self._form_changed()

    def _fill(self, draft: PersonDraft) -> None:
        self.person.fill(draft)
        self.questions.ethnicity.set_ethnicity(draft.ethnicity)

    def _id_entered(self) -> None:
        text = self.personal_id.text()
        if "|" in text:  # a scanner too slow for the burst filter typed a QR into the field
            self.personal_id.clear()
            try:
                self.apply_scan(read_scan(text))
            except KioskError as error:
                self._scan_refused(error)
            return
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
            member = self._member(self.income.read() if self.voluntary.isChecked() else None)
            priced = [*self.members, member]
            preview_quote(
                priced, self.state.ctx.today(), self.pricing.context(priced, self._renewal())
            )
        except KioskError as error:
            self._show_refusal(error)
            return
        self.members.append(member)
        self._clear_person()
        self._form_changed()

    def _member(self, income: int | None, draft: PersonDraft | None = None) -> MemberRequest:
        bhyt = self.previous.get(Scheme.BHYT_HOUSEHOLD)
        return MemberRequest(
            draft or self.draft(),
            self.choices(income),
            previous_expiry=bhyt.end_date if bhyt else None,
            previous_enrollment_id=bhyt.enrollment_id if bhyt else None,
            covered_reason=self.questions.covered_reason(),
            residence_province=self.questions.residence(),
            island=self.questions.island.isChecked(),
        )

    def _stand_in(self) -> MemberRequest:
        """The form's person as the live preview prices them (see register_pricing)."""
        draft = stand_in(self.draft(normalized=False), self.state.ctx.today())
        return self._member(self.income.peek(), draft)

    def _priced(self) -> list[MemberRequest]:
        return [*self.members, self._stand_in()]

    def _renewal(self) -> uuid.UUID | None:
        bhyt = self.previous.get(Scheme.BHYT_HOUSEHOLD)
        return bhyt.enrollment_id if bhyt else None

    def records_current(self) -> bool:
        """The figures on the page use the stored records of exactly what is on the page."""
        return self.pricing.current(self._priced(), self._renewal())

    def remove_selected(self) -> None:
        """Drop the person of the selected line (with all their schemes)."""
        row = self.table.currentRow()
        if 0 <= row < len(self.table_refs):
            del self.members[int(self.table_refs[row])]
            self._form_changed()

    def _form_changed(self) -> None:
        """Redraw the figures now, and read the records again if what they depend on changed."""
        self._refresh_quote()
        self.pricing.request(self._priced(), self._renewal())

    def _refresh_quote(self) -> None:
        self._refresh_person()
        self.table_refs = []
        if not self.members:
            fill_table(self.table, [])
            self.total.setText(translate("Staff", "Chưa có ai trong lượt đăng ký."))
            self.submit_button.setEnabled(False)
            return
        try:
            quote = self.pricing.quote(self.members, self._priced(), self._renewal())
        except KioskError as error:  # e.g. a payment window closed since the person was added
            self.total.setText(error.vi)
            self.submit_button.setEnabled(False)
            return
        rows = []
        for line in quote.lines:
            person = self.members[int(line.person_ref)].draft.full_name
            rows.append((person, line.description_vi, line.amount))
            self.table_refs.append(line.person_ref)
        fill_table(self.table, rows)
        self.table.resizeRowsToContents()
        self.total.setText(translate("Staff", "Tổng cộng: {m}").format(m=money(quote.total)))
        self.submit_button.setEnabled(True)

    def _refresh_person(self) -> None:
        """What the person on the form would pay with the answers as they stand."""
        try:
            lines = self.pricing.person_lines(self._priced(), self._renewal())
        except KioskError as error:
            self.person_quote.setText("")
            if error.code.startswith("policy.income") and self.voluntary.isChecked():
                self.income.show_error(error.vi)
            return
        parts = [f"{line.description_vi}: {money(line.amount)}" for line in lines]
        self.person_quote.setText(
            translate("Staff", "Người đang nhập sẽ đóng {m}").format(
                m=money(sum(line.amount for line in lines))
            )
            + ("\n" + "\n".join(parts) if parts else "")
        )

    def _corrected(self) -> None:
        self.pricing.records = None  # positions changed: read the records again
        self._form_changed()

    def _show_refusal(self, error: KioskError) -> None:
        """The sentence under the page; an income refusal also under the income field (with
        the nearest allowed amounts the rule gives)."""
        self.error.setText(error.vi)
        if error.code.startswith("policy.income"):
            self.income.show_error(error.vi)

    def submit(self) -> None:
        members = list(self.members)
        staff = self.state.staff_id
        record, declared = self.household.household_year_id(), self.household.declared_paid()
        declared_source = self.household.declared_source()  # the attendee, or VSS's records
        self.submit_button.setEnabled(False)
        self.state.write(
            lambda s: register_visit(
                s,
                self.state.ctx,
                members,
                source="staff",
                staff_id=staff,
                household_year_id=record,
                declared_paid=declared,
                declared_source=declared_source,
            ),
            self._registered,
            self._failed,
        )

    def _registered(self, result: RegistrationResult) -> None:
        self.members.clear()
        self.household.lookup.clear()
        self.household.declared.setValue(0)
        self.pricing.records = None
        self._form_changed()
        self.on_registered(result.visit_id)

    def _failed(self, error: BaseException) -> None:
        self.submit_button.setEnabled(bool(self.members))
        self.error.setText(error_text(error))

    def _clear_person(self) -> None:
        self.person.clear()
        self.previous = {}
        self.warning.clear()
        self.questions.reset()
