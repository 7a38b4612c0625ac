//! Reads each input and checks every request in it with
//! [`cognito_validate::check`] (for the operation `--operation` names), turning the library's request-relative
//! positions into positions in the file, and hands each request to a sink
//! while its bytes are at hand. Inputs are read with bounded memory: a
//! `.json` file up to `--max-input-bytes`, a `.jsonl` file a line at a time
//! (a line that never ends gives up, see [`ENDLESS_LINE`]). The input kinds
//! are the `Run` methods; a third (HAR entries) fits beside them.
//!
//! This module is the only one that sees request bytes. What it hands on
//! holds no secret: a finding keeps a byte range, not text, and the formats
//! reach the bytes only through [`Source::snippet`], which masks them (and
//! gives nothing for a request whose parse stopped early, where secrets may
//! not all have been found).

use std::cell::OnceCell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

use cognito_validate::{
    check, Diagnostic, Operation, Options, Position, Rejection, Rule, Severity, Span,
};

use unicode_width::UnicodeWidthChar;

use super::walk::{Input, PathError};

/// A window of a source line prepared for display: masked, control
/// characters replaced, at most [`MAX_SHOWN`] columns wide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The text shown: every secret character replaced by `*` (long runs
    /// shortened to `***…***`), tabs by spaces, other control characters by
    /// U+FFFD, and `...` where the line goes on beyond the window.
    pub text: String,
    /// Display column (0-based) in `text` where the carets start.
    pub start: usize,
    /// How many columns the carets cover (at least 1).
    pub len: usize,
    /// Whether the span goes on past the end of this line.
    pub continues: bool,
}

/// A .jsonl line longer than this many times `--max-input-bytes` ends the
/// input: see [`Run::lines`].
pub const ENDLESS_LINE: usize = 64;

/// Masked runs longer than this many characters are shown as `***…***`.
const MASK_SHOWN: usize = 7;
/// The widest window of a source line shown, in display columns.
pub const MAX_SHOWN: usize = 120;
/// Columns shown before the carets when the line is shown in part.
const BEFORE_CARET: usize = 40;
/// How far back (bytes) to look for the start of the line: a window starts
/// there only when the carets are near it.
const LOOK_BACK: usize = 4 * MAX_SHOWN;

/// One finding, located in the file.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The library's finding; its `span` and `position` are relative to the
    /// file (not to the request).
    pub diagnostic: Diagnostic,
    /// The line of the .jsonl file holding the request.
    pub line: Option<usize>,
    /// Where the span ends (exclusive): line and column in the file.
    pub end: Option<Position>,
}

impl Finding {
    /// The 1-based line in the file: the span's line, else the .jsonl line.
    pub fn row(&self) -> Option<usize> {
        self.diagnostic.position.map(|p| p.line).or(self.line)
    }

    /// The 1-based column (in scalar values) of the span's start.
    pub fn column(&self) -> Option<usize> {
        self.diagnostic.position.map(|p| p.column)
    }

    /// Whether the finding is an error.
    pub fn is_error(&self) -> bool {
        self.diagnostic.severity() == Severity::Error
    }
}

/// The outcome of one request.
#[derive(Clone, Debug)]
pub struct RequestOutcome {
    /// The line of the .jsonl file holding the request.
    pub line: Option<usize>,
    /// Findings kept, ordered by position.
    pub findings: Vec<Finding>,
    /// Errors found, including any beyond `--max-diagnostics`.
    pub errors: usize,
    /// Warnings found, including any beyond `--max-diagnostics`.
    pub warnings: usize,
    /// Findings not kept because of `--max-diagnostics`.
    pub dropped: usize,
    /// The service's answer, when it would refuse the request.
    pub rejection: Option<Rejection>,
}

/// The bytes of the request being reported, lent to the formats only through
/// [`Source::snippet`], which masks them. Lives only while the request is
/// reported, so nothing of the source is kept per finding.
pub struct Source<'a> {
    req: &'a [u8],
    /// Where `req` starts in the file.
    offset: usize,
    /// The secret spans as reported (request-relative).
    secrets: &'a [Span],
    /// The masked ranges, sorted, made on first use.
    masked: OnceCell<Vec<(usize, usize)>>,
    /// Whether source lines may be shown at all.
    show: bool,
}

