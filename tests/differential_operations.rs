//! The walker and the generated JSON Schemas (`schemas/operations/`) agree:
//! for requests generated from the model's tables, near every boundary and
//! now and then of the wrong JSON type, `check` finds an error exactly when
//! the `jsonschema` crate (an independent engine, draft 2020-12) refuses the
//! request.
//!
//! Bounded: `DIFF_CASES` cases per operation (128 by default), 18 operations
//! of different shapes (maps, enums and lists of enums, integers, booleans,
//! nested structures, sensitive members).
//!
//! Not generated, because the two engines are meant to differ there: `null`
//! members (the schemas say nothing of `null`), unknown members (warnings
//! here), repeated keys and non-integral numbers (serde_json writes neither).

use std::cell::Cell;

use cognito_validate::model::{Kind, ShapeId};
use cognito_validate::{check, Operation, Options};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value as Json};

const OPERATIONS: &[&str] = &[
    "ListUsers",
    "ListGroups",
    "CreateGroup",
    "SignUp",
    "InitiateAuth",
    "AdminInitiateAuth",
    "AdminCreateUser",
    "AdminUpdateUserAttributes",
    "DeleteUserAttributes",
    "CreateUserPoolClient",
    "CreateUserPool",
    "AdminSetUserMFAPreference",
    "CreateIdentityProvider",
    "ListUserPools",
    "RespondToAuthChallenge",
    "AdminUpdateDeviceStatus",
    "AddCustomAttributes",
    "SetUICustomization",
];

/// Characters that sit on either side of the model's classes.
const CHARS: &[char] = &[
    'a', 'Z', '0', '9', '_', '-', '.', '@', '+', '=', ' ', '\t', 'é', '東', '\u{200B}', ':', '/',
];

/// Realistic values: each satisfies some of the model's patterns (pool ids,
/// client ids, names, emails, passwords, ARNs, codes).
const SAMPLES: &[&str] = &[
    "us-east-1_abc123",
    "4tkfm0f3e2hs9ralkqjrcbfb5",
    "email",
    "custom:tenant",
    "ada@example.com",
    "Passw0rd! x",
    "123456",
    "arn:aws:iam::123456789012:role/r",
    "https://example.com/cb",
    "group-1",
];

/// Lengths worth trying for `min..=max`: the boundaries and a few inside,
/// capped so that cases stay small.
fn lengths(min: Option<u64>, max: Option<u64>) -> Vec<usize> {
    let min = min.unwrap_or(0) as usize;
    let mut v = vec![0, 1, 2, min.saturating_sub(1), min, min + 1];
    if let Some(max) = max {
        let max = max as usize;
        v.extend([max.saturating_sub(1), max, max + 1]);
    } else {
        v.push(min + 5);
    }
    v.retain(|&n| n <= 300);
    v.sort_unstable();
    v.dedup();
    v
}

fn string_of(lens: Vec<usize>) -> BoxedStrategy<String> {
    (
        prop::sample::select(lens),
        any::<u64>(),
        prop::bool::weighted(0.6),
    )
        .prop_map(|(n, seed, plain)| {
            let mut x = seed | 1;
            (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // Mostly one character, which often satisfies a class.
                    if plain {
                        'a'
                    } else {
                        CHARS[(x % CHARS.len() as u64) as usize]
                    }
                })
                .collect()
        })
        .boxed()
}

/// A value of the wrong JSON type for `kind`.
fn wrong(kind: &Kind) -> Json {
    match kind {
        Kind::String { .. } | Kind::Blob { .. } => Json::from(7),
        Kind::Boolean => Json::from("true"),
        Kind::List { .. } => Json::from("x"),
        Kind::Structure { .. } | Kind::Map { .. } => Json::from(vec![1]),
        _ => Json::from(false),
    }
}

fn shape(id: ShapeId, depth: u32) -> BoxedStrategy<Json> {
    let def = id.def();
    let right = right(id, depth);
    if matches!(def.kind, Kind::Document) {
        return right;
    }
    let wrong = wrong(&def.kind);
    prop_oneof![39 => right, 1 => Just(wrong)].boxed()
}

