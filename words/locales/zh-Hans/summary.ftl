# 扫描结果的摘要（简体中文）。
# 规则：每句不超过 40 个汉字，用主动句，称“您”，用常见词，不用没有解释的缩写。
# 记录里的名称（产品、制造商、实验室等）照原文引用，不翻译。
# `.spoken` 属性是读屏软件朗读的内容（与显示的文字不同时才有）。

## 各项的标题，按显示顺序。

title-verification = 标签核验
title-trust-list = 登记机构名单
title-code-text = 二维码里的内容
title-product = 产品
title-support = 安全更新
title-updates = 更新的安装方式
title-sensors = 能感知什么
title-sign-in = 登录
title-data-location = 您的数据去向
title-software-origin = 软件来源
title-authorization = 标签批准
title-tested-by = 检测实验室
title-securing-this-product = 安全设置
title-general-user-information = 产品介绍
title-delete-data = 删除您的数据
title-account-deactivation = 注销账号
title-encryption-and-key-management = 数据保护
title-sbom-hbom = 内部组成清单
title-security-contact = 报告问题

## 语气的文字说法，供同时使用颜色或图标的界面。

tone-good = 良好
tone-neutral = 信息
tone-unknown = 未知
tone-caution = 注意
tone-bad = 问题

## 结论：最先显示和朗读的内容。

verdict-genuine = 这个标签是真的。
verdict-genuine-saved = 这个标签是真的。这是根据保存的副本判断的。
verdict-genuine-but-stale = 这个标签是真的，但登记机构的记录已经过时。
verdict-genuine-but-trust-list = 这个标签是真的，但本应用的登记机构名单已经过时。
verdict-genuine-but-unsupported = 这个标签是真的，但不要指望有安全更新。
# $when：“昨天”或日期。
verdict-genuine-but-ended = 这个标签是真的，但安全更新的最后一天是{ $when }。
# $when：“今天”“明天”或日期。
verdict-genuine-but-ending = 这个标签是真的，但安全更新的最后一天是{ $when }。
verdict-genuine-but-no-updates = 这个标签是真的，但这个产品没有更新。
verdict-genuine-but-password = 这个标签是真的，但它的出厂密码不能更改。
verdict-genuine-but-data = 这个标签是真的，但您的数据会被送到有安全风险的国家。
verdict-genuine-but-software = 这个标签是真的，但它的部分软件来自有安全风险的国家。
verdict-genuine-but-suspended = 这个标签是真的，但它的批准已被暂停。
verdict-genuine-but-withdrawn = 这个标签是真的，但它的批准已被撤销。
verdict-genuine-but-expired = 这个标签是真的，但它的批准已经过期。

# 安全更新期限，接在结论第一句后面。
verdict-support-until = 您可以收到安全更新，直到{ $date }。
# 6 个月内结束。
verdict-support-soon = 安全更新很快就会结束，最后一天是{ $date }。
verdict-support-today = 今天是安全更新的最后一天。
verdict-support-tomorrow = 明天是安全更新的最后一天。
verdict-support-yesterday = 昨天是您收到安全更新的最后一天。
verdict-support-ended = 安全更新的最后一天是{ $date }。
verdict-support-unsupported = 不要指望有安全更新。
verdict-support-unknown = 标签没有说明安全更新会持续多久。

verdict-more-problems = 下面还有{ $count }个问题。

verdict-not-official = 警告：这不是官方的标签链接。它会打开 { $host }。
verdict-not-a-label = 这个二维码不是网络信任标志（Cyber Trust Mark）标签。
verdict-unknown-product = 警告：官方登记机构不认识这个标签。
verdict-invalid = 警告：这个标签没有通过安全检查。
verdict-error-check = 我们无法核验这个标签。
verdict-error-offline = 我们无法在离线时核验这个标签。
verdict-error-decode = 我们无法读取这张图片里的二维码。

## 标签核验

