//! The botocore model (`service-2.json`) and the overlay as they are on disk,
//! read with serde. Structure members keep the file's order (the model order
//! the service reports missing members in), which `serde_json::Map` would not
//! without a crate-wide feature.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// A JSON object read as its entries in file order.
#[derive(Debug, Clone)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Ordered<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, T>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

/// The parts of `service-2.json` the generator reads.
#[derive(Debug, Deserialize)]
pub struct Model {
    /// The service's identity.
    pub metadata: Metadata,
    /// The operations by name.
    pub operations: BTreeMap<String, Operation>,
    /// The shapes by name.
    pub shapes: BTreeMap<String, Shape>,
}

/// The model's `metadata`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// The `X-Amz-Target` prefix: `AWSCognitoIdentityProviderService`.
    pub target_prefix: String,
}

/// A reference to a shape.
#[derive(Debug, Clone, Deserialize)]
pub struct Ref {
    /// The target shape's name.
    pub shape: String,
}

/// One operation.
#[derive(Debug, Deserialize)]
pub struct Operation {
    /// Its input shape.
    pub input: Ref,
    /// Smithy auth schemes, `["smithy.api#noAuth"]` for unsigned operations.
    #[serde(default)]
    pub auth: Vec<String>,
    /// The older botocore spelling: `"none"` for unsigned operations.
    #[serde(default)]
    pub authtype: Option<String>,
    /// HTML documentation.
    #[serde(default)]
    pub documentation: String,
}

/// A structure member.
#[derive(Debug, Clone, Deserialize)]
pub struct Member {
    /// Its shape.
    pub shape: String,
    /// The member itself is marked sensitive.
    #[serde(default)]
    pub sensitive: bool,
}

/// One shape; the fields that do not apply to its type are absent.
#[derive(Debug, Clone, Deserialize)]
pub struct Shape {
    /// `structure`, `string`, `list`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// Structure members, in file order.
    #[serde(default)]
    pub members: Option<Ordered<Member>>,
    /// Required member names.
    #[serde(default)]
    pub required: Vec<String>,
    /// List item shape.
    #[serde(default)]
    pub member: Option<Ref>,
    /// Map key shape.
    #[serde(default)]
    pub key: Option<Ref>,
    /// Map value shape.
    #[serde(default)]
    pub value: Option<Ref>,
    /// Minimum length or value.
    #[serde(default)]
    pub min: Option<i64>,
    /// Maximum length or value.
    #[serde(default)]
    pub max: Option<i64>,
    /// Regular expression (Java syntax).
    #[serde(default)]
    pub pattern: Option<String>,
    /// Enum values, in model order.
    #[serde(default, rename = "enum")]
    pub enum_values: Vec<String>,
    /// Sensitive shape.
    #[serde(default)]
    pub sensitive: bool,
    /// A structure that stands for any JSON value.
    #[serde(default)]
    pub document: bool,
    /// An error shape (never an input).
    #[serde(default)]
    pub exception: bool,
}

/// `model/overlay.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// What the file is.
    #[allow(dead_code)]
    pub about: Vec<String>,
    /// The entries, each with its source.
    pub entries: Vec<Entry>,
}

/// One place where the service differs from the model (or a record that a
/// default was checked against the service).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The operation whose input member is concerned; with `member`.
    #[serde(default)]
    pub operation: Option<String>,
    /// The input member (JSON key); with `operation`.
    #[serde(default)]
    pub member: Option<String>,
    /// A shape changed everywhere it is used.
    #[serde(default)]
    pub shape: Option<String>,
    /// The pattern the service prints (and checks).
    #[serde(default)]
    pub pattern: Option<String>,
    /// The pattern that replaces `pattern` under the caller's "current
    /// attribute-name pattern" option.
    #[serde(default)]
    pub current_pattern: Option<String>,
    /// The minimum length the service enforces.
    #[serde(default)]
    pub min: Option<i64>,
    /// The maximum length the service enforces.
    #[serde(default)]
    pub max: Option<i64>,
    /// Whether the service prints the member's value.
    #[serde(default)]
    pub shown: Option<bool>,
    /// The enum values in the order the service prints them.
    #[serde(default)]
    pub enum_order: Option<Vec<String>>,
    /// What the entry says, in words.
    #[allow(dead_code)]
    pub what: String,
    /// The public source of the fact ("none found; …" where none was).
    #[allow(dead_code)]
    pub source: String,
}
