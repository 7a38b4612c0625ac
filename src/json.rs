//! A strict RFC 8259 parser specialised for the one request shape: it reads
//! the input once, checks each member as it reads it, and borrows every string
//! that has no escapes.
//!
//! Why not serde_json: a generic parse keeps the last of two equal keys
//! silently, gives no span for a value, and cannot carry on after a value of
//! the wrong type to report everything else. The differential tests in
//! `tests/differential_json.rs` hold this parser to serde_json's verdict and
//! decoded strings.
//!
//! Errors in the JSON text itself (syntax, encoding, nesting, size) stop the
//! parse; everything else (wrong types, repeated keys, shape violations,
//! unknown members) is reported and the parse goes on, so one run lists every
//! problem in document order.
//!
//! Secrets: every value the parser reads as secret (the token, attribute
//! values, `ClientMetadata` values) and every value it skips unread
//! (`Parser::skip`: wrong types, repeated and unknown members) is recorded
//! as a secret span, so a linter that shows source lines masks it whatever
//! shape the input takes.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use crate::chars;
use crate::check::{self, Sink};
use crate::diagnostic::{Diagnostic, Span};
use crate::options::Options;
use crate::path::{Member, Path};
use crate::request::{AttributeType, ClientMetadata, UpdateUserAttributesRequest};
use crate::rule::Rule;
use crate::semantics;

/// The parse stopped at an error already reported.
struct Stop;

type Parse<T> = Result<T, Stop>;

/// A string member's value: the string and its span, `None` when it was of
/// another type (reported), or `Err` with the span of a `null`.
type StringMember<'a> = Result<Option<(Cow<'a, str>, Span)>, Span>;

/// What the parse of one input produced.
pub(crate) struct Parsed<'a> {
    /// The request, when there was no error.
    pub(crate) request: Option<UpdateUserAttributesRequest<'a>>,
    pub(crate) sink: Sink,
}

/// Parses and checks `input`.
pub(crate) fn parse<'a>(input: &'a [u8], opts: &Options, warnings: bool) -> Parsed<'a> {
    let mut sink = Sink::new(opts, warnings);
    let request = parse_into(input, opts, &mut sink).ok().flatten();
    let request = if sink.has_errors() { None } else { request };
    Parsed { request, sink }
}

fn parse_into<'a>(
    input: &'a [u8],
    opts: &Options,
    sink: &mut Sink,
) -> Parse<Option<UpdateUserAttributesRequest<'a>>> {
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
    let mut p = Parser {
        s: text,
        b: input,
        pos: 0,
        depth: 0,
        limit: opts.depth_limit(),
        opts,
        names: sink.wants_warnings().then(Names::default),
        sink,
    };
    p.document()
}

struct Parser<'a, 'x> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    depth: usize,
    limit: usize,
    opts: &'x Options,
    sink: &'x mut Sink,
    /// Attribute names seen so far, kept only when warnings are wanted.
    names: Option<Names<'a>>,
}

/// The attribute names of a request, to find repeats.
#[derive(Default)]
struct Names<'a> {
    seen: Vec<(Cow<'a, str>, usize)>,
    keys: KeySet,
}

impl<'a> Names<'a> {
    fn see(&mut self, sink: &mut Sink, a: &semantics::Attribute<'_>) {
        match self.keys.insert(&self.seen, a.name) {
            Ok(()) => self.seen.push((Cow::Owned(a.name.to_owned()), a.index)),
            Err(i) => {
                if let Some(&(_, first)) = self.seen.get(i) {
                    semantics::duplicate(sink, a, first);
                }
            }
        }
    }
}

/// How a member stood when its object closed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seen {
    Absent,
    Null(Span),
    Present,
    /// Reported already (wrong type, bad escape); no more to say.
    Reported,
}

/// A JSON value's type, for messages.
fn type_name(first: u8) -> &'static str {
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
const KEY_SHOWN: usize = 64;

fn shown_key(k: &str) -> Cow<'_, str> {
    match k.char_indices().nth(KEY_SHOWN) {
        None => Cow::Borrowed(k),
        Some((i, _)) => Cow::Owned(format!("{}…", &k[..i])),
    }
}

