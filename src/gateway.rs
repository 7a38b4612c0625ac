//! The tower layer (feature `tower`): validates Cognito requests in front of
//! any tower, hyper or axum service, answering refused ones in the service's
//! own words and passing the others on with their bytes unchanged.
//!
//! It lives here, not in the CLI, so that a Rust server needs one line
//! (`.layer(ValidateLayer::new(options))`); `cognito-validate serve` is the
//! same layer in front of a forwarding client.
//!
//! What a request meets, in order:
//!
//! 1. Not `POST`: passed on untouched, body unread.
//! 2. `POST` without an `X-Amz-Target` of `AWSCognitoIdentityProviderService.<Operation>`:
//!    passed on untouched; with [`ValidateLayer::refuse_unknown`] answered as
//!    the service answers a request it cannot route (reference section 2):
//!    HTTP 200, `{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}`.
//! 3. A `Content-Length` above the limit: refused unread (rule J007).
//! 4. The body is read up to the limit and no further; more is refused
//!    (J007). A body that cannot be read (the client went away, or a timeout
//!    set by the server cut it off) gets HTTP 408 `RequestTimeoutException`,
//!    `The request body was not received completely.`: the tool's own
//!    wording, chosen so that SDKs treat it as retryable.
//! 5. The operation is checked: every operation of the service model (see
//!    [`crate::Operation`]); a name the model does not know passes unread
//!    ([`Checked::No`]), or with [`ValidateLayer::refuse_unknown`] gets the
//!    answer of step 2 before its body is read. A refused request gets the
//!    service's answer:
//!    status, `x-amzn-ErrorType`, `x-amzn-ErrorMessage`, `x-amzn-RequestId`
//!    (a fresh UUID v4), `Content-Type: application/x-amz-json-1.1`,
//!    `Content-Length`, body.
//! 6. A request that passes goes on with the **original bytes** and a
//!    [`Verdict`] in its extensions. Every response, the layer's own or the
//!    inner service's, carries the [`Verdict`] in its extensions too, so an
//!    outer layer can log and count.
//!
//! With axum:
//!
//! ```
//! use axum::{routing::post, Router};
//! use cognito_validate::{gateway::ValidateLayer, Options};
//!
//! let app: Router = Router::new()
//!     .route("/", post(|body: axum::body::Bytes| async move { body }))
//!     .layer(ValidateLayer::new(Options::default()));
//! # let _ = app;
//! ```
//!
//! With a plain hyper service (or any tower `Service`), the inner service
//! receives a [`GatewayBody`]:
//!
//! ```
//! use std::convert::Infallible;
//! use bytes::Bytes;
//! use http::{Request, Response};
//! use http_body_util::{BodyExt, Full};
//! use cognito_validate::gateway::{GatewayBody, ValidateLayer, Verdict};
//! use cognito_validate::Options;
//! use tower::{Layer, Service, ServiceExt};
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let inner = tower::service_fn(|req: Request<GatewayBody<Full<Bytes>>>| async move {
//!     let op = req.extensions().get::<Verdict>().map(|v| v.operation.clone());
//!     let body = req.into_body().collect().await.unwrap().to_bytes();
//!     Ok::<_, Infallible>(Response::new(Full::new(Bytes::from(format!("{op:?} {}", body.len())))))
//! });
//! let mut svc = ValidateLayer::new(Options::default()).layer(inner);
//! let bad = Request::post("/")
//!     .header("X-Amz-Target", "AWSCognitoIdentityProviderService.UpdateUserAttributes")
//!     .body(Full::new(Bytes::from_static(br#"{"UserAttributes": []}"#)))
//!     .unwrap();
//! let answer = svc.ready().await.unwrap().call(bad).await.unwrap();
//! assert_eq!(answer.status(), 400);
//! assert_eq!(answer.headers()["x-amzn-ErrorType"], "InvalidParameterException:");
//! # });
//! ```

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http::{Method, Request, Response, StatusCode};
use http_body::Body;
use http_body_util::{BodyExt, Either, Full, LengthLimitError, Limited};
use tower_layer::Layer;
use tower_service::Service;

use crate::aws::{header_text, Rejection, CONTENT_TYPE as AMZ_JSON};
use crate::diagnostic::Diagnostic;
use crate::path::Path;
use crate::rule::{Rule, Severity};
use crate::Options;

/// The prefix of every Cognito user-pool `X-Amz-Target`.
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";

/// The longest operation name read from a target; longer ones are treated as
/// unknown (the longest real one has 40 characters). It bounds what reaches
/// logs and metric labels.
const MAX_OPERATION_LEN: usize = 64;

/// The body the inner service receives: the buffered original bytes of a
/// Cognito request ([`Either::Left`]) or, for requests the layer does not
/// read, the original body ([`Either::Right`]). The layer's responses use the
/// same type around the inner service's response body.
pub type GatewayBody<B> = Either<Full<Bytes>, B>;

/// A boxed error, as tower and hyper use.
type BoxError = Box<dyn StdError + Send + Sync>;

/// Whether the library checked the operation's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Checked {
    /// The body was validated.
    Yes,
    /// The operation is not one of the service model's (a newer operation
    /// than the vendored model, or a misspelt name); it passed unread (the
    /// bytes were still buffered and forwarded unchanged).
    No,
}

/// What the layer decided about one request. Inserted in the request's
/// extensions when it is passed on and in every response's extensions.
///
/// Its `Debug` holds no token or attribute value: the operation name is
/// restricted to ASCII letters and digits, and [`Diagnostic`] keeps secrets
/// out.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verdict {
    /// The operation named by `X-Amz-Target` (`UpdateUserAttributes`), or
    /// empty when the request named none the layer recognises.
    pub operation: String,
    /// What happened to the request.
    pub outcome: Outcome,
}

