//! The access-token pre-check (feature `token`): is this a Cognito access
//! token the service would take, as far as the keys and a clock can tell?
//!
//! Pure like the rest of the library: the caller passes the key set
//! ([`Jwks`]), the time (`now`, epoch seconds) and what to require
//! ([`TokenPolicy`]). Nothing here reads a file, the network or the clock.
//!
//! A token the service would refuse gets its answer: `NotAuthorizedException`
//! (HTTP 400) with one of the service's texts. Which text the service sends
//! for which fault, and in which order it checks, is not published; the
//! choices below are this library's, and each fault is a rule (T001-T010)
//! whose explanation says so.
//!
//! | order | check | rule | message |
//! |---|---|---|---|
//! | 1 | at most [`MAX_TOKEN_BYTES`]; three base64url parts; header and payload JSON objects; claims of the right JSON types; `exp` present | T001 | `Invalid Access Token` |
//! | 2 | header `alg` is `RS256` | T002 | `Invalid Access Token` |
//! | 3 | header `kid` names a key of the JWKS | T003 | `Could not verify signature for Access Token` |
//! | 4 | RS256 signature | T004 | `Could not verify signature for Access Token` |
//! | 5 | `token_use` is `access` | T007 | `Invalid Access Token` |
//! | 6 | `exp` is after `now` (minus the grace) | T005 | `Access Token has expired` |
//! | 7 | `nbf`, if present, is not after `now` (plus the grace) | T006 | `Invalid Access Token` |
//! | 8 | `iss` is an issuer of the policy, when it names any | T008 | `Invalid Access Token` |
//! | 9 | `client_id` is an app client of the policy, when it names any | T009 | `Invalid Access Token` |
//! | 10 | `scope` holds the scope the operation needs, when it needs one | T010 | `Access Token does not have required scopes` |
//!
//! The signature is checked before any claim is trusted; the token's type
//! before its lifetime (an id token is not an access token, expired or not).
//! Revocation (`Access Token has been revoked`) needs the service's state and
//! is not checked.
//!
//! The token is a secret: no error, message, `Debug` or `Display` here holds
//! it or any part of it. [`TokenError`] carries nothing from the token, and
//! [`Claims`]'s `Debug` leaves out the user's `sub` and `username`.

use std::fmt;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use serde::de::{self, Deserializer, IgnoredAny};
use serde::Deserialize;

use crate::aws::Rejection;
use crate::diagnostic::{Diagnostic, Span};
use crate::path::{Member, Path};
use crate::rule::Rule;

mod jwks;
mod request;

pub use jwks::{Jwks, JwksError};
pub(crate) use request::{finding, keep};

/// The scope the operations on a user's own profile need (reference:
/// operations-and-tokens section 4), e.g. UpdateUserAttributes.
pub const ADMIN_SCOPE: &str = "aws.cognito.signin.user.admin";

/// The longest token decoded, in bytes; a longer one is `Invalid Access
/// Token` unread. Cognito's access tokens are 1 to 2 KiB; many group
/// memberships make them longer. The cap is this library's choice.
pub const MAX_TOKEN_BYTES: usize = 32 * 1024;

/// base64url without padding, as JWS (RFC 7515) writes every part; a
/// non-canonical encoding (stray low bits) is refused too.
pub(crate) const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

/// What a token must satisfy beyond its signature and lifetime.
///
/// `TokenPolicy::default()` accepts any issuer and any app client, with no
/// grace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenPolicy {
    /// The accepted `iss` values; empty: any.
    pub issuers: Vec<String>,
    /// The accepted `client_id` values; empty: any.
    pub client_ids: Vec<String>,
    /// Seconds of clock skew allowed on `exp` and `nbf`.
    pub grace_seconds: u64,
}

/// Why a user pool id was refused by [`TokenPolicy::with_user_pool`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a user pool id is `<region>_<id>`, e.g. `us-east-1_AbCdEf123`, in ASCII letters, digits and `-`")]
pub struct PoolIdError;

