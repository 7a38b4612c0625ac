//! The tower layer with a fake inner service: what reaches the service is the
//! client's bytes, unchanged; what the layer answers is the service's answer,
//! header by header; bodies over the limit are refused without being read.
#![cfg(feature = "tower")]

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use cognito_validate::gateway::{Checked, GatewayBody, Outcome, ValidateLayer, Verdict};
use cognito_validate::{validate_json, Options};
use http::{Request, Response};
use http_body::{Body, Frame, SizeHint};
use http_body_util::{BodyExt, Full};
use tower::{Layer, ServiceExt};

const UUA: &str = "AWSCognitoIdentityProviderService.UpdateUserAttributes";

/// What the fake inner service saw.
#[derive(Default)]
struct Seen {
    calls: usize,
    bodies: Vec<Bytes>,
    verdicts: Vec<Option<Verdict>>,
    headers: Vec<http::HeaderMap>,
}

type Inner<B> =
    tower::util::BoxCloneService<Request<GatewayBody<B>>, Response<Full<Bytes>>, Infallible>;

/// A fake upstream: records the body bytes and the verdict, answers 200 `ok`.
fn inner<B>(seen: Arc<Mutex<Seen>>) -> Inner<B>
where
    B: Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    tower::util::BoxCloneService::new(tower::service_fn(move |req: Request<GatewayBody<B>>| {
        let seen = Arc::clone(&seen);
        async move {
            let verdict = req.extensions().get::<Verdict>().cloned();
            let headers = req.headers().clone();
            let body = match req.into_body().collect().await {
                Ok(c) => c.to_bytes(),
                Err(_) => Bytes::from_static(b"<body error>"),
            };
            let mut s = seen.lock().unwrap();
            s.calls += 1;
            s.bodies.push(body);
            s.verdicts.push(verdict);
            s.headers.push(headers);
            Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(b"ok"))))
        }
    }))
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

fn post(target: Option<&str>, body: impl Into<Bytes>) -> Request<Full<Bytes>> {
    let mut b = Request::post("/").header("Content-Type", "application/x-amz-json-1.1");
    if let Some(t) = target {
        b = b.header("X-Amz-Target", t);
    }
    b.body(Full::new(body.into())).expect("a valid request")
}

/// Sends one request through a fresh layer; the answer's parts and body.
fn send<B>(
    layer: &ValidateLayer,
    seen: &Arc<Mutex<Seen>>,
    req: Request<B>,
) -> (http::response::Parts, Bytes)
where
    B: Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>> + std::fmt::Debug,
{
    rt().block_on(async {
        let svc = layer.layer(inner::<B>(Arc::clone(seen)));
        let answer = svc.oneshot(req).await.expect("infallible");
        let (parts, body) = answer.into_parts();
        let bytes = body.collect().await.expect("a readable answer").to_bytes();
        (parts, bytes)
    })
}

/// Valid UpdateUserAttributes bodies, written many ways: the examples that
/// pass, and variations in white space, escapes, key order and Unicode.
fn valid_corpus() -> Vec<Vec<u8>> {
    let mut corpus: Vec<Vec<u8>> = Vec::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/requests");
    for entry in std::fs::read_dir(&dir).expect("the examples exist") {
        let path = entry.expect("a directory entry").path();
        let bytes = std::fs::read(&path).expect("a readable example");
        if path.extension().is_some_and(|e| e == "jsonl") {
            corpus.extend(bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec));
        } else {
            corpus.push(bytes);
        }
    }
    corpus.extend(
        [
            r#"{"AccessToken":"eyJ0.eyJ1.c2ln","UserAttributes":[]}"#,
            "{ \"UserAttributes\" : [ { \"Value\" : \"Ada\" , \"Name\" : \"nickname\" } ] ,\r\n\t\"AccessToken\" : \"a-b_c=d.e\" }\n",
            r#"{"AccessToken":"x","UserAttributes":[{"Name":"nickn\u0061me","Value":"\ud83d\udc4d \"quoted\" \\ back"}]}"#,
            r#"{"AccessToken":"x","UserAttributes":[{"Name":"custom:plan","Value":"Ωμέγα 👍"}],"ClientMetadata":{"k":"v"}}"#,
            r#"{"AccessToken":"x","UserAttributes":[{"Name":"nickname","Value":"a"}],"Unknown":{"nested":[1,2.5e3,true,null]}}"#,
        ]
        .map(|s| s.as_bytes().to_vec()),
    );
    corpus.retain(|b| validate_json(b, &Options::default()).is_ok());
    corpus
}

