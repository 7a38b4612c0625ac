//! `cognito-validate serve`: a validating reverse proxy. Real AWS clients
//! talk to it as if it were Cognito; requests the service would refuse are
//! answered here ([`cognito_validate::gateway`]), the others go on to the
//! upstream unchanged and its answer comes back unchanged.
//!
//! Lives in the CLI because it is I/O (sockets, signals, clocks, logs); the
//! library keeps the pure layer. Pieces, in request order: the accept loop
//! (bounded connections, header and body timeouts), `GET /healthz` and
//! `GET /metrics`, the layer, [`Forward`] (the upstream client with its
//! timeout), then one log line and the counters.
//!
//! Its own answers (all AWS-shaped, the tool's wording):
//! - upstream unreachable or failing before answering: 502
//!   `InternalErrorException`, `The upstream could not be reached.`;
//! - upstream silent past `--upstream-timeout-ms`: 504
//!   `InternalErrorException`, `The upstream did not answer in time.`;
//! - a body not received within `--body-timeout-ms`: the layer's 408.

use std::convert::Infallible;
use std::fmt::Write as _;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use clap::Args;
use cognito_validate::gateway::{error_response, GatewayBody, Outcome, ValidateLayer, Verdict};
use cognito_validate::{NamePattern, Options};
use http::header::{HeaderName, CONTENT_TYPE};
use http::uri::{PathAndQuery, Uri};
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body::{Body, Frame, SizeHint};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Either, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tower_layer::Layer;
use tower_service::Service;

use super::args::{read_jwks, with_pool, NamePatternArg, TokenPolicyArgs};
use cognito_validate::token::{Jwks, TokenCheck};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (`127.0.0.1:0` picks a free port). The address
    /// taken is printed on standard output as `listening on ADDR`.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Where valid requests go: `https://cognito-idp.<region>.amazonaws.com`
    /// or an emulator such as `http://127.0.0.1:5000`.
    #[arg(long, value_name = "URL")]
    pub upstream: Uri,

    /// Attribute-name pattern of the user pool.
    #[arg(long, value_enum, default_value_t = NamePatternArg::Legacy)]
    pub name_pattern: NamePatternArg,

    /// The user pool's schema (a DescribeUserPool answer, as for `lint`).
    #[arg(long, value_name = "FILE")]
    pub pool_schema: Option<PathBuf>,

    /// The app client's WriteAttributes (FILE or comma-separated LIST, as for `lint`).
    #[arg(long, value_name = "FILE|LIST")]
    pub write_attributes: Option<String>,

    /// Request bodies longer than this are refused (J007) without being read whole.
    #[arg(long, value_name = "BYTES", default_value_t = Options::DEFAULT_MAX_INPUT_BYTES)]
    pub max_body: usize,

    /// Answer a POST that names no Cognito operation as the service does
    /// (HTTP 200, UnknownOperationException) instead of forwarding it.
    #[arg(long)]
    pub refuse_unknown: bool,

    /// Upstream answers slower than this (to the response head) get a 504.
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub upstream_timeout_ms: u64,

    /// A client must send its headers and its whole body within this time.
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub body_timeout_ms: u64,

    /// On SIGTERM or Ctrl-C, requests in flight get this long to finish.
    #[arg(long, value_name = "MS", default_value_t = 30_000)]
    pub shutdown_timeout_ms: u64,

    /// Refuse a NEW_PASSWORD_REQUIRED answer that lacks any of the pool's
    /// required attributes (A016). Off by default: the service asks only for
    /// those the user lacks, which the proxy cannot tell, and a proxy must
    /// not refuse what the service accepts.
    #[arg(long)]
    pub require_challenge_attributes: bool,

    /// At most this many client connections at once; more wait to be accepted.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub max_connections: usize,

    /// Check the AccessToken of every operation whose request carries one
    /// with the RS256 keys of this JWKS: a FILE, or an http(s) URL (`<issuer>/.well-known/jwks.json`)
    /// fetched at start and again, at most once per 10 s, when a token names
    /// a key it does not hold. Tokens are checked at the system clock's time.
    #[arg(long, value_name = "FILE|URL")]
    pub jwks: Option<String>,

    /// What an accepted token must satisfy.
    #[command(flatten)]
    pub token_policy: TokenPolicyArgs,

    /// Forward without validating: the baseline proxy of the benchmarks.
    #[arg(long, hide = true)]
    pub no_validate: bool,
}

