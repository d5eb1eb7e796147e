//! The "more" part of the label's page: the maker's pages, the lists of parts inside, the
//! security contact; and how any fact's link is checked and said ("Link to maker.example").

use url::Url;

use trustlabel_protocol::{Link, Party, Record};

use super::super::catalogue::{Arg, Catalogue, Words};
use super::super::FactLink;
use super::{fact, nonempty, theirs, Fact, FactId, Tone};

/// The facts after the tested-by fact, in the label's order.
pub(super) fn more(cat: &Catalogue, record: &Record) -> Vec<Fact> {
    // Each page with the catalogue's prefix for its messages.
    let mut facts: Vec<Fact> = [
        (
            FactId::SecuringThisProduct,
            "secure",
            &record.securing_this_product,
        ),
        (
            FactId::GeneralUserInformation,
            "about",
            &record.general_user_information,
        ),
        (FactId::DeleteData, "delete", &record.delete_data),
        (
            FactId::AccountDeactivation,
            "close",
            &record.account_deactivation,
        ),
        (
            FactId::EncryptionAndKeyManagement,
            "encryption",
            &record.encryption_and_key_management,
        ),
    ]
    .into_iter()
    .map(|(id, key, link)| link_fact(cat, id, key, link.as_ref()))
    .collect();
    facts.push(parts(cat, record));
    facts.push(security_contact(cat, record.security_contact.as_deref()));
    facts
}

/// A link that may be followed: https only (`trustlabel_protocol::checked_link`), never
/// `http:`, `javascript:` and the like.
pub(super) enum Target {
    Web(Url),
    Email(String),
}

fn web_url(text: &str) -> Option<Url> {
    trustlabel_protocol::checked_link(text, trustlabel_protocol::LinkKind::Web)
        .ok()
        .and_then(|u| Url::parse(&u).ok())
}

pub(super) fn web_link(link: Option<&Link>) -> Option<Target> {
    link.and_then(|l| nonempty(l.url.as_deref()))
        .and_then(web_url)
        .map(Target::Web)
}

/// A contact's e-mail address, by the one rule for links (`trustlabel_protocol::checked_link`,
/// the rule `sign` applies): one plain address, with or without `mailto:`.
fn email(text: &str) -> Option<String> {
    trustlabel_protocol::checked_link(text, trustlabel_protocol::LinkKind::Contact)
        .ok()?
        .strip_prefix("mailto:")
        .map(str::to_owned)
}

fn contact_target(text: &str) -> Option<Target> {
    web_url(text)
        .map(Target::Web)
        .or_else(|| email(text).map(Target::Email))
}

pub(super) fn contact_link(party: Option<&Party>) -> Option<Target> {
    party
        .and_then(|p| nonempty(p.contact.as_deref()))
        .and_then(contact_target)
}

/// An e-mail address in both forms: "security at maker.example" for speech.
fn email_words(cat: &Catalogue, address: &str) -> Words {
    let (user, domain) = address.split_once('@').unwrap_or((address, ""));
    let spoken = cat.fmt(
        "email-spoken",
        &[
            ("user", theirs(user).into()),
            ("domain", theirs(domain).into()),
        ],
    );
    Words {
        text: theirs(address).text,
        spoken: spoken.spoken,
    }
}

pub(super) fn attach(cat: &Catalogue, f: &mut Fact, title_id: &str, target: Target) {
    attach_with(cat, f, title_id, &[], target)
}

/// Adds the link, and says where it goes in the spoken form ("Link to maker.example.").
pub(super) fn attach_with(
    cat: &Catalogue,
    f: &mut Fact,
    title_id: &str,
    args: &[(&str, Arg)],
    target: Target,
) {
    let title = cat.fmt(title_id, args).text;
    let (url, spoken) = match target {
        Target::Web(url) => {
            let host = url.host_str().unwrap_or_default().to_owned();
            (
                url.to_string(),
                cat.fmt("link-to", &[("host", theirs(&host).into())]),
            )
        }
        Target::Email(address) => {
            let words = email_words(cat, &address);
            (
                format!("mailto:{address}"),
                cat.fmt("link-email", &[("email", words.into())]),
            )
        }
    };
    f.spoken = cat
        .join([Words::same(f.spoken.clone()), Words::same(spoken.spoken)])
        .spoken;
    f.link = Some(FactLink {
        title,
        url,
        quotes: Vec::new(),
    });
}

/// A maker's page: linked when its address may be opened, else said to be missing or
/// unusable.
fn link_fact(cat: &Catalogue, id: FactId, key: &str, link: Option<&Link>) -> Fact {
    let given = link.and_then(|l| nonempty(l.url.as_deref()));
    match (given, web_link(link)) {
        (_, Some(target)) => {
            let mut f = fact(cat, id, Tone::Neutral, cat.msg(&format!("{key}-yes")));
            attach(cat, &mut f, &format!("link-{key}"), target);
            f
        }
        (Some(_), None) => fact(cat, id, Tone::Unknown, cat.msg("link-invalid")),
        (None, None) => fact(cat, id, Tone::Unknown, cat.msg(&format!("{key}-missing"))),
    }
}

fn parts(cat: &Catalogue, record: &Record) -> Fact {
    let Some(lists) = &record.sbom_hbom_maintained else {
        return fact(
            cat,
            FactId::SbomHbom,
            Tone::Unknown,
            cat.msg("parts-missing"),
        );
    };
    let (tone, key) = match (lists.sbom_maintained, lists.hbom_maintained) {
        (true, true) => (Tone::Good, "parts-both"),
        (true, false) => (Tone::Neutral, "parts-software-only"),
        (false, true) => (Tone::Neutral, "parts-hardware-only"),
        (false, false) => (Tone::Caution, "parts-neither"),
    };
    fact(
        cat,
        FactId::SbomHbom,
        tone,
        cat.join([cat.msg(key), cat.msg("parts-why")]),
    )
}

fn security_contact(cat: &Catalogue, contact: Option<&str>) -> Fact {
    let Some(contact) = nonempty(contact) else {
        return fact(
            cat,
            FactId::SecurityContact,
            Tone::Unknown,
            cat.msg("contact-missing"),
        );
    };
    match contact_target(contact) {
        Some(Target::Web(url)) => {
            let mut f = fact(
                cat,
                FactId::SecurityContact,
                Tone::Neutral,
                cat.msg("contact-web"),
            );
            attach(cat, &mut f, "link-contact-web", Target::Web(url));
            f
        }
        Some(Target::Email(address)) => {
            let words = email_words(cat, &address);
            let mut f = fact(
                cat,
                FactId::SecurityContact,
                Tone::Neutral,
                cat.fmt("contact-email", &[("email", words.into())]),
            );
            // The text already says the address; the link only makes it tappable.
            let spoken = f.spoken.clone();
            attach(cat, &mut f, "link-contact-email", Target::Email(address));
            f.spoken = spoken;
            f
        }
        None => fact(
            cat,
            FactId::SecurityContact,
            Tone::Unknown,
            cat.msg("contact-invalid"),
        ),
    }
}
