//! Signing test tokens with the test-only keys of `tests/data/token/`.
#![allow(dead_code)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine as _;
use ring::rand::SystemRandom;
use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use serde_json::{json, Value};

/// The time the tests check at.
pub const NOW: u64 = 1_800_000_000;
/// The user pool of the test tokens.
pub const POOL: &str = "us-east-1_TestPool1";
/// Its issuer, in the older form.
pub const ISS: &str = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1";
/// The app client of the test tokens.
pub const CLIENT: &str = "4ug8b0jd5pn2gsqmeuo3cpa4mf";
/// The admin scope.
pub const ADMIN: &str = "aws.cognito.signin.user.admin";

pub fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/token/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Test-only key `a` or `b`.
pub fn key(which: &str) -> RsaKeyPair {
    RsaKeyPair::from_pkcs8(&data(&format!("test-only-key-{which}.pk8"))).unwrap()
}

/// The header of a token signed by key `which`.
pub fn header(which: &str) -> Value {
    json!({"kid": format!("test-only-key-{which}"), "alg": "RS256"})
}

/// The claims of a valid access token at [`NOW`].
pub fn claims() -> Value {
    json!({
        "sub": "5f0a1c2e-0000-4000-8000-00000000feed",
        "cognito:groups": ["admins"],
        "iss": ISS,
        "client_id": CLIENT,
        "origin_jti": "b7c1e2d3-0000-4000-8000-000000000001",
        "event_id": "c8d2f3e4-0000-4000-8000-000000000002",
        "token_use": "access",
        "scope": format!("openid {ADMIN}"),
        "auth_time": NOW - 60,
        "exp": NOW + 3600,
        "iat": NOW - 60,
        "jti": "d9e3a4f5-0000-4000-8000-000000000003",
        "username": "ada",
    })
}

/// `base64url(header).base64url(payload)` signed by key `signer`.
pub fn sign_raw(header: &[u8], payload: &[u8], signer: &str) -> String {
    let input = format!("{}.{}", B64.encode(header), B64.encode(payload));
    let key = key(signer);
    let mut sig = vec![0; key.public().modulus_len()];
    key.sign(
        &RSA_PKCS1_SHA256,
        &SystemRandom::new(),
        input.as_bytes(),
        &mut sig,
    )
    .unwrap();
    format!("{input}.{}", B64.encode(sig))
}

/// A token with this header and these claims, signed by key `signer`.
pub fn sign(header: &Value, claims: &Value, signer: &str) -> String {
    sign_raw(
        &serde_json::to_vec(header).unwrap(),
        &serde_json::to_vec(claims).unwrap(),
        signer,
    )
}

/// A valid token (key a) with `edit` applied to its claims.
pub fn token_with(edit: impl FnOnce(&mut Value)) -> String {
    let mut c = claims();
    edit(&mut c);
    sign(&header("a"), &c, "a")
}

/// An UpdateUserAttributes request carrying `token`.
pub fn request(token: &str) -> String {
    format!(
        r#"{{"AccessToken": "{token}", "UserAttributes": [{{"Name": "nickname", "Value": "Ada"}}]}}"#
    )
}

/// The markers the tokens of [`marker_tokens`] hold in their claims or text.
pub const MARKERS: [&str; 6] = [
    "SECRETTOKENMARKER",
    "SECRETUSERMARKER",
    "SECRETKIDMARKER",
    "SECRETISSMARKER",
    "SECRETCLIENTMARKER",
    "SECRETSCOPEMARKER",
];

/// One token per fault T001-T010 (in `TokenError::ALL` order), each holding
/// markers: in its text, its `kid`, its user, its issuer, client or scope.
pub fn marker_tokens() -> Vec<String> {
    let marked = |edit: &dyn Fn(&mut Value)| {
        let mut c = claims();
        c["username"] = json!("SECRETUSERMARKER");
        c["sub"] = json!("SECRETUSERMARKER-sub");
        edit(&mut c);
        c
    };
    let kid = json!({"alg": "RS256", "kid": "SECRETKIDMARKER"});
    vec![
        "SECRETTOKENMARKER.SECRETTOKENMARKER".to_string(),
        sign(
            &json!({"alg": "none", "kid": "SECRETKIDMARKER"}),
            &marked(&|_| {}),
            "a",
        ),
        sign(&kid, &marked(&|_| {}), "a"),
        sign(&header("a"), &marked(&|_| {}), "b"),
        sign(
            &header("a"),
            &marked(&|c| c["token_use"] = json!("id")),
            "a",
        ),
        sign(&header("a"), &marked(&|c| c["exp"] = json!(NOW - 1)), "a"),
        sign(&header("a"), &marked(&|c| c["nbf"] = json!(NOW + 99)), "a"),
        sign(
            &header("a"),
            &marked(&|c| c["iss"] = json!("https://SECRETISSMARKER.example")),
            "a",
        ),
        sign(
            &header("a"),
            &marked(&|c| c["client_id"] = json!("SECRETCLIENTMARKER")),
            "a",
        ),
        sign(
            &header("a"),
            &marked(&|c| c["scope"] = json!("SECRETSCOPEMARKER")),
            "a",
        ),
    ]
}

/// Panics if `text` shows any marker, the token or any of its parts.
pub fn assert_hidden(what: &str, text: &str, token: &str) {
    for m in MARKERS {
        assert!(!text.contains(m), "{what} shows {m}:\n{text}");
    }
    assert!(!text.contains(token), "{what} shows the token:\n{text}");
    for part in token.split('.').filter(|p| p.len() >= 8) {
        assert!(
            !text.contains(part),
            "{what} shows a part of the token:\n{text}"
        );
    }
}