#[test]
fn valid_bodies_reach_the_service_byte_for_byte() {
    let corpus = valid_corpus();
    assert!(corpus.len() >= 10, "the corpus shrank to {}", corpus.len());
    let layer = ValidateLayer::new(Options::default());
    let seen = Arc::new(Mutex::new(Seen::default()));
    for body in &corpus {
        let (parts, answer) = send(&layer, &seen, post(Some(UUA), body.clone()));
        assert_eq!(parts.status, 200);
        assert_eq!(answer, "ok");
    }
    let seen = seen.lock().unwrap();
    assert_eq!(seen.calls, corpus.len());
    for (sent, got) in corpus.iter().zip(&seen.bodies) {
        assert_eq!(&got[..], &sent[..]);
    }
    for v in &seen.verdicts {
        let v = v.as_ref().expect("a verdict in the extensions");
        assert_eq!(v.operation, "UpdateUserAttributes");
        assert!(matches!(
            v.outcome,
            Outcome::Passed {
                checked: Checked::Yes,
                ..
            }
        ));
    }
}

#[test]
fn warnings_travel_with_the_request() {
    let layer = ValidateLayer::new(Options::default());
    let seen = Arc::new(Mutex::new(Seen::default()));
    let body = r#"{"AccessToken":"x","UserAttributes":[],"accessToken":"y"}"#;
    let (parts, _) = send(&layer, &seen, post(Some(UUA), body));
    assert_eq!(parts.status, 200);
    let seen = seen.lock().unwrap();
    let Some(Some(Verdict {
        outcome: Outcome::Passed { warnings, .. },
        ..
    })) = seen.verdicts.first()
    else {
        panic!("no passing verdict: {:?}", seen.verdicts);
    };
    // The empty list (W011) and the misspelt member (W001), in document order.
    let codes: Vec<&str> = warnings.iter().map(|d| d.rule.code()).collect();
    assert_eq!(codes, ["W011", "W001"]);
}

#[test]
fn other_operations_and_other_requests_pass_unchanged() {
    let layer = ValidateLayer::new(Options::default());
    let seen = Arc::new(Mutex::new(Seen::default()));
    // An operation the vendored model does not know (a newer one, or a
    // misspelt name) is not checked, so any bytes pass, even invalid JSON or
    // bytes that are not UTF-8.
    let bodies: [&[u8]; 4] = [
        br#"{"UserPoolId":"eu-west-1_abc","Username":"ada"}"#,
        b"{",
        &[0xff, 0xfe, 0],
        b"",
    ];
    for body in bodies {
        let req = post(
            Some("AWSCognitoIdentityProviderService.AdminGetUserV2"),
            Bytes::copy_from_slice(body),
        );
        let (parts, _) = send(&layer, &seen, req);
        assert_eq!(parts.status, 200);
    }
    for (target, method) in [
        (None, "POST"),
        (Some("AWSCognitoIdentityService.GetId"), "POST"),
        (Some("AWSCognitoIdentityProviderService.Get User"), "POST"),
        (Some(UUA), "GET"),
    ] {
        let mut req = post(target, Bytes::from_static(b"{"));
        *req.method_mut() = method.parse().expect("a method");
        let (parts, _) = send(&layer, &seen, req);
        assert_eq!(parts.status, 200);
        let v = parts
            .extensions
            .get::<Verdict>()
            .expect("a verdict on the answer");
        assert_eq!(v.outcome, Outcome::NotCognito);
    }
    let seen = seen.lock().unwrap();
    assert_eq!(seen.calls, 8);
    for (sent, got) in bodies.iter().zip(&seen.bodies) {
        assert_eq!(&got[..], *sent);
    }
    for v in &seen.verdicts[..4] {
        let v = v.as_ref().expect("a verdict");
        assert_eq!(v.operation, "AdminGetUserV2");
        assert!(matches!(
            v.outcome,
            Outcome::Passed {
                checked: Checked::No,
                ..
            }
        ));
    }
    assert!(seen.bodies[4..].iter().all(|b| b == "{"));
}

