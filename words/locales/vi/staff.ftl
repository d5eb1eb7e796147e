# Tính năng cho nhân viên và dùng ngoại tuyến: kiểm tra kệ, gói ngoại tuyến, danh sách theo dõi, so sánh (tiếng Việt).

audit-bucket-invalid = Không qua được kiểm tra
audit-bucket-not-official = Không phải nhãn chính thức
audit-bucket-not-a-label = Không phải nhãn
audit-bucket-unknown-product = Không có trong sổ đăng ký
audit-bucket-not-checked = Chưa kiểm tra
audit-bucket-authorization-withdrawn = Đã rút chứng nhận
audit-bucket-support-ended = Đã hết hỗ trợ
audit-bucket-support-ends-soon = Sắp hết hỗ trợ
audit-bucket-ok = Ổn

audit-entry = { $product }: { $bucket }{ $count ->
        [1] {""}
       *[other] , đã quét { $count } lần
    }

pack-imported = Đã nhập { $count } nhãn để dùng khi không có mạng.
pack-skipped = Đã bỏ qua { $count } mục vì không qua được kiểm tra.
pack-not-kept = { $count } nhãn không vừa bộ nhớ ngoại tuyến (chỉ giữ { $limit } nhãn), nên cần có mạng.
pack-trust-installed = Danh sách các sổ đăng ký chính thức đã được cập nhật.
pack-trust-refused = Danh sách các sổ đăng ký chính thức trong gói không được dùng.
pack-skip-not-official = hồ sơ này không phải của một nhãn thuộc sổ đăng ký chính thức
pack-skip-not-signed = hồ sơ này không có chữ ký, nên không thể nhập từ tệp
pack-error-too-large = Gói này quá lớn. Giới hạn là { $megabytes } MB.
pack-error-truncated = Tệp gói này không đầy đủ. Không có gì được nhập.
pack-error-malformed = Đây không phải là tệp gói. Không có gì được nhập.
pack-error-version = Gói này dành cho phiên bản mới hơn của ứng dụng. Không có gì được nhập.
pack-error-storage = Không thể lưu gói này trên thiết bị. Không có gì được nhập.

watch-alert-support-ends-soon = Cập nhật bảo mật cho { $product } sẽ kết thúc { $date }.
watch-alert-support-ended = Cập nhật bảo mật cho { $product } đã kết thúc { $date }.
watch-alert-unsupported = { $product } không còn nhận cập nhật bảo mật.
watch-alert-authorization-changed = Chứng nhận Cyber Trust Mark của { $product } đã thay đổi kể từ khi quý vị lưu.
watch-alert-record-changed = Hồ sơ của { $product } trong sổ đăng ký đã thay đổi kể từ khi quý vị lưu.
watch-alert-key-revoked = Khóa đã ký hồ sơ của { $product } đã bị thu hồi. Đừng tin nhãn này cho đến khi được kiểm tra lại.

compare-row-support = Cập nhật bảo mật đến
compare-row-updates = Cách cài cập nhật
compare-row-sensors = Cảm biến
compare-row-sign-in = Đăng nhập
compare-row-data-location = Dữ liệu đi đâu
compare-row-software-origin = Phần mềm từ đâu
compare-row-authorization = Chứng nhận