/// Everything found in one input, counted; the findings themselves go to
/// the sink given to [`check_input`] as each request is checked.
#[derive(Clone, Debug)]
pub struct FileOutcome {
    /// The name shown in reports.
    pub name: String,
    /// How many requests were checked (with findings or not).
    pub request_count: usize,
    /// How many of them the service would refuse.
    pub rejected: usize,
    /// Errors found, including any beyond `--max-diagnostics`.
    pub errors: usize,
    /// Warnings found, including any beyond `--max-diagnostics`.
    pub warnings: usize,
    /// Set when the input could not be read (entirely or from some point on).
    pub error: Option<PathError>,
}

/// How to read standard input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StdinKind {
    /// One request.
    Json,
    /// One request per line.
    Jsonl,
}

/// Receives each request's outcome, with its source, as it is checked.
pub type Sink<'s> = dyn FnMut(&RequestOutcome, &Source<'_>) + 's;

/// Reads and checks one input, handing each request with findings or a
/// rejection to `sink` while its bytes are at hand. Never panics; read
/// failures end up in [`FileOutcome::error`].
pub fn check_input(
    input: &Input,
    opts: &Options,
    op: Operation,
    stdin: StdinKind,
    sink: &mut Sink<'_>,
) -> FileOutcome {
    let mut out = FileOutcome {
        name: input.display(),
        request_count: 0,
        rejected: 0,
        errors: 0,
        warnings: 0,
        error: None,
    };
    let mut run = Run {
        opts,
        op,
        out: &mut out,
        sink,
    };
    let result = match input {
        Input::Stdin => {
            let lock = io::stdin().lock();
            match stdin {
                StdinKind::Json => run.whole(lock, None),
                StdinKind::Jsonl => run.lines(lock),
            }
        }
        Input::File { path, jsonl } => match File::open(path) {
            Err(e) => Err(e),
            Ok(file) => {
                if *jsonl {
                    run.lines(BufReader::new(file))
                } else {
                    let size = file
                        .metadata()
                        .ok()
                        .filter(|m| m.is_file())
                        .map(|m| m.len());
                    run.whole(file, size)
                }
            }
        },
    };
    if let Err(e) = result {
        out.error = Some(PathError {
            path: out.name.clone(),
            reason: e.to_string(),
            raw: input.raw().to_vec(),
        });
    }
    out
}

/// One input being checked.
struct Run<'r, 's> {
    opts: &'r Options,
    /// The operation whose requests these are.
    op: Operation,
    out: &'r mut FileOutcome,
    sink: &'r mut Sink<'s>,
}

impl Run<'_, '_> {
    /// One request: the whole input. `size` is the input's length when known.
    fn whole(&mut self, reader: impl Read, size: Option<u64>) -> io::Result<()> {
        let limit = self.opts.max_input_bytes;
        let mut buf = Vec::new();
        let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
        read_all(reader.take(cap), &mut buf)?;
        let actual = if buf.len() > limit { size } else { None };
        self.request(&buf, None, 0, actual);
        Ok(())
    }

    /// One request per line; blank lines are skipped. Each line is read up
    /// to the size limit plus one byte, so a huge line costs no memory; the
    /// rest of a line over the limit is skipped, up to [`ENDLESS_LINE`]
    /// times the limit: a line longer than that (`/dev/zero`, a stream that
    /// never sends a newline) is reported and ends the input, which counts as
    /// unreadable from there on.
    fn lines(&mut self, mut reader: impl BufRead) -> io::Result<()> {
        let limit = self.opts.max_input_bytes;
        let keep = limit.saturating_add(1);
        let give_up = limit.saturating_mul(ENDLESS_LINE).max(keep);
        let mut buf = Vec::new();
        let (mut line, mut offset) = (0usize, 0usize);
        while let Some((total, ended)) = read_line_capped(&mut reader, keep, give_up, &mut buf)? {
            line += 1;
            let blank = total == buf.len() && buf.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'));
            if !blank {
                let actual = (total > limit && ended).then_some(total as u64);
                self.request(&buf, Some(line), offset, actual);
            }
            if !ended {
                return Err(io::Error::other(format!(
                    "line {line} goes on for more than {give_up} bytes without a newline; \
                     the rest of the input is not read"
                )));
            }
            offset = offset.saturating_add(total).saturating_add(1);
        }
        Ok(())
    }

