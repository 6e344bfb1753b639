<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="vi">
    <context>
        <name>DetailsScreen</name>
        <message>
            <location filename="../../ui/selfservice/details.py" line="149" />
            <source>Họ và tên</source>
            <translation>Full name</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/details.py" line="150" />
            <source>Ngày sinh</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/details.py" line="151" />
            <source>Giới tính</source>
            <translation>Sex</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/details.py" line="152" />
            <source>Số định danh (CCCD)</source>
            <translation>ID number (CCCD)</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/details.py" line="153" />
            <source>Số điện thoại</source>
            <translation>Phone number</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/details.py" line="154" />
            <source>Địa chỉ</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/details.py" line="158" />
            <source>ngày/tháng/năm</source>
            <translation>dd/mm/yyyy</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/details.py" line="159" />
            <source>không bắt buộc</source>
            <translation>optional</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/details.py" line="160" />
            <source>Nam</source>
            <translation>Male</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/details.py" line="161" />
            <source>Nữ</source>
            <translation>Female</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/details.py" line="166" />
            <source>Thông tin của bạn</source>
            <translation>Your details</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/selfservice/details.py" line="169" />
            <source>Thông tin người thứ %n</source>
            <translation>
                <numerusform>Details of person %n</numerusform>
                <numerusform>Details of person %n</numerusform>
            </translation>
        </message>
        <message>
            <source>Cùng địa chỉ với hộ</source>
            <translation>Same address as the household</translation>
        </message>
    </context>
    <context>
        <name>HouseholdScreen</name>
        <message>
            <location filename="../../ui/selfservice/household.py" line="37" />
            <source>Ai cùng đăng ký với bạn?</source>
            <translation>Who is registering with you?</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/household.py" line="39" />
            <source>Thêm người cùng hộ gia đình (cùng nơi thường trú): quét thẻ căn cước của họ hoặc bấm “Thêm người”.</source>
            <translation>Add people of your household (same permanent residence): scan their ID card or tap “Add person”.</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/household.py" line="45" />
            <source>Thêm người</source>
            <translation>Add person</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/household.py" line="74" />
            <source>Sửa</source>
            <translation>Change</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/household.py" line="81" />
            <source>Xóa</source>
            <translation>Remove</translation>
        </message>
    </context>
    <context>
        <name>IdentifyScreen</name>
        <message>
            <location filename="../../ui/selfservice/welcome.py" line="107" />
            <source>Quét thẻ căn cước của bạn</source>
            <translation>Scan your ID card</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/welcome.py" line="109" />
            <source>Quét thẻ căn cước của người thân</source>
            <translation>Scan your relative's ID card</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/welcome.py" line="117" />
            <source>Không có thẻ?</source>
            <translation>No card?</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/welcome.py" line="118" />
            <source>Nhập thông tin bằng tay</source>
            <translation>Type the details</translation>
        </message>
        <message>
            <source>Đưa mã QR trên thẻ căn cước (mặt trước thẻ CCCD, mặt sau thẻ căn cước mới) vào dưới máy quét, giữ yên đến khi nghe tiếng bíp.</source>
            <translation>Hold the QR code of the ID card (on the front of a CCCD card, on the back of the new 2024 ID card) under the scanner until you hear a beep.</translation>
        </message>
    </context>
    <context>
        <name>IdleOverlay</name>
        <message>
            <location filename="../../ui/widgets/idle.py" line="167" />
            <source>Bạn còn đó không?</source>
            <translation>Are you still there?</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/idle.py" line="169" />
            <source>Khi hết giờ, mọi thông tin bạn đã nhập sẽ được xóa để bảo vệ dữ liệu cá nhân.</source>
            <translation>When the time is up, everything you entered is erased to protect your personal data.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/idle.py" line="174" />
            <source>Tiếp tục</source>
            <translation>Continue</translation>
        </message>
    </context>
    <context>
        <name>NumPad</name>
        <message>
            <location filename="../../ui/widgets/numpad.py" line="54" />
            <source>Xóa lùi</source>
            <translation>Backspace</translation>
        </message>
        <message>
            <source>Xóa hết</source>
            <translation>Clear</translation>
        </message>
    </context>
    <context>
        <name>OnScreenKeyboard</name>
        <message>
            <location filename="../../ui/widgets/keyboard.py" line="233" />
            <source>Dấu cách</source>
            <translation>Space</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/keyboard.py" line="234" />
            <source>Xóa lùi</source>
            <translation>Backspace</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/keyboard.py" line="236" />
            <source>Gõ tiếng Việt kiểu Telex: aa → â, dd → đ, s → dấu sắc</source>
            <translation>Vietnamese Telex typing: aa → â, dd → đ, s → acute accent</translation>
        </message>
        <message>
            <source>Xóa hết</source>
            <translation>Clear</translation>
        </message>
    </context>
    <context>
        <name>PaymentScreen</name>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="40" />
            <source>Đã lưu đăng ký. Bạn muốn thanh toán thế nào?</source>
            <translation>Registration saved. How would you like to pay?</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="43" />
            <source>Chuyển khoản ngay bằng mã VietQR
