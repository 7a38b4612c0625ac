//! UpdateUserAttributes's walker, written out by hand for its one shape (the
//! fast path; `walk.rs` walks every other operation from the model's
//! tables): it reads the input once through the strict reader of
//! `reader.rs`, checks each member as it reads it, and borrows every string
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
//! (`Reader::skip`: wrong types, repeated and unknown members) is recorded
//! as a secret span, so a linter that shows source lines masks it whatever
//! shape the input takes.

use std::borrow::Cow;

use crate::chars;
use crate::check::{self, Sink};
use crate::diagnostic::{Diagnostic, Span};
use crate::options::Options;
use crate::path::{Member, Path};
use crate::reader::{
    did_you_mean, members, shown_key, type_name, HasReader, KeySet, Parse, Reader,
};
use crate::request::{AttributeType, ClientMetadata, UpdateUserAttributesRequest};
use crate::rule::Rule;
use crate::semantics;

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
    let warnings = sink.wants_warnings();
    let mut p = Parser {
        r: Reader::open(input, opts, sink)?,
        opts,
        names: warnings.then(Names::default),
    };
    p.document()
}

struct Parser<'a, 'x> {
    r: Reader<'a, 'x>,
    opts: &'x Options,
    /// Attribute names seen so far, kept only when warnings are wanted.
    names: Option<Names<'a>>,
}

