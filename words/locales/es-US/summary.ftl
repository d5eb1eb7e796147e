# El resumen de un escaneo (español de EE. UU.).
# Reglas: oraciones de 20 palabras como máximo, voz activa, "usted", palabras comunes, sin
# siglas sin explicar. El atributo `.spoken` es lo que dice un lector de pantalla si cambia.

## Títulos de los datos, en el orden en que se muestran.

title-verification = Verificación de la etiqueta
title-trust-list = Lista de registros
title-code-text = Lo que dice el código
title-product = Producto
title-support = Actualizaciones de seguridad
title-updates = Cómo se actualiza
title-sensors = Lo que puede detectar
title-sign-in = Inicio de sesión
title-data-location = Adónde van sus datos
title-software-origin = De dónde viene su software
title-authorization = Aprobación de la etiqueta
title-tested-by = Laboratorio de pruebas
title-securing-this-product = Configuración segura
title-general-user-information = Sobre este producto
title-delete-data = Borrar sus datos
title-account-deactivation = Cerrar su cuenta
title-encryption-and-key-management = Protección de datos
title-sbom-hbom = Listas de lo que lleva dentro
title-security-contact = Reportar un problema

## Tonos en palabras, para pantallas que también usan colores o íconos.

tone-good = Bien
tone-neutral = Dato
tone-unknown = Desconocido
tone-caution = Atención
tone-bad = Problema

## El veredicto: lo primero que se muestra y se dice.

verdict-genuine = Esta etiqueta es auténtica.
verdict-genuine-saved = Esta etiqueta es auténtica, según una copia guardada.
verdict-genuine-but-stale = Esta etiqueta es auténtica, pero su ficha en el registro está desactualizada.
verdict-genuine-but-trust-list = Esta etiqueta es auténtica, pero la lista de registros de la aplicación está desactualizada.
verdict-genuine-but-unsupported = Esta etiqueta es auténtica, pero no cuente con actualizaciones de seguridad.
# $when: "ayer" o "el <fecha>".
verdict-genuine-but-ended = Esta etiqueta es auténtica, pero el último día de actualizaciones de seguridad fue { $when }.
# $when: "hoy", "mañana" o "el <fecha>".
verdict-genuine-but-ending = Esta etiqueta es auténtica, pero el último día de actualizaciones de seguridad es { $when }.
verdict-genuine-but-no-updates = Esta etiqueta es auténtica, pero este producto no recibe actualizaciones.
verdict-genuine-but-password = Esta etiqueta es auténtica, pero no puede cambiar su contraseña de fábrica.
verdict-genuine-but-data = Esta etiqueta es auténtica, pero sus datos van a países de riesgo.
verdict-genuine-but-software = Esta etiqueta es auténtica, pero parte de su software viene de países de riesgo.
verdict-genuine-but-suspended = Esta etiqueta es auténtica, pero su aprobación está suspendida.
verdict-genuine-but-withdrawn = Esta etiqueta es auténtica, pero su aprobación fue retirada.
verdict-genuine-but-expired = Esta etiqueta es auténtica, pero su aprobación ha vencido.

verdict-support-until = Recibe actualizaciones de seguridad hasta el { $date }.
verdict-support-soon = Las actualizaciones de seguridad terminan pronto, el { $date }.
verdict-support-today = Hoy es el último día de actualizaciones de seguridad.
verdict-support-tomorrow = Mañana es el último día de actualizaciones de seguridad.
verdict-support-yesterday = Ayer fue el último día en que recibió actualizaciones de seguridad.
verdict-support-ended = El último día de actualizaciones de seguridad fue el { $date }.
verdict-support-unsupported = No cuente con actualizaciones de seguridad.
verdict-support-unknown = La etiqueta no dice por cuánto tiempo habrá actualizaciones de seguridad.

verdict-more-problems = { $count ->
    [one] Abajo hay 1 problema más.
   *[other] Abajo hay { $count } problemas más.
}

verdict-not-official = Advertencia: este no es un enlace oficial de etiqueta. Lleva a { $host }.
verdict-not-a-label = Este código no es una etiqueta Cyber Trust Mark.
verdict-unknown-product = Advertencia: el registro oficial no conoce esta etiqueta.
verdict-invalid = Advertencia: esta etiqueta no pasó un control de seguridad.
verdict-error-check = No pudimos verificar esta etiqueta.
verdict-error-offline = No pudimos verificar esta etiqueta sin conexión.
verdict-error-decode = No pudimos leer un código en esta foto.

## Verificación de la etiqueta

