# Funciones para personal y sin conexión: auditorías de estante, paquetes sin conexión, lista de seguimiento, comparación (español de EE. UU.).

audit-bucket-invalid = No pasó una verificación
audit-bucket-not-official = No es una etiqueta oficial
audit-bucket-not-a-label = No es una etiqueta
audit-bucket-unknown-product = No está en el registro
audit-bucket-not-checked = Sin verificar
audit-bucket-authorization-withdrawn = Autorización retirada
audit-bucket-support-ended = Soporte terminado
audit-bucket-support-ends-soon = El soporte termina pronto
audit-bucket-ok = Bien

audit-entry = { $product }: { $bucket }{ $count ->
        [1] {""}
       *[other] , escaneado { $count } veces
    }

pack-imported = { $count ->
        [one] Se importó 1 etiqueta para usar sin conexión.
       *[other] Se importaron { $count } etiquetas para usar sin conexión.
    }
pack-skipped = { $count ->
        [one] Se omitió 1 entrada porque no pasó una verificación.
       *[other] Se omitieron { $count } entradas porque no pasaron una verificación.
    }
pack-not-kept = { $count ->
        [one] 1 etiqueta no cupo en el almacenamiento sin conexión (guarda { $limit } etiquetas); necesitará señal.
       *[other] { $count } etiquetas no cupieron en el almacenamiento sin conexión (guarda { $limit } etiquetas); necesitarán señal.
    }
pack-trust-installed = Se actualizó la lista de registros oficiales.
pack-trust-refused = No se usó la lista de registros oficiales del paquete.
pack-skip-not-official = el registro no es de una etiqueta de un registro oficial
pack-skip-not-signed = el registro no está firmado, así que no se puede cargar desde un archivo
pack-error-too-large = Este paquete es demasiado grande. El límite es de { $megabytes } MB.
pack-error-truncated = Este archivo de paquete está incompleto. No se importó nada.
pack-error-malformed = Esto no es un archivo de paquete. No se importó nada.
pack-error-version = Este paquete es para una versión más nueva de la app. No se importó nada.
pack-error-storage = No se pudo guardar el paquete en este dispositivo. No se importó nada.

watch-alert-support-ends-soon = Las actualizaciones de seguridad de { $product } terminan el { $date }.
watch-alert-support-ended = Las actualizaciones de seguridad de { $product } terminaron el { $date }.
watch-alert-unsupported = { $product } ya no recibe actualizaciones de seguridad.
watch-alert-authorization-changed = La autorización del sello Cyber Trust Mark de { $product } cambió desde que lo guardó.
watch-alert-record-changed = El registro de { $product } cambió desde que lo guardó.
watch-alert-key-revoked = La clave que firmó el registro de { $product } fue cancelada. No confíe en esta etiqueta hasta que se verifique de nuevo.

compare-row-support = Actualizaciones de seguridad hasta
compare-row-updates = Cómo se instalan las actualizaciones
compare-row-sensors = Sensores
compare-row-sign-in = Inicio de sesión
compare-row-data-location = Adónde van los datos
compare-row-software-origin = De dónde viene el software
compare-row-authorization = Autorización
