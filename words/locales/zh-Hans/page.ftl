# 注册系统里某个标签的网页（简体中文）：用手机自带相机扫描标签时看到的页面。其余文字来自 summary.ftl。

# $product: 产品名称。
page-title = { $product }：美国网络信任标志（U.S. Cyber Trust Mark）标签
page-title-no-product = 美国网络信任标志（U.S. Cyber Trust Mark）标签
page-brand = 美国网络信任标志：注册系统里这个标签的记录
page-heading = 注册系统对这个标签的说明
page-verdict-heading = 简单来说
page-facts-heading = 标签上的信息
page-language = 语言
page-read-in = 用简体中文阅读本页
page-tone = { $tone }：
page-browser-heading = 关于本页
page-browser-cannot-check = 网页浏览器无法核查这份记录的签名。假网页也可能看起来一样。
page-app-checks = trustlabel 应用会用官方注册系统名单核查签名。它还会保存一份副本，没有网络时也能再次核查。
page-address = 标签网址：{ $url }
page-made = 本页制作于{ $when }。
page-record-link = 已签名的记录（供应用使用）
page-links-heading = 其他阅读方式
page-link-host = （前往 { $host }）
page-link-email = （发邮件到 { $address }）
page-not-found-title = 这里没有标签
page-not-found = 注册系统在这个网址没有标签。如果您扫描了一个标签，它可能是假的。
page-index-title = 这个注册系统里的标签
