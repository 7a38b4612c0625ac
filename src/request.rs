//! The typed request: serde `Deserialize` and `Serialize`, borrowing from the
//! input where it can, with a redacting `Debug` and a `validate` for callers
//! that already hold one.

use std::borrow::Cow;
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::aws::Rejection;
use crate::check::{self, Sink};
use crate::options::Options;
use crate::semantics;

/// Stands in for a secret in `Debug` output.
const REDACTED: &str = "<redacted>";

/// An `UpdateUserAttributes` request.
///
/// `Debug` shows neither the access token nor the attribute values nor the
/// `ClientMetadata` values.
///
/// ```
/// use cognito_validate::{Options, UpdateUserAttributesRequest};
/// let req: UpdateUserAttributesRequest = serde_json::from_str(
///     r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#,
/// ).unwrap();
/// assert!(req.validate(&Options::default()).is_ok());
/// assert!(!format!("{req:?}").contains("eyJ0"));
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateUserAttributesRequest<'a> {
    /// `AccessToken`: the user's access token. Secret.
    #[serde(borrow)]
    pub access_token: Cow<'a, str>,
    /// `UserAttributes`: the attributes to set (a blank value deletes one).
    #[serde(borrow)]
    pub user_attributes: Vec<AttributeType<'a>>,
    /// `ClientMetadata`: passed to Lambda triggers; optional. Its values are
    /// treated as secret (see [`ClientMetadata`]).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<ClientMetadata<'a>>,
}

/// One attribute of a request: `{"Name": …, "Value": …}`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttributeType<'a> {
    /// `Name`, e.g. `email` or `custom:favorite_flavor`.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// `Value`; optional in the model. Secret.
    #[serde(
        borrow,
        default,
        deserialize_with = "borrowed_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<Cow<'a, str>>,
}

/// `ClientMetadata`: string keys to string values, in input order.
///
/// Deserialising refuses a key given twice, as [`crate::validate_json`] does.
///
/// The values are treated as secret: they are passed to Lambda triggers and
/// often carry user data, so `Debug` shows the keys only, and a linter masks
/// the values (they are in [`crate::Report::secret_spans`]). The service
/// does not mark them sensitive; this is the library's own, cautious choice.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ClientMetadata<'a>(pub Vec<(Cow<'a, str>, Cow<'a, str>)>);

impl<'a> UpdateUserAttributesRequest<'a> {
    /// Checks every shape constraint (phase one). Without a JSON text there
    /// are no spans, positions or JSON-level findings.
    pub fn validate(&self, options: &Options) -> Result<(), Rejection> {
        let mut sink = Sink::new(options, false);
        check::access_token(&mut sink, &self.access_token, None);
        for (i, a) in self.user_attributes.iter().enumerate() {
            let before = sink.errors;
            check::attribute_name(&mut sink, options, i, &a.name, None);
            let name_ok = sink.errors == before;
            if let Some(v) = &a.value {
                check::attribute_value(&mut sink, i, v, None);
            }
            if let (true, Some(schema)) = (name_ok, options.schema.schema()) {
                let attr = semantics::Attribute {
                    place: semantics::Place::UserAttributes,
                    index: i,
                    name: &a.name,
                    name_span: None,
                    value: a.value.as_deref(),
                    value_span: None,
                    value_ok: sink.errors == before,
                    object_span: None,
                };
                semantics::attribute(
                    &mut sink,
                    schema,
                    crate::family::UPDATE_USER_ATTRIBUTES,
                    options.required_wording,
                    &attr,
                );
            }
        }
        if let Some(m) = &self.client_metadata {
            for (k, v) in &m.0 {
                check::metadata_entry(&mut sink, k, None, v, None);
            }
        }
        match Rejection::from_diagnostics(sink.diags, (sink.phase_one_errors, sink.errors)) {
            None => Ok(()),
            Some(r) => Err(r),
        }
    }

    /// This request with every string owned, free of the input's lifetime.
    pub fn into_owned(self) -> UpdateUserAttributesRequest<'static> {
        UpdateUserAttributesRequest {
            access_token: Cow::Owned(self.access_token.into_owned()),
            user_attributes: self
                .user_attributes
                .into_iter()
                .map(|a| AttributeType {
                    name: Cow::Owned(a.name.into_owned()),
                    value: a.value.map(|v| Cow::Owned(v.into_owned())),
                })
                .collect(),
            client_metadata: self.client_metadata.map(|m| {
                ClientMetadata(
                    m.0.into_iter()
                        .map(|(k, v)| (Cow::Owned(k.into_owned()), Cow::Owned(v.into_owned())))
                        .collect(),
                )
            }),
        }
    }
}

impl fmt::Debug for UpdateUserAttributesRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateUserAttributesRequest")
            .field("access_token", &format_args!("{REDACTED}"))
            .field("user_attributes", &self.user_attributes)
            .field("client_metadata", &self.client_metadata)
            .finish()
    }
}

impl fmt::Debug for AttributeType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = match &self.value {
            Some(_) => format_args!("Some({REDACTED})"),
            None => format_args!("None"),
        };
        f.debug_struct("AttributeType")
            .field("name", &self.name)
            .field("value", &value)
            .finish()
    }
}

impl fmt::Debug for ClientMetadata<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = format_args!("{REDACTED}");
        f.debug_map()
            .entries(self.0.iter().map(|(k, _)| (k, &redacted)))
            .finish()
    }
}

impl Serialize for ClientMetadata<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A string that borrows from the input when it has no escapes.
#[derive(Deserialize)]
struct Borrowed<'a>(#[serde(borrow)] Cow<'a, str>);

/// serde borrows a `Cow<str>` only when it is the field's whole type; an
/// `Option<Cow<str>>` would always be copied. This borrows it too.
fn borrowed_option<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Cow<'a, str>>, D::Error> {
    Ok(Option::<Borrowed<'de>>::deserialize(d)?.map(|b| b.0))
}

impl<'de: 'a, 'a> Deserialize<'de> for ClientMetadata<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = ClientMetadata<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of strings to strings")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Self::Value, M::Error> {
                let mut out: Vec<(Cow<'a, str>, Cow<'a, str>)> = Vec::new();
                let mut seen = crate::reader::KeySet::default();
                while let Some((Borrowed(k), Borrowed(v))) = m.next_entry()? {
                    if seen.insert(&out, &k).is_err() {
                        return Err(serde::de::Error::custom(format_args!(
                            "duplicate key `{k}` in ClientMetadata"
                        )));
                    }
                    out.push((k, v));
                }
                Ok(ClientMetadata(out))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}