impl<'a, 'x> HasReader<'a, 'x> for Parser<'a, 'x> {
    fn r(&mut self) -> &mut Reader<'a, 'x> {
        &mut self.r
    }
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

impl<'a> Parser<'a, '_> {
    fn document(&mut self) -> Parse<Option<UpdateUserAttributesRequest<'a>>> {
        let request = match self.r.peek() {
            Some(b'{') => Some(self.request()?),
            None => return self.r.syntax("the request object"),
            Some(first) => {
                self.skip_wrong_type(Path::root(), "The request", "an object", first)?;
                None
            }
        };
        self.r.end()?;
        Ok(request)
    }

    /// Skips a value of the wrong type (its first byte is `first`) and
    /// reports it.
    fn skip_wrong_type(&mut self, path: Path, what: &str, expected: &str, first: u8) -> Parse<()> {
        let start = self.r.pos;
        self.r.skip()?;
        let span = Span {
            start,
            end: self.r.pos,
        };
        self.wrong_type(path, span, what, expected, first);
        Ok(())
    }

    fn wrong_type(&mut self, path: Path, span: Span, what: &str, expected: &str, first: u8) {
        let msg = format!("{what} must be {expected}, not {}.", type_name(first));
        self.r.sink.report(Rule::WrongType, || {
            Diagnostic::new(Rule::WrongType, path, Some(span)).with_detail(msg)
        });
    }

    fn duplicate(&mut self, path: Path, key_span: Span, key: &str, place: &str) {
        let msg = format!(
            "`{}` appears twice in {place}; a gateway and the service could read different values.",
            shown_key(key)
        );
        self.r.sink.report(Rule::DuplicateKey, || {
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
        self.r.sink.report(Rule::UnknownMember, || {
            let d = Diagnostic::new(Rule::UnknownMember, path(), Some(key_span)).with_detail(
                format!("`{key}` is not a member of {place}; the service ignores it."),
            );
            match suggestion {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!("the members are {}", known.join(", "))),
            }
        });
    }

    /// A top-level member whose value is an array or object opening with
    /// `open`: read by `read`, or `null`, or of the wrong type (reported).
    fn container(
        &mut self,
        open: u8,
        member: Member,
        read: impl FnOnce(&mut Self) -> Parse<()>,
    ) -> Parse<Seen> {
        match self.r.peek() {
            Some(b) if b == open => {
                read(self)?;
                Ok(Seen::Present)
            }
            Some(b'n') => Ok(Seen::Null(self.r.null()?)),
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
            None => self.r.syntax("a value"),
        }
    }

    /// A string member's value: `Ok(Some)` for a string, `Ok(None)` after
    /// reporting anything else except `null`, which is `Err(span)`.
    #[inline]
    fn string_member(
        &mut self,
        path: impl FnOnce() -> Path,
        what: &str,
    ) -> Parse<StringMember<'a>> {
        match self.r.peek() {
            Some(b'"') => Ok(Ok(Some(self.r.string()?))),
            Some(b'n') => Ok(Err(self.r.null()?)),
            Some(first) => {
                self.skip_wrong_type(path(), what, "a string", first)?;
                Ok(Ok(None))
            }
            None => self.r.syntax("a value"),
        }
    }

    fn request(&mut self) -> Parse<UpdateUserAttributesRequest<'a>> {
        let open = self.r.span_here();
        let (mut token_seen, mut attrs_seen, mut meta_seen) =
            (Seen::Absent, Seen::Absent, Seen::Absent);
        let mut token: Cow<'a, str> = Cow::Borrowed("");
        let mut attributes: Vec<AttributeType<'a>> = Vec::new();
        let mut metadata: Option<ClientMetadata<'a>> = None;
        members(
            self,
            b'}',
            "`,` or `}` after a member of the request",
            |p| {
                let (key, key_span) = p.r.key()?;
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
                let value_start = p.r.pos;
                match member {
                    Some(m) if seen != Seen::Absent => {
                        p.duplicate(Path::root().member(m), key_span, &key, "the request");
                        p.r.skip()?;
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
                                    check::access_token(p.r.sink, &t, Some(span));
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
                        p.r.skip()?;
                    }
                }
                // The token, and whatever an unknown member (`accessToken`?) holds.
                if matches!(member, Some(Member::AccessToken) | None) {
                    p.r.secret_from(value_start);
                }
                Ok(())
            },
        )?;
        // Missing required members, in the model's member order.
        for (seen, m) in [
            (attrs_seen, Member::UserAttributes),
            (token_seen, Member::AccessToken),
        ] {
            match seen {
                Seen::Absent => check::missing(self.r.sink, Some(open), || Path::root().member(m)),
                Seen::Null(span) => {
                    check::missing(self.r.sink, Some(span), || Path::root().member(m))
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
        let open = self.r.pos;
        let mut index = 0usize;
        let n = members(self, b']', "`,` or `]` after an attribute", |p| {
            p.r.ws();
            match p.r.peek() {
                Some(b'{') => {
                    if let Some(a) = p.attribute(index)? {
                        out.push(a);
                    }
                }
                Some(b'n') => {
                    let span = p.r.null()?;
                    check::missing(p.r.sink, Some(span), || {
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
                None => return p.r.syntax("an attribute object"),
            }
            index += 1;
            Ok(())
        })?;
        if n == 0 && self.opts.schema.schema().is_some() {
            let span = Span {
                start: open,
                end: self.r.pos,
            };
            semantics::empty_list(self.r.sink, Some(span));
        }
        Ok(())
    }

    /// One attribute object. Its loop is written out rather than run through
    /// [`Parser::members`]: the closure's captured state cost about 70
    /// instructions per attribute (callgrind, 50 attributes: 94.6k against 98.4k).
    fn attribute(&mut self, index: usize) -> Parse<Option<AttributeType<'a>>> {
        let open = self.r.span_here();
        self.r.pos += 1;
        self.r.enter()?;
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
        self.r.ws();
        if self.r.peek() == Some(b'}') {
            self.r.pos += 1;
        } else {
            loop {
                let (key, key_span) = self.r.key()?;
                let value_start = self.r.pos;
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
                            self.r.skip()?;
                        } else {
                            let what = if m == Member::Name {
                                "`Name`"
                            } else {
                                "`Value`"
                            };
                            let now = match self.string_member(at(m), what)? {
                                Ok(Some((s, span))) => {
                                    let before = self.r.sink.errors;
                                    if m == Member::Name {
                                        check::attribute_name(
                                            self.r.sink,
                                            self.opts,
                                            index,
                                            &s,
                                            Some(span),
                                        );
                                        name = s;
                                        name_span = Some(span);
                                        name_ok = self.r.sink.errors == before;
                                    } else {
                                        check::attribute_value(self.r.sink, index, &s, Some(span));
                                        value = Some(s);
                                        value_span = Some(span);
                                        value_ok = self.r.sink.errors == before;
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
                        self.r.skip()?;
                    }
                }
                if &*key != "Name" {
                    self.r.secret_from(value_start);
                }
                if !self
                    .r
                    .next_member(b'}', "`,` or `}` after a member of an attribute")?
                {
                    break;
                }
            }
        }
        self.r.depth -= 1;
        match name_seen {
            Seen::Absent => check::missing_name(self.r.sink, index, Some(open)),
            Seen::Null(span) => check::missing_name(self.r.sink, index, Some(span)),
            Seen::Present => {
                if let (true, Some(schema)) = (name_ok, self.opts.schema.schema()) {
                    if value_seen != Seen::Reported {
                        let a = semantics::Attribute {
                            place: semantics::Place::UserAttributes,
                            index,
                            name: &name,
                            name_span,
                            value: value.as_deref(),
                            value_span,
                            value_ok,
                            object_span: Some(open),
                        };
                        semantics::attribute(
                            self.r.sink,
                            schema,
                            crate::family::UPDATE_USER_ATTRIBUTES,
                            self.opts.required_wording,
                            &a,
                        );
                        if let Some(names) = &mut self.names {
                            names.see(self.r.sink, &a);
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
        members(
            self,
            b'}',
            "`,` or `}` after a `ClientMetadata` entry",
            |p| {
                let (key, key_span) = p.r.key()?;
                let path = || Path::root().member(Member::ClientMetadata).key(&key);
                let value_start = p.r.pos;
                if keys.insert(&entries, &key).is_err() {
                    p.duplicate(path(), key_span, &key, "`ClientMetadata`");
                    p.r.skip()?;
                    return Ok(());
                }
                let value = match p.string_member(path, "A `ClientMetadata` value")? {
                    Ok(Some((v, span))) => {
                        check::metadata_entry(p.r.sink, &key, Some(key_span), &v, Some(span));
                        v
                    }
                    Ok(None) => Cow::Borrowed(""),
                    Err(null) => {
                        p.wrong_type(path(), null, "A `ClientMetadata` value", "a string", b'n');
                        Cow::Borrowed("")
                    }
                };
                p.r.secret_from(value_start);
                // A key whose value was of the wrong type is kept too, so that a
                // later repeat of it is found; its placeholder value is never
                // seen, as the error makes the parse return no request.
                entries.push((key, value));
                Ok(())
            },
        )?;
        Ok(ClientMetadata(entries))
    }

    /// The fast path of the access token: when the value here is a string of
    /// one or more token characters (`[A-Za-z0-9-_=.]`, none of which is `"`,
    /// `\\` or a control), returns it and moves past it; otherwise returns
    /// `None` without moving, and the general path reads and checks it.
    #[inline]
    fn plain_token(&mut self) -> Option<&'a str> {
        let start = self.r.pos;
        if self.r.peek() != Some(b'"') {
            return None;
        }
        let rest = self.r.b.get(start + 1..).unwrap_or_default();
        let end = start + 1 + chars::token_len(rest);
        if end == start + 1 || self.r.b.get(end) != Some(&b'"') {
            return None;
        }
        self.r.pos = end + 1;
        // Both ends are at ASCII bytes, so at char boundaries.
        Some(&self.r.s[start + 1..end])
    }
}
