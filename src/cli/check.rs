//! Reads each input and checks every request in it with
//! [`cognito_validate::check_json`], turning the library's request-relative
//! positions into positions in the file and preparing masked source lines.
//!
//! This module is the only one that sees request bytes. What it hands on
//! ([`FileOutcome`]) holds no secret: source lines are masked here, and for a
//! request whose parse stopped early (JSON text errors, where secrets may not
//! all have been found) no source line is kept at all.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

use cognito_validate::{
    check_json, Diagnostic, Options, Position, Rejection, Rule, Severity, Span,
};

use super::walk::{Input, PathError};

/// A source line prepared for display: masked, one `char` per scalar value
/// of the original line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The line, with every secret character replaced by `*` (long runs
    /// shortened to `***…***`), tabs by spaces and other control characters
    /// by U+FFFD.
    pub text: Vec<char>,
    /// Index in `text` of the first character of the span.
    pub start: usize,
    /// How many characters the span covers on this line (at least 1).
    pub len: usize,
    /// Whether the span goes on past the end of this line.
    pub continues: bool,
}

/// Masked runs longer than this many characters are shortened to `***…***`.
const MASK_SHOWN: usize = 7;

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
    /// The masked source line, when it may be shown.
    pub snippet: Option<Snippet>,
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

/// The outcome of one request that had findings.
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

/// Everything found in one input.
#[derive(Clone, Debug)]
pub struct FileOutcome {
    /// What was read.
    pub input: Input,
    /// The name shown in reports.
    pub name: String,
    /// Requests with findings, in file order.
    pub requests: Vec<RequestOutcome>,
    /// How many requests were checked (with findings or not).
    pub request_count: usize,
    /// How many of them the service would refuse.
    pub rejected: usize,
    /// Set when the input could not be read (entirely or from some point on).
    pub error: Option<PathError>,
}

impl FileOutcome {
    /// The findings of every request, in order.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.requests.iter().flat_map(|r| r.findings.iter())
    }
}

/// How to read standard input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StdinKind {
    /// One request.
    Json,
    /// One request per line.
    Jsonl,
}

/// Reads and checks one input. Never panics; read failures end up in
/// [`FileOutcome::error`].
pub fn check_input(input: &Input, opts: &Options, stdin: StdinKind) -> FileOutcome {
    let mut out = FileOutcome {
        input: input.clone(),
        name: input.display(),
        requests: Vec::new(),
        request_count: 0,
        rejected: 0,
        error: None,
    };
    let result = match input {
        Input::Stdin => {
            let lock = io::stdin().lock();
            match stdin {
                StdinKind::Json => check_whole(lock, None, opts, &mut out),
                StdinKind::Jsonl => check_lines(lock, opts, &mut out),
            }
        }
        Input::File { path, jsonl } => match File::open(path) {
            Err(e) => Err(e),
            Ok(file) => {
                if *jsonl {
                    check_lines(BufReader::new(file), opts, &mut out)
                } else {
                    let size = file
                        .metadata()
                        .ok()
                        .filter(|m| m.is_file())
                        .map(|m| m.len());
                    check_whole(file, size, opts, &mut out)
                }
            }
        },
    };
    if let Err(e) = result {
        out.error = Some(PathError {
            path: out.name.clone(),
            reason: e.to_string(),
        });
    }
    out
}

/// One request: the whole input. `size` is the input's length when known.
fn check_whole(
    reader: impl Read,
    size: Option<u64>,
    opts: &Options,
    out: &mut FileOutcome,
) -> io::Result<()> {
    let limit = opts.max_input_bytes;
    let mut buf = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    read_all(reader.take(cap), &mut buf)?;
    let actual = if buf.len() > limit { size } else { None };
    record(out, check_request(&buf, opts, None, 0, actual));
    Ok(())
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

/// One request per line; blank lines are skipped. Each line is read up to
/// the size limit plus one byte, so a huge line costs no memory.
fn check_lines(mut reader: impl BufRead, opts: &Options, out: &mut FileOutcome) -> io::Result<()> {
    let keep = opts.max_input_bytes.saturating_add(1);
    let mut buf = Vec::new();
    let (mut line, mut offset) = (0usize, 0usize);
    while let Some(total) = read_line_capped(&mut reader, keep, &mut buf)? {
        line += 1;
        let blank = total == buf.len() && buf.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'));
        if !blank {
            let actual = (total > opts.max_input_bytes).then_some(total as u64);
            let outcome = check_request(&buf, opts, Some(line), offset, actual);
            record(out, outcome);
        }
        offset = offset.saturating_add(total).saturating_add(1);
    }
    Ok(())
}

/// Reads one line (its `\n` consumed, not stored) into `buf`, keeping at most
/// `keep` bytes of it. Returns the line's full length, or `None` at the end.
fn read_line_capped(
    reader: &mut impl BufRead,
    keep: usize,
    buf: &mut Vec<u8>,
) -> io::Result<Option<usize>> {
    buf.clear();
    let (mut total, mut any) = (0usize, false);
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(total));
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
            return Ok(Some(total));
        }
    }
}

fn record(out: &mut FileOutcome, outcome: RequestOutcome) {
    out.request_count += 1;
    if outcome.rejection.is_some() {
        out.rejected += 1;
    }
    if !outcome.findings.is_empty() || outcome.rejection.is_some() {
        out.requests.push(outcome);
    }
}

