//! The strict RFC 8259 reader under every walker: whitespace, strings
//! (borrowed when they have no escapes), escapes and surrogates, numbers,
//! literals, nesting depth, input size and UTF-8, and repeated-key
//! detection ([`KeySet`]). It knows nothing about Cognito: the walkers
//! (`json.rs` for UpdateUserAttributes's fast path, `walk.rs` for every
//! operation of the model) decide what a value means.
//!
//! Errors in the JSON text itself (syntax, encoding, nesting, size) are
//! reported into the [`Sink`] and stop the read ([`Stop`]); everything else is
//! the walker's business.
//!
//! Secrets: every value skipped unread ([`Reader::skip`]) is recorded as a
//! secret span, so a linter that shows source lines masks it whatever shape
//! the input takes.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use crate::chars;
use crate::check::Sink;
use crate::diagnostic::{Diagnostic, Span};
use crate::options::Options;
use crate::path::Path;
use crate::rule::Rule;

/// The read stopped at an error already reported.
pub(crate) struct Stop;

/// The result of a read step.
pub(crate) type Parse<T> = Result<T, Stop>;

/// A cursor over one JSON text, reporting text errors into a sink.
pub(crate) struct Reader<'a, 'x> {
    /// The input as text (checked UTF-8).
    pub(crate) s: &'a str,
    /// The same input as bytes.
    pub(crate) b: &'a [u8],
    /// The next byte to read.
    pub(crate) pos: usize,
    /// Containers open now.
    pub(crate) depth: usize,
    /// The most containers that may be open.
    pub(crate) limit: usize,
    /// Where findings go.
    pub(crate) sink: &'x mut Sink,
}

/// A walker that reads through a [`Reader`]: lets [`members`] hand the walker
/// itself to each member's closure.
pub(crate) trait HasReader<'a, 'x> {
    /// The reader.
    fn r(&mut self) -> &mut Reader<'a, 'x>;
}

impl<'a, 'x> HasReader<'a, 'x> for Reader<'a, 'x> {
    fn r(&mut self) -> &mut Reader<'a, 'x> {
        self
    }
}

/// An object or array at its opening byte: `item` reads each member or
/// element (key included), separated by `,` and ended by `close`.
/// Returns how many there were.
#[inline]
pub(crate) fn members<'a, 'x, W: HasReader<'a, 'x>>(
    w: &mut W,
    close: u8,
    expected: &str,
    mut item: impl FnMut(&mut W) -> Parse<()>,
) -> Parse<usize> {
    let r = w.r();
    r.pos += 1;
    r.enter()?;
    r.ws();
    let mut n = 0;
    if r.peek() == Some(close) {
        r.pos += 1;
    } else {
        loop {
            item(w)?;
            n += 1;
            if !w.r().next_member(close, expected)? {
                break;
            }
        }
    }
    w.r().depth -= 1;
    Ok(n)
}

impl<'a, 'x> Reader<'a, 'x> {
    /// A reader of `text` (already checked UTF-8) at byte `pos`, with no
    /// depth limit: for going back over a value the walker has read without
    /// error.
    pub(crate) fn at(text: &'a str, pos: usize, sink: &'x mut Sink) -> Self {
        Reader {
            s: text,
            b: text.as_bytes(),
            pos,
            depth: 0,
            limit: usize::MAX,
            sink,
        }
    }

    /// A reader of `input`, after checking its size and encoding (each
    /// reported into `sink` when it fails).
    pub(crate) fn open(input: &'a [u8], opts: &Options, sink: &'x mut Sink) -> Parse<Self> {
        if input.len() > opts.max_input_bytes {
            let (len, max) = (input.len(), opts.max_input_bytes);
            sink.report(Rule::InputTooLarge, || {
                Diagnostic::new(Rule::InputTooLarge, Path::root(), None).with_detail(format!(
                    "The request is {len} bytes; the limit is {max} bytes."
                ))
            });
            return Err(Stop);
        }
        let text = match std::str::from_utf8(input) {
            Ok(t) => t,
            Err(e) => {
                let at = e.valid_up_to();
                let end = at + e.error_len().unwrap_or(input.len() - at).max(1);
                sink.report(Rule::InvalidUtf8, || {
                    Diagnostic::new(
                        Rule::InvalidUtf8,
                        Path::root(),
                        Some(Span { start: at, end }),
                    )
                    .with_detail(format!(
                        "The request is not valid UTF-8: byte {at} does not begin a valid sequence."
                    ))
                });
                return Err(Stop);
            }
        };
        let mut r = Reader {
            s: text,
            b: input,
            pos: 0,
            depth: 0,
            limit: opts.depth_limit(),
            sink,
        };
        if r.s.starts_with('\u{FEFF}') {
            return r.syntax("a JSON object, not a byte-order mark");
        }
        r.ws();
        if r.peek().is_none() {
            return r.syntax("the request object");
        }
        Ok(r)
    }

