//! `--format concise`: `file:line:col: CODE message`, one line per finding.

use std::io::{self, Write};

use super::Context;

/// Writes one line per finding; `file:line: …` without a column and
/// `file: …` without any position.
pub fn write(cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    for (file, f) in cx.findings() {
        let d = &f.diagnostic;
        match (f.row(), f.column()) {
            (Some(r), Some(c)) => write!(out, "{}:{r}:{c}: ", file.name)?,
            (Some(r), None) => write!(out, "{}:{r}: ", file.name)?,
            _ => write!(out, "{}: ", file.name)?,
        }
        writeln!(out, "{} {}", d.rule.code(), d.message())?;
    }
    Ok(())
}