/// Checks one request. `req` starts at byte `offset` of the file, on line
/// `line` of a .jsonl file (else on line 1). `actual` is the request's real
/// length when `req` was cut at the size limit.
fn check_request(
    req: &[u8],
    opts: &Options,
    line: Option<usize>,
    offset: usize,
    actual: Option<u64>,
) -> RequestOutcome {
    let mut report = check_json(req, opts);
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
    let mut findings: Vec<Finding> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut diagnostic = d.clone();
            let (mut end, mut snippet) = (None, None);
            if let (Some(span), Some(pos)) = (d.span, d.position) {
                let e = advance(req, span.start, pos, span.end);
                end = Some(Position {
                    line: e.line + rows_before,
                    column: e.column,
                });
                if show_source {
                    snippet = make_snippet(req, span, &report.secret_spans);
                }
            }
            diagnostic.span = d.span.map(|s| Span {
                start: s.start.saturating_add(offset),
                end: s.end.saturating_add(offset),
            });
            diagnostic.position = d.position.map(|p| Position {
                line: p.line + rows_before,
                column: p.column,
            });
            Finding {
                diagnostic,
                line,
                end,
                snippet,
            }
        })
        .collect();
    findings.sort_by_key(|f| f.diagnostic.span.map(|s| s.start));
    RequestOutcome {
        line,
        findings,
        errors: report.errors,
        warnings: report.warnings,
        dropped: report.dropped(),
        rejection,
    }
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

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| is_lead(b)).count()
}

/// The line holding `span.start`, masked, with the span's place on it.
fn make_snippet(req: &[u8], span: Span, secrets: &[Span]) -> Option<Snippet> {
    let at = span.start.min(req.len());
    let line_start = req[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let mut line_end = req[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(req.len(), |i| at + i);
    if line_end > at && req[line_end - 1] == b'\r' {
        line_end -= 1;
    }
    let text = std::str::from_utf8(&req[line_start..line_end]).ok()?;
    let mut masked = vec![false; line_end - line_start];
    for s in secrets {
        let quoted = s.end >= s.start + 2
            && req.get(s.start) == Some(&b'"')
            && req.get(s.end - 1) == Some(&b'"');
        let (a, b) = if quoted {
            (s.start + 1, s.end - 1)
        } else {
            (s.start, s.end)
        };
        let (a, b) = (a.max(line_start), b.min(line_end));
        for m in masked
            .iter_mut()
            .take(b.saturating_sub(line_start))
            .skip(a.saturating_sub(line_start))
        {
            *m = true;
        }
    }
    // One display character per source character, except that a masked run
    // longer than `MASK_SHOWN` is shown as `***…***` (which also hides its length).
    let mut chars = Vec::new();
    let mut map = Vec::new(); // display index of each source character
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if masked[i] {
            let mut run = 1;
            while let Some(&(j, _)) = iter.peek() {
                if !masked[j] {
                    break;
                }
                iter.next();
                run += 1;
            }
            let first = chars.len();
            if run > MASK_SHOWN {
                chars.extend("***\u{2026}***".chars());
                // The first three characters map to themselves, the rest to the ellipsis
                // and after, so carets starting inside the run still land on it.
                map.extend((0..run).map(|k| first + k.min(3)));
            } else {
                chars.extend(std::iter::repeat_n('*', run));
                map.extend((0..run).map(|k| first + k));
            }
        } else {
            map.push(chars.len());
            chars.push(if c == '\t' {
                ' '
            } else if c.is_control() {
                '\u{FFFD}'
            } else {
                c
            });
        }
    }
    map.push(chars.len());
    let first = count_chars(&req[line_start..at]);
    let end = span.end.clamp(at, req.len());
    let (last, continues) = if end <= line_end {
        (first + count_chars(&req[at..end]), false)
    } else {
        (first + count_chars(&req[at..line_end]), true)
    };
    let display = |k: usize| map.get(k).copied().unwrap_or(chars.len());
    let start = display(first);
    let stop = if last < map.len() - 1 {
        display(last)
    } else {
        chars.len()
    };
    Some(Snippet {
        start,
        len: stop.saturating_sub(start).max(1),
        text: chars,
        continues,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_lines_keep_at_most_the_cap_and_count_everything() {
        let mut r = io::Cursor::new(b"abcdef\n\nxy".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line_capped(&mut r, 3, &mut buf).unwrap(), Some(6));
        assert_eq!(buf, b"abc");
        assert_eq!(read_line_capped(&mut r, 3, &mut buf).unwrap(), Some(0));
        assert_eq!(read_line_capped(&mut r, 3, &mut buf).unwrap(), Some(2));
        assert_eq!(buf, b"xy");
        assert_eq!(read_line_capped(&mut r, 3, &mut buf).unwrap(), None);
    }

    #[test]
    fn snippets_mask_secret_string_contents_but_not_quotes() {
        let req = br#"{"AccessToken": "abc", "X": 1}"#;
        let tok = 16; // the opening quote of "abc"
        let secrets = [Span {
            start: tok,
            end: tok + 5,
        }];
        let name = Span { start: 24, end: 27 };
        let s = make_snippet(req, name, &secrets).unwrap();
        let text: String = s.text.iter().collect();
        assert_eq!(text, r#"{"AccessToken": "***", "X": 1}"#);
        assert_eq!((s.start, s.len, s.continues), (24, 3, false));
    }

    #[test]
    fn long_masked_runs_are_shortened_and_carets_follow() {
        let req = br#"{"AccessToken": "abcdefghij", "X": 1}"#;
        let secrets = [Span { start: 16, end: 28 }];
        let token = make_snippet(req, Span { start: 16, end: 28 }, &secrets).unwrap();
        let text: String = token.text.iter().collect();
        assert_eq!(text, "{\"AccessToken\": \"***\u{2026}***\", \"X\": 1}");
        assert_eq!((token.start, token.len), (16, 9));
        let x = make_snippet(req, Span { start: 30, end: 33 }, &secrets).unwrap();
        assert_eq!((x.start, x.len), (27, 3));
    }
}
