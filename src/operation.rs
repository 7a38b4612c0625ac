//! Every operation of the service model, and the entry points that check a
//! request body of any of them: [`validate`] (for servers and gateways) and
//! [`check`] (for linters), with [`Request`], the borrowed view of a request
//! that passed.
//!
//! UpdateUserAttributes goes through its own hand-written fast path (the
//! same as [`crate::validate_json`] and [`crate::check_json`], phase two
//! included); every other operation through the model-driven walker
//! (`walk.rs`), and then, for the other operations of the attribute family
//! (SignUp, AdminCreateUser, the deletes, the verifications,
//! NEW_PASSWORD_REQUIRED answers), their business rules (`family.rs`) when
//! phase one passed.

use std::borrow::Cow;
use std::fmt;

use crate::aws::Rejection;
use crate::check::Sink;
use crate::diagnostic::{self, Span};
use crate::family;
use crate::model::{self, OperationDef};
use crate::options::Options;
use crate::reader;
use crate::walk::{self, TopMember};
use crate::Report;

/// An operation of the cognito-idp service model.
///
/// ```
/// use cognito_validate::Operation;
/// let op = Operation::from_target("AWSCognitoIdentityProviderService.SignUp").unwrap();
/// assert_eq!(op.name(), "SignUp");
/// assert_eq!(Operation::from_name("SignUp"), Some(op));
/// assert_eq!(op.target(), "AWSCognitoIdentityProviderService.SignUp");
/// assert!(Operation::all().count() > 150);
/// ```
#[derive(Clone, Copy)]
pub struct Operation(&'static OperationDef);

impl PartialEq for Operation {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Operation {}

impl fmt::Debug for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Operation({})", self.0.name)
    }
}

impl fmt::Display for Operation {
    /// The operation's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl Operation {
    /// The operation of this name (`"SignUp"`).
    pub fn from_name(name: &str) -> Option<Operation> {
        OperationDef::from_name(name).map(Operation)
    }

    /// The operation named by an `X-Amz-Target` header value
    /// (`"AWSCognitoIdentityProviderService.SignUp"`).
    pub fn from_target(target: &str) -> Option<Operation> {
        OperationDef::from_target(target).map(Operation)
    }

    /// Every operation of the model, sorted by name.
    pub fn all() -> impl Iterator<Item = Operation> {
        model::operations().iter().map(Operation)
    }

    /// The operation's name: `"SignUp"`.
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// The `X-Amz-Target` header value that names it:
    /// `"AWSCognitoIdentityProviderService.SignUp"`.
    pub fn target(self) -> &'static str {
        self.0.target
    }

    /// The operation's definition in the model tables.
    pub fn def(self) -> &'static OperationDef {
        self.0
    }

    fn is_update_user_attributes(self) -> bool {
        self.0.name == "UpdateUserAttributes"
    }

    /// The access-token check, for a request that passed phase one: its
    /// `AccessToken` (a member only of the operations that take one) as the
    /// walker found it in `top`, without parsing the body again.
    fn check_token(self, text: &str, top: &[TopMember], options: &Options, sink: &mut Sink) {
        let token = top
            .iter()
            .find(|(m, _)| m.name == "AccessToken")
            .and_then(|&(_, span)| reader::string_at(text, span.start));
        if let Some((token, span)) = token {
            crate::check_token(
                text.as_bytes(),
                Some((&token, Some(span))),
                options,
                sink,
                self.0.needs_admin_scope,
            );
        }
    }
}

/// A top-level member's value, borrowed from the request body.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (`60`, `-1`, `1.5e3`).
    Number(&'a str),
    /// A string, decoded; borrowed when it has no escapes.
    String(Cow<'a, str>),
    /// An array, as its JSON text.
    Array(&'a str),
    /// An object, as its JSON text.
    Object(&'a str),
}

/// A request that passed: the operation and its top-level members, each
/// read from the body on demand (no second parse by the caller, and nothing
/// copied but a `(member, span)` pair per member).
///
/// `Debug` leaves out the value of every member the service does not print.
///
/// ```
/// use cognito_validate::{validate, Operation, Options, Value};
/// let op = Operation::from_name("ListUsers").unwrap();
/// let req = validate(op, br#"{"UserPoolId": "eu-west-1_abc", "Limit": 60}"#, &Options::default()).unwrap();
/// assert_eq!(req.get_str("UserPoolId").as_deref(), Some("eu-west-1_abc"));
/// assert_eq!(req.get("Limit"), Some(Value::Number("60")));
/// assert_eq!(req.get("PaginationToken"), None);
/// ```
#[derive(Clone)]
pub struct Request<'a> {
    operation: Operation,
    text: &'a str,
    members: Vec<TopMember>,
}

impl<'a> Request<'a> {
    /// The operation.
    pub fn operation(&self) -> Operation {
        self.operation
    }

    /// The value of the top-level member of this wire name, if present.
    pub fn get(&self, name: &str) -> Option<Value<'a>> {
        let &(_, span) = self.members.iter().find(|(m, _)| m.name == name)?;
        Some(self.value_at(span))
    }

    /// The string value of a top-level member, if present and a string.
    pub fn get_str(&self, name: &str) -> Option<Cow<'a, str>> {
        match self.get(name)? {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The top-level members present, in document order, with their values.
    pub fn members(&self) -> impl Iterator<Item = (&'static str, Value<'a>)> + '_ {
        self.members
            .iter()
            .map(|&(m, span)| (m.name, self.value_at(span)))
    }

    fn value_at(&self, span: Span) -> Value<'a> {
        let text = self.text.get(span.start..span.end).unwrap_or_default();
        match text.as_bytes().first() {
            Some(b'n') => Value::Null,
            Some(b't') => Value::Bool(true),
            Some(b'f') => Value::Bool(false),
            Some(b'[') => Value::Array(text),
            Some(b'{') => Value::Object(text),
            Some(b'"') => Value::String(
                reader::string_at(self.text, span.start)
                    .map(|(s, _)| s)
                    .unwrap_or_default(),
            ),
            _ => Value::Number(text),
        }
    }
}

