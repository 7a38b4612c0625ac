//! Reading a pool's schema (`Schema::from_json`): cost and error reports
//! (issue 14, items 3 and 6).

use cognito_validate::pool::{Schema, SchemaError};

/// A `SchemaAttributes` array of `n` distinct custom String attributes,
/// followed by `extra` (raw JSON objects).
fn schema_of(n: usize, extra: &[&str]) -> String {
    let mut items: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"Name": "custom:a{i}", "AttributeDataType": "String"}}"#))
        .collect();
    items.extend(extra.iter().map(|s| s.to_string()));
    format!(
        r#"{{"UserPool": {{"SchemaAttributes": [{}]}}}}"#,
        items.join(", ")
    )
}

/// Issue 14.3: 50,000 attributes took 9 s in release (each one compared
/// with every one before it); read linearly, this takes well under a second
/// even in a debug build. A repeat at the very end is still found, with its
/// index, and standard attributes given late still replace the defaults.
#[test]
fn fifty_thousand_attributes_are_read_linearly() {
    const N: usize = 50_000;
    let late_email = r#"{"Name": "email", "AttributeDataType": "String", "Required": true}"#;
    let s = Schema::from_json(schema_of(N, &[late_email]).as_bytes()).unwrap();
    // The 20 standard attributes, then the custom ones in their order.
    assert_eq!(s.attributes().len(), 20 + N);
    assert_eq!(s.attributes()[20].name, "custom:a0");
    assert_eq!(
        s.attributes()[20 + N - 1].name,
        format!("custom:a{}", N - 1)
    );
    assert!(s.attribute("email").unwrap().required);

    let repeat = r#"{"Name": "custom:a0"}"#;
    let e = Schema::from_json(schema_of(N, &[repeat]).as_bytes()).unwrap_err();
    match e {
        SchemaError::Attribute { index, name, .. } => {
            assert_eq!(index, N);
            assert_eq!(name.as_deref(), Some("custom:a0"));
        }
        other => panic!("{other:?}"),
    }
}

/// Issue 14.6: a JSON number for MaxLength got "data did not match any
/// variant of untagged enum SchemaDoc". The service stores the bounds as
/// decimal strings; an integer is read as the same number.
#[test]
fn a_json_integer_bound_is_read_as_the_number() {
    let s = Schema::from_json(
        br#"[{"Name": "custom:plan", "StringAttributeConstraints": {"MinLength": 2, "MaxLength": 16}},
             {"Name": "custom:age", "AttributeDataType": "Number",
              "NumberAttributeConstraints": {"MinValue": -5, "MaxValue": "120"}}]"#,
    )
    .unwrap();
    let plan = s.attribute("custom:plan").unwrap();
    assert_eq!((plan.min_length, plan.max_length), (Some(2), Some(16)));
    let age = s.attribute("custom:age").unwrap();
    assert_eq!((age.min_value, age.max_value), (Some(-5), Some(120)));
}

