//! What the product can sense and how you sign in: the sensors and sign-in facts.

use trustlabel_protocol::{AccessControl, AccessOption, PasswordType, Record, Sensing};

use super::super::catalogue::{Catalogue, Words};
use super::links::{attach, web_link};
use super::{fact, raw, Draft, FactId, Headline, Rank, Tone};

pub(super) fn sensors(cat: &Catalogue, record: &Record) -> Draft {
    let Some(list) = &record.sensor_data_collection else {
        return Draft::plain(fact(
            cat,
            FactId::Sensors,
            Tone::Unknown,
            cat.msg("sensors-missing"),
        ));
    };
    let mut parts = Vec::new();
    let mut tone = Tone::Neutral;
    for (sensing, key) in [
        (Sensing::Images, "images"),
        (Sensing::Audio, "audio"),
        (Sensing::Position, "position"),
    ] {
        let state = match record.has_sensor(&sensing) {
            Some(true) => "yes",
            Some(false) => "no",
            None => {
                tone = Tone::Unknown;
                "unsaid"
            }
        };
        parts.push(cat.msg(&format!("sensor-{key}-{state}")));
    }
    let mut others: Vec<&str> = Vec::new();
    for item in list {
        if let Some(Sensing::Unrecognized(v)) = &item.sensing {
            if !others.contains(&v.as_str()) {
                others.push(v);
                let key = if item.has {
                    "sensor-other-yes"
                } else {
                    "sensor-other-no"
                };
                parts.push(cat.fmt(key, &[("value", raw(v).into())]));
            }
        }
    }
    Draft::plain(fact(cat, FactId::Sensors, tone, cat.join(parts)))
}

fn access_key(option: &AccessOption) -> &'static str {
    match option {
        AccessOption::Password => "password",
        AccessOption::Biometric => "biometric",
        AccessOption::Passkey => "passkey",
        AccessOption::Mfa => "mfa",
        AccessOption::NoControl => "no-control",
        AccessOption::MultiAccount => "multi-account",
        AccessOption::SingleAccount => "single-account",
        AccessOption::OptionalAccount => "optional-account",
        AccessOption::NoAccount => "no-account",
        AccessOption::NotDisclosed => "not-disclosed",
        AccessOption::Unrecognized(_) => "unrecognized",
    }
}

/// A factory password you cannot change: the one sign-in finding the verdict names.
pub(super) fn fixed_password(access: &AccessControl) -> bool {
    access.password_type == Some(PasswordType::FactoryDefault)
        && access.user_changeable == Some(false)
}

/// The ways to sign in, each once: the options, then the one set up at the factory.
fn sign_in_options(access: &AccessControl) -> Vec<&AccessOption> {
    let mut options: Vec<&AccessOption> = Vec::new();
    for option in access
        .password_options
        .iter()
        .flatten()
        .chain(access.password_factory_default.as_ref())
    {
        if !options.contains(&option) {
            options.push(option);
        }
    }
    options
}

pub(super) fn sign_in(cat: &Catalogue, record: &Record) -> Draft {
    let Some(access) = &record.access_control else {
        return Draft::plain(fact(
            cat,
            FactId::SignIn,
            Tone::Unknown,
            cat.msg("signin-missing"),
        ));
    };
    let options = sign_in_options(access);
    let mut parts = option_sentences(cat, &options);
    if options.is_empty() {
        parts.push(cat.msg("signin-missing"));
    }
    if let Some(first @ (AccessOption::Biometric | AccessOption::Passkey | AccessOption::Mfa)) =
        &access.password_factory_default
    {
        let method = cat.msg(&format!("signin-method-{}", access_key(first)));
        parts.push(cat.fmt("signin-first", &[("method", method.into())]));
    }
    parts.extend(password_sentence(cat, access));
    let tone = sign_in_tone(access, &options);
    let mut f = fact(cat, FactId::SignIn, tone, cat.join(parts));
    if let Some(link) = web_link(access.password_change.as_ref()) {
        attach(cat, &mut f, "link-password-change", link);
    }
    let headline = fixed_password(access).then(|| Headline {
        tone,
        rank: Rank::FixedPassword,
        words: cat.msg("verdict-genuine-but-password"),
    });
    Draft { fact: f, headline }
}

/// One sentence per way to sign in. Password and passkey in one sentence ("a password or a
/// passkey"); face, fingerprint or voice in a sentence of its own, so no list nests inside
/// another.
fn option_sentences(cat: &Catalogue, options: &[&AccessOption]) -> Vec<Words> {
    let is_method = |o: &AccessOption| matches!(o, AccessOption::Password | AccessOption::Passkey);
    let methods: Vec<Words> = options
        .iter()
        .filter(|o| is_method(o))
        .map(|o| cat.msg(&format!("signin-method-{}", access_key(o))))
        .collect();
    let mut parts = Vec::new();
    let mut methods_told = false;
    for option in options {
        if is_method(option) {
            if !methods_told {
                methods_told = true;
                parts.push(cat.fmt("signin-with", &[("methods", cat.or_list(&methods).into())]));
                if options.contains(&&AccessOption::Passkey) {
                    parts.push(cat.msg("signin-passkey-explained"));
                }
                if options.contains(&&AccessOption::Biometric) {
                    parts.push(cat.msg("signin-biometric-also"));
                }
            }
            continue;
        }
        if **option == AccessOption::Biometric && !methods.is_empty() {
            continue; // said with the other methods
        }
        parts.push(match option {
            AccessOption::Unrecognized(v) => {
                cat.fmt("signin-unrecognized", &[("value", raw(v).into())])
            }
            o => cat.msg(&format!("signin-{}", access_key(o))),
        });
    }
    parts
}

/// What kind of password it comes with, if the record says.
fn password_sentence(cat: &Catalogue, access: &AccessControl) -> Option<Words> {
    match &access.password_type {
        Some(PasswordType::FactoryDefault) if fixed_password(access) => {
            Some(cat.msg("signin-factory-fixed"))
        }
        Some(PasswordType::FactoryDefault) => Some(cat.msg("signin-factory-changeable")),
        Some(PasswordType::UserGenerated) => Some(cat.msg("signin-own-password")),
        Some(PasswordType::Unrecognized(v)) => {
            Some(cat.fmt("signin-password-unrecognized", &[("value", raw(v).into())]))
        }
        None => None,
    }
}

/// A fixed factory password is bad, no access control a caution; a second factor, a
/// passkey or a password you choose is good.
fn sign_in_tone(access: &AccessControl, options: &[&AccessOption]) -> Tone {
    let has = |o: AccessOption| options.contains(&&o);
    if fixed_password(access) {
        Tone::Bad
    } else if has(AccessOption::NoControl) {
        Tone::Caution
    } else if options.is_empty() || has(AccessOption::NotDisclosed) {
        Tone::Unknown
    } else if has(AccessOption::Mfa)
        || has(AccessOption::Passkey)
        || access.password_type == Some(PasswordType::UserGenerated)
    {
        Tone::Good
    } else {
        Tone::Neutral
    }
}