Quét mã bằng ứng dụng ngân hàng</source>
            <translation>Bank transfer now with VietQR
Scan the code with your banking app</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="48" />
            <source>Trả tại bàn thu
Nhận phiếu số thứ tự, nộp tiền mặt tại bàn</source>
            <translation>Pay at the cash desk
Take a queue ticket and pay cash at the desk</translation>
        </message>
    </context>
    <context>
        <name>PeriodScreen</name>
        <message>
            <location filename="../../ui/selfservice/schemes.py" line="148" />
            <source>Bảo hiểm y tế: đóng cho bao lâu?</source>
            <translation>Health insurance: pay for how long?</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/schemes.py" line="150" />
            <source>Bảo hiểm xã hội tự nguyện: đóng mỗi lần bao lâu?</source>
            <translation>Voluntary social insurance: how long each payment?</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/selfservice/schemes.py" line="157" />
            <source>%n tháng</source>
            <translation>
                <numerusform>%n month</numerusform>
                <numerusform>%n months</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/schemes.py" line="165" />
            <source>Thời gian đóng của %1</source>
            <translation>Payment period for %1</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/schemes.py" line="169" />
            <source>Thu nhập: %1 mỗi tháng</source>
            <translation>Income: %1 per month</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/schemes.py" line="174" />
            <source>Số tiền đóng: %1 mỗi tháng</source>
            <translation>You pay: %1 per month</translation>
        </message>
        <message>
            <source>Thu nhập hằng tháng chọn để đóng (gõ số hoặc chọn):</source>
            <translation>Monthly income to contribute on (type it or choose):</translation>
        </message>
        <message>
            <source>Từ %1 đến %2</source>
            <translation>From %1 to %2</translation>
        </message>
        <message>
            <source>cả nhà</source>
            <translation>the whole household</translation>
        </message>
    </context>
    <context>
        <name>PinPanel</name>
        <message>
            <location filename="../../ui/kiosk_mode.py" line="165" />
            <source>Mã PIN không đúng.</source>
            <translation>Wrong PIN.</translation>
        </message>
        <message>
            <location filename="../../ui/kiosk_mode.py" line="168" />
            <source>Nhân viên: nhập mã PIN để thoát</source>
            <translation>Staff: enter the PIN to exit</translation>
        </message>
        <message>
            <location filename="../../ui/kiosk_mode.py" line="169" />
            <source>Hủy</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/kiosk_mode.py" line="170" />
            <source>Xác nhận</source>
            <translation>Confirm</translation>
        </message>
        <message>
            <source>Đang kiểm tra…</source>
            <translation>Checking…</translation>
        </message>
    </context>
    <context>
        <name>ReviewScreen</name>
        <message>
            <location filename="../../ui/selfservice/review.py" line="48" />
            <source>Kiểm tra lại trước khi xác nhận</source>
            <translation>Check before you confirm</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/review.py" line="49" />
            <source>Tổng cộng phải đóng</source>
            <translation>Total to pay</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/review.py" line="51" />
            <source>Bấm “Xác nhận” để lưu đăng ký. Nhân viên sẽ kiểm tra lại giấy tờ khi bạn thanh toán.</source>
            <translation>Tap “Confirm” to save the registration. Staff will check your papers when you pay.</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/review.py" line="56" />
            <source>Xác nhận</source>
            <translation>Confirm</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/review.py" line="70" />
            <source>Người tham gia</source>
            <translation>Person</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/review.py" line="71" />
            <source>Loại bảo hiểm</source>
            <translation>Insurance</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/review.py" line="72" />
            <source>Thời gian</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/review.py" line="73" />
            <source>Số tiền</source>
            <translation>Amount</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/selfservice/review.py" line="85" />
            <source>%n tháng</source>
            <translation>
                <numerusform>%n month</numerusform>
                <numerusform>%n months</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/review.py" line="105" />
            <source>Nhà nước hỗ trợ theo nhóm: %1</source>
            <translation>State support for: %1</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/review.py" line="101" />
            <source>Đã có thẻ BHYT, không phải đóng: %1</source>
            <translation>Already insured, nothing to pay: %1</translation>
        </message>
    </context>
    <context>
        <name>SchemeScreen</name>
        <message>
            <location filename="../../ui/selfservice/schemes.py" line="47" />
            <source>Bảo hiểm y tế hộ gia đình