fn right(id: ShapeId, depth: u32) -> BoxedStrategy<Json> {
    match &id.def().kind {
        Kind::String {
            length,
            enum_values,
            ..
        } if !enum_values.is_empty() => {
            let good = prop::sample::select(enum_values.to_vec()).prop_map(Json::from);
            let other = string_of(lengths(length.min, length.max)).prop_map(Json::from);
            prop_oneof![4 => good, 1 => other].boxed()
        }
        Kind::String { length, .. } => {
            let random = string_of(lengths(length.min, length.max)).prop_map(Json::from);
            let sample = prop::sample::select(SAMPLES).prop_map(Json::from);
            prop_oneof![1 => random, 6 => sample].boxed()
        }
        Kind::Blob { .. } => Just(Json::from("aGVsbG8=")).boxed(),
        Kind::Integer { range } | Kind::Long { range } => {
            let mut v = vec![0i64, 1, -1, 5, 1000];
            for b in [range.min, range.max].into_iter().flatten() {
                v.extend([b - 1, b, b + 1]);
            }
            prop::sample::select(v).prop_map(Json::from).boxed()
        }
        Kind::Float | Kind::Double | Kind::Timestamp => Just(Json::from(1.5)).boxed(),
        Kind::Boolean => any::<bool>().prop_map(Json::from).boxed(),
        Kind::Document => Just(Json::from(Map::new())).boxed(),
        Kind::List { member, length } => {
            if depth > 3 {
                return Just(Json::Array(Vec::new())).boxed();
            }
            let max = length.max.map_or(3, |m| (m as usize + 1).min(3));
            prop::collection::vec(shape(*member, depth + 1), 0..=max)
                .prop_map(Json::Array)
                .boxed()
        }
        Kind::Map { key, value, length } => {
            if depth > 3 {
                return Just(Json::Object(Map::new())).boxed();
            }
            let max = length.max.map_or(3, |m| (m as usize + 1).min(3));
            let key = match &key.def().kind {
                Kind::String { length, .. } => string_of(lengths(length.min, length.max)),
                _ => Just("k".to_string()).boxed(),
            };
            prop::collection::btree_map(key, shape(*value, depth + 1), 0..=max)
                .prop_map(|m| Json::Object(m.into_iter().collect()))
                .boxed()
        }
        Kind::Structure { members } => {
            if depth > 3 {
                return Just(Json::Object(Map::new())).boxed();
            }
            let parts: Vec<BoxedStrategy<Option<(String, Json)>>> = members
                .iter()
                .map(|m| {
                    let name = m.name.to_string();
                    let value =
                        shape(m.shape, depth + 1).prop_map(move |v| Some((name.clone(), v)));
                    let weight = if m.required { 0.9 } else { 0.5 };
                    prop::option::weighted(weight, value)
                        .prop_map(Option::flatten)
                        .boxed()
                })
                .collect();
            parts
                .prop_map(|kv| Json::Object(kv.into_iter().flatten().collect()))
                .boxed()
        }
        _ => Just(Json::Null).boxed(),
    }
}

fn compile(op: &str) -> jsonschema::Validator {
    let path = format!(
        "{}/schemas/operations/{op}.schema.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    jsonschema::draft202012::new(&doc).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_walker_agrees_with_the_generated_schemas() {
    let cases: u32 = std::env::var("DIFF_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(128);
    // The schemas say what the shapes say: phase one. The attribute family's
    // business rules (a name the pool lacks) are beyond any JSON Schema.
    let opts = Options::default().phase_one_only();
    let mut totals = (0, 0);
    for name in OPERATIONS {
        let op = Operation::from_name(name).expect("an operation");
        let schema = compile(name);
        let strategy = right(op.def().input, 0);
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let (valid, invalid) = (Cell::new(0), Cell::new(0));
        let result = runner.run(&strategy, |json| {
            let body = serde_json::to_vec(&json).expect("serialisable");
            let report = check(op, &body, &opts);
            let ours = report.errors == 0;
            let theirs = schema.is_valid(&json);
            let tally = if ours { &valid } else { &invalid };
            tally.set(tally.get() + 1);
            prop_assert_eq!(
                ours,
                theirs,
                "{}: {}\nours: {:?}\njsonschema: {:?}",
                name,
                String::from_utf8_lossy(&body),
                report
                    .diagnostics
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>(),
                schema
                    .iter_errors(&json)
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
            );
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
        // Both verdicts must occur, or the comparison says little.
        eprintln!("{name}: {} valid, {} invalid", valid.get(), invalid.get());
        assert!(invalid.get() > 0, "{name}: no invalid request generated");
        totals.0 += valid.get();
        totals.1 += 1;
    }
    // Both verdicts must occur, or the comparison says little.
    assert!(totals.0 >= totals.1, "too few valid requests: {totals:?}");
}
