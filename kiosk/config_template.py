"""The commented default configuration written by `python -m kiosk init`."""

DEFAULT_CONFIG = """\
# Cấu hình ki-ốt sự kiện BHXH / BHYT — event kiosk configuration.
# Sửa các giá trị rồi khởi động lại ki-ốt. Edit the values, then restart the kiosk.

[event]
name = "Ngày hội BHXH, BHYT tại xã"      # shown on receipts and reports
venue = "Nhà văn hóa xã"          # where the booth is (printed with the event name)
commune = "Xã Mẫu"                 # the commune hosting the event
province = "Đắk Lắk"               # its largest ethnic groups are offered first on the touchscreen
starts_on = 2026-11-25             # first day of the event (YYYY-MM-DD)
ends_on = 2026-11-25               # last day; `kiosk doctor` warns when it has passed

[kiosk]
id = "K01"                 # unique per kiosk at the event: letters, digits, - or _
name = "Bàn thu số 1"      # this desk's name on screens and reports
receipt_series = "K01"     # receipt series printed before the number (capitals/digits)
mode = "staff"             # "staff" = desk console, "selfservice" = touchscreen for attendees
idle_timeout_s = 90        # self-service screens wipe everything after this many idle seconds

[agent]
# The collection agent (đại lý thu: post office, commune organisation) this kiosk collects for.
# Printed on every receipt (form C45-BB) as "<name>, tổ chức được BHXH uỷ quyền thu" and
# written into the dossier for VSS. Only the office fills these in: never make one up.
name = ""                   # e.g. "Bưu điện xã Ea Kao"
code = ""                   # the agent's unit code given by VSS
address = ""                # the agent's address (dossier)
unit_kind = ""              # unit kind, as the I-VAN provider's guide says
tax_code = ""               # the agent's tax code (dossier)
signer = ""                 # who signs the dossier
phone = ""                  # the agent's phone number (dossier)
vss_office = ""             # code of the VSS office that manages the agent
ivan_code = ""              # I-VAN provider code given by VSS
ivan_name = ""              # the I-VAN provider's name
# The receipt series (ký hiệu) VSS allocated to the agent, one per scheme; each kiosk needs its
# own. Empty: "YT-<receipt_series>" and "XH-<receipt_series>" (training only).
series_bhyt = ""            # household health insurance
series_bhxh = ""            # voluntary social insurance

[bank]
# VietQR bank transfer account (NAPAS BIN of the bank: Agribank 970405, BIDV 970418,
# Vietcombank 970436, VietinBank 970415 ...). Money is confirmed by staff or by a statement.
bin = "970405"
account = "0000000000000"   # the placeholder: VietQR is refused until the real number is here
account_name = "BAO HIEM XA HOI TINH"  # the holder as the bank shows it (capitals, no accents)
purpose_prefix = "BHXH"     # the transfer reference starts with this

[languages]
available = ["vi", "en"]    # languages the touchscreen offers; one only: no language buttons
default = "vi"              # the language each attendee starts in (after every attendee too)

[database]
# Empty: SQLite (WAL) in the kiosk's data folder. Several kiosks at one event share PostgreSQL:
# url = "postgresql+psycopg://kiosk:secret@192.168.1.10/event"  (or set KIOSK_DATABASE_URL)
url = ""

[output]
dir = ""                    # empty: <data folder>/output (PDF printer and exports)

[office]
# The provincial office's public key, printed by `python -m kiosk office-key` on the office
# machine. Export bundles are encrypted to it, so a lost USB stick reveals nothing. Bundles
# cannot be exported while it is empty.
public_key = ""

[scanner]
# The ID-card QR scanner. "keyboard": a USB scanner typing like a keyboard (works with no set-up,
# but most systems cannot type "ễ": names then arrive without accents and must be checked).
# "serial": the scanner in USB-COM / CDC-ACM mode sends the QR's UTF-8 text intact (recommended;
# see the README). "camera" is not available in this build.
mode = "keyboard"
device = ""                 # serial: "/dev/ttyACM0" or "COM5"; empty = found automatically
baudrate = 9600             # serial: the scanner's speed (its manual; 9600 is usual)
max_gap_ms = 80             # keyboard: longest pause inside one scan

# Printers by role. backend is one of:
#   pdf-folder     write PDFs into the output folder (default, training mode)
#   escpos-network host = "192.168.1.50", port = 9100, timeout_s = 3, profile = "TM-T88V", width_mm = 80
#   escpos-usb     vendor_id = 0x04b8, product_id = 0x0202, profile = "TM-T88V", width_mm = 80
#   escpos-serial  device = "/dev/ttyUSB0", baudrate = 9600, width_mm = 58
#   escpos-file    path = "/dev/usb/lp0", width_mm = 80
#   cups           queue = "Card_Printer" (the OS spooler; the page size comes from the document)
#   qt-print       queue = "Evolis Primacy" (any printer the system's print dialog shows; "" = default), page_mm = [85.6, 53.98], max_dpi = 600
#   escpos-windows queue = "POS-80" (a receipt printer installed in Windows; needs pywin32), width_mm = 80
[printers.receipt]
backend = "pdf-folder"      # one of the backends above
width_mm = 80               # paper width: 80 or 58

[printers.card]
backend = "pdf-folder"      # one of the backends above

[printers.booklet]
backend = "pdf-folder"      # one of the backends above
offset_x_mm = 0.0           # calibration: move every field right (+) or left (-)
offset_y_mm = 0.0           # calibration: move every field down (+) or up (-)

[printers.declaration]
backend = "pdf-folder"      # one of the backends above
"""
