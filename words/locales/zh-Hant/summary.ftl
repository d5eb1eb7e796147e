# 掃描結果的摘要（繁體中文，採用台灣用語）。
# 規則：每句不超過 40 個漢字，用主動句，稱「您」，用常見詞，不用沒有解釋的縮寫。
# 紀錄裡的名稱（產品、製造商、實驗室等）照原文引用，不翻譯。
# `.spoken` 屬性是螢幕報讀軟體朗讀的內容（與顯示的文字不同時才有）。

## 各項的標題，依顯示順序。

title-verification = 標籤查核
title-trust-list = 登記機構名單
title-code-text = 條碼裡的內容
title-product = 產品
title-support = 安全性更新
title-updates = 更新的安裝方式
title-sensors = 能感測什麼
title-sign-in = 登入
title-data-location = 您的資料去向
title-software-origin = 軟體來源
title-authorization = 標籤核准
title-tested-by = 檢測實驗室
title-securing-this-product = 安全設定
title-general-user-information = 產品介紹
title-delete-data = 刪除您的資料
title-account-deactivation = 停用帳號
title-encryption-and-key-management = 資料保護
title-sbom-hbom = 內部組成清單
title-security-contact = 回報問題

## 語氣的文字說法，供同時使用顏色或圖示的介面。

tone-good = 良好
tone-neutral = 資訊
tone-unknown = 未知
tone-caution = 注意
tone-bad = 問題

## 結論：最先顯示和朗讀的內容。

verdict-genuine = 這個標籤是真的。
verdict-genuine-saved = 這個標籤是真的。這是根據儲存的副本判斷的。
verdict-genuine-but-stale = 這個標籤是真的，但登記機構的紀錄已經過時。
verdict-genuine-but-trust-list = 這個標籤是真的，但本應用程式的登記機構名單已經過時。
verdict-genuine-but-unsupported = 這個標籤是真的，但不要指望有安全性更新。
# $when：「昨天」或日期。
verdict-genuine-but-ended = 這個標籤是真的，但安全性更新的最後一天是{ $when }。
# $when：「今天」「明天」或日期。
verdict-genuine-but-ending = 這個標籤是真的，但安全性更新的最後一天是{ $when }。
verdict-genuine-but-no-updates = 這個標籤是真的，但這個產品沒有更新。
verdict-genuine-but-password = 這個標籤是真的，但它的出廠密碼不能變更。
verdict-genuine-but-data = 這個標籤是真的，但您的資料會被傳送到有安全風險的國家。
verdict-genuine-but-software = 這個標籤是真的，但它的部分軟體來自有安全風險的國家。
verdict-genuine-but-suspended = 這個標籤是真的，但它的核准已被暫停。
verdict-genuine-but-withdrawn = 這個標籤是真的，但它的核准已被撤銷。
verdict-genuine-but-expired = 這個標籤是真的，但它的核准已經過期。

# 安全性更新期限，接在結論第一句後面。
verdict-support-until = 您可以收到安全性更新，直到{ $date }。
# 6 個月內結束。
verdict-support-soon = 安全性更新很快就會結束，最後一天是{ $date }。
verdict-support-today = 今天是安全性更新的最後一天。
verdict-support-tomorrow = 明天是安全性更新的最後一天。
verdict-support-yesterday = 昨天是您收到安全性更新的最後一天。
verdict-support-ended = 安全性更新的最後一天是{ $date }。
verdict-support-unsupported = 不要指望有安全性更新。
verdict-support-unknown = 標籤沒有說明安全性更新會持續多久。

verdict-more-problems = 下面還有{ $count }個問題。

verdict-not-official = 警告：這不是官方的標籤連結。它會開啟 { $host }。
verdict-not-a-label = 這個條碼不是網路信任標章（Cyber Trust Mark）標籤。
verdict-unknown-product = 警告：官方登記機構不認得這個標籤。
verdict-invalid = 警告：這個標籤沒有通過安全檢查。
verdict-error-check = 我們無法查核這個標籤。
verdict-error-offline = 我們無法在離線時查核這個標籤。
verdict-error-decode = 我們無法讀取這張圖片裡的條碼。

## 標籤查核