/// The outcome of a [`Verdict`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// Passed on; `warnings` are the findings that do not refuse it.
    Passed {
        /// Whether the body was validated.
        checked: Checked,
        /// Warnings (unknown members and the like).
        warnings: Vec<Diagnostic>,
    },
    /// Not a Cognito request (no or another `X-Amz-Target`, or not `POST`):
    /// passed on unread.
    NotCognito,
    /// Answered by the layer as the service answers a request it cannot
    /// route ([`ValidateLayer::refuse_unknown`]).
    UnknownOperation,
    /// Refused with the service's answer; `rules` are the rules behind it.
    Rejected {
        /// The rules of the error diagnostics behind the answer.
        rules: Vec<Rule>,
    },
    /// The body could not be read completely (408, the tool's wording).
    BodyUnreadable,
}

impl Outcome {
    /// A short label for logs and metrics: `passed`, `unchecked`,
    /// `not-cognito`, `unknown-operation`, `rejected` or `body-unreadable`.
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Passed {
                checked: Checked::Yes,
                ..
            } => "passed",
            Outcome::Passed {
                checked: Checked::No,
                ..
            } => "unchecked",
            Outcome::NotCognito => "not-cognito",
            Outcome::UnknownOperation => "unknown-operation",
            Outcome::Rejected { .. } => "rejected",
            Outcome::BodyUnreadable => "body-unreadable",
        }
    }
}

/// What the seam between the layer and the validator answers.
enum Check {
    Pass(Checked, Vec<Diagnostic>),
    Reject(Rejection),
}

/// The one place the layer asks the library about a body: by operation name.
/// Every operation of the service model is checked; a name the model does
/// not know passes unread.
fn check(operation: &str, body: &[u8], options: &Options) -> Check {
    let Some(op) = crate::Operation::from_name(operation) else {
        return Check::Pass(Checked::No, Vec::new());
    };
    let report = crate::check(op, body, options);
    match report.rejection() {
        Some(rejection) => Check::Reject(rejection),
        None => {
            let warnings = report
                .diagnostics
                .into_iter()
                .filter(|d| d.severity() == Severity::Warning)
                .collect();
            Check::Pass(Checked::Yes, warnings)
        }
    }
}

