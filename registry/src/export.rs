//! `trustlabel-registry export`: a [`Site`] as static files, with the nginx configuration
//! that serves them by the same rules as `serve` ([`crate::nginx`]).

use std::path::Path;

use crate::site::Site;
use crate::Error;

/// Writes `site` to `out` (created if missing) with `nginx.conf` listening on `listen`, and
/// the `logs/` and `tmp/` folders nginx writes to when started with `out` as its prefix.
/// Returns the number of files written.
pub fn export(site: &Site, out: &Path, listen: &str) -> Result<usize, Error> {
    let written = site.write(out)?;
    let conf = out.join("nginx.conf");
    std::fs::write(&conf, crate::nginx::config(listen, site)).map_err(|e| Error::io(&conf, e))?;
    for dir in ["logs", "tmp"] {
        let path = out.join(dir);
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
    }
    Ok(written + 1)
}
