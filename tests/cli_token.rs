//! `lint --jwks`: tokens signed with the test-only keys, checked end to end,
//! and no format ever showing a token or its claims.
#![cfg(feature = "cli")]

#[path = "common/token.rs"]
mod signing;

use assert_cmd::Command;
use serde_json::{json, Value};
use signing::*;

const FORMATS: [&str; 6] = ["human", "concise", "json", "sarif", "github", "aws"];

fn jwks_path() -> String {
    format!(
        "{}/tests/data/token/jwks-a.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Runs `lint` over `stdin` with `args`; the exit code, stdout and stderr.
fn lint(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("cognito-validate")
        .unwrap()
        .arg("lint")
        .args(args)
        .write_stdin(stdin.to_owned())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn with_keys<'a>(extra: &[&'a str], jwks: &'a str, now: &'a str) -> Vec<&'a str> {
    let mut v = vec!["--jwks", jwks, "--now", now];
    v.extend_from_slice(extra);
    v
}

#[test]
fn a_valid_token_passes_and_an_expired_one_gets_the_services_answer() {
    let jwks = jwks_path();
    let now = NOW.to_string();
    let args = with_keys(
        &[
            "--user-pool-id",
            POOL,
            "--client-id",
            CLIENT,
            "--format",
            "aws",
        ],
        &jwks,
        &now,
    );
    let (code, out, _) = lint(&args, &request(&token_with(|_| {})));
    assert_eq!((code, out.as_str()), (Some(0), ""));

    let expired = request(&token_with(|c| c["exp"] = json!(NOW - 1)));
    let (code, out, _) = lint(&args, &expired);
    assert_eq!(code, Some(1));
    let answer: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        answer["body"],
        json!({"__type": "NotAuthorizedException", "message": "Access Token has expired"})
    );
    assert_eq!(
        answer["headers"]["x-amzn-ErrorType"],
        "NotAuthorizedException:"
    );

    // Without --jwks the token is not looked at.
    let (code, _, _) = lint(&["--format", "aws"], &expired);
    assert_eq!(code, Some(0));
    // Expired a second ago: a grace of one second ends now, of two does not.
    for (grace, code) in [("1", 1), ("2", 0)] {
        let mut graced = args.clone();
        graced.extend(["--grace-seconds", grace]);
        assert_eq!(lint(&graced, &expired).0, Some(code), "{grace}");
    }
}

#[test]
fn issuer_client_and_clock_flags_apply() {
    let jwks = jwks_path();
    let now = NOW.to_string();
    let body = request(&token_with(|_| {}));
    let concise = |extra: &[&str]| {
        let mut a = vec!["--format", "concise"];
        a.extend_from_slice(extra);
        let (code, out, err) = lint(&with_keys(&a, &jwks, &now), &body);
        (code, out, err)
    };
    let (code, out, _) = concise(&["--user-pool-id", "us-east-1_OtherPool"]);
    assert_eq!(code, Some(1));
    assert!(out.contains(" T008 Invalid Access Token"), "{out}");
    let (code, out, _) = concise(&[
        "--issuer",
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OtherPool",
    ]);
    assert_eq!(code, Some(1));
    assert!(out.contains(" T008 "), "{out}");
    let new_form = ISS.replace("https://cognito-idp.", "https://issuer-cognito-idp.");
    assert_eq!(concise(&["--issuer", &new_form]).0, Some(0));
    let (code, out, _) = concise(&["--client-id", "a", "--client-id", "b"]);
    assert_eq!(code, Some(1));
    assert!(out.contains(" T009 "), "{out}");
    assert_eq!(
        concise(&["--client-id", "a", "--client-id", CLIENT]).0,
        Some(0)
    );
    // The finding sits on the token: line 1, column 17.
    let (_, out, _) = concise(&["--client-id", "a"]);
    assert!(out.starts_with("-:1:17: T009 "), "{out}");

    // Without --now the system clock decides: a token of 2001 has expired,
    // one valid until 2096 has not.
    let clock = |exp: u64| {
        let body = request(&token_with(|c| c["exp"] = json!(exp)));
        lint(&["--jwks", &jwks, "--format", "concise"], &body)
    };
    let (code, out, _) = clock(1_000_000_000);
    assert_eq!(code, Some(1));
    assert!(out.contains(" T005 Access Token has expired"), "{out}");
    assert_eq!(clock(4_000_000_000).0, Some(0));
}

#[test]
fn a_bad_jwks_or_pool_id_is_a_usage_error_naming_the_fault() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jwks.json");
    std::fs::write(
        &path,
        r#"{"keys": [{"kty": "EC"}, {"kty": "RSA", "kid": "k", "e": "AQAB"}]}"#,
    )
    .unwrap();
    let p = path.display().to_string();
    let (code, _, err) = lint(&["--jwks", &p], &request("a.b.c"));
    assert_eq!(code, Some(2));
    assert!(err.contains("key 1: `n` is missing"), "{err}");
    assert!(err.contains(&p), "{err}");

    let (code, _, err) = lint(&["--jwks", "/nonexistent/jwks.json"], &request("a.b.c"));
    assert_eq!(code, Some(2));
    assert!(err.contains("cannot read /nonexistent/jwks.json"), "{err}");

    let jwks = jwks_path();
    let (code, _, err) = lint(
        &["--jwks", &jwks, "--user-pool-id", "pool"],
        &request("a.b.c"),
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("--user-pool-id"), "{err}");

    // The token flags need --jwks.
    for flag in [
        ["--now", "5"],
        ["--client-id", "x"],
        ["--issuer", "https://x"],
    ] {
        assert_eq!(lint(&flag, &request("a.b.c")).0, Some(2), "{flag:?}");
    }
}

#[test]
fn no_format_shows_a_token_or_its_claims() {
    let jwks = jwks_path();
    let now = NOW.to_string();
    let tokens = marker_tokens();
    let mut all = String::new();
    for t in &tokens {
        all.push_str(&request(t));
        all.push('\n');
    }
    for format in FORMATS {
        let args = with_keys(
            &[
                "--user-pool-id",
                POOL,
                "--client-id",
                CLIENT,
                "--jsonl",
                "--format",
                format,
            ],
            &jwks,
            &now,
        );
        let (code, out, err) = lint(&args, &all);
        assert_eq!(code, Some(1), "{format}");
        for t in &tokens {
            assert_hidden(format, &out, t);
            assert_hidden(format, &err, t);
        }
        // Every fault was found: one line per request in the concise format.
        if format == "concise" {
            for i in 1..=10 {
                assert!(out.contains(&format!(" T{i:03} ")), "{out}");
            }
        }
    }
}
