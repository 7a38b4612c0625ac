//! The response side, for emulators and mocks: an `UpdateUserAttributesResponse`
//! checked against its model shapes.
//!
//! Responses come from code the caller controls, not from hostile clients, so
//! they are read with serde_json; findings have a path and, for JSON errors, a
//! line and column, but no span.

use serde::{Deserialize, Serialize};

use crate::aws::Rejection;
use crate::check::{self, Sink};
use crate::diagnostic::{Constraint, Diagnostic, Position, Shown};
use crate::options::Options;
use crate::path::{Member, Path};
use crate::rule::Rule;

/// The values the model allows for `DeliveryMedium`.
pub const DELIVERY_MEDIUMS: &[&str] = &["SMS", "EMAIL"];

/// An `UpdateUserAttributes` response.
///
/// ```
/// use cognito_validate::response::validate_response_json;
/// use cognito_validate::Options;
/// let ok = br#"{"CodeDeliveryDetailsList": [{"Destination": "a***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}]}"#;
/// assert!(validate_response_json(ok, &Options::default()).is_ok());
/// let bad = br#"{"CodeDeliveryDetailsList": [{"DeliveryMedium": "FAX"}]}"#;
/// let err = validate_response_json(bad, &Options::default()).unwrap_err();
/// assert_eq!(err.message(), "1 validation error detected: Value 'FAX' at 'codeDeliveryDetailsList.1.member.deliveryMedium' failed to satisfy constraint: Member must satisfy enum value set: [SMS, EMAIL]");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateUserAttributesResponse {
    /// Where verification codes went, one entry per attribute that needs one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_delivery_details_list: Option<Vec<CodeDeliveryDetails>>,
}

/// One entry of `CodeDeliveryDetailsList` (`CodeDeliveryDetailsType`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CodeDeliveryDetails {
    /// The masked address, e.g. `a***@e***`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// `SMS` or `EMAIL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_medium: Option<String>,
    /// The attribute the code verifies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_name: Option<String>,
}

fn entry(index: usize, m: Member) -> Path {
    Path::root()
        .member(Member::CodeDeliveryDetailsList)
        .index(index)
        .member(m)
}

impl UpdateUserAttributesResponse {
    /// Checks every shape of the response. None of its members is required.
    pub fn validate(&self, options: &Options) -> Result<(), Rejection> {
        let mut sink = Sink::new(options, false);
        for (i, d) in self.code_delivery_details_list.iter().flatten().enumerate() {
            if let Some(dest) = &d.destination {
                check::destination(&mut sink, i, dest);
            }
            if let Some(medium) = &d.delivery_medium {
                if !DELIVERY_MEDIUMS.contains(&medium.as_str()) {
                    sink.report(Rule::DeliveryMedium, || {
                        let mut diag = Diagnostic::new(
                            Rule::DeliveryMedium,
                            entry(i, Member::DeliveryMedium),
                            None,
                        );
                        diag.constraint = Some(Constraint::OneOf(DELIVERY_MEDIUMS));
                        diag.shown = Shown::Text(medium.as_str().into());
                        diag
                    });
                }
            }
            if let Some(name) = &d.attribute_name {
                check::response_attribute_name(&mut sink, options, i, name);
            }
        }
        match Rejection::from_diagnostics(sink.diags, (sink.phase_one_errors, sink.errors)) {
            None => Ok(()),
            Some(r) => Err(r),
        }
    }
}

/// Reads a response body with serde_json and checks it.
pub fn validate_response_json(
    input: &[u8],
    options: &Options,
) -> Result<UpdateUserAttributesResponse, Rejection> {
    if input.len() > options.max_input_bytes {
        let d = Diagnostic::new(Rule::InputTooLarge, Path::root(), None).with_detail(format!(
            "The response is {} bytes; the limit is {} bytes.",
            input.len(),
            options.max_input_bytes
        ));
        return Err(unreadable(d));
    }
    match serde_json::from_slice::<UpdateUserAttributesResponse>(input) {
        Ok(r) => r.validate(options).map(|()| r),
        Err(e) => {
            let rule = match e.classify() {
                serde_json::error::Category::Data => Rule::WrongType,
                _ => Rule::InvalidJson,
            };
            let mut d = Diagnostic::new(rule, Path::root(), None)
                .with_detail(format!("The response is not readable: {e}."));
            if e.line() > 0 {
                d.position = Some(Position {
                    line: e.line(),
                    column: e.column(),
                });
            }
            Err(unreadable(d))
        }
    }
}

fn unreadable(d: Diagnostic) -> Rejection {
    // One error diagnostic always makes a rejection.
    Rejection::from_diagnostics(vec![d], (1, 1)).expect("one error")
}
