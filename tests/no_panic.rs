//! Hostile input: arbitrary bytes, arbitrary JSON and mutated requests all get
//! a verdict, never a panic, and the two entry points agree on it.

use cognito_validate::{check_json, validate_json, Options};
use proptest::prelude::*;

fn verdict(input: &[u8]) -> Result<(), TestCaseError> {
    let opts = Options::default();
    let strict = validate_json(input, &opts);
    let report = check_json(input, &opts);
    prop_assert_eq!(strict.is_err(), report.is_rejected());
    if let Err(r) = strict {
        prop_assert!(!r.diagnostics().is_empty());
        prop_assert!(r.error_count() >= r.diagnostics().len());
        prop_assert!(!r.message().is_empty());
        let body: serde_json::Value = serde_json::from_str(&r.body()).unwrap();
        prop_assert_eq!(body["message"].as_str(), Some(r.message()));
        for d in r.diagnostics() {
            if let Some(s) = d.span {
                prop_assert!(s.start <= s.end && s.end <= input.len());
                prop_assert!(d.position.is_some());
            }
        }
    }
    Ok(())
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("AccessToken"),
            Just("UserAttributes"),
            Just("Name"),
            Just("Value"),
            Just("ClientMetadata")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        let key = prop_oneof![
            Just("AccessToken".to_string()),
            Just("UserAttributes".to_string()),
            Just("ClientMetadata".to_string()),
            Just("Name".to_string()),
            Just("Value".to_string()),
            "[a-zA-Z]{0,6}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

const VALID: &str = r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "nickname", "Value": "Ada \u00e9"}, {"Name": "custom:x", "Value": ""}], "ClientMetadata": {"k": "v"}}"#;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes(input in prop::collection::vec(any::<u8>(), 0..256)) {
        verdict(&input)?;
    }

    #[test]
    fn arbitrary_json(v in json_value()) {
        verdict(v.to_string().as_bytes())?;
        verdict(serde_json::to_string_pretty(&v).unwrap().as_bytes())?;
    }

    #[test]
    fn mutated_requests(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6)) {
        let mut input = VALID.as_bytes().to_vec();
        for (at, byte, op) in edits {
            let i = at.index(input.len() + 1);
            match op {
                0 if i < input.len() => input[i] = byte,
                1 => input.insert(i, byte),
                _ => input.truncate(i),
            }
        }
        verdict(&input)?;
    }
}

#[test]
fn the_mutation_base_is_valid() {
    assert!(validate_json(VALID.as_bytes(), &Options::default()).is_ok());
}
