# 实时扫描时显示并朗读的提示（简体中文）。每句都要短，镜头移动时也能读完。

session-searching = 请把相机对准标签上的二维码。
session-hold-still = 找到二维码了。请拿稳别动。
session-move-closer = 找到二维码了。请靠近一点。
session-more-light = 这里太暗了。请找亮一点的地方。
session-only-one-code = 画面里有不止一个二维码。请只对准一个。
session-checking = 正在核查这个标签。
session-cancelled = 核查已停止。