# $when：「今天」「昨天」或日期。
verify-checked = 我們已向官方登記機構查核這個標籤。查核時間是{ $when }。紀錄有簽章，而且與這個標籤相符。
verify-saved-offline = 您現在沒有連上網路，所以這是儲存的副本。
verify-saved-unreachable = 登記機構沒有回應，所以這是儲存的副本。
verify-saved-checked = 我們上次向官方登記機構查核它的時間是{ $when }。
verify-stale = 但是登記機構的紀錄已經過時。登記機構最後一次更新它是在{ $date }。
# $host：連結實際前往的主機名稱。
verify-not-official = 這個連結不是前往官方登記機構的。它會開啟 { $host }。
# $ascii：同一主機名稱的一般字母寫法（punycode）。
verify-host-ascii = 用一般字母寫，這個網址是 { $ascii }。
verify-open-nothing = 不要開啟這個連結，也不要在這個網站上輸入任何內容。
verify-not-a-label = 這個條碼裡沒有網址，所以不是標籤連結。
verify-unknown-product = 官方登記機構沒有這個標籤的紀錄。這個標籤可能是假的。
# $reason：check.ftl 裡的一個原因。
verify-invalid = 我們無法查核這個標籤：{ $reason }。
verify-invalid-hidden = 登記機構傳來的內容沒有通過檢查，所以我們不顯示它。
code-text = 條碼裡的內容是：「{ $text }」
trust-list-old = 本應用程式的官方登記機構名單已經過時。請連上網路，讓它更新。

warn-punycode = 這個網址使用了特殊字母，可以冒充知名的名稱。
warn-mixed-scripts = 這個網址混用了不只一種文字的字母。
# $trusted：被冒充的官方主機名稱。
warn-one-edit = 它和官方網址 { $trusted } 只差一個字母。
warn-http = 它看起來像 { $trusted }，但這個連結不安全。
warn-port = 它使用了 { $trusted } 這個名稱，但加了一個登記機構從不使用的數字。
warn-userinfo = 這個連結在 @ 符號前面放了假的文字，用來隱藏真正的網址。
    .spoken = 這個連結在 at 符號前面放了假的文字，用來隱藏真正的網址。

error-unreachable = 登記機構沒有回應，這個裝置上也沒有儲存這個標籤。請在連上網路時再試一次。
error-not-cached = 這個裝置上沒有儲存這個標籤，所以我們無法離線查核它。
error-storage = 本應用程式無法開啟它儲存的標籤。
error-decode = 我們在這張圖片裡找不到條碼。請靠近一點，拍一張更清楚的照片。
error-trust-list = 我們無法使用本應用程式的官方登記機構名單。它沒有通過檢查：{ $reason }。
error-trust-list-fault = 我們無法使用本應用程式的官方登記機構名單。名單有錯誤，需要由發布方修正。
error-network = 本應用程式無法建立網路連線。

## 產品

product-name-model-maker = { $name }，型號 { $model }，由 { $maker } 製造。
product-name-maker = { $name }，由 { $maker } 製造。
product-name-model = { $name }，型號 { $model }。
product-name = { $name }。
product-model-maker = 型號 { $model }，由 { $maker } 製造。
product-maker = 由 { $maker } 製造的產品。
product-model = 型號 { $model }。
product-maker-missing = 標籤沒有寫明製造商。
product-name-missing = 標籤沒有寫明產品名稱。
product-name-maker-missing = 標籤沒有寫明產品名稱或製造商。

## 安全性更新：多久

support-until = 製造商會提供安全性更新，直到{ $date }。
support-ends-today = 今天是您收到安全性更新的最後一天。也就是{ $date }。
support-ends-tomorrow = 明天是您收到安全性更新的最後一天。也就是{ $date }。
support-ended-yesterday = 昨天是您收到安全性更新的最後一天。也就是{ $date }。
support-ended = 安全性更新的最後一天是{ $date }。
support-unsupported = 製造商說，不要指望這個產品有安全性更新。
support-label-date = 標籤上寫的結束日期是{ $date }。
support-extended = 標籤上寫的是{ $date }，但製造商後來延長了期限。
support-extended-malformed = 製造商還給了一個新的結束日期，但那不是真實的日期。
support-missing = 製造商沒有說明這個產品會有多久的安全性更新。
support-malformed = 標籤上的安全性更新結束日期不是真實的日期。

## 更新的安裝方式

