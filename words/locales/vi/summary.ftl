# Bản tóm tắt kết quả quét (tiếng Việt).
# Quy tắc: mỗi câu tối đa 30 âm tiết, câu chủ động, gọi người đọc là "quý vị", dùng từ thông
# dụng, không dùng chữ viết tắt mà không giải thích. Tên trong hồ sơ (sản phẩm, nhà sản xuất,
# phòng thử nghiệm...) được giữ nguyên, không dịch.
# Thuộc tính `.spoken` là điều trình đọc màn hình đọc lên khi khác với chữ hiển thị.

## Tiêu đề của từng mục, theo thứ tự hiển thị.

title-verification = Kiểm tra nhãn
title-trust-list = Danh sách cơ quan đăng ký
title-code-text = Nội dung của mã QR
title-product = Sản phẩm
title-support = Bản cập nhật bảo mật
title-updates = Cách cài bản cập nhật
title-sensors = Những gì nó cảm nhận được
title-sign-in = Đăng nhập
title-data-location = Dữ liệu của quý vị đi đâu
title-software-origin = Phần mềm đến từ đâu
title-authorization = Phê duyệt nhãn
title-tested-by = Phòng thử nghiệm
title-securing-this-product = Cài đặt an toàn
title-general-user-information = Về sản phẩm này
title-delete-data = Xóa dữ liệu của quý vị
title-account-deactivation = Đóng tài khoản
title-encryption-and-key-management = Bảo vệ dữ liệu
title-sbom-hbom = Danh sách những gì bên trong
title-security-contact = Báo cáo sự cố

## Mức độ bằng chữ, cho giao diện có dùng cả màu hoặc biểu tượng.

tone-good = Tốt
tone-neutral = Thông tin
tone-unknown = Chưa rõ
tone-caution = Cần chú ý
tone-bad = Có vấn đề

## Kết luận: điều được hiển thị và đọc lên đầu tiên.

verdict-genuine = Nhãn này là thật.
verdict-genuine-saved = Nhãn này là thật, theo một bản sao đã lưu.
verdict-genuine-but-stale = Nhãn này là thật, nhưng hồ sơ của cơ quan đăng ký đã cũ.
verdict-genuine-but-trust-list = Nhãn này là thật, nhưng danh sách cơ quan đăng ký của ứng dụng đã cũ.
verdict-genuine-but-unsupported = Nhãn này là thật, nhưng đừng trông chờ vào bản cập nhật bảo mật.
# $when: "hôm qua" hoặc một ngày.
verdict-genuine-but-ended = Nhãn này là thật, nhưng ngày cuối cùng có bản cập nhật bảo mật là { $when }.
# $when: "hôm nay", "ngày mai" hoặc một ngày.
verdict-genuine-but-ending = Nhãn này là thật, nhưng ngày cuối cùng có bản cập nhật bảo mật là { $when }.
verdict-genuine-but-no-updates = Nhãn này là thật, nhưng sản phẩm này không có bản cập nhật.
verdict-genuine-but-password = Nhãn này là thật, nhưng quý vị không thể đổi mật khẩu cài sẵn từ nhà máy.
verdict-genuine-but-data = Nhãn này là thật, nhưng dữ liệu của quý vị được gửi đến các quốc gia đáng lo ngại.
verdict-genuine-but-software = Nhãn này là thật, nhưng một phần phần mềm của nó đến từ các quốc gia đáng lo ngại.
verdict-genuine-but-suspended = Nhãn này là thật, nhưng việc phê duyệt đang bị tạm ngưng.
verdict-genuine-but-withdrawn = Nhãn này là thật, nhưng việc phê duyệt đã bị thu hồi.
verdict-genuine-but-expired = Nhãn này là thật, nhưng việc phê duyệt đã hết hạn.

