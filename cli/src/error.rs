//! Why a command failed, and the exit code each outcome gives a script.

use std::process::ExitCode;

use trustlabel_core::scanner::ScanError;
use trustlabel_words::SummaryOutcome;

/// The exit codes, documented in `--help` and the README. Scripts test them: `scan` says
/// whether a label verified (0) or not (1), apart from not being able to check it (3), apart
/// from a command line that cannot run (2). Commands over many labels (`scan -`, `replay`,
/// `audit`, `compare`) exit with their worst label's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: done; for `scan`, `replay`, `audit` and `compare`, every label verified (a record
    /// signed by a trusted registry: `verified`, `verified_stale`, or `offline_cached` from a
    /// signed record); for `watch alerts`, no alert.
    Ok = 0,
    /// 1: a label was checked and did not verify (`invalid`, `not_official`, `not_a_label`,
    /// `unknown_product`, `unsigned`); for `watch add`, the label did not verify (not saved,
    /// or saved from a registry that does not sign); for `watch alerts`, an alert was listed.
    NotVerified = 1,
    /// 2: the command line is wrong (clap's own code for unknown options and missing
    /// arguments, and ours for arguments that cannot be used as given).
    Usage = 2,
    /// 3: an error: a file that cannot be read, no answer from the registry and nothing
    /// cached, a store that cannot be opened. Nothing was checked, or not all of it.
    Error = 3,
}

/// The text `--help` shows under the commands that check labels.
pub const EXIT_CODES_HELP: &str =
    "Exit codes (scan -, replay, audit and compare: the worst label's):
  0  done; for scan, replay, audit and compare: every label verified (verified,
     verified_stale, or offline_cached from a signed record); watch alerts: no alert
  1  a label was checked and did not verify (invalid, not_official, not_a_label,
     unknown_product, unsigned); watch add: the label did not verify (not saved, or
     saved from a registry that does not sign); watch alerts: an alert was listed
  2  usage: the command line is wrong
  3  error: a label could not be checked (audit: or a photo had no code that could be
     read), or a file, the network or the store failed";

impl Exit {
    /// Whether `outcome` counts as verified: a record whose signature a trusted registry's
    /// key made (links may be offered only for those, for the same reason).
    pub fn of(outcome: &trustlabel_protocol::Outcome) -> Exit {
        if outcome.links_allowed() {
            Exit::Ok
        } else {
            Exit::NotVerified
        }
    }

    /// For a label kept only by its outcome code (an audit's entries): verified
    /// (`verified`, `verified_stale`, `offline_cached`), not verified (`invalid`,
    /// `not_official`, `not_a_label`, `unknown_product`, `unsigned`), or not checked (a
    /// failure's code: `unreachable`, `not_cached`, ..., or a code this version does not
    /// know). The code does not say whether an `offline_cached` record's registry signs: it
    /// counts as verified, as the audit's buckets count it.
    pub fn of_code(code: &str) -> Exit {
        match SummaryOutcome::from_code(code) {
            Some(
                SummaryOutcome::Verified
                | SummaryOutcome::VerifiedStale
                | SummaryOutcome::OfflineCached,
            ) => Exit::Ok,
            Some(
                SummaryOutcome::Unsigned
                | SummaryOutcome::NotOfficial
                | SummaryOutcome::NotALabel
                | SummaryOutcome::UnknownProduct
                | SummaryOutcome::Invalid,
            ) => Exit::NotVerified,
            Some(
                SummaryOutcome::Unreachable
                | SummaryOutcome::NotCached
                | SummaryOutcome::Storage
                | SummaryOutcome::Decode
                | SummaryOutcome::TrustList
                | SummaryOutcome::Network,
            )
            | None => Exit::Error,
        }
    }

    /// The worse of two: an error outweighs a label that did not verify, which outweighs
    /// one that did (so a batch exits 0 only when every line verified).
    pub fn worst(self, other: Exit) -> Exit {
        self.max(other)
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// Why a command could not do what it was asked. Each kind has its exit code
/// ([`Error::exit`]); the message is one sentence for people, on standard error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The arguments cannot be used as given (an address that is not one, a missing input).
    #[error("{0}")]
    Usage(String),
    /// A file, folder or stream named on the command line cannot be read or written; the
    /// message names it and says why.
    #[error("{0}")]
    File(String),
    /// A label or image could not be checked.
    #[error(transparent)]
    Scan(#[from] ScanError),
    /// The core library failed: the store, the history, an audit, a pack, the watchlist.
    #[error(transparent)]
    Core(Box<dyn std::error::Error + Send + Sync>),
    /// Something else the command needs failed (a temporary folder, the demo's registry).
    #[error("{0}")]
    Failed(String),
}

impl Error {
    /// A failure of the core library, kept with its type.
    pub fn core(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Error::Core(Box::new(error))
    }

    /// The exit code this failure gives.
    pub fn exit(&self) -> Exit {
        match self {
            Error::Usage(_) => Exit::Usage,
            Error::File(_) | Error::Scan(_) | Error::Core(_) | Error::Failed(_) => Exit::Error,
        }
    }
}

/// What a command returns: how it ended, or why it could not.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_exit_wins_and_codes_are_stable() {
        assert_eq!(Exit::Ok.worst(Exit::NotVerified), Exit::NotVerified);
        assert_eq!(Exit::NotVerified.worst(Exit::Error), Exit::Error);
        assert_eq!(Exit::Error.worst(Exit::Ok), Exit::Error);
        assert_eq!(
            [Exit::Ok, Exit::NotVerified, Exit::Usage, Exit::Error].map(|e| e as u8),
            [0, 1, 2, 3]
        );
        assert_eq!(Error::Usage("x".into()).exit(), Exit::Usage);
        assert_eq!(Error::File("x".into()).exit(), Exit::Error);
    }

    #[test]
    fn an_outcome_code_gives_the_exit_of_its_outcome() {
        for (code, exit) in [
            ("verified", Exit::Ok),
            ("verified_stale", Exit::Ok),
            ("offline_cached", Exit::Ok),
            ("unsigned", Exit::NotVerified),
            ("invalid", Exit::NotVerified),
            ("not_official", Exit::NotVerified),
            ("not_a_label", Exit::NotVerified),
            ("unknown_product", Exit::NotVerified),
            ("unreachable", Exit::Error),
            ("not_cached", Exit::Error),
            ("trust_list", Exit::Error),
            ("no_such_code", Exit::Error),
        ] {
            assert_eq!(Exit::of_code(code), exit, "{code}");
        }
    }
}
