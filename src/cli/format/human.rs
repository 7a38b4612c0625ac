//! `--format human`: a rustc-style report.
//!
//! ```text
//! error[S103]: Value 'given name' at 'userAttributes.1.member.name' failed to …
//!  --> requests/profile.json:4:15
//!   |
//! 4 |     {"Name": "given name", "Value": "***"},
//!   |              ^^^^^^^^^^^^
//!   |
//!   = help: …
//! ```
//!
//! Secret values are masked with `*` before they reach this module; findings of
//! requests whose parse stopped early have no source line. A summary line ends
//! the report.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{text, Context, Totals};
use crate::cli::check::{Finding, RequestOutcome, Source};

/// Styling (rustc's colours), or none.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn paint(self, style: Style, text: &str) -> String {
        if self.0 {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
const BLUE: Style = AnsiColor::Blue.on_default().bold();
const GREEN: Style = AnsiColor::Green.on_default().bold();
const BOLD: Style = Style::new().bold();

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Writes the findings of `req`, and a note when some were not kept.
pub fn request(
    cx: &Context,
    name: &str,
    req: &RequestOutcome,
    src: &Source<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let p = Paint(cx.color);
    let name = &*text::escape(name);
    for f in cx.findings(req) {
        finding(p, name, f, src, out)?;
    }
    if req.dropped > 0 && !cx.quiet {
        let at = match req.line {
            Some(l) => format!("{name}:{l}"),
            None => name.to_string(),
        };
        writeln!(
            out,
            "{}: {at}: {} of this request not shown (see --max-diagnostics)\n",
            p.paint(GREEN, "note"),
            plural(req.dropped, "more finding"),
        )?;
    }
    Ok(())
}

/// Writes the summary line (unless `--quiet`).
pub fn end(cx: &Context, t: &Totals, out: &mut dyn Write) -> io::Result<()> {
    if cx.quiet {
        return Ok(());
    }
    let p = Paint(cx.color);
    let mut line = format!(
        "{}, {} in {}; {} of {} rejected",
        plural(t.errors, "error"),
        plural(t.warnings, "warning"),
        plural(t.read, "file"),
        t.rejected,
        plural(t.requests, "request"),
    );
    if t.unreadable > 0 {
        line.push_str(&format!("; {} unreadable", plural(t.unreadable, "path")));
    }
    writeln!(out, "{}", p.paint(BOLD, &line))
}

fn finding(
    p: Paint,
    name: &str,
    f: &Finding,
    src: &Source<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let d = &f.diagnostic;
    let (level, colour) = if f.is_error() {
        ("error", RED)
    } else {
        ("warning", YELLOW)
    };
    writeln!(
        out,
        "{}{}",
        p.paint(colour, &format!("{level}[{}]", d.rule.code())),
        p.paint(BOLD, &format!(": {}", text::escape(&d.message())))
    )?;
    let row = f.row();
    let snippet = row.and_then(|_| src.snippet(f));
    let width = match (&snippet, row) {
        (Some(_), Some(r)) => r.to_string().len(),
        _ => 1,
    };
    let pad = " ".repeat(width);
    let location = match (row, f.column()) {
        (Some(r), Some(c)) => format!("{name}:{r}:{c}"),
        (Some(r), None) => format!("{name}:{r}"),
        _ => name.to_string(),
    };
    writeln!(out, "{pad}{} {location}", p.paint(BLUE, "-->"))?;
    let bar = p.paint(BLUE, "|");
    if let (Some(snippet), Some(r)) = (&snippet, row) {
        writeln!(out, "{pad} {bar}")?;
        writeln!(
            out,
            "{} {bar} {}",
            p.paint(BLUE, &r.to_string()),
            snippet.text
        )?;
        writeln!(
            out,
            "{pad} {bar} {}{}",
            " ".repeat(snippet.start),
            p.paint(colour, &"^".repeat(snippet.len))
        )?;
        if d.help.is_some() {
            writeln!(out, "{pad} {bar}")?;
        }
    }
    if let Some(help) = &d.help {
        writeln!(
            out,
            "{pad} {} {} {}",
            p.paint(BLUE, "="),
            p.paint(BOLD, "help:"),
            text::escape(help)
        )?;
    }
    writeln!(out)
}
