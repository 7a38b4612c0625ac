//! Checks Amazon Cognito (cognito-idp) requests the way the service does,
//! before they are sent: every operation of the service model, the business
//! rules of the operations that write user attributes, and access tokens.
//!
//! The library is pure: no file, network or clock access. Hand it the request
//! body and it answers with the request, borrowed from your bytes, or with the
//! exact answer the service would send (`InvalidParameterException` and the
//! rest). The example below is UpdateUserAttributes, where the project began.
//!
//! ```
//! use cognito_validate::{validate_json, Options};
//!
//! let body = br#"{"AccessToken": "eyJ0.eyJ1.c2ln",
//!                 "UserAttributes": [{"Name": "", "Value": "Ada"}]}"#;
//! let err = validate_json(body, &Options::default()).unwrap_err();
//! assert_eq!(err.error_type().as_str(), "InvalidParameterException");
//! assert_eq!(
//!     err.message(),
//!     "2 validation errors detected: \
//!      Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: \
//!      Member must have length greater than or equal to 1; \
//!      Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: \
//!      Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+"
//! );
//! let d = &err.diagnostics()[0];
//! assert_eq!(d.rule.code(), "S101");
//! assert_eq!(d.path.json_pointer(), "/UserAttributes/0/Name");
//! assert_eq!(d.position.map(|p| (p.line, p.column)), Some((2, 45)));
//!
//! let ok = validate_json(br#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": []}"#,
//!                        &Options::default()).unwrap();
//! assert!(ok.user_attributes.is_empty());
//! ```
//!
//! Every other operation of the service model is checked by [`validate`]
//! and [`check`], given an [`Operation`] (from its name or its
//! `X-Amz-Target` value); a request that passes comes back as a borrowed
//! [`Request`] view. `validate_json` and `check_json` are the same as
//! `validate`/`check` with UpdateUserAttributes.
//!
//! # What is where
//!
//! At the root: the entry points [`validate`] and [`check`] (any operation:
//! [`Operation`], [`Request`], [`Value`]), [`validate_json`] and
//! [`check_json`] (UpdateUserAttributes, with its [`Report`]), the request
//! types ([`UpdateUserAttributesRequest`], [`AttributeType`],
//! [`ClientMetadata`]), the [`Options`] ([`NamePattern`], [`SchemaMode`]),
//! the catalogue of rules ([`Rule`], [`Severity`], [`ErrorType`]), the
//! findings ([`Diagnostic`], [`Constraint`], [`Shown`], [`Position`],
//! [`Span`], [`Within`]) and the service's answer ([`Rejection`]). Each
//! public item has this one path.
//!
//! Modules:
//! - [`model`]: every operation's shapes, generated from the service model;
//! - [`shape`]: UpdateUserAttributes's string shapes, their limits and patterns;
//! - [`path`]: locations in a request, in AWS and JSON Pointer form;
//! - [`pool`]: a user pool's schema and an app client's write list;
//! - [`response`]: checks of `UpdateUserAttributes` responses;
//! - `token`: the access-token pre-check, JWKS, RS256 and claims (with the
//!   `token` feature);
//! - `strategies`: proptest strategies for requests, valid and broken (with
//!   the `proptest` feature).
//!
//! # Features
//!
//! - `cli` (default): the `cognito-validate` command-line tool. A library
//!   user can turn it off (`default-features = false`).
//! - `proptest`: the public `strategies` module.
//! - `token` (on with `cli`): the public `token` module, and
//!   `Options::with_token_check`.
#![deny(missing_docs)]

mod aws;
mod chars;
mod check;
mod diagnostic;
mod family;
#[cfg(feature = "tower")]
pub mod gateway;
mod json;
pub mod model;
mod operation;
mod options;
pub mod path;
pub mod pool;
mod reader;
mod request;
pub mod response;
mod rule;
mod semantics;
pub mod shape;
#[cfg(feature = "proptest")]
pub mod strategies;
#[cfg(feature = "token")]
pub mod token;
mod walk;

pub use aws::Rejection;
pub use diagnostic::{Constraint, Diagnostic, Position, Shown, Span, Within};
pub use family::RequiredWording;
pub use operation::{check, validate, Operation, Request, Value};
pub use options::{NamePattern, Options};
pub use request::{AttributeType, ClientMetadata, UpdateUserAttributesRequest};
pub use rule::{ErrorType, Rule, Severity};
pub use semantics::SchemaMode;

/// The README's Rust examples, compiled and run as doctests so that they
/// cannot drift from the API. One uses the strategies and the gateway's
/// examples need its features, so the README is tested with all of them
/// (`--all-features`, as CI runs).
#[cfg(all(doctest, feature = "proptest", feature = "tower", feature = "serve"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Each public item has one path (issue 14.16): the modules whose items are
/// re-exported at the root are private, so these do not compile.
///
/// ```compile_fail
/// use cognito_validate::aws::Rejection;
/// ```
/// ```compile_fail
/// use cognito_validate::diagnostic::Diagnostic;
/// ```
/// ```compile_fail
/// use cognito_validate::rule::Rule;
/// ```
/// ```compile_fail
/// use cognito_validate::shape::NamePattern;
/// ```
/// ```compile_fail
/// let _ = cognito_validate::Rule::NamePattern;
/// ```
/// while the root paths do:
/// ```
/// use cognito_validate::{Constraint, Diagnostic, ErrorType, NamePattern, Options, Position,
///                        Rejection, Rule, SchemaMode, Severity, Shown, Span};
/// assert_eq!(Rule::NameCharacters.code(), "S103");
/// assert_eq!(Rejection::STATUS, 400);
/// assert_eq!(Rejection::CONTENT_TYPE, "application/x-amz-json-1.1");
/// ```
#[cfg(doctest)]
pub struct OnePathDoctests;

