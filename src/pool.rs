//! A user pool's attribute schema and an app client's write list, read from
//! the JSON that DescribeUserPool and DescribeUserPoolClient answer.
//!
//! Without one, [`Schema::default_pool`] stands for what every pool has: the
//! standard attributes of reference section 6, and any well-formed
//! `custom:<base>` name (whose pool definition is unknown, so only its name is
//! checked).

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

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
/// Its `Debug` is Rust that rebuilds it (`Schema::default_pool()`, or
/// `Schema::from_json` of the attributes that differ from the default pool's,
/// see [`Schema::to_json`]), short for the default pool, since it shows up
/// inside every [`crate::Options`] and failing test cases must be replayable.
#[derive(Clone, PartialEq, Eq)]
pub struct Schema {
    attributes: Vec<SchemaAttribute>,
    /// `None`: every custom `custom:<base>` name is assumed to exist.
    closed: bool,
    write_attributes: Option<Vec<String>>,
    /// `UsernameAttributes`: what users sign in with instead of a username
    /// (`email`, `phone_number`).
    username_attributes: Vec<String>,
    /// `AliasAttributes`: what users may sign in with besides their username
    /// (`email`, `phone_number`, `preferred_username`).
    alias_attributes: Vec<String>,
}

/// What is wrong with a schema or write list handed in. Every variant names
/// where: the attribute (index, and name once read) and the field.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemaError {
    /// The text is not JSON.
    #[error("the pool schema is not JSON: {0}")]
    Json(String),
    /// The JSON is not one of the forms [`Schema::from_json`] reads.
    #[error(
        "the pool schema is not a DescribeUserPool answer, a SchemaAttributes object or an array of attributes: {field}: {problem}"
    )]
    Form {
        /// Where, as a path of member names (`UserPool.SchemaAttributes`), or
        /// `(top level)`.
        field: String,
        /// What is wrong.
        problem: String,
    },
    /// An attribute in `SchemaAttributes` is wrong.
    #[error(
        "SchemaAttributes[{index}]{}{}: {problem}",
        .name.as_ref().map(|n| format!(" {n:?}")).unwrap_or_default(),
        .field.as_ref().map(|f| format!(" {f}")).unwrap_or_default()
    )]
    Attribute {
        /// 0-based index in `SchemaAttributes`.
        index: usize,
        /// The attribute's name, once it was read.
        name: Option<String>,
        /// The member at fault (`Name`, `StringAttributeConstraints.MaxLength`),
        /// or `None` when the entry itself is (not an object).
        field: Option<String>,
        /// What is wrong.
        problem: String,
    },
    /// The write list is not JSON of a form
    /// [`Schema::with_write_attributes_json`] reads; the text says where.
    #[error("the write list is not a DescribeUserPoolClient answer, a WriteAttributes object or an array of names: {0}")]
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
            username_attributes: Vec::new(),
            alias_attributes: Vec::new(),
        }
    }

    /// Reads a DescribeUserPool answer (`{"UserPool": {"SchemaAttributes":
    /// [...]}}`), a `{"SchemaAttributes": [...]}` object, or the bare array.
    /// Beside `SchemaAttributes`, `UsernameAttributes` and `AliasAttributes`
    /// are read where they stand (arrays of names; absent or `null` is
    /// empty), for the username rules of SignUp and AdminCreateUser.
    ///
    /// Only the pool's attributes exist under this schema. Standard attributes
    /// the answer leaves out are taken from the default pool. Members other
    /// than those of `SchemaAttributeType` are ignored, and `null` counts as
    /// absent.
    ///
    /// The service stores `MinLength`, `MaxLength`, `MinValue` and `MaxValue`
    /// as decimal strings (`"16"`); a JSON integer (`16`) is read as the same
    /// number, since a hand-written schema often has one. A fraction, an
    /// exponent or any other type is refused. Every error names the attribute
    /// (its index, and its name once read) and the field.
    ///
    /// Time and memory are linear in the input; the caller bounds the input
    /// (the bytes are already in memory when this is called).
    ///
    /// ```
    /// use cognito_validate::pool::Schema;
    /// let s = Schema::from_json(br#"[{"Name": "custom:plan", "AttributeDataType": "String",
    ///     "Mutable": false, "StringAttributeConstraints": {"MaxLength": "16"}}]"#).unwrap();
    /// assert!(!s.attribute("custom:plan").unwrap().mutable);
    /// assert!(s.attribute("custom:other").is_none());
    /// let e = Schema::from_json(br#"[{"Name": "x", "AttributeDataType": "Text"}]"#).unwrap_err();
    /// assert_eq!(
    ///     e.to_string(),
    ///     r#"SchemaAttributes[0] "x" AttributeDataType: "Text" is not String, Number, DateTime or Boolean"#
    /// );
    /// ```
    pub fn from_json(input: &[u8]) -> Result<Schema, SchemaError> {
        let doc: Value =
            serde_json::from_slice(input).map_err(|e| SchemaError::Json(e.to_string()))?;
        let raw = schema_attributes(&doc)?;
        let mut schema = Schema::default_pool();
        schema.closed = true;
        let empty = Map::new();
        let pool = match &doc {
            Value::Object(o) => o.get("UserPool").and_then(Value::as_object).unwrap_or(o),
            _ => &empty,
        };
        schema.username_attributes = sign_in_names(pool, "UsernameAttributes")?;
        schema.alias_attributes = sign_in_names(pool, "AliasAttributes")?;
        // Linear in the attributes given: a hash map finds repeats, and an
        // attribute replaces a default one only among the standard few
        // (`default_pool` holds exactly the `STANDARD` attributes).
        let mut given: HashMap<&str, usize> = HashMap::with_capacity(raw.len());
        for (index, r) in raw.iter().enumerate() {
            let (name, a) = convert(index, r)?;
            if let Some(first) = given.insert(name, index) {
                return Err(SchemaError::Attribute {
                    index,
                    name: Some(name.to_string()),
                    field: Some("Name".into()),
                    problem: format!("named twice (first at SchemaAttributes[{first}])"),
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
    /// answer, a `{"WriteAttributes": [...]}` object, or a bare array of
    /// names. An error says where the text departs from these forms.
    pub fn with_write_attributes_json(self, input: &[u8]) -> Result<Schema, SchemaError> {
        let bad = SchemaError::WriteAttributes;
        let doc: Value =
            serde_json::from_slice(input).map_err(|e| bad(format!("not JSON: {e}")))?;
        let (list, at) = match &doc {
            Value::Array(list) => (list, String::new()),
            Value::Object(o) => match (o.get("UserPoolClient"), o.get("WriteAttributes")) {
                (Some(client), _) => {
                    let client = client.as_object().ok_or_else(|| {
                        bad(format!(
                            "UserPoolClient: is {}, not an object",
                            kind(client)
                        ))
                    })?;
                    let list =
                        member_array(client, "WriteAttributes", "UserPoolClient.").map_err(bad)?;
                    (list, "UserPoolClient.WriteAttributes".to_string())
                }
                (None, Some(_)) => (
                    member_array(o, "WriteAttributes", "").map_err(bad)?,
                    "WriteAttributes".to_string(),
                ),
                (None, None) => {
                    return Err(bad(
                        "(top level): has neither UserPoolClient nor WriteAttributes".into(),
                    ))
                }
            },
            other => {
                return Err(bad(format!(
                    "(top level): is {}, not an object or an array",
                    kind(other)
                )))
            }
        };
        let names = list
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::String(s) => Ok(s.clone()),
                other => Err(bad(format!("{at}[{i}]: is {}, not a string", kind(other)))),
            })
            .collect::<Result<Vec<String>, SchemaError>>()?;
        Ok(self.with_write_attributes(names))
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

    /// The pool as a DescribeUserPool answer (`{"UserPool":
    /// {"SchemaAttributes": [...]}}`, compact) listing the attributes that
    /// differ from the default pool's: [`Schema::from_json`] reads it back
    /// into an equal schema when this one was read from JSON (the write list
    /// aside), `UsernameAttributes` and `AliasAttributes` included when not
    /// empty. For the default pool the list is empty.
    pub fn to_json(&self) -> String {
        let defaults = Schema::default_pool();
        let list: Vec<Value> = self
            .attributes
            .iter()
            .enumerate()
            .filter(|&(i, a)| defaults.attributes.get(i) != Some(a))
            .map(|(_, a)| attribute_json(a))
            .collect();
        let mut pool = Map::new();
        pool.insert("SchemaAttributes".into(), Value::Array(list));
        // The sign-in settings, where the pool has them.
        for (key, names) in [
            ("UsernameAttributes", &self.username_attributes),
            ("AliasAttributes", &self.alias_attributes),
        ] {
            if !names.is_empty() {
                pool.insert(key.into(), serde_json::json!(names));
            }
        }
        serde_json::json!({ "UserPool": pool }).to_string()
    }

    /// This schema with the pool's `UsernameAttributes` (`email`,
    /// `phone_number`): users sign in with these instead of a username.
    pub fn with_username_attributes<I, S>(mut self, names: I) -> Schema
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.username_attributes = names.into_iter().map(Into::into).collect();
        self
    }

    /// This schema with the pool's `AliasAttributes` (`email`,
    /// `phone_number`, `preferred_username`).
    pub fn with_alias_attributes<I, S>(mut self, names: I) -> Schema
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.alias_attributes = names.into_iter().map(Into::into).collect();
        self
    }

    /// The pool's `UsernameAttributes` (empty when users have a username).
    pub fn username_attributes(&self) -> &[String] {
        &self.username_attributes
    }

    /// The pool's `AliasAttributes`.
    pub fn alias_attributes(&self) -> &[String] {
        &self.alias_attributes
    }
}

/// The array of names under `key` of the pool object (absent or `null`:
/// none), or where it departs from that form.
fn sign_in_names(pool: &Map<String, Value>, key: &str) -> Result<Vec<String>, SchemaError> {
    let form = |problem: String| SchemaError::Form {
        field: key.to_string(),
        problem,
    };
    match present(pool, key) {
        None => Ok(Vec::new()),
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::String(s) => Ok(s.clone()),
                other => Err(form(format!("[{i}] is {}, not a string", kind(other)))),
            })
            .collect(),
        Some(other) => Err(form(format!("is {}, not an array", kind(other)))),
    }
}

