//! The access-token pre-check: every rule T001-T010 broken by a token signed
//! with the test-only keys, the check order, both issuer forms, the caps, no
//! panic, and the request check through `Options::with_token_check`.
#![cfg(feature = "token")]

#[path = "common/token.rs"]
mod signing;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine as _;
use cognito_validate::token::{
    check_access_token, Claims, Jwks, TokenCheck, TokenError, TokenPolicy, ADMIN_SCOPE,
    MAX_TOKEN_BYTES,
};
use cognito_validate::{check_json, validate_json, ErrorType, Options, Rule};
use proptest::prelude::*;
use serde_json::{json, Value};
use signing::*;

fn keys() -> Jwks {
    Jwks::from_json(&data("jwks-a.json")).unwrap()
}

fn policy() -> TokenPolicy {
    TokenPolicy::default()
        .with_user_pool(POOL)
        .unwrap()
        .with_client_id(CLIENT)
}

fn check(token: &str) -> Result<Claims, TokenError> {
    check_access_token(token, &keys(), NOW, &policy(), Some(ADMIN_SCOPE))
}

/// The error, its rule and the service's message, checked together.
fn refused(token: &str, want: TokenError, rule: &str, message: &str) {
    let err = check(token).unwrap_err();
    assert_eq!(err, want);
    assert_eq!(err.rule().code(), rule);
    assert_eq!(err.message(), message);
    let r = err.rejection();
    assert_eq!(r.error_type(), ErrorType::NotAuthorizedException);
    assert_eq!(r.message(), message);
    assert_eq!(r.status(), 400);
    // The envelope of reference section 5: both headers beside the body.
    assert_eq!(
        r.headers()[..2],
        [
            ("x-amzn-ErrorType", "NotAuthorizedException:".to_string()),
            ("x-amzn-ErrorMessage", message.to_string()),
        ]
    );
    assert_eq!(
        r.body(),
        format!(r#"{{"__type":"NotAuthorizedException","message":"{message}"}}"#)
    );
}

const INVALID: &str = "Invalid Access Token";
const SIGNATURE: &str = "Could not verify signature for Access Token";

#[test]
fn a_valid_token_gives_its_claims() {
    let c = check(&token_with(|_| {})).unwrap();
    assert_eq!(
        c.sub.as_deref(),
        Some("5f0a1c2e-0000-4000-8000-00000000feed")
    );
    assert_eq!(c.username.as_deref(), Some("ada"));
    assert_eq!(c.client_id.as_deref(), Some(CLIENT));
    assert_eq!(c.scopes, ["openid", ADMIN]);
    assert_eq!(c.groups, ["admins"]);
    assert_eq!(c.issuer.as_deref(), Some(ISS));
    assert_eq!(c.expires_at, NOW + 3600);
    // The user's identity stays out of Debug.
    let debug = format!("{c:?}");
    assert!(!debug.contains("ada") && !debug.contains("feed"), "{debug}");
    assert!(debug.contains(CLIENT));
}

#[test]
fn expiry_is_checked_at_now_with_the_grace() {
    let at_now = token_with(|c| c["exp"] = json!(NOW));
    refused(
        &at_now,
        TokenError::Expired,
        "T005",
        "Access Token has expired",
    );
    assert!(check(&token_with(|c| c["exp"] = json!(NOW + 1))).is_ok());
    let ten_ago = token_with(|c| c["exp"] = json!(NOW - 10));
    let with_grace = |g| {
        check_access_token(
            &ten_ago,
            &keys(),
            NOW,
            &policy().with_grace_seconds(g),
            None,
        )
    };
    assert_eq!(with_grace(10).unwrap_err(), TokenError::Expired);
    assert!(with_grace(11).is_ok());
    // A fractional exp counts until its end.
    assert!(check(&token_with(|c| c["exp"] = json!(NOW as f64 + 0.5))).is_ok());
    refused(
        &token_with(|c| c["exp"] = json!(-5)),
        TokenError::Expired,
        "T005",
        "Access Token has expired",
    );
}

#[test]
fn not_before_is_checked_with_the_grace() {
    let later = token_with(|c| c["nbf"] = json!(NOW + 10));
    refused(&later, TokenError::NotYetValid, "T006", INVALID);
    assert!(check(&token_with(|c| c["nbf"] = json!(NOW))).is_ok());
    let p = policy().with_grace_seconds(10);
    assert!(check_access_token(&later, &keys(), NOW, &p, None).is_ok());
}

#[test]
fn a_tampered_payload_or_another_signer_fails_the_signature() {
    let good = token_with(|_| {});
    let parts: Vec<&str> = good.split('.').collect();
    let mut c = claims();
    c["username"] = json!("mallory");
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        B64.encode(serde_json::to_vec(&c).unwrap()),
        parts[2]
    );
    refused(&forged, TokenError::Signature, "T004", SIGNATURE);
    // Key b signs, the header names key a.
    let other = sign(&header("a"), &claims(), "b");
    refused(&other, TokenError::Signature, "T004", SIGNATURE);
    // An empty signature.
    refused(
        &format!("{}.{}.", parts[0], parts[1]),
        TokenError::Signature,
        "T004",
        SIGNATURE,
    );
}

