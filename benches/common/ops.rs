//! Requests of three more operations (SignUp, AdminCreateUser,
//! InitiateAuth), their borrowed serde floors, and their generated schemas,
//! for measuring the model-driven walker against both.
#![allow(dead_code)]

use std::borrow::Cow;

use serde::Deserialize;

use super::{attribute, Str};

/// A valid request of `op` with `attrs` user attributes (where it has them).
pub fn request(op: &str, attrs: usize) -> String {
    let list: Vec<String> = (0..attrs).map(attribute).collect();
    let list = list.join(", ");
    match op {
        "SignUp" => format!(
            r#"{{"ClientId": "4tkfm0f3e2hs9ralkqjrcbfb5", "Username": "ada@example.com", "Password": "Passw0rd! x", "UserAttributes": [{list}], "ClientMetadata": {{"source": "web"}}}}"#
        ),
        "AdminCreateUser" => format!(
            r#"{{"UserPoolId": "us-east-1_abc123", "Username": "ada", "UserAttributes": [{list}], "TemporaryPassword": "Passw0rd! x", "MessageAction": "SUPPRESS", "DesiredDeliveryMediums": ["EMAIL"], "ForceAliasCreation": false}}"#
        ),
        _ => r#"{"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "4tkfm0f3e2hs9ralkqjrcbfb5", "AuthParameters": {"USERNAME": "ada@example.com", "PASSWORD": "Passw0rd! x"}, "ClientMetadata": {"source": "web"}}"#.to_string(),
    }
}

/// A SignUp request the service refuses with `violations` items: names
/// with a space in them.
pub fn rejected_sign_up(violations: usize) -> String {
    let list: Vec<String> = (0..violations)
        .map(|i| format!(r#"{{"Name": "bad name {i}", "Value": "v"}}"#))
        .collect();
    format!(
        r#"{{"ClientId": "4tkfm0f3e2hs9ralkqjrcbfb5", "Username": "ada@example.com", "Password": "Passw0rd! x", "UserAttributes": [{}]}}"#,
        list.join(", ")
    )
}

/// One attribute, every string borrowed.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Attribute<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(borrow, default)]
    value: Option<Str<'a>>,
}

/// SignUp, as a plain derived struct that borrows every string.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignUp<'a> {
    #[serde(borrow)]
    client_id: Cow<'a, str>,
    #[serde(borrow)]
    username: Cow<'a, str>,
    #[serde(borrow)]
    password: Option<Str<'a>>,
    #[serde(borrow, default)]
    user_attributes: Vec<Attribute<'a>>,
    #[serde(borrow, default)]
    client_metadata: Option<std::collections::BTreeMap<Cow<'a, str>, Str<'a>>>,
}

/// AdminCreateUser, as a plain derived struct that borrows every string.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminCreateUser<'a> {
    #[serde(borrow)]
    user_pool_id: Cow<'a, str>,
    #[serde(borrow)]
    username: Cow<'a, str>,
    #[serde(borrow, default)]
    user_attributes: Vec<Attribute<'a>>,
    #[serde(borrow)]
    temporary_password: Option<Str<'a>>,
    #[serde(borrow)]
    message_action: Option<Str<'a>>,
    #[serde(borrow, default)]
    desired_delivery_mediums: Vec<Str<'a>>,
    force_alias_creation: Option<bool>,
}

/// InitiateAuth, as a plain derived struct that borrows every string.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuth<'a> {
    #[serde(borrow)]
    auth_flow: Cow<'a, str>,
    #[serde(borrow)]
    client_id: Cow<'a, str>,
    #[serde(borrow, default)]
    auth_parameters: Option<std::collections::BTreeMap<Cow<'a, str>, Str<'a>>>,
    #[serde(borrow, default)]
    client_metadata: Option<std::collections::BTreeMap<Cow<'a, str>, Str<'a>>>,
}

/// The borrowed typed parse of `op`'s request: the floor.
pub fn serde_floor(op: &str, b: &[u8]) -> bool {
    match op {
        "SignUp" => serde_json::from_slice::<SignUp<'_>>(b).is_ok(),
        "AdminCreateUser" => serde_json::from_slice::<AdminCreateUser<'_>>(b).is_ok(),
        _ => serde_json::from_slice::<InitiateAuth<'_>>(b).is_ok(),
    }
}

/// The jsonschema validator of `schemas/operations/<op>.schema.json`.
pub fn validator(op: &str) -> jsonschema::Validator {
    let path = format!(
        "{}/schemas/operations/{op}.schema.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}
