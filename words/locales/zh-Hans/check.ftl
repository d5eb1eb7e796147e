# 登记机构的回答没有通过检查的原因（简体中文）。
# 每一条都接在“我们无法核验这个标签：……”后面，结尾不加句号。

reason-too-large = 登记机构发来的数据远远超过一份标签记录所需
reason-malformed-json = 登记机构的回答已损坏，或者不是标签记录
reason-malformed-base64 = 登记机构的回答已损坏
reason-unsupported-algorithm = 回答的签名方式不被允许
reason-missing-key-id = 回答没有说明是用哪个密钥签名的
reason-wrong-type = 回答不是我们要的那种记录
reason-critical-header = 回答要求使用本应用没有的功能
reason-unknown-key = 回答是用我们不认识的密钥签名的
reason-revoked-key = 回答是用已作废的密钥签名的
reason-key-not-valid-at-issue = 签名所用的密钥在当时无效
reason-algorithm-mismatch = 签名和它的密钥不相符
reason-bad-signature = 签名无效
reason-malformed-statement = 签名的记录不完整
reason-wrong-issuer = 这份记录来自另一个登记机构
reason-wrong-subject = 这份记录属于另一个标签
reason-not-logged = 登记机构没有在它的公开日志中公布这份记录
reason-too-few-witnesses = 确认登记机构公开日志的独立见证方太少
reason-log-inconsistent = 登记机构的公开日志与这台设备之前看到的不一致
reason-issued-in-future = 记录的日期在未来，请检查这台设备上的日期
reason-rollback = 登记机构发来的记录比这台设备上保存的还旧
