//! The phase-one checks of each request member, shared by the JSON entry point
//! and the typed request, and the sink that collects their findings.
//!
//! Each member has one function here; the shape constants of [`crate::shape`]
//! hold the numbers. Nothing is allocated unless a check fails: paths and
//! diagnostics are built lazily.

use unicode_general_category::{get_general_category, GeneralCategory as G};

use crate::diagnostic::{Constraint, Diagnostic, Shown, Span};
use crate::options::Options;
use crate::path::{Member, Path, Segment};
use crate::rule::{ErrorType, Rule, Severity};
use crate::shape::{self, Pattern, StringShape, Violation};

/// Collects diagnostics up to a cap and counts the rest.
#[derive(Debug)]
pub(crate) struct Sink {
    pub(crate) diags: Vec<Diagnostic>,
    cap: usize,
    pub(crate) errors: usize,
    /// Of `errors`, those of phase one (shapes and JSON).
    pub(crate) phase_one_errors: usize,
    pub(crate) warnings: usize,
    /// Spans of values that may be secret, collected for linters only.
    pub(crate) secrets: Vec<Span>,
    warnings_wanted: bool,
}

impl Sink {
    pub(crate) fn new(opts: &Options, warnings_wanted: bool) -> Sink {
        Sink {
            diags: Vec::new(),
            cap: opts.diagnostic_cap(),
            errors: 0,
            phase_one_errors: 0,
            warnings: 0,
            secrets: Vec::new(),
            warnings_wanted,
        }
    }

    /// Records a finding of `rule`; `make` runs only if it will be kept.
    #[inline]
    pub(crate) fn report(&mut self, rule: Rule, make: impl FnOnce() -> Diagnostic) {
        match rule.severity() {
            Severity::Error => {
                self.errors += 1;
                if rule.phase() == 1 {
                    self.phase_one_errors += 1;
                }
            }
            Severity::Warning => {
                if !self.warnings_wanted {
                    return;
                }
                self.warnings += 1;
            }
        }
        if self.diags.len() < self.cap {
            self.diags.push(make());
            return;
        }
        // The findings that decide the answer's class are always kept, so
        // the cap never changes the answer: the first error that makes the
        // body unreadable, and the one that stopped the parse. Each takes the
        // place of the last finding kept that does not decide it.
        let unreadable = rule.error_type() == ErrorType::SerializationException;
        let have_one = self
            .diags
            .iter()
            .any(|d| d.rule.error_type() == ErrorType::SerializationException);
        if rule.stops_parse() || (unreadable && !have_one) {
            let replace = self
                .diags
                .iter()
                .rposition(|d| d.rule.error_type() != ErrorType::SerializationException)
                .unwrap_or(self.diags.len() - 1);
            self.diags.remove(replace);
            self.diags.push(make());
        }
    }

    /// Notes that `span` holds a value that may be secret (for a linter
    /// that shows source lines and must mask them).
    #[inline]
    pub(crate) fn secret(&mut self, span: Span) {
        if self.warnings_wanted {
            self.secrets.push(span);
        }
    }

    /// Whether warnings are collected (a linter's run).
    pub(crate) fn wants_warnings(&self) -> bool {
        self.warnings_wanted
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.errors > 0
    }
}

/// The rules a string shape's violations map to.
struct Rules {
    too_short: Rule,
    too_long: Rule,
    pattern: Rule,
}

/// Checks `s` against `shape` and reports each violation, length first.
#[inline]
fn string(
    sink: &mut Sink,
    shape: &StringShape,
    rules: Rules,
    s: &str,
    span: Option<Span>,
    path: impl Fn() -> Path,
) {
    let v = shape.check(s);
    if v.is_empty() {
        return;
    }
    for violation in v.iter() {
        let (rule, constraint, measured) = match violation {
            Violation::TooShort { min, actual } => {
                (rules.too_short, Constraint::MinLength(min), Some(actual))
            }
            Violation::TooLong { max, actual } => {
                (rules.too_long, Constraint::MaxLength(max), Some(actual))
            }
            Violation::Pattern(p) => (rules.pattern, Constraint::Pattern(p), None),
        };
        sink.report(rule, || {
            let mut d = Diagnostic::new(rule, path(), span);
            d.constraint = Some(constraint);
            d.measured = measured;
            // Secrets are never shown; metadata strings of 128 KiB are not
            // echoed either (the map wording is the library's own).
            let metadata = matches!(
                rule,
                Rule::MetadataKeyTooLong | Rule::MetadataValueTooLong | Rule::DestinationTooLong
            );
            d.shown = if shape.sensitive || metadata {
                Shown::Omitted
            } else {
                Shown::Text(s.into())
            };
            d.help = Some(help(violation, shape, s).into());
            d
        });
    }
}

/// The help line for one violation. Never quotes a sensitive value.
fn help(v: Violation, shape: &StringShape, s: &str) -> String {
    match v {
        Violation::TooShort { min, actual } => {
            format!(
                "the limit is at least {}; this has {actual}",
                characters(min)
            )
        }
        Violation::TooLong { max, actual } => {
            format!("the limit is {}; this has {actual}", characters(max))
        }
        Violation::Pattern(p) => {
            let Some((i, c)) = s.chars().enumerate().find(|&(_, c)| {
                let mut buf = [0u8; 4];
                !p.is_match(c.encode_utf8(&mut buf))
            }) else {
                return "the value is empty; the pattern needs at least one character".into();
            };
            let n = i + 1;
            if shape.sensitive {
                match c {
                    '+' | '/' => format!(
                        "character {n} is outside the alphabet: tokens use base64url \
                         (`-` and `_`), not base64 (`+` and `/`)"
                    ),
                    c if c.is_whitespace() => {
                        format!("character {n} is white space; trim the token")
                    }
                    _ => format!("character {n} is outside the alphabet [A-Za-z0-9-_=.]"),
                }
            } else {
                let current = p == Pattern::LegacyName && matches!(c, '\t' | '\n' | '\r' | ' ');
                format!(
                    "character {n} is U+{:04X} ({}), which the pattern does not allow{}",
                    c as u32,
                    category_name(c),
                    if current {
                        "; the current pattern (`NamePattern::Current`) admits it"
                    } else {
                        ""
                    }
                )
            }
        }
    }
}

