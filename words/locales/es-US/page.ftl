# La página web del registro para una etiqueta (español de EE. UU.): lo que ve quien escanea
# la etiqueta con la cámara del teléfono. El resto son las palabras del resumen (summary.ftl).

# $product: el nombre del producto.
page-title = { $product }: etiqueta U.S. Cyber Trust Mark
page-title-no-product = Etiqueta U.S. Cyber Trust Mark
page-brand = U.S. Cyber Trust Mark: el registro oficial de esta etiqueta
page-heading = Lo que dice el registro sobre esta etiqueta
page-verdict-heading = En resumen
page-facts-heading = Lo que dice la etiqueta
page-language = Idioma
# Se muestra en la página del otro idioma, en este idioma.
page-read-in = Leer esta página en español
# $tone: una palabra de tono de summary.ftl ("Bien", "Cuidado").
page-tone = { $tone }:
page-browser-heading = Sobre esta página
page-browser-cannot-check = Su navegador no puede comprobar la firma de este registro. Una página falsa podría verse igual.
page-app-checks = La app trustlabel comprueba la firma con la lista oficial de registros. También guarda una copia, para que pueda volver a comprobar la etiqueta sin conexión.
# $url: la dirección web de la etiqueta.
page-address = Dirección de la etiqueta: { $url }
# $when: "el <fecha>" (day-on en dates.ftl).
page-made = Esta página se creó { $when }.
page-record-link = El registro firmado, para apps
page-links-heading = Otras formas de leerlo
# $host: el sitio web al que va un enlace.
page-link-host = (va a { $host })
# $address: an email address.
page-link-email = (correo a { $address })
page-not-found-title = No hay ninguna etiqueta aquí
page-not-found = El registro no tiene ninguna etiqueta en esta dirección. Si escaneó una etiqueta, puede ser falsa.
page-index-title = Etiquetas de este registro