# $when: "hoy", "ayer" o "el <fecha>".
verify-checked = Verificamos esta etiqueta con el registro oficial. Fue { $when }. La ficha está firmada y corresponde a esta etiqueta.
verify-saved-offline = No tiene conexión, así que esta es una copia guardada.
verify-saved-unreachable = El registro no respondió, así que esta es una copia guardada.
verify-saved-checked = La verificamos con el registro oficial por última vez { $when }.
verify-stale = Pero su ficha en el registro está desactualizada. El registro la actualizó por última vez el { $date }.
verify-not-official = Este enlace no lleva a un registro oficial. Lleva a { $host }.
verify-host-ascii = Escrita en letras simples, esa dirección es { $ascii }.
verify-open-nothing = No abra el enlace ni escriba nada en ese sitio.
verify-not-a-label = Este código no contiene un enlace web, así que no es el enlace de una etiqueta.
verify-unknown-product = El registro oficial no tiene ninguna ficha de esta etiqueta. La etiqueta podría ser falsa.
verify-invalid = No pudimos verificar esta etiqueta: { $reason }.
verify-invalid-hidden = No mostramos lo que envió el registro, porque no pasó el control.
code-text = El código dice: “{ $text }”
trust-list-old = La lista de registros oficiales de la aplicación está desactualizada. Conéctese a internet para que se actualice.

warn-punycode = La dirección usa letras especiales que pueden imitar un nombre conocido.
warn-mixed-scripts = La dirección mezcla letras de distintos alfabetos.
warn-one-edit = Se diferencia en una sola letra de la dirección oficial { $trusted }.
warn-http = Se parece a { $trusted }, pero el enlace no es seguro.
warn-port = Usa el nombre { $trusted }, pero agrega un número que el registro nunca usa.
warn-userinfo = El enlace pone texto falso antes de un signo @ para ocultar su dirección real.
    .spoken = El enlace pone texto falso antes de una arroba para ocultar su dirección real.

error-unreachable = El registro no respondió y esta etiqueta no está guardada en este dispositivo. Vuelva a intentarlo cuando tenga conexión.
error-not-cached = Esta etiqueta no está guardada en este dispositivo, así que no podemos verificarla sin conexión.
error-storage = La aplicación no pudo abrir las etiquetas guardadas.
error-decode = No encontramos un código en esta foto. Pruebe con una foto más nítida y de más cerca.
error-trust-list = No podemos usar la lista de registros oficiales de la aplicación. No pasó un control: { $reason }.
error-trust-list-fault = No podemos usar la lista de registros oficiales de la aplicación. Tiene un error que quien la publica debe corregir.
error-network = La aplicación no pudo preparar su conexión a internet.

## Producto

product-name-model-maker = { $name }, modelo { $model }, fabricado por { $maker }.
product-name-maker = { $name }, fabricado por { $maker }.
product-name-model = { $name }, modelo { $model }.
product-name = { $name }.
product-model-maker = Modelo { $model }, fabricado por { $maker }.
product-maker = Un producto fabricado por { $maker }.
product-model = Modelo { $model }.
product-maker-missing = La etiqueta no dice quién es el fabricante.
product-name-missing = La etiqueta no da el nombre del producto.
product-name-maker-missing = La etiqueta no da el nombre del producto ni el del fabricante.

## Actualizaciones de seguridad: hasta cuándo

support-until = El fabricante enviará actualizaciones de seguridad hasta el { $date }.
support-ends-today = Hoy es el último día en que recibe actualizaciones de seguridad. Es el { $date }.
support-ends-tomorrow = Mañana es el último día en que recibe actualizaciones de seguridad. Es el { $date }.
support-ended-yesterday = Ayer fue el último día en que recibió actualizaciones de seguridad. Fue el { $date }.
support-ended = El último día de actualizaciones de seguridad fue el { $date }.
support-unsupported = El fabricante dice que no cuente con actualizaciones de seguridad para este producto.
support-label-date = La etiqueta daba como fecha final el { $date }.
support-extended = La etiqueta decía el { $date }, pero luego el fabricante agregó más tiempo.
support-extended-malformed = El fabricante también dio una nueva fecha final, pero no es una fecha válida.
support-missing = El fabricante no ha dicho por cuánto tiempo este producto recibirá actualizaciones de seguridad.
support-malformed = La etiqueta da una fecha final de actualizaciones de seguridad que no es una fecha válida.

## Cómo se instalan las actualizaciones

