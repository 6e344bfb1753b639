"""What blocks a day's dossier: each problem names the person and the field staff must fix."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.enums import Scheme, VoluntaryMode
from kiosk.domain.ethnicity import find_ethnicity
from kiosk.domain.money import format_vnd
from kiosk.dossier.day_types import DayRecords, Line
from kiosk.errors import KioskError

PERSONAL_ID_DIGITS = 12
SI_DIGITS = 10


@dataclass(frozen=True)
class Problem:
    """One thing to fix before the day can be handed to VSS."""

    code: str
    person: str  # the person's name ("" for a visit-level problem)
    field_vi: str
    field_en: str
    receipt: str = ""  # the receipt number it concerns, when there is one

    def text(self, lang: str = "vi") -> str:
        """One line for staff: who, which field, which receipt."""
        who = self.person or ("lượt thanh toán" if lang == "vi" else "payment")
        field = self.field_vi if lang == "vi" else self.field_en
        where = (
            f" ({'biên lai' if lang == 'vi' else 'receipt'} {self.receipt})" if self.receipt else ""
        )
        return f"{who}: {field}{where}"


class DossierBlocked(KioskError):
    """The day has problems; nothing was written. `problems` lists every one for staff."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        more_vi = f" và {len(problems) - 1} vấn đề khác" if len(problems) > 1 else ""
        more_en = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
        super().__init__(
            "dossier.blocked",
            vi=f"Chưa thể lập hồ sơ, chưa ghi tệp nào — {first.text('vi')}{more_vi}.",
            en=f"The dossier cannot be made and nothing was written — {first.text('en')}{more_en}.",
        )
        self.problems = problems


def day_problems(records: DayRecords) -> list[Problem]:
    """Every blocking problem of the day, people in list order, then the ledger's."""
    problems: list[Problem] = []
    for line in records.lines:
        problems += line_problems(line)
    for visit in records.visits:
        who = ", ".join(visit.people)
        if visit.receipt is None:
            continue  # already named on each of its lines
        if not visit.lines_total == visit.receipt.total == visit.payments_net:
            problems.append(
                Problem(
                    "dossier.ledger_mismatch",
                    who,
                    "số tiền các dòng "
                    f"{format_vnd(visit.lines_total)}, biên lai {format_vnd(visit.receipt.total)}"
                    f", đã thu {format_vnd(visit.payments_net)} không khớp",
                    f"lines {format_vnd(visit.lines_total)}, receipt "
                    f"{format_vnd(visit.receipt.total)}, collected "
                    f"{format_vnd(visit.payments_net)} do not agree",
                    visit.receipt.number,
                )
            )
    return problems


def line_problems(line: Line) -> list[Problem]:
    """What the forms need from this person and line that the store lacks or holds wrong."""
    p = line.person
    receipt = line.receipt.number if line.receipt else ""
    found: list[Problem] = []

    def need(code: str, vi: str, en: str) -> None:
        found.append(Problem(f"dossier.{code}", p.full_name, vi, en, receipt))

    if not (p.personal_id.isdigit() and len(p.personal_id) == PERSONAL_ID_DIGITS):
        need("missing_identity", "thiếu số định danh cá nhân", "identity number missing")
    if p.si_number and not (p.si_number.isdigit() and len(p.si_number) == SI_DIGITS):
        need(
            "bad_si_number",
            "mã số BHXH không đúng 10 chữ số",
            "social insurance number is not 10 digits",
        )
    elif not p.si_number and _vss_has_number(line):
        need(
            "missing_si_number",
            "thiếu mã số BHXH (người đã tham gia, BHXH đã cấp mã)",
            "social insurance number missing (VSS numbered this person before)",
        )
    if line.receipt is None:
        need("missing_receipt", "thiếu số và ngày biên lai", "receipt number and date missing")
    if not p.ethnicity.strip():
        # Nobody asked (a desk registration left without it, a visit stored before the
        # touchscreen asked everyone): DanToc must not be guessed, so the desk asks and records
        # it (kiosk.services.person_facts.set_ethnicity).
        need(
            "missing_ethnicity",
            "chưa hỏi dân tộc (hỏi người tham gia rồi ghi tại quầy)",
            "ethnic group not asked (ask the participant and record it at the desk)",
        )
    elif find_ethnicity(p.ethnicity) is None:
        need(
            "bad_ethnicity",
            f"dân tộc “{p.ethnicity}” không có trong danh mục",
            f"ethnic group “{p.ethnicity}” is not in the list",
        )
    if line.scheme == Scheme.BHYT_HOUSEHOLD and line.start_date is None:
        need(
            "missing_cover_start",
            "thiếu ngày thẻ BHYT bắt đầu có giá trị",
            "health cover start date missing",
        )
    if line.scheme == Scheme.BHXH_VOLUNTARY:
        if not line.chosen_income:
            need("missing_income", "thiếu mức thu nhập chọn đóng", "chosen income missing")
        if line.mode is None:
            need("missing_mode", "thiếu phương thức đóng", "payment mode missing")
        if line.mode == VoluntaryMode.BACK:
            # The first missing month is what D05-TS's "from month" means for a back payment,
            # and the kiosk does not record it: staff must declare this person by hand.
            need(
                "missing_back_month",
                "đóng bù: thiếu tháng bắt đầu đóng bù",
                "back payment: first missing month not recorded",
            )
    return found


def _vss_has_number(line: Line) -> bool:
    """VSS numbered everyone renewing a card or paying back months they missed."""
    return line.is_renewal or line.mode == VoluntaryMode.BACK