#[test]
fn refuse_unknown_answers_as_the_service_does() {
    let layer = ValidateLayer::new(Options::default()).refuse_unknown(true);
    let seen = Arc::new(Mutex::new(Seen::default()));
    let (parts, body) = send(&layer, &seen, post(None, "{}"));
    assert_eq!(parts.status, 200);
    // Reference section 2: a request without X-Amz-Target.
    assert_eq!(
        body,
        r#"{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}"#
    );
    assert_eq!(parts.headers["content-length"], body.len().to_string());
    assert_eq!(seen.lock().unwrap().calls, 0);
}

#[test]
fn every_operation_of_the_model_is_checked() {
    let layer = ValidateLayer::new(Options::default());
    let seen = Arc::new(Mutex::new(Seen::default()));
    // Reference (operations-and-tokens.md section 2), ListGroups, verbatim.
    let req = post(
        Some("AWSCognitoIdentityProviderService.ListGroups"),
        r#"{"UserPoolId": " ap-northeast-1_xxx"}"#,
    );
    let (parts, body) = send(&layer, &seen, req);
    assert_eq!(parts.status, 400);
    assert_eq!(
        body,
        concat!(
            r#"{"__type":"InvalidParameterException","message":"1 validation error detected: "#,
            r#"Value ' ap-northeast-1_xxx' at 'userPoolId' failed to satisfy constraint: "#,
            r#"Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"}"#
        )
    );
    // A body that is not JSON is refused for any operation, not only
    // UpdateUserAttributes.
    let req = post(Some("AWSCognitoIdentityProviderService.AdminGetUser"), "{");
    let (parts, _) = send(&layer, &seen, req);
    assert_eq!(parts.status, 400);
    // A valid one passes, checked, with its bytes.
    let valid = r#"{"UserPoolId":"eu-west-1_abc","Username":"ada"}"#;
    let req = post(
        Some("AWSCognitoIdentityProviderService.AdminGetUser"),
        valid,
    );
    let (parts, _) = send(&layer, &seen, req);
    assert_eq!(parts.status, 200);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.calls, 1, "only the valid request reaches the service");
    assert_eq!(seen.bodies[0], valid);
    let v = seen.verdicts[0].as_ref().expect("a verdict");
    assert!(matches!(
        v.outcome,
        Outcome::Passed {
            checked: Checked::Yes,
            ..
        }
    ));
}

#[test]
fn refuse_unknown_also_answers_an_operation_the_model_does_not_know() {
    let layer = ValidateLayer::new(Options::default()).refuse_unknown(true);
    let seen = Arc::new(Mutex::new(Seen::default()));
    let req = post(
        Some("AWSCognitoIdentityProviderService.AdminGetUserV2"),
        "{}",
    );
    let (parts, body) = send(&layer, &seen, req);
    assert_eq!(parts.status, 200);
    assert_eq!(
        body,
        r#"{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}"#
    );
    let v = parts.extensions.get::<Verdict>().expect("a verdict");
    assert_eq!(v.outcome, Outcome::UnknownOperation);
    assert_eq!(seen.lock().unwrap().calls, 0);
}

