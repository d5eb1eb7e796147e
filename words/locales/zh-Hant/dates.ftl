# 日期、時間長度和小的組成部分（繁體中文，台灣用語）。
# 日期一律用漢字寫法：「2028年8月31日」，不寫成「2028/8/31」。螢幕報讀軟體會讀成「二〇二八年八月三十一日」。

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

# $month：上面的月份；$day：日；$year：四位數的年份（西元）。
date = { $year }年{ $month }{ $day }日

day-today = 今天
day-yesterday = 昨天
day-tomorrow = 明天
# $date：上面的日期。中文不需要介系詞，兩種用法相同。
day-date = { $date }
day-on = { $date }

# 中文名詞沒有單複數；複數規則由 Fluent 依語言選擇，這裡只有一種形式。
span-days = { $days }天
span-months = 大約{ $months }個月
span-years = 大約{ $years }年
span-years-months = 大約{ $years }年{ $months }個月

# $span：上面的一種時間長度。
relative-future = 距今還有{ $span }。
relative-past = 距今已過了{ $span }。

# 清單：「甲、乙和丙」。
list-comma = { $first }、{ $next }
list-and = { $first }和{ $last }
list-or = { $first }或{ $last }

# 製造商的原話，照原文引用。
quoted = 「{ $text }」

# 螢幕報讀軟體朗讀電子郵件地址的方式。
email-spoken = { $user } at { $domain }
# 加在有連結的項目的朗讀內容後面。
link-to = 連結到 { $host }。
link-email = 電子郵件連結：{ $email }。
