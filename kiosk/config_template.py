"""The commented default configuration written by `python -m kiosk init`."""

DEFAULT_CONFIG = """\
# Cấu hình ki-ốt sự kiện BHXH / BHYT — event kiosk configuration.
# Sửa các giá trị rồi khởi động lại ki-ốt. Edit the values, then restart the kiosk.

[event]
name = "Ngày hội BHXH, BHYT tại xã"      # shown on receipts and reports
venue = "Nhà văn hóa xã"
commune = "Xã Mẫu"
province = "Đắk Lắk"
starts_on = 2026-11-25
ends_on = 2026-11-25

[kiosk]
id = "K01"                 # unique per kiosk at the event: letters, digits, - or _
name = "Bàn thu số 1"
receipt_series = "K01"     # receipt series printed before the number (capitals/digits)
mode = "staff"             # "staff" = desk console, "selfservice" = touchscreen for attendees
idle_timeout_s = 90        # self-service screens wipe everything after this many idle seconds

[bank]
# VietQR bank transfer account (NAPAS BIN of the bank: Agribank 970405, BIDV 970418,
# Vietcombank 970436, VietinBank 970415 ...). Money is confirmed by staff or by a statement.
bin = "970405"
account = "0000000000000"
account_name = "BAO HIEM XA HOI TINH"
purpose_prefix = "BHXH"     # the transfer reference starts with this

[languages]
available = ["vi", "en"]
default = "vi"

[database]
# Empty: SQLite (WAL) in the kiosk's data folder. Several kiosks at one event share PostgreSQL:
# url = "postgresql+psycopg://kiosk:secret@192.168.1.10/event"  (or set KIOSK_DATABASE_URL)
url = ""

[output]
dir = ""                    # empty: <data folder>/output (PDF printer and exports)

# Printers by role. backend is one of:
#   pdf-folder     write PDFs into the output folder (default, training mode)
#   escpos-network host = "192.168.1.50", port = 9100, timeout_s = 3, profile = "TM-T88V", width_mm = 80
#   escpos-usb     vendor_id = 0x04b8, product_id = 0x0202, profile = "TM-T88V", width_mm = 80
#   escpos-serial  device = "/dev/ttyUSB0", baudrate = 9600, width_mm = 58
#   escpos-file    path = "/dev/usb/lp0", width_mm = 80
#   cups           queue = "Card_Printer" (the OS spooler; the page size comes from the document)
[printers.receipt]
backend = "pdf-folder"
width_mm = 80

[printers.card]
backend = "pdf-folder"

[printers.booklet]
backend = "pdf-folder"
offset_x_mm = 0.0           # calibration: move every field right (+) or left (-)
offset_y_mm = 0.0           # calibration: move every field down (+) or up (-)

[printers.declaration]
backend = "pdf-folder"
"""
