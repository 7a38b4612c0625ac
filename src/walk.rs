//! The walker of every operation of the service model: one loop driven by
//! the shape tables of [`crate::model`], on top of the strict reader of
//! `reader.rs`, reporting each constraint the service's framework checks
//! (phase one) with its exact wording.
//!
//! What it checks, shape by shape:
//! - structure: members in any order; required members missing or `null`
//!   reported when the object closes, in model order (S001); unknown members
//!   are warnings with a did-you-mean (W001); a repeated member is J005.
//! - list and map: their length (M101/M102), then every item, key and value
//!   against its own shape. A list of enum strings with a bad item is
//!   reported once, at the list, printed whole (`Value '[A, B]'`) with the
//!   nested phrase, as the service does. Map keys and values are reported at
//!   the map (`Map keys must satisfy constraint: [...]`, the library's
//!   wording, as for `ClientMetadata`); a repeated key is J005.
//! - string: length in scalar values, then the whole-value pattern (a
//!   character-class check where the pattern is one class repeated, else the
//!   `regex` crate, anchored, compiled once per pattern), then the enum.
//! - integer and long: the number is decoded exactly; `1.0`, `1e2` and a
//!   number beyond 64 bits (or 32 for an integer) are not integers, and get
//!   J006 (SerializationException; the library's choice, as the service's
//!   answer is unconfirmed). Then the range (M105/M106), the value quoted
//!   like a string (`Value '100' at 'limit'`).
//! - boolean, timestamp (a number), float and double (numbers), blob (a
//!   string), document (any value).
//!
//! A JSON value of the wrong type is J006 (SerializationException), as for
//! UpdateUserAttributes. Values the service does not print (a member whose
//! `shown` flag is off, and everything inside it; list items, map keys and
//! map values of a sensitive shape) are left out of messages
//! (`Value at '…'`) and recorded as secret spans, as is every value skipped
//! unread.
//!
//! The keys of such a map are secret too: paths and texts name them
//! `<hidden>`.
//!
//! Paths are kept on a stack of steps as the walker descends and turned into
//! a [`Path`] only when a finding is kept (jsonschema's `LazyLocation` idea).

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use crate::check::Sink;
use crate::diagnostic::{Constraint, Diagnostic, Shown, Span, Within};
use crate::model::{Kind, Length, MemberDef, PatternId, Range, ShapeId};
use crate::options::NamePattern;
use crate::options::Options;
use crate::path::Path;
use crate::reader::{
    did_you_mean, members, shown_key, type_name, HasReader, KeySet, Parse, Reader,
};
use crate::rule::Rule;

/// What stands for a key of a map the service does not print, in paths
/// (`/AuthParameters/<hidden>`) and texts.
const HIDDEN_KEY: &str = "<hidden>";

