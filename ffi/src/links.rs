//! Links that open the app (Android App Links, iOS Universal Links): which go to the scan
//! screen is the core's decision (`trustlabel_protocol::incoming_link`), the same for both
//! apps.

/// The text the scan session should check for a link that opened the app (a label's QR link
/// read by the phone's own camera), or null/nil when the app does not claim the link and just
/// opens. Taken: https, a host in `claimed_hosts` (the app's configured label host: Android
/// `trustlabel.labelHost`, iOS `TL_LINK_HOST`; compared after URL parsing, so case and IDNA do
/// not matter), the default port, no userinfo, and a label under `/l/`. The text is the link
/// as given, so the scan judges it exactly like a QR read. Pure and quick: call it anywhere.
#[uniffi::export]
pub fn incoming_link(url: String, claimed_hosts: Vec<String>) -> Option<String> {
    // The core does not panic on any input (property-tested); were it to, the link is refused
    // (the app opens as usual) rather than reported as an error the caller cannot act on.
    std::panic::catch_unwind(|| trustlabel_protocol::incoming_link(&url, &claimed_hosts))
        .unwrap_or(None)
}