Khám chữa bệnh có thẻ BHYT</source>
            <translation>Household health insurance
Medical care with a health insurance card</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/schemes.py" line="50" />
            <source>Bảo hiểm xã hội tự nguyện
Đóng để có lương hưu khi về già</source>
            <translation>Voluntary social insurance
Contribute now for a pension in old age</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/schemes.py" line="53" />
            <source>Cả hai
BHYT hộ gia đình và BHXH tự nguyện</source>
            <translation>Both
Health insurance and voluntary social insurance</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/schemes.py" line="62" />
            <source>%1 muốn tham gia bảo hiểm nào?</source>
            <translation>Which insurance does %1 want?</translation>
        </message>
        <message numerus="yes">
            <source>Bảo hiểm y tế hộ gia đình cho cả %n người
Chọn một lần cho cả nhà</source>
            <translation>
                <numerusform>Household health insurance for all %n people
One choice for the whole family</numerusform>
                <numerusform>Household health insurance for all %n people
One choice for the whole family</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Screen</name>
        <message>
            <location filename="../../ui/selfservice/base.py" line="107" />
            <source>Quay lại</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/base.py" line="108" />
            <source>Tiếp tục</source>
            <translation>Continue</translation>
        </message>
    </context>
    <context>
        <name>SelfServiceWizard</name>
        <message>
            <location filename="../../ui/selfservice/wizard.py" line="151" />
            <source>Bảo hiểm xã hội Việt Nam</source>
            <translation>Vietnam Social Security</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/wizard.py" line="152" />
            <source>Chữ to</source>
            <translation>Larger text</translation>
        </message>
        <message>
            <source>Đang lưu, xin chờ một chút…</source>
            <translation>Saving, please wait a moment…</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/wizard.py" line="205" />
            <source>Đang tính số tiền, xin chờ một chút…</source>
            <translation>Working out the amount, one moment please…</translation>
        </message>
    </context>
    <context>
        <name>ThanksScreen</name>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="152" />
            <source>Cảm ơn bạn đã đăng ký!</source>
            <translation>Thank you for registering!</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="153" />
            <source>Số thứ tự của bạn</source>
            <translation>Your queue number</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="154" />
            <source>Về màn hình đầu</source>
            <translation>Back to start</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="160" />
            <source>Mời bạn cầm phiếu in ra đến bàn thu để nộp tiền và nhận giấy tờ.</source>
            <translation>Please take the printed ticket to the cash desk to pay and collect your papers.</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="167" />
            <source>Mời bạn đến bàn nhân viên để nhận biên lai và giấy tờ.</source>
            <translation>Please go to the staff desk for your receipt and papers.</translation>
        </message>
    </context>
    <context>
        <name>VietQrScreen</name>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="86" />
            <source>Quét mã để chuyển khoản</source>
            <translation>Scan to pay by bank transfer</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="87" />
            <source>Đang chờ nhân viên xác nhận đã nhận tiền.</source>
            <translation>Waiting for staff to confirm the money has arrived.</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="89" />
            <source>1. Mở ứng dụng ngân hàng, chọn quét mã QR.
2. Kiểm tra số tiền rồi chuyển.
3. Đưa màn hình chuyển khoản thành công cho nhân viên.</source>
            <translation>1. Open your banking app and choose scan QR.
