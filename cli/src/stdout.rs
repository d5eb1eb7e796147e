//! Writing to standard output without panicking when the reader goes away
//! (`trustlabel ... | head`): the process then ends quietly, as Unix tools do.

use std::io::Write;

/// Writes `text` and a newline to standard output.
pub fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(error) = writeln!(out, "{text}").and_then(|_| out.flush()) {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("trustlabel: could not write the output: {error}.");
        std::process::exit(1);
    }
}