# $when：“今天”“昨天”或日期。
verify-checked = 我们已向官方登记机构核对这个标签。核对时间是{ $when }。记录带有签名，而且与这个标签相符。
verify-saved-offline = 您现在没有联网，所以这是保存的副本。
verify-saved-unreachable = 登记机构没有回应，所以这是保存的副本。
verify-saved-checked = 我们上次向官方登记机构核对它的时间是{ $when }。
verify-stale = 但是登记机构的记录已经过时。登记机构最后一次更新它是在{ $date }。
# $host：链接实际去往的主机名。
verify-not-official = 这个链接不是去往官方登记机构的。它会打开 { $host }。
# $ascii：同一主机名的普通字母写法（punycode）。
verify-host-ascii = 用普通字母写，这个网址是 { $ascii }。
verify-open-nothing = 不要打开这个链接，也不要在这个网站上输入任何内容。
verify-not-a-label = 这个二维码里没有网址，所以不是标签链接。
verify-unknown-product = 官方登记机构没有这个标签的记录。这个标签可能是假的。
# $reason：check.ftl 里的一个原因。
verify-invalid = 我们无法核验这个标签：{ $reason }。
verify-invalid-hidden = 登记机构发来的内容没有通过检查，所以我们不显示它。
code-text = 二维码里的内容是：“{ $text }”
trust-list-old = 本应用的官方登记机构名单已经过时。请联网，让它更新。

warn-punycode = 这个网址使用了特殊字母，可以冒充知名的名称。
warn-mixed-scripts = 这个网址混用了不止一种文字的字母。
# $trusted：被冒充的官方主机名。
warn-one-edit = 它和官方网址 { $trusted } 只差一个字母。
warn-http = 它看起来像 { $trusted }，但这个链接不安全。
warn-port = 它使用了 { $trusted } 这个名称，但加了一个登记机构从不使用的数字。
warn-userinfo = 这个链接在 @ 符号前面放了虚假文字，用来隐藏真实网址。
    .spoken = 这个链接在 at 符号前面放了虚假文字，用来隐藏真实网址。

error-unreachable = 登记机构没有回应，这台设备上也没有保存这个标签。请在联网时再试一次。
error-not-cached = 这台设备上没有保存这个标签，所以我们无法离线核验它。
error-storage = 本应用无法打开它保存的标签。
error-decode = 我们在这张图片里找不到二维码。请靠近一些，拍一张更清楚的照片。
error-trust-list = 我们无法使用本应用的官方登记机构名单。它没有通过检查：{ $reason }。
error-trust-list-fault = 我们无法使用本应用的官方登记机构名单。名单有错误，需要由发布方修正。
error-network = 本应用无法建立网络连接。

## 产品

product-name-model-maker = { $name }，型号 { $model }，由 { $maker } 制造。
product-name-maker = { $name }，由 { $maker } 制造。
product-name-model = { $name }，型号 { $model }。
product-name = { $name }。
product-model-maker = 型号 { $model }，由 { $maker } 制造。
product-maker = 由 { $maker } 制造的产品。
product-model = 型号 { $model }。
product-maker-missing = 标签没有写明制造商。
product-name-missing = 标签没有写明产品名称。
product-name-maker-missing = 标签没有写明产品名称或制造商。

## 安全更新：多久

support-until = 制造商会提供安全更新，直到{ $date }。
support-ends-today = 今天是您收到安全更新的最后一天。也就是{ $date }。
support-ends-tomorrow = 明天是您收到安全更新的最后一天。也就是{ $date }。
support-ended-yesterday = 昨天是您收到安全更新的最后一天。也就是{ $date }。
support-ended = 安全更新的最后一天是{ $date }。
support-unsupported = 制造商说，不要指望这个产品有安全更新。
support-label-date = 标签上写的结束日期是{ $date }。
support-extended = 标签上写的是{ $date }，但制造商后来延长了期限。
support-extended-malformed = 制造商还给了一个新的结束日期，但那不是真实的日期。
support-missing = 制造商没有说明这个产品会有多久的安全更新。
support-malformed = 标签上的安全更新结束日期不是真实的日期。

## 更新的安装方式