impl fmt::Debug for Request<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Members<'r, 'a>(&'r Request<'a>);
        impl fmt::Debug for Members<'_, '_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut map = f.debug_map();
                for &(m, span) in &self.0.members {
                    if m.shown {
                        map.entry(&m.name, &self.0.value_at(span));
                    } else {
                        map.entry(&m.name, &format_args!("<redacted>"));
                    }
                }
                map.finish()
            }
        }
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("members", &Members(self))
            .finish()
    }
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("Null"),
            Value::Bool(b) => f.debug_tuple("Bool").field(b).finish(),
            Value::Number(n) => f.debug_tuple("Number").field(n).finish(),
            Value::String(s) => f.debug_tuple("String").field(s).finish(),
            // Arrays and objects may hold members the service does not print.
            Value::Array(_) => f.write_str("Array(..)"),
            Value::Object(_) => f.write_str("Object(..)"),
        }
    }
}

/// The top-level members of a body that the fast path has accepted.
fn top_level(op: Operation, input: &[u8], opts: &Options) -> Vec<TopMember> {
    let mut sink = Sink::new(opts, false);
    walk::walk(op.0.input, input, opts, &mut sink).unwrap_or_default()
}

/// Parses a request body of `operation` and checks it the way the service's
/// framework does (phase one), then for the operations that write, delete or
/// verify user attributes the way the service's business rules do (phase
/// two; for UpdateUserAttributes as [`crate::validate_json`]).
///
/// Returns a borrowed view of the request, or the service's answer. Never
/// panics: every byte sequence gets a verdict. Warnings are not collected;
/// use [`check`]. For UpdateUserAttributes the verdict is the fast path's
/// and the view costs one more scan of an accepted body (use
/// [`crate::validate_json`] for its typed request instead).
pub fn validate<'a>(
    operation: Operation,
    input: &'a [u8],
    options: &Options,
) -> Result<Request<'a>, Rejection> {
    let text = std::str::from_utf8(input).unwrap_or_default();
    if operation.is_update_user_attributes() {
        crate::validate_json(input, options)?;
        return Ok(Request {
            operation,
            text,
            members: top_level(operation, input, options),
        });
    }
    let mut sink = Sink::new(options, false);
    let members = walk::walk(operation.0.input, input, options, &mut sink);
    if let Some(top) = &members {
        operation.check_token(text, top, options, &mut sink);
        if sink.phase_one_errors == 0 {
            family::check(operation.0.name, text, top, options, &mut sink);
        }
    }
    match (members, sink.has_errors()) {
        (Some(members), false) => Ok(Request {
            operation,
            text,
            members,
        }),
        _ => {
            diagnostic::locate(input, &mut sink.diags);
            // The walker stops (`None`) only after reporting an error.
            let r = Rejection::from_diagnostics(sink.diags, (sink.phase_one_errors, sink.errors))
                .expect("an error was reported");
            Err(match family::profile(operation.0.name) {
                Some(p) => p.reword(r),
                None => r,
            })
        }
    }
}

/// Parses a request body of `operation` and reports every finding, warnings
/// included, each with its line and column. For linters.
///
/// [`Report::request`] is filled for UpdateUserAttributes only (its typed
/// request); for a view of any operation's request use [`validate`].
pub fn check<'a>(operation: Operation, input: &'a [u8], options: &Options) -> Report<'a> {
    if operation.is_update_user_attributes() {
        return crate::check_json(input, options);
    }
    let mut sink = Sink::new(options, true);
    if let Some(top) = walk::walk(operation.0.input, input, options, &mut sink) {
        // The walker returns members only of UTF-8 text.
        let text = std::str::from_utf8(input).unwrap_or_default();
        operation.check_token(text, &top, options, &mut sink);
        if sink.phase_one_errors == 0 {
            family::check(operation.0.name, text, &top, options, &mut sink);
        }
    }
    diagnostic::locate(input, &mut sink.diags);
    Report {
        request: None,
        diagnostics: sink.diags,
        errors: sink.errors,
        phase_one_errors: sink.phase_one_errors,
        warnings: sink.warnings,
        secret_spans: sink.secrets,
        voice: family::profile(operation.0.name),
    }
}
