//! Label links read one per line (a file, a pipe, a handheld scanner typing into a terminal).

use std::io::{BufRead, Read};

/// At most one QR code's worth per line (plus slack); a longer line is cut, and the scan then
/// says it is not a label.
pub const MAX_LINE_BYTES: u64 = 64 * 1024;

/// The next line without its line ending (possibly blank), or `None` at the end of input.
/// Bytes that are not UTF-8 are replaced, not fatal; `bytes` is a buffer reused between calls.
pub fn next_line(input: &mut impl BufRead, bytes: &mut Vec<u8>) -> std::io::Result<Option<String>> {
    bytes.clear();
    let read = (&mut *input)
        .take(MAX_LINE_BYTES)
        .read_until(b'\n', bytes)?;
    if read == 0 {
        return Ok(None);
    }
    if bytes.last() != Some(&b'\n') && read as u64 == MAX_LINE_BYTES {
        skip_line(input)?;
    }
    let line = String::from_utf8_lossy(bytes);
    Ok(Some(line.trim_end_matches(['\n', '\r']).to_owned()))
}

/// Discards input up to and including the next newline, without keeping it.
fn skip_line(input: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(end) = buf.iter().position(|&b| b == b'\n') {
            input.consume(end + 1);
            return Ok(());
        }
        let len = buf.len();
        input.consume(len);
    }
}