/// The operation a request names, when it is a `POST` whose `X-Amz-Target`
/// is `AWSCognitoIdentityProviderService.<Operation>` with an operation name
/// of ASCII letters and digits.
fn operation<B>(req: &Request<B>) -> Option<&str> {
    if req.method() != Method::POST {
        return None;
    }
    let target = req.headers().get("x-amz-target")?.to_str().ok()?;
    let op = target.strip_prefix(TARGET_PREFIX)?;
    let plausible = !op.is_empty()
        && op.len() <= MAX_OPERATION_LEN
        && op.bytes().all(|b| b.is_ascii_alphanumeric());
    plausible.then_some(op)
}

/// Configuration shared by every clone of the service.
#[derive(Debug)]
struct Config {
    options: Mutex<Arc<Options>>,
    max_body: usize,
    refuse_unknown: bool,
}

impl Config {
    /// The options for a request arriving now. With a token check, its
    /// clock is the system's, to the second: the options are rebuilt at most
    /// once a second.
    fn options(&self) -> Arc<Options> {
        #[cfg_attr(not(feature = "token"), allow(unused_mut))]
        let mut current = self.options.lock().unwrap_or_else(PoisonError::into_inner);
        #[cfg(feature = "token")]
        if let Some(check) = &current.token {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            if check.now != now {
                let check =
                    crate::token::TokenCheck::new(check.keys.clone(), check.policy.clone(), now);
                let options = (**current).clone().with_token_check(check);
                *current = Arc::new(options);
            }
        }
        Arc::clone(&current)
    }
}

/// The tower [`Layer`]: wraps a service in a [`Validate`].
///
/// ```
/// use cognito_validate::{gateway::ValidateLayer, Options};
/// let layer = ValidateLayer::new(Options::default())
///     .max_body(64 * 1024)
///     .refuse_unknown(true);
/// # let _ = layer;
/// ```
///
/// With [`Options::token`] set, access tokens are checked at the time each
/// request arrives (the system clock), whatever the check's `now` says.
#[derive(Clone, Debug)]
pub struct ValidateLayer {
    config: Arc<Config>,
}

impl ValidateLayer {
    /// A layer validating with these options. The body limit is
    /// [`Options::max_input_bytes`] (1 MiB by default).
    pub fn new(options: Options) -> ValidateLayer {
        let max_body = options.max_input_bytes;
        ValidateLayer {
            config: Arc::new(Config {
                options: Mutex::new(Arc::new(options)),
                max_body,
                refuse_unknown: false,
            }),
        }
    }

    fn edit(self, f: impl FnOnce(&mut Options, &mut usize, &mut bool)) -> ValidateLayer {
        let mut options = (*self.config.options()).clone();
        let mut max_body = self.config.max_body;
        let mut refuse_unknown = self.config.refuse_unknown;
        f(&mut options, &mut max_body, &mut refuse_unknown);
        ValidateLayer {
            config: Arc::new(Config {
                options: Mutex::new(Arc::new(options)),
                max_body,
                refuse_unknown,
            }),
        }
    }

    /// Bodies longer than this many bytes are refused (J007) without being
    /// read whole: at once when `Content-Length` says so, else as soon as
    /// the read passes the limit. Also caps the validator's input limit.
    pub fn max_body(self, bytes: usize) -> ValidateLayer {
        self.edit(|options, max_body, _| {
            *max_body = bytes;
            options.max_input_bytes = bytes;
        })
    }

    /// Whether a `POST` that names no Cognito operation is answered as the
    /// service answers it (HTTP 200 with an `UnknownOperationException`
    /// output) instead of being passed on. Default: passed on.
    pub fn refuse_unknown(self, refuse: bool) -> ValidateLayer {
        self.edit(|_, _, r| *r = refuse)
    }

    /// Replaces the keys of the token check (after a JWKS refresh), for this
    /// layer and every service it has built. Does nothing without a token
    /// check.
    #[cfg(feature = "token")]
    pub fn replace_token_keys(&self, keys: crate::token::Jwks) {
        let mut current = self
            .config
            .options
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(check) = &current.token {
            let check = crate::token::TokenCheck::new(keys, check.policy.clone(), check.now);
            *current = Arc::new((**current).clone().with_token_check(check));
        }
    }
}