    /// After the top-level value: only whitespace may follow.
    pub(crate) fn end(&mut self) -> Parse<()> {
        self.ws();
        if self.pos < self.b.len() {
            let span = Span {
                start: self.pos,
                end: self.b.len(),
            };
            self.sink.report(Rule::TrailingCharacters, || {
                Diagnostic::new(Rule::TrailingCharacters, Path::root(), Some(span)).with_detail(
                    "The request is not valid JSON: something follows the request object.",
                )
            });
            return Err(Stop);
        }
        Ok(())
    }

    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    #[inline]
    pub(crate) fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Notes the value from `start` to here as possibly secret.
    #[inline]
    pub(crate) fn secret_from(&mut self, start: usize) {
        self.sink.secret(Span {
            start,
            end: self.pos,
        });
    }

    #[inline]
    /// The one-byte span at the cursor (empty at the end).
    pub(crate) fn span_here(&self) -> Span {
        let end = (self.pos + 1).min(self.b.len()).max(self.pos);
        Span {
            start: self.pos,
            end,
        }
    }

    /// Reports a syntax error at the current position and stops.
    #[cold]
    pub(crate) fn syntax<T>(&mut self, expected: &str) -> Parse<T> {
        let found = if self.pos >= self.b.len() {
            ", found the end of the input"
        } else {
            ""
        };
        let span = self.span_here();
        let msg = format!("The request is not valid JSON: expected {expected}{found}.");
        self.sink.report(Rule::InvalidJson, || {
            Diagnostic::new(Rule::InvalidJson, Path::root(), Some(span)).with_detail(msg)
        });
        Err(Stop)
    }