impl<'a> Parser<'a, '_> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Notes the value from `start` to here as possibly secret.
    #[inline]
    fn secret_from(&mut self, start: usize) {
        self.sink.secret(Span {
            start,
            end: self.pos,
        });
    }

    fn span_here(&self) -> Span {
        let end = (self.pos + 1).min(self.b.len()).max(self.pos);
        Span {
            start: self.pos,
            end,
        }
    }

    /// Reports a syntax error at the current position and stops.
    #[cold]
    fn syntax<T>(&mut self, expected: &str) -> Parse<T> {
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
    fn eat(&mut self, b: u8, expected: &str) -> Parse<()> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            self.syntax(expected)
        }
    }

    fn enter(&mut self) -> Parse<()> {
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

    fn document(&mut self) -> Parse<Option<UpdateUserAttributesRequest<'a>>> {
        if self.s.starts_with('\u{FEFF}') {
            return self.syntax("a JSON object, not a byte-order mark");
        }
        self.ws();
        let request = match self.peek() {
            Some(b'{') => Some(self.request()?),
            None => return self.syntax("the request object"),
            Some(first) => {
                self.skip_wrong_type(Path::root(), "The request", "an object", first)?;
                None
            }
        };
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
        Ok(request)
    }

    /// Skips a value of the wrong type (its first byte is `first`) and
    /// reports it.
    fn skip_wrong_type(&mut self, path: Path, what: &str, expected: &str, first: u8) -> Parse<()> {
        let start = self.pos;
        self.skip()?;
        let span = Span {
            start,
            end: self.pos,
        };
        self.wrong_type(path, span, what, expected, first);
        Ok(())
    }

    fn wrong_type(&mut self, path: Path, span: Span, what: &str, expected: &str, first: u8) {
        let msg = format!("{what} must be {expected}, not {}.", type_name(first));
        self.sink.report(Rule::WrongType, || {
            Diagnostic::new(Rule::WrongType, path, Some(span)).with_detail(msg)
        });
    }

    fn duplicate(&mut self, path: Path, key_span: Span, key: &str, place: &str) {
        let msg = format!(
            "`{}` appears twice in {place}; a gateway and the service could read different values.",
            shown_key(key)
        );
        self.sink.report(Rule::DuplicateKey, || {
            Diagnostic::new(Rule::DuplicateKey, path, Some(key_span)).with_detail(msg)
        });
    }

    fn unknown(
        &mut self,
        path: impl FnOnce() -> Path,
        key_span: Span,
        key: &str,
        known: &[&'static str],
    ) {
        let place = if known.len() == 2 {
            "an attribute"
        } else {
            "the request"
        };
        let suggestion = did_you_mean(key, known);
        let key = shown_key(key);
        self.sink.report(Rule::UnknownMember, || {
            let d = Diagnostic::new(Rule::UnknownMember, path(), Some(key_span)).with_detail(
                format!("`{key}` is not a member of {place}; the service ignores it."),
            );
            match suggestion {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!("the members are {}", known.join(", "))),
            }
        });
    }

    /// An object or array at its opening byte: `item` reads each member or
    /// element (key included), separated by `,` and ended by `close`.
    /// Returns how many there were.
    #[inline]
    fn members(
        &mut self,
        close: u8,
        expected: &str,
        mut item: impl FnMut(&mut Self) -> Parse<()>,
    ) -> Parse<usize> {
        self.pos += 1;
        self.enter()?;
        self.ws();
        let mut n = 0;
        if self.peek() == Some(close) {
            self.pos += 1;
        } else {
            loop {
                item(self)?;
                n += 1;
                if !self.next_member(close, expected)? {
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(n)
    }

    /// A top-level member whose value is an array or object opening with
    /// `open`: read by `read`, or `null`, or of the wrong type (reported).
    fn container(
        &mut self,
        open: u8,
        member: Member,
        read: impl FnOnce(&mut Self) -> Parse<()>,
    ) -> Parse<Seen> {
        match self.peek() {
            Some(b) if b == open => {
                read(self)?;
                Ok(Seen::Present)
            }
            Some(b'n') => Ok(Seen::Null(self.null()?)),
            Some(first) => {
                let what = format!("`{}`", member.wire_name());
                let expected = if open == b'[' {
                    "an array"
                } else {
                    "an object"
                };
                self.skip_wrong_type(Path::root().member(member), &what, expected, first)?;
                Ok(Seen::Reported)
            }
            None => self.syntax("a value"),
        }
    }

    /// `"key"` then `:`; returns the key and its span (quotes included).
    #[inline]
    fn key(&mut self) -> Parse<(Cow<'a, str>, Span)> {
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
    fn next_member(&mut self, close: u8, expected: &str) -> Parse<bool> {
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
    fn null(&mut self) -> Parse<Span> {
        let start = self.pos;
        self.literal(b"null")?;
        Ok(Span {
            start,
            end: self.pos,
        })
    }

    /// A string member's value: `Ok(Some)` for a string, `Ok(None)` after
    /// reporting anything else except `null`, which is `Err(span)`.
    #[inline]
    fn string_member(
        &mut self,
        path: impl FnOnce() -> Path,
        what: &str,
    ) -> Parse<StringMember<'a>> {
        match self.peek() {
            Some(b'"') => Ok(Ok(Some(self.string()?))),
            Some(b'n') => Ok(Err(self.null()?)),
            Some(first) => {
                self.skip_wrong_type(path(), what, "a string", first)?;
                Ok(Ok(None))
            }
            None => self.syntax("a value"),
        }
    }

    fn request(&mut self) -> Parse<UpdateUserAttributesRequest<'a>> {
        let open = self.span_here();
        let (mut token_seen, mut attrs_seen, mut meta_seen) =
            (Seen::Absent, Seen::Absent, Seen::Absent);
        let mut token: Cow<'a, str> = Cow::Borrowed("");
        let mut attributes: Vec<AttributeType<'a>> = Vec::new();
        let mut metadata: Option<ClientMetadata<'a>> = None;
        self.members(b'}', "`,` or `}` after a member of the request", |p| {
            let (key, key_span) = p.key()?;
            let member = match &*key {
                "AccessToken" => Some(Member::AccessToken),
                "UserAttributes" => Some(Member::UserAttributes),
                "ClientMetadata" => Some(Member::ClientMetadata),
                _ => None,
            };
            let seen = match member {
                Some(Member::AccessToken) => token_seen,
                Some(Member::UserAttributes) => attrs_seen,
                Some(_) => meta_seen,
                None => Seen::Absent,
            };
            let value_start = p.pos;
            match member {
                Some(m) if seen != Seen::Absent => {
                    p.duplicate(Path::root().member(m), key_span, &key, "the request");
                    p.skip()?;
                }
                Some(Member::AccessToken) => {
                    token_seen = if let Some(t) = p.plain_token() {
                        // One pass found the closing quote and checked the
                        // alphabet: such a token breaks no rule.
                        token = Cow::Borrowed(t);
                        Seen::Present
                    } else {
                        let path = || Path::root().member(Member::AccessToken);
                        match p.string_member(path, "`AccessToken`")? {
                            Ok(Some((t, span))) => {
                                check::access_token(p.sink, &t, Some(span));
                                token = t;
                                Seen::Present
                            }
                            Ok(None) => Seen::Reported,
                            Err(null) => Seen::Null(null),
                        }
                    };
                }
                Some(Member::UserAttributes) => {
                    attrs_seen = p.container(b'[', Member::UserAttributes, |q| {
                        q.attributes(&mut attributes)
                    })?;
                }
                Some(_) => {
                    // Optional: null is the same as absent.
                    meta_seen = p.container(b'{', Member::ClientMetadata, |q| {
                        metadata = Some(q.metadata()?);
                        Ok(())
                    })?;
                }
                None => {
                    p.unknown(
                        || Path::root().key(&key),
                        key_span,
                        &key,
                        &["AccessToken", "UserAttributes", "ClientMetadata"],
                    );
                    p.skip()?;
                }
            }
            // The token, and whatever an unknown member (`accessToken`?) holds.
            if matches!(member, Some(Member::AccessToken) | None) {
                p.secret_from(value_start);
            }
            Ok(())
        })?;
        // Missing required members, in the model's member order.
        for (seen, m) in [
            (attrs_seen, Member::UserAttributes),
            (token_seen, Member::AccessToken),
        ] {
            match seen {
                Seen::Absent => check::missing(self.sink, Some(open), || Path::root().member(m)),
                Seen::Null(span) => {
                    check::missing(self.sink, Some(span), || Path::root().member(m))
                }
                Seen::Present | Seen::Reported => {}
            }
        }
        Ok(UpdateUserAttributesRequest {
            access_token: token,
            user_attributes: attributes,
            client_metadata: metadata,
        })
    }

    fn attributes(&mut self, out: &mut Vec<AttributeType<'a>>) -> Parse<()> {
        let open = self.pos;
        let mut index = 0usize;
        let n = self.members(b']', "`,` or `]` after an attribute", |p| {
            p.ws();
            match p.peek() {
                Some(b'{') => {
                    if let Some(a) = p.attribute(index)? {
                        out.push(a);
                    }
                }
                Some(b'n') => {
                    let span = p.null()?;
                    check::missing(p.sink, Some(span), || {
                        Path::root().member(Member::UserAttributes).index(index)
                    });
                }
                Some(first) => {
                    p.skip_wrong_type(
                        Path::root().member(Member::UserAttributes).index(index),
                        "An attribute",
                        "an object",
                        first,
                    )?;
                }
                None => return p.syntax("an attribute object"),
            }
            index += 1;
            Ok(())
        })?;
        if n == 0 && self.opts.schema.schema().is_some() {
            let span = Span {
                start: open,
                end: self.pos,
            };
            semantics::empty_list(self.sink, Some(span));
        }
        Ok(())
    }

    /// One attribute object. Its loop is written out rather than run through
    /// [`Parser::members`]: the closure's captured state cost about 70
    /// instructions per attribute (callgrind, 50 attributes: 94.6k against 98.4k).
    fn attribute(&mut self, index: usize) -> Parse<Option<AttributeType<'a>>> {
        let open = self.span_here();
        self.pos += 1;
        self.enter()?;
        let (mut name_seen, mut value_seen) = (Seen::Absent, Seen::Absent);
        let mut name: Cow<'a, str> = Cow::Borrowed("");
        let mut value: Option<Cow<'a, str>> = None;
        let (mut name_span, mut value_span) = (None, None);
        let (mut name_ok, mut value_ok) = (false, false);
        let at = |m: Member| {
            move || {
                Path::root()
                    .member(Member::UserAttributes)
                    .index(index)
                    .member(m)
            }
        };
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                let (key, key_span) = self.key()?;
                let value_start = self.pos;
                match &*key {
                    "Name" | "Value" => {
                        let m = if &*key == "Name" {
                            Member::Name
                        } else {
                            Member::Value
                        };
                        let seen = if m == Member::Name {
                            name_seen
                        } else {
                            value_seen
                        };
                        if seen != Seen::Absent {
                            self.duplicate(at(m)(), key_span, &key, "an attribute");
                            self.skip()?;
                        } else {
                            let what = if m == Member::Name {
                                "`Name`"
                            } else {
                                "`Value`"
                            };
                            let now = match self.string_member(at(m), what)? {
                                Ok(Some((s, span))) => {
                                    let before = self.sink.errors;
                                    if m == Member::Name {
                                        check::attribute_name(
                                            self.sink,
                                            self.opts,
                                            index,
                                            &s,
                                            Some(span),
                                        );
                                        name = s;
                                        name_span = Some(span);
                                        name_ok = self.sink.errors == before;
                                    } else {
                                        check::attribute_value(self.sink, index, &s, Some(span));
                                        value = Some(s);
                                        value_span = Some(span);
                                        value_ok = self.sink.errors == before;
                                    }
                                    Seen::Present
                                }
                                Ok(None) => Seen::Reported,
                                Err(null) => Seen::Null(null),
                            };
                            if m == Member::Name {
                                name_seen = now;
                            } else {
                                value_seen = now;
                            }
                        }
                    }
                    _ => {
                        self.unknown(
                            || {
                                Path::root()
                                    .member(Member::UserAttributes)
                                    .index(index)
                                    .key(&key)
                            },
                            key_span,
                            &key,
                            &["Name", "Value"],
                        );
                        self.skip()?;
                    }
                }
                if &*key != "Name" {
                    self.secret_from(value_start);
                }
                if !self.next_member(b'}', "`,` or `}` after a member of an attribute")? {
                    break;
                }
            }
        }
        self.depth -= 1;
        match name_seen {
            Seen::Absent => check::missing_name(self.sink, index, Some(open)),
            Seen::Null(span) => check::missing_name(self.sink, index, Some(span)),
            Seen::Present => {
                if let (true, Some(schema)) = (name_ok, self.opts.schema.schema()) {
                    if value_seen != Seen::Reported {
                        let a = semantics::Attribute {
                            index,
                            name: &name,
                            name_span,
                            value: value.as_deref(),
                            value_span,
                            value_ok,
                            object_span: Some(open),
                        };
                        semantics::attribute(self.sink, schema, &a);
                        if let Some(names) = &mut self.names {
                            names.see(self.sink, &a);
                        }
                    }
                }
                return Ok(Some(AttributeType { name, value }));
            }
            Seen::Reported => {}
        }
        Ok(None)
    }

    /// The `ClientMetadata` map. Its values are treated as secret (they
    /// often carry user data): each is recorded in the secret spans.
    fn metadata(&mut self) -> Parse<ClientMetadata<'a>> {
        let mut entries: Vec<(Cow<'a, str>, Cow<'a, str>)> = Vec::new();
        let mut keys = KeySet::default();
        self.members(b'}', "`,` or `}` after a `ClientMetadata` entry", |p| {
            let (key, key_span) = p.key()?;
            let path = || Path::root().member(Member::ClientMetadata).key(&key);
            let value_start = p.pos;
            if keys.insert(&entries, &key).is_err() {
                p.duplicate(path(), key_span, &key, "`ClientMetadata`");
                p.skip()?;
                return Ok(());
            }
            let value = match p.string_member(path, "A `ClientMetadata` value")? {
                Ok(Some((v, span))) => {
                    check::metadata_entry(p.sink, &key, Some(key_span), &v, Some(span));
                    v
                }
                Ok(None) => Cow::Borrowed(""),
                Err(null) => {
                    p.wrong_type(path(), null, "A `ClientMetadata` value", "a string", b'n');
                    Cow::Borrowed("")
                }
            };
            p.secret_from(value_start);
            // A key whose value was of the wrong type is kept too, so that a
            // later repeat of it is found; its placeholder value is never
            // seen, as the error makes the parse return no request.
            entries.push((key, value));
            Ok(())
        })?;
        Ok(ClientMetadata(entries))
    }

    /// Skips any JSON value, as [`Parser::value`] does, and records it as
    /// possibly secret: a value the parser does not read is never shown.
    fn skip(&mut self) -> Parse<()> {
        let start = self.pos;
        let read = self.value();
        self.secret_from(start);
        read
    }

    /// Any JSON value, checked for syntax and nesting and otherwise ignored.
    fn value(&mut self) -> Parse<()> {
        match self.peek() {
            Some(b'{') => {
                let object = self.members(b'}', "`,` or `}` in an object", |p| {
                    p.key()?;
                    p.value()
                });
                object.map(drop)
            }
            Some(b'[') => {
                let array = self.members(b']', "`,` or `]` in an array", |p| {
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

    fn literal(&mut self, word: &[u8]) -> Parse<()> {
        if self.b[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            self.syntax("a JSON value")
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Parse<()> {
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
    fn string(&mut self) -> Parse<(Cow<'a, str>, Span)> {
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

    /// The fast path of the access token: when the value here is a string of
    /// one or more token characters (`[A-Za-z0-9-_=.]`, none of which is `"`,
    /// `\\` or a control), returns it and moves past it; otherwise returns
    /// `None` without moving, and the general path reads and checks it.
    #[inline]
    fn plain_token(&mut self) -> Option<&'a str> {
        let start = self.pos;
        if self.peek() != Some(b'"') {
            return None;
        }
        let rest = self.b.get(start + 1..).unwrap_or_default();
        let end = start + 1 + chars::token_len(rest);
        if end == start + 1 || self.b.get(end) != Some(&b'"') {
            return None;
        }
        self.pos = end + 1;
        // Both ends are at ASCII bytes, so at char boundaries.
        Some(&self.s[start + 1..end])
    }

    /// Where the raw text of the string containing `from` ends: at the next
    /// `"` that no `\\` escapes, or at the end of the input. Only sizes the
    /// buffer; the decoding pass does the checking.
    fn raw_end(&self, from: usize) -> usize {
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
    fn string_slow(&mut self, start: usize) -> Parse<(Cow<'a, str>, Span)> {
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

    fn hex4(&mut self) -> Parse<u32> {
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
    fn unicode_escape(&mut self) -> Parse<char> {
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
    fn lone_surrogate<T>(&mut self, start: usize, unit: u32) -> Parse<T> {
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

/// The closest known member to a misspelt one: the same ignoring case, or at
/// most two edits away (one for short names).
fn did_you_mean(key: &str, known: &[&'static str]) -> Option<&'static str> {
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
