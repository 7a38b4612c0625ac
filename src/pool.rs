//! A user pool's attribute schema and an app client's write list, read from
//! the JSON that DescribeUserPool and DescribeUserPoolClient answer.
//!
//! Without one, [`Schema::default_pool`] stands for what every pool has: the
//! standard attributes of reference section 6, and any well-formed
//! `custom:<base>` name (whose pool definition is unknown, so only its name is
//! checked).

use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;

use crate::shape::Pattern;

/// The most scalar values in a custom attribute's base name (`custom:<base>`).
pub const CUSTOM_BASE_MAX_LENGTH: usize = 20;

/// The type of an attribute (`AttributeDataType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DataType {
    /// `String`, with optional MinLength/MaxLength.
    String,
    /// `Number`: an integer, with optional MinValue/MaxValue.
    Number,
    /// `DateTime`.
    DateTime,
    /// `Boolean`: `true` or `false`.
    Boolean,
}

/// One attribute of a pool's schema (`SchemaAttributeType`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SchemaAttribute {
    /// Full name: `email`, `custom:plan`, `dev:custom:tier`.
    pub name: String,
    /// Its type.
    pub data_type: DataType,
    /// Whether it can change after sign-up.
    pub mutable: bool,
    /// Whether every user must have it.
    pub required: bool,
    /// Whether only administrators may change it.
    pub developer_only: bool,
    /// `StringAttributeConstraints.MinLength`.
    pub min_length: Option<u64>,
    /// `StringAttributeConstraints.MaxLength`.
    pub max_length: Option<u64>,
    /// `NumberAttributeConstraints.MinValue`.
    pub min_value: Option<i64>,
    /// `NumberAttributeConstraints.MaxValue`.
    pub max_value: Option<i64>,
}

impl SchemaAttribute {
    /// A mutable, optional String attribute without constraints.
    pub fn string(name: &str) -> SchemaAttribute {
        SchemaAttribute {
            name: name.to_string(),
            data_type: DataType::String,
            mutable: true,
            required: false,
            developer_only: false,
            min_length: None,
            max_length: None,
            min_value: None,
            max_value: None,
        }
    }
}

/// A user pool's attributes, and optionally the app client's write list.
///
/// Its `Debug` is a summary (counts, not the attributes), since it shows up
/// inside every [`crate::Options`]; [`Schema::attributes`] has the detail.
#[derive(Clone, PartialEq, Eq)]
pub struct Schema {
    attributes: Vec<SchemaAttribute>,
    /// `None`: every custom `custom:<base>` name is assumed to exist.
    closed: bool,
    write_attributes: Option<Vec<String>>,
}

/// What is wrong with a schema or write list handed in.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemaError {
    /// The text is not JSON of the expected form.
    #[error("not a DescribeUserPool answer or SchemaAttributes array: {0}")]
    Json(String),
    /// The JSON has the form but an attribute in it is wrong.
    #[error("SchemaAttributes[{index}] ({name}): {problem}")]
    Attribute {
        /// 0-based index in `SchemaAttributes`.
        index: usize,
        /// The attribute's name as given.
        name: String,
        /// What is wrong.
        problem: String,
    },
    /// The write list is not JSON of the expected form.
    #[error("not a DescribeUserPoolClient answer or WriteAttributes array: {0}")]
    WriteAttributes(String),
}

/// The MaxLength of the default pool's String attributes.
const STANDARD_MAX_LENGTH: u64 = 2048;