updates-missing = La etiqueta no dice cómo se instalan las actualizaciones.
updates-default-missing = La etiqueta no dice cómo se instalan las actualizaciones al principio.
updates-auto-opt-out = Las actualizaciones se instalan solas. Puede desactivar esta opción.
updates-auto-no-opt-out = Las actualizaciones se instalan solas. No puede desactivar esta opción.
updates-manual = Usted tiene que instalar las actualizaciones.
updates-consent = Las actualizaciones se instalan solo después de que usted acepte.
updates-none = Este producto no recibe actualizaciones.
updates-not-disclosed = El fabricante no ha dicho cómo se instalan las actualizaciones.
updates-other = El fabricante usa su propia forma de instalar las actualizaciones.
updates-other-says = El fabricante dice:
updates-other-missing = El fabricante no dice cuál es esa forma.
updates-unrecognized = La etiqueta nombra una forma de actualizar que no conocemos: “{ $value }”.
updates-also-auto-opt-out = También puede dejar que las actualizaciones se instalen solas.
updates-also-auto-no-opt-out = También puede dejar que las actualizaciones se instalen solas, sin poder detenerlas.
updates-also-manual = También puede instalar las actualizaciones usted mismo.
updates-also-consent = También puede hacer que las actualizaciones esperen su aprobación.
updates-also-none = También puede desactivar las actualizaciones.
updates-also-other = También puede usar la forma propia del fabricante.
updates-also-unrecognized = También puede elegir una forma que no conocemos: “{ $value }”.

## Lo que puede detectar

sensors-missing = La etiqueta no dice qué puede ver, oír o detectar este producto.
sensor-images-yes = Puede tomar fotos o video.
sensor-images-no = No puede tomar fotos ni video.
sensor-images-unsaid = La etiqueta no dice si puede tomar fotos o video.
sensor-audio-yes = Puede grabar sonido.
sensor-audio-no = No puede grabar sonido.
sensor-audio-unsaid = La etiqueta no dice si puede grabar sonido.
sensor-position-yes = Puede saber dónde está.
sensor-position-no = No puede saber dónde está.
sensor-position-unsaid = La etiqueta no dice si puede saber dónde está.
sensor-other-yes = También tiene un sensor que la etiqueta llama “{ $value }”.
sensor-other-no = No tiene el sensor que la etiqueta llama “{ $value }”.

## Inicio de sesión

signin-missing = La etiqueta no dice cómo se inicia sesión.
signin-with = Puede iniciar sesión con { $methods }.
signin-passkey-explained = Una llave de acceso es una clave para iniciar sesión guardada en su teléfono.
signin-biometric = Puede iniciar sesión con su cara, su huella o su voz.
signin-biometric-also = También puede usar su cara, su huella o su voz.
signin-mfa = Puede agregar un segundo paso para iniciar sesión, como un código enviado a su teléfono.
signin-no-control = No tiene contraseña ni bloqueo. Cualquier persona que pueda conectarse a él puede usarlo.
signin-multi-account = Cada persona de su hogar puede tener su propia cuenta.
signin-single-account = Todos en su hogar comparten una sola cuenta.
signin-optional-account = Puede usarlo con o sin cuenta.
signin-no-account = No necesita una cuenta.
signin-not-disclosed = El fabricante no ha dicho cómo se inicia sesión.
signin-unrecognized = La etiqueta nombra una forma de iniciar sesión que no conocemos: “{ $value }”.
signin-method-password = una contraseña
signin-method-biometric = su cara, su huella o su voz
signin-method-passkey = una llave de acceso
signin-method-mfa = un segundo paso para iniciar sesión
signin-first = Cuando lo configura por primera vez, usa { $method }.
signin-factory-fixed = Viene con una contraseña de fábrica. Usted no puede cambiarla.
signin-factory-changeable = Viene con una contraseña de fábrica. Puede cambiarla, y debería hacerlo.
signin-own-password = Usted crea su propia contraseña al configurarlo.
signin-password-unrecognized = La etiqueta da un tipo de contraseña que no conocemos: “{ $value }”.
link-password-change = Cómo cambiar la contraseña

## Adónde van los datos y de dónde viene el software (propuestas de la FCC)

data-none = El fabricante dice que sus datos no se envían a servidores en países de riesgo.
data-high-risk = Según el fabricante, sus datos van a servidores en países de riesgo. { $count ->
    [one] Ese país es { $countries }.
   *[other] Esos países son { $countries }.
}
data-high-risk-unnamed = Según el fabricante, sus datos van a servidores en países de riesgo. No dice cuáles.
data-not-disclosed = El fabricante no ha dicho adónde se envían sus datos.
data-unrecognized = El fabricante dio una respuesta sobre sus datos que no podemos leer: “{ $value }”.
software-none = El fabricante dice que su software no se hizo en países de riesgo.
software-high-risk = Según el fabricante, parte de su software viene de países de riesgo. { $count ->
    [one] Ese país es { $countries }.
   *[other] Esos países son { $countries }.
}
software-high-risk-unnamed = Según el fabricante, parte de su software viene de países de riesgo. No dice cuáles.
software-not-disclosed = El fabricante no ha dicho dónde se hizo su software.
software-unrecognized = El fabricante dio una respuesta sobre su software que no podemos leer: “{ $value }”.
countries-of-concern = Son países que Estados Unidos considera un riesgo para la seguridad.