2. Check the amount, then send.
3. Show the successful transfer screen to the staff.</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="95" />
            <source>Tôi đã chuyển khoản</source>
            <translation>I have paid</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/payment.py" line="105" />
            <source>Số thứ tự: %1</source>
            <translation>Queue number: %1</translation>
        </message>
    </context>
    <context>
        <name>WelcomeScreen</name>
        <message>
            <location filename="../../ui/selfservice/welcome.py" line="63" />
            <source>Đăng ký BHYT hộ gia đình và BHXH tự nguyện</source>
            <translation>Register for household health insurance and voluntary social insurance</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/welcome.py" line="65" />
            <source>Tự đăng ký cho bạn và gia đình trong vài phút.</source>
            <translation>Register yourself and your family in a few minutes.</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/welcome.py" line="67" />
            <source>Bắt đầu</source>
            <translation>Start</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/welcome.py" line="69" />
            <source>Hoặc đưa mã QR trên thẻ căn cước vào máy quét để bắt đầu.</source>
            <translation>Or hold your ID card's QR code under the scanner to begin.</translation>
        </message>
    </context>
    <context>
        <name>CoverScreen</name>
        <message>
            <location filename="../../ui/selfservice/cover.py" line="78" />
            <source>%1 có thẻ BHYT ở nơi khác không?</source>
            <translation>Does %1 have a health insurance card from elsewhere?</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/cover.py" line="73" />
            <source>Có: %1</source>
            <translation>Yes: %1</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/cover.py" line="70" />
            <source>Không, chưa có thẻ BHYT</source>
            <translation>No, no health insurance card yet</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/cover.py" line="66" />
            <source>Người đã có thẻ BHYT (ví dụ thẻ học sinh làm ở trường) không phải đóng ở đây và không tính vào số người đóng của hộ. Nhân viên sẽ xem thẻ khi bạn thanh toán.</source>
            <translation>Someone who already has a health insurance card (for example a pupil's card from school) pays nothing here and is not counted among the household's payers. Staff will look at the card when you pay.</translation>
        </message>
    </context>
    <context>
        <name>EthnicityPicker</name>
        <message>
            <location filename="../../ui/selfservice/ethnicity_picker.py" line="96" />
            <source>Gõ vài chữ của tên dân tộc (không cần dấu), rồi chạm vào tên đúng.</source>
            <translation>Type a few letters of the group's name (no accents needed), then touch the right name.</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/ethnicity_picker.py" line="100" />
            <source>Không có dân tộc nào có tên như vậy. Hãy gõ lại.</source>
            <translation>No ethnic group has a name like that. Please type it again.</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/ethnicity_picker.py" line="102" />
            <source>Về danh sách ngắn</source>
            <translation>Back to the short list</translation>
        </message>
    </context>
    <context>
        <name>EthnicityChoices</name>
        <message>
            <location filename="../../ui/selfservice/ethnicity_choices.py" line="70" />
            <source>Dân tộc khác: %1</source>
            <translation>Another group: %1</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/ethnicity_choices.py" line="68" />
            <source>Dân tộc khác…</source>
            <translation>Another group…</translation>
        </message>
    </context>
    <context>
        <name>EthnicityScreen</name>
        <message>
            <location filename="../../ui/selfservice/ethnicity.py" line="67" />
            <source>%1 là người dân tộc nào?</source>
            <translation>Which ethnic group is %1?</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/ethnicity.py" line="63" />
            <source>Bạn là người dân tộc nào?</source>
            <translation>Which ethnic group are you?</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/ethnicity.py" line="58" />
            <source>Mỗi người một dân tộc khác</source>
            <translation>Not everyone is the same group</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/ethnicity.py" line="61" />
            <source>Những người này là dân tộc nào?</source>
            <translation>Which ethnic group are these people?</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/ethnicity.py" line="51" />
            <source>Tờ khai gửi cơ quan BHXH ghi dân tộc của từng người. Câu trả lời không làm thay đổi số tiền phải đóng.</source>
            <translation>The declaration sent to Social Insurance records each person's ethnic group. The answer does not change the amount to pay.</translation>
        </message>
    </context>
    <context>
        <name>SupportScreen</name>
        <message>
            <location filename="../../ui/selfservice/support.py" line="117" />
            <source>Bạn là người dân tộc nào?</source>
            <translation>Which ethnic group are you?</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/support.py" line="115" />
            <source>Gia đình bạn có sổ hộ nghèo / cận nghèo không?</source>
            <translation>Does your family have a poor or near-poor household book?</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/support.py" line="125" />
            <source>Hỗ trợ tiền đóng cho %1</source>
            <translation>Help with the contribution for %1</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/support.py" line="118" />
            <source>Không</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../ui/selfservice/support.py" line="110" />
            <source>Nhà nước hỗ trợ một phần tiền đóng BHXH tự nguyện, nhiều hơn cho hộ nghèo, hộ cận nghèo và người dân tộc thiểu số. Nhân viên sẽ xem giấy tờ khi bạn thanh toán.</source>
            <translation>The state pays part of the voluntary social insurance contribution, more for poor and near-poor households and for ethnic minorities. Staff will look at your papers when you pay.</translation>
        </message>
    </context>
</TS>