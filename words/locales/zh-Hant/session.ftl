# 即時掃描時顯示並朗讀的提示（繁體中文）。每句都要短，鏡頭移動時也能讀完。

session-searching = 請把相機對準標籤上的 QR 碼。
session-hold-still = 找到 QR 碼了。請拿穩不要動。
session-move-closer = 找到 QR 碼了。請靠近一點。
session-more-light = 這裡太暗了。請找亮一點的地方。
session-only-one-code = 畫面中有不只一個 QR 碼。請只對準一個。
session-checking = 正在查核這個標籤。
session-cancelled = 查核已停止。
