# 店員與離線功能：貨架檢查、離線包、關注清單、比較（繁體中文）。

audit-bucket-invalid = 未通過查核
audit-bucket-not-official = 不是官方標籤
audit-bucket-not-a-label = 不是標籤
audit-bucket-unknown-product = 註冊系統中沒有
audit-bucket-not-checked = 未查核
audit-bucket-authorization-withdrawn = 授權已撤銷
audit-bucket-support-ended = 支援已結束
audit-bucket-support-ends-soon = 支援即將結束
audit-bucket-ok = 正常

audit-entry = { $product }：{ $bucket }{ $count ->
        [1] {""}
       *[other] ，掃描了 { $count } 次
    }

pack-imported = 已匯入 { $count } 個標籤，可離線使用。
pack-skipped = 有 { $count } 項沒有通過查核，已略過。
pack-not-kept = 有 { $count } 個標籤存不下（離線儲存最多 { $limit } 個），需要連網才能查。
pack-trust-installed = 官方註冊系統名單已更新。
pack-trust-refused = 沒有使用包中的官方註冊系統名單。
pack-skip-not-official = 這份紀錄不屬於官方註冊系統的標籤
pack-skip-not-signed = 這份紀錄沒有簽章，所以不能從檔案匯入
pack-error-too-large = 這個包太大了。上限是 { $megabytes } MB。
pack-error-truncated = 這個包檔案不完整。沒有匯入任何內容。
pack-error-malformed = 這不是包檔案。沒有匯入任何內容。
pack-error-version = 這個包是給較新版本的應用程式做的。沒有匯入任何內容。
pack-error-storage = 無法把這個包儲存在這台裝置上。沒有匯入任何內容。

watch-alert-support-ends-soon = { $product } 的安全更新將於{ $date }結束。
watch-alert-support-ended = { $product } 的安全更新已於{ $date }結束。
watch-alert-unsupported = { $product } 已經不再獲得安全更新。
watch-alert-authorization-changed = 自您儲存以來，{ $product } 的網路信任標章授權有變化。
watch-alert-record-changed = 自您儲存以來，註冊系統中 { $product } 的紀錄有變化。
watch-alert-key-revoked = 為 { $product } 紀錄簽章的金鑰已被撤銷。在再次查核之前，請不要相信這個標籤。

compare-row-support = 安全更新截止
compare-row-updates = 更新如何安裝
compare-row-sensors = 感測器
compare-row-sign-in = 登入
compare-row-data-location = 資料去向
compare-row-software-origin = 軟體來源
compare-row-authorization = 授權
