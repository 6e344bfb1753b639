"""Sample scans (MẪU: invented people) in every layout the readers know."""

from __future__ import annotations

AN = "066090123456||Nguyễn Văn An|01021990|Nam|Buôn Ma Thuột, Đắk Lắk|01022021"
HUYEN_OLD9 = "066185000123|245123456|Nguyễn Thị Huyền|14031985|Nữ|Thôn 3, Ea Kao|01082021"
MAI_OLD12 = "001183001234|001183004567|Lê Thị Mai|05061983|Nữ|Ba Đình, Hà Nội|10102021"
KHOA_2024 = "066201005464|281342079|Phạm Minh Khoa|09032001|Nam|Tổ 13, Ấp Hòa Cường|19032026||||"
AN_SIX = "066090123456|Nguyễn Văn An|01021990|Nam|Buôn Ma Thuột, Đắk Lắk|01022021"
AN_EXTRA = AN + "|X1|"
AN_TRUNCATED = "066090123456||Nguyễn Văn An|0102"
AN_ASCII = "066090123456||NGUYEN VAN AN|01021990|Nam|Buon Ma Thuot, Dak Lak|01022021"
ABROAD = "999090123456||Nguyễn Văn Xa|01021990|Nam|Paris|01022021"


def hexed(text: str) -> str:
    return text.encode("utf-8").hex()


# The 14 fields of a 2016-2020 card (github.com/nguyenkimnam1002/kiotkhambenh_vpc quotes one).
CARD_2017 = "|".join(
    [
        "GD4666612345678",
        hexed("Nguyễn Thị Huyền"),
        "14/03/1985",
        "2",
        hexed("Thôn 3, Ea Kao, Đắk Lắk"),
        "66 - 023",
        "01/01/2017",
        "31/12/2017",
        "01/01/2017",
        "0106612345678",
        "-",
        "4",
        "01/01/2022",
        "0a1b2c3d4e5f6071-1234",
        "$",
    ]
)
