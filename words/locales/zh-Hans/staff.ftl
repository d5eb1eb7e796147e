# 店员和离线功能：货架检查、离线包、关注列表、比较（简体中文）。

audit-bucket-invalid = 未通过核查
audit-bucket-not-official = 不是官方标签
audit-bucket-not-a-label = 不是标签
audit-bucket-unknown-product = 注册系统里没有
audit-bucket-not-checked = 未核查
audit-bucket-authorization-withdrawn = 授权已撤销
audit-bucket-support-ended = 支持已结束
audit-bucket-support-ends-soon = 支持即将结束
audit-bucket-ok = 正常

audit-entry = { $product }：{ $bucket }{ $count ->
        [1] {""}
       *[other] ，扫描了 { $count } 次
    }

pack-imported = 已导入 { $count } 个标签，可离线使用。
pack-skipped = 有 { $count } 项没有通过核查，已跳过。
pack-not-kept = 有 { $count } 个标签存不下（离线存储最多 { $limit } 个），需要联网才能查。
pack-trust-installed = 官方注册系统名单已更新。
pack-trust-refused = 没有使用包里的官方注册系统名单。
pack-skip-not-official = 这份记录不属于官方注册系统的标签
pack-skip-not-signed = 这份记录没有签名，所以不能从文件导入
pack-error-too-large = 这个包太大了。上限是 { $megabytes } MB。
pack-error-truncated = 这个包文件不完整。没有导入任何内容。
pack-error-malformed = 这不是包文件。没有导入任何内容。
pack-error-version = 这个包是给更新版本的应用做的。没有导入任何内容。
pack-error-storage = 无法把这个包保存在这台设备上。没有导入任何内容。

watch-alert-support-ends-soon = { $product } 的安全更新将于{ $date }结束。
watch-alert-support-ended = { $product } 的安全更新已于{ $date }结束。
watch-alert-unsupported = { $product } 已经不再获得安全更新。
watch-alert-authorization-changed = 自您保存以来，{ $product } 的网络信任标志授权有变化。
watch-alert-record-changed = 自您保存以来，注册系统里 { $product } 的记录有变化。
watch-alert-key-revoked = 为 { $product } 记录签名的密钥已被撤销。在再次核查之前，请不要相信这个标签。

compare-row-support = 安全更新截止
compare-row-updates = 更新如何安装
compare-row-sensors = 传感器
compare-row-sign-in = 登录
compare-row-data-location = 数据去向
compare-row-software-origin = 软件来源
compare-row-authorization = 授权