# Thời hạn cập nhật, nói sau câu đầu tiên của kết luận.
verdict-support-until = Quý vị nhận được bản cập nhật bảo mật đến hết { $date }.
# Kết thúc trong vòng 6 tháng.
verdict-support-soon = Bản cập nhật bảo mật sắp kết thúc, vào { $date }.
verdict-support-today = Hôm nay là ngày cuối cùng có bản cập nhật bảo mật.
verdict-support-tomorrow = Ngày mai là ngày cuối cùng có bản cập nhật bảo mật.
verdict-support-yesterday = Hôm qua là ngày cuối cùng quý vị nhận được bản cập nhật bảo mật.
verdict-support-ended = Ngày cuối cùng có bản cập nhật bảo mật là { $date }.
verdict-support-unsupported = Đừng trông chờ vào bản cập nhật bảo mật.
verdict-support-unknown = Nhãn không cho biết bản cập nhật bảo mật kéo dài bao lâu.

verdict-more-problems = Còn { $count } vấn đề nữa ở bên dưới.

verdict-not-official = Cảnh báo: đây không phải là đường liên kết nhãn chính thức. Nó dẫn đến { $host }.
verdict-not-a-label = Mã QR này không phải là nhãn Cyber Trust Mark.
verdict-unknown-product = Cảnh báo: cơ quan đăng ký chính thức không biết nhãn này.
verdict-invalid = Cảnh báo: nhãn này không qua được một bước kiểm tra an ninh.
verdict-error-check = Chúng tôi không thể kiểm tra nhãn này.
verdict-error-offline = Chúng tôi không thể kiểm tra nhãn này khi không có mạng.
verdict-error-decode = Chúng tôi không đọc được mã QR nào trong hình này.

## Kiểm tra nhãn

# $when: "hôm nay", "hôm qua" hoặc "vào <ngày>".
verify-checked = Chúng tôi đã kiểm tra nhãn này với cơ quan đăng ký chính thức. Việc này diễn ra { $when }. Hồ sơ có chữ ký và khớp với nhãn này.
verify-saved-offline = Quý vị đang không có mạng, nên đây là một bản sao đã lưu.
verify-saved-unreachable = Cơ quan đăng ký không trả lời, nên đây là một bản sao đã lưu.
verify-saved-checked = Chúng tôi kiểm tra nó với cơ quan đăng ký chính thức lần cuối { $when }.
verify-stale = Nhưng hồ sơ của cơ quan đăng ký đã cũ. Cơ quan đăng ký cập nhật nó lần cuối vào { $date }.
# $host: tên máy chủ thật của đường liên kết.
verify-not-official = Đường liên kết này không dẫn đến cơ quan đăng ký chính thức. Nó dẫn đến { $host }.
# $ascii: cùng tên máy chủ đó, viết bằng chữ cái thông thường (punycode).
verify-host-ascii = Viết bằng chữ cái thông thường, địa chỉ đó là { $ascii }.
verify-open-nothing = Đừng mở đường liên kết này và đừng nhập gì vào trang web đó.
verify-not-a-label = Mã QR này không chứa địa chỉ web, nên không phải là đường liên kết nhãn.
verify-unknown-product = Cơ quan đăng ký chính thức không có hồ sơ nào cho nhãn này. Nhãn này có thể là giả.
# $reason: một trong các lý do trong check.ftl.
verify-invalid = Chúng tôi không thể kiểm tra nhãn này: { $reason }.
verify-invalid-hidden = Chúng tôi không hiển thị những gì cơ quan đăng ký gửi, vì nó không qua được bước kiểm tra.
code-text = Mã QR này ghi: “{ $text }”
trust-list-old = Danh sách cơ quan đăng ký chính thức của ứng dụng đã cũ. Hãy kết nối mạng để nó cập nhật.

warn-punycode = Địa chỉ này dùng những chữ cái đặc biệt có thể giả một tên quen thuộc.
warn-mixed-scripts = Địa chỉ này trộn chữ cái của nhiều bảng chữ cái khác nhau.
# $trusted: tên máy chủ chính thức bị giả mạo.
warn-one-edit = Nó chỉ khác địa chỉ chính thức { $trusted } một chữ cái.
warn-http = Nó trông giống { $trusted }, nhưng đường liên kết không an toàn.
warn-port = Nó dùng tên { $trusted }, nhưng thêm một con số mà cơ quan đăng ký không bao giờ dùng.
warn-userinfo = Đường liên kết đặt chữ giả trước dấu @ để che giấu địa chỉ thật.
    .spoken = Đường liên kết đặt chữ giả trước dấu a còng để che giấu địa chỉ thật.

