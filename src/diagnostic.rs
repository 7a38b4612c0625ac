//! One finding: its rule, where it is, what constraint it broke, and how it
//! reads in AWS's words.
//!
//! A [`Diagnostic`] never holds a secret. Values of sensitive shapes (the
//! access token, attribute values) are recorded as [`Shown::Omitted`], the way
//! the service leaves them out of its messages, and the library's own texts
//! (`detail`, `help`) describe secrets by position and length only.

use std::fmt;

use crate::chars;
use crate::path::{push_decimal, Path};
use crate::rule::{Rule, Severity};
use crate::shape::Pattern;

/// A byte range `start..end` in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte.
    pub end: usize,
}

/// A line and column in the input, both 1-based. The column counts Unicode
/// scalar values from the start of the line (SARIF's `unicodeCodePoints`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line; lines end at `\n`.
    pub line: usize,
    /// 1-based column, in scalar values.
    pub column: usize,
}

/// The constraint a value failed, with its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Constraint {
    /// At least this many scalar values.
    MinLength(usize),
    /// At most this many scalar values.
    MaxLength(usize),
    /// The whole value must match this pattern.
    Pattern(Pattern),
    /// The member must be present and not `null`.
    NotNull,
    /// The value must be one of these.
    OneOf(&'static [&'static str]),
    /// The whole value must match this pattern of the service model, printed
    /// as the service prints it.
    ModelPattern(&'static str),
    /// A number at least this large.
    MinValue(i64),
    /// A number at most this large.
    MaxValue(i64),
}

/// Where the constrained value sits, which decides how the framework nests
/// the constraint phrase.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Within {
    /// The member itself: `Member must …`.
    #[default]
    Member,
    /// A key of the map at the path: `Map keys must satisfy constraint: [Member must …]`
    /// (the library's wording, as for `ClientMetadata`).
    MapKeys,
    /// A value of the map at the path: `Map value must satisfy constraint: [Member must …]`
    /// (the library's wording).
    MapValue,
    /// An item of the list at the path, the list printed whole:
    /// `Member must satisfy constraint: [Member must …]` (the service's
    /// wording for a list of enum values).
    ListMember,
}

impl Constraint {
    /// Appends the constraint's phrase to `out`, written piece by piece
    /// rather than through `fmt` (the rejection path writes one per finding).
    pub(crate) fn push_to(&self, out: &mut String) {
        match *self {
            Constraint::MinLength(n) => {
                out.push_str("Member must have length greater than or equal to ");
                push_decimal(out, n as u64);
            }
            Constraint::MaxLength(n) => {
                out.push_str("Member must have length less than or equal to ");
                push_decimal(out, n as u64);
            }
            Constraint::Pattern(p) => {
                out.push_str("Member must satisfy regular expression pattern: ");
                out.push_str(p.as_str());
            }
            Constraint::NotNull => out.push_str("Member must not be null"),
            Constraint::ModelPattern(p) => {
                out.push_str("Member must satisfy regular expression pattern: ");
                out.push_str(p);
            }
            Constraint::MinValue(n) => {
                out.push_str("Member must have value greater than or equal to ");
                push_signed(out, n);
            }
            Constraint::MaxValue(n) => {
                out.push_str("Member must have value less than or equal to ");
                push_signed(out, n);
            }
            Constraint::OneOf(set) => {
                out.push_str("Member must satisfy enum value set: [");
                for (i, v) in set.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(v);
                }
                out.push(']');
            }
        }
    }
}

/// Appends `n` in decimal, with its sign.
fn push_signed(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_decimal(out, n.unsigned_abs());
}

impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.push_to(&mut s);
        f.write_str(&s)
    }
}

/// How the offending value appears in the AWS message.
#[derive(Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shown {
    /// `Value '<text>'` (the text may be empty: `Value ''`).
    Text(Box<str>),
    /// `Value null`: the member is missing.
    Null,
    /// `Value at`: the value is sensitive (or too large to echo) and left out.
    Omitted,
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Text(t) => f.debug_tuple("Text").field(t).finish(),
            Shown::Null => f.write_str("Null"),
            Shown::Omitted => f.write_str("Omitted"),
        }
    }
}

