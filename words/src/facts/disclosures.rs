//! The maker's disclosures: where your data goes (`data_location`) and where the software
//! comes from (`software_origin`), with the countries of concern named.

use trustlabel_protocol::{Declaration, Statement};

use super::super::catalogue::{Catalogue, Words, RECORD_LANG};
use super::{fact, raw, Draft, FactId, Headline, Rank, Tone};

/// Which disclosure: both are worded the same way, with their own messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Data,
    Software,
}

impl Kind {
    fn id(self) -> FactId {
        match self {
            Kind::Data => FactId::DataLocation,
            Kind::Software => FactId::SoftwareOrigin,
        }
    }

    /// The catalogue's prefix for this disclosure's messages.
    fn key(self) -> &'static str {
        match self {
            Kind::Data => "data",
            Kind::Software => "software",
        }
    }

    fn rank(self) -> Rank {
        match self {
            Kind::Data => Rank::DataLocation,
            Kind::Software => Rank::SoftwareOrigin,
        }
    }

    fn declaration(self, statement: &Statement) -> Declaration {
        match self {
            Kind::Data => statement.data_location(),
            Kind::Software => statement.software_origin(),
        }
    }
}

/// How a declaration feels: a country of concern is bad, none good, silence unknown.
fn tone(declaration: &Declaration) -> Tone {
    match declaration {
        Declaration::None => Tone::Good,
        Declaration::HighRisk => Tone::Bad,
        Declaration::NotDisclosed | Declaration::Unrecognized(_) => Tone::Unknown,
    }
}

/// The worst tone among the disclosures that open the verdict (only a country of concern
/// does).
pub(super) fn headline_tone(statement: &Statement) -> Option<Tone> {
    [Kind::Data, Kind::Software]
        .into_iter()
        .map(|kind| tone(&kind.declaration(statement)))
        .filter(|t| *t == Tone::Bad)
        .max()
}

pub(super) fn data_location(cat: &Catalogue, statement: &Statement) -> Draft {
    disclosure(cat, Kind::Data, statement)
}

pub(super) fn software_origin(cat: &Catalogue, statement: &Statement) -> Draft {
    disclosure(cat, Kind::Software, statement)
}

fn countries(statement: &Statement, kind: Kind) -> Vec<String> {
    let d = statement.disclosures.as_ref();
    let disclosure = match kind {
        Kind::Data => d.and_then(|d| d.data_location.as_ref()),
        Kind::Software => d.and_then(|d| d.software_origin.as_ref()),
    };
    disclosure.map(|d| d.countries.clone()).unwrap_or_default()
}

/// A country's name from its ISO 3166-1 alpha-2 code.
fn country(cat: &Catalogue, code: &str) -> Words {
    let code = code.trim();
    const NAMED: [&str; 8] = ["cn", "hk", "mo", "ru", "ir", "kp", "cu", "ve"];
    let lower = code.to_ascii_lowercase();
    if NAMED.contains(&lower.as_str()) {
        cat.msg(&format!("country-{lower}"))
    } else {
        // Letters spelled out, so a screen reader does not read "IN" as a word.
        let spelled: String = code
            .chars()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        let code_words = Words::quote_both(code, &spelled, RECORD_LANG);
        cat.fmt("country-other", &[("code", code_words.into())])
    }
}

/// "Sends your data to servers in China and Russia." (or "in countries of concern" when the
/// record names none).
fn high_risk(cat: &Catalogue, key: &str, codes: &[String]) -> Words {
    let names: Vec<Words> = codes
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| country(cat, c))
        .collect();
    let first = if names.is_empty() {
        cat.msg(&format!("{key}-high-risk-unnamed"))
    } else {
        cat.fmt(
            &format!("{key}-high-risk"),
            &[
                ("countries", cat.and_list(&names).into()),
                ("count", (names.len() as i64).into()),
            ],
        )
    };
    cat.join([first, cat.msg("countries-of-concern")])
}

fn disclosure(cat: &Catalogue, kind: Kind, statement: &Statement) -> Draft {
    let key = kind.key();
    let declaration = kind.declaration(statement);
    let tone = tone(&declaration);
    let body = match &declaration {
        Declaration::None => cat.msg(&format!("{key}-none")),
        Declaration::HighRisk => high_risk(cat, key, &countries(statement, kind)),
        Declaration::NotDisclosed => cat.msg(&format!("{key}-not-disclosed")),
        Declaration::Unrecognized(v) => {
            cat.fmt(&format!("{key}-unrecognized"), &[("value", raw(v).into())])
        }
    };
    let headline = (tone == Tone::Bad).then(|| Headline {
        tone,
        rank: kind.rank(),
        words: cat.msg(&format!("verdict-genuine-but-{key}")),
    });
    Draft {
        fact: fact(cat, kind.id(), tone, body),
        headline,
    }
}