error-unreachable = Cơ quan đăng ký không trả lời, và nhãn này chưa được lưu trên thiết bị. Hãy thử lại khi có mạng.
error-not-cached = Nhãn này chưa được lưu trên thiết bị, nên chúng tôi không thể kiểm tra khi không có mạng.
error-storage = Ứng dụng không mở được các nhãn đã lưu.
error-decode = Chúng tôi không tìm thấy mã QR nào trong hình này. Hãy chụp lại gần hơn và rõ hơn.
error-trust-list = Chúng tôi không dùng được danh sách cơ quan đăng ký chính thức của ứng dụng. Nó không qua được bước kiểm tra: { $reason }.
error-trust-list-fault = Chúng tôi không dùng được danh sách cơ quan đăng ký chính thức của ứng dụng. Danh sách có lỗi mà bên phát hành phải sửa.
error-network = Ứng dụng không thể kết nối với internet.

## Sản phẩm

product-name-model-maker = { $name }, kiểu máy { $model }, do { $maker } sản xuất.
product-name-maker = { $name }, do { $maker } sản xuất.
product-name-model = { $name }, kiểu máy { $model }.
product-name = { $name }.
product-model-maker = Kiểu máy { $model }, do { $maker } sản xuất.
product-maker = Một sản phẩm do { $maker } sản xuất.
product-model = Kiểu máy { $model }.
product-maker-missing = Nhãn không ghi tên nhà sản xuất.
product-name-missing = Nhãn không ghi tên sản phẩm.
product-name-maker-missing = Nhãn không ghi tên sản phẩm hay nhà sản xuất.

## Bản cập nhật bảo mật: bao lâu

support-until = Nhà sản xuất sẽ gửi bản cập nhật bảo mật đến hết { $date }.
support-ends-today = Hôm nay là ngày cuối cùng quý vị nhận được bản cập nhật bảo mật. Tức là { $date }.
support-ends-tomorrow = Ngày mai là ngày cuối cùng quý vị nhận được bản cập nhật bảo mật. Tức là { $date }.
support-ended-yesterday = Hôm qua là ngày cuối cùng quý vị nhận được bản cập nhật bảo mật. Tức là { $date }.
support-ended = Ngày cuối cùng có bản cập nhật bảo mật là { $date }.
support-unsupported = Nhà sản xuất nói đừng trông chờ vào bản cập nhật bảo mật cho sản phẩm này.
support-label-date = Nhãn ghi ngày kết thúc là { $date }.
support-extended = Nhãn ghi { $date }, nhưng sau đó nhà sản xuất đã kéo dài thêm thời gian.
support-extended-malformed = Nhà sản xuất cũng cho một ngày kết thúc mới, nhưng đó không phải là ngày có thật.
support-missing = Nhà sản xuất chưa cho biết sản phẩm này có bản cập nhật bảo mật trong bao lâu.
support-malformed = Ngày kết thúc cập nhật bảo mật ghi trên nhãn không phải là ngày có thật.

## Cách cài bản cập nhật