impl fmt::Debug for Schema {
    /// Rust that rebuilds the schema, so that a failing test case can be
    /// replayed: `Schema::default_pool()`, or `Schema::from_json` of
    /// [`Schema::to_json`] for a pool read from JSON, then
    /// `.with_username_attributes`/`.with_alias_attributes` for the default
    /// pool given them, and `.with_write_attributes([...])` when there is a
    /// write list.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.closed {
            let json = self.to_json();
            // A raw string needs one `#` more than the longest run of `#`
            // after a quote in the text.
            let hashes = json
                .split('"')
                .skip(1)
                .map(|after| after.len() - after.trim_start_matches('#').len())
                .max()
                .unwrap_or(0)
                + 1;
            let h = "#".repeat(hashes);
            write!(
                f,
                "Schema::from_json(r{h}\"{json}\"{h}.as_bytes()).unwrap()"
            )?;
        } else {
            f.write_str("Schema::default_pool()")?;
        }
        if !self.closed && !self.username_attributes.is_empty() {
            write!(
                f,
                ".with_username_attributes({:?})",
                self.username_attributes
            )?;
        }
        if !self.closed && !self.alias_attributes.is_empty() {
            write!(f, ".with_alias_attributes({:?})", self.alias_attributes)?;
        }
        if let Some(list) = &self.write_attributes {
            write!(f, ".with_write_attributes({list:?})")?;
        }
        Ok(())
    }
}