/// One step down from the root.
enum Step<'a> {
    /// A structure member.
    Member(&'static MemberDef),
    /// A 0-based list index.
    Index(usize),
    /// A map key.
    Key(Cow<'a, str>),
}

/// The path the stack describes.
fn path_of(stack: &[Step<'_>]) -> Path {
    let root = Path::with_capacity(stack.len());
    stack.iter().fold(root, |p, s| match s {
        Step::Member(m) => p.field(m.name, m.aws_name),
        Step::Index(i) => p.index(*i),
        Step::Key(k) => p.key(k),
    })
}

/// A top-level member as found: its definition and the span of its value
/// (`null` included).
pub(crate) type TopMember = (&'static MemberDef, Span);

/// Which members of a structure were given, without allocating for the
/// usual structure of at most 128 members: one bit per member, and the spans
/// of the `null` ones (rare) in a list.
struct Seen {
    small: u128,
    large: Vec<bool>,
    nulls: Vec<(usize, Span)>,
}

impl Seen {
    fn new(n: usize) -> Seen {
        Seen {
            small: 0,
            large: if n > 128 { vec![false; n] } else { Vec::new() },
            nulls: Vec::new(),
        }
    }

    fn given(&self, i: usize) -> bool {
        match self.large.get(i) {
            Some(&b) => b,
            None => i < 128 && self.small >> i & 1 == 1,
        }
    }

    fn set(&mut self, i: usize) {
        match self.large.get_mut(i) {
            Some(b) => *b = true,
            None if i < 128 => self.small |= 1 << i,
            None => {}
        }
    }

    /// The span of member `i`'s `null`, if it was given as `null`.
    fn null(&self, i: usize) -> Option<Span> {
        self.nulls.iter().find(|(j, _)| *j == i).map(|&(_, s)| s)
    }
}

/// What a value turned out to be, for the callers that need it.
enum Got<'a> {
    /// A string, decoded.
    Str(Cow<'a, str>),
    /// Anything else (or a string of the wrong shape).
    Other,
}

/// Walks `input` as the request of the operation whose input shape is
/// `input_shape`, reporting into `sink`. Returns the top-level members found
/// (known ones only), or `None` when the read stopped.
pub(crate) fn walk(
    input_shape: ShapeId,
    input: &[u8],
    opts: &Options,
    sink: &mut Sink,
) -> Option<Vec<TopMember>> {
    let mut w = Walker {
        r: Reader::open(input, opts, sink).ok()?,
        names: opts.name_pattern,
        stack: Vec::with_capacity(8),
    };
    // Room for every top-level member at once: one allocation, not one per
    // growth step.
    let mut top = match &input_shape.def().kind {
        Kind::Structure { members } => Vec::with_capacity(members.len()),
        _ => Vec::new(),
    };
    w.document(input_shape, &mut top).ok()?;
    Some(top)
}

struct Walker<'a, 'x> {
    r: Reader<'a, 'x>,
    /// The attribute-name pattern the caller chose.
    names: NamePattern,
    stack: Vec<Step<'a>>,
}

impl<'a, 'x> HasReader<'a, 'x> for Walker<'a, 'x> {
    fn r(&mut self) -> &mut Reader<'a, 'x> {
        &mut self.r
    }
}

/// The password pattern `^[\S]+.*[\S]+$` as the generator spells it for the
/// `regex` crate (Java's `\s` and `.`).
const NOT_BLANK_ENDS: &str =
    r"^(?:^[^\t\n\x0B\x0C\r ]+[^\n\r\u0085\u2028\u2029]*[^\t\n\x0B\x0C\r ]+$)$";

/// A compiled pattern: the regex, and whether it is [`NOT_BLANK_ENDS`].
struct Compiled {
    regex: Option<Regex>,
    not_blank_ends: bool,
}

/// The compiled regex of pattern `id`, compiled on first use; `regex` is
/// `None` if it does not compile (the generator's tests compile every one).
fn compiled(id: PatternId) -> Option<&'static Compiled> {
    static CACHE: OnceLock<Box<[OnceLock<Compiled>]>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| {
        crate::model::patterns()
            .iter()
            .map(|_| OnceLock::new())
            .collect()
    });
    Some(cache.get(id.index())?.get_or_init(|| Compiled {
        regex: Regex::new(id.def().regex).ok(),
        not_blank_ends: id.def().regex == NOT_BLANK_ENDS,
    }))
}

/// [`NOT_BLANK_ENDS`] on an ASCII string without `\n` or `\r`, where it
/// reduces to: at least two bytes, the first and the last not white space
/// (`\t`, `\n`, `\x0B`, `\x0C`, `\r`, space). `None`: other text, for the
/// regex (a line terminator beyond ASCII may stand only in the non-blank
/// ends). Every password is checked against this pattern.
fn not_blank_ends_ascii(s: &str) -> Option<bool> {
    let b = s.as_bytes();
    if !s.is_ascii() || b.contains(&b'\n') || b.contains(&b'\r') {
        return None;
    }
    let blank = |c: &u8| matches!(c, b'\t' | b'\x0B' | b'\x0C' | b' ');
    Some(b.len() >= 2 && !b.first().is_some_and(blank) && !b.last().is_some_and(blank))
}

/// Whether the whole of `s` matches pattern `id`.
#[inline]
fn pattern_matches(id: PatternId, s: &str) -> bool {
    match &id.def().class {
        Some(class) => class.matches(s),
        None => regex_matches(id, s),
    }
}

/// Whether the whole of `s` matches pattern `id`, which is not one class.
#[inline(never)]
fn regex_matches(id: PatternId, s: &str) -> bool {
    let Some(c) = compiled(id) else {
        return true;
    };
    if c.not_blank_ends {
        if let Some(fast) = not_blank_ends_ascii(s) {
            return fast;
        }
    }
    c.regex.as_ref().is_none_or(|r| r.is_match(s))
}

/// Whether member name `name` is `key`. Most members of a structure differ
/// from the key in length or first byte, settled here without a call to
/// `memcmp`.
#[inline]
fn same_name(name: &str, key: &str) -> bool {
    name.len() == key.len() && name.as_bytes().first() == key.as_bytes().first() && name == key
}

/// The length of `s` in scalar values, when it is needed to settle `length`
/// (the byte length often settles it: a scalar value is 1 to 4 bytes).
fn length_violation(s: &str, length: Length) -> Option<(Rule, Constraint, usize)> {
    let bytes = s.len() as u64;
    let min_ok = length.min.is_none_or(|min| bytes / 4 >= min);
    let max_ok = length.max.is_none_or(|max| bytes <= max);
    if min_ok && max_ok {
        return None;
    }
    let n = s.chars().count();
    let n64 = n as u64;
    if let Some(min) = length.min.filter(|&min| n64 < min) {
        return Some((Rule::MinLength, Constraint::MinLength(min as usize), n));
    }
    if let Some(max) = length.max.filter(|&max| n64 > max) {
        return Some((Rule::MaxLength, Constraint::MaxLength(max as usize), n));
    }
    None
}

impl<'a> Walker<'a, '_> {
    fn document(&mut self, shape: ShapeId, top: &mut Vec<TopMember>) -> Parse<()> {
        match (self.r.peek(), &shape.def().kind) {
            (Some(b'{'), Kind::Structure { members }) => {
                let open = self.r.span_here();
                self.structure(members, false, open, Some(top))?;
            }
            (Some(first), _) => self.wrong_type(first, "an object")?,
            (None, _) => return self.r.syntax("the request object"),
        }
        self.r.end()
    }

    /// Reports a finding of `rule` at the current path.
    fn report(&mut self, rule: Rule, span: Span, make: impl FnOnce(&mut Diagnostic)) {
        let stack = &self.stack;
        self.r.sink.report(rule, || {
            let mut d = Diagnostic::new(rule, path_of(stack), Some(span));
            make(&mut d);
            d
        });
    }

    /// Skips a value whose first byte is `first` and reports it as not
    /// `expected` (J006).
    fn wrong_type(&mut self, first: u8, expected: &str) -> Parse<()> {
        let start = self.r.pos;
        self.r.skip()?;
        let span = Span {
            start,
            end: self.r.pos,
        };
        let found = type_name(first);
        self.report(Rule::WrongType, span, |d| {
            let at = d.path.json_pointer();
            d.detail = Some(if at.is_empty() {
                format!("The request must be {expected}, not {found}.").into()
            } else {
                format!("`{}` must be {expected}, not {found}.", shown_key(&at)).into()
            });
        });
        Ok(())
    }

    /// Reports a `null` where a value is required (a list item, a map value).
    fn not_null(&mut self, hidden: bool, within: Within) -> Parse<()> {
        let span = self.r.null()?;
        self.report(Rule::MissingMember, span, |d| {
            d.constraint = Some(Constraint::NotNull);
            d.shown = if hidden { Shown::Omitted } else { Shown::Null };
            d.within = within;
        });
        Ok(())
    }

    /// The value at the reader, of shape `id`. `hidden`: the service does not
    /// print it. `within`: how a string finding nests its phrase.
    fn value(&mut self, id: ShapeId, hidden: bool, within: Within) -> Parse<Got<'a>> {
        let start = self.r.pos;
        let Some(first) = self.r.peek() else {
            return self.r.syntax("a value");
        };
        let got = match (&id.def().kind, first) {
            (Kind::Structure { members }, b'{') => {
                let open = self.r.span_here();
                self.structure(members, hidden, open, None)?;
                Got::Other
            }
            (Kind::List { member, length }, b'[') => {
                self.list(*member, *length, hidden)?;
                Got::Other
            }
            (Kind::Map { key, value, length }, b'{') => {
                self.map(*key, *value, *length, hidden)?;
                Got::Other
            }
            (
                Kind::String {
                    length,
                    pattern,
                    enum_values,
                },
                b'"',
            ) => {
                let (s, span) = self.r.string()?;
                self.string_checks(&s, span, *length, *pattern, enum_values, hidden, within);
                Got::Str(s)
            }
            (Kind::Blob { .. } | Kind::Document, b'"') => Got::Str(self.r.string()?.0),
            (Kind::Integer { range }, b'-' | b'0'..=b'9') => {
                self.integer(*range, i64::from(i32::MIN), i64::from(i32::MAX), hidden)?;
                Got::Other
            }
            (Kind::Long { range }, b'-' | b'0'..=b'9') => {
                self.integer(*range, i64::MIN, i64::MAX, hidden)?;
                Got::Other
            }
            (Kind::Float | Kind::Double | Kind::Timestamp, b'-' | b'0'..=b'9') => {
                self.r.number()?;
                Got::Other
            }
            (Kind::Boolean, b't') => {
                self.r.literal(b"true")?;
                Got::Other
            }
            (Kind::Boolean, b'f') => {
                self.r.literal(b"false")?;
                Got::Other
            }
            (Kind::Document, _) => {
                self.r.value()?;
                Got::Other
            }
            (kind, first) => {
                let expected = match kind {
                    Kind::Structure { .. } | Kind::Map { .. } => "an object",
                    Kind::List { .. } => "an array",
                    Kind::String { .. } | Kind::Blob { .. } => "a string",
                    Kind::Boolean => "a boolean",
                    _ => "a number",
                };
                self.wrong_type(first, expected)?;
                Got::Other
            }
        };
        if hidden {
            self.r.secret_from(start);
        }
        Ok(got)
    }

    /// A structure at `{`. With `top`, records each known member's value span.
    fn structure(
        &mut self,
        defs: &'static [MemberDef],
        hidden: bool,
        open: Span,
        mut top: Option<&mut Vec<TopMember>>,
    ) -> Parse<()> {
        let mut seen = Seen::new(defs.len());
        members(self, b'}', "`,` or `}` after a member", |w| {
            let (key, key_span) = w.r.key()?;
            let Some(i) = defs.iter().position(|m| same_name(m.name, &key)) else {
                w.unknown(defs, &key, key_span);
                return w.r.skip();
            };
            let m = &defs[i];
            w.stack.push(Step::Member(m));
            let start = w.r.pos;
            let read = if seen.given(i) {
                w.duplicate(&key, key_span);
                w.r.skip()
            } else if w.r.peek() == Some(b'n') {
                seen.set(i);
                w.r.null().map(|span| seen.nulls.push((i, span)))
            } else {
                seen.set(i);
                w.value(m.shape, hidden || !m.shown, Within::Member)
                    .map(drop)
            };
            w.stack.pop();
            read?;
            if let Some(top) = top.as_deref_mut() {
                top.push((
                    m,
                    Span {
                        start,
                        end: w.r.pos,
                    },
                ));
            }
            Ok(())
        })?;
        for (i, m) in defs.iter().enumerate() {
            let span = match seen.null(i) {
                _ if !m.required => continue,
                Some(span) => span,
                None if seen.given(i) => continue,
                None => open,
            };
            self.stack.push(Step::Member(m));
            self.report(Rule::MissingMember, span, |d| {
                d.constraint = Some(Constraint::NotNull);
                // The service leaves hidden members out even when null.
                d.shown = if hidden || !m.shown {
                    Shown::Omitted
                } else {
                    Shown::Null
                };
            });
            self.stack.pop();
        }
        Ok(())
    }

    fn unknown(&mut self, defs: &'static [MemberDef], key: &str, key_span: Span) {
        let stack = &self.stack;
        self.r.sink.report(Rule::UnknownMember, || {
            let names: Vec<&'static str> = defs.iter().map(|m| m.name).collect();
            let shown = shown_key(key);
            let d = Diagnostic::new(Rule::UnknownMember, path_of(stack).key(key), Some(key_span))
                .with_detail(format!(
                    "`{shown}` is not a member of this structure; the service ignores it."
                ));
            match did_you_mean(key, &names) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None if names.is_empty() => d.with_help("the structure has no members"),
                None => d.with_help(format!("the members are {}", names.join(", "))),
            }
        });
    }

    fn duplicate(&mut self, key: &str, key_span: Span) {
        let shown = shown_key(key);
        self.report(Rule::DuplicateKey, key_span, |d| {
            d.detail = Some(
                format!(
                    "`{shown}` appears twice in one object; a gateway and the service could read different values."
                )
                .into(),
            );
        });
    }

    /// A list at `[`.
    fn list(&mut self, item: ShapeId, length: Length, hidden: bool) -> Parse<()> {
        let open = self.r.pos;
        let item_hidden = hidden || item.def().sensitive;
        // A list of enum values is reported once, at the list, printed whole.
        let enum_items = match &item.def().kind {
            Kind::String { enum_values, .. } if !enum_values.is_empty() => Some(*enum_values),
            _ => None,
        };
        let mut texts: Vec<Cow<'a, str>> = Vec::new();
        let mut bad_enum = false;
        let mut index = 0;
        let n = members(self, b']', "`,` or `]` after a list item", |w| {
            w.r.ws();
            w.stack.push(Step::Index(index));
            let read = if w.r.peek() == Some(b'n') {
                w.not_null(item_hidden, Within::Member)
            } else if let Some(values) = enum_items {
                match w.value(item, item_hidden, Within::ListMember)? {
                    Got::Str(s) => {
                        bad_enum |= !values.contains(&&*s);
                        texts.push(s);
                    }
                    Got::Other => {}
                }
                Ok(())
            } else {
                w.value(item, item_hidden, Within::Member).map(drop)
            };
            w.stack.pop();
            index += 1;
            read
        })?;
        let span = Span {
            start: open,
            end: self.r.pos,
        };
        if let (true, Some(values)) = (bad_enum, enum_items) {
            let shown = if item_hidden {
                Shown::Omitted
            } else {
                Shown::Text(format!("[{}]", texts.join(", ")).into())
            };
            self.report(Rule::Enum, span, |d| {
                d.constraint = Some(Constraint::OneOf(values));
                d.shown = shown;
                d.within = Within::ListMember;
            });
        }
        self.count(n, length, span, hidden);
        Ok(())
    }

    /// Checks the number of items or entries of a list or map.
    fn count(&mut self, n: usize, length: Length, span: Span, hidden: bool) {
        let n64 = n as u64;
        let v = if let Some(min) = length.min.filter(|&m| n64 < m) {
            (Rule::MinLength, Constraint::MinLength(min as usize))
        } else if let Some(max) = length.max.filter(|&m| n64 > m) {
            (Rule::MaxLength, Constraint::MaxLength(max as usize))
        } else {
            return;
        };
        self.report(v.0, span, |d| {
            d.constraint = Some(v.1);
            d.measured = Some(n);
            // An empty list prints as the service's Java prints it; a longer
            // list or a map is left out (the library's choice).
            d.shown = if n == 0 && !hidden {
                Shown::Text("[]".into())
            } else {
                Shown::Omitted
            };
        });
    }

    /// A map at `{`.
    fn map(&mut self, key: ShapeId, value: ShapeId, length: Length, hidden: bool) -> Parse<()> {
        let open = self.r.pos;
        let key_hidden = hidden || key.def().sensitive;
        let value_hidden = hidden || value.def().sensitive;
        let mut keys: Vec<(Cow<'a, str>, ())> = Vec::new();
        let mut set = KeySet::default();
        let n = members(self, b'}', "`,` or `}` after a map entry", |w| {
            let (k, key_span) = w.r.key()?;
            // A key of a hidden map is not shown in paths or texts either.
            let named = if key_hidden {
                Cow::Borrowed(HIDDEN_KEY)
            } else {
                k.clone()
            };
            w.stack.push(Step::Key(named.clone()));
            let read = if set.insert(&keys, &k).is_err() {
                w.duplicate(&named, key_span);
                w.r.skip()
            } else {
                if let Kind::String {
                    length,
                    pattern,
                    enum_values,
                } = &key.def().kind
                {
                    w.string_checks(
                        &k,
                        key_span,
                        *length,
                        *pattern,
                        enum_values,
                        key_hidden,
                        Within::MapKeys,
                    );
                }
                if key_hidden {
                    w.r.sink.secret(key_span);
                }
                keys.push((k, ()));
                if w.r.peek() == Some(b'n') {
                    w.not_null(value_hidden, Within::MapValue)
                } else {
                    w.value(value, value_hidden, Within::MapValue).map(drop)
                }
            };
            w.stack.pop();
            read
        })?;
        let span = Span {
            start: open,
            end: self.r.pos,
        };
        self.count(n, length, span, true);
        Ok(())
    }

    /// Checks a string against its shape: length, pattern, enum.
    #[allow(clippy::too_many_arguments)]
    fn string_checks(
        &mut self,
        s: &str,
        span: Span,
        length: Length,
        pattern: Option<PatternId>,
        enum_values: &'static [&'static str],
        hidden: bool,
        within: Within,
    ) {
        let shown = || {
            if hidden {
                Shown::Omitted
            } else {
                Shown::Text(s.into())
            }
        };
        // An item of a list of enum values: only its enum is reported at the
        // list (by the caller); its other constraints are its own.
        let (within, enum_here) = match within {
            Within::ListMember => (Within::Member, false),
            w => (w, true),
        };
        if let Some((rule, constraint, n)) = length_violation(s, length) {
            self.report(rule, span, |d| {
                d.constraint = Some(constraint);
                d.measured = Some(n);
                d.shown = shown();
                d.within = within;
            });
        }
        if let Some(id) = pattern.map(|p| p.under(self.names)) {
            if !pattern_matches(id, s) {
                self.report(Rule::Pattern, span, |d| {
                    d.constraint = Some(Constraint::ModelPattern(id.def().printed));
                    d.shown = shown();
                    d.within = within;
                });
            }
        }
        if enum_here && !enum_values.is_empty() && !enum_values.contains(&s) {
            self.report(Rule::Enum, span, |d| {
                d.constraint = Some(Constraint::OneOf(enum_values));
                d.shown = shown();
                d.within = within;
            });
        }
    }

    /// An integer of `lo..=hi` (the type's bounds) within `range`.
    fn integer(&mut self, range: Range, lo: i64, hi: i64, hidden: bool) -> Parse<()> {
        let start = self.r.pos;
        self.r.number()?;
        let span = Span {
            start,
            end: self.r.pos,
        };
        let text = &self.r.s[start..self.r.pos];
        let value = if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
            Err("an integer, not a number with a fraction or an exponent")
        } else {
            match text.parse::<i64>() {
                Ok(v) if (lo..=hi).contains(&v) => Ok(v),
                _ if hi == i64::MAX => Err("an integer of at most 64 bits"),
                _ => Err("an integer of at most 32 bits"),
            }
        };
        let v = match value {
            Ok(v) => v,
            Err(expected) => {
                self.report(Rule::WrongType, span, |d| {
                    let at = d.path.json_pointer();
                    d.detail = Some(format!("`{}` must be {expected}.", shown_key(&at)).into());
                });
                return Ok(());
            }
        };
        let broken = if let Some(min) = range.min.filter(|&m| v < m) {
            (Rule::MinValue, Constraint::MinValue(min))
        } else if let Some(max) = range.max.filter(|&m| v > m) {
            (Rule::MaxValue, Constraint::MaxValue(max))
        } else {
            return Ok(());
        };
        self.report(broken.0, span, |d| {
            d.constraint = Some(broken.1);
            d.shown = if hidden {
                Shown::Omitted
            } else {
                Shown::Text(text.into())
            };
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_tracks_members_of_small_and_large_structures() {
        for n in [3, 128, 200] {
            let mut seen = Seen::new(n);
            for i in (0..n).step_by(7) {
                seen.set(i);
            }
            for i in 0..n {
                assert_eq!(seen.given(i), i % 7 == 0, "{n} members, member {i}");
            }
        }
    }

    #[test]
    fn lengths_are_counted_in_scalar_values() {
        let len = |min, max| Length {
            min: Some(min),
            max: Some(max),
        };
        assert!(length_violation("ab", len(1, 2)).is_none());
        assert!(length_violation("東東", len(1, 2)).is_none());
        assert_eq!(
            length_violation("東東東", len(1, 2)).map(|v| (v.0, v.2)),
            Some((Rule::MaxLength, 3))
        );
        assert_eq!(
            length_violation("", len(1, 2)).map(|v| (v.0, v.2)),
            Some((Rule::MinLength, 0))
        );
    }

    #[test]
    fn the_password_fast_path_agrees_with_the_regex() {
        let id = crate::model::shape("PasswordType")
            .and_then(|s| match &s.def().kind {
                Kind::String { pattern, .. } => *pattern,
                _ => None,
            })
            .expect("the model has the password pattern");
        assert_eq!(id.def().regex, NOT_BLANK_ENDS);
        let regex = Regex::new(NOT_BLANK_ENDS).expect("the pattern compiles");
        let parts = [
            "", "a", " ", "\t", "\x0B", "\x0C", "\n", "\r", "x y", "!", "\u{2028}", "é",
        ];
        let mut fast = 0;
        for a in parts {
            for b in parts {
                for c in parts {
                    let s = format!("{a}{b}{c}");
                    fast += usize::from(not_blank_ends_ascii(&s).is_some());
                    assert_eq!(pattern_matches(id, &s), regex.is_match(&s), "{s:?}");
                }
            }
        }
        assert!(fast > 500, "the fast path took {fast} strings");
    }
}
