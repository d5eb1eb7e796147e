# Lý do câu trả lời của cơ quan đăng ký không qua được bước kiểm tra (tiếng Việt).
# Mỗi lý do nối tiếp câu "Chúng tôi không thể kiểm tra nhãn này: ...", không có dấu chấm cuối.

reason-too-large = cơ quan đăng ký gửi nhiều dữ liệu hơn hẳn mức một hồ sơ nhãn cần
reason-malformed-json = câu trả lời của cơ quan đăng ký bị hỏng hoặc không phải là hồ sơ nhãn
reason-malformed-base64 = câu trả lời của cơ quan đăng ký bị hỏng
reason-unsupported-algorithm = câu trả lời được ký theo một cách không được phép
reason-missing-key-id = câu trả lời không cho biết khóa nào đã ký nó
reason-wrong-type = câu trả lời không phải là loại hồ sơ chúng tôi yêu cầu
reason-critical-header = câu trả lời đòi hỏi những tính năng mà ứng dụng này không có
reason-unknown-key = câu trả lời được ký bằng một khóa mà chúng tôi không biết
reason-revoked-key = câu trả lời được ký bằng một khóa đã bị hủy
reason-key-not-valid-at-issue = khóa đã ký câu trả lời không có hiệu lực vào lúc đó
reason-algorithm-mismatch = chữ ký không khớp với khóa của nó
reason-bad-signature = chữ ký không hợp lệ
reason-malformed-statement = hồ sơ đã ký không đầy đủ
reason-wrong-issuer = hồ sơ đến từ một cơ quan đăng ký khác
reason-wrong-subject = hồ sơ là của một nhãn khác
reason-not-logged = cơ quan đăng ký không công bố hồ sơ này trong nhật ký công khai của mình
reason-too-few-witnesses = quá ít bên chứng thực độc lập xác nhận nhật ký công khai của cơ quan đăng ký
reason-log-inconsistent = nhật ký công khai của cơ quan đăng ký không khớp với những gì thiết bị này đã thấy trước đây
reason-issued-in-future = hồ sơ ghi ngày trong tương lai, vậy hãy kiểm tra ngày trên thiết bị này
reason-rollback = cơ quan đăng ký gửi một hồ sơ cũ hơn hồ sơ đã lưu trên thiết bị này
