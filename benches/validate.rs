//! Benchmarks of issue 6: the shape checks against the `regex` crate, the
//! whole bytes-to-verdict path against serde_json's borrowed typed parse (the
//! floor) and `serde_json::Value` + the jsonschema crate (what users would
//! otherwise pick), and the rejection path.
//!
//! Run with `cargo bench --all-features --bench validate`; the settings below
//! keep a full run near two minutes on a small machine. See BENCHMARKS.md.

use std::borrow::Cow;
use std::hint::black_box;
use std::time::Duration;

use cognito_validate::shape::{StringShape, ACCESS_TOKEN, ATTRIBUTE_NAME_LEGACY, ATTRIBUTE_VALUE};
use cognito_validate::{validate_json, Options, UpdateUserAttributesRequest};
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion};
use serde::Deserialize;

// ---------------------------------------------------------------------------
// Inputs

/// A JWT-like token of exactly `len` characters: three base64url parts
/// joined by dots, pseudo-random but the same on every run.
fn jwt_like(len: usize) -> String {
    const B64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut x: u32 = 0x9E37_79B9;
    (0..len)
        .map(|i| {
            if i == len / 5 || i == len * 4 / 5 {
                '.'
            } else {
                x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                B64URL[(x >> 26) as usize] as char
            }
        })
        .collect()
}

/// Realistic attributes: standard and custom names, values of a few to a few
/// dozen bytes, every fourth value with an escape.
fn attribute(i: usize) -> String {
    let (name, value) = match i % 8 {
        0 => ("email", "ada.lovelace@example.com".to_string()),
        1 => ("given_name", "Ada".to_string()),
        2 => ("family_name", "King, Countess of Lovelace".to_string()),
        3 => ("nickname", "Ada \\\"the Enchantress\\\"".to_string()),
        4 => ("address", "12 St James's Square\\nLondon".to_string()),
        5 => ("locale", "en-GB".to_string()),
        6 => ("phone_number", "+442079460000".to_string()),
        _ => ("custom:favourite_café", "Caf\\u00e9 Royal".to_string()),
    };
    let name = if i >= 8 {
        format!("custom:attribute_{i}")
    } else {
        name.to_string()
    };
    format!(r#"{{"Name": "{name}", "Value": "{value}"}}"#)
}

fn request(attrs: usize, token_len: usize) -> String {
    let list: Vec<String> = (0..attrs).map(attribute).collect();
    format!(
        r#"{{"AccessToken": "{}", "UserAttributes": [{}]}}"#,
        jwt_like(token_len),
        list.join(", ")
    )
}

/// A request the service refuses with `violations` items: one bad token, or
/// a good token and that many names with a space in them.
fn rejected(violations: usize) -> String {
    if violations == 1 {
        return request(5, 1024).replacen("-", "+", 1);
    }
    let list: Vec<String> = (0..violations)
        .map(|i| format!(r#"{{"Name": "bad name {i}", "Value": "v"}}"#))
        .collect();
    format!(
        r#"{{"AccessToken": "{}", "UserAttributes": [{}]}}"#,
        jwt_like(1024),
        list.join(", ")
    )
}

// ---------------------------------------------------------------------------
// The floor: serde_json's derived, borrowing parse with no checks.

/// A string that borrows from the input when it has no escapes.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Str<'a>(#[serde(borrow)] Cow<'a, str>);

/// The request as a plain derived struct that borrows every string, the
/// optional `Value` too (serde only borrows a `Cow` that is a field itself,
/// so the library's own `Option<Cow>` is decoded into a new `String`).
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct FloorRequest<'a> {
    #[serde(borrow)]
    access_token: Cow<'a, str>,
    #[serde(borrow)]
    user_attributes: Vec<FloorAttribute<'a>>,
    #[serde(borrow, default)]
    client_metadata: Option<Vec<(Str<'a>, Str<'a>)>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct FloorAttribute<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(borrow, default)]
    value: Option<Str<'a>>,
}

// ---------------------------------------------------------------------------
// Settings

fn configure(g: &mut BenchmarkGroup<'_, WallTime>) {
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_millis(2500))
        .sample_size(30);
}

// ---------------------------------------------------------------------------
// Per shape

