# The summary of a scan (US English).
# Rules: sentences of at most 20 words, active voice, "you", common words, no unexplained
# abbreviations. A `.spoken` attribute is what a screen reader says when it differs.

## Fact titles, in the order the facts are shown.

title-verification = Label check
title-trust-list = Registry list
title-code-text = What the code says
title-product = Product
title-support = Security updates
title-updates = How updates install
title-sensors = What it can sense
title-sign-in = Sign-in
title-data-location = Where your data goes
title-software-origin = Where its software comes from
title-authorization = Label approval
title-tested-by = Testing lab
title-securing-this-product = Safe setup
title-general-user-information = About this product
title-delete-data = Delete your data
title-account-deactivation = Close your account
title-encryption-and-key-management = Data protection
title-sbom-hbom = Lists of what is inside
title-security-contact = Report a problem

## Tones as words, for layouts that also use colour or icons.

tone-good = Good
tone-neutral = Info
tone-unknown = Unknown
tone-caution = Caution
tone-bad = Problem

## The verdict: the first thing shown and said.

verdict-genuine = This label is real.
verdict-genuine-saved = This label is real, based on a saved copy.
verdict-genuine-but-stale = This label is real, but the registry's record of it is out of date.
verdict-genuine-but-trust-list = This label is real, but the app's list of registries is out of date.
verdict-genuine-but-unsupported = This label is real, but do not count on security updates.
# $when: "yesterday" or a date.
verdict-genuine-but-ended = This label is real, but the last day of security updates was { $when }.
# $when: "today", "tomorrow" or a date.
verdict-genuine-but-ending = This label is real, but the last day of security updates is { $when }.
verdict-genuine-but-no-updates = This label is real, but this product gets no updates.
verdict-genuine-but-password = This label is real, but you cannot change its factory password.
verdict-genuine-but-data = This label is real, but your data goes to countries of concern.
verdict-genuine-but-software = This label is real, but part of its software comes from countries of concern.
verdict-genuine-but-suspended = This label is real, but its approval is on hold.
verdict-genuine-but-withdrawn = This label is real, but its approval was withdrawn.
verdict-genuine-but-expired = This label is real, but its approval has expired.

# The support period, said after the first sentence of the verdict.
verdict-support-until = You get security updates through { $date }.
# Support ends within 6 months.
verdict-support-soon = Security updates end soon, on { $date }.
verdict-support-today = Today is the last day of security updates.
verdict-support-tomorrow = Tomorrow is the last day of security updates.
verdict-support-yesterday = Yesterday was the last day you got security updates.
verdict-support-ended = The last day of security updates was { $date }.
verdict-support-unsupported = Do not count on security updates.
verdict-support-unknown = The label does not say how long security updates last.

verdict-more-problems = { $count ->
    [one] There is 1 more problem below.
   *[other] There are { $count } more problems below.
}

verdict-not-official = Warning: this is not an official label link. It goes to { $host }.
verdict-not-a-label = This code is not a Cyber Trust Mark label.
verdict-unknown-product = Warning: the official registry does not know this label.
verdict-invalid = Warning: this label failed a security check.
verdict-error-check = We could not check this label.
verdict-error-offline = We could not check this label offline.
verdict-error-decode = We could not read a code in this picture.

## Label check

# $when: "today", "yesterday" or "on <date>".
verify-checked = We checked this label with the official registry. That was { $when }. The record is signed and matches this label.
verify-saved-offline = You are offline, so this is a saved copy.
verify-saved-unreachable = The registry did not answer, so this is a saved copy.
verify-saved-checked = We last checked it with the official registry { $when }.
verify-stale = But the registry's record is out of date. The registry last updated it on { $date }.
# $host: the real host of the link, as people read it.
verify-not-official = This link does not go to an official registry. It goes to { $host }.
# $ascii: the same host in plain letters (punycode).
verify-host-ascii = In plain letters, that address is { $ascii }.
verify-open-nothing = Do not open the link or type anything into the site.
verify-not-a-label = This code does not hold a web link, so it is not a label link.
verify-unknown-product = The official registry has no record for this label. The label may be fake.
# $reason: one of the reasons in check.ftl.
verify-invalid = We could not check this label: { $reason }.
verify-invalid-hidden = We do not show what the registry sent, since it failed the check.
code-text = The code says: “{ $text }”
trust-list-old = The app's list of official registries is out of date. Go online so it can update.

warn-punycode = The address uses special letters that can copy a known name.
warn-mixed-scripts = The address mixes letters from more than one alphabet.
# $trusted: the official host it imitates.
warn-one-edit = It is one letter away from the official address { $trusted }.
warn-http = It looks like { $trusted }, but the link is not secure.
warn-port = It uses the name { $trusted }, but adds a number the registry never uses.
warn-userinfo = The link puts fake text before an @ sign to hide its real address.
    .spoken = The link puts fake text before an at sign to hide its real address.