updates-missing = Nhãn không cho biết bản cập nhật được cài như thế nào.
updates-default-missing = Nhãn không cho biết lúc đầu bản cập nhật được cài như thế nào.
updates-auto-opt-out = Bản cập nhật tự cài đặt. Quý vị có thể tắt chức năng này.
updates-auto-no-opt-out = Bản cập nhật tự cài đặt. Quý vị không thể tắt chức năng này.
updates-manual = Quý vị cần tự cài bản cập nhật.
updates-consent = Bản cập nhật chỉ được cài sau khi quý vị đồng ý.
updates-none = Sản phẩm này không có bản cập nhật.
updates-not-disclosed = Nhà sản xuất chưa cho biết bản cập nhật được cài như thế nào.
updates-other = Nhà sản xuất dùng cách riêng để cài bản cập nhật.
updates-other-says = Nhà sản xuất nói:
updates-other-missing = Nhà sản xuất không nói đó là cách gì.
updates-unrecognized = Nhãn ghi một cách cập nhật mà chúng tôi không biết: “{ $value }”.
updates-also-auto-opt-out = Quý vị cũng có thể để bản cập nhật tự cài đặt.
updates-also-auto-no-opt-out = Quý vị cũng có thể để bản cập nhật tự cài đặt mà không có cách dừng lại.
updates-also-manual = Quý vị cũng có thể tự cài bản cập nhật.
updates-also-consent = Quý vị cũng có thể để bản cập nhật chờ quý vị đồng ý.
updates-also-none = Quý vị cũng có thể tắt bản cập nhật.
updates-also-other = Quý vị cũng có thể dùng cách riêng của nhà sản xuất.
updates-also-unrecognized = Quý vị cũng có thể chọn một cách mà chúng tôi không biết: “{ $value }”.

## Những gì nó cảm nhận được

sensors-missing = Nhãn không cho biết sản phẩm này có thể thấy, nghe hay cảm nhận những gì.
sensor-images-yes = Nó có thể chụp ảnh hoặc quay video.
sensor-images-no = Nó không thể chụp ảnh hay quay video.
sensor-images-unsaid = Nhãn không cho biết nó có thể chụp ảnh hoặc quay video hay không.
sensor-audio-yes = Nó có thể ghi âm.
sensor-audio-no = Nó không thể ghi âm.
sensor-audio-unsaid = Nhãn không cho biết nó có thể ghi âm hay không.
sensor-position-yes = Nó có thể biết nó đang ở đâu.
sensor-position-no = Nó không thể biết nó đang ở đâu.
sensor-position-unsaid = Nhãn không cho biết nó có thể biết nó đang ở đâu hay không.
sensor-other-yes = Nó còn có một cảm biến mà nhãn gọi là “{ $value }”.
sensor-other-no = Nó không có cảm biến mà nhãn gọi là “{ $value }”.

## Đăng nhập

signin-missing = Nhãn không cho biết cách đăng nhập.
# $methods: "mật khẩu", "khóa truy cập" hoặc cả hai: "mật khẩu hoặc khóa truy cập".
signin-with = Quý vị có thể đăng nhập bằng { $methods }.
signin-passkey-explained = Khóa truy cập là một chìa khóa đăng nhập được lưu trên điện thoại của quý vị.
signin-biometric = Quý vị có thể đăng nhập bằng khuôn mặt, vân tay hoặc giọng nói.
signin-biometric-also = Quý vị cũng có thể dùng khuôn mặt, vân tay hoặc giọng nói.
signin-mfa = Quý vị có thể thêm bước đăng nhập thứ hai, ví dụ một mã gửi đến điện thoại.
signin-no-control = Nó không có mật khẩu hay khóa. Bất kỳ ai kết nối được với nó đều có thể dùng nó.
signin-multi-account = Mỗi người trong nhà có thể có tài khoản riêng.
signin-single-account = Mọi người trong nhà dùng chung một tài khoản.
signin-optional-account = Quý vị có thể dùng nó dù có hay không có tài khoản.
signin-no-account = Quý vị không cần tài khoản.
signin-not-disclosed = Nhà sản xuất chưa cho biết cách đăng nhập.
signin-unrecognized = Nhãn ghi một cách đăng nhập mà chúng tôi không biết: “{ $value }”.
signin-method-password = mật khẩu
signin-method-biometric = khuôn mặt, vân tay hoặc giọng nói
signin-method-passkey = khóa truy cập
signin-method-mfa = bước đăng nhập thứ hai
# $method: một trong các cách ở trên.
signin-first = Khi quý vị cài đặt lần đầu, nó dùng { $method }.
signin-factory-fixed = Nó có mật khẩu cài sẵn từ nhà máy. Quý vị không thể đổi mật khẩu này.
signin-factory-changeable = Nó có mật khẩu cài sẵn từ nhà máy. Quý vị có thể đổi, và nên đổi.
signin-own-password = Quý vị tự đặt mật khẩu khi cài đặt.
signin-password-unrecognized = Nhãn ghi một loại mật khẩu mà chúng tôi không biết: “{ $value }”.
link-password-change = Cách đổi mật khẩu