impl Default for Schema {
    fn default() -> Self {
        Schema::default_pool()
    }
}

/// `SchemaAttributes` out of the three forms `Schema::from_json` reads.
fn schema_attributes(doc: &Value) -> Result<&[Value], SchemaError> {
    let form = |field: &str, problem: String| SchemaError::Form {
        field: field.into(),
        problem,
    };
    match doc {
        Value::Array(list) => Ok(list),
        Value::Object(o) => match (o.get("UserPool"), o.get("SchemaAttributes")) {
            (Some(pool), _) => {
                let pool = pool
                    .as_object()
                    .ok_or_else(|| form("UserPool", format!("is {}, not an object", kind(pool))))?;
                member_array(pool, "SchemaAttributes", "UserPool.")
                    .map(Vec::as_slice)
                    .map_err(|p| form("UserPool.SchemaAttributes", p))
            }
            (None, Some(_)) => member_array(o, "SchemaAttributes", "")
                .map(Vec::as_slice)
                .map_err(|p| form("SchemaAttributes", p)),
            (None, None) => Err(form(
                "(top level)",
                "has neither UserPool nor SchemaAttributes".into(),
            )),
        },
        other => Err(form(
            "(top level)",
            format!("is {}, not an object or an array", kind(other)),
        )),
    }
}

