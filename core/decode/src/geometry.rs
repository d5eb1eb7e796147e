//! The perspective map shared by the fast pass (module to image coordinates from finder
//! centres and an alignment point) and the grey-level re-read of grids rqrr located (from
//! their four corners).

/// A 3x3 projective map, `p' = H p` in homogeneous coordinates (`h22 = 1`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Homography([f64; 9]);

impl Homography {
    /// The map taking each `src[i]` to `dst[i]` (no three collinear).
    pub fn from_points(src: [(f64, f64); 4], dst: [(f64, f64); 4]) -> Option<Homography> {
        // 8 equations, 8 unknowns (h22 = 1), Gaussian elimination with
        // partial pivoting.
        let mut a = [[0f64; 9]; 8];
        for i in 0..4 {
            let (x, y) = src[i];
            let (u, v) = dst[i];
            a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
            a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
        }
        for c in 0..8 {
            let p = (c..8).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
            if a[p][c].abs() < 1e-12 {
                return None;
            }
            a.swap(c, p);
            for r in 0..8 {
                if r != c {
                    let f = a[r][c] / a[c][c];
                    if f != 0.0 {
                        let pivot = a[c];
                        for (x, p) in a[r][c..].iter_mut().zip(&pivot[c..]) {
                            *x -= f * p;
                        }
                    }
                }
            }
        }
        let mut hm = [0f64; 9];
        for i in 0..8 {
            hm[i] = a[i][8] / a[i][i];
        }
        hm[8] = 1.0;
        hm.iter().all(|v| v.is_finite()).then_some(Homography(hm))
    }

    /// The map of the unit square (0,0), (1,0), (1,1), (0,1) onto `q`, in closed form
    /// (Heckbert's square-to-quad). None when `q` is degenerate.
    pub fn square_to_quad(q: [(f64, f64); 4]) -> Option<Homography> {
        let [(x0, y0), (x1, y1), (x2, y2), (x3, y3)] = q;
        let dx3 = x0 - x1 + x2 - x3;
        let dy3 = y0 - y1 + y2 - y3;
        if dx3.abs() < 1e-9 && dy3.abs() < 1e-9 {
            // Affine.
            return Some(Homography([
                x1 - x0,
                x2 - x1,
                x0,
                y1 - y0,
                y2 - y1,
                y0,
                0.0,
                0.0,
                1.0,
            ]));
        }
        let dx1 = x1 - x2;
        let dx2 = x3 - x2;
        let dy1 = y1 - y2;
        let dy2 = y3 - y2;
        let den = dx1 * dy2 - dx2 * dy1;
        if den.abs() < 1e-9 {
            return None;
        }
        let g = (dx3 * dy2 - dx2 * dy3) / den;
        let h = (dx1 * dy3 - dx3 * dy1) / den;
        Some(Homography([
            x1 - x0 + g * x1,
            x3 - x0 + h * x3,
            x0,
            y1 - y0 + g * y1,
            y3 - y0 + h * y3,
            y0,
            g,
            h,
            1.0,
        ]))
    }

    /// Where `(x, y)` goes.
    pub fn map(&self, x: f64, y: f64) -> (f64, f64) {
        let h = &self.0;
        let d = h[6] * x + h[7] * y + h[8];
        (
            (h[0] * x + h[1] * y + h[2]) / d,
            (h[3] * x + h[4] * y + h[5]) / d,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homography_round_trip() {
        let src = [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0), (10.0, 10.0)];
        let dst = [(5.0, 7.0), (30.0, 9.0), (4.0, 40.0), (33.0, 45.0)];
        let hm = Homography::from_points(src, dst).unwrap();
        for (s, d) in src.iter().zip(dst) {
            let (x, y) = hm.map(s.0, s.1);
            assert!((x - d.0).abs() < 1e-6 && (y - d.1).abs() < 1e-6);
        }
        // Collinear points have no map.
        let line = [(0.0, 0.0), (1.0, 1.0), (2.0, 2.0), (3.0, 3.0)];
        assert!(Homography::from_points(line, dst).is_none());
    }

    /// The closed form and the general solver agree on the unit square's corners and inside.
    #[test]
    fn square_to_quad_matches_the_general_solver() {
        let unit = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)];
        for q in [
            [(5.0, 7.0), (30.0, 9.0), (33.0, 45.0), (4.0, 40.0)],
            [(0.0, 0.0), (20.0, 0.0), (20.0, 20.0), (0.0, 20.0)],
        ] {
            let a = Homography::square_to_quad(q).unwrap();
            let b = Homography::from_points(unit, q).unwrap();
            for (u, v) in [(0.0, 0.0), (1.0, 1.0), (0.3, 0.7), (0.5, 0.5)] {
                let (p, r) = (a.map(u, v), b.map(u, v));
                assert!((p.0 - r.0).abs() < 1e-6 && (p.1 - r.1).abs() < 1e-6);
            }
        }
        // Three corners on one line.
        let flat = [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (0.0, 0.0)];
        assert!(Homography::square_to_quad(flat).is_none());
    }
}
