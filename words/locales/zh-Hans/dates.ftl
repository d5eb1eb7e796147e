# 日期、时间长度和小的组成部分（简体中文）。
# 日期一律用汉字写法：“2028年8月31日”，不写成“2028/8/31”。读屏软件会读成“二〇二八年八月三十一日”。

month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月

# $month：上面的月份；$day：日；$year：四位数的年份。
date = { $year }年{ $month }{ $day }日

day-today = 今天
day-yesterday = 昨天
day-tomorrow = 明天
# $date：上面的日期。中文不需要介词，两种用法相同。
day-date = { $date }
day-on = { $date }

# 中文名词没有单复数；复数规则由 Fluent 按语言选择，这里只有一种形式。
span-days = { $days }天
span-months = 大约{ $months }个月
span-years = 大约{ $years }年
span-years-months = 大约{ $years }年{ $months }个月

# $span：上面的一种时间长度。
relative-future = 距今还有{ $span }。
relative-past = 距今已过去{ $span }。

# 列表：“甲、乙和丙”。
list-comma = { $first }、{ $next }
list-and = { $first }和{ $last }
list-or = { $first }或{ $last }

# 制造商的原话，照原文引用。
quoted = “{ $text }”

# 读屏软件朗读电子邮件地址的方式。
email-spoken = { $user } at { $domain }
# 加在有链接的项目的朗读内容后面。
link-to = 链接到 { $host }。
link-email = 电子邮件链接：{ $email }。