country-cn = China
country-hk = Hong Kong
country-mo = Macao
country-ru = Rusia
country-ir = Irán
country-kp = Corea del Norte
country-cu = Cuba
country-ve = Venezuela
country-other = el país con código { $code }

## Aprobación de la etiqueta y pruebas

auth-active = La aprobación sigue vigente.
auth-suspended = La aprobación de esta etiqueta está suspendida por ahora. No confíe en esta etiqueta hasta que se restablezca.
auth-withdrawn = La aprobación de esta etiqueta fue retirada. No confíe en esta etiqueta.
auth-expired = La aprobación de esta etiqueta ha vencido. No confíe en esta etiqueta.
auth-not-given = El registro no dijo si la aprobación sigue vigente.
auth-unrecognized = El registro dio un estado que no conocemos: “{ $value }”.
auth-approved-by-on = { $approver } aprobó esta etiqueta el { $date }.
auth-approved-by = { $approver } aprobó esta etiqueta.
auth-approved-on = La etiqueta recibió su aprobación el { $date }.
auth-date-missing = La etiqueta no da la fecha de aprobación.
auth-date-malformed = La fecha de aprobación de la etiqueta no es una fecha válida.
auth-approver-missing = La etiqueta no dice quién la aprobó.
auth-approval-missing = La etiqueta no dice quién la aprobó ni cuándo.
auth-as-of = El registro lo confirmó el { $date }.
link-contact = Contactar a { $name }
tested-by = { $lab } probó este producto.
tested-missing = La etiqueta no dice qué laboratorio lo probó.

## Más del fabricante (enlaces)

secure-yes = El fabricante explica cómo configurarlo de forma segura.
secure-missing = El fabricante no da una guía para configurarlo de forma segura.
link-secure = Cómo configurarlo de forma segura
about-yes = El fabricante tiene más información sobre este producto en su sitio.
about-missing = El fabricante no da una página sobre este producto.
link-about = Sobre este producto
delete-yes = El fabricante explica cómo borrar sus datos y sus cuentas.
delete-missing = El fabricante no dice cómo borrar sus datos.
link-delete = Cómo borrar sus datos
close-yes = El fabricante explica cómo cerrar su cuenta.
close-missing = El fabricante no dice cómo cerrar su cuenta.
link-close = Cómo cerrar su cuenta
encryption-yes = El fabricante explica cómo protege sus datos con cifrado.
encryption-missing = El fabricante no explica cómo protege sus datos.
link-encryption = Cómo protege sus datos
link-invalid = El enlace del fabricante no es una dirección web válida.

parts-both = El fabricante tiene una lista del software que lleva dentro y otra de las piezas.
parts-software-only = El fabricante tiene una lista del software que lleva dentro, pero no de las piezas.
parts-hardware-only = El fabricante tiene una lista de las piezas que lleva dentro, pero no del software.
parts-neither = El fabricante no tiene una lista del software ni de las piezas que lleva dentro.
parts-missing = La etiqueta no dice si el fabricante tiene listas del software y de las piezas que lleva dentro.
parts-why = Estas listas ayudan al fabricante a encontrar y corregir problemas de seguridad.

contact-web = Puede reportar un problema de seguridad en el sitio del fabricante.
contact-email = Puede reportar un problema de seguridad por correo electrónico a { $email }.
contact-missing = El fabricante no da ninguna forma de reportar un problema de seguridad.
contact-invalid = No podemos usar el contacto de seguridad que dio el fabricante. No es un enlace ni una dirección de correo electrónico.
link-contact-web = Reportar un problema de seguridad
link-contact-email = Escribir al equipo de seguridad

## Alrededor del resumen (línea de comandos y aplicaciones)

ui-address = Dirección
ui-details = Detalles
ui-cache-recreated = La memoria sin conexión estaba dañada. La movimos a { $path } y empezamos una nueva.
ui-cache-temporary = Otro trustlabel está usando la memoria sin conexión, así que esta vez no se guarda nada.

## History rows: what kind of result a past scan was.
history-genuine-problems = Esta etiqueta es auténtica, pero tiene problemas. Ábrala para verlos.
history-not-official = Advertencia: este no era un enlace oficial de etiqueta.

## A registry that does not sign its records (protocol 4b).
verdict-unsigned = Esta ficha viene del sitio web del registro, pero no está firmada.
verify-unsigned = El registro no firma sus fichas, así que no podemos probar que esta sea auténtica. Viene del sitio web del registro.
