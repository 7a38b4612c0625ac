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
            assert_eq!(name, "custom:a0");
        }
        other => panic!("{other:?}"),
    }
}