/// Every malformed attribute is reported with its index, its name once read,
/// and the field at fault; the message carries all three.
#[test]
fn every_attribute_error_names_the_attribute_and_the_field() {
    // (input, index, name, field, words of the problem)
    type Case = (
        &'static str,
        usize,
        Option<&'static str>,
        Option<&'static str>,
        &'static str,
    );
    let cases: &[Case] = &[
        (
            r#"[{"Name": "custom:a", "StringAttributeConstraints": {"MaxLength": 1.5}}]"#,
            0,
            Some("custom:a"),
            Some("StringAttributeConstraints.MaxLength"),
            "1.5 is not an integer",
        ),
        (
            r#"[{"Name": "custom:a", "StringAttributeConstraints": {"MaxLength": 1e3}}]"#,
            0,
            Some("custom:a"),
            Some("StringAttributeConstraints.MaxLength"),
            "is not an integer",
        ),
        (
            r#"[{"Name": "custom:a", "StringAttributeConstraints": {"MaxLength": 18446744073709551615}}]"#,
            0,
            Some("custom:a"),
            Some("StringAttributeConstraints.MaxLength"),
            "is greater than the largest 64-bit integer",
        ),
        (
            r#"[{"Name": "custom:a", "StringAttributeConstraints": {"MaxLength": true}}]"#,
            0,
            Some("custom:a"),
            Some("StringAttributeConstraints.MaxLength"),
            "is a boolean, not a decimal string",
        ),
        (
            r#"[{"Name": "custom:a", "StringAttributeConstraints": {"MaxLength": "ten"}}]"#,
            0,
            Some("custom:a"),
            Some("StringAttributeConstraints.MaxLength"),
            "\"ten\" is not an integer",
        ),
        (
            r#"[{"Name": "custom:a", "StringAttributeConstraints": {"MinLength": -1}}]"#,
            0,
            Some("custom:a"),
            Some("StringAttributeConstraints.MinLength"),
            "-1 is negative",
        ),
        (
            r#"[{"Name": "custom:a", "StringAttributeConstraints": {"MinLength": "5", "MaxLength": 2}}]"#,
            0,
            Some("custom:a"),
            Some("StringAttributeConstraints"),
            "MinLength 5 is greater than MaxLength 2",
        ),
        (
            r#"[{"Name": "custom:a", "StringAttributeConstraints": "16"}]"#,
            0,
            Some("custom:a"),
            Some("StringAttributeConstraints"),
            "is a string, not an object",
        ),
        (
            r#"[{"Name": "custom:n", "AttributeDataType": "Number", "NumberAttributeConstraints": {"MinValue": [1]}}]"#,
            0,
            Some("custom:n"),
            Some("NumberAttributeConstraints.MinValue"),
            "is an array, not a decimal string",
        ),
        (
            r#"[{"Name": "custom:n", "NumberAttributeConstraints": {"MinValue": "9", "MaxValue": "1"}}]"#,
            0,
            Some("custom:n"),
            Some("NumberAttributeConstraints"),
            "MinValue 9 is greater than MaxValue 1",
        ),
        (
            r#"[{"Name": "custom:a"}, {"Name": "custom:b", "AttributeDataType": "Text"}]"#,
            1,
            Some("custom:b"),
            Some("AttributeDataType"),
            "\"Text\" is not String, Number, DateTime or Boolean",
        ),
        (
            r#"[{"Name": "custom:b", "AttributeDataType": 3}]"#,
            0,
            Some("custom:b"),
            Some("AttributeDataType"),
            "is a number, not a string",
        ),
        (
            r#"[{"Name": "custom:b", "Mutable": "false"}]"#,
            0,
            Some("custom:b"),
            Some("Mutable"),
            "is a string, not true or false",
        ),
        (
            r#"[{"Name": "custom:b", "Required": 1}]"#,
            0,
            Some("custom:b"),
            Some("Required"),
            "is a number, not true or false",
        ),
        (
            r#"[{"Name": "custom:b", "DeveloperOnlyAttribute": {}}]"#,
            0,
            Some("custom:b"),
            Some("DeveloperOnlyAttribute"),
            "is an object, not true or false",
        ),
        (
            r#"[{"AttributeDataType": "String"}]"#,
            0,
            None,
            Some("Name"),
            "is missing",
        ),
        (r#"[{"Name": null}]"#, 0, None, Some("Name"), "is missing"),
        (r#"[{"Name": ""}]"#, 0, None, Some("Name"), "is empty"),
        (
            r#"[{"Name": 7}]"#,
            0,
            None,
            Some("Name"),
            "is a number, not a string",
        ),
        (
            r#"[{"Name": "custom:a"}, "custom:b"]"#,
            1,
            None,
            None,
            "is a string, not an object",
        ),
        (
            r#"[{"Name": "custom:a"}, {"Name": "custom:a"}]"#,
            1,
            Some("custom:a"),
            Some("Name"),
            "named twice (first at SchemaAttributes[0])",
        ),
    ];
    for &(input, index, name, field, problem) in cases {
        let e = Schema::from_json(input.as_bytes()).expect_err(input);
        let text = e.to_string();
        assert!(
            text.starts_with(&format!("SchemaAttributes[{index}]")),
            "{text}"
        );
        if let Some(n) = name {
            assert!(text.contains(&format!("{n:?}")), "{text}");
        }
        if let Some(f) = field {
            assert!(text.contains(&format!(" {f}: ")), "{text}");
        }
        assert!(text.ends_with(problem), "{text} / {problem}");
        match e {
            SchemaError::Attribute {
                index: i,
                name: n,
                field: f,
                ..
            } => {
                assert_eq!(i, index, "{input}");
                assert_eq!(n.as_deref(), name, "{input}");
                assert_eq!(f.as_deref(), field, "{input}");
            }
            other => panic!("{input}: {other:?}"),
        }
    }
}

/// A document of the wrong form says which member is wrong.
#[test]
fn a_document_of_the_wrong_form_names_the_member() {
    let cases: &[(&str, &str, &str)] = &[
        (
            r#""SchemaAttributes""#,
            "(top level)",
            "is a string, not an object or an array",
        ),
        (
            r#"{"Pool": []}"#,
            "(top level)",
            "has neither UserPool nor SchemaAttributes",
        ),
        (
            r#"{"UserPool": []}"#,
            "UserPool",
            "is an array, not an object",
        ),
        (
            r#"{"UserPool": {}}"#,
            "UserPool.SchemaAttributes",
            "is missing",
        ),
        (
            r#"{"UserPool": {"SchemaAttributes": {}}}"#,
            "UserPool.SchemaAttributes",
            "is an object, not an array",
        ),
        (
            r#"{"SchemaAttributes": 3}"#,
            "SchemaAttributes",
            "is a number, not an array",
        ),
    ];
    for &(input, field, problem) in cases {
        match Schema::from_json(input.as_bytes()).expect_err(input) {
            SchemaError::Form {
                field: f,
                problem: p,
            } => {
                assert_eq!(f, field, "{input}");
                assert!(p.ends_with(problem), "{input}: {p}");
            }
            other => panic!("{input}: {other:?}"),
        }
    }
    assert!(matches!(
        Schema::from_json(b"{\"UserPool\": "),
        Err(SchemaError::Json(_))
    ));
}

/// The write list's errors say where too.
#[test]
fn write_list_errors_name_the_member_and_index() {
    let cases: &[(&str, &str)] = &[
        (r#"["email", 3]"#, "[1]: is a number, not a string"),
        (
            r#"{"WriteAttributes": ["email", null]}"#,
            "WriteAttributes[1]: is null, not a string",
        ),
        (
            r#"{"UserPoolClient": {"WriteAttributes": [true]}}"#,
            "UserPoolClient.WriteAttributes[0]: is a boolean, not a string",
        ),
        (
            r#"{"UserPoolClient": {}}"#,
            "UserPoolClient.WriteAttributes: is missing",
        ),
        (
            r#"{"UserPoolClient": 1}"#,
            "UserPoolClient: is a number, not an object",
        ),
        (
            r#"{"WriteAttributes": 3}"#,
            "WriteAttributes: is a number, not an array",
        ),
        (
            r#"{}"#,
            "(top level): has neither UserPoolClient nor WriteAttributes",
        ),
        (
            r#"7"#,
            "(top level): is a number, not an object or an array",
        ),
    ];
    for &(input, expected) in cases {
        let e = Schema::default_pool()
            .with_write_attributes_json(input.as_bytes())
            .expect_err(input);
        assert!(matches!(e, SchemaError::WriteAttributes(_)), "{input}");
        assert!(e.to_string().ends_with(expected), "{input}: {e}");
    }
    let ok = Schema::default_pool()
        .with_write_attributes_json(br#"{"UserPoolClient": {"WriteAttributes": ["email"]}}"#)
        .unwrap();
    assert_eq!(ok.write_attributes(), Some(&["email".to_string()][..]));
}

/// Issue 14.15: a failing case's pool must be printable as something that
/// can be replayed, not a count.
#[test]
fn a_schema_prints_as_rust_that_rebuilds_it() {
    assert_eq!(
        format!("{:?}", Schema::default_pool()),
        "Schema::default_pool()"
    );
    assert_eq!(
        format!(
            "{:?}",
            Schema::default_pool().with_write_attributes(["email", "custom:a"])
        ),
        r#"Schema::default_pool().with_write_attributes(["email", "custom:a"])"#
    );

    let pool =
        Schema::from_json(include_bytes!("../examples/pool/describe-user-pool.json")).unwrap();
    let json = pool.to_json();
    // Only what differs from the default pool: the shipped pool's custom
    // attributes and its required email, not the untouched standard ones.
    assert!(json.contains(r#""Name":"custom:tenant_id""#), "{json}");
    assert!(json.contains(r#""Name":"email""#), "{json}");
    assert!(!json.contains(r#""Name":"given_name""#), "{json}");
    assert_eq!(Schema::from_json(json.as_bytes()).unwrap(), pool);
    assert_eq!(
        format!("{pool:?}"),
        format!(r##"Schema::from_json(r#"{json}"#.as_bytes()).unwrap()"##)
    );

    // A name with `"#` in it needs more hashes in the raw string.
    let odd = Schema::from_json(br##"[{"Name": "custom:a\"#b"}]"##).unwrap();
    let debug = format!("{odd:?}");
    assert!(
        debug.starts_with(r###"Schema::from_json(r##"{"###),
        "{debug}"
    );
    assert!(
        debug.ends_with(r###"}"##.as_bytes()).unwrap()"###),
        "{debug}"
    );
    assert_eq!(Schema::from_json(odd.to_json().as_bytes()).unwrap(), odd);
}

mod arbitrary {
    use cognito_validate::pool::Schema;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    /// Any JSON leaf a schema field might be given.
    fn leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            any::<u64>().prop_map(|n| json!(n)),
            any::<f64>().prop_map(|f| json!(f)),
            "[0-9 -]{0,4}".prop_map(Value::String),
            prop::sample::select(vec!["String", "Number", "DateTime", "Boolean", "Text", ""])
                .prop_map(|s| Value::String(s.into())),
            "\\PC{0,6}".prop_map(Value::String),
        ]
    }

    /// Objects with the members of `SchemaAttributeType` (and others),
    /// holding leaves, constraint objects or anything else.
    fn attribute() -> impl Strategy<Value = Value> {
        let key = prop::sample::select(vec![
            "Name",
            "AttributeDataType",
            "Mutable",
            "Required",
            "DeveloperOnlyAttribute",
            "StringAttributeConstraints",
            "NumberAttributeConstraints",
            "Other",
        ]);
        let bound = prop::sample::select(vec!["MinLength", "MaxLength", "MinValue", "MaxValue"]);
        let constraints = prop::collection::btree_map(bound, leaf(), 0..3)
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()));
        let value = prop_oneof![3 => leaf(), 1 => constraints];
        let name = prop_oneof!["custom:[a-c]{1,2}", "\\PC{0,3}", Just("email".to_string())]
            .prop_map(Value::String);
        (
            prop::collection::btree_map(key, value, 0..6),
            prop::option::of(name),
        )
            .prop_map(|(m, name)| {
                let mut o: serde_json::Map<String, Value> =
                    m.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                if let Some(n) = name {
                    o.insert("Name".into(), n);
                }
                Value::Object(o)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Never a panic; every error names the attribute's index; every
        /// schema read prints as JSON that reads back equal.
        #[test]
        fn any_schema_gets_a_verdict(
            list in prop::collection::vec(prop_oneof![6 => attribute(), 1 => leaf()], 0..5),
            form in 0..3u8,
        ) {
            let doc = match form {
                0 => Value::Array(list.clone()),
                1 => json!({ "SchemaAttributes": list }),
                _ => json!({ "UserPool": { "SchemaAttributes": list } }),
            };
            match Schema::from_json(doc.to_string().as_bytes()) {
                Ok(s) => {
                    prop_assert_eq!(&Schema::from_json(s.to_json().as_bytes()).unwrap(), &s);
                    let _ = format!("{s:?}");
                }
                Err(e) => {
                    prop_assert!(e.to_string().starts_with("SchemaAttributes["), "{}", e);
                }
            }
        }

        /// Arbitrary bytes: never a panic.
        #[test]
        fn any_bytes_get_a_verdict(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            let _ = Schema::from_json(&bytes);
            let _ = Schema::default_pool().with_write_attributes_json(&bytes);
        }
    }
}