/// One finding about a request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The rule broken.
    pub rule: Rule,
    /// Where in the request; the root for findings about the JSON text itself.
    pub path: Path,
    /// The bytes of the input the finding is about, when the request came as JSON.
    pub span: Option<Span>,
    /// Line and column of `span.start`.
    pub position: Option<Position>,
    /// The constraint broken, for shape rules.
    pub constraint: Option<Constraint>,
    /// The measured length in scalar values, for length rules.
    pub measured: Option<usize>,
    /// How the value appears in the AWS message.
    pub shown: Shown,
    /// The library's own wording, for rules the service words differently or
    /// not at all (JSON errors, warnings).
    pub detail: Option<Box<str>>,
    /// A hint on how to fix it: a did-you-mean, the limit and the length.
    pub help: Option<Box<str>>,
    /// Where the constrained value sits (a map key or value, a list item
    /// reported at its list), which nests the constraint phrase.
    pub within: Within,
}

impl Diagnostic {
    /// A diagnostic with no constraint, detail or help yet.
    pub(crate) fn new(rule: Rule, path: Path, span: Option<Span>) -> Diagnostic {
        Diagnostic {
            rule,
            path,
            span,
            position: None,
            constraint: None,
            measured: None,
            shown: Shown::Omitted,
            detail: None,
            help: None,
            within: Within::Member,
        }
    }

    pub(crate) fn with_detail(mut self, d: impl Into<Box<str>>) -> Self {
        self.detail = Some(d.into());
        self
    }

    pub(crate) fn with_help(mut self, h: impl Into<Box<str>>) -> Self {
        self.help = Some(h.into());
        self
    }

    /// The rule's severity.
    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }

    /// The message: for shape rules the exact item AWS would list
    /// (`Value '' at 'userAttributes.1.member.name' failed to satisfy
    /// constraint: Member must have length greater than or equal to 1`), for
    /// the others the library's wording.
    pub fn message(&self) -> String {
        let mut s = String::new();
        self.push_message(&mut s);
        s
    }

    /// Appends [`Diagnostic::message`] to `out`: the rejection's message is
    /// written in one buffer, piece by piece, without `fmt`.
    pub(crate) fn push_message(&self, out: &mut String) {
        if let (Some(detail), None) = (&self.detail, &self.constraint) {
            out.push_str(detail);
            return;
        }
        match &self.shown {
            Shown::Text(t) => {
                out.push_str("Value '");
                out.push_str(t);
                out.push_str("' at '");
            }
            Shown::Null => out.push_str("Value null at '"),
            Shown::Omitted => out.push_str("Value at '"),
        }
        self.path.write_aws(out);
        out.push_str("' failed to satisfy constraint: ");
        let c = self.constraint.unwrap_or(Constraint::NotNull);
        let within = match self.rule {
            Rule::MetadataKeyTooLong => Within::MapKeys,
            Rule::MetadataValueTooLong => Within::MapValue,
            _ => self.within,
        };
        let (open, close) = match within {
            Within::Member => ("", ""),
            Within::MapKeys => ("Map keys must satisfy constraint: [", "]"),
            Within::MapValue => ("Map value must satisfy constraint: [", "]"),
            Within::ListMember => ("Member must satisfy constraint: [", "]"),
        };
        out.push_str(open);
        c.push_to(out);
        out.push_str(close);
    }
}

impl fmt::Display for Diagnostic {
    /// `S102 name-too-long: Value '…' at '…' failed to satisfy constraint: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: ", self.rule.code(), self.rule.name())?;
        f.write_str(&self.message())
    }
}