updates-missing = 標籤沒有說明更新如何安裝。
updates-default-missing = 標籤沒有說明更新一開始如何安裝。
updates-auto-opt-out = 更新會自動安裝。您可以關閉這個功能。
updates-auto-no-opt-out = 更新會自動安裝。您不能關閉這個功能。
updates-manual = 您需要自己安裝更新。
updates-consent = 更新只有在您同意後才會安裝。
updates-none = 這個產品沒有更新。
updates-not-disclosed = 製造商沒有說明更新如何安裝。
updates-other = 製造商用自己的方式安裝更新。
updates-other-says = 製造商說：
updates-other-missing = 製造商沒有說明是什麼方式。
updates-unrecognized = 標籤寫了一種我們不認得的更新方式：「{ $value }」。
updates-also-auto-opt-out = 您也可以讓更新自動安裝。
updates-also-auto-no-opt-out = 您也可以讓更新自動安裝，但無法停止。
updates-also-manual = 您也可以自己安裝更新。
updates-also-consent = 您也可以讓更新等您同意後再安裝。
updates-also-none = 您也可以關閉更新。
updates-also-other = 您也可以用製造商自己的方式。
updates-also-unrecognized = 您也可以選擇一種我們不認得的方式：「{ $value }」。

## 能感測什麼

sensors-missing = 標籤沒有說明這個產品能看到、聽到或感測什麼。
sensor-images-yes = 它能拍照片或影片。
sensor-images-no = 它不能拍照片或影片。
sensor-images-unsaid = 標籤沒有說明它能不能拍照片或影片。
sensor-audio-yes = 它能錄音。
sensor-audio-no = 它不能錄音。
sensor-audio-unsaid = 標籤沒有說明它能不能錄音。
sensor-position-yes = 它能知道自己在哪裡。
sensor-position-no = 它不能知道自己在哪裡。
sensor-position-unsaid = 標籤沒有說明它能不能知道自己在哪裡。
sensor-other-yes = 它還有一種標籤稱為「{ $value }」的感測器。
sensor-other-no = 它沒有標籤稱為「{ $value }」的感測器。

## 登入

signin-missing = 標籤沒有說明如何登入。
# $methods：「密碼」「通行密鑰」或兩者：「密碼或通行密鑰」。
signin-with = 您可以用{ $methods }登入。
signin-passkey-explained = 通行密鑰是存在您手機上的登入鑰匙。
signin-biometric = 您可以用臉孔、指紋或聲音登入。
signin-biometric-also = 您也可以用臉孔、指紋或聲音。
signin-mfa = 您可以加上第二道驗證步驟，例如傳到您手機的驗證碼。
signin-no-control = 它沒有密碼或鎖。任何能連到它的人都能使用它。
signin-multi-account = 您家裡每個人都可以有自己的帳號。
signin-single-account = 您家裡所有人共用一個帳號。
signin-optional-account = 有沒有帳號都可以使用它。
signin-no-account = 您不需要帳號。
signin-not-disclosed = 製造商沒有說明如何登入。
signin-unrecognized = 標籤寫了一種我們不認得的登入方式：「{ $value }」。
signin-method-password = 密碼
signin-method-biometric = 臉孔、指紋或聲音
signin-method-passkey = 通行密鑰
signin-method-mfa = 第二道驗證步驟
# $method：上面的一種方式。
signin-first = 第一次設定時，它使用{ $method }。
signin-factory-fixed = 它附有出廠時設好的密碼。您不能變更這個密碼。
signin-factory-changeable = 它附有出廠時設好的密碼。您可以變更，而且應該變更。
signin-own-password = 設定時由您自己設定密碼。
signin-password-unrecognized = 標籤寫了一種我們不認得的密碼類型：「{ $value }」。
link-password-change = 如何變更密碼

## 資料去向和軟體來源（FCC 提議的揭露項目）

data-none = 製造商說，您的資料不會被傳送到有安全風險的國家的伺服器。
# $countries：國家名稱清單，「中國和俄羅斯」。
# $count：列出的國家數量。
data-high-risk = 製造商說，您的資料會被傳送到有安全風險的國家的伺服器。{ $count ->
    [1] 這個國家是{ $countries }。
   *[other] 這些國家是{ $countries }。
}
data-high-risk-unnamed = 製造商說，您的資料會被傳送到有安全風險的國家的伺服器。它沒有說是哪些國家。
data-not-disclosed = 製造商沒有說明您的資料會被傳送到哪裡。
data-unrecognized = 製造商對資料去向的回答我們看不懂：「{ $value }」。
software-none = 製造商說，它的軟體不是在有安全風險的國家製作的。
software-high-risk = 製造商說，它的部分軟體來自有安全風險的國家。{ $count ->
    [1] 這個國家是{ $countries }。
   *[other] 這些國家是{ $countries }。
}
software-high-risk-unnamed = 製造商說，它的部分軟體來自有安全風險的國家。它沒有說是哪些國家。
software-not-disclosed = 製造商沒有說明它的軟體是在哪裡製作的。
software-unrecognized = 製造商對軟體來源的回答我們看不懂：「{ $value }」。
countries-of-concern = 美國認為這類國家有安全風險。