/// The standard attributes (reference section 6) as the default pool has them.
const STANDARD: &[(&str, DataType, u64, u64, bool)] = &[
    // name, type, min length, max length, mutable
    ("sub", DataType::String, 1, STANDARD_MAX_LENGTH, false),
    ("name", DataType::String, 0, STANDARD_MAX_LENGTH, true),
    ("given_name", DataType::String, 0, STANDARD_MAX_LENGTH, true),
    (
        "family_name",
        DataType::String,
        0,
        STANDARD_MAX_LENGTH,
        true,
    ),
    (
        "middle_name",
        DataType::String,
        0,
        STANDARD_MAX_LENGTH,
        true,
    ),
    ("nickname", DataType::String, 0, STANDARD_MAX_LENGTH, true),
    (
        "preferred_username",
        DataType::String,
        0,
        STANDARD_MAX_LENGTH,
        true,
    ),
    ("profile", DataType::String, 0, STANDARD_MAX_LENGTH, true),
    ("picture", DataType::String, 0, STANDARD_MAX_LENGTH, true),
    ("website", DataType::String, 0, STANDARD_MAX_LENGTH, true),
    ("email", DataType::String, 0, STANDARD_MAX_LENGTH, true),
    ("email_verified", DataType::Boolean, 0, 0, true),
    ("gender", DataType::String, 0, STANDARD_MAX_LENGTH, true),
    ("birthdate", DataType::String, 10, 10, true),
    ("zoneinfo", DataType::String, 0, STANDARD_MAX_LENGTH, true),
    ("locale", DataType::String, 0, STANDARD_MAX_LENGTH, true),
    (
        "phone_number",
        DataType::String,
        0,
        STANDARD_MAX_LENGTH,
        true,
    ),
    ("phone_number_verified", DataType::Boolean, 0, 0, true),
    ("address", DataType::String, 0, STANDARD_MAX_LENGTH, true),
    ("updated_at", DataType::Number, 0, 0, true),
];

/// The standard String attributes that accept any value up to the default
/// MaxLength: mutable, no MinLength, no format of their own.
#[cfg(feature = "proptest")]
pub(crate) fn free_standard_names() -> Vec<&'static str> {
    // The standard attributes whose values `crate::semantics` checks for a
    // format of their own.
    const FORMATTED: [&str; 2] = ["email", "phone_number"];
    STANDARD
        .iter()
        .filter(|&&(name, data_type, min, max, mutable)| {
            data_type == DataType::String
                && mutable
                && min == 0
                && max == STANDARD_MAX_LENGTH
                && !FORMATTED.contains(&name)
        })
        .map(|s| s.0)
        .collect()
}

/// Whether `name` is one of the standard attributes.
pub fn is_standard(name: &str) -> bool {
    STANDARD.iter().any(|s| s.0 == name)
}