/// The array under `key` in `o`, or what is wrong with it (`prefix` is the
/// path to `o`, for the message).
fn member_array<'v>(
    o: &'v Map<String, Value>,
    key: &str,
    prefix: &str,
) -> Result<&'v Vec<Value>, String> {
    match o.get(key) {
        Some(Value::Array(list)) => Ok(list),
        None => Err(format!("{prefix}{key}: is missing")),
        Some(other) => Err(format!("{prefix}{key}: is {}, not an array", kind(other))),
    }
}

/// How a JSON value's type is named in messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads one `SchemaAttributeType` object; returns its name as it stands in
/// the JSON too.
fn convert(index: usize, raw: &Value) -> Result<(&str, SchemaAttribute), SchemaError> {
    let err = |name: Option<&str>, field: &str, problem: String| SchemaError::Attribute {
        index,
        name: name.map(str::to_string),
        field: (!field.is_empty()).then(|| field.to_string()),
        problem,
    };
    let Some(o) = raw.as_object() else {
        return Err(err(None, "", format!("is {}, not an object", kind(raw))));
    };
    let name = match o.get("Name") {
        Some(Value::String(s)) if !s.is_empty() => s.as_str(),
        Some(Value::String(_)) => return Err(err(None, "Name", "is empty".into())),
        None | Some(Value::Null) => return Err(err(None, "Name", "is missing".into())),
        Some(other) => {
            return Err(err(
                None,
                "Name",
                format!("is {}, not a string", kind(other)),
            ))
        }
    };
    let bad = |field: &str, problem: String| err(Some(name), field, problem);
    let data_type = match present(o, "AttributeDataType") {
        None => DataType::String,
        Some(Value::String(t)) => match t.as_str() {
            "String" => DataType::String,
            "Number" => DataType::Number,
            "DateTime" => DataType::DateTime,
            "Boolean" => DataType::Boolean,
            other => {
                return Err(bad(
                    "AttributeDataType",
                    format!("{other:?} is not String, Number, DateTime or Boolean"),
                ))
            }
        },
        Some(other) => {
            return Err(bad(
                "AttributeDataType",
                format!("is {}, not a string", kind(other)),
            ))
        }
    };
    let flag = |field: &str, default: bool| match present(o, field) {
        None => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(bad(field, format!("is {}, not true or false", kind(other)))),
    };
    let mutable = flag("Mutable", true)?;
    let required = flag("Required", false)?;
    let developer_only = flag("DeveloperOnlyAttribute", false)?;
    // The members of a constraints object, read as integers.
    let bounds = |group: &str,
                  lo: &str,
                  hi: &str|
     -> Result<(Option<i64>, Option<i64>), SchemaError> {
        let c = match present(o, group) {
            None => return Ok((None, None)),
            Some(Value::Object(c)) => c,
            Some(other) => return Err(bad(group, format!("is {}, not an object", kind(other)))),
        };
        let int = |key: &str| -> Result<Option<i64>, SchemaError> {
            let field = format!("{group}.{key}");
            match present(c, key) {
                None => Ok(None),
                Some(Value::String(s)) => s
                    .trim()
                    .parse::<i64>()
                    .map(Some)
                    .map_err(|_| bad(&field, format!("{s:?} is not an integer"))),
                Some(Value::Number(n)) => match n.as_i64() {
                    Some(v) => Ok(Some(v)),
                    None if n.is_f64() => Err(bad(&field, format!("{n} is not an integer"))),
                    None => Err(bad(
                        &field,
                        format!("{n} is greater than the largest 64-bit integer"),
                    )),
                },
                Some(other) => Err(bad(
                    &field,
                    format!("is {}, not a decimal string", kind(other)),
                )),
            }
        };
        let (lo_v, hi_v) = (int(lo)?, int(hi)?);
        if let (Some(l), Some(h)) = (lo_v, hi_v) {
            if l > h {
                return Err(bad(group, format!("{lo} {l} is greater than {hi} {h}")));
            }
        }
        Ok((lo_v, hi_v))
    };
    let (min_length, max_length) = bounds("StringAttributeConstraints", "MinLength", "MaxLength")?;
    let (min_value, max_value) = bounds("NumberAttributeConstraints", "MinValue", "MaxValue")?;
    let length = |key: &str, v: Option<i64>| -> Result<Option<u64>, SchemaError> {
        v.map(|n| {
            u64::try_from(n).map_err(|_| {
                bad(
                    &format!("StringAttributeConstraints.{key}"),
                    format!("{n} is negative"),
                )
            })
        })
        .transpose()
    };
    let attribute = SchemaAttribute {
        name: name.to_string(),
        data_type,
        mutable,
        required,
        developer_only,
        min_length: length("MinLength", min_length)?,
        max_length: length("MaxLength", max_length)?,
        min_value,
        max_value,
    };
    Ok((name, attribute))
}