updates-missing = 标签没有说明更新如何安装。
updates-default-missing = 标签没有说明更新一开始如何安装。
updates-auto-opt-out = 更新会自动安装。您可以关闭这个功能。
updates-auto-no-opt-out = 更新会自动安装。您不能关闭这个功能。
updates-manual = 您需要自己安装更新。
updates-consent = 更新只有在您同意后才会安装。
updates-none = 这个产品没有更新。
updates-not-disclosed = 制造商没有说明更新如何安装。
updates-other = 制造商用自己的方式安装更新。
updates-other-says = 制造商说：
updates-other-missing = 制造商没有说明是什么方式。
updates-unrecognized = 标签写了一种我们不认识的更新方式：“{ $value }”。
updates-also-auto-opt-out = 您也可以让更新自动安装。
updates-also-auto-no-opt-out = 您也可以让更新自动安装，但无法停止。
updates-also-manual = 您也可以自己安装更新。
updates-also-consent = 您也可以让更新等您同意后再安装。
updates-also-none = 您也可以关闭更新。
updates-also-other = 您也可以用制造商自己的方式。
updates-also-unrecognized = 您也可以选择一种我们不认识的方式：“{ $value }”。

## 能感知什么

sensors-missing = 标签没有说明这个产品能看到、听到或感知什么。
sensor-images-yes = 它能拍照片或视频。
sensor-images-no = 它不能拍照片或视频。
sensor-images-unsaid = 标签没有说明它能不能拍照片或视频。
sensor-audio-yes = 它能录音。
sensor-audio-no = 它不能录音。
sensor-audio-unsaid = 标签没有说明它能不能录音。
sensor-position-yes = 它能知道自己在哪里。
sensor-position-no = 它不能知道自己在哪里。
sensor-position-unsaid = 标签没有说明它能不能知道自己在哪里。
sensor-other-yes = 它还有一种标签称为“{ $value }”的传感器。
sensor-other-no = 它没有标签称为“{ $value }”的传感器。

## 登录

signin-missing = 标签没有说明如何登录。
# $methods：“密码”“通行密钥”或两者：“密码或通行密钥”。
signin-with = 您可以用{ $methods }登录。
signin-passkey-explained = 通行密钥是保存在您手机上的登录钥匙。
signin-biometric = 您可以用面容、指纹或声音登录。
signin-biometric-also = 您也可以用面容、指纹或声音。
signin-mfa = 您可以加上第二步验证，比如发到您手机上的验证码。
signin-no-control = 它没有密码或锁。任何能连上它的人都能使用它。
signin-multi-account = 您家里每个人都可以有自己的账号。
signin-single-account = 您家里所有人共用一个账号。
signin-optional-account = 有没有账号都可以使用它。
signin-no-account = 您不需要账号。
signin-not-disclosed = 制造商没有说明如何登录。
signin-unrecognized = 标签写了一种我们不认识的登录方式：“{ $value }”。
signin-method-password = 密码
signin-method-biometric = 面容、指纹或声音
signin-method-passkey = 通行密钥
signin-method-mfa = 第二步验证
# $method：上面的一种方式。
signin-first = 第一次设置时，它使用{ $method }。
signin-factory-fixed = 它带有出厂时设好的密码。您不能更改这个密码。
signin-factory-changeable = 它带有出厂时设好的密码。您可以更改，而且应该更改。
signin-own-password = 设置时由您自己设定密码。
signin-password-unrecognized = 标签写了一种我们不认识的密码类型：“{ $value }”。
link-password-change = 如何更改密码

## 数据去向和软件来源（FCC 拟议的披露项目）

data-none = 制造商说，您的数据不会被送到有安全风险的国家的服务器。
# $countries：国家名称列表，“中国和俄罗斯”。
# $count：列出的国家数量。
data-high-risk = 制造商说，您的数据会被送到有安全风险的国家的服务器。{ $count ->
    [1] 这个国家是{ $countries }。
   *[other] 这些国家是{ $countries }。
}
data-high-risk-unnamed = 制造商说，您的数据会被送到有安全风险的国家的服务器。它没有说是哪些国家。
data-not-disclosed = 制造商没有说明您的数据会被送到哪里。
data-unrecognized = 制造商对数据去向的回答我们看不懂：“{ $value }”。
software-none = 制造商说，它的软件不是在有安全风险的国家制作的。
software-high-risk = 制造商说，它的部分软件来自有安全风险的国家。{ $count ->
    [1] 这个国家是{ $countries }。
   *[other] 这些国家是{ $countries }。
}
software-high-risk-unnamed = 制造商说，它的部分软件来自有安全风险的国家。它没有说是哪些国家。
software-not-disclosed = 制造商没有说明它的软件是在哪里制作的。
software-unrecognized = 制造商对软件来源的回答我们看不懂：“{ $value }”。
countries-of-concern = 美国认为这类国家有安全风险。

