//! C2SP tlog-checkpoint v1.0.0: the note text `<origin>\n<tree size>\n<base64 root>\n`
//! followed by optional extension lines, signed as a signed note.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use crate::error::Error;
use crate::hash::Hash;

/// A checkpoint's contents: which log, how many entries, and the tree hash over them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's identity, e.g. `registry.example/log` (the log's URL prefix without scheme).
    pub origin: String,
    /// The number of entries in the tree.
    pub size: u64,
    /// MTH of those entries.
    pub root: Hash,
    /// Extension lines, kept and signed but given no meaning here.
    pub extensions: Vec<String>,
}

impl Checkpoint {
    /// Reads a checkpoint from a note's text.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let malformed = |detail| Error::MalformedCheckpoint { detail };
        let body = text
            .strip_suffix('\n')
            .ok_or(malformed("the text does not end in a newline"))?;
        let mut lines = body.split('\n');
        let origin = lines.next().unwrap_or_default();
        if origin.is_empty() {
            return Err(malformed("empty origin line"));
        }
        let size_line = lines.next().ok_or(malformed("no tree size line"))?;
        let size_ok = !size_line.is_empty()
            && size_line.bytes().all(|b| b.is_ascii_digit())
            && (size_line == "0" || !size_line.starts_with('0'));
        if !size_ok {
            return Err(malformed(
                "the tree size is not a decimal without leading zeros",
            ));
        }
        let size: u64 = size_line
            .parse()
            .map_err(|_| malformed("the tree size does not fit 64 bits"))?;
        let root_line = lines.next().ok_or(malformed("no root hash line"))?;
        let root = STANDARD
            .decode(root_line)
            .ok()
            .and_then(|b| Hash::from_slice(&b))
            .ok_or(malformed("the root hash is not 32 bytes of base64"))?;
        let extensions: Vec<String> = lines.map(str::to_owned).collect();
        if extensions.iter().any(String::is_empty) {
            return Err(malformed("an empty extension line"));
        }
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
            extensions,
        })
    }

    /// The checkpoint as a note's text.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            STANDARD.encode(self.root.0)
        );
        for line in &self.extensions {
            text.push_str(line);
            text.push('\n');
        }
        text
    }
}
