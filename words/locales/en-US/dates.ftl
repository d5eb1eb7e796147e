# Dates, spans of time and small building blocks (US English).
# Dates are always written out: "August 31, 2028", never "08/31/28".

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# $month: a month name above; $day: day of the month; $year: four digits.
date = { $month } { $day }, { $year }

day-today = today
day-yesterday = yesterday
day-tomorrow = tomorrow
# $date: a date as above.
# After "is" or "was": "the last day is ...".
day-date = { $date }
# After a verb: "we checked it ...".
day-on = on { $date }

span-days = { $days ->
    [one] 1 day
   *[other] { $days } days
}
span-months = about { $months ->
    [one] 1 month
   *[other] { $months } months
}
span-years = about { $years ->
    [one] 1 year
   *[other] { $years } years
}
span-years-months = about { $years ->
    [one] 1 year
   *[other] { $years } years
} and { $months ->
    [one] 1 month
   *[other] { $months } months
}

# $span: one of the spans above.
relative-future = That is { $span } from now.
relative-past = That was { $span } ago.

# Lists: "A, B and C".
list-comma = { $first }, { $next }
list-and = { $first } and { $last }
list-or = { $first } or { $last }

# The maker's own words, quoted as they are.
quoted = “{ $text }”

# An e-mail address as a screen reader should say it.
email-spoken = { $user } at { $domain }
# Added to the spoken form of a fact that has a link.
link-to = Link to { $host }.
link-email = Email link to { $email }.
