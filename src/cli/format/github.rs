//! `--format github`: GitHub Actions workflow commands, one per finding:
//! `::error file=…,line=…,col=…,title=CODE name::message`.

use std::io::{self, Write};

use super::{text, Context};
use crate::cli::check::RequestOutcome;

/// Escapes a command's data (after `::`): `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Writes one command per finding.
pub fn request(
    cx: &Context,
    name: &str,
    req: &RequestOutcome,
    out: &mut dyn Write,
) -> io::Result<()> {
    for f in cx.findings(req) {
        let d = &f.diagnostic;
        let level = if f.is_error() { "error" } else { "warning" };
        write!(
            out,
            "::{level} file={}",
            escape_property(&text::escape(name))
        )?;
        if let Some(r) = f.row() {
            write!(out, ",line={r}")?;
        }
        if let Some(c) = f.column() {
            write!(out, ",col={c}")?;
        }
        let title = format!("{} {}", d.rule.code(), d.rule.name());
        // The parts are escaped for a terminal first, so that the only
        // line break left is the one between message and help.
        let mut message = text::escape(&d.message()).into_owned();
        message.push_str(&super::entry_suffix(f));
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(&text::escape(h));
        }
        writeln!(
            out,
            ",title={}::{}",
            escape_property(&title),
            escape_data(&message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
        assert_eq!(escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
    }
}
