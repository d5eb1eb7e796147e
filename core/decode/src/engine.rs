//! rqrr on a bitmap we binarized, and the grid reads shared by our stages.

use crate::imgproc::Gray;
use crate::qr::Payload;
use crate::{Charset, Engine};

/// One decoded symbol, before charset handling and de-duplication.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    /// Payload bytes (byte mode verbatim, kanji mode as Shift_JIS pairs).
    pub raw: Vec<u8>,
    /// Text, when the charset is known (ECI designator) or the engine decoded
    /// it itself (zxing-cpp).
    pub text: Option<String>,
    /// Charset of `text`, when an ECI designator fixed it.
    pub charset: Option<Charset>,
    /// FNC1 mode (GS1 in first position, AIM application in second).
    pub fnc1: bool,
    /// Corners in frame coordinates: top-left, top-right, bottom-right,
    /// bottom-left of the symbol.
    pub bounds: [(f32, f32); 4],
    pub version: u8,
    pub engine: Engine,
}

impl Found {
    /// A payload read by [`crate::qr`] (or rqrr), rqrr engine.
    pub fn from_payload(p: Payload, bounds: [(f32, f32); 4]) -> Found {
        let (text, charset) = match p.text {
            Some((t, c)) => (Some(t), Some(c)),
            None => (None, None),
        };
        Found {
            raw: p.raw,
            text,
            charset,
            fnc1: p.fnc1,
            bounds,
            version: p.version,
            engine: Engine::Rqrr,
        }
    }
}

/// Read a grid rqrr located: our reader first (FNC1, ECI, structured
/// append), then rqrr's own decoder.
pub(crate) fn read_grid<G: rqrr::BitGrid>(grid: &G) -> Option<Payload> {
    if let Some(p) = crate::qr::decode(grid) {
        return Some(p);
    }
    let mut out = Vec::new();
    let meta = rqrr::Grid::new(Adapter(grid)).decode_to(&mut out).ok()?;
    Some(Payload {
        raw: out,
        text: None,
        fnc1: false,
        version: meta.version.0 as u8,
    })
}

/// Lets `rqrr::Grid::new` wrap a borrowed grid.
struct Adapter<'a, G>(&'a G);

impl<G: rqrr::BitGrid> rqrr::BitGrid for Adapter<'_, G> {
    fn size(&self) -> usize {
        self.0.size()
    }
    fn bit(&self, y: usize, x: usize) -> bool {
        self.0.bit(y, x)
    }
}

/// Outcome of one rqrr pass over a bitmap.
pub(crate) struct RqrrPass {
    pub found: Vec<Found>,
    /// Grids located but not decodable (ECC failure, unknown mode, ...).
    pub undecoded: usize,
}

/// Locate and decode with rqrr on a binarized bitmap (1 = black).
///
/// `scale` maps bitmap coordinates back to frame coordinates. May panic
/// (inside rqrr): call under [`crate::guard::contain`].
pub(crate) fn rqrr_bitmap(
    bm: &[u8],
    w: usize,
    h: usize,
    scale: f32,
    max_grids: usize,
    gray: Option<&Gray>,
) -> RqrrPass {
    let mut img = rqrr::PreparedImage::prepare_from_bitmap(w, h, |x, y| bm[y * w + x] != 0);
    let grids = img.detect_grids();
    let mut pass = RqrrPass {
        found: Vec::new(),
        undecoded: 0,
    };
    for g in grids.iter().take(max_grids) {
        let b = g.bounds;
        let bounds = [
            (b[0].x as f32 * scale, b[0].y as f32 * scale),
            (b[1].x as f32 * scale, b[1].y as f32 * scale),
            (b[2].x as f32 * scale, b[2].y as f32 * scale),
            (b[3].x as f32 * scale, b[3].y as f32 * scale),
        ];
        let payload = read_grid(&g.grid).or_else(|| {
            // Re-sample the located grid from the grey image with a
            // threshold of its own (see `resample`).
            let size = rqrr::BitGrid::size(&g.grid);
            gray.and_then(|gr| crate::resample::decode(gr, &g.bounds, size))
        });
        match payload {
            Some(p) => pass.found.push(Found::from_payload(p, bounds)),
            None => pass.undecoded += 1,
        }
    }
    pass
}
