//! `cognito-validate serve` against fake upstreams on loopback: what reaches
//! the upstream, what comes back, the timeouts, the shutdown and the log.
#![cfg(feature = "serve")]

#[path = "common/proxy.rs"]
mod proxy;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use proxy::{get, post, read_answer, Proxy};

/// A fake upstream on loopback: records each raw request and answers with a
/// fixed 200 after `delay`.
struct Upstream {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Vec<u8>>>>,
}

const UPSTREAM_BODY: &str = r#"{"from":"upstream"}"#;

impl Upstream {
    fn start(delay: Duration) -> Upstream {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let addr = listener.local_addr().expect("an address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        thread::spawn(move || {
            for stream in listener.incoming().take(100) {
                let Ok(mut stream) = stream else { continue };
                let record = Arc::clone(&record);
                thread::spawn(move || {
                    let request = read_request(&mut stream);
                    record.lock().expect("not poisoned").push(request);
                    thread::sleep(delay);
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nx-upstream: yes\r\nx-amzn-RequestId: upstream-id\r\n\
                         Content-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\r\n{UPSTREAM_BODY}",
                        UPSTREAM_BODY.len()
                    );
                });
            }
        });
        Upstream { addr, seen }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self) -> Vec<Vec<u8>> {
        self.seen.lock().expect("not poisoned").clone()
    }
}

/// Reads a request head and its Content-Length body, byte for byte.
fn read_request(stream: &mut TcpStream) -> Vec<u8> {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut raw = Vec::new();
    let mut byte = [0u8; 1];
    while !raw.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => raw.push(byte[0]),
            _ => return raw,
        }
    }
    let head = String::from_utf8_lossy(&raw).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    if stream.read_exact(&mut body).is_ok() {
        raw.extend_from_slice(&body);
    }
    raw
}

/// The headers of a raw request, lower-cased names, in order.
fn head_lines(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    head.lines()
        .skip(1)
        .map(|l| l.to_ascii_lowercase())
        .collect()
}

const VALID: &str = r#"{"AccessToken":"eyJ0.eyJ1.c2ln","UserAttributes":[{"Name":"nickname","Value":"Ada \u00e9"}]}"#;
/// A ListUserPools body the model accepts (MaxResults is required).
const LIST_POOLS: &[u8] = br#"{"MaxResults":10}"#;

#[test]
fn a_signed_valid_request_reaches_the_upstream_byte_for_byte_and_its_answer_comes_back() {
    let upstream = Upstream::start(Duration::ZERO);
    let proxy = Proxy::start(&upstream.url(), &[]);
    let mut s = TcpStream::connect(proxy.addr).expect("the proxy accepts");
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nX-Amz-Target: AWSCognitoIdentityProviderService.UpdateUserAttributes\r\n\
         Content-Type: application/x-amz-json-1.1\r\nX-Amz-Date: 20261202T120000Z\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/eu-west-1/cognito-idp/aws4_request, \
         SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0123abcd\r\n\
         Content-Length: {len}\r\nConnection: close\r\n\r\n",
        addr = proxy.addr,
        len = VALID.len()
    );
    s.write_all(head.as_bytes()).expect("written");
    s.write_all(VALID.as_bytes()).expect("written");
    let answer = read_answer(&mut s);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, UPSTREAM_BODY.as_bytes());
    assert_eq!(answer.header("x-upstream"), Some("yes"));
    assert_eq!(answer.header("x-amzn-RequestId"), Some("upstream-id"));

    let requests = upstream.requests();
    assert_eq!(requests.len(), 1);
    let raw = &requests[0];
    assert!(
        raw.ends_with(VALID.as_bytes()),
        "{}",
        String::from_utf8_lossy(raw)
    );
    let seen = head_lines(raw);
    // Every header a SigV4 signature covers arrives as the client sent it:
    // Host (the proxy's address, which the client signed), the date, the
    // target, the type, the signature itself, and the length of the same body.
    for sent in head_lines(head.as_bytes()) {
        if sent.starts_with("connection:") {
            continue;
        }
        assert!(seen.contains(&sent), "{sent:?} missing from {seen:?}");
    }
    assert!(String::from_utf8_lossy(raw).starts_with("POST / HTTP/1.1\r\n"));
}