fn is_uuid_v4(s: &str) -> bool {
    regex::Regex::new("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        .expect("a valid regex")
        .is_match(s)
}

#[test]
fn a_refused_request_gets_the_service_answer_header_by_header() {
    let layer = ValidateLayer::new(Options::default());
    let seen = Arc::new(Mutex::new(Seen::default()));
    // Real answers, verbatim (reference, update-user-attributes.md section 3).
    let cases = [
        (
            r#"{"AccessToken":"Bearer eyJ0.eyJ1.c2ln","UserAttributes":[]}"#,
            "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
        ),
        (
            r#"{"AccessToken":"x","UserAttributes":[{"Name":null,"Value":"a"}]}"#,
            "1 validation error detected: Value null at 'userAttributes.1.member.name' failed to satisfy constraint: Member must not be null",
        ),
    ];
    let mut ids = Vec::new();
    for (body, message) in cases {
        let (parts, answer) = send(&layer, &seen, post(Some(UUA), body));
        assert_eq!(parts.status, 400);
        let h = &parts.headers;
        let mut names: Vec<&str> = h.keys().map(|k| k.as_str()).collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [
                "content-length",
                "content-type",
                "x-amzn-errormessage",
                "x-amzn-errortype",
                "x-amzn-requestid"
            ]
        );
        assert_eq!(h["x-amzn-errortype"], "InvalidParameterException:");
        assert_eq!(h["x-amzn-errormessage"], message);
        assert_eq!(h["content-type"], "application/x-amz-json-1.1");
        assert_eq!(h["content-length"], answer.len().to_string());
        let id = h["x-amzn-requestid"].to_str().expect("ASCII").to_owned();
        assert!(is_uuid_v4(&id), "{id}");
        ids.push(id);
        let expected =
            serde_json::json!({"__type": "InvalidParameterException", "message": message});
        let got: serde_json::Value = serde_json::from_slice(&answer).expect("JSON");
        assert_eq!(got, expected);
        assert!(answer.starts_with(b"{\"__type\":\"InvalidParameterException\",\"message\":"));
        let v = parts.extensions.get::<Verdict>().expect("a verdict");
        assert!(matches!(&v.outcome, Outcome::Rejected { rules } if rules.len() == 1));
    }
    assert_ne!(ids[0], ids[1], "each answer gets a fresh request id");
    assert_eq!(
        seen.lock().unwrap().calls,
        0,
        "nothing refused reaches the service"
    );
}

#[test]
fn line_breaks_in_a_message_are_percent_encoded_in_the_header_only() {
    let layer = ValidateLayer::new(Options::default());
    let seen = Arc::new(Mutex::new(Seen::default()));
    // Phase two answers end each line with \n (reference section 4).
    let body = r#"{"AccessToken":"x","UserAttributes":[{"Name":"custom:plan","Value":"a"},{"Name":"shoe_size","Value":"a"}]}"#;
    let (parts, answer) = send(&layer, &seen, post(Some(UUA), body));
    assert_eq!(parts.status, 400);
    let got: serde_json::Value = serde_json::from_slice(&answer).expect("JSON");
    let message = got["message"].as_str().expect("a message");
    assert!(message.ends_with('\n'), "{message:?}");
    // The library's encoding of the header (Rejection::headers): bytes
    // outside visible ASCII are percent-encoded; the body keeps the \n.
    let header = parts.headers["x-amzn-errormessage"]
        .to_str()
        .expect("visible ASCII");
    assert_eq!(header, message.replace('\n', "%0A"));
    assert!(!header.contains('\n'));
}

/// A streamed body of `chunks` chunks of `size` bytes that counts what was
/// read from it and can fail after `fail_after` chunks.
struct Stream {
    left: usize,
    chunk: Bytes,
    read: Arc<AtomicUsize>,
    fail_after: Option<usize>,
}

