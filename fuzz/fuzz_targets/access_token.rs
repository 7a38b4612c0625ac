//! Arbitrary input through the access-token pre-check: the token text
//! itself, a token assembled from arbitrary header and claims JSON, and a
//! JWKS document.
//!
//! Invariants: no panic; nothing the fuzzer makes is accepted (it cannot
//! sign with the test key, so every token must be refused); the refusal is a
//! `NotAuthorizedException` whose message is one of the service's texts and
//! whose body holds nothing of the token.
#![no_main]

use arbitrary::Arbitrary;
use cognito_validate::token::{check_access_token, Jwks, TokenPolicy, ADMIN_SCOPE};
use cognito_validate::ErrorType;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// The public test-only key a (`tests/data/token/jwks-a.json`).
const JWKS: &[u8] = include_bytes!("../../tests/data/token/jwks-a.json");

const TEXTS: [&str; 4] = [
    "Invalid Access Token",
    "Could not verify signature for Access Token",
    "Access Token has expired",
    "Access Token does not have required scopes",
];

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    /// Used as the whole token, or as the header JSON.
    text: &'a str,
    /// The claims JSON.
    claims: &'a str,
    /// The signature bytes.
    signature: &'a [u8],
    now: u64,
    grace: u8,
    scope: bool,
    /// Also read these bytes as a JWKS.
    jwks: &'a [u8],
}

fn b64(bytes: &[u8]) -> String {
    // base64url without padding, written out: the fuzz crate keeps to the
    // library's dependencies and serde_json.
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, &b| (n << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn check(token: &str, input: &Input<'_>) {
    static KEYS: OnceLock<Jwks> = OnceLock::new();
    let keys = KEYS.get_or_init(|| Jwks::from_json(JWKS).expect("the test JWKS reads"));
    let policy = TokenPolicy::default()
        .with_user_pool("us-east-1_TestPool1")
        .expect("a valid pool id")
        .with_grace_seconds(u64::from(input.grace));
    let scope = input.scope.then_some(ADMIN_SCOPE);
    let err = match check_access_token(token, keys, input.now, &policy, scope) {
        Ok(_) => panic!("a token the fuzzer made was accepted"),
        Err(e) => e,
    };
    let r = err.rejection();
    assert_eq!(r.error_type(), ErrorType::NotAuthorizedException);
    assert!(TEXTS.contains(&r.message()), "{}", r.message());
    let body = r.body();
    for part in token.split('.').filter(|p| p.len() >= 8) {
        assert!(!body.contains(part), "the body shows the token");
    }
}

fuzz_target!(|input: Input<'_>| {
    check(input.text, &input);
    let token = format!(
        "{}.{}.{}",
        b64(input.text.as_bytes()),
        b64(input.claims.as_bytes()),
        b64(input.signature)
    );
    check(&token, &input);
    let _ = Jwks::from_json(input.jwks);
});