/// Runs the proxy until SIGTERM or Ctrl-C; the exit status.
pub fn run(args: &ServeArgs) -> u8 {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
    let options = match options(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    if !matches!(args.upstream.scheme_str(), Some("http" | "https"))
        || args.upstream.authority().is_none()
    {
        eprintln!(
            "error: --upstream must be an http:// or https:// URL with a host, not {}",
            args.upstream
        );
        return 2;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return 2;
        }
    };
    match runtime.block_on(serve(args, options)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

fn options(args: &ServeArgs) -> Result<Options, String> {
    let pattern = match args.name_pattern {
        NamePatternArg::Legacy => NamePattern::Legacy,
        NamePatternArg::Current => NamePattern::Current,
    };
    let opts = Options::default()
        .with_name_pattern(pattern)
        .with_max_input_bytes(args.max_body)
        .with_required_in_challenge(args.require_challenge_attributes);
    with_pool(
        opts,
        args.pool_schema.as_deref(),
        args.write_attributes.as_deref(),
    )
}

/// The body of a client's request, cut off at a deadline.
type ClientBody = Deadline<Incoming>;
/// What the proxy answers with.
type AnswerBody = UnsyncBoxBody<Bytes, BoxError>;

/// Where the JWKS comes from when it is a URL, and when it was last fetched.
struct JwksSource {
    url: Uri,
    last: Mutex<Instant>,
}

/// At most one JWKS fetch per this long (as aws-jwt-verify does).
const JWKS_REFETCH: Duration = Duration::from_secs(10);
/// A JWKS fetch gives up after this long.
const JWKS_TIMEOUT: Duration = Duration::from_secs(5);

struct State {
    layer: ValidateLayer,
    jwks: Option<JwksSource>,
    validate: Option<cognito_validate::gateway::Validate<Forward>>,
    forward: Forward,
    metrics: Metrics,
    body_timeout: Duration,
}

async fn serve(args: &ServeArgs, mut options: Options) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("cannot read the listening address: {e}"))?;
    println!("listening on {local}");
    // Tests and scripts wait for that line; a closed stdout is no reason to stop.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    tracing::info!(listen = %local, upstream = %args.upstream, "serving");

    let forward = Forward::new(args.upstream.clone(), args.upstream_timeout_ms);
    let mut jwks = None;
    if let Some(source) = &args.jwks {
        let policy = args.token_policy.policy()?;
        let keys = if source.starts_with("http://") || source.starts_with("https://") {
            let url: Uri = source
                .parse()
                .map_err(|e| format!("--jwks {source}: {e}"))?;
            let keys = fetch_jwks(&forward, &url).await?;
            jwks = Some(JwksSource {
                url,
                last: Mutex::new(Instant::now()),
            });
            keys
        } else {
            read_jwks(std::path::Path::new(source))?
        };
        tracing::info!(keys = keys.len(), "token check on");
        // The layer replaces `now` with the clock's time on each request.
        options = options.with_token_check(TokenCheck::new(keys, policy, 0));
    }
    let layer = ValidateLayer::new(options)
        .max_body(args.max_body)
        .refuse_unknown(args.refuse_unknown);
    let validate = (!args.no_validate).then(|| layer.layer(forward.clone()));
    let state = Arc::new(State {
        layer,
        jwks,
        validate,
        forward,
        metrics: Metrics::default(),
        body_timeout: Duration::from_millis(args.body_timeout_ms),
    });
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let permits = Arc::new(tokio::sync::Semaphore::new(args.max_connections.max(1)));
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = Arc::clone(&permits).acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, don't spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let state = Arc::clone(&state);
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(state.body_timeout)
            .serve_connection(
                TokioIo::new(stream),
                service_fn(move |req| handle(req, Arc::clone(&state))),
            );
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!("shutting down: finishing requests in flight");
    let grace = Duration::from_millis(args.shutdown_timeout_ms);
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("stopped"),
        () = tokio::time::sleep(grace) => tracing::warn!("stopped with requests still in flight"),
    }
    Ok(())
}