    #[inline]
    pub(crate) fn eat(&mut self, b: u8, expected: &str) -> Parse<()> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            self.syntax(expected)
        }
    }

    #[inline]
    pub(crate) fn enter(&mut self) -> Parse<()> {
        self.depth += 1;
        if self.depth > self.limit {
            let (span, limit) = (self.span_here(), self.limit);
            self.sink.report(Rule::NestingTooDeep, || {
                Diagnostic::new(Rule::NestingTooDeep, Path::root(), Some(span))
                    .with_detail(format!("The request nests deeper than {limit} levels."))
            });
            return Err(Stop);
        }
        Ok(())
    }

    /// `"key"` then `:`; returns the key and its span (quotes included).
    #[inline]
    pub(crate) fn key(&mut self) -> Parse<(Cow<'a, str>, Span)> {
        self.ws();
        if self.peek() != Some(b'"') {
            return self.syntax("a member name in double quotes");
        }
        let k = self.string()?;
        self.ws();
        self.eat(b':', "`:` after a member name")?;
        self.ws();
        Ok(k)
    }

    /// After a member: `,` (returns true) or the closing byte (false).
    #[inline]
    pub(crate) fn next_member(&mut self, close: u8, expected: &str) -> Parse<bool> {
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => self.syntax(expected),
        }
    }

    /// `null` at the current position; returns its span.
    #[inline]
    pub(crate) fn null(&mut self) -> Parse<Span> {
        let start = self.pos;
        self.literal(b"null")?;
        Ok(Span {
            start,
            end: self.pos,
        })
    }

    /// Skips any JSON value, as [`Reader::value`] does, and records it as
    /// possibly secret: a value the parser does not read is never shown.
    pub(crate) fn skip(&mut self) -> Parse<()> {
        let start = self.pos;
        let read = self.value();
        self.secret_from(start);
        read
    }

    /// Any JSON value, checked for syntax and nesting and otherwise ignored.
    pub(crate) fn value(&mut self) -> Parse<()> {
        match self.peek() {
            Some(b'{') => {
                let object = members(self, b'}', "`,` or `}` in an object", |p| {
                    p.key()?;
                    p.value()
                });
                object.map(drop)
            }
            Some(b'[') => {
                let array = members(self, b']', "`,` or `]` in an array", |p| {
                    p.ws();
                    p.value()
                });
                array.map(drop)
            }
            Some(b'"') => self.string().map(drop),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => self.syntax("a JSON value"),
        }
    }

    #[inline]
    pub(crate) fn literal(&mut self, word: &[u8]) -> Parse<()> {
        if self.b[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            self.syntax("a JSON value")
        }
    }

    #[inline]
    pub(crate) fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    pub(crate) fn number(&mut self) -> Parse<()> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.syntax("a digit"),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return self.syntax("a digit after the decimal point");
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.syntax("a digit in the exponent");
            }
        }
        Ok(())
    }

    /// A string at `"`; returns its contents, borrowed when it has no escapes,
    /// and its span including the quotes.
    #[inline]
    pub(crate) fn string(&mut self) -> Parse<(Cow<'a, str>, Span)> {
        let start = self.pos;
        let b = self.b;
        // `start` is at the opening `"`; `rest` may be empty.
        let rest = b.get(start + 1..).unwrap_or_default();
        let i = start + 1 + chars::json_plain_len(rest);
        if b.get(i) == Some(&b'"') {
            self.pos = i + 1;
            let span = Span { start, end: i + 1 };
            // start + 1 and i are both at ASCII bytes, so at char boundaries.
            return Ok((Cow::Borrowed(&self.s[start + 1..i]), span));
        }
        self.pos = i;
        self.string_slow(start)
    }

    /// Where the raw text of the string containing `from` ends: at the next
    /// `"` that no `\\` escapes, or at the end of the input. Only sizes the
    /// buffer; the decoding pass does the checking.
    pub(crate) fn raw_end(&self, from: usize) -> usize {
        let mut i = from;
        loop {
            i += chars::json_plain_len(self.b.get(i..).unwrap_or_default());
            match self.b.get(i) {
                Some(b'\\') => i += 2,
                Some(b'"') | None => return i.min(self.b.len()),
                Some(_) => i += 1,
            }
        }
    }

    /// The rest of a string after its first escape or control character.
    #[cold]
    pub(crate) fn string_slow(&mut self, start: usize) -> Parse<(Cow<'a, str>, Span)> {
        // One allocation: the decoded text is never longer than the raw
        // text (every escape shrinks or keeps its length).
        let mut out = String::with_capacity(self.raw_end(self.pos) - (start + 1));
        out.push_str(&self.s[start + 1..self.pos]);
        loop {
            let run = self.pos;
            self.pos += chars::json_plain_len(self.b.get(run..).unwrap_or_default());
            // `run` and `pos` are at ASCII bytes or the end, so at char boundaries.
            out.push_str(&self.s[run..self.pos]);
            match self.peek() {
                None => {
                    self.pos = start;
                    return self.syntax("a closing `\"` for this string");
                }
                Some(b'"') => {
                    self.pos += 1;
                    let span = Span {
                        start,
                        end: self.pos,
                    };
                    return Ok((Cow::Owned(out), span));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return self.syntax("an escape (`\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` or `\\u`)"),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => {
                    return self.syntax("`\\u00XX` instead of a raw control character in a string");
                }
            }
        }
    }

    pub(crate) fn hex4(&mut self) -> Parse<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return self.syntax("four hex digits after `\\u`"),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    /// The scalar value of `\uXXXX` (and its low half), after the `u`.
    pub(crate) fn unicode_escape(&mut self) -> Parse<char> {
        let escape_start = self.pos - 2;
        let hi = self.hex4()?;
        let cp = match hi {
            0xD800..=0xDBFF => {
                if self.b[self.pos..].starts_with(b"\\u") {
                    let save = self.pos;
                    self.pos += 2;
                    let lo = self.hex4()?;
                    if (0xDC00..=0xDFFF).contains(&lo) {
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    } else {
                        self.pos = save;
                        return self.lone_surrogate(escape_start, hi);
                    }
                } else {
                    return self.lone_surrogate(escape_start, hi);
                }
            }
            0xDC00..=0xDFFF => return self.lone_surrogate(escape_start, hi),
            cp => cp,
        };
        // Every value outside the surrogates up to 0x10FFFF is a scalar value.
        char::from_u32(cp).map_or_else(|| self.lone_surrogate(escape_start, hi), Ok)
    }

    #[cold]
    pub(crate) fn lone_surrogate<T>(&mut self, start: usize, unit: u32) -> Parse<T> {
        let span = Span {
            start,
            end: start + 6,
        };
        self.sink.report(Rule::LoneSurrogate, || {
            Diagnostic::new(Rule::LoneSurrogate, Path::root(), Some(span)).with_detail(format!(
                "The request is not valid JSON text: `\\u{unit:04X}` is half of a surrogate pair with no other half."
            ))
        });
        Err(Stop)
    }
}