impl Body for Stream {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        let this = self.get_mut();
        if this.fail_after == Some(0) {
            return Poll::Ready(Some(Err(std::io::Error::other("client went away"))));
        }
        if this.left == 0 {
            return Poll::Ready(None);
        }
        this.left -= 1;
        this.fail_after = this.fail_after.map(|n| n - 1);
        this.read.fetch_add(this.chunk.len(), Ordering::SeqCst);
        Poll::Ready(Some(Ok(Frame::data(this.chunk.clone()))))
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::default()
    }
}

fn streamed(
    chunks: usize,
    size: usize,
    read: &Arc<AtomicUsize>,
    content_length: Option<usize>,
) -> Request<Stream> {
    let mut b = Request::post("/").header("X-Amz-Target", UUA);
    if let Some(n) = content_length {
        b = b.header("Content-Length", n);
    }
    b.body(Stream {
        left: chunks,
        chunk: Bytes::from(vec![b' '; size]),
        read: Arc::clone(read),
        fail_after: None,
    })
    .expect("a valid request")
}

fn assert_too_large(parts: &http::response::Parts, answer: &Bytes) {
    assert_eq!(parts.status, 400);
    assert_eq!(parts.headers["x-amzn-errortype"], "SerializationException:");
    let got: serde_json::Value = serde_json::from_slice(answer).expect("JSON");
    assert_eq!(got["__type"], "SerializationException");
    let v = parts.extensions.get::<Verdict>().expect("a verdict");
    let Outcome::Rejected { rules } = &v.outcome else {
        panic!("{v:?}")
    };
    assert_eq!(rules.iter().map(|r| r.code()).collect::<Vec<_>>(), ["J007"]);
}

#[test]
fn a_declared_length_over_the_limit_is_refused_unread() {
    let layer = ValidateLayer::new(Options::default()).max_body(1000);
    let seen = Arc::new(Mutex::new(Seen::default()));
    let read = Arc::new(AtomicUsize::new(0));
    let (parts, answer) = send(&layer, &seen, streamed(100, 100, &read, Some(10_000)));
    assert_too_large(&parts, &answer);
    let got: serde_json::Value = serde_json::from_slice(&answer).expect("JSON");
    assert_eq!(
        got["message"],
        "The request is 10000 bytes; the limit is 1000 bytes."
    );
    assert_eq!(read.load(Ordering::SeqCst), 0, "not a byte read");
    assert_eq!(seen.lock().unwrap().calls, 0);
}

#[test]
fn an_undeclared_length_is_read_only_up_to_the_limit() {
    let layer = ValidateLayer::new(Options::default()).max_body(1000);
    let seen = Arc::new(Mutex::new(Seen::default()));
    let read = Arc::new(AtomicUsize::new(0));
    // 100 MB offered, in chunks of 100 bytes.
    let (parts, answer) = send(&layer, &seen, streamed(1_000_000, 100, &read, None));
    assert_too_large(&parts, &answer);
    assert!(
        read.load(Ordering::SeqCst) <= 1100,
        "read {} bytes",
        read.load(Ordering::SeqCst)
    );
    assert_eq!(seen.lock().unwrap().calls, 0);
    // At the limit exactly, the body is read and checked (white space only:
    // not JSON, so refused, but not as too large).
    let read = Arc::new(AtomicUsize::new(0));
    let (parts, _) = send(&layer, &seen, streamed(10, 100, &read, None));
    let v = parts.extensions.get::<Verdict>().expect("a verdict");
    let Outcome::Rejected { rules } = &v.outcome else {
        panic!("{v:?}")
    };
    assert_ne!(rules[0].code(), "J007");
    assert_eq!(read.load(Ordering::SeqCst), 1000);
}

