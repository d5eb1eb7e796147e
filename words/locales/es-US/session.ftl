# Lo que dice una sesión de escaneo en vivo mientras busca una etiqueta (español de EE. UU.).
# Se muestra en pantalla y se lee en voz alta; cada frase debe ser corta.

session-searching = Apunte la cámara al código QR de la etiqueta.
    .spoken = Apunte la cámara al código Q R de la etiqueta.
session-hold-still = Se encontró un código. No se mueva.
session-move-closer = Se encontró un código. Acérquese más.
session-more-light = Aquí está muy oscuro. Busque más luz.
session-only-one-code = Hay más de un código a la vista. Apunte solo a uno.
session-checking = Verificando esta etiqueta.
session-cancelled = Se detuvo la verificación.