/// Whether `name` is `custom:<base>` with a base the service accepts: 1 to
/// 20 scalar values matching the legacy name pattern.
pub fn is_custom_name(name: &str) -> bool {
    match name.strip_prefix("custom:") {
        Some(base) => {
            // n bytes hold at most n scalar values: count only when needed.
            (base.len() <= CUSTOM_BASE_MAX_LENGTH || base.chars().count() <= CUSTOM_BASE_MAX_LENGTH)
                && Pattern::LegacyName.is_match(base)
        }
        None => false,
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SchemaDoc {
    Pool {
        #[serde(rename = "UserPool")]
        user_pool: SchemaList,
    },
    List(SchemaList),
    Bare(Vec<RawAttribute>),
}

#[derive(Deserialize)]
struct SchemaList {
    #[serde(rename = "SchemaAttributes")]
    schema_attributes: Vec<RawAttribute>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawAttribute {
    name: Option<String>,
    attribute_data_type: Option<String>,
    developer_only_attribute: Option<bool>,
    mutable: Option<bool>,
    required: Option<bool>,
    string_attribute_constraints: Option<RawString>,
    number_attribute_constraints: Option<RawNumber>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawString {
    min_length: Option<String>,
    max_length: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawNumber {
    min_value: Option<String>,
    max_value: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum WriteDoc {
    Client {
        #[serde(rename = "UserPoolClient")]
        client: WriteList,
    },
    List(WriteList),
    Bare(Vec<String>),
}

#[derive(Deserialize)]
struct WriteList {
    #[serde(rename = "WriteAttributes")]
    write_attributes: Vec<String>,
}

impl Schema {
    /// The schema every pool starts with: the standard attributes, all
    /// mutable and optional but `sub`, and every well-formed `custom:` name.
    pub fn default_pool() -> Schema {
        let attributes = STANDARD
            .iter()
            .map(|&(name, data_type, min, max, mutable)| {
                let mut a = SchemaAttribute::string(name);
                a.data_type = data_type;
                a.mutable = mutable;
                a.required = name == "sub";
                if data_type == DataType::String {
                    a.min_length = Some(min);
                    a.max_length = Some(max);
                }
                if name == "updated_at" {
                    a.min_value = Some(0);
                }
                a
            })
            .collect();
        Schema {
            attributes,
            closed: false,
            write_attributes: None,
        }
    }

    /// Reads a DescribeUserPool answer (`{"UserPool": {"SchemaAttributes":
    /// [...]}}`), a `{"SchemaAttributes": [...]}` object, or the bare array.
    ///
    /// Only the pool's attributes exist under this schema. Standard attributes
    /// the answer leaves out are taken from the default pool.
    ///
    /// ```
    /// use cognito_validate::pool::Schema;
    /// let s = Schema::from_json(br#"[{"Name": "custom:plan", "AttributeDataType": "String",
    ///     "Mutable": false, "StringAttributeConstraints": {"MaxLength": "16"}}]"#).unwrap();
    /// assert!(!s.attribute("custom:plan").unwrap().mutable);
    /// assert!(s.attribute("custom:other").is_none());
    /// assert!(Schema::from_json(br#"[{"Name": "x", "AttributeDataType": "Text"}]"#).is_err());
    /// ```
    pub fn from_json(input: &[u8]) -> Result<Schema, SchemaError> {
        let doc: SchemaDoc =
            serde_json::from_slice(input).map_err(|e| SchemaError::Json(e.to_string()))?;
        let raw = match doc {
            SchemaDoc::Pool { user_pool } => user_pool.schema_attributes,
            SchemaDoc::List(l) => l.schema_attributes,
            SchemaDoc::Bare(v) => v,
        };
        let mut schema = Schema::default_pool();
        schema.closed = true;
        // Linear in the attributes given: a hash set finds repeats, and an
        // attribute replaces a default one only among the standard few.
        let mut given: HashSet<String> = HashSet::with_capacity(raw.len());
        for (index, r) in raw.into_iter().enumerate() {
            let a = convert(index, r)?;
            if !given.insert(a.name.clone()) {
                return Err(SchemaError::Attribute {
                    index,
                    name: a.name,
                    problem: "named twice".into(),
                });
            }
            match schema.attributes[..STANDARD.len()]
                .iter_mut()
                .find(|x| x.name == a.name)
            {
                Some(slot) => *slot = a,
                None => schema.attributes.push(a),
            }
        }
        Ok(schema)
    }

    /// This schema with an app client's write list: a DescribeUserPoolClient
    /// answer, a `{"WriteAttributes": [...]}` object, or a bare array.
    pub fn with_write_attributes_json(self, input: &[u8]) -> Result<Schema, SchemaError> {
        let doc: WriteDoc = serde_json::from_slice(input)
            .map_err(|e| SchemaError::WriteAttributes(e.to_string()))?;
        let list = match doc {
            WriteDoc::Client { client } => client.write_attributes,
            WriteDoc::List(l) => l.write_attributes,
            WriteDoc::Bare(v) => v,
        };
        Ok(self.with_write_attributes(list))
    }

    /// This schema with an app client's write list.
    pub fn with_write_attributes<I, S>(mut self, names: I) -> Schema
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.write_attributes = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// The attribute named `name`, if the schema has it. Under the default
    /// pool a well-formed `custom:` name is a String attribute without
    /// constraints.
    pub fn attribute(&self, name: &str) -> Option<&SchemaAttribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// Whether the schema came from a real pool (only its attributes exist).
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// The attributes, standard ones first.
    pub fn attributes(&self) -> &[SchemaAttribute] {
        &self.attributes
    }

    /// Whether the app client may write `name`: yes without a write list;
    /// with one, when the list names it or the pool requires it.
    pub fn may_write_attribute(&self, name: &str) -> bool {
        self.may_write(name, self.attribute(name))
    }

    /// [`Schema::may_write_attribute`] with the attribute already looked up.
    pub(crate) fn may_write(&self, name: &str, attr: Option<&SchemaAttribute>) -> bool {
        match &self.write_attributes {
            None => true,
            Some(list) => list.iter().any(|w| w == name) || attr.is_some_and(|a| a.required),
        }
    }

    /// The write list, if one was given.
    pub fn write_attributes(&self) -> Option<&[String]> {
        self.write_attributes.as_deref()
    }
}

impl fmt::Debug for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Schema")
            .field("attributes", &self.attributes.len())
            .field("closed", &self.closed)
            .field(
                "write_attributes",
                &self.write_attributes.as_ref().map(Vec::len),
            )
            .finish()
    }
}

impl Default for Schema {
    fn default() -> Self {
        Schema::default_pool()
    }
}

fn convert(index: usize, r: RawAttribute) -> Result<SchemaAttribute, SchemaError> {
    let name = r.name.unwrap_or_default();
    let bad = |problem: String| SchemaError::Attribute {
        index,
        name: name.clone(),
        problem,
    };
    if name.is_empty() {
        return Err(bad("has no Name".into()));
    }
    let data_type = match r.attribute_data_type.as_deref() {
        Some("String") | None => DataType::String,
        Some("Number") => DataType::Number,
        Some("DateTime") => DataType::DateTime,
        Some("Boolean") => DataType::Boolean,
        Some(other) => {
            return Err(bad(format!(
                "AttributeDataType {other:?} is not String, Number, DateTime or Boolean"
            )))
        }
    };
    let int = |what: &str, v: Option<String>| -> Result<Option<i64>, SchemaError> {
        match v {
            None => Ok(None),
            Some(s) => s
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| bad(format!("{what} {s:?} is not an integer"))),
        }
    };
    let (min_length, max_length) = match r.string_attribute_constraints {
        None => (None, None),
        Some(c) => (
            int("MinLength", c.min_length)?,
            int("MaxLength", c.max_length)?,
        ),
    };
    let (min_value, max_value) = match r.number_attribute_constraints {
        None => (None, None),
        Some(c) => (int("MinValue", c.min_value)?, int("MaxValue", c.max_value)?),
    };
    let length = |what: &str, v: Option<i64>| -> Result<Option<u64>, SchemaError> {
        v.map(|n| u64::try_from(n).map_err(|_| bad(format!("{what} {n} is negative"))))
            .transpose()
    };
    let (min_length, max_length) = (
        length("MinLength", min_length)?,
        length("MaxLength", max_length)?,
    );
    if let (Some(lo), Some(hi)) = (min_length, max_length) {
        if lo > hi {
            return Err(bad(format!(
                "MinLength {lo} is greater than MaxLength {hi}"
            )));
        }
    }
    if let (Some(lo), Some(hi)) = (min_value, max_value) {
        if lo > hi {
            return Err(bad(format!("MinValue {lo} is greater than MaxValue {hi}")));
        }
    }
    Ok(SchemaAttribute {
        name,
        data_type,
        mutable: r.mutable.unwrap_or(true),
        required: r.required.unwrap_or(false),
        developer_only: r.developer_only_attribute.unwrap_or(false),
        min_length,
        max_length,
        min_value,
        max_value,
    })
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DataType::String => "String",
            DataType::Number => "Number",
            DataType::DateTime => "DateTime",
            DataType::Boolean => "Boolean",
        })
    }
}

#[cfg(all(test, feature = "proptest"))]
mod tests {
    #[test]
    fn free_standard_names_are_those_of_reference_section_6() {
        // Section 6: length 0..2048, mutable, without a format of their own.
        let expected = [
            "name",
            "given_name",
            "family_name",
            "middle_name",
            "nickname",
            "preferred_username",
            "profile",
            "picture",
            "website",
            "gender",
            "zoneinfo",
            "locale",
            "address",
        ];
        let mut got = super::free_standard_names();
        got.sort_unstable();
        let mut want = expected.to_vec();
        want.sort_unstable();
        assert_eq!(got, want);
    }
}
