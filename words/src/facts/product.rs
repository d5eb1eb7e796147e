//! The product fact: its name, model and maker as the record gives them.

use trustlabel_protocol::Record;

use super::super::catalogue::{Arg, Catalogue};
use super::{fact, nonempty, theirs, Fact, FactId, Tone};

pub(super) fn product(cat: &Catalogue, record: &Record) -> Fact {
    let name = nonempty(record.product_name.as_deref());
    let model = nonempty(record.product_model.as_deref());
    let maker = nonempty(record.manufacturer_name.as_deref())
        .or(nonempty(record.product_manufacturer.as_deref()));
    let a = |k: &'static str, v: &str| (k, Arg::from(theirs(v)));
    let (tone, body) = match (name, model, maker) {
        (Some(n), Some(m), Some(k)) => (
            Tone::Neutral,
            cat.fmt(
                "product-name-model-maker",
                &[a("name", n), a("model", m), a("maker", k)],
            ),
        ),
        (Some(n), None, Some(k)) => (
            Tone::Neutral,
            cat.fmt("product-name-maker", &[a("name", n), a("maker", k)]),
        ),
        (Some(n), Some(m), None) => (
            Tone::Unknown,
            cat.join([
                cat.fmt("product-name-model", &[a("name", n), a("model", m)]),
                cat.msg("product-maker-missing"),
            ]),
        ),
        (Some(n), None, None) => (
            Tone::Unknown,
            cat.join([
                cat.fmt("product-name", &[a("name", n)]),
                cat.msg("product-maker-missing"),
            ]),
        ),
        (None, Some(m), Some(k)) => (
            Tone::Unknown,
            cat.join([
                cat.fmt("product-model-maker", &[a("model", m), a("maker", k)]),
                cat.msg("product-name-missing"),
            ]),
        ),
        (None, None, Some(k)) => (
            Tone::Unknown,
            cat.join([
                cat.fmt("product-maker", &[a("maker", k)]),
                cat.msg("product-name-missing"),
            ]),
        ),
        (None, Some(m), None) => (
            Tone::Unknown,
            cat.join([
                cat.fmt("product-model", &[a("model", m)]),
                cat.msg("product-name-maker-missing"),
            ]),
        ),
        (None, None, None) => (Tone::Unknown, cat.msg("product-name-maker-missing")),
    };
    fact(cat, FactId::Product, tone, body)
}