error-unreachable = The registry did not answer, and this label is not saved on this device. Try again when you are online.
error-not-cached = This label is not saved on this device, so we cannot check it offline.
error-storage = The app could not open its saved labels.
error-decode = We could not find a code in this picture. Try a sharper photo from closer.
error-trust-list = We cannot use the app's list of official registries. It failed a check: { $reason }.
error-trust-list-fault = We cannot use the app's list of official registries. It has a mistake that its publisher must fix.
error-network = The app could not set up its connection to the internet.

## Product

product-name-model-maker = { $name }, model { $model }, made by { $maker }.
product-name-maker = { $name }, made by { $maker }.
product-name-model = { $name }, model { $model }.
product-name = { $name }.
product-model-maker = Model { $model }, made by { $maker }.
product-maker = A product made by { $maker }.
product-model = Model { $model }.
product-maker-missing = The label does not name the maker.
product-name-missing = The label does not give the product's name.
product-name-maker-missing = The label does not give the product's name or maker.

## Security updates: how long

support-until = The maker will send security updates through { $date }.
support-ends-today = Today is the last day you get security updates. That is { $date }.
support-ends-tomorrow = Tomorrow is the last day you get security updates. That is { $date }.
support-ended-yesterday = Yesterday was the last day you got security updates. That was { $date }.
support-ended = The last day of security updates was { $date }.
support-unsupported = The maker says not to count on security updates for this product.
support-label-date = The label gave an end date of { $date }.
support-extended = The label said { $date }, but the maker has since added more time.
support-extended-malformed = The maker also gave a new end date, but it is not a real date.
support-missing = The maker has not said how long this product gets security updates.
support-malformed = The label gives an end date for security updates that is not a real date.

## How updates install

updates-missing = The label does not say how updates install.
updates-default-missing = The label does not say how updates install at first.
updates-auto-opt-out = Updates install by themselves. You can turn this off.
updates-auto-no-opt-out = Updates install by themselves. You cannot turn this off.
updates-manual = You need to install updates yourself.
updates-consent = Updates install only after you say yes.
updates-none = This product does not get updates.
updates-not-disclosed = The maker has not said how updates install.
updates-other = The maker uses its own way to install updates.
updates-other-says = The maker says:
updates-other-missing = The maker does not say what that way is.
updates-unrecognized = The label names a way to update that we do not know: “{ $value }”.
updates-also-auto-opt-out = You can also let updates install by themselves.
updates-also-auto-no-opt-out = You can also let updates install by themselves, with no way to stop them.
updates-also-manual = You can also install updates yourself.
updates-also-consent = You can also have updates wait for your OK.
updates-also-none = You can also turn updates off.
updates-also-other = You can also use the maker's own way.
updates-also-unrecognized = You can also pick a way we do not know: “{ $value }”.

## What it can sense

sensors-missing = The label does not say what this product can see, hear or sense.
sensor-images-yes = It can take pictures or video.
sensor-images-no = It cannot take pictures or video.
sensor-images-unsaid = The label does not say if it can take pictures or video.
sensor-audio-yes = It can record sound.
sensor-audio-no = It cannot record sound.
sensor-audio-unsaid = The label does not say if it can record sound.
sensor-position-yes = It can tell where it is.
sensor-position-no = It cannot tell where it is.
sensor-position-unsaid = The label does not say if it can tell where it is.
sensor-other-yes = It also has a sensor the label calls “{ $value }”.
sensor-other-no = It does not have a sensor the label calls “{ $value }”.

## Sign-in

signin-missing = The label does not say how you sign in.
# $methods: "a password", "a passkey" or both: "a password or a passkey".
signin-with = You can sign in with { $methods }.
signin-passkey-explained = A passkey is a sign-in key kept on your phone.
signin-biometric = You can sign in with your face, fingerprint or voice.
signin-biometric-also = You can also use your face, fingerprint or voice.
signin-mfa = You can add a second step to sign in, like a code sent to your phone.
signin-no-control = It has no password or lock. Anyone who can reach it can use it.
signin-multi-account = Each person in your home can have their own account.
signin-single-account = Everyone in your home shares one account.
signin-optional-account = You can use it with or without an account.
signin-no-account = You do not need an account.
signin-not-disclosed = The maker has not said how you sign in.
signin-unrecognized = The label names a way to sign in that we do not know: “{ $value }”.
signin-method-password = a password
signin-method-biometric = your face, fingerprint or voice
signin-method-passkey = a passkey
signin-method-mfa = a second sign-in step
# $method: one of the methods above.
signin-first = When you first set it up, it uses { $method }.
signin-factory-fixed = It comes with a password set at the factory. You cannot change it.
signin-factory-changeable = It comes with a password set at the factory. You can change it, and you should.
signin-own-password = You make your own password when you set it up.
signin-password-unrecognized = The label gives a password type we do not know: “{ $value }”.
link-password-change = How to change the password

