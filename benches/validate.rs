//! Benchmarks of issue 6: the shape checks against the `regex` crate, the
//! whole bytes-to-verdict path against serde_json's borrowed typed parse (the
//! floor) and `serde_json::Value` + the jsonschema crate (what users would
//! otherwise pick), and the rejection path; and the same for SignUp,
//! AdminCreateUser and InitiateAuth through the model-driven walker.
//!
//! Run with `cargo bench --all-features --bench validate`; the settings below
//! keep a full run near two minutes on a small machine. See BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use cognito_validate::shape::{StringShape, ACCESS_TOKEN, ATTRIBUTE_NAME_LEGACY, ATTRIBUTE_VALUE};
use cognito_validate::{validate, validate_json, Operation, Options, UpdateUserAttributesRequest};
use common::{jwt_like, ops, rejected, request, schema_validator, FloorRequest};
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion};

mod common;

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

/// Value + jsonschema collecting every error's message: the alternative a
/// gateway would run to answer a bad request.
fn jsonschema_errors(
    g: &mut BenchmarkGroup<'_, WallTime>,
    label: &str,
    bytes: &[u8],
    validator: &jsonschema::Validator,
) {
    g.bench_with_input(
        BenchmarkId::new("value_jsonschema_errors", label),
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
        jsonschema_errors(&mut g, &label, bytes, &validator);
    }
    g.finish();
}

// ---------------------------------------------------------------------------
// Other operations (the model-driven walker)

fn operations(c: &mut Criterion) {
    let opts = Options::default();
    let mut g = c.benchmark_group("operations");
    configure(&mut g);
    for name in ["SignUp", "AdminCreateUser", "InitiateAuth"] {
        let op = Operation::from_name(name).expect("a model operation");
        let body = ops::request(name, 5);
        let bytes = body.as_bytes();
        let validator = ops::validator(name);
        assert!(validate(op, bytes, &opts).is_ok(), "{name}");
        assert!(ops::serde_floor(name, bytes), "{name}");
        g.bench_with_input(BenchmarkId::new("validate", name), bytes, |b, i| {
            b.iter(|| validate(op, black_box(i), &opts).is_ok())
        });
        g.bench_with_input(BenchmarkId::new("serde_floor", name), bytes, |b, i| {
            b.iter(|| ops::serde_floor(name, black_box(i)))
        });
        g.bench_with_input(BenchmarkId::new("value_jsonschema", name), bytes, |b, i| {
            b.iter(|| {
                serde_json::from_slice::<serde_json::Value>(black_box(i))
                    .is_ok_and(|v| validator.is_valid(&v))
            })
        });
    }
    let op = Operation::from_name("SignUp").expect("a model operation");
    let validator = ops::validator("SignUp");
    for n in [1usize, 10, 50] {
        let body = ops::rejected_sign_up(n);
        let bytes = body.as_bytes();
        assert_eq!(
            validate(op, bytes, &opts)
                .map(drop)
                .unwrap_err()
                .error_count(),
            n
        );
        let label = format!("SignUp_{n}_violations");
        g.bench_with_input(
            BenchmarkId::new("validate_and_body", &label),
            bytes,
            |b, i| {
                b.iter(|| validate(op, black_box(i), &opts).map_or_else(|r| r.body().len(), |_| 0))
            },
        );
        jsonschema_errors(&mut g, &label, bytes, &validator);
    }
    g.finish();
}

criterion_group!(benches, shapes, end_to_end, rejection, operations);
criterion_main!(benches);