## Dữ liệu đi đâu và phần mềm đến từ đâu (thông tin FCC đề xuất công bố)

data-none = Nhà sản xuất nói dữ liệu của quý vị không được gửi đến máy chủ ở các quốc gia đáng lo ngại.
# $countries: tên các quốc gia trong một danh sách, "Trung Quốc và Nga".
# $count: số quốc gia được nêu tên.
data-high-risk = Nhà sản xuất nói dữ liệu của quý vị được gửi đến máy chủ ở các quốc gia đáng lo ngại. { $count ->
    [1] Quốc gia đó là { $countries }.
   *[other] Các quốc gia đó là { $countries }.
}
data-high-risk-unnamed = Nhà sản xuất nói dữ liệu của quý vị được gửi đến máy chủ ở các quốc gia đáng lo ngại. Họ không nói là những nước nào.
data-not-disclosed = Nhà sản xuất chưa cho biết dữ liệu của quý vị được gửi đi đâu.
data-unrecognized = Nhà sản xuất đưa ra một câu trả lời về dữ liệu mà chúng tôi không đọc được: “{ $value }”.
software-none = Nhà sản xuất nói phần mềm của họ không được làm ở các quốc gia đáng lo ngại.
software-high-risk = Nhà sản xuất nói một phần phần mềm của họ đến từ các quốc gia đáng lo ngại. { $count ->
    [1] Quốc gia đó là { $countries }.
   *[other] Các quốc gia đó là { $countries }.
}
software-high-risk-unnamed = Nhà sản xuất nói một phần phần mềm của họ đến từ các quốc gia đáng lo ngại. Họ không nói là những nước nào.
software-not-disclosed = Nhà sản xuất chưa cho biết phần mềm của họ được làm ở đâu.
software-unrecognized = Nhà sản xuất đưa ra một câu trả lời về phần mềm mà chúng tôi không đọc được: “{ $value }”.
countries-of-concern = Đây là những quốc gia mà Hoa Kỳ xem là có rủi ro về an ninh.

country-cn = Trung Quốc
country-hk = Hồng Kông
country-mo = Ma Cao
country-ru = Nga
country-ir = Iran
country-kp = Triều Tiên
country-cu = Cuba
country-ve = Venezuela
# $code: mã quốc gia hai chữ cái mà ứng dụng không có tên.
country-other = quốc gia có mã { $code }

## Phê duyệt nhãn và thử nghiệm

auth-active = Việc phê duyệt vẫn còn hiệu lực.
auth-suspended = Việc phê duyệt nhãn này đang bị tạm ngưng. Đừng dựa vào nhãn này cho đến khi nó được khôi phục.
auth-withdrawn = Việc phê duyệt nhãn này đã bị thu hồi. Đừng dựa vào nhãn này.
auth-expired = Việc phê duyệt nhãn này đã hết hạn. Đừng dựa vào nhãn này.
auth-not-given = Cơ quan đăng ký không cho biết việc phê duyệt còn hiệu lực hay không.
auth-unrecognized = Cơ quan đăng ký đưa ra một trạng thái mà chúng tôi không biết: “{ $value }”.
auth-approved-by-on = { $approver } đã phê duyệt nhãn này vào { $date }.
auth-approved-by = { $approver } đã phê duyệt nhãn này.
auth-approved-on = Nhãn này được phê duyệt vào { $date }.
auth-date-missing = Nhãn không ghi ngày phê duyệt.
auth-date-malformed = Ngày phê duyệt ghi trên nhãn không phải là ngày có thật.
auth-approver-missing = Nhãn không cho biết ai đã phê duyệt.
auth-approval-missing = Nhãn không cho biết ai đã phê duyệt, hay phê duyệt khi nào.
auth-as-of = Cơ quan đăng ký đã xác nhận điều này vào { $date }.
link-contact = Liên hệ { $name }
tested-by = { $lab } đã thử nghiệm sản phẩm này.
tested-missing = Nhãn không cho biết phòng thử nghiệm nào đã thử nghiệm nó.

