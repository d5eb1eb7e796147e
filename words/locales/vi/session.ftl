# Lời nhắc khi quét trực tiếp (tiếng Việt). Hiện trên màn hình và đọc to; mỗi câu phải ngắn.

session-searching = Hãy hướng máy ảnh vào mã QR trên nhãn.
    .spoken = Hãy hướng máy ảnh vào mã Q R trên nhãn.
session-hold-still = Đã thấy mã QR. Xin giữ yên.
session-move-closer = Đã thấy mã QR. Xin đưa lại gần hơn.
session-more-light = Chỗ này quá tối. Xin tìm chỗ sáng hơn.
session-only-one-code = Có nhiều hơn một mã trong khung hình. Xin chỉ hướng vào một mã.
session-checking = Đang kiểm tra nhãn này.
session-cancelled = Đã dừng kiểm tra.