fn shapes(c: &mut Criterion) {
    let mut g = c.benchmark_group("shape");
    configure(&mut g);
    // The regex crate doing the same check: the whole shape (length and
    // pattern) as one anchored pattern, compiled once.
    let name_re = regex::Regex::new(r"\A[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,32}\z").unwrap();
    let token_re = regex::Regex::new(r"\A[A-Za-z0-9\-_=.]+\z").unwrap();
    let value_re = regex::RegexBuilder::new(r"\A(?s:.){0,2048}\z")
        .size_limit(1 << 26)
        .build()
        .unwrap();
    let ascii_name = "custom:favourite_flavour_abcdefg".to_string();
    let non_ascii_name: String = "名前é👍ñ字ü∑".chars().cycle().take(32).collect();
    let token = jwt_like(1024);
    let value_ascii: String = "x".repeat(2048);
    let value_mixed: String = "Café crème, naïve façade. "
        .chars()
        .cycle()
        .take(2048)
        .collect();
    let cases: [(&str, &StringShape, &regex::Regex, &str); 5] = [
        (
            "ascii_name_32",
            &ATTRIBUTE_NAME_LEGACY,
            &name_re,
            &ascii_name,
        ),
        (
            "non_ascii_name_32",
            &ATTRIBUTE_NAME_LEGACY,
            &name_re,
            &non_ascii_name,
        ),
        ("token_1KiB", &ACCESS_TOKEN, &token_re, &token),
        (
            "value_2KiB_ascii",
            &ATTRIBUTE_VALUE,
            &value_re,
            &value_ascii,
        ),
        (
            "value_2048_chars_mixed",
            &ATTRIBUTE_VALUE,
            &value_re,
            &value_mixed,
        ),
    ];
    for (label, shape, re, s) in cases {
        // Both must agree that the input is valid, or the race is unfair.
        assert!(shape.check(s).is_empty(), "{label}");
        assert!(re.is_match(s), "{label}");
        g.bench_with_input(BenchmarkId::new("ours", label), s, |b, s| {
            b.iter(|| black_box(shape).check(black_box(s)).is_empty())
        });
        g.bench_with_input(BenchmarkId::new("regex", label), s, |b, s| {
            b.iter(|| black_box(re).is_match(black_box(s)))
        });
    }
    g.finish();
}

// ---------------------------------------------------------------------------
// End to end

fn schema_validator() -> jsonschema::Validator {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schemas/update-user-attributes-request.legacy.schema.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn end_to_end(c: &mut Criterion) {
    let validator = schema_validator();
    // What a caller gets by default (shapes and the default pool's business
    // rules), and the shapes alone, which is what the JSON Schema checks.
    let opts = Options::default();
    let phase_one = Options::default().phase_one_only();
    let mut g = c.benchmark_group("end_to_end");
    configure(&mut g);
    let series = [
        ("1_attr_1KiB_token", request(1, 1024)),
        ("5_attr_1KiB_token", request(5, 1024)),
        ("50_attr_1KiB_token", request(50, 1024)),
        ("5_attr_64B_token", request(5, 64)),
        ("5_attr_4KiB_token", request(5, 4096)),
    ];
    for (label, body) in &series {
        let bytes = body.as_bytes();
        // Every contender must find the request valid.
        assert!(validate_json(bytes, &opts).is_ok(), "{label}");
        assert!(validate_json(bytes, &phase_one).is_ok(), "{label}");
        assert!(serde_json::from_slice::<UpdateUserAttributesRequest<'_>>(bytes).is_ok());
        assert!(serde_json::from_slice::<FloorRequest<'_>>(bytes).is_ok());
        let v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        assert!(validator.is_valid(&v), "{label}");

        g.bench_with_input(BenchmarkId::new("validate_json", label), bytes, |b, i| {
            b.iter(|| validate_json(black_box(i), &opts).is_ok())
        });
        g.bench_with_input(
            BenchmarkId::new("validate_json_phase_one", label),
            bytes,
            |b, i| b.iter(|| validate_json(black_box(i), &phase_one).is_ok()),
        );
        g.bench_with_input(BenchmarkId::new("serde_floor", label), bytes, |b, i| {
            b.iter(|| serde_json::from_slice::<FloorRequest<'_>>(black_box(i)).is_ok())
        });
        g.bench_with_input(
            BenchmarkId::new("serde_library_type", label),
            bytes,
            |b, i| {
                b.iter(|| {
                    serde_json::from_slice::<UpdateUserAttributesRequest<'_>>(black_box(i)).is_ok()
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("value_jsonschema", label),
            bytes,
            |b, i| {
                b.iter(|| {
                    let v: serde_json::Value = serde_json::from_slice(black_box(i)).unwrap();
                    validator.is_valid(&v)
                })
            },
        );
    }
    g.finish();
}

// ---------------------------------------------------------------------------
// Rejection

fn rejection(c: &mut Criterion) {
    let validator = schema_validator();
    let opts = Options::default();
    let mut g = c.benchmark_group("rejection");
    configure(&mut g);
    for n in [1usize, 50] {
        let body = rejected(n);
        let bytes = body.as_bytes();
        let err = validate_json(bytes, &opts).unwrap_err();
        assert_eq!(err.error_count(), n);
        let v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        assert_eq!(validator.iter_errors(&v).count(), n);
        let label = format!("{n}_violations");
        g.bench_with_input(
            BenchmarkId::new("validate_json_and_body", &label),
            bytes,
            |b, i| {
                b.iter(|| match validate_json(black_box(i), &opts) {
                    Ok(_) => 0,
                    Err(r) => r.body().len(),
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("value_jsonschema_errors", &label),
            bytes,
            |b, i| {
                b.iter(|| {
                    let v: serde_json::Value = serde_json::from_slice(black_box(i)).unwrap();
                    validator
                        .iter_errors(&v)
                        .map(|e| e.to_string().len())
                        .sum::<usize>()
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, shapes, end_to_end, rejection);
criterion_main!(benches);