impl TokenPolicy {
    /// Accepts the tokens of this user pool (`us-east-1_AbCdEf123`): both
    /// issuer forms, `https://cognito-idp.<region>.amazonaws.com/<poolId>`
    /// and `https://issuer-cognito-idp.<region>.amazonaws.com/<poolId>`, with
    /// the region taken from the id.
    ///
    /// ```
    /// use cognito_validate::token::TokenPolicy;
    /// let p = TokenPolicy::default().with_user_pool("eu-west-1_AbC123").unwrap();
    /// assert_eq!(p.issuers, [
    ///     "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123",
    ///     "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123",
    /// ]);
    /// ```
    pub fn with_user_pool(self, pool_id: &str) -> Result<Self, PoolIdError> {
        let (region, id) = pool_id.split_once('_').ok_or(PoolIdError)?;
        let region_ok = !region.is_empty()
            && region
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let id_ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric());
        if !region_ok || !id_ok || pool_id.len() > 55 {
            return Err(PoolIdError);
        }
        Ok(self.with_issuer(format!(
            "https://cognito-idp.{region}.amazonaws.com/{pool_id}"
        )))
    }

    /// Accepts tokens whose `iss` is `issuer` (a trailing `/` is dropped).
    /// When it is one of the two documented Cognito forms, the other form of
    /// the same pool is accepted too.
    pub fn with_issuer(mut self, issuer: impl Into<String>) -> Self {
        let mut issuer: String = issuer.into();
        if issuer.ends_with('/') {
            issuer.pop();
        }
        const OLD: &str = "https://cognito-idp.";
        const NEW: &str = "https://issuer-cognito-idp.";
        let other = if let Some(rest) = issuer.strip_prefix(OLD) {
            Some(format!("{NEW}{rest}"))
        } else {
            issuer.strip_prefix(NEW).map(|rest| format!("{OLD}{rest}"))
        };
        for i in std::iter::once(issuer).chain(other) {
            if !self.issuers.contains(&i) {
                self.issuers.push(i);
            }
        }
        self
    }

    /// Accepts tokens issued to this app client (`client_id`).
    pub fn with_client_id(mut self, client_id: impl Into<String>) -> Self {
        self.client_ids.push(client_id.into());
        self
    }

    /// Allows this many seconds of clock skew on `exp` and `nbf`.
    pub fn with_grace_seconds(mut self, seconds: u64) -> Self {
        self.grace_seconds = seconds;
        self
    }
}

/// Why a token is refused: one per rule T001-T010. Carries nothing from the
/// token, so it can be logged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// T001: not a JWT of three base64url parts with JSON objects, or its
    /// claims have the wrong types, or it is longer than [`MAX_TOKEN_BYTES`].
    #[error("Invalid Access Token")]
    Malformed,
    /// T002: the header's `alg` is not `RS256` (`none`, `HS256`, ...).
    #[error("Invalid Access Token")]
    Algorithm,
    /// T003: the header's `kid` is missing or names no key of the JWKS.
    #[error("Could not verify signature for Access Token")]
    UnknownKey,
    /// T004: the signature does not verify.
    #[error("Could not verify signature for Access Token")]
    Signature,
    /// T005: `exp` is past.
    #[error("Access Token has expired")]
    Expired,
    /// T006: `nbf` is in the future.
    #[error("Invalid Access Token")]
    NotYetValid,
    /// T007: `token_use` is not `access` (an id token, say).
    #[error("Invalid Access Token")]
    NotAccessToken,
    /// T008: `iss` is not an issuer of the policy.
    #[error("Invalid Access Token")]
    Issuer,
    /// T009: `client_id` is not an app client of the policy.
    #[error("Invalid Access Token")]
    ClientId,
    /// T010: `scope` lacks the scope the operation needs.
    #[error("Access Token does not have required scopes")]
    Scope,
}

impl TokenError {
    /// Every fault, in the order the check looks for them.
    pub const ALL: [TokenError; 10] = [
        TokenError::Malformed,
        TokenError::Algorithm,
        TokenError::UnknownKey,
        TokenError::Signature,
        TokenError::NotAccessToken,
        TokenError::Expired,
        TokenError::NotYetValid,
        TokenError::Issuer,
        TokenError::ClientId,
        TokenError::Scope,
    ];

    /// The rule this fault breaks.
    pub const fn rule(self) -> Rule {
        match self {
            TokenError::Malformed => Rule::TokenMalformed,
            TokenError::Algorithm => Rule::TokenAlgorithm,
            TokenError::UnknownKey => Rule::TokenUnknownKey,
            TokenError::Signature => Rule::TokenSignature,
            TokenError::Expired => Rule::TokenExpired,
            TokenError::NotYetValid => Rule::TokenNotYetValid,
            TokenError::NotAccessToken => Rule::TokenNotAccess,
            TokenError::Issuer => Rule::TokenIssuer,
            TokenError::ClientId => Rule::TokenClient,
            TokenError::Scope => Rule::TokenScope,
        }
    }