impl<S> Layer<S> for ValidateLayer {
    type Service = Validate<S>;

    fn layer(&self, inner: S) -> Validate<S> {
        Validate {
            inner,
            config: Arc::clone(&self.config),
        }
    }
}

/// The service [`ValidateLayer`] builds around `S`.
#[derive(Clone)]
pub struct Validate<S> {
    inner: S,
    config: Arc<Config>,
}

impl<S> fmt::Debug for Validate<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validate")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// The future of [`Validate`].
pub type ValidateFuture<R, E> = Pin<Box<dyn Future<Output = Result<R, E>> + Send>>;

impl<S, B, RB> Service<Request<B>> for Validate<S>
where
    S: Service<Request<GatewayBody<B>>, Response = Response<RB>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    type Response = Response<GatewayBody<RB>>;
    type Error = S::Error;
    type Future = ValidateFuture<Self::Response, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        // The clone that was driven to readiness serves this call.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let config = Arc::clone(&self.config);
        Box::pin(async move {
            let Some(op) = operation(&req).map(str::to_owned) else {
                let verdict = Verdict {
                    operation: String::new(),
                    outcome: Outcome::NotCognito,
                };
                if config.refuse_unknown && req.method() == Method::POST {
                    let verdict = Verdict {
                        outcome: Outcome::UnknownOperation,
                        ..verdict
                    };
                    return Ok(left(unknown_operation(), verdict));
                }
                let mut req = req.map(Either::Right);
                req.extensions_mut().insert(verdict.clone());
                return inner.call(req).await.map(|r| right(r, verdict));
            };
            if config.refuse_unknown && crate::Operation::from_name(&op).is_none() {
                let verdict = Verdict {
                    operation: op,
                    outcome: Outcome::UnknownOperation,
                };
                return Ok(left(unknown_operation(), verdict));
            }
            let (parts, body) = req.into_parts();
            let verdict = |outcome| Verdict {
                operation: op.clone(),
                outcome,
            };
            let declared = parts
                .headers
                .get(CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok());
            if let Some(len) = declared.filter(|&len| len > config.max_body as u64) {
                let rejection = too_large(Some(len), config.max_body);
                let v = verdict(rejected(&rejection));
                return Ok(left(rejection_response(&rejection), v));
            }
            let bytes = match Limited::new(body, config.max_body).collect().await {
                Ok(collected) => collected.to_bytes(),
                Err(e) if e.is::<LengthLimitError>() => {
                    let rejection = too_large(None, config.max_body);
                    let v = verdict(rejected(&rejection));
                    return Ok(left(rejection_response(&rejection), v));
                }
                Err(_) => {
                    let answer = error_response(
                        StatusCode::REQUEST_TIMEOUT,
                        "RequestTimeoutException",
                        "The request body was not received completely.",
                    );
                    return Ok(left(answer, verdict(Outcome::BodyUnreadable)));
                }
            };
            match check(&op, &bytes, &config.options()) {
                Check::Reject(rejection) => {
                    let v = verdict(rejected(&rejection));
                    Ok(left(rejection_response(&rejection), v))
                }
                Check::Pass(checked, warnings) => {
                    let v = verdict(Outcome::Passed { checked, warnings });
                    let mut req = Request::from_parts(parts, Either::Left(Full::new(bytes)));
                    req.extensions_mut().insert(v.clone());
                    inner.call(req).await.map(|r| right(r, v))
                }
            }
        })
    }
}

fn rejected(rejection: &Rejection) -> Outcome {
    Outcome::Rejected {
        rules: rejection.diagnostics().iter().map(|d| d.rule).collect(),
    }
}

