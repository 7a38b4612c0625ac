//! The access-token pre-check's cost, against the request check it follows
//! (measured in the same run): a valid token (parse, RS256 verify, claims),
//! the same inside `validate_json`, and the two refusals at either end of the
//! check order (a malformed token, a bad signature).
//!
//! Run with `cargo bench --all-features --bench token`. See BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use cognito_validate::token::{check_access_token, Jwks, TokenCheck, TokenPolicy, ADMIN_SCOPE};
use cognito_validate::{validate_json, Options};
use criterion::{criterion_group, criterion_main, Criterion};
use signing::{claims, data, header, sign, CLIENT, NOW, POOL};

#[path = "../tests/common/token.rs"]
mod signing;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("token");
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_millis(2500))
        .sample_size(30);
    let keys = Jwks::from_json(&data("jwks-a.json")).unwrap();
    let policy = TokenPolicy::default()
        .with_user_pool(POOL)
        .unwrap()
        .with_client_id(CLIENT);
    // A Cognito-like access token (13 claims, one group), and one that key b
    // signed while naming key a.
    let good = sign(&header("a"), &claims(), "a");
    let forged = sign(&header("a"), &claims(), "b");
    assert!(check_access_token(&good, &keys, NOW, &policy, Some(ADMIN_SCOPE)).is_ok());
    let body = format!(
        r#"{{"AccessToken": "{good}", "UserAttributes": [{{"Name": "nickname", "Value": "Ada"}}, {{"Name": "email", "Value": "ada@example.com"}}]}}"#
    );
    let plain = Options::default();
    let with_token =
        Options::default().with_token_check(TokenCheck::new(keys.clone(), policy.clone(), NOW));
    assert!(validate_json(body.as_bytes(), &with_token).is_ok());

    g.bench_function("validate_json/baseline", |b| {
        b.iter(|| validate_json(black_box(body.as_bytes()), &plain).is_ok())
    });
    g.bench_function("validate_json/with_token_check", |b| {
        b.iter(|| validate_json(black_box(body.as_bytes()), &with_token).is_ok())
    });
    g.bench_function("check_access_token/valid", |b| {
        b.iter(|| {
            check_access_token(black_box(&good), &keys, NOW, &policy, Some(ADMIN_SCOPE)).is_ok()
        })
    });
    g.bench_function("check_access_token/bad_signature", |b| {
        b.iter(|| {
            check_access_token(black_box(&forged), &keys, NOW, &policy, Some(ADMIN_SCOPE)).is_err()
        })
    });
    g.bench_function("check_access_token/malformed", |b| {
        b.iter(|| {
            check_access_token(
                black_box("eyJ0.eyJ1.c2ln"),
                &keys,
                NOW,
                &policy,
                Some(ADMIN_SCOPE),
            )
            .is_err()
        })
    });
    g.bench_function("jwks/from_json", |b| {
        let doc = data("jwks-ab.json");
        b.iter(|| Jwks::from_json(black_box(&doc)).is_ok())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