    /// Checks one request and hands it to the sink.
    fn request(&mut self, req: &[u8], line: Option<usize>, offset: usize, actual: Option<u64>) {
        let report = check_request(req, self.opts, self.op, line, offset, actual);
        let (outcome, secrets, show) = report;
        let out = &mut *self.out;
        out.request_count += 1;
        out.errors += outcome.errors;
        out.warnings += outcome.warnings;
        if outcome.rejection.is_some() {
            out.rejected += 1;
        }
        if !outcome.findings.is_empty() || outcome.rejection.is_some() {
            let source = Source {
                req,
                offset,
                secrets: &secrets,
                masked: OnceCell::new(),
                show,
            };
            (self.sink)(&outcome, &source);
        }
    }
}

/// `read_to_end`, retrying when interrupted.
fn read_all(mut reader: impl Read, buf: &mut Vec<u8>) -> io::Result<()> {
    loop {
        match reader.read_to_end(buf) {
            Ok(_) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Reads one line (its `\n` consumed, not stored) into `buf`, keeping at most
/// `keep` bytes of it and reading at most `give_up` bytes. Returns the
/// line's length as read and whether it ended (a newline or the end of the
/// input), or `None` at the end of the input.
fn read_line_capped(
    reader: &mut impl BufRead,
    keep: usize,
    give_up: usize,
    buf: &mut Vec<u8>,
) -> io::Result<Option<(usize, bool)>> {
    buf.clear();
    let (mut total, mut any) = (0usize, false);
    loop {
        if total >= give_up {
            return Ok(Some((total, false)));
        }
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some((total, true)));
        }
        any = true;
        let (len, newline) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        let room = keep.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..len.min(room)]);
        total = total.saturating_add(len);
        reader.consume(len + usize::from(newline));
        if newline {
            return Ok(Some((total, true)));
        }
    }
}

/// Checks one request. `req` starts at byte `offset` of the file, on line
/// `line` of a .jsonl file (else on line 1). `actual` is the request's real
/// length when `req` was cut at the size limit. Returns the outcome, the
/// secret spans and whether source lines may be shown.
fn check_request(
    req: &[u8],
    opts: &Options,
    op: Operation,
    line: Option<usize>,
    offset: usize,
    actual: Option<u64>,
) -> (RequestOutcome, Vec<Span>, bool) {
    let mut report = check(op, req, opts);
    let limit = opts.max_input_bytes;
    for d in &mut report.diagnostics {
        if d.rule == Rule::InputTooLarge {
            // The library saw only the first `limit + 1` bytes; say how long
            // the request really is.
            d.detail = Some(
                match actual {
                    Some(n) => format!("The request is {n} bytes; the limit is {limit} bytes."),
                    None => format!(
                        "The request is more than {limit} bytes; the limit is {limit} bytes."
                    ),
                }
                .into(),
            );
        }
    }
    let rejection = report.rejection();
    // A parse that stopped early may have passed secrets it never recorded:
    // show no source line for any finding of such a request.
    let show_source = !report.diagnostics.iter().any(|d| d.rule.stops_parse());
    let rows_before = line.map_or(0, |l| l.saturating_sub(1));
    let dropped = report.dropped();
    let mut findings: Vec<Finding> = report
        .diagnostics
        .into_iter()
        .map(|mut diagnostic| {
            let mut end = None;
            if let (Some(span), Some(pos)) = (diagnostic.span, diagnostic.position) {
                let e = advance(req, span.start, pos, span.end);
                end = Some(Position {
                    line: e.line + rows_before,
                    column: e.column,
                });
            }
            diagnostic.span = diagnostic.span.map(|s| Span {
                start: s.start.saturating_add(offset),
                end: s.end.saturating_add(offset),
            });
            diagnostic.position = diagnostic.position.map(|p| Position {
                line: p.line + rows_before,
                column: p.column,
            });
            Finding {
                diagnostic,
                line,
                end,
            }
        })
        .collect();
    findings.sort_by_key(|f| f.diagnostic.span.map(|s| s.start));
    let outcome = RequestOutcome {
        line,
        findings,
        errors: report.errors,
        warnings: report.warnings,
        dropped,
        rejection,
    };
    (outcome, report.secret_spans, show_source)
}