/// A JSON value's type, for messages.
pub(crate) fn type_name(first: u8) -> &'static str {
    match first {
        b'{' => "an object",
        b'[' => "an array",
        b'"' => "a string",
        b't' | b'f' => "a boolean",
        b'n' => "null",
        _ => "a number",
    }
}

/// At most this many characters of a key are quoted in a message.
pub(crate) const KEY_SHOWN: usize = 64;

pub(crate) fn shown_key(k: &str) -> Cow<'_, str> {
    match k.char_indices().nth(KEY_SHOWN) {
        None => Cow::Borrowed(k),
        Some((i, _)) => Cow::Owned(format!("{}…", &k[..i])),
    }
}

/// The closest known member to a misspelt one: the same ignoring case, or at
/// most two edits away (one for short names).
pub(crate) fn did_you_mean(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|&(d, k)| d <= if k.len() > 5 { 2 } else { 1 })
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Levenshtein distance in bytes, giving up early on long inputs.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 2 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Detects repeated map keys: a linear scan of the entries while they are
/// few, then a map from each key's hash to the index of its first entry,
/// which copies no key (a hash seen before is confirmed by comparing the keys
/// themselves). Each lookup costs one hash and one comparison, so a body of
/// `n` keys costs O(n) however many of them repeat.
#[derive(Default)]
pub(crate) struct KeySet {
    hashes: Option<(RandomState, HashMap<u64, usize>)>,
}

impl KeySet {
    /// Below this many entries a linear scan beats hashing.
    const LINEAR: usize = 16;

    /// Whether `key` is new among `entries` (whose keys this set has seen,
    /// in order): `Ok` when it is (the caller then pushes it, so that it is
    /// found as `entries[entries.len()]` next time), `Err(i)` when it repeats
    /// `entries[i]`, the first entry with that key.
    pub(crate) fn insert<V>(
        &mut self,
        entries: &[(Cow<'_, str>, V)],
        key: &str,
    ) -> Result<(), usize> {
        let scan = || match entries.iter().position(|(k, _)| k == key) {
            Some(i) => Err(i),
            None => Ok(()),
        };
        if let Some((state, map)) = &mut self.hashes {
            return match map.entry(state.hash_one(key)) {
                Entry::Vacant(v) => {
                    v.insert(entries.len());
                    Ok(())
                }
                Entry::Occupied(o) => {
                    let i = *o.get();
                    if entries.get(i).is_some_and(|(k, _)| k == key) {
                        Err(i)
                    } else {
                        // Two keys with one 64-bit hash under a random
                        // state: too rare to cost anything in practice.
                        scan()
                    }
                }
            };
        }
        scan()?;
        if entries.len() + 1 >= Self::LINEAR {
            let state = RandomState::new();
            let mut map = HashMap::with_capacity(2 * Self::LINEAR);
            for (i, (k, _)) in entries.iter().enumerate() {
                map.entry(state.hash_one(&**k)).or_insert(i);
            }
            map.entry(state.hash_one(key)).or_insert(entries.len());
            self.hashes = Some((state, map));
        }
        Ok(())
    }
}

/// The string at byte `start` of `text`, a value the walker has already read
/// without error: its contents (borrowed when it has no escapes) and its span
/// including the quotes; `None` when no string starts there.
pub(crate) fn string_at(text: &str, start: usize) -> Option<(Cow<'_, str>, Span)> {
    if text.as_bytes().get(start) != Some(&b'"') {
        return None;
    }
    let opts = Options::default();
    let mut scratch = Sink::new(&opts, false);
    Reader::at(text, start, &mut scratch).string().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_near_misses() {
        let top = ["AccessToken", "UserAttributes", "ClientMetadata"];
        assert_eq!(did_you_mean("Useratributes", &top), Some("UserAttributes"));
        assert_eq!(did_you_mean("accessToken", &top), Some("AccessToken"));
        assert_eq!(did_you_mean("Extra", &top), None);
        assert_eq!(did_you_mean("name", &["Name", "Value"]), Some("Name"));
        assert_eq!(did_you_mean("Vale", &["Name", "Value"]), Some("Value"));
        assert_eq!(did_you_mean("Id", &["Name", "Value"]), None);
    }

    #[test]
    fn key_set_switches_to_hashing_without_losing_keys() {
        let mut entries: Vec<(Cow<'_, str>, ())> = Vec::new();
        let mut set = KeySet::default();
        for i in 0..40 {
            let k = format!("k{i}");
            assert_eq!(set.insert(&entries, &k), Ok(()), "{k} is new");
            entries.push((Cow::Owned(k), ()));
        }
        for i in 0..40 {
            assert_eq!(set.insert(&entries, &format!("k{i}")), Err(i));
        }
    }
}