#[test]
fn a_kid_the_jwks_lacks_cannot_be_verified() {
    let b = sign(&header("b"), &claims(), "b");
    refused(&b, TokenError::UnknownKey, "T003", SIGNATURE);
    // With both keys it verifies.
    let both = Jwks::from_json(&data("jwks-ab.json")).unwrap();
    assert!(check_access_token(&b, &both, NOW, &policy(), None).is_ok());
    let no_kid = sign(&json!({"alg": "RS256"}), &claims(), "a");
    refused(&no_kid, TokenError::UnknownKey, "T003", SIGNATURE);
}

#[test]
fn only_rs256_is_accepted() {
    let none = format!(
        "{}.{}.",
        B64.encode(br#"{"alg":"none","kid":"test-only-key-a"}"#),
        B64.encode(serde_json::to_vec(&claims()).unwrap())
    );
    refused(&none, TokenError::Algorithm, "T002", INVALID);
    // HS256 "signed" with the public key as the HMAC secret: key confusion.
    let jwks: Value = serde_json::from_slice(&data("jwks-a.json")).unwrap();
    let secret = jwks["keys"][0]["n"].as_str().unwrap();
    let input = format!(
        "{}.{}",
        B64.encode(br#"{"alg":"HS256","kid":"test-only-key-a"}"#),
        B64.encode(serde_json::to_vec(&claims()).unwrap())
    );
    let mac = ring::hmac::sign(
        &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes()),
        input.as_bytes(),
    );
    let hs = format!("{input}.{}", B64.encode(mac.as_ref()));
    refused(&hs, TokenError::Algorithm, "T002", INVALID);
    for alg in [json!("RS512"), json!("rs256"), json!(null), json!(1)] {
        let t = sign(
            &json!({"alg": alg, "kid": "test-only-key-a"}),
            &claims(),
            "a",
        );
        let want = if alg.is_string() || alg.is_null() {
            TokenError::Algorithm
        } else {
            TokenError::Malformed
        };
        assert_eq!(check(&t).unwrap_err(), want, "{alg}");
    }
    let missing = sign(&json!({"kid": "test-only-key-a"}), &claims(), "a");
    assert_eq!(check(&missing).unwrap_err(), TokenError::Algorithm);
}

#[test]
fn an_id_token_is_not_an_access_token() {
    let id = token_with(|c| c["token_use"] = json!("id"));
    refused(&id, TokenError::NotAccessToken, "T007", INVALID);
    let none = token_with(|c| {
        c.as_object_mut().unwrap().remove("token_use");
    });
    refused(&none, TokenError::NotAccessToken, "T007", INVALID);
}

#[test]
fn the_issuer_must_be_the_pools_in_either_form() {
    let new_form = "https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1";
    assert!(check(&token_with(|c| c["iss"] = json!(new_form))).is_ok());
    for wrong in [
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OtherPool",
        "https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_TestPool1",
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1/",
        "https://evil.example/us-east-1_TestPool1",
    ] {
        refused(
            &token_with(|c| c["iss"] = json!(wrong)),
            TokenError::Issuer,
            "T008",
            INVALID,
        );
    }
    let no_iss = token_with(|c| {
        c.as_object_mut().unwrap().remove("iss");
    });
    refused(&no_iss, TokenError::Issuer, "T008", INVALID);
    // Given the new form, the old one is accepted too; without a pool, any.
    let p = TokenPolicy::default().with_issuer(format!("{new_form}/"));
    assert_eq!(p.issuers, [new_form, ISS]);
    assert!(check_access_token(&token_with(|_| {}), &keys(), NOW, &p, None).is_ok());
    let other = token_with(|c| c["iss"] = json!("https://evil.example/x"));
    assert!(check_access_token(&other, &keys(), NOW, &TokenPolicy::default(), None).is_ok());
    // A pool id must look like one.
    for bad in [
        "",
        "us-east-1",
        "_abc",
        "us-east-1_",
        "us east-1_x",
        "us-east-1_a/b",
    ] {
        assert!(TokenPolicy::default().with_user_pool(bad).is_err(), "{bad}");
    }
}

#[test]
fn the_client_must_be_allowed_when_a_list_is_given() {
    let other = token_with(|c| c["client_id"] = json!("someotherclient"));
    refused(&other, TokenError::ClientId, "T009", INVALID);
    let p = policy().with_client_id("someotherclient");
    assert!(check_access_token(&other, &keys(), NOW, &p, None).is_ok());
    let any = TokenPolicy::default().with_user_pool(POOL).unwrap();
    assert!(check_access_token(&other, &keys(), NOW, &any, None).is_ok());
}

#[test]
fn the_admin_scope_is_needed_only_when_asked() {
    let openid = token_with(|c| c["scope"] = json!("openid profile"));
    refused(
        &openid,
        TokenError::Scope,
        "T010",
        "Access Token does not have required scopes",
    );
    assert!(check_access_token(&openid, &keys(), NOW, &policy(), None).is_ok());
    // A scope that only contains the name is not it.
    let prefix = token_with(|c| c["scope"] = json!("aws.cognito.signin.user.admin2"));
    assert_eq!(check(&prefix).unwrap_err(), TokenError::Scope);
    let none = token_with(|c| {
        c.as_object_mut().unwrap().remove("scope");
    });
    assert_eq!(check(&none).unwrap_err(), TokenError::Scope);
}

#[test]
fn malformed_tokens_are_invalid() {
    let good = token_with(|_| {});
    let parts: Vec<&str> = good.split('.').collect();
    let claims_b64 = B64.encode(serde_json::to_vec(&claims()).unwrap());
    let head_b64 = B64.encode(serde_json::to_vec(&header("a")).unwrap());
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("two parts", format!("{}.{}", parts[0], parts[1])),
        ("four parts", format!("{good}.{}", parts[2])),
        ("five parts (JWE)", "a.b.c.d.e".to_string()),
        ("standard base64", good.replacen(&parts[1][..4], "ab+/", 1)),
        (
            "padding",
            format!("{}=.{}.{}", parts[0], parts[1], parts[2]),
        ),
        (
            "header not JSON",
            format!("{}.{}.{}", B64.encode("{alg"), parts[1], parts[2]),
        ),
        (
            "header an array",
            format!("{}.{}.{}", B64.encode(r#"["RS256"]"#), parts[1], parts[2]),
        ),
        (
            "payload not JSON",
            sign_raw(br#"{"alg":"RS256","kid":"test-only-key-a"}"#, b"exp=1", "a"),
        ),
        (
            "payload a string",
            format!("{head_b64}.{}.{}", B64.encode(r#""x""#), parts[2]),
        ),
        (
            "payload not UTF-8",
            sign_raw(
                &serde_json::to_vec(&header("a")).unwrap(),
                b"{\"exp\":\xff}",
                "a",
            ),
        ),
        (
            "exp missing",
            token_with(|c| {
                c.as_object_mut().unwrap().remove("exp");
            }),
        ),
        (
            "exp a string",
            token_with(|c| c["exp"] = json!("1900000000")),
        ),
        (
            "scope an array",
            token_with(|c| c["scope"] = json!([ADMIN])),
        ),
        (
            "groups a string",
            token_with(|c| c["cognito:groups"] = json!("admins")),
        ),
        (
            "crit",
            sign(
                &json!({"alg": "RS256", "kid": "test-only-key-a", "crit": ["exp"]}),
                &claims(),
                "a",
            ),
        ),
        (
            "claim repeated",
            sign_raw(
                &serde_json::to_vec(&header("a")).unwrap(),
                format!(
                    r#"{{"token_use":"access","exp":{},"token_use":"id"}}"#,
                    NOW + 60
                )
                .as_bytes(),
                "a",
            ),
        ),
        (
            "signature not base64url",
            format!("{}.{}.{}!", parts[0], parts[1], parts[2]),
        ),
        (
            "huge",
            format!("{head_b64}.{}.{}", "A".repeat(MAX_TOKEN_BYTES), parts[2]),
        ),
        ("not a token", "eyJ0.eyJ1.c2ln".to_string()),
        (
            "claims first",
            format!("{claims_b64}.{head_b64}.{}", parts[2]),
        ),
    ];
    for (what, token) in cases {
        assert_eq!(check(&token).unwrap_err(), TokenError::Malformed, "{what}");
    }
    refused("a.b", TokenError::Malformed, "T001", INVALID);
}

/// Makes one claim right.
type Fix = fn(&mut Value);

#[test]
fn the_first_fault_in_the_documented_order_is_the_answer() {
    // An expired id token for another client, missing the scope, signed by
    // the wrong key: each step of the order, removed in turn.
    let mut c = claims();
    c["exp"] = json!(NOW - 1);
    c["nbf"] = json!(NOW + 100);
    c["token_use"] = json!("id");
    c["iss"] = json!("https://evil.example/x");
    c["client_id"] = json!("other");
    c["scope"] = json!("openid");
    let steps: [(TokenError, Fix); 6] = [
        (TokenError::NotAccessToken, |c| {
            c["token_use"] = json!("access")
        }),
        (TokenError::Expired, |c| c["exp"] = json!(NOW + 60)),
        (TokenError::NotYetValid, |c| c["nbf"] = json!(NOW)),
        (TokenError::Issuer, |c| c["iss"] = json!(ISS)),
        (TokenError::ClientId, |c| c["client_id"] = json!(CLIENT)),
        (TokenError::Scope, |c| c["scope"] = json!(ADMIN)),
    ];
    assert_eq!(
        check(&sign(&json!({"alg": "HS256"}), &c, "a")).unwrap_err(),
        TokenError::Algorithm
    );
    assert_eq!(
        check(&sign(&json!({"alg": "RS256", "kid": "x"}), &c, "a")).unwrap_err(),
        TokenError::UnknownKey
    );
    assert_eq!(
        check(&sign(&header("a"), &c, "b")).unwrap_err(),
        TokenError::Signature
    );
    for (want, fix) in &steps {
        assert_eq!(check(&sign(&header("a"), &c, "a")).unwrap_err(), *want);
        fix(&mut c);
    }
    assert!(check(&sign(&header("a"), &c, "a")).is_ok());
    // The order in the list of faults is the same.
    let order: Vec<TokenError> = TokenError::ALL.to_vec();
    assert_eq!(
        order,
        [
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
        ]
    );
}

#[test]
fn each_fault_has_its_own_t_rule_answered_as_not_authorized() {
    let mut codes: Vec<&str> = TokenError::ALL.iter().map(|e| e.rule().code()).collect();
    codes.sort_unstable();
    let want: Vec<String> = (1..=10).map(|i| format!("T{i:03}")).collect();
    assert_eq!(codes, want);
    for e in TokenError::ALL {
        let r = e.rule();
        assert_eq!(r.error_type(), ErrorType::NotAuthorizedException);
        assert!(r.example_needs_keys());
        // Each explanation quotes the message it is answered with.
        assert!(r.explanation().contains(&e.message()), "{r}");
        assert_eq!(Rule::from_code(r.code()), Some(r));
        assert_eq!(r.phase(), 2);
    }
    assert!(Rule::TokenMalformed
        .explanation()
        .contains(&MAX_TOKEN_BYTES.to_string()));
    assert!(!Rule::UnauthorizedWrite.example_needs_keys());
}

/// Any one character of a valid token changed makes it refused.
#[test]
fn every_one_character_change_is_refused() {
    let good = token_with(|_| {});
    assert!(check(&good).is_ok());
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    let bytes = good.as_bytes();
    for i in 0..bytes.len() {
        for &c in [alphabet[i % alphabet.len()], b'A', b'.'].iter() {
            if c == bytes[i] {
                continue;
            }
            let mut t = bytes.to_vec();
            t[i] = c;
            let t = String::from_utf8(t).unwrap();
            assert!(check(&t).is_err(), "byte {i} set to {}", c as char);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_panic_on_any_string(s in ".{0,300}") {
        let _ = check(&s);
    }

    #[test]
    fn no_panic_on_three_parts_of_anything(
        h in proptest::collection::vec(any::<u8>(), 0..80),
        p in proptest::collection::vec(any::<u8>(), 0..200),
        s in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let t = format!("{}.{}.{}", B64.encode(h), B64.encode(p), B64.encode(s));
        prop_assert!(check(&t).is_err());
    }

    #[test]
    fn no_panic_on_any_jwks(bytes in proptest::collection::vec(any::<u8>(), 0..400), n in ".{0,40}", e in ".{0,8}", kty in "RSA|EC|.{0,4}") {
        let _ = Jwks::from_json(&bytes);
        let doc = json!({"keys": [{"kty": kty, "kid": "k", "n": n, "e": e}]});
        let _ = Jwks::from_json(doc.to_string().as_bytes());
    }

    #[test]
    fn no_panic_on_any_claims(exp in any::<i64>(), nbf in any::<f64>(), scope in ".{0,40}", kid in ".{0,20}") {
        let mut c = claims();
        c["exp"] = json!(exp);
        c["nbf"] = json!(nbf);
        c["scope"] = json!(scope);
        let _ = check(&sign(&json!({"alg": "RS256", "kid": kid}), &c, "a"));
    }
}

fn token_opts() -> Options {
    Options::default().with_token_check(TokenCheck::new(keys(), policy(), NOW))
}

#[test]
fn validate_json_checks_the_token_after_the_shapes() {
    let opts = token_opts();
    let good = request(&token_with(|_| {}));
    assert!(validate_json(good.as_bytes(), &opts).is_ok());

    let expired = token_with(|c| c["exp"] = json!(NOW - 1));
    let body = request(&expired);
    let err = validate_json(body.as_bytes(), &opts).unwrap_err();
    assert_eq!(
        err.body(),
        r#"{"__type":"NotAuthorizedException","message":"Access Token has expired"}"#
    );
    let d = &err.diagnostics()[0];
    assert_eq!(d.rule, Rule::TokenExpired);
    assert_eq!(d.path.json_pointer(), "/AccessToken");
    let span = d.span.unwrap();
    assert_eq!(&body[span.start..span.end], format!("\"{expired}\""));
    assert_eq!(d.position.map(|p| (p.line, p.column)), Some((1, 17)));

    // Without the check, the same request passes.
    assert!(validate_json(body.as_bytes(), &Options::default()).is_ok());

    // A shape error comes first: the token is not looked at.
    let shapes = format!(
        r#"{{"AccessToken": "{expired}", "UserAttributes": [{{"Name": "", "Value": "x"}}]}}"#
    );
    let err = validate_json(shapes.as_bytes(), &opts).unwrap_err();
    assert_eq!(err.error_type(), ErrorType::InvalidParameterException);
    let report = check_json(shapes.as_bytes(), &opts);
    assert!(report
        .diagnostics
        .iter()
        .all(|d| !d.rule.example_needs_keys()));
}

#[test]
fn a_token_fault_outranks_the_business_rules() {
    let opts = token_opts();
    let bad = token_with(|c| c["token_use"] = json!("id"));
    // Escapes in the token: the span is still the JSON string's.
    let escaped = bad.replacen('.', "\\u002e", 1);
    let body = format!(
        r#"{{"UserAttributes": [{{"Name": "sub", "Value": "x"}}, {{"Name": "favorite_flavor", "Value": "y"}}],
            "AccessToken": "{escaped}"}}"#
    );
    let err = validate_json(body.as_bytes(), &opts).unwrap_err();
    assert_eq!(err.error_type(), ErrorType::NotAuthorizedException);
    assert_eq!(err.message(), INVALID);
    let report = check_json(body.as_bytes(), &opts);
    assert!(report.request.is_none());
    let rules: Vec<Rule> = report.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(
        rules,
        [
            Rule::ModifySub,
            Rule::AttributeNotInSchema,
            Rule::TokenNotAccess
        ]
    );
    assert_eq!(report.errors, 3);
    let span = report.diagnostics[2].span.unwrap();
    assert_eq!(&body[span.start..span.end], format!("\"{escaped}\""));
    assert_eq!(report.rejection().unwrap().message(), INVALID);

    // Under a cap of one the token's finding is the one kept.
    let report = check_json(body.as_bytes(), &opts.clone().with_max_diagnostics(1));
    assert_eq!(report.diagnostics.len(), 1);
    assert_eq!(report.diagnostics[0].rule, Rule::TokenNotAccess);
    assert_eq!(report.errors, 3);
    assert_eq!(report.rejection().unwrap().message(), INVALID);

    // With a good token the business rule answers.
    let body = body.replace(&escaped, &token_with(|_| {}));
    let err = validate_json(body.as_bytes(), &opts).unwrap_err();
    assert_eq!(err.message(), "Cannot modify the non-mutable attribute sub");
}

#[test]
fn the_request_check_needs_the_admin_scope() {
    let openid = token_with(|c| c["scope"] = json!("openid"));
    let err = validate_json(request(&openid).as_bytes(), &token_opts()).unwrap_err();
    assert_eq!(err.message(), "Access Token does not have required scopes");
}

/// No message, `Display` or `Debug` of any fault shows the token, a part of
/// it or a claim: marker tokens, one per fault, through every path.
#[test]
fn no_output_shows_the_token_or_its_claims() {
    let opts = token_opts();
    let tokens = marker_tokens();
    for (want, token) in TokenError::ALL.iter().zip(&tokens) {
        let err = check(token).unwrap_err();
        assert_eq!(err, *want);
        let r = err.rejection();
        for (what, text) in [
            ("Display", err.to_string()),
            ("Debug", format!("{err:?}")),
            ("message", err.message()),
            ("rejection Display", r.to_string()),
            ("rejection Debug", format!("{r:?}")),
            ("rejection body", r.body()),
            ("rejection headers", format!("{:?}", r.headers())),
        ] {
            assert_hidden(what, &text, token);
        }
        let body = request(token);
        let r = validate_json(body.as_bytes(), &opts).unwrap_err();
        assert_eq!(r.diagnostics()[0].rule, want.rule());
        assert_hidden("validate_json Debug", &format!("{r:?} {r}"), token);
        let report = check_json(body.as_bytes(), &opts);
        assert_hidden("check_json Debug", &format!("{report:?}"), token);
        for d in &report.diagnostics {
            assert_hidden("diagnostic", &format!("{d} {d:?} {}", d.message()), token);
        }
    }
    // The claims of an accepted token hide the user.
    let ok = token_with(|c| c["username"] = json!("SECRETUSERMARKER"));
    let claims = check(&ok).unwrap();
    assert_hidden("Claims Debug", &format!("{claims:?}"), &ok);
    // And the check's options do not hold the token at all.
    assert_hidden("Options Debug", &format!("{opts:?}"), &ok);
}

/// A token another implementation signed (Python joserfc, see
/// tests/data/token/README.md) verifies, and its claims come back.
#[test]
fn a_token_signed_elsewhere_verifies() {
    let text = String::from_utf8(data("joserfc-token.txt")).unwrap();
    let token = text.trim_end();
    let c = check(token).unwrap();
    assert_eq!(c.username.as_deref(), Some("grace"));
    assert_eq!(
        c.sub.as_deref(),
        Some("0b7c5a3e-1111-4222-8333-944455556666")
    );
    assert_eq!(c.expires_at, 1_800_003_600);
    assert_eq!(c.scopes, [ADMIN]);
    // At exp it has expired; with its signature changed, it is forged.
    let later = check_access_token(token, &keys(), 1_800_003_600, &policy(), None);
    assert_eq!(later.unwrap_err(), TokenError::Expired);
    let mut forged = token.to_string();
    let last = if forged.ends_with('A') { "Q" } else { "A" };
    forged.replace_range(forged.len() - 1.., last);
    assert_eq!(check(&forged).unwrap_err(), TokenError::Signature);
}

/// Every operation whose request has an `AccessToken` gets the check, with
/// the admin scope where the model's table says the operation needs it.
#[test]
fn every_operation_with_an_access_token_is_checked() {
    use cognito_validate::{check as check_op, validate, Operation};
    let opts = token_opts();
    let op = |name| Operation::from_name(name).unwrap();
    assert!(op("UpdateUserAttributes").def().needs_admin_scope);
    assert!(op("GetUser").def().needs_admin_scope);
    assert!(!op("VerifySoftwareToken").def().needs_admin_scope);

    let good = token_with(|_| {});
    let get_user = |t: &str| format!(r#"{{"AccessToken": "{t}"}}"#);
    assert!(validate(op("GetUser"), get_user(&good).as_bytes(), &opts).is_ok());
    let expired = token_with(|c| c["exp"] = json!(NOW - 1));
    let body = get_user(&expired);
    let err = validate(op("GetUser"), body.as_bytes(), &opts).unwrap_err();
    assert_eq!(
        err.body(),
        r#"{"__type":"NotAuthorizedException","message":"Access Token has expired"}"#
    );
    let report = check_op(op("GetUser"), body.as_bytes(), &opts);
    assert_eq!(report.diagnostics.len(), 1);
    let d = &report.diagnostics[0];
    assert_eq!(d.rule, Rule::TokenExpired);
    let span = d.span.unwrap();
    assert_eq!(&body[span.start..span.end], format!("\"{expired}\""));
    // Without the check, the same request passes.
    assert!(validate(op("GetUser"), body.as_bytes(), &Options::default()).is_ok());

    // The scope: GetUser needs it, VerifySoftwareToken does not.
    let openid = token_with(|c| c["scope"] = json!("openid"));
    let err = validate(op("GetUser"), get_user(&openid).as_bytes(), &opts).unwrap_err();
    assert_eq!(err.message(), "Access Token does not have required scopes");
    let verify = format!(r#"{{"AccessToken": "{openid}", "UserCode": "123456"}}"#);
    assert!(validate(op("VerifySoftwareToken"), verify.as_bytes(), &opts).is_ok());
    let verify = format!(r#"{{"AccessToken": "{expired}", "UserCode": "123456"}}"#);
    let err = validate(op("VerifySoftwareToken"), verify.as_bytes(), &opts).unwrap_err();
    assert_eq!(err.message(), "Access Token has expired");

    // A shape error comes first; an operation without the member is not
    // checked, even when the body holds an unknown `AccessToken`.
    let err = validate(op("GetUser"), b"{}", &opts).unwrap_err();
    assert_eq!(err.error_type(), ErrorType::InvalidParameterException);
    let admin = br#"{"UserPoolId": "us-east-1_abc", "Username": "ada", "AccessToken": "a.b.c"}"#;
    assert!(validate(op("AdminGetUser"), admin, &opts).is_ok());
    assert!(check_op(op("AdminGetUser"), admin, &opts)
        .diagnostics
        .iter()
        .all(|d| !d.rule.example_needs_keys()));
}

/// A family operation's business rules (issue 12) run after the token check;
/// a token fault is the answer, and a linter lists both.
#[test]
fn token_faults_outrank_the_family_s_business_rules() {
    use cognito_validate::{check as check_op, validate, Operation};
    let opts = token_opts();
    let op = Operation::from_name("DeleteUserAttributes").unwrap();
    let delete_sub =
        |t: &str| format!(r#"{{"AccessToken": "{t}", "UserAttributeNames": ["sub"]}}"#);
    let expired = token_with(|c| c["exp"] = json!(NOW - 1));
    let body = delete_sub(&expired);
    let err = validate(op, body.as_bytes(), &opts).unwrap_err();
    assert_eq!(err.message(), "Access Token has expired");
    let rules: Vec<Rule> = check_op(op, body.as_bytes(), &opts)
        .diagnostics
        .iter()
        .map(|d| d.rule)
        .collect();
    assert_eq!(rules, [Rule::TokenExpired, Rule::ModifySub]);
    let good = token_with(|_| {});
    let err = validate(op, delete_sub(&good).as_bytes(), &opts).unwrap_err();
    assert_eq!(err.message(), "Cannot modify the non-mutable attribute sub");
}