    /// The service's message, e.g. `Access Token has expired`.
    pub fn message(self) -> String {
        self.to_string()
    }

    /// The finding: the rule, at `AccessToken`, with the service's message.
    pub(crate) fn diagnostic(self, span: Option<Span>) -> Diagnostic {
        Diagnostic::new(self.rule(), Path::root().member(Member::AccessToken), span)
            .with_detail(self.message())
    }

    /// The service's answer: `NotAuthorizedException`, HTTP 400, this
    /// fault's message.
    ///
    /// ```
    /// use cognito_validate::token::TokenError;
    /// let r = TokenError::Expired.rejection();
    /// assert_eq!(r.status(), 400);
    /// assert_eq!(
    ///     r.body(),
    ///     r#"{"__type":"NotAuthorizedException","message":"Access Token has expired"}"#
    /// );
    /// ```
    pub fn rejection(self) -> Rejection {
        // One error diagnostic always makes an answer.
        Rejection::from_diagnostics(vec![self.diagnostic(None)], (0, 1))
            .expect("one error makes an answer")
    }
}

/// What a gateway wants to know of an accepted token. The raw token is not
/// kept.
///
/// `Debug` leaves out `sub` and `username`, which name the user.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Claims {
    /// `sub`: the user's id in the pool.
    pub sub: Option<String>,
    /// `username`.
    pub username: Option<String>,
    /// `client_id`: the app client the token was issued to.
    pub client_id: Option<String>,
    /// `scope`, split at spaces.
    pub scopes: Vec<String>,
    /// `cognito:groups`.
    pub groups: Vec<String>,
    /// `iss`.
    pub issuer: Option<String>,
    /// `exp`, epoch seconds (rounded up when fractional).
    pub expires_at: u64,
}

impl fmt::Debug for Claims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |o: &Option<String>| o.as_ref().map(|_| "<redacted>");
        f.debug_struct("Claims")
            .field("sub", &shown(&self.sub))
            .field("username", &shown(&self.username))
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .field("groups", &self.groups)
            .field("issuer", &self.issuer)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// What a request check needs: the keys, the policy and the time. Give it to
/// [`crate::Options::with_token_check`] and [`crate::validate_json`],
/// [`crate::check_json`], [`crate::validate`] and [`crate::check`] check the
/// request's `AccessToken` once its shapes pass, for every operation whose
/// request has that member, requiring [`ADMIN_SCOPE`] of the operations that
/// need it ([`crate::model::OperationDef::needs_admin_scope`]:
/// UpdateUserAttributes, GetUser, ChangePassword, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenCheck {
    /// The keys that may have signed the token.
    pub keys: Jwks,
    /// What the token must satisfy.
    pub policy: TokenPolicy,
    /// The time to check `exp` and `nbf` against, in epoch seconds.
    pub now: u64,
}

impl TokenCheck {
    /// A check with these keys, policy and time.
    pub fn new(keys: Jwks, policy: TokenPolicy, now: u64) -> TokenCheck {
        TokenCheck { keys, policy, now }
    }
}

/// The JOSE header's members that matter.
#[derive(Deserialize)]
struct Header {
    alg: Option<String>,
    kid: Option<String>,
    /// Extensions the signer says must be understood; none are.
    crit: Option<IgnoredAny>,
}

/// The payload's claims that are checked or returned.
#[derive(Deserialize)]
struct Payload {
    sub: Option<String>,
    username: Option<String>,
    client_id: Option<String>,
    scope: Option<String>,
    token_use: Option<String>,
    iss: Option<String>,
    exp: Option<NumericDate>,
    nbf: Option<NumericDate>,
    #[serde(rename = "cognito:groups")]
    groups: Option<Vec<String>>,
}

/// A JWT NumericDate: seconds since the epoch, possibly fractional; rounded
/// up (a token valid until 100.5 is still valid at 100), negatives as 0.
struct NumericDate(u64);

