//! Inputs and baselines shared by the benchmarks: realistic requests, the
//! serde_json floor type and the jsonschema validator.

// Each benchmark uses only some of these.
#![allow(dead_code)]

use std::borrow::Cow;

use serde::Deserialize;

pub mod ops;

// ---------------------------------------------------------------------------
// Inputs

/// A JWT-like token of exactly `len` characters: three base64url parts
/// joined by dots, pseudo-random but the same on every run.
pub fn jwt_like(len: usize) -> String {
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
/// dozen bytes, three values in eight with an escape (`\"`, `\n`, `\u00e9`).
pub fn attribute(i: usize) -> String {
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

pub fn request(attrs: usize, token_len: usize) -> String {
    let list: Vec<String> = (0..attrs).map(attribute).collect();
    format!(
        r#"{{"AccessToken": "{}", "UserAttributes": [{}]}}"#,
        jwt_like(token_len),
        list.join(", ")
    )
}

/// A request the service refuses with `violations` items: one bad token, or
/// a good token and that many names with a space in them.
pub fn rejected(violations: usize) -> String {
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

/// A DescribeUserPool answer with `attrs` distinct custom String attributes
/// (more than a real pool may have: for measuring how reading one scales),
/// every tenth of them with length constraints.
pub fn pool_schema(attrs: usize) -> String {
    let list: Vec<String> = (0..attrs)
        .map(|i| {
            let constraints = if i % 10 == 0 {
                r#", "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "256"}"#
            } else {
                ""
            };
            format!(
                r#"{{"Name": "custom:a{i}", "AttributeDataType": "String", "Mutable": true{constraints}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"UserPool": {{"SchemaAttributes": [{}]}}}}"#,
        list.join(", ")
    )
}

// ---------------------------------------------------------------------------
// The floor: serde_json's derived, borrowing parse with no checks.

/// A string that borrows from the input when it has no escapes.
#[derive(Deserialize)]
#[allow(dead_code)]
pub struct Str<'a>(#[serde(borrow)] Cow<'a, str>);

/// The request as a plain derived struct that borrows every string, the
/// optional `Value` too (serde only borrows a `Cow` that is a field itself,
/// so the library's own `Option<Cow>` is decoded into a new `String`).
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
pub struct FloorRequest<'a> {
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
pub struct FloorAttribute<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(borrow, default)]
    value: Option<Str<'a>>,
}

// ---------------------------------------------------------------------------
// The alternative: serde_json::Value plus the crate's JSON Schema

/// The jsonschema validator of `schemas/`, legacy name pattern, built once.
pub fn schema_validator() -> jsonschema::Validator {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schemas/update-user-attributes-request.legacy.schema.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// An UpdateUserAttributes request naming `unique` custom attributes, then
/// each of them again (issue 14, item 3): every repeat is a W010 warning.
pub fn repeated_names(unique: usize) -> String {
    let mut body = String::from(r#"{"AccessToken":"t","UserAttributes":["#);
    for round in 0..2 {
        for i in 0..unique {
            if round + i > 0 {
                body.push(',');
            }
            body.push_str(&format!(r#"{{"Name":"custom:n{i}","Value":"v"}}"#));
        }
    }
    body.push_str("]}");
    body
}
