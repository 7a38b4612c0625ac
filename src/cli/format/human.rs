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

use super::Context;
use crate::cli::check::{Finding, Snippet};

/// Source lines longer than this many characters are shown in part.
const MAX_SHOWN: usize = 120;
/// Characters shown before the caret when a line is shown in part.
const BEFORE_CARET: usize = 40;

/// ANSI styling, or none.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn paint(self, sgr: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

const RED: &str = "1;31";
const YELLOW: &str = "1;33";
const BLUE: &str = "1;34";
const GREEN: &str = "1;32";
const BOLD: &str = "1";

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Writes every finding, then the summary line (unless `--quiet`).
pub fn write(cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    let p = Paint(cx.color);
    for file in cx.files {
        for req in &file.requests {
            for f in req.findings.iter().filter(|f| cx.shows(f)) {
                finding(p, &file.name, f, out)?;
            }
            if req.dropped > 0 && !cx.quiet {
                let at = match req.line {
                    Some(l) => format!("{}:{l}", file.name),
                    None => file.name.clone(),
                };
                writeln!(
                    out,
                    "{}: {at}: {} of this request not shown (see --max-diagnostics)\n",
                    p.paint(GREEN, "note"),
                    plural(req.dropped, "more finding"),
                )?;
            }
        }
    }
    if cx.quiet {
        return Ok(());
    }
    let errors: usize = cx
        .files
        .iter()
        .flat_map(|f| &f.requests)
        .map(|r| r.errors)
        .sum();
    let warnings: usize = cx
        .files
        .iter()
        .flat_map(|f| &f.requests)
        .map(|r| r.warnings)
        .sum();
    let read = cx
        .files
        .iter()
        .filter(|f| f.error.is_none() || f.request_count > 0)
        .count();
    let requests: usize = cx.files.iter().map(|f| f.request_count).sum();
    let rejected: usize = cx.files.iter().map(|f| f.rejected).sum();
    let mut line = format!(
        "{}, {} in {}; {rejected} of {} rejected",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(read, "file"),
        plural(requests, "request"),
    );
    if !cx.path_errors.is_empty() || read < cx.files.len() {
        let unreadable =
            cx.path_errors.len() + cx.files.iter().filter(|f| f.error.is_some()).count();
        line.push_str(&format!("; {} unreadable", plural(unreadable, "path")));
    }
    writeln!(out, "{}", p.paint(BOLD, &line))
}

fn finding(p: Paint, name: &str, f: &Finding, out: &mut dyn Write) -> io::Result<()> {
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
        p.paint(BOLD, &format!(": {}", d.message()))
    )?;
    let row = f.row();
    let width = match (&f.snippet, row) {
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
    if let (Some(snippet), Some(r)) = (&f.snippet, row) {
        let (text, start, len) = window(snippet);
        writeln!(out, "{pad} {bar}")?;
        writeln!(out, "{} {bar} {text}", p.paint(BLUE, &r.to_string()))?;
        writeln!(
            out,
            "{pad} {bar} {}{}",
            " ".repeat(start),
            p.paint(colour, &"^".repeat(len))
        )?;
        if d.help.is_some() {
            writeln!(out, "{pad} {bar}")?;
        }
    }
    if let Some(help) = &d.help {
        writeln!(
            out,
            "{pad} {} {} {help}",
            p.paint(BLUE, "="),
            p.paint(BOLD, "help:")
        )?;
    }
    writeln!(out)
}

/// The part of the line to show, and where the carets go in it.
fn window(s: &Snippet) -> (String, usize, usize) {
    let n = s.text.len();
    if n <= MAX_SHOWN {
        let text: String = s.text.iter().collect();
        let len = s.len.min(n.saturating_sub(s.start)).max(1);
        return (text.trim_end().to_string(), s.start, len);
    }
    let mut a = s.start.saturating_sub(BEFORE_CARET);
    let b = (a + MAX_SHOWN).min(n);
    if b == n {
        a = n - MAX_SHOWN;
    }
    let mut text = String::new();
    let mut start = s.start - a;
    if a > 0 {
        text.push_str("...");
        start += 3;
    }
    text.extend(&s.text[a..b]);
    if b < n {
        text.push_str("...");
    }
    let len = s.len.min(b.saturating_sub(s.start)).max(1);
    (text, start, len)
}