/// The J007 answer for a body over the limit; `len` when it was declared.
fn too_large(len: Option<u64>, max: usize) -> Rejection {
    let detail = match len {
        Some(len) => format!("The request is {len} bytes; the limit is {max} bytes."),
        None => format!("The request is more than {max} bytes; the limit is {max} bytes."),
    };
    let d = Diagnostic::new(Rule::InputTooLarge, Path::root(), None).with_detail(detail);
    // One error diagnostic always makes a rejection.
    Rejection::from_diagnostics(vec![d], (1, 1)).expect("one error was given")
}

fn left<RB>(answer: Response<Full<Bytes>>, verdict: Verdict) -> Response<GatewayBody<RB>> {
    let mut answer = answer.map(Either::Left);
    answer.extensions_mut().insert(verdict);
    answer
}

fn right<RB>(response: Response<RB>, verdict: Verdict) -> Response<GatewayBody<RB>> {
    let mut response = response.map(Either::Right);
    response.extensions_mut().insert(verdict);
    response
}

/// The service's answer to a request it cannot route (reference section 2,
/// one source): HTTP 200 and an `Output` holding the exception.
fn unknown_operation() -> Response<Full<Bytes>> {
    const BODY: &str = r#"{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}"#;
    finish(
        Response::builder().status(StatusCode::OK),
        Bytes::from_static(BODY.as_bytes()),
    )
}

/// The full answer to a refused request: the status, the headers of
/// [`Rejection::headers`] (`x-amzn-ErrorMessage` percent-encoded as that
/// method says), a fresh `x-amzn-RequestId`, `Content-Length` and the body.
///
/// ```
/// use cognito_validate::{gateway::rejection_response, validate_json, Options};
/// let rejection = validate_json(b"{", &Options::default()).unwrap_err();
/// let answer = rejection_response(&rejection);
/// assert_eq!(answer.status(), 400);
/// assert_eq!(answer.headers()["content-type"], "application/x-amz-json-1.1");
/// assert_eq!(answer.headers()["x-amzn-requestid"].len(), 36);
/// ```
pub fn rejection_response(rejection: &Rejection) -> Response<Full<Bytes>> {
    let mut builder = Response::builder().status(rejection.status());
    for (name, value) in rejection.headers() {
        builder = builder.header(name, value);
    }
    finish(builder, Bytes::from(rejection.body()))
}

/// An AWS-shaped error answer of the tool's own making: `status`,
/// `x-amzn-ErrorType: <error_type>:`, `x-amzn-ErrorMessage`, a fresh
/// `x-amzn-RequestId`, `Content-Type: application/x-amz-json-1.1` and
/// `{"__type":"<error_type>","message":"<message>"}`.
///
/// ```
/// use cognito_validate::gateway::error_response;
/// let answer = error_response(http::StatusCode::BAD_GATEWAY, "InternalErrorException", "down");
/// assert_eq!(answer.headers()["x-amzn-errortype"], "InternalErrorException:");
/// ```
pub fn error_response(
    status: StatusCode,
    error_type: &str,
    message: &str,
) -> Response<Full<Bytes>> {
    let body = serde_json::json!({ "__type": error_type, "message": message }).to_string();
    let builder = Response::builder()
        .status(status)
        .header("x-amzn-ErrorType", header_text(&format!("{error_type}:")))
        .header("x-amzn-ErrorMessage", header_text(message))
        .header(CONTENT_TYPE, AMZ_JSON);
    finish(builder, Bytes::from(body))
}

/// Adds `x-amzn-RequestId` and `Content-Length` and the body.
fn finish(builder: http::response::Builder, body: Bytes) -> Response<Full<Bytes>> {
    let mut builder = builder
        .header("x-amzn-RequestId", uuid::Uuid::new_v4().to_string())
        .header(CONTENT_LENGTH, body.len());
    if !builder
        .headers_ref()
        .is_some_and(|h| h.contains_key(CONTENT_TYPE))
    {
        builder = builder.header(CONTENT_TYPE, AMZ_JSON);
    }
    match builder.body(Full::new(body)) {
        Ok(response) => response,
        // Every header above is a valid name with a sanitised value; should
        // one not be, the answer is still a 500 rather than a panic.
        Err(_) => {
            let mut r = Response::new(Full::new(Bytes::new()));
            *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            r
        }
    }
}
