# Trang web của sổ đăng ký cho một nhãn (tiếng Việt): trang người dùng thấy khi quét nhãn bằng
# máy ảnh của điện thoại. Phần còn lại dùng lời trong summary.ftl.

# $product: tên sản phẩm.
page-title = { $product }: nhãn U.S. Cyber Trust Mark
page-title-no-product = Nhãn U.S. Cyber Trust Mark
page-brand = U.S. Cyber Trust Mark: hồ sơ của nhãn này trong sổ đăng ký
page-heading = Sổ đăng ký nói gì về nhãn này
page-verdict-heading = Tóm lại
page-facts-heading = Nhãn cho biết gì
page-language = Ngôn ngữ
page-read-in = Đọc trang này bằng tiếng Việt
page-tone = { $tone }:
page-browser-heading = Về trang này
page-browser-cannot-check = Trình duyệt web không thể kiểm tra chữ ký của hồ sơ này. Một trang giả có thể trông giống hệt.
page-app-checks = Ứng dụng trustlabel kiểm tra chữ ký bằng danh sách chính thức các sổ đăng ký. Ứng dụng cũng giữ một bản sao, để quý vị có thể kiểm tra lại nhãn khi không có mạng.
page-address = Địa chỉ của nhãn: { $url }
page-made = Trang này được tạo { $when }.
page-record-link = Hồ sơ có chữ ký, dành cho ứng dụng
page-links-heading = Các cách đọc khác
page-link-host = (đến { $host })
page-link-email = (gửi email đến { $address })
page-not-found-title = Không có nhãn ở đây
page-not-found = Sổ đăng ký không có nhãn nào ở địa chỉ này. Nếu quý vị đã quét một nhãn, nhãn đó có thể là giả.
page-index-title = Các nhãn trong sổ đăng ký này
