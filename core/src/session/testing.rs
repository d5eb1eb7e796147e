//! What the session's unit tests share.

use trustlabel_decode::{Charset, Decoded, Engine};

/// A code read from a frame, holding `text`.
pub(super) fn code(text: &str) -> Decoded {
    Decoded {
        text: text.into(),
        raw: text.as_bytes().to_vec(),
        charset: Charset::Utf8,
        bounds: [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)],
        version: 2,
        fnc1: false,
        engine: Engine::Rqrr,
    }
}
