# 登記機構的回答沒有通過檢查的原因（繁體中文，台灣用語）。
# 每一條都接在「我們無法查核這個標籤：……」後面，結尾不加句號。

reason-too-large = 登記機構傳來的資料遠遠超過一份標籤紀錄所需
reason-malformed-json = 登記機構的回答已損壞，或者不是標籤紀錄
reason-malformed-base64 = 登記機構的回答已損壞
reason-unsupported-algorithm = 回答的簽章方式不被允許
reason-missing-key-id = 回答沒有說明是用哪個金鑰簽章的
reason-wrong-type = 回答不是我們要的那種紀錄
reason-critical-header = 回答要求使用本應用程式沒有的功能
reason-unknown-key = 回答是用我們不認得的金鑰簽章的
reason-revoked-key = 回答是用已作廢的金鑰簽章的
reason-key-not-valid-at-issue = 簽章所用的金鑰在當時無效
reason-algorithm-mismatch = 簽章和它的金鑰不相符
reason-bad-signature = 簽章無效
reason-malformed-statement = 簽章的紀錄不完整
reason-wrong-issuer = 這份紀錄來自另一個登記機構
reason-wrong-subject = 這份紀錄屬於另一個標籤
reason-not-logged = 登記機構沒有在它的公開日誌中公布這份紀錄
reason-too-few-witnesses = 確認登記機構公開日誌的獨立見證方太少
reason-log-inconsistent = 登記機構的公開日誌與這個裝置之前看到的不一致
reason-issued-in-future = 紀錄的日期在未來，請檢查這個裝置上的日期
reason-rollback = 登記機構傳來的紀錄比這個裝置上儲存的還舊