#[test]
fn a_refused_request_never_reaches_the_upstream() {
    let upstream = Upstream::start(Duration::ZERO);
    let proxy = Proxy::start(&upstream.url(), &["--max-body", "200"]);
    let answer = post(
        proxy.addr,
        "UpdateUserAttributes",
        br#"{"UserAttributes":[]}"#,
    );
    assert_eq!(answer.status, 400);
    assert_eq!(
        String::from_utf8_lossy(&answer.body),
        r#"{"__type":"InvalidParameterException","message":"1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must not be null"}"#
    );
    assert_eq!(
        answer.header("x-amzn-ErrorType"),
        Some("InvalidParameterException:")
    );
    assert_eq!(answer.header("x-amzn-RequestId").map(str::len), Some(36));
    let big = format!(
        r#"{{"AccessToken":"x","UserAttributes":[],"Pad":"{}"}}"#,
        "a".repeat(300)
    );
    let answer = post(proxy.addr, "UpdateUserAttributes", big.as_bytes());
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.header("x-amzn-ErrorType"),
        Some("SerializationException:")
    );
    assert!(upstream.requests().is_empty());
}

#[test]
fn healthz_and_metrics_answer_without_the_upstream() {
    let upstream = Upstream::start(Duration::ZERO);
    let proxy = Proxy::start(&upstream.url(), &[]);
    let health = get(proxy.addr, "/healthz");
    assert_eq!((health.status, &health.body[..]), (200, &b"ok\n"[..]));
    assert_eq!(post(proxy.addr, "UpdateUserAttributes", b"{").status, 400);
    assert_eq!(
        post(proxy.addr, "UpdateUserAttributes", VALID.as_bytes()).status,
        200
    );
    // Every operation of the model is checked (ListUserPools requires
    // MaxResults); a name the model does not know passes unchecked.
    assert_eq!(post(proxy.addr, "ListUserPools", b"{}").status, 400);
    assert_eq!(post(proxy.addr, "ListUserPools", LIST_POOLS).status, 200);
    assert_eq!(post(proxy.addr, "ListUserPoolsV9", b"{}").status, 200);
    let metrics = String::from_utf8(get(proxy.addr, "/metrics").body).expect("text");
    for line in [
        "cognito_validate_requests_total{operation=\"UpdateUserAttributes\",verdict=\"rejected\"} 1",
        "cognito_validate_requests_total{operation=\"UpdateUserAttributes\",verdict=\"passed\"} 1",
        "cognito_validate_requests_total{operation=\"ListUserPools\",verdict=\"rejected\"} 1",
        "cognito_validate_requests_total{operation=\"ListUserPools\",verdict=\"passed\"} 1",
        "cognito_validate_requests_total{operation=\"ListUserPoolsV9\",verdict=\"unchecked\"} 1",
        "cognito_validate_rejections_total{rule=\"J001\"} 1",
        "cognito_validate_rejections_total{rule=\"S001\"} 1",
        "cognito_validate_upstream_errors_total 0",
        "cognito_validate_request_duration_seconds_count 5",
    ] {
        assert!(metrics.lines().any(|l| l == line), "{line} not in\n{metrics}");
    }
    assert_eq!(upstream.requests().len(), 3);
}

#[test]
fn a_slow_upstream_gets_a_504_after_the_timeout() {
    let upstream = Upstream::start(Duration::from_secs(5));
    let proxy = Proxy::start(&upstream.url(), &["--upstream-timeout-ms", "300"]);
    let start = Instant::now();
    let answer = post(proxy.addr, "ListUserPools", LIST_POOLS);
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(answer.status, 504);
    assert_eq!(
        String::from_utf8_lossy(&answer.body),
        r#"{"__type":"InternalErrorException","message":"The upstream did not answer in time."}"#
    );
    assert_eq!(
        answer.header("x-amzn-ErrorType"),
        Some("InternalErrorException:")
    );
    let metrics = String::from_utf8(get(proxy.addr, "/metrics").body).expect("text");
    assert!(
        metrics.contains("cognito_validate_upstream_errors_total 1\n"),
        "{metrics}"
    );
}

#[test]
fn an_unreachable_upstream_gets_a_502() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    // The listener is closed: nothing accepts on that port any more.
    let proxy = Proxy::start(&format!("http://127.0.0.1:{port}"), &[]);
    let answer = post(proxy.addr, "UpdateUserAttributes", VALID.as_bytes());
    assert_eq!(answer.status, 502);
    assert_eq!(
        String::from_utf8_lossy(&answer.body),
        r#"{"__type":"InternalErrorException","message":"The upstream could not be reached."}"#
    );
}

#[test]
fn a_client_sending_its_body_slowly_is_cut_off() {
    let upstream = Upstream::start(Duration::ZERO);
    let proxy = Proxy::start(&upstream.url(), &["--body-timeout-ms", "300"]);
    let mut s = TcpStream::connect(proxy.addr).expect("the proxy accepts");
    let start = Instant::now();
    write!(
        s,
        "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSCognitoIdentityProviderService.UpdateUserAttributes\r\n\
         Content-Length: 100\r\n\r\n{{\"AccessToken\""
    )
    .expect("written");
    let answer = read_answer(&mut s);
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(answer.status, 408);
    assert_eq!(
        answer.header("x-amzn-ErrorType"),
        Some("RequestTimeoutException:")
    );
    assert!(upstream.requests().is_empty());
}

