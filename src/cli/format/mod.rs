//! The output formats. Each writes the findings of a whole run, already in
//! their final order (files sorted by path, findings by position), to one
//! writer. None of them sees a request's bytes: only masked source lines.

mod aws;
mod concise;
mod github;
mod human;
mod json;
mod sarif;

use std::io::{self, Write};

use super::args::Format;
use super::check::{FileOutcome, Finding};
use super::walk::PathError;

/// What every format needs.
pub struct Context<'a> {
    /// The inputs checked, sorted by name.
    pub files: &'a [FileOutcome],
    /// Paths that could not be read, sorted.
    pub path_errors: &'a [PathError],
    /// `--quiet`: errors only, no summary.
    pub quiet: bool,
    /// Whether to colour (human format only).
    pub color: bool,
}

impl Context<'_> {
    /// Whether a finding is reported at all (`--quiet` hides warnings).
    pub fn shows(&self, f: &Finding) -> bool {
        !self.quiet || f.is_error()
    }

    /// Every reported finding with its file, in order.
    pub fn findings(&self) -> impl Iterator<Item = (&FileOutcome, &Finding)> + '_ {
        self.files
            .iter()
            .flat_map(|file| file.findings().map(move |f| (file, f)))
            .filter(|(_, f)| self.shows(f))
    }
}

/// Writes the run in `format`.
pub fn write(format: Format, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::write(cx, out),
        Format::Concise => concise::write(cx, out),
        Format::Json => json::write(cx, out),
        Format::Sarif => sarif::write(cx, out),
        Format::Github => github::write(cx, out),
        Format::Aws => aws::write(cx, out),
    }
}