/// Parses a request body and checks it the way the service does: every
/// shape constraint (phase one), then the business rules of
/// [`Options::schema`] (phase two; the default pool's unless told otherwise).
///
/// Returns the request, borrowing every string without escapes from `input`,
/// or the service's answer. Never panics: every byte sequence gets a verdict.
/// Warnings (unknown members) are not collected here; use [`check_json`].
pub fn validate_json<'a>(
    input: &'a [u8],
    options: &Options,
) -> Result<UpdateUserAttributesRequest<'a>, Rejection> {
    let parsed = json::parse(input, options, false);
    let mut sink = parsed.sink;
    let token = parsed.request.as_ref().map(|r| (&*r.access_token, None));
    if !check_token(input, token, options, &mut sink, true) {
        if let Some(request) = parsed.request {
            return Ok(request);
        }
    }
    diagnostic::locate(input, &mut sink.diags);
    // `json::parse` returns no request only when it reported an error.
    Err(
        Rejection::from_diagnostics(sink.diags, (sink.phase_one_errors, sink.errors))
            .expect("an error was reported"),
    )
}

/// Runs [`Options::token`]'s check on a request that passed phase one
/// (`token` is its `AccessToken`, with the span of its JSON string when the
/// caller has it, when the parse found it; else it is read from `input`), requiring [`token::ADMIN_SCOPE`] when
/// `needs_admin_scope` (UpdateUserAttributes does), and records a fault in
/// `sink`, ahead of the business rules. Returns whether there was one.
#[cfg(feature = "token")]
pub(crate) fn check_token(
    input: &[u8],
    token: Option<(&str, Option<Span>)>,
    options: &Options,
    sink: &mut check::Sink,
    needs_admin_scope: bool,
) -> bool {
    let Some(check) = &options.token else {
        return false;
    };
    if sink.phase_one_errors > 0 {
        return false;
    }
    let scope = needs_admin_scope.then_some(token::ADMIN_SCOPE);
    match token::finding(input, token, check, scope) {
        Some(d) => {
            sink.errors += 1;
            token::keep(&mut sink.diags, d, options.diagnostic_cap());
            true
        }
        None => false,
    }
}

/// Without the `token` feature there is no token check.
#[cfg(not(feature = "token"))]
pub(crate) fn check_token(
    _: &[u8],
    _: Option<(&str, Option<Span>)>,
    _: &Options,
    _: &mut check::Sink,
    _: bool,
) -> bool {
    false
}

/// Everything found in one request body: errors and warnings, with positions.
#[derive(Debug)]
#[non_exhaustive]
pub struct Report<'a> {
    /// The request, when it had no error.
    pub request: Option<UpdateUserAttributesRequest<'a>>,
    /// The findings kept, errors and warnings, in document order.
    pub diagnostics: Vec<Diagnostic>,
    /// Errors found, including any beyond [`Options::max_diagnostics`].
    pub errors: usize,
    /// Of [`Report::errors`], those of phase one (shapes and JSON); the
    /// service answers with these when there are any.
    pub phase_one_errors: usize,
    /// Warnings found, including any beyond [`Options::max_diagnostics`].
    pub warnings: usize,
    /// Byte spans of every value that is or may be secret: the access token,
    /// attribute values, `ClientMetadata` values, the values of unknown
    /// members (a misspelt `accessToken` still holds a token), and every value
    /// the parser skips unread, whatever its type or place (a wrong-typed
    /// `UserAttributes`, an array in place of an attribute, a repeated
    /// member). A tool that shows source text masks these.
    pub secret_spans: Vec<Span>,
    /// The attribute-family operation whose voice words the answer (SignUp's
    /// `Attributes did not conform to the schema: ` prefix), if any.
    voice: Option<&'static family::Profile>,
}

impl Report<'_> {
    /// Whether the service would refuse the request.
    pub fn is_rejected(&self) -> bool {
        self.errors > 0
    }

    /// Findings not kept because of [`Options::max_diagnostics`].
    pub fn dropped(&self) -> usize {
        self.errors + self.warnings - self.diagnostics.len()
    }

    /// The service's answer, when it would refuse the request.
    pub fn rejection(&self) -> Option<Rejection> {
        let r = Rejection::from_diagnostics(
            self.diagnostics.clone(),
            (self.phase_one_errors, self.errors),
        )?;
        Some(match self.voice {
            Some(p) => p.reword(r),
            None => r,
        })
    }
}

/// Parses a request body and reports every finding, warnings included, each
/// with its line and column. For linters; servers want [`validate_json`].
pub fn check_json<'a>(input: &'a [u8], options: &Options) -> Report<'a> {
    let parsed = json::parse(input, options, true);
    let mut sink = parsed.sink;
    let mut request = parsed.request;
    let token = request.as_ref().map(|r| (&*r.access_token, None));
    if check_token(input, token, options, &mut sink, true) {
        request = None;
    }
    diagnostic::locate(input, &mut sink.diags);
    Report {
        request,
        diagnostics: sink.diags,
        errors: sink.errors,
        phase_one_errors: sink.phase_one_errors,
        warnings: sink.warnings,
        secret_spans: sink.secrets,
        voice: None,
    }
}