impl<'de> Deserialize<'de> for NumericDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = NumericDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number of seconds")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumericDate, E> {
                Ok(NumericDate(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumericDate, E> {
                Ok(NumericDate(u64::try_from(v).unwrap_or(0)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumericDate, E> {
                // `as` saturates: negatives to 0, beyond u64::MAX to u64::MAX.
                Ok(NumericDate(v.ceil() as u64))
            }
        }
        d.deserialize_any(V)
    }
}

/// Decodes one base64url part into a JSON object of type `T`.
fn json_part<T: for<'de> Deserialize<'de>>(part: &str) -> Result<T, TokenError> {
    let bytes = BASE64URL.decode(part).map_err(|_| TokenError::Malformed)?;
    // A struct would also be read from a JSON array; a JWT part is an object.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(TokenError::Malformed);
    }
    serde_json::from_slice(&bytes).map_err(|_| TokenError::Malformed)
}

/// Checks an access token: its form, its RS256 signature by a key of `keys`,
/// that it is an access token valid at `now` (epoch seconds), and what
/// `policy` and `required_scope` ask (pass [`ADMIN_SCOPE`] for the
/// operations that need it). The checks run in the order of the
/// [module documentation](self); the first fault is the answer.
///
/// ```
/// use cognito_validate::token::{check_access_token, Jwks, TokenError, TokenPolicy, ADMIN_SCOPE};
/// # let jwks_json = std::fs::read("tests/data/token/jwks-a.json").unwrap();
/// let keys = Jwks::from_json(&jwks_json).unwrap();
/// let policy = TokenPolicy::default()
///     .with_user_pool("us-east-1_AbC123").unwrap()
///     .with_client_id("4ug8b0jd5pn2gsqmeuo3cpa4mf");
/// let err = check_access_token("eyJ0.eyJ1.c2ln", &keys, 1_700_000_000, &policy, Some(ADMIN_SCOPE));
/// assert_eq!(err.unwrap_err(), TokenError::Malformed);
/// assert_eq!(TokenError::Malformed.rejection().message(), "Invalid Access Token");
/// ```
pub fn check_access_token(
    token: &str,
    keys: &Jwks,
    now: u64,
    policy: &TokenPolicy,
    required_scope: Option<&str>,
) -> Result<Claims, TokenError> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(TokenError::Malformed);
    }
    let mut parts = token.split('.');
    let (Some(header_b64), Some(payload_b64), Some(signature_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Malformed);
    };
    let header: Header = json_part(header_b64)?;
    let payload: Payload = json_part(payload_b64)?;
    let signature = BASE64URL
        .decode(signature_b64)
        .map_err(|_| TokenError::Malformed)?;
    let Some(exp) = payload.exp else {
        return Err(TokenError::Malformed);
    };
    if header.crit.is_some() {
        return Err(TokenError::Malformed);
    }

    if header.alg.as_deref() != Some("RS256") {
        return Err(TokenError::Algorithm);
    }
    let key = header
        .kid
        .as_deref()
        .and_then(|kid| keys.find(kid))
        .ok_or(TokenError::UnknownKey)?;
    // The signing input is the first two parts as written, with their dot.
    let signed = &token[..header_b64.len() + 1 + payload_b64.len()];
    ring::signature::RsaPublicKeyComponents {
        n: &key.n,
        e: &key.e,
    }
    .verify(
        &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        signed.as_bytes(),
        &signature,
    )
    .map_err(|_| TokenError::Signature)?;

    if payload.token_use.as_deref() != Some("access") {
        return Err(TokenError::NotAccessToken);
    }
    let grace = policy.grace_seconds;
    if now >= exp.0.saturating_add(grace) {
        return Err(TokenError::Expired);
    }
    if payload
        .nbf
        .is_some_and(|nbf| now.saturating_add(grace) < nbf.0)
    {
        return Err(TokenError::NotYetValid);
    }
    let listed = |list: &[String], claim: &Option<String>| {
        list.is_empty() || claim.as_ref().is_some_and(|c| list.contains(c))
    };
    if !listed(&policy.issuers, &payload.iss) {
        return Err(TokenError::Issuer);
    }
    if !listed(&policy.client_ids, &payload.client_id) {
        return Err(TokenError::ClientId);
    }
    let scopes: Vec<String> = payload
        .scope
        .as_deref()
        .unwrap_or("")
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if required_scope.is_some_and(|need| !scopes.iter().any(|s| s == need)) {
        return Err(TokenError::Scope);
    }
    Ok(Claims {
        sub: payload.sub,
        username: payload.username,
        client_id: payload.client_id,
        scopes,
        groups: payload.groups.unwrap_or_default(),
        issuer: payload.iss,
        expires_at: exp.0,
    })
}