/// Fetches a JWKS document through the upstream client, with a timeout and
/// a size cap.
async fn fetch_jwks(forward: &Forward, url: &Uri) -> Result<Jwks, String> {
    let req = Request::get(url.clone())
        .body(Either::Left(Full::new(Bytes::new())))
        .map_err(|e| format!("--jwks {url}: {e}"))?;
    let answer = tokio::time::timeout(JWKS_TIMEOUT, forward.client.request(req))
        .await
        .map_err(|_| format!("--jwks {url}: no answer within {JWKS_TIMEOUT:?}"))?
        .map_err(|e| format!("--jwks {url}: {e}"))?;
    if !answer.status().is_success() {
        return Err(format!("--jwks {url}: HTTP {}", answer.status()));
    }
    let body = tokio::time::timeout(
        JWKS_TIMEOUT,
        http_body_util::Limited::new(answer.into_body(), Jwks::MAX_BYTES).collect(),
    )
    .await
    .map_err(|_| format!("--jwks {url}: the body did not arrive within {JWKS_TIMEOUT:?}"))?
    .map_err(|e| format!("--jwks {url}: {e}"))?
    .to_bytes();
    Jwks::from_json(&body).map_err(|e| format!("--jwks {url}: {e}"))
}

/// After a token named a key the JWKS lacks: fetches it again in the
/// background, at most once per [`JWKS_REFETCH`].
fn refetch_jwks(state: &Arc<State>) {
    let Some(source) = &state.jwks else { return };
    {
        let mut last = source
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if last.elapsed() < JWKS_REFETCH {
            return;
        }
        *last = Instant::now();
    }
    let state = Arc::clone(state);
    tokio::spawn(async move {
        let Some(source) = &state.jwks else { return };
        match fetch_jwks(&state.forward, &source.url).await {
            Ok(keys) => {
                tracing::info!(keys = keys.len(), "JWKS refreshed");
                state.layer.replace_token_keys(keys);
            }
            Err(e) => tracing::warn!(error = %e, "JWKS refresh failed"),
        }
    });
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let term = async {
        #[cfg(unix)]
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
        #[cfg(not(unix))]
        std::future::pending::<()>().await;
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = term => {}
    }
}

