# Ngày tháng, khoảng thời gian và các phần nhỏ (tiếng Việt).
# Ngày luôn được viết đầy đủ: "ngày 31 tháng 8 năm 2028", không bao giờ viết "31/8/28".

month-1 = tháng 1
month-2 = tháng 2
month-3 = tháng 3
month-4 = tháng 4
month-5 = tháng 5
month-6 = tháng 6
month-7 = tháng 7
month-8 = tháng 8
month-9 = tháng 9
month-10 = tháng 10
month-11 = tháng 11
month-12 = tháng 12

# $month: một tháng ở trên; $day: ngày trong tháng; $year: bốn chữ số.
date = ngày { $day } { $month } năm { $year }

day-today = hôm nay
day-yesterday = hôm qua
day-tomorrow = ngày mai
# $date: một ngày như trên.
# Sau "là": "ngày cuối cùng là ...".
day-date = { $date }
# Sau một động từ: "việc này diễn ra ...".
day-on = vào { $date }

# Danh từ tiếng Việt không đổi theo số; Fluent chọn quy tắc số nhiều theo ngôn ngữ, ở đây chỉ có một dạng.
span-days = { $days } ngày
span-months = khoảng { $months } tháng
span-years = khoảng { $years } năm
span-years-months = khoảng { $years } năm { $months } tháng

# $span: một khoảng thời gian ở trên.
relative-future = Tức là còn { $span } nữa.
relative-past = Tức là cách đây { $span }.

# Danh sách: "A, B và C".
list-comma = { $first }, { $next }
list-and = { $first } và { $last }
list-or = { $first } hoặc { $last }

# Lời của chính nhà sản xuất, giữ nguyên.
quoted = “{ $text }”

# Cách trình đọc màn hình đọc một địa chỉ email.
email-spoken = { $user } a còng { $domain }
# Thêm vào phần đọc của một mục có đường liên kết.
link-to = Liên kết đến { $host }.
link-email = Liên kết email đến { $email }.