/// Whether `b` starts a scalar value (or is a byte of input that is not UTF-8).
fn is_lead(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// The position of byte `to`, counting from byte `from` at position `pos`.
fn advance(input: &[u8], from: usize, pos: Position, to: usize) -> Position {
    let (mut line, mut column) = (pos.line, pos.column);
    let to = to.min(input.len());
    for &b in input.get(from..to).unwrap_or_default() {
        if b == b'\n' {
            line += 1;
            column = 1;
        } else if is_lead(b) {
            column += 1;
        }
    }
    Position { line, column }
}

/// The columns a character of the snippet takes on a terminal: 2 for wide
/// (East Asian) characters and most emoji, 0 for combining marks, else 1.
fn width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(1)
}

/// The character at `at` (U+FFFD for a byte that starts no valid one) and
/// its length in bytes.
fn char_at(bytes: &[u8], at: usize) -> (char, usize) {
    let end = bytes.len().min(at + 4);
    let chunk = bytes.get(at..end).unwrap_or_default();
    let valid = match std::str::from_utf8(chunk) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&chunk[..e.valid_up_to()]).unwrap_or_default(),
    };
    match valid.chars().next() {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 1),
    }
}

/// How a character is shown: tabs as spaces, other characters a terminal
/// would obey as U+FFFD.
fn shown(c: char) -> char {
    if c == '\t' {
        ' '
    } else if super::format::text::is_unsafe(c) {
        '\u{FFFD}'
    } else {
        c
    }
}

impl Source<'_> {
    /// The masked window of the source line under `f`, when it may be shown.
    /// Costs time in proportion to the window, not to the line.
    pub fn snippet(&self, f: &Finding) -> Option<Snippet> {
        if !self.show {
            return None;
        }
        let span = f.diagnostic.span?;
        let s = span.start.checked_sub(self.offset)?.min(self.req.len());
        let e = span
            .end
            .saturating_sub(self.offset)
            .clamp(s, self.req.len());
        Some(window(self.req, s, e, self.masked()))
    }

    /// The byte ranges shown masked, sorted: the secret spans without their
    /// quotes.
    fn masked(&self) -> &[(usize, usize)] {
        self.masked.get_or_init(|| {
            let mut m: Vec<(usize, usize)> = self
                .secrets
                .iter()
                .map(|s| {
                    let quoted = s.end >= s.start + 2
                        && self.req.get(s.start) == Some(&b'"')
                        && self.req.get(s.end - 1) == Some(&b'"');
                    if quoted {
                        (s.start + 1, s.end - 1)
                    } else {
                        (s.start, s.end)
                    }
                })
                .filter(|(a, b)| a < b)
                .collect();
            m.sort_unstable();
            // Merge overlaps, so that one lookup finds the whole run.
            let mut merged: Vec<(usize, usize)> = Vec::with_capacity(m.len());
            for (a, b) in m {
                match merged.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => merged.push((a, b)),
                }
            }
            merged
        })
    }
}

/// The masked run holding byte `p`, if any.
fn masked_run(masked: &[(usize, usize)], p: usize) -> Option<(usize, usize)> {
    let i = masked.partition_point(|&(a, _)| a <= p);
    let run = *masked.get(i.checked_sub(1)?)?;
    (p < run.1).then_some(run)
}

/// Scalar values in `bytes`, counting no further than `cap`.
fn count_chars_upto(bytes: &[u8], cap: usize) -> usize {
    bytes.iter().filter(|&&b| is_lead(b)).take(cap).count()
}

/// Display columns of `bytes` unmasked, counting no further than `cap`.
fn columns_upto(bytes: &[u8], cap: usize) -> usize {
    let (mut p, mut col) = (0, 0);
    while p < bytes.len() && col < cap {
        let (c, n) = char_at(bytes, p);
        col += width(shown(c));
        p += n;
    }
    col
}