## Thông tin thêm từ nhà sản xuất (đường liên kết)

secure-yes = Nhà sản xuất hướng dẫn cách cài đặt nó một cách an toàn.
secure-missing = Nhà sản xuất không có hướng dẫn cài đặt an toàn.
link-secure = Cách cài đặt an toàn
about-yes = Nhà sản xuất có thêm thông tin về sản phẩm này trên trang web của họ.
about-missing = Nhà sản xuất không có trang nào về sản phẩm này.
link-about = Về sản phẩm này
delete-yes = Nhà sản xuất hướng dẫn cách xóa dữ liệu và tài khoản của quý vị.
delete-missing = Nhà sản xuất không nói cách xóa dữ liệu của quý vị.
link-delete = Cách xóa dữ liệu của quý vị
close-yes = Nhà sản xuất hướng dẫn cách đóng tài khoản của quý vị.
close-missing = Nhà sản xuất không nói cách đóng tài khoản của quý vị.
link-close = Cách đóng tài khoản
encryption-yes = Nhà sản xuất giải thích cách họ dùng mã hóa để bảo vệ dữ liệu của quý vị.
encryption-missing = Nhà sản xuất không giải thích cách họ bảo vệ dữ liệu của quý vị.
link-encryption = Cách họ bảo vệ dữ liệu của quý vị
link-invalid = Đường liên kết của nhà sản xuất không phải là địa chỉ web có thật.

parts-both = Nhà sản xuất giữ một danh sách phần mềm bên trong và một danh sách linh kiện bên trong.
parts-software-only = Nhà sản xuất giữ danh sách phần mềm bên trong, nhưng không có danh sách linh kiện.
parts-hardware-only = Nhà sản xuất giữ danh sách linh kiện bên trong, nhưng không có danh sách phần mềm.
parts-neither = Nhà sản xuất không giữ danh sách phần mềm hay linh kiện bên trong.
parts-missing = Nhãn không cho biết nhà sản xuất có giữ danh sách phần mềm và linh kiện bên trong hay không.
parts-why = Những danh sách này giúp nhà sản xuất tìm và sửa các lỗi bảo mật.

contact-web = Quý vị có thể báo cáo sự cố bảo mật trên trang web của nhà sản xuất.
# $email: một địa chỉ email.
contact-email = Quý vị có thể báo cáo sự cố bảo mật qua email đến { $email }.
contact-missing = Nhà sản xuất không đưa ra cách nào để báo cáo sự cố bảo mật.
contact-invalid = Chúng tôi không dùng được thông tin liên hệ bảo mật mà nhà sản xuất đưa ra. Đó không phải là đường liên kết hay địa chỉ email.
link-contact-web = Báo cáo sự cố bảo mật
link-contact-email = Gửi email cho nhóm bảo mật

## Xung quanh bản tóm tắt (dòng lệnh và ứng dụng)

ui-address = Địa chỉ
ui-details = Chi tiết
# $path: một thư mục trên máy tính này.
ui-cache-recreated = Bộ nhớ đệm ngoại tuyến bị hỏng. Chúng tôi đã chuyển nó đến { $path } và tạo một bộ mới.
ui-cache-temporary = Một trustlabel khác đang dùng bộ nhớ đệm ngoại tuyến, nên lần chạy này không lưu gì cả.

## Lịch sử: một lần quét trước đây cho kết quả loại nào.
history-genuine-problems = Nhãn này là thật, nhưng có vấn đề. Hãy mở ra để xem.
history-not-official = Cảnh báo: đây không phải là đường liên kết nhãn chính thức.

## Cơ quan đăng ký không ký hồ sơ của mình (giao thức 4b).
verdict-unsigned = Hồ sơ này lấy từ trang web của cơ quan đăng ký, nhưng không có chữ ký.
verify-unsigned = Cơ quan đăng ký không ký hồ sơ của mình, nên chúng tôi không thể chứng minh hồ sơ này là thật. Nó lấy từ trang web của cơ quan đăng ký.