/// Fills in [`Diagnostic::position`] for every diagnostic with a span, in one
/// pass over `input` up to the last span.
pub(crate) fn locate(input: &[u8], diags: &mut [Diagnostic]) {
    let mut order: Vec<(usize, usize)> = diags
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.span.map(|s| (s.start, i)))
        .collect();
    if order.is_empty() {
        return;
    }
    order.sort_unstable();
    let (mut line, mut column, mut at) = (1usize, 1usize, 0usize);
    // Count lead bytes only: one per scalar value in UTF-8, one per byte in
    // input that is not UTF-8; std counts a word at a time.
    let scalars = |bytes: &[u8]| match std::str::from_utf8(bytes) {
        Ok(text) => chars::scalar_count(text),
        Err(_) => bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count(),
    };
    for (offset, i) in order {
        let offset = offset.min(input.len()).max(at);
        let seg = input.get(at..offset).unwrap_or_default();
        match seg.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                line += seg.iter().filter(|&&b| b == b'\n').count();
                column = 1 + scalars(seg.get(last + 1..).unwrap_or_default());
            }
            None => column += scalars(seg),
        }
        at = offset;
        diags[i].position = Some(Position { line, column });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::Member;

    #[test]
    fn constraint_phrases_are_the_services() {
        assert_eq!(
            Constraint::MinLength(1).to_string(),
            "Member must have length greater than or equal to 1"
        );
        assert_eq!(
            Constraint::MaxLength(2048).to_string(),
            "Member must have length less than or equal to 2048"
        );
        assert_eq!(
            Constraint::Pattern(Pattern::Token).to_string(),
            "Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+"
        );
        assert_eq!(Constraint::NotNull.to_string(), "Member must not be null");
        assert_eq!(
            Constraint::MinValue(i64::MIN).to_string(),
            "Member must have value greater than or equal to -9223372036854775808"
        );
        assert_eq!(
            Constraint::MaxValue(60).to_string(),
            "Member must have value less than or equal to 60"
        );
        assert_eq!(
            Constraint::OneOf(&["EMAIL", "SMS"]).to_string(),
            "Member must satisfy enum value set: [EMAIL, SMS]"
        );
    }

    #[test]
    fn locate_agrees_with_a_byte_by_byte_count_on_long_lines() {
        let input = "{\"a\": \"Ærøskøbing-東京 👍 long enough to span chunks\",\n\n  \"b\": \"x\", \"c\": \"\u{80}\u{7ff}é\"}"
            .as_bytes();
        let offsets: Vec<usize> = (0..=input.len()).step_by(3).collect();
        let mut d: Vec<Diagnostic> = offsets
            .iter()
            .rev()
            .map(|&o| {
                Diagnostic::new(
                    Rule::InvalidJson,
                    Path::root(),
                    Some(Span { start: o, end: o }),
                )
            })
            .collect();
        locate(input, &mut d);
        for diag in &d {
            let o = diag.span.map_or(0, |s| s.start);
            let before = &input[..o];
            let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
            let tail = &before[before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)..];
            let column = 1 + tail.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            assert_eq!(diag.position, Some(Position { line, column }), "offset {o}");
        }
    }

    #[test]
    fn locate_counts_lines_and_scalar_columns() {
        let input = "{\n  \"é👍\": 1,\n  x".as_bytes();
        let x = input.iter().position(|&b| b == b'x').unwrap();
        let one = input.iter().position(|&b| b == b'1').unwrap();
        let mut d = vec![
            Diagnostic::new(
                Rule::InvalidJson,
                Path::root(),
                Some(Span {
                    start: x,
                    end: x + 1,
                }),
            ),
            Diagnostic::new(
                Rule::WrongType,
                Path::root().member(Member::Name),
                Some(Span {
                    start: one,
                    end: one + 1,
                }),
            ),
        ];
        locate(input, &mut d);
        assert_eq!(d[0].position, Some(Position { line: 3, column: 3 }));
        // `  "é👍": 1`: the 1 is the 9th scalar value of line 2.
        assert_eq!(d[1].position, Some(Position { line: 2, column: 9 }));
    }
}
