//! The output formats. The report is written as it is made: each input's
//! part is rendered by the thread that checks it, request by request while
//! the request's bytes are at hand (the only time a masked source line can
//! be made), and [`Report`] writes the parts in their final order (files
//! sorted by path, findings by position) between a format's beginning and
//! end. No format sees a request's bytes: only masked snippets.

mod aws;
mod concise;
mod github;
mod human;
mod json;
mod sarif;
pub mod text;

use std::io::{self, Write};

use super::args::Format;
use super::check::{FileOutcome, Finding, RequestOutcome, Source};
use super::walk::{Input, PathError};

/// What every format needs.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    /// The format.
    pub format: Format,
    /// `--quiet`: errors only, no summary.
    pub quiet: bool,
    /// Whether to colour (human format only).
    pub color: bool,
}

impl Context {
    /// Whether a finding is reported at all (`--quiet` hides warnings).
    pub fn shows(&self, f: &Finding) -> bool {
        !self.quiet || f.is_error()
    }

    /// The findings of `req` that are reported.
    fn findings<'r>(&self, req: &'r RequestOutcome) -> impl Iterator<Item = &'r Finding> + 'r {
        let cx = *self;
        req.findings.iter().filter(move |f| cx.shows(f))
    }
}

/// One input's part of the report.
#[derive(Debug, Default)]
pub struct Part {
    /// The rendered text.
    pub bytes: Vec<u8>,
    /// How many items (array elements, for `json` and `sarif`) it holds,
    /// counting those already sent ahead.
    pub items: usize,
    /// How many of them were sent ahead, with the bytes that held them.
    pub sent: usize,
}

/// Renders one request of `input`, shown as `name`, into `part`.
pub fn request(
    cx: &Context,
    input: &Input,
    name: &str,
    req: &RequestOutcome,
    src: &Source<'_>,
    part: &mut Part,
) -> io::Result<()> {
    match cx.format {
        Format::Human => human::request(cx, name, req, src, &mut part.bytes),
        Format::Concise => concise::request(cx, name, req, &mut part.bytes),
        Format::Json => json::request(cx, name, req, part),
        Format::Sarif => sarif::request(cx, input.raw(), req, part),
        Format::Github => github::request(cx, name, req, &mut part.bytes),
        Format::Aws => aws::request(name, req, &mut part.bytes),
    }
}

/// The run's counts, for the human summary line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Totals {
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
    /// Inputs read (entirely or in part).
    pub read: usize,
    /// Inputs checked, read or not.
    pub files: usize,
    /// Requests checked.
    pub requests: usize,
    /// Requests the service would refuse.
    pub rejected: usize,
    /// Paths and inputs that could not be read.
    pub unreadable: usize,
}

/// Writes the report to `out` as the parts arrive, in order.
pub struct Report<'w> {
    cx: Context,
    out: &'w mut dyn Write,
    items: usize,
    /// Items written of the input being written.
    file_items: usize,
    totals: Totals,
    unreadable: Vec<PathError>,
}

impl<'w> Report<'w> {
    /// Starts the report; `path_errors` are the paths that could not be read.
    pub fn begin(
        cx: Context,
        path_errors: &[PathError],
        out: &'w mut dyn Write,
    ) -> io::Result<Self> {
        match cx.format {
            Format::Json => out.write_all(b"[")?,
            Format::Sarif => sarif::begin(out)?,
            _ => {}
        }
        Ok(Report {
            cx,
            out,
            items: 0,
            file_items: 0,
            totals: Totals {
                unreadable: path_errors.len(),
                ..Totals::default()
            },
            unreadable: path_errors.to_vec(),
        })
    }

    /// Writes one input's part, which comes after every earlier input's.
    pub fn file(&mut self, file: &FileOutcome, part: &Part) -> io::Result<()> {
        let t = &mut self.totals;
        t.files += 1;
        t.errors += file.errors;
        t.warnings += file.warnings;
        t.requests += file.request_count;
        t.rejected += file.rejected;
        if file.error.is_none() || file.request_count > 0 {
            t.read += 1;
        }
        if let Some(e) = &file.error {
            t.unreadable += 1;
            self.unreadable.push(e.clone());
        }
        self.piece(&part.bytes, part.items - part.sent)?;
        self.file_items = 0;
        Ok(())
    }

    /// Writes some of the current input's part, holding `items` items,
    /// ahead of the rest ([`Report::file`]).
    pub fn piece(&mut self, bytes: &[u8], items: usize) -> io::Result<()> {
        if items > 0 && self.file_items == 0 && self.items > 0 {
            // The first item of this input follows an earlier input's.
            self.out.write_all(b",")?;
        }
        self.items += items;
        self.file_items += items;
        self.out.write_all(bytes)
    }

    /// Flushes what is written so far, when `now`.
    pub fn flush_if(&mut self, now: bool) -> io::Result<()> {
        if now {
            self.out.flush()
        } else {
            Ok(())
        }
    }

    /// Ends the report.
    pub fn end(self) -> io::Result<()> {
        match self.cx.format {
            Format::Human => human::end(&self.cx, &self.totals, self.out),
            Format::Json => self
                .out
                .write_all(if self.items == 0 { b"]\n" } else { b"\n]\n" }),
            Format::Sarif => sarif::end(&self.unreadable, self.out),
            _ => Ok(()),
        }
    }
}
