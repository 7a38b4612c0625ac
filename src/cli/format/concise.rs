//! `--format concise`: `file:line:col: CODE message`, one line per finding
//! (` (log.entries[N])` after the message for a HAR entry's).

use std::io::{self, Write};

use super::{text, Context};
use crate::cli::check::RequestOutcome;

/// Writes one line per finding; `file:line: …` without a column and
/// `file: …` without any position.
pub fn request(
    cx: &Context,
    name: &str,
    req: &RequestOutcome,
    out: &mut dyn Write,
) -> io::Result<()> {
    let name = text::escape(name);
    for f in cx.findings(req) {
        let d = &f.diagnostic;
        match (f.row(), f.column()) {
            (Some(r), Some(c)) => write!(out, "{}:{r}:{c}: ", name)?,
            (Some(r), None) => write!(out, "{}:{r}: ", name)?,
            _ => write!(out, "{}: ", name)?,
        }
        writeln!(
            out,
            "{} {}{}",
            d.rule.code(),
            text::escape(&d.message()),
            super::entry_suffix(f)
        )?;
    }
    Ok(())
}