/// `1 character`, `32 characters`.
fn characters(n: usize) -> String {
    if n == 1 {
        "1 character".into()
    } else {
        format!("{n} characters")
    }
}

/// The general category of a character the name patterns refuse, in words.
fn category_name(c: char) -> &'static str {
    match get_general_category(c) {
        G::SpaceSeparator => "a space separator",
        G::LineSeparator => "a line separator",
        G::ParagraphSeparator => "a paragraph separator",
        G::Control => "a control character",
        G::Format => "an invisible format character",
        G::PrivateUse => "a private-use character",
        G::Surrogate => "a surrogate",
        G::Unassigned => "unassigned in Unicode 16.0",
        _ => "a character outside letters, marks, symbols, numbers and punctuation",
    }
}

/// The path `UserAttributes[index].member`.
fn attribute_member(index: usize, m: Member) -> Path {
    Path::root()
        .member(Member::UserAttributes)
        .index(index)
        .member(m)
}

/// Checks the access token.
#[inline]
pub(crate) fn access_token(sink: &mut Sink, token: &str, span: Option<Span>) {
    string(
        sink,
        &shape::ACCESS_TOKEN,
        Rules {
            too_short: Rule::TokenPattern,
            too_long: Rule::TokenPattern,
            pattern: Rule::TokenPattern,
        },
        token,
        span,
        || Path::root().member(Member::AccessToken),
    );
}

/// The rules an attribute name's violations map to, wherever a name appears.
const NAME_RULES: Rules = Rules {
    too_short: Rule::NameTooShort,
    too_long: Rule::NameTooLong,
    pattern: Rule::NameCharacters,
};

/// Checks the name of attribute `index` (0-based).
#[inline]
pub(crate) fn attribute_name(
    sink: &mut Sink,
    opts: &Options,
    index: usize,
    name: &str,
    span: Option<Span>,
) {
    let shape = opts.name_pattern.shape();
    string(sink, shape, NAME_RULES, name, span, || {
        attribute_member(index, Member::Name)
    });
}

/// Checks the value of attribute `index` (0-based).
#[inline]
pub(crate) fn attribute_value(sink: &mut Sink, index: usize, value: &str, span: Option<Span>) {
    string(
        sink,
        &shape::ATTRIBUTE_VALUE,
        Rules {
            too_short: Rule::ValueTooLong,
            too_long: Rule::ValueTooLong,
            pattern: Rule::ValueTooLong,
        },
        value,
        span,
        || attribute_member(index, Member::Value),
    );
}

/// Checks one `ClientMetadata` entry.
#[inline]
pub(crate) fn metadata_entry(
    sink: &mut Sink,
    key: &str,
    key_span: Option<Span>,
    value: &str,
    value_span: Option<Span>,
) {
    let path = || Path::root().member(Member::ClientMetadata).key(key);
    let meta = |r: Rule| Rules {
        too_short: r,
        too_long: r,
        pattern: r,
    };
    let s = &shape::CLIENT_METADATA_STRING;
    string(sink, s, meta(Rule::MetadataKeyTooLong), key, key_span, path);
    string(
        sink,
        s,
        meta(Rule::MetadataValueTooLong),
        value,
        value_span,
        path,
    );
}

/// Reports a required member that is missing or null.
pub(crate) fn missing(sink: &mut Sink, span: Option<Span>, path: impl FnOnce() -> Path) {
    sink.report(Rule::MissingMember, || {
        let mut d = Diagnostic::new(Rule::MissingMember, path(), span);
        d.constraint = Some(Constraint::NotNull);
        // The service leaves sensitive members out even when they are null:
        // `Value at 'accessToken' failed to satisfy constraint: Member must not be null`.
        let sensitive = matches!(
            d.path.segments().last(),
            Some(Segment::Member(Member::AccessToken | Member::Value))
        );
        d.shown = if sensitive {
            Shown::Omitted
        } else {
            Shown::Null
        };
        d
    });
}

/// Reports a missing or null `Name` of attribute `index`.
pub(crate) fn missing_name(sink: &mut Sink, index: usize, span: Option<Span>) {
    missing(sink, span, || attribute_member(index, Member::Name));
}

/// Checks a response's `AttributeName` of entry `index` (0-based).
pub(crate) fn response_attribute_name(sink: &mut Sink, opts: &Options, index: usize, name: &str) {
    let shape = opts.name_pattern.shape();
    string(sink, shape, NAME_RULES, name, None, || {
        Path::root()
            .member(Member::CodeDeliveryDetailsList)
            .index(index)
            .member(Member::AttributeName)
    });
}

/// Checks a response's `Destination` of entry `index` (0-based).
pub(crate) fn destination(sink: &mut Sink, index: usize, destination: &str) {
    let r = Rule::DestinationTooLong;
    string(
        sink,
        &shape::CLIENT_METADATA_STRING,
        Rules {
            too_short: r,
            too_long: r,
            pattern: r,
        },
        destination,
        None,
        || {
            Path::root()
                .member(Member::CodeDeliveryDetailsList)
                .index(index)
                .member(Member::Destination)
        },
    );
}
