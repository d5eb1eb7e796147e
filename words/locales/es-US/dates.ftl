# Fechas, plazos y piezas pequeñas (español de EE. UU.).
# Las fechas siempre van escritas: "31 de agosto de 2028", nunca "31/08/28".

month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

date = { $day } de { $month } de { $year }

day-today = hoy
day-yesterday = ayer
day-tomorrow = mañana
day-date = el { $date }
day-on = el { $date }

span-days = { $days ->
    [one] 1 día
   *[other] { $days } días
}
span-months = aproximadamente { $months ->
    [one] 1 mes
   *[other] { $months } meses
}
span-years = aproximadamente { $years ->
    [one] 1 año
   *[other] { $years } años
}
span-years-months = aproximadamente { $years ->
    [one] 1 año
   *[other] { $years } años
} y { $months ->
    [one] 1 mes
   *[other] { $months } meses
}

relative-future = Es decir, dentro de { $span }.
relative-past = Es decir, hace { $span }.

list-comma = { $first }, { $next }
list-and = { $first } y { $last }
list-or = { $first } o { $last }

quoted = “{ $text }”

email-spoken = { $user } arroba { $domain }
link-to = Enlace a { $host }.
link-email = Enlace de correo a { $email }.
