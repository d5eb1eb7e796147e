# Por qué la respuesta de un registro no pasó un control (español de EE. UU.).
# Cada una completa la oración "No pudimos verificar esta etiqueta: ...".

reason-too-large = el registro envió muchos más datos de los que necesita una etiqueta
reason-malformed-json = la respuesta del registro está dañada o no es la ficha de una etiqueta
reason-malformed-base64 = la respuesta del registro está dañada
reason-unsupported-algorithm = la respuesta está firmada de una forma que no se permite
reason-missing-key-id = la respuesta no dice qué clave la firmó
reason-wrong-type = la respuesta no es el tipo de ficha que pedimos
reason-critical-header = la respuesta pide funciones que esta aplicación no tiene
reason-unknown-key = la respuesta se firmó con una clave que no conocemos
reason-revoked-key = la respuesta se firmó con una clave que fue cancelada
reason-key-not-valid-at-issue = la clave que firmó la respuesta no era válida en ese momento
reason-algorithm-mismatch = la firma no coincide con su clave
reason-bad-signature = la firma no es válida
reason-malformed-statement = la ficha firmada no está completa
reason-wrong-issuer = la ficha vino de otro registro
reason-wrong-subject = la ficha es de otra etiqueta
reason-not-logged = el registro no publicó esta ficha en su bitácora pública
reason-too-few-witnesses = muy pocos testigos independientes confirmaron la bitácora pública del registro
reason-log-inconsistent = la bitácora pública del registro no coincide con lo que este dispositivo vio antes
reason-issued-in-future = la ficha tiene una fecha futura, así que revise la fecha de este dispositivo
reason-rollback = el registro envió una ficha más antigua que la que está guardada en este dispositivo