#[test]
fn a_body_that_breaks_off_gets_a_retryable_answer() {
    let layer = ValidateLayer::new(Options::default());
    let seen = Arc::new(Mutex::new(Seen::default()));
    let read = Arc::new(AtomicUsize::new(0));
    let mut req = streamed(10, 10, &read, None);
    req.body_mut().fail_after = Some(3);
    let (parts, answer) = send(&layer, &seen, req);
    assert_eq!(parts.status, 408);
    assert_eq!(
        parts.headers["x-amzn-errortype"],
        "RequestTimeoutException:"
    );
    assert_eq!(
        answer,
        r#"{"__type":"RequestTimeoutException","message":"The request body was not received completely."}"#
    );
    assert_eq!(seen.lock().unwrap().calls, 0);
}

#[test]
fn secrets_appear_in_no_header_body_or_verdict() {
    const MARK: &str = "SECRETMARK";
    let layer = ValidateLayer::new(Options::default());
    let seen = Arc::new(Mutex::new(Seen::default()));
    let bodies = [
        format!(r#"{{"AccessToken":"{MARK} {MARK}","UserAttributes":[]}}"#),
        format!(
            r#"{{"AccessToken":"x","UserAttributes":[{{"Name":"nickname","Value":"{MARK}{}"}}]}}"#,
            "a".repeat(2048)
        ),
        format!(r#"{{"AccessToken":"x","UserAttributes":[{{"Name":"sub","Value":"{MARK}"}}]}}"#),
        format!(r#"{{"AccessToken":"{MARK}"#),
        format!(r#"{{"AccessToken":"x","UserAttributes":[],"Acesstoken":"{MARK}"}}"#),
    ];
    for body in bodies {
        let (parts, answer) = send(&layer, &seen, post(Some(UUA), body.clone()));
        let shown = format!(
            "{:?} {:?} {}",
            parts.headers,
            parts.extensions.get::<Verdict>(),
            String::from_utf8_lossy(&answer)
        );
        assert!(!shown.contains(MARK), "{body}: {shown}");
    }
    let seen = seen.lock().unwrap();
    assert!(!format!("{:?}", seen.verdicts).contains(MARK));
}

#[test]
fn the_original_headers_are_passed_on() {
    let layer = ValidateLayer::new(Options::default());
    let seen = Arc::new(Mutex::new(Seen::default()));
    let body = r#"{"AccessToken":"x","UserAttributes":[]}"#;
    let mut req = post(Some(UUA), body);
    for (k, v) in [
        ("host", "127.0.0.1:8080"),
        (
            "authorization",
            "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/cognito-idp/aws4_request",
        ),
        ("x-amz-date", "20260101T000000Z"),
        ("content-length", "39"),
    ] {
        req.headers_mut()
            .insert(k, http::HeaderValue::from_static(v));
    }
    let sent = req.headers().clone();
    let (parts, _) = send(&layer, &seen, req);
    assert_eq!(parts.status, 200);
    assert_eq!(seen.lock().unwrap().headers[0], sent);
}

#[test]
fn works_inside_axum() {
    use axum::{routing::post as route_post, Router};
    let app: Router = Router::new()
        .route(
            "/",
            route_post(|body: axum::body::Bytes| async move { body }),
        )
        .layer(ValidateLayer::new(Options::default()));
    rt().block_on(async {
        let bad = Request::post("/")
            .header("X-Amz-Target", UUA)
            .body(axum::body::Body::from(r#"{"UserAttributes":[]}"#))
            .expect("a request");
        let answer = app.clone().oneshot(bad).await.expect("infallible");
        assert_eq!(answer.status(), 400);
        assert_eq!(
            answer.headers()["x-amzn-errortype"],
            "InvalidParameterException:"
        );
        let good_body = r#"{"AccessToken":"x","UserAttributes":[]}"#;
        let good = Request::post("/")
            .header("X-Amz-Target", UUA)
            .body(axum::body::Body::from(good_body))
            .expect("a request");
        let answer = app.oneshot(good).await.expect("infallible");
        assert_eq!(answer.status(), 200);
        let echoed = answer
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes();
        assert_eq!(echoed, good_body);
    });
}
