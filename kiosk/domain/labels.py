"""Words people read for the kiosk's enumerations, in Vietnamese and English: the one copy.

Screens, paper, exports and the command line take their labels from here, so a shift report
says "Thẻ ngân hàng" on the screen and on the slip alike. Vietnamese is the source language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from kiosk.domain.enums import (
    ActivityKind,
    DocumentKind,
    EnrollmentStatus,
    PaymentMethod,
    PaymentStatus,
    PrinterRole,
    PrintStatus,
    Role,
    Scheme,
    SupportGroup,
)


@dataclass(frozen=True)
class Label:
    """One label in both languages."""

    vi: str
    en: str

    def text(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


METHOD: Mapping[PaymentMethod, Label] = {
    PaymentMethod.CASH: Label("Tiền mặt", "Cash"),
    PaymentMethod.VIETQR: Label("Chuyển khoản VietQR", "VietQR transfer"),
    PaymentMethod.CARD: Label("Thẻ ngân hàng", "Bank card"),
}
SCHEME: Mapping[Scheme, Label] = {
    Scheme.BHYT_HOUSEHOLD: Label("BHYT hộ gia đình", "Household health insurance"),
    Scheme.BHXH_VOLUNTARY: Label("BHXH tự nguyện", "Voluntary social insurance"),
}
SCHEME_SHORT: Mapping[Scheme, Label] = {
    Scheme.BHYT_HOUSEHOLD: Label("BHYT HGĐ", "Household HI"),
    Scheme.BHXH_VOLUNTARY: Label("BHXH TN", "Voluntary SI"),
}
GROUP: Mapping[SupportGroup, Label] = {
    SupportGroup.POOR: Label("Hộ nghèo", "Poor household"),
    SupportGroup.NEAR_POOR: Label("Hộ cận nghèo", "Near-poor household"),
    SupportGroup.ETHNIC_MINORITY: Label("Người dân tộc thiểu số", "Ethnic minority"),
    SupportGroup.OTHER: Label("Đối tượng khác", "Everyone else"),
}
PAYMENT_STATUS: Mapping[PaymentStatus, Label] = {
    PaymentStatus.PENDING: Label("Chờ xác nhận", "Waiting for confirmation"),
    PaymentStatus.CONFIRMED: Label("Đã nhận", "Received"),
    PaymentStatus.DECLINED: Label("Bị từ chối", "Declined"),
    PaymentStatus.VOIDED: Label("Đã hủy", "Voided"),
}
ENROLLMENT_STATUS: Mapping[EnrollmentStatus, Label] = {
    EnrollmentStatus.DRAFT: Label("Chờ ở bàn", "Waiting at the desk"),
    EnrollmentStatus.QUOTED: Label("Chưa thanh toán", "Not paid"),
    EnrollmentStatus.PAID: Label("Đã thanh toán", "Paid"),
    EnrollmentStatus.CANCELLED: Label("Đã hủy", "Cancelled"),
    EnrollmentStatus.NOT_ELIGIBLE: Label("Không thu (đã có nơi đóng)", "Not charged (covered)"),
}
PRINT_STATUS: Mapping[PrintStatus, Label] = {
    PrintStatus.QUEUED: Label("Chờ in", "Waiting"),
    PrintStatus.PRINTING: Label("Đang in", "Printing"),
    PrintStatus.DONE: Label("Đã in", "Printed"),
    PrintStatus.FAILED: Label("Lỗi", "Failed"),
    PrintStatus.CANCELLED: Label("Đã hủy", "Cancelled"),
    PrintStatus.REVIEW: Label("Cần kiểm tra", "Check the printer"),
}
DOCUMENT: Mapping[DocumentKind, Label] = {
    DocumentKind.RECEIPT: Label("Biên lai", "Receipt"),
    DocumentKind.CARD: Label("Thẻ BHYT", "Health insurance card"),
    DocumentKind.BOOKLET: Label("Bìa sổ BHXH", "Booklet cover"),
    DocumentKind.DECLARATION: Label("Tờ khai TK1-TS", "TK1-TS declaration"),
    DocumentKind.QUEUE_TICKET: Label("Phiếu số thứ tự", "Queue ticket"),
    DocumentKind.SHIFT_REPORT: Label("Báo cáo ca", "Shift report"),
    DocumentKind.TEST_PAGE: Label("Trang in thử", "Test page"),
}
PRINTER_ROLE: Mapping[PrinterRole, Label] = {
    PrinterRole.RECEIPT: Label("Biên lai", "Receipts"),
    PrinterRole.CARD: Label("Thẻ", "Cards"),
    PrinterRole.BOOKLET: Label("Sổ", "Booklets"),
    PrinterRole.DECLARATION: Label("Tờ khai", "Forms"),
}
ROLE: Mapping[Role, Label] = {
    Role.STAFF: Label("Nhân viên", "Staff"),
    Role.SUPERVISOR: Label("Giám sát", "Supervisor"),
}
ACTIVITY: Mapping[ActivityKind, Label] = {
    ActivityKind.VSSID_INSTALL: Label("Hướng dẫn cài VssID", "VssID install guided"),
    ActivityKind.NONCASH_PENSION: Label(
        "Đăng ký nhận lương hưu không dùng tiền mặt", "Pension moved to non-cash payment"
    ),
    ActivityKind.CONSULTATION: Label("Tư vấn", "Consultation"),
}

# What the audit log's actions mean (kiosk.services.audit records them by these codes).
AUDIT_ACTION: Mapping[str, Label] = {
    "print.queued": Label("Đưa vào hàng đợi in", "Queued for printing"),
    "print.done": Label("In xong", "Printed"),
    "print.failed": Label("In không thành công", "Printing failed"),
    "print.fault": Label("Máy in báo lỗi", "Printer fault"),
    "print.cancelled": Label("Hủy lệnh in", "Print job cancelled"),
    "print.retry": Label("Thử in lại", "Print retried"),
    "print.recovered": Label("Khôi phục lệnh in dở", "Interrupted print job recovered"),
    "print.reprint_queued": Label("Yêu cầu in lại", "Reprint requested"),
    "print.reprinted": Label("Đã in lại", "Reprinted"),
    "print.review_printed": Label("Xác nhận đã in", "Confirmed as printed"),
    "print.review_requeued": Label("Đưa lại vào hàng đợi in", "Put back on the print queue"),
    "payment.recorded": Label("Ghi nhận thanh toán", "Payment recorded"),
    "payment.confirmed": Label("Xác nhận đã nhận tiền", "Money confirmed as received"),
    "payment.cancelled": Label("Hủy thanh toán", "Payment cancelled"),
    "payment.refunded": Label("Hoàn trả tiền", "Money handed back"),
    "receipt.issued": Label("Xuất biên lai", "Receipt issued"),
    "receipt.void": Label("Hủy biên lai", "Receipt voided"),
    "receipt.voided": Label("Hủy biên lai", "Receipt voided"),
    "staff.login": Label("Đăng nhập", "Logged in"),
    "staff.login_failed": Label("Đăng nhập sai mã PIN", "Wrong PIN at login"),
    "staff.logout": Label("Đăng xuất", "Logged out"),
    "staff.locked": Label("Tạm khóa đăng nhập", "Login locked for a while"),
    "staff.created": Label("Tạo tài khoản nhân viên", "Staff account created"),
    "shift.opened": Label("Mở ca", "Shift opened"),
    "shift.closed": Label("Đóng ca", "Shift closed"),
    "shift.cash_movement": Label("Nộp/rút tiền mặt trong ca", "Cash put in or taken out"),
    "campaign.recorded": Label("Ghi nhận hoạt động chiến dịch", "Campaign activity recorded"),
    "bundle.exported": Label("Xuất gói dữ liệu đồng bộ", "Bundle exported"),
    "bundle.merged": Label("Nhập gói dữ liệu đồng bộ", "Bundle merged"),
    "visit.registered": Label("Đăng ký lượt tham gia", "Visit registered"),
    "visit.requoted": Label("Tính lại số tiền", "Amount recomputed"),
    "person.ethnicity_recorded": Label("Ghi dân tộc tại quầy", "Ethnic group recorded at the desk"),
    "issuance.provisional": Label(
        "Cấp xác nhận thẻ BHYT tạm thời", "Provisional confirmation issued"
    ),
    "statement.applied": Label("Đối soát sao kê ngân hàng", "Bank statement matched"),
    "retention.purged": Label("Xóa dữ liệu hết hạn lưu trữ", "Expired personal data removed"),
}

# A household's members this fiscal year (kiosk/store/models/household_year.py stores the codes).
MEMBER_STATUS: Mapping[str, Label] = {
    "paying": Label("Đóng BHYT hộ gia đình", "Pays household health insurance"),
    "covered": Label("Đã có thẻ BHYT nơi khác", "Covered by another scheme"),
}
PAID_SOURCE: Mapping[str, Label] = {
    "visit": Label("Tại ki-ốt", "At the kiosk"),
    "declared": Label("Người dân khai", "Declared by the attendee"),
    "vss_record": Label("Dữ liệu BHXH", "VSS records"),
}

_BY_TYPE: Mapping[type[Enum], Mapping[Any, Label]] = {
    PaymentMethod: METHOD,
    Scheme: SCHEME,
    SupportGroup: GROUP,
    PaymentStatus: PAYMENT_STATUS,
    EnrollmentStatus: ENROLLMENT_STATUS,
    PrintStatus: PRINT_STATUS,
    DocumentKind: DOCUMENT,
    PrinterRole: PRINTER_ROLE,
    ActivityKind: ACTIVITY,
    Role: ROLE,
}


def label(value: Enum, lang: str = "vi") -> str:
    """The label of an enumeration value in `lang` ("vi" or "en")."""
    return _BY_TYPE[type(value)][value].text(lang)


def payment_mode(months: int, lang: str = "vi") -> str:
    """How often a contribution is paid, as the forms say it ("Hằng tháng", "6 tháng")."""
    if months == 1:
        return "Monthly" if lang == "en" else "Hằng tháng"
    return f"{months} months" if lang == "en" else f"{months} tháng"


def audit_action(action: str, lang: str = "vi") -> str:
    """The name of a known audit action; an unknown one is shown as stored."""
    known = AUDIT_ACTION.get(action)
    return known.text(lang) if known else action


def coded(table: Mapping[str, Label], code: str, lang: str = "vi") -> str:
    """The label of a stored code in one of the code tables above; an unknown code as stored."""
    known = table.get(code)
    return known.text(lang) if known else code