## Where data goes and where software comes from (proposed FCC disclosures)

data-none = The maker says your data is not sent to servers in countries of concern.
# $countries: country names in a list, "China and Russia".
# $count: how many countries are named.
data-high-risk = The maker says your data goes to servers in countries of concern. { $count ->
    [one] That country is { $countries }.
   *[other] Those countries are { $countries }.
}
data-high-risk-unnamed = The maker says your data goes to servers in countries of concern. It does not say which.
data-not-disclosed = The maker has not said where your data is sent.
data-unrecognized = The maker gave an answer about your data that we cannot read: “{ $value }”.
software-none = The maker says its software was not made in countries of concern.
software-high-risk = The maker says part of its software comes from countries of concern. { $count ->
    [one] That country is { $countries }.
   *[other] Those countries are { $countries }.
}
software-high-risk-unnamed = The maker says part of its software comes from countries of concern. It does not say which.
software-not-disclosed = The maker has not said where its software was made.
software-unrecognized = The maker gave an answer about its software that we cannot read: “{ $value }”.
countries-of-concern = These are countries the United States sees as a security risk.

country-cn = China
country-hk = Hong Kong
country-mo = Macau
country-ru = Russia
country-ir = Iran
country-kp = North Korea
country-cu = Cuba
country-ve = Venezuela
# $code: a two-letter country code the app has no name for.
country-other = the country with code { $code }

## Label approval and testing

auth-active = The approval is still valid.
auth-suspended = This label's approval is on hold for now. Do not rely on this label until it is back.
auth-withdrawn = This label's approval was withdrawn. Do not rely on this label.
auth-expired = This label's approval has expired. Do not rely on this label.
auth-not-given = The registry did not say if the approval is still valid.
auth-unrecognized = The registry gave a status we do not know: “{ $value }”.
auth-approved-by-on = { $approver } approved this label on { $date }.
auth-approved-by = { $approver } approved this label.
auth-approved-on = The label got its approval on { $date }.
auth-date-missing = The label does not give the approval date.
auth-date-malformed = The label's approval date is not a real date.
auth-approver-missing = The label does not say who approved it.
auth-approval-missing = The label does not say who approved it, or when.
auth-as-of = The registry confirmed this on { $date }.
link-contact = Contact { $name }
tested-by = { $lab } tested this product.
tested-missing = The label does not say which lab tested it.

## More from the maker (links)

secure-yes = The maker explains how to set it up safely.
secure-missing = The maker gives no guide to setting it up safely.
link-secure = How to set it up safely
about-yes = The maker has more about this product on its site.
about-missing = The maker gives no page about this product.
link-about = About this product
delete-yes = The maker explains how to delete your data and accounts.
delete-missing = The maker does not say how to delete your data.
link-delete = How to delete your data
close-yes = The maker explains how to close your account.
close-missing = The maker does not say how to close your account.
link-close = How to close your account
encryption-yes = The maker explains how it keeps your data safe with encryption.
encryption-missing = The maker does not explain how it keeps your data safe.
link-encryption = How it keeps your data safe
link-invalid = The maker's link is not a real web address.

parts-both = The maker keeps a list of the software inside and a list of the parts inside.
parts-software-only = The maker keeps a list of the software inside, but not of the parts inside.
parts-hardware-only = The maker keeps a list of the parts inside, but not of the software inside.
parts-neither = The maker does not keep a list of the software or the parts inside.
parts-missing = The label does not say if the maker keeps lists of the software and parts inside.
parts-why = Such lists help a maker find and fix security problems.

contact-web = You can report a security problem on the maker's site.
# $email: an e-mail address.
contact-email = You can report a security problem by email to { $email }.
contact-missing = The maker gives no way to report a security problem.
contact-invalid = We cannot use the security contact the maker gave. It is not a link or an email address.
link-contact-web = Report a security problem
link-contact-email = Email the security team

## Around the summary (command line and apps)

ui-address = Address
ui-details = Details
# $path: a folder on this computer.
ui-cache-recreated = The offline cache was damaged. We moved it to { $path } and started a new one.
ui-cache-temporary = Another trustlabel is using the offline cache, so this run saves nothing.

## History rows: what kind of result a past scan was.
history-genuine-problems = This label is real, but it has problems. Open it to see them.
history-not-official = Warning: this was not an official label link.

## A registry that does not sign its records (protocol 4b).
verdict-unsigned = This record comes from the registry's website, but it is not signed.
verify-unsigned = The registry does not sign its records, so we cannot prove this one is genuine. It came from the registry's website.