country-cn = 中国
country-hk = 香港
country-mo = 澳门
country-ru = 俄罗斯
country-ir = 伊朗
country-kp = 朝鲜
country-cu = 古巴
country-ve = 委内瑞拉
# $code：本应用没有名称的两个字母的国家代码。
country-other = 代码为 { $code } 的国家

## 标签批准和检测

auth-active = 这个批准仍然有效。
auth-suspended = 这个标签的批准目前已暂停。恢复之前，不要依赖这个标签。
auth-withdrawn = 这个标签的批准已被撤销。不要依赖这个标签。
auth-expired = 这个标签的批准已经过期。不要依赖这个标签。
auth-not-given = 登记机构没有说明批准是否仍然有效。
auth-unrecognized = 登记机构给了一个我们不认识的状态：“{ $value }”。
auth-approved-by-on = { $approver } 在{ $date }批准了这个标签。
auth-approved-by = { $approver } 批准了这个标签。
auth-approved-on = 这个标签在{ $date }获得批准。
auth-date-missing = 标签没有写明批准日期。
auth-date-malformed = 标签上的批准日期不是真实的日期。
auth-approver-missing = 标签没有说明是谁批准的。
auth-approval-missing = 标签没有说明是谁在什么时候批准的。
auth-as-of = 登记机构在{ $date }确认了这一点。
link-contact = 联系 { $name }
tested-by = { $lab } 检测了这个产品。
tested-missing = 标签没有说明是哪个实验室检测的。

## 制造商提供的更多信息（链接）

secure-yes = 制造商说明了如何安全地设置它。
secure-missing = 制造商没有提供安全设置指南。
link-secure = 如何安全地设置
about-yes = 制造商的网站上有这个产品的更多介绍。
about-missing = 制造商没有提供这个产品的介绍页面。
link-about = 产品介绍
delete-yes = 制造商说明了如何删除您的数据和账号。
delete-missing = 制造商没有说明如何删除您的数据。
link-delete = 如何删除您的数据
close-yes = 制造商说明了如何注销您的账号。
close-missing = 制造商没有说明如何注销您的账号。
link-close = 如何注销账号
encryption-yes = 制造商说明了它如何用加密保护您的数据。
encryption-missing = 制造商没有说明它如何保护您的数据。
link-encryption = 它如何保护您的数据
link-invalid = 制造商给的链接不是真实的网址。

parts-both = 制造商保存了内部软件清单和内部零件清单。
parts-software-only = 制造商保存了内部软件清单，但没有内部零件清单。
parts-hardware-only = 制造商保存了内部零件清单，但没有内部软件清单。
parts-neither = 制造商没有保存内部软件或零件的清单。
parts-missing = 标签没有说明制造商是否保存了内部软件和零件的清单。
parts-why = 这类清单能帮助制造商发现并修复安全问题。

contact-web = 您可以在制造商的网站上报告安全问题。
# $email：电子邮件地址。
contact-email = 您可以发电子邮件到 { $email } 报告安全问题。
contact-missing = 制造商没有提供报告安全问题的方法。
contact-invalid = 我们无法使用制造商给的安全联系方式。它不是链接，也不是电子邮件地址。
link-contact-web = 报告安全问题
link-contact-email = 发电子邮件给安全团队

## 摘要周围的文字（命令行和应用）

ui-address = 网址
ui-details = 详细信息
# $path：这台电脑上的一个文件夹。
ui-cache-recreated = 离线缓存已损坏。我们把它移到了 { $path }，并新建了一个。
ui-cache-temporary = 另一个 trustlabel 正在使用离线缓存，所以这次运行不会保存任何内容。

## 历史记录：过去的扫描是哪种结果。
history-genuine-problems = 这个标签是真的，但有问题。请打开查看。
history-not-official = 警告：这不是官方的标签链接。

## 不给记录签名的登记机构（协议 4b）。
verdict-unsigned = 这份记录来自登记机构的网站，但没有签名。
verify-unsigned = 这个登记机构不给记录签名，所以我们无法证明这份记录是真的。它来自登记机构的网站。