async fn handle(
    req: Request<Incoming>,
    state: Arc<State>,
) -> Result<Response<AnswerBody>, Infallible> {
    if req.method() == Method::GET {
        match req.uri().path() {
            "/healthz" => return Ok(text(StatusCode::OK, "ok\n".into())),
            "/metrics" => return Ok(text(StatusCode::OK, state.metrics.render())),
            _ => {}
        }
    }
    let start = Instant::now();
    let req = req.map(|b| Deadline::new(b, state.body_timeout));
    let answer = match &state.validate {
        Some(v) => {
            let mut v = v.clone();
            match v.call(req).await {
                Ok(r) => r.map(|b| b.boxed_unsync()),
                Err(never) => match never {},
            }
        }
        None => {
            let mut f = state.forward.clone();
            match f.call(req.map(Either::Right)).await {
                Ok(r) => r.map(|b| b.boxed_unsync()),
                Err(never) => match never {},
            }
        }
    };
    let latency = start.elapsed();
    let upstream_error = answer.extensions().get::<UpstreamError>().is_some();
    let verdict = answer.extensions().get::<Verdict>();
    let operation = verdict.map_or("", |v| v.operation.as_str());
    let outcome = verdict.map_or("forwarded", |v| v.outcome.label());
    let rules = match verdict.map(|v| &v.outcome) {
        Some(Outcome::Rejected { rules }) => rules.iter().map(|r| r.code()).collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    if rules.contains(&cognito_validate::Rule::TokenUnknownKey.code()) {
        refetch_jwks(&state);
    }
    state
        .metrics
        .record(operation, outcome, &rules, upstream_error, latency);
    // Only the operation name (ASCII letters and digits), labels, rule codes
    // and numbers: never a header, a path, a token or a value.
    tracing::info!(
        operation = if operation.is_empty() { "-" } else { operation },
        verdict = outcome,
        rules = %rules.join(","),
        status = answer.status().as_u16(),
        upstream_error,
        latency_us = latency.as_micros() as u64,
        "request"
    );
    Ok(answer)
}

fn text(status: StatusCode, body: String) -> Response<AnswerBody> {
    let mut r = Response::new(
        Full::new(Bytes::from(body))
            .map_err(|never| match never {})
            .boxed_unsync(),
    );
    *r.status_mut() = status;
    r.headers_mut().insert(
        CONTENT_TYPE,
        http::HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    r
}

/// Marks an answer the proxy made because the upstream failed.
#[derive(Clone, Copy, Debug)]
struct UpstreamError;

/// The upstream client: rewrites the URI onto the upstream, drops hop-by-hop
/// headers and keeps every other header, `Host` included: a SigV4 signature
/// covers `Host`, and the client signed for the proxy's address. (An
/// upstream that routes on `Host` must accept that; moto does.)
#[derive(Clone)]
struct Forward {
    client: Client<hyper_rustls::HttpsConnector<HttpConnector>, GatewayBody<ClientBody>>,
    base: Uri,
    timeout: Duration,
}

impl Forward {
    fn new(base: Uri, timeout_ms: u64) -> Forward {
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(connector);
        Forward {
            client,
            base,
            timeout: Duration::from_millis(timeout_ms),
        }
    }

    /// The upstream URI for a request's path and query, under the base's path.
    fn target(&self, uri: &Uri) -> Option<Uri> {
        let prefix = self.base.path().trim_end_matches('/');
        let rest = uri.path_and_query().map_or("/", PathAndQuery::as_str);
        let pq = PathAndQuery::try_from(format!("{prefix}{rest}")).ok()?;
        Uri::builder()
            .scheme(self.base.scheme_str()?)
            .authority(self.base.authority()?.as_str())
            .path_and_query(pq)
            .build()
            .ok()
    }
}

type ForwardAnswer = Response<GatewayBody<Incoming>>;

impl Service<Request<GatewayBody<ClientBody>>> for Forward {
    type Response = ForwardAnswer;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<ForwardAnswer, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut req: Request<GatewayBody<ClientBody>>) -> Self::Future {
        let client = self.client.clone();
        let timeout = self.timeout;
        let target = self.target(req.uri());
        Box::pin(async move {
            let Some(target) = target else {
                return Ok(upstream_failed(
                    StatusCode::BAD_GATEWAY,
                    "The upstream could not be reached.",
                ));
            };
            *req.uri_mut() = target;
            strip_hop_by_hop(req.headers_mut());
            match tokio::time::timeout(timeout, client.request(req)).await {
                Ok(Ok(mut answer)) => {
                    strip_hop_by_hop(answer.headers_mut());
                    Ok(answer.map(Either::Right))
                }
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, connect = e.is_connect(), "upstream failed");
                    Ok(upstream_failed(
                        StatusCode::BAD_GATEWAY,
                        "The upstream could not be reached.",
                    ))
                }
                Err(_) => Ok(upstream_failed(
                    StatusCode::GATEWAY_TIMEOUT,
                    "The upstream did not answer in time.",
                )),
            }
        })
    }
}

fn upstream_failed(status: StatusCode, message: &str) -> ForwardAnswer {
    let mut answer = error_response(status, "InternalErrorException", message).map(Either::Left);
    answer.extensions_mut().insert(UpstreamError);
    answer
}

/// Removes the headers that belong to one connection (RFC 9110 section
/// 7.6.1), including those `Connection` names.
fn strip_hop_by_hop(headers: &mut HeaderMap) {
    let named: Vec<HeaderName> = headers
        .get_all(http::header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|n| HeaderName::try_from(n.trim()).ok())
        .collect();
    for name in named {
        headers.remove(name);
    }
    for name in [
        "connection",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    ] {
        headers.remove(name);
    }
}