country-cn = 中國
country-hk = 香港
country-mo = 澳門
country-ru = 俄羅斯
country-ir = 伊朗
country-kp = 北韓
country-cu = 古巴
country-ve = 委內瑞拉
# $code：本應用程式沒有名稱的兩個字母的國家代碼。
country-other = 代碼為 { $code } 的國家

## 標籤核准和檢測

auth-active = 這個核准仍然有效。
auth-suspended = 這個標籤的核准目前已暫停。恢復之前，不要依賴這個標籤。
auth-withdrawn = 這個標籤的核准已被撤銷。不要依賴這個標籤。
auth-expired = 這個標籤的核准已經過期。不要依賴這個標籤。
auth-not-given = 登記機構沒有說明核准是否仍然有效。
auth-unrecognized = 登記機構給了一個我們不認得的狀態：「{ $value }」。
auth-approved-by-on = { $approver } 在{ $date }核准了這個標籤。
auth-approved-by = { $approver } 核准了這個標籤。
auth-approved-on = 這個標籤在{ $date }獲得核准。
auth-date-missing = 標籤沒有寫明核准日期。
auth-date-malformed = 標籤上的核准日期不是真實的日期。
auth-approver-missing = 標籤沒有說明是誰核准的。
auth-approval-missing = 標籤沒有說明是誰在什麼時候核准的。
auth-as-of = 登記機構在{ $date }確認了這一點。
link-contact = 聯絡 { $name }
tested-by = { $lab } 檢測了這個產品。
tested-missing = 標籤沒有說明是哪個實驗室檢測的。

## 製造商提供的更多資訊（連結）

secure-yes = 製造商說明了如何安全地設定它。
secure-missing = 製造商沒有提供安全設定指南。
link-secure = 如何安全地設定
about-yes = 製造商的網站上有這個產品的更多介紹。
about-missing = 製造商沒有提供這個產品的介紹網頁。
link-about = 產品介紹
delete-yes = 製造商說明了如何刪除您的資料和帳號。
delete-missing = 製造商沒有說明如何刪除您的資料。
link-delete = 如何刪除您的資料
close-yes = 製造商說明了如何停用您的帳號。
close-missing = 製造商沒有說明如何停用您的帳號。
link-close = 如何停用帳號
encryption-yes = 製造商說明了它如何用加密保護您的資料。
encryption-missing = 製造商沒有說明它如何保護您的資料。
link-encryption = 它如何保護您的資料
link-invalid = 製造商給的連結不是真實的網址。

parts-both = 製造商保存了內部軟體清單和內部零件清單。
parts-software-only = 製造商保存了內部軟體清單，但沒有內部零件清單。
parts-hardware-only = 製造商保存了內部零件清單，但沒有內部軟體清單。
parts-neither = 製造商沒有保存內部軟體或零件的清單。
parts-missing = 標籤沒有說明製造商是否保存了內部軟體和零件的清單。
parts-why = 這類清單能幫助製造商找出並修正安全問題。

contact-web = 您可以在製造商的網站上回報安全問題。
# $email：電子郵件地址。
contact-email = 您可以寄電子郵件到 { $email } 回報安全問題。
contact-missing = 製造商沒有提供回報安全問題的方法。
contact-invalid = 我們無法使用製造商給的安全聯絡方式。它不是連結，也不是電子郵件地址。
link-contact-web = 回報安全問題
link-contact-email = 寄電子郵件給安全團隊

## 摘要周圍的文字（命令列和應用程式）

ui-address = 網址
ui-details = 詳細資料
# $path：這台電腦上的一個資料夾。
ui-cache-recreated = 離線快取已損壞。我們把它移到了 { $path }，並建立了一個新的。
ui-cache-temporary = 另一個 trustlabel 正在使用離線快取，所以這次執行不會儲存任何內容。

## 歷史紀錄：過去的掃描是哪種結果。
history-genuine-problems = 這個標籤是真的，但有問題。請開啟查看。
history-not-official = 警告：這不是官方的標籤連結。

## 不為紀錄簽章的登記機構（協定 4b）。
verdict-unsigned = 這份紀錄來自登記機構的網站，但沒有簽章。
verify-unsigned = 這個登記機構不為紀錄簽章，所以我們無法證明這份紀錄是真的。它來自登記機構的網站。