/// One attribute as DescribeUserPool writes it: bounds as decimal strings,
/// only those that are set.
fn attribute_json(a: &SchemaAttribute) -> Value {
    let mut o = Map::new();
    o.insert("Name".into(), Value::String(a.name.clone()));
    o.insert(
        "AttributeDataType".into(),
        Value::String(a.data_type.to_string()),
    );
    o.insert(
        "DeveloperOnlyAttribute".into(),
        Value::Bool(a.developer_only),
    );
    o.insert("Mutable".into(), Value::Bool(a.mutable));
    o.insert("Required".into(), Value::Bool(a.required));
    let bounds = |lo: (&str, Option<String>), hi: (&str, Option<String>)| {
        let mut c = Map::new();
        for (key, v) in [lo, hi] {
            if let Some(v) = v {
                c.insert(key.into(), Value::String(v));
            }
        }
        (!c.is_empty()).then_some(Value::Object(c))
    };
    let text = |n: Option<u64>| n.map(|n| n.to_string());
    if let Some(c) = bounds(
        ("MinLength", text(a.min_length)),
        ("MaxLength", text(a.max_length)),
    ) {
        o.insert("StringAttributeConstraints".into(), c);
    }
    let text = |n: Option<i64>| n.map(|n| n.to_string());
    if let Some(c) = bounds(
        ("MinValue", text(a.min_value)),
        ("MaxValue", text(a.max_value)),
    ) {
        o.insert("NumberAttributeConstraints".into(), c);
    }
    Value::Object(o)
}

/// The member `key` of `o`, unless it is absent or `null`.
fn present<'v>(o: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    o.get(key).filter(|v| !v.is_null())
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