/// A body that fails once its deadline passes, so that a client sending
/// slowly is cut off.
struct Deadline<B> {
    inner: B,
    sleep: Pin<Box<tokio::time::Sleep>>,
}

impl<B> Deadline<B> {
    fn new(inner: B, after: Duration) -> Deadline<B> {
        Deadline {
            inner,
            sleep: Box::pin(tokio::time::sleep(after)),
        }
    }
}

impl<B> Body for Deadline<B>
where
    B: Body + Unpin,
    B::Error: Into<BoxError>,
{
    type Data = B::Data;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<B::Data>, BoxError>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => Poll::Ready(frame.map(|f| f.map_err(Into::into))),
            Poll::Pending => match this.sleep.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Some(Err("the request body timed out".into()))),
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// Distinct operation labels kept; more are counted as `other`, so that a
/// client inventing targets cannot grow the table without bound.
const MAX_OPERATIONS: usize = 256;

/// Prometheus counters, rendered in the text format at `GET /metrics`.
#[derive(Default)]
struct Metrics {
    requests: Mutex<std::collections::BTreeMap<(String, &'static str), u64>>,
    rejections: Mutex<std::collections::BTreeMap<&'static str, u64>>,
    upstream_errors: AtomicU64,
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Metrics {
    fn record(
        &self,
        operation: &str,
        outcome: &'static str,
        rules: &[&'static str],
        upstream_error: bool,
        latency: Duration,
    ) {
        if let Ok(mut m) = self.requests.lock() {
            let key = (operation.to_owned(), outcome);
            if m.len() >= MAX_OPERATIONS && !m.contains_key(&key) {
                *m.entry(("other".to_owned(), outcome)).or_default() += 1;
            } else {
                *m.entry(key).or_default() += 1;
            }
        }
        if !rules.is_empty() {
            if let Ok(mut m) = self.rejections.lock() {
                for rule in rules {
                    *m.entry(rule).or_default() += 1;
                }
            }
        }
        if upstream_error {
            self.upstream_errors.fetch_add(1, Ordering::Relaxed);
        }
        let secs = latency.as_secs_f64();
        for (bound, n) in BUCKETS.iter().zip(&self.buckets) {
            if secs <= *bound {
                n.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros
            .fetch_add(latency.as_micros() as u64, Ordering::Relaxed);
    }

    fn render(&self) -> String {
        let mut s = String::new();
        // Writing to a String cannot fail.
        let _ = self.write(&mut s);
        s
    }

    fn write(&self, s: &mut String) -> std::fmt::Result {
        writeln!(
            s,
            "# HELP cognito_validate_requests_total Requests by operation and verdict."
        )?;
        writeln!(s, "# TYPE cognito_validate_requests_total counter")?;
        if let Ok(m) = self.requests.lock() {
            for ((op, verdict), n) in m.iter() {
                writeln!(
                    s,
                    "cognito_validate_requests_total{{operation=\"{op}\",verdict=\"{verdict}\"}} {n}"
                )?;
            }
        }
        writeln!(
            s,
            "# HELP cognito_validate_rejections_total Rejections by rule."
        )?;
        writeln!(s, "# TYPE cognito_validate_rejections_total counter")?;
        if let Ok(m) = self.rejections.lock() {
            for (rule, n) in m.iter() {
                writeln!(
                    s,
                    "cognito_validate_rejections_total{{rule=\"{rule}\"}} {n}"
                )?;
            }
        }
        writeln!(
            s,
            "# HELP cognito_validate_upstream_errors_total Upstream failures and timeouts."
        )?;
        writeln!(s, "# TYPE cognito_validate_upstream_errors_total counter")?;
        writeln!(
            s,
            "cognito_validate_upstream_errors_total {}",
            self.upstream_errors.load(Ordering::Relaxed)
        )?;
        writeln!(s, "# HELP cognito_validate_request_duration_seconds Time from request head to answer head.")?;
        writeln!(
            s,
            "# TYPE cognito_validate_request_duration_seconds histogram"
        )?;
        for (bound, n) in BUCKETS.iter().zip(&self.buckets) {
            writeln!(
                s,
                "cognito_validate_request_duration_seconds_bucket{{le=\"{bound}\"}} {}",
                n.load(Ordering::Relaxed)
            )?;
        }
        let count = self.count.load(Ordering::Relaxed);
        writeln!(
            s,
            "cognito_validate_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
        )?;
        writeln!(
            s,
            "cognito_validate_request_duration_seconds_sum {}",
            self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        )?;
        writeln!(s, "cognito_validate_request_duration_seconds_count {count}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_render_counts_in_prometheus_text() {
        let m = Metrics::default();
        m.record(
            "UpdateUserAttributes",
            "rejected",
            &["S101", "S103"],
            false,
            Duration::from_micros(700),
        );
        m.record(
            "UpdateUserAttributes",
            "rejected",
            &["S101"],
            false,
            Duration::from_millis(2),
        );
        m.record("", "not-cognito", &[], true, Duration::from_secs(9));
        let text = m.render();
        assert!(text.contains("cognito_validate_requests_total{operation=\"UpdateUserAttributes\",verdict=\"rejected\"} 2\n"));
        assert!(text.contains("cognito_validate_rejections_total{rule=\"S101\"} 2\n"));
        assert!(text.contains("cognito_validate_rejections_total{rule=\"S103\"} 1\n"));
        assert!(text.contains("cognito_validate_upstream_errors_total 1\n"));
        assert!(text.contains("cognito_validate_request_duration_seconds_bucket{le=\"0.001\"} 1\n"));
        assert!(
            text.contains("cognito_validate_request_duration_seconds_bucket{le=\"0.0025\"} 2\n")
        );
        assert!(text.contains("cognito_validate_request_duration_seconds_bucket{le=\"+Inf\"} 3\n"));
        assert!(text.contains("cognito_validate_request_duration_seconds_count 3\n"));
    }

    #[test]
    fn operation_labels_are_capped() {
        let m = Metrics::default();
        for i in 0..MAX_OPERATIONS + 10 {
            m.record(&format!("Op{i}"), "unchecked", &[], false, Duration::ZERO);
        }
        let text = m.render();
        assert!(text.contains("operation=\"other\",verdict=\"unchecked\"} 10\n"));
        assert_eq!(
            m.requests.lock().map(|m| m.len()).unwrap_or(0),
            MAX_OPERATIONS + 1
        );
    }

    #[test]
    fn hop_by_hop_headers_go_and_the_signed_ones_stay() {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("host", "127.0.0.1:8080"),
            ("authorization", "AWS4-HMAC-SHA256 Credential=x"),
            ("x-amz-date", "20260101T000000Z"),
            ("connection", "keep-alive, x-private"),
            ("x-private", "1"),
            ("transfer-encoding", "chunked"),
        ] {
            h.insert(k, http::HeaderValue::from_static(v));
        }
        strip_hop_by_hop(&mut h);
        let mut left: Vec<&str> = h.keys().map(|k| k.as_str()).collect();
        left.sort_unstable();
        assert_eq!(left, ["authorization", "host", "x-amz-date"]);
    }

    #[test]
    fn targets_keep_path_and_query_under_the_base() {
        let f = |base: &str, uri: &str| {
            let base: Uri = base.parse().unwrap_or_default();
            let fw = Forward {
                client: Forward::new(base.clone(), 1).client,
                base,
                timeout: Duration::from_millis(1),
            };
            fw.target(&uri.parse().unwrap_or_default())
                .map(|u| u.to_string())
        };
        let rt = tokio::runtime::Builder::new_current_thread().build();
        let _guard = rt.as_ref().map(|rt| rt.enter());
        assert_eq!(
            f("http://127.0.0.1:5000", "/"),
            Some("http://127.0.0.1:5000/".into())
        );
        assert_eq!(
            f("https://cognito-idp.eu-west-1.amazonaws.com/", "/?a=1"),
            Some("https://cognito-idp.eu-west-1.amazonaws.com/?a=1".into())
        );
        assert_eq!(
            f("http://h:1/base/", "/x"),
            Some("http://h:1/base/x".into())
        );
    }
}
