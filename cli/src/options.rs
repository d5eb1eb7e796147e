//! Options shared by the commands that scan.

use std::path::{Path, PathBuf};

use clap::Args;
use trustlabel_core::builtin;
use trustlabel_core::scanner::ScannerConfig;

use crate::error::Error;

#[derive(Args, Clone, Debug)]
pub struct ScanOptions {
    /// Answer from the offline cache only; never use the network.
    #[arg(long)]
    pub offline: bool,
    /// Where the offline cache lives (default: $TRUSTLABEL_DATA_DIR, else
    /// $XDG_DATA_HOME/trustlabel, else ~/.local/share/trustlabel).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// A signed trust list to use instead of the built-in one.
    #[arg(long, value_name = "FILE", requires = "trust_anchor")]
    pub trust_list: Option<PathBuf>,
    /// The root public key the trust list must be signed by (JSON: kid, alg, public_key).
    #[arg(long, value_name = "FILE", requires = "trust_list")]
    pub trust_anchor: Option<PathBuf>,
    /// Where the trust list's successors are published, for `trustlabel trust-list refresh`
    /// (default: the built-in list's, or none with --trust-list).
    #[arg(long, value_name = "URL")]
    pub trust_list_url: Option<String>,
    /// Print one JSON object per scan instead of text for people.
    #[arg(long)]
    pub json: bool,
    /// Send registry requests to this origin instead (a local test registry, e.g. the one
    /// `trustlabel-registry serve` starts). Answers are verified exactly the same way.
    #[arg(long, value_name = "URL")]
    pub registry_origin: Option<String>,
    /// Summary language, a BCP 47 tag: en, es, zh-CN (zh-Hans), zh-TW (zh-Hant), vi; others: en.
    #[arg(long, value_name = "LANG", default_value = "en")]
    pub lang: String,
}

impl ScanOptions {
    pub fn data_dir(&self) -> PathBuf {
        if let Some(dir) = &self.data_dir {
            return dir.clone();
        }
        if let Some(dir) = std::env::var_os("TRUSTLABEL_DATA_DIR") {
            return PathBuf::from(dir);
        }
        let base = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                let home = std::env::var_os("HOME")
                    .map(PathBuf::from)
                    .unwrap_or_default();
                home.join(".local").join("share")
            });
        base.join("trustlabel")
    }

    /// The scanner configuration these options describe.
    pub fn scanner_config(&self, data_dir: Option<PathBuf>) -> Result<ScannerConfig, Error> {
        let mut config = ScannerConfig::new(data_dir);
        config.offline = self.offline;
        if let Some(origin) = &self.registry_origin {
            let url = origin
                .parse()
                .map_err(|_| Error::Usage(format!("{origin} is not a valid registry address")))?;
            config.fetch.origin_override = Some(url);
        }
        if let (Some(list), Some(anchor)) = (&self.trust_list, &self.trust_anchor) {
            config.trust_list = read(list)?;
            config.trust_anchors = builtin::parse_anchors(&read(anchor)?).ok_or_else(|| {
                Error::File(format!(
                    "{} does not hold a valid trust anchor (kid, alg, public_key)",
                    anchor.display()
                ))
            })?;
            // The built-in URL publishes the built-in list's successors, not this one's.
            config.trust_list_url = None;
        }
        if let Some(url) = &self.trust_list_url {
            config.trust_list_url =
                Some(url.parse().map_err(|_| {
                    Error::Usage(format!("{url} is not a valid trust-list address"))
                })?);
        }
        Ok(config)
    }
}

/// A file named on the command line: a regular file of at most 64 MiB
/// ([`crate::files::read_regular`]).
pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    crate::files::read_regular(path)
}