/// The window of the line holding byte `s` of `req`, with carets from `s` to
/// `e` (request-relative, `s <= e <= req.len()`).
fn window(req: &[u8], s: usize, e: usize, masked: &[(usize, usize)]) -> Snippet {
    // Where the line starts, if it is near.
    let floor = s.saturating_sub(LOOK_BACK);
    let line_start = match req[floor..s].iter().rposition(|&b| b == b'\n') {
        Some(i) => Some(floor + i + 1),
        None => (floor == 0).then_some(0),
    };
    // Shown from its start when the carets fall well inside the window
    // (masking only makes the text narrower).
    let near = line_start.filter(|&ls| columns_upto(&req[ls..s], MAX_SHOWN) < MAX_SHOWN - 20);
    let mut text = String::new();
    let mut col = 0usize;
    let a = match near {
        Some(ls) => ls,
        None => {
            // Step back `BEFORE_CARET` characters, not past the line start.
            let stop = line_start.unwrap_or(floor);
            let mut a = s;
            let mut n = 0;
            while a > stop && n < BEFORE_CARET {
                a -= 1;
                if is_lead(req[a]) {
                    n += 1;
                }
            }
            if a > stop || line_start.is_none() {
                text.push_str("...");
                col = 3;
            }
            a
        }
    };
    let (mut start, mut stop) = (None, None);
    let mut p = a;
    let mut line_end = false;
    loop {
        if p >= req.len() || req[p] == b'\n' || (req[p] == b'\r' && req.get(p + 1) == Some(&b'\n'))
        {
            line_end = true;
            break;
        }
        if col >= MAX_SHOWN {
            break;
        }
        if let Some((_, run_end)) = masked_run(masked, p) {
            // A masked run, cut at the line's end; long ones shortened.
            let run_end = req[p..run_end.min(req.len())]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(run_end.min(req.len()), |i| p + i);
            let run = count_chars_upto(&req[p..run_end], MASK_SHOWN + 1);
            let long = run > MASK_SHOWN;
            let at = |x: usize| {
                let k = count_chars_upto(&req[p..x], MASK_SHOWN + 1);
                col + if long { k.min(3) } else { k }
            };
            if (p..run_end).contains(&s) && start.is_none() {
                start = Some(at(s));
            }
            if (p..run_end).contains(&e) && stop.is_none() && e > s {
                stop = Some(at(e));
            }
            if long {
                text.push_str("***\u{2026}***");
                col += 7;
            } else {
                text.extend(std::iter::repeat_n('*', run));
                col += run;
            }
            p = run_end;
            continue;
        }
        if p == s && start.is_none() {
            start = Some(col);
        }
        if p == e && stop.is_none() {
            stop = Some(col);
        }
        let (c, n) = char_at(req, p);
        let c = shown(c);
        text.push(c);
        col += width(c);
        p += n;
    }
    if p == s && start.is_none() {
        start = Some(col);
    }
    if p == e && stop.is_none() {
        stop = Some(col);
    }
    let start = start.unwrap_or(col);
    let stop = stop.unwrap_or(col).max(start);
    let continues = line_end && e > p;
    if !line_end {
        text.push_str("...");
    }
    let text = text.trim_end().to_string();
    Snippet {
        text,
        start,
        len: (stop - start).max(1),
        continues,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_lines_keep_at_most_the_cap_and_count_everything() {
        let mut r = io::Cursor::new(b"abcdef\n\nxy".to_vec());
        let mut buf = Vec::new();
        let mut next = |buf: &mut Vec<u8>| read_line_capped(&mut r, 3, 100, buf).unwrap();
        assert_eq!(next(&mut buf), Some((6, true)));
        assert_eq!(buf, b"abc");
        assert_eq!(next(&mut buf), Some((0, true)));
        assert_eq!(next(&mut buf), Some((2, true)));
        assert_eq!(buf, b"xy");
        assert_eq!(next(&mut buf), None);
    }

    #[test]
    fn an_endless_line_is_given_up_on() {
        let mut r = io::BufReader::with_capacity(16, io::repeat(0));
        let mut buf = Vec::new();
        let (read, ended) = read_line_capped(&mut r, 3, 1000, &mut buf)
            .unwrap()
            .unwrap();
        assert!(!ended);
        assert!((1000..1016).contains(&read), "{read}");
        assert_eq!(buf, [0, 0, 0]);
    }

    fn snip(req: &[u8], span: (usize, usize), secrets: &[Span]) -> Snippet {
        let source = Source {
            req,
            offset: 0,
            secrets,
            masked: OnceCell::new(),
            show: true,
        };
        let f = Finding {
            diagnostic: cognito_validate::validate_json(br#"{}"#, &Options::default())
                .err()
                .and_then(|r| r.diagnostics().first().cloned())
                .map(|mut d| {
                    d.span = Some(Span {
                        start: span.0,
                        end: span.1,
                    });
                    d
                })
                .expect("an empty object lacks the access token"),
            line: None,
            end: None,
        };
        source.snippet(&f).expect("shown")
    }

    #[test]
    fn snippets_mask_secret_string_contents_but_not_quotes() {
        let req = br#"{"AccessToken": "abc", "X": 1}"#;
        let tok = 16; // the opening quote of "abc"
        let secrets = [Span {
            start: tok,
            end: tok + 5,
        }];
        let s = snip(req, (24, 27), &secrets);
        assert_eq!(s.text, r#"{"AccessToken": "***", "X": 1}"#);
        assert_eq!((s.start, s.len, s.continues), (24, 3, false));
    }

    #[test]
    fn long_masked_runs_are_shortened_and_carets_follow() {
        let req = br#"{"AccessToken": "abcdefghij", "X": 1}"#;
        let secrets = [Span { start: 16, end: 28 }];
        let token = snip(req, (16, 28), &secrets);
        assert_eq!(
            token.text,
            "{\"AccessToken\": \"***\u{2026}***\", \"X\": 1}"
        );
        assert_eq!((token.start, token.len), (16, 9));
        let x = snip(req, (30, 33), &secrets);
        assert_eq!((x.start, x.len), (27, 3));
    }

    #[test]
    fn carets_cover_display_columns() {
        // 22 columns: the quotes, `custom:`, and six wide characters and a space.
        let name = "\"custom:好きな 食べ物\"";
        let req = format!("{{\"Name\": {name}}}");
        let at = req.find(name).unwrap();
        let s = snip(req.as_bytes(), (at, at + name.len()), &[]);
        assert_eq!((s.start, s.len), (9, 22));
        // Wide, emoji and combining characters before the span move the
        // carets by their width: 2 + 2 + 1 (e and U+0301 together) columns.
        let req = "{\"好\u{1F44D}e\u{301}\": 1, \"x\": 2}";
        let x = req.find("\"x\"").unwrap();
        let s = snip(req.as_bytes(), (x, x + 3), &[]);
        let before: usize = 2 + 2 + 1 + "{\"\": 1, ".len();
        assert_eq!((s.start, s.len), (before, 3));
    }

    #[test]
    fn wide_text_before_the_carets_does_not_push_them_out_of_the_window() {
        // 90 wide characters: 180 columns, more than the window.
        let req = format!("{}\"a b\"", "好".repeat(90));
        let at = req.find('"').unwrap();
        let s = snip(req.as_bytes(), (at, at + 5), &[]);
        assert!(s.text.starts_with("..."), "{}", s.text);
        assert_eq!(s.text[s.text.len() - 5..], *"\"a b\"");
        assert_eq!((s.start, s.len), (3 + 2 * BEFORE_CARET, 5));
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_carets() {
        let mut req = vec![b'a'; 5000];
        req.extend_from_slice(b"\"bad name\"");
        req.extend(vec![b'b'; 5000]);
        let s = snip(&req, (5000, 5010), &[]);
        let expected = format!("...{}\"bad name\"{}...", "a".repeat(40), "b".repeat(67));
        assert_eq!(s.text, expected);
        assert_eq!((s.start, s.len), (43, 10));
        // A line of exactly the width is shown whole, without `...`.
        let req = format!("{}\n", "c".repeat(MAX_SHOWN));
        assert_eq!(
            snip(req.as_bytes(), (5, 6), &[]).text,
            "c".repeat(MAX_SHOWN)
        );
    }
}
