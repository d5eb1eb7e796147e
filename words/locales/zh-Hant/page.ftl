# 註冊系統中某個標籤的網頁（繁體中文）：用手機內建相機掃描標籤時看到的頁面。其餘文字來自 summary.ftl。

# $product: 產品名稱。
page-title = { $product }：美國網路信任標章（U.S. Cyber Trust Mark）標籤
page-title-no-product = 美國網路信任標章（U.S. Cyber Trust Mark）標籤
page-brand = 美國網路信任標章：註冊系統中這個標籤的紀錄
page-heading = 註冊系統對這個標籤的說明
page-verdict-heading = 簡單來說
page-facts-heading = 標籤上的資訊
page-language = 語言
page-read-in = 以繁體中文閱讀本頁
page-tone = { $tone }：
page-browser-heading = 關於本頁
page-browser-cannot-check = 網頁瀏覽器無法查核這份紀錄的簽章。假網頁也可能看起來一樣。
page-app-checks = trustlabel 應用程式會用官方註冊系統名單查核簽章。它也會保存一份副本，沒有網路時也能再次查核。
page-address = 標籤網址：{ $url }
page-made = 本頁製作於{ $when }。
page-record-link = 已簽章的紀錄（供應用程式使用）
page-links-heading = 其他閱讀方式
page-link-host = （前往 { $host }）
page-link-email = （寄電子郵件到 { $address }）
page-not-found-title = 這裡沒有標籤
page-not-found = 註冊系統在這個網址沒有標籤。如果您掃描了一個標籤，它可能是假的。
page-index-title = 這個註冊系統中的標籤
