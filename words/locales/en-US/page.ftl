# The registry's web page for one label (US English): what people see when they scan the
# label with the phone's own camera. The summary's words (summary.ftl) make up the rest.

# $product: the product's name.
page-title = { $product }: U.S. Cyber Trust Mark label
page-title-no-product = U.S. Cyber Trust Mark label
page-brand = U.S. Cyber Trust Mark: the registry's record of this label
page-heading = What the registry says about this label
page-verdict-heading = In short
page-facts-heading = What the label says
page-language = Language
# Shown on the other language's page, in this language.
page-read-in = Read this page in English
# $tone: a tone word from summary.ftl ("Good", "Caution").
page-tone = { $tone }:
page-browser-heading = About this page
page-browser-cannot-check = Your web browser cannot check the signature on this record. A fake page could look the same.
page-app-checks = The trustlabel app checks the signature with the official list of registries. It also keeps a copy, so you can check the label again offline.
# $url: the label's web address.
page-address = Label address: { $url }
# $when: "on <date>" (day-on in dates.ftl).
page-made = This page was made { $when }.
page-record-link = The signed record, for apps
page-links-heading = More ways to read it
# $host: the web site a link goes to.
page-link-host = (goes to { $host })
# $address: an email address.
page-link-email = (email to { $address })
page-not-found-title = No label here
page-not-found = The registry has no label at this address. If you scanned a label, it may be fake.
page-index-title = Labels in this registry