#[test]
fn sigterm_lets_requests_in_flight_finish_then_stops() {
    let upstream = Upstream::start(Duration::from_millis(800));
    let mut proxy = Proxy::start(&upstream.url(), &[]);
    let addr = proxy.addr;
    let in_flight = thread::spawn(move || post(addr, "ListUserPools", LIST_POOLS));
    // Wait until the request is at the upstream.
    let start = Instant::now();
    while upstream.requests().is_empty() && start.elapsed() < Duration::from_secs(5) {
        thread::sleep(Duration::from_millis(10));
    }
    proxy.terminate();
    let answer = in_flight.join().expect("the client thread");
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, UPSTREAM_BODY.as_bytes());
    assert_eq!(proxy.wait(Duration::from_secs(10)), Some(0));
    assert!(
        TcpStream::connect(addr).is_err(),
        "still accepting after SIGTERM"
    );
}

#[test]
fn the_log_has_one_line_per_request_and_no_secret() {
    const MARK: &str = "MARKERSECRET";
    let upstream = Upstream::start(Duration::ZERO);
    let proxy = Proxy::start(&upstream.url(), &[]);
    let bodies = [
        format!(
            r#"{{"AccessToken":"{MARK}","UserAttributes":[{{"Name":"nickname","Value":"{MARK}"}}]}}"#
        ),
        format!(
            r#"{{"AccessToken":"{MARK} x","UserAttributes":[{{"Name":"nickname","Value":"{MARK}"}}]}}"#
        ),
        format!(r#"{{"AccessToken":"x","UserAttributes":[{{"Name":"sub","Value":"{MARK}"}}]}}"#),
        format!(r#"{{"AccessToken":"{MARK}"#),
        format!(r#"{{"AccessToken":"x","UserAttributes":[],"{MARK}":"{MARK}"}}"#),
    ];
    for body in &bodies {
        post(proxy.addr, "UpdateUserAttributes", body.as_bytes());
    }
    post(proxy.addr, "AdminUpdateUserAttributes", MARK.as_bytes());
    let mut s = TcpStream::connect(proxy.addr).expect("the proxy accepts");
    write!(
        s,
        "POST /{MARK}?{MARK}={MARK} HTTP/1.1\r\nHost: {MARK}\r\nAuthorization: {MARK}\r\n\
         X-Amz-Target: {MARK}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
    )
    .expect("written");
    read_answer(&mut s);
    let log = proxy.log();
    assert!(!log.contains(MARK), "a secret in the log:\n{log}");
    let requests: Vec<&str> = log.lines().filter(|l| l.contains(" request ")).collect();
    assert_eq!(requests.len(), 7, "{log}");
    assert!(
        requests[1].contains(
            "operation=\"UpdateUserAttributes\" verdict=\"rejected\" rules=S121 status=400"
        ),
        "{}",
        requests[1]
    );
    assert!(requests.iter().all(|l| l.contains("latency_us=")));
}

#[test]
fn a_new_password_answer_is_not_refused_for_required_attributes_the_user_may_have() {
    // The service asks a NEW_PASSWORD_REQUIRED answer only for the required
    // attributes the user lacks; the proxy cannot tell, so by default it
    // forwards. The shipped pool requires email; this answer carries none.
    let body =
        std::fs::read("examples/family-requests/RespondToAuthChallenge/invalid-email-missing.json")
            .expect("the shipped example");
    let pool = "examples/pool/describe-user-pool.json";
    let upstream = Upstream::start(Duration::ZERO);
    let proxy = Proxy::start(&upstream.url(), &["--pool-schema", pool]);
    assert_eq!(
        post(proxy.addr, "RespondToAuthChallenge", &body).status,
        200
    );
    assert_eq!(upstream.requests().len(), 1);
    let strict = Proxy::start(
        &upstream.url(),
        &["--pool-schema", pool, "--require-challenge-attributes"],
    );
    let answer = post(strict.addr, "RespondToAuthChallenge", &body);
    assert_eq!(answer.status, 400);
    assert_eq!(
        String::from_utf8_lossy(&answer.body),
        r#"{"__type":"InvalidParameterException","message":"Invalid attributes given, email is missing"}"#
    );
    assert_eq!(upstream.requests().len(), 1, "the refusal never reached it");
}
