//! Phase two: the service's business rules for each attribute, checked
//! against a user pool schema (reference sections 4, 6 and 7).
//!
//! The service applies these only to a request that passed phase one; this
//! module checks every attribute whose own name (and, for value rules, value)
//! passed, so a report lists everything at once. Which finding becomes the
//! service's answer is decided in [`crate::aws`].
//!
//! One rule set serves every operation of the attribute family: the
//! operation's [`Profile`] (in `family.rs`) says what it may write, whether
//! the app client's write list applies, whether required attributes must be
//! present, and how the lines are worded. Deleting an attribute is checked as
//! setting it blank.

use std::sync::{Arc, LazyLock};

use crate::check::Sink;
use crate::diagnostic::{Diagnostic, Span};
use crate::family::{Profile, RequiredWording};
use crate::path::{Member, Path};
use crate::pool::{is_custom_name, is_standard, DataType, Schema};
use crate::rule::Rule;

/// Which business rules apply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemaMode {
    /// Phase one only: shapes and JSON, no business rules.
    PhaseOneOnly,
    /// The rules every pool has ([`Schema::default_pool`]). The default.
    #[default]
    DefaultPool,
    /// The rules of this pool (and app client, if the schema has a write list).
    Pool(Arc<Schema>),
}

static DEFAULT_POOL: LazyLock<Schema> = LazyLock::new(Schema::default_pool);

impl SchemaMode {
    /// The schema to check against, if any.
    pub(crate) fn schema(&self) -> Option<&Schema> {
        match self {
            SchemaMode::PhaseOneOnly => None,
            SchemaMode::DefaultPool => Some(&DEFAULT_POOL),
            SchemaMode::Pool(s) => Some(s),
        }
    }
}

/// Where an attribute's name stands in the request.
#[derive(Clone, Copy)]
pub(crate) enum Place<'s> {
    /// `UserAttributes[index]`, as `Name` and `Value`.
    UserAttributes,
    /// `UserAttributeNames[index]` of the deleting operations.
    AttributeNames,
    /// The `ChallengeResponses` key `userAttributes.<name>`.
    Challenge(&'s str),
}

/// One attribute as read, with where it was.
pub(crate) struct Attribute<'s> {
    /// Which list or map holds it.
    pub(crate) place: Place<'s>,
    /// 0-based position in its list.
    pub(crate) index: usize,
    pub(crate) name: &'s str,
    pub(crate) name_span: Option<Span>,
    /// `None` when the value is missing or null.
    pub(crate) value: Option<&'s str>,
    pub(crate) value_span: Option<Span>,
    /// Whether the value passed phase one (value rules are skipped if not).
    pub(crate) value_ok: bool,
    /// The attribute object, for findings about a missing value.
    pub(crate) object_span: Option<Span>,
}

impl Attribute<'_> {
    fn path(&self, m: Member) -> Path {
        match self.place {
            Place::UserAttributes => Path::root()
                .member(Member::UserAttributes)
                .index(self.index)
                .member(m),
            Place::AttributeNames => Path::root()
                .field("UserAttributeNames", "userAttributeNames")
                .index(self.index),
            Place::Challenge(key) => Path::root()
                .field("ChallengeResponses", "challengeResponses")
                .key(key),
        }
    }
}

/// Reports a phase-two finding.
fn report(
    sink: &mut Sink,
    rule: Rule,
    a: &Attribute<'_>,
    on_value: bool,
    make: impl FnOnce() -> String,
) {
    sink.report(rule, || {
        let (path, span) = if on_value && a.value.is_some() {
            (a.path(Member::Value), a.value_span)
        } else if on_value {
            (a.path(Member::Value), a.object_span)
        } else {
            (a.path(Member::Name), a.name_span)
        };
        Diagnostic::new(rule, path, span).with_detail(make())
    });
}

fn report_help(
    sink: &mut Sink,
    rule: Rule,
    a: &Attribute<'_>,
    message: String,
    help: Option<String>,
) {
    sink.report(rule, || {
        let d = Diagnostic::new(rule, a.path(Member::Name), a.name_span).with_detail(message);
        match help {
            Some(h) => d.with_help(h),
            None => d,
        }
    });
}

/// Checks one attribute whose name passed phase one, as operation `p` sets
/// it.
pub(crate) fn attribute(
    sink: &mut Sink,
    schema: &Schema,
    p: &Profile,
    wording: RequiredWording,
    a: &Attribute<'_>,
) {
    let name = a.name;
    // `user.` for the updating operations, nothing for the creating ones.
    let line = p.line_prefix;
    if name == "sub" {
        report(sink, Rule::ModifySub, a, false, || {
            "Cannot modify the non-mutable attribute sub".into()
        });
        return;
    }
    // One lookup serves every rule below.
    let attr = schema.attribute(name);
    let developer = name.starts_with("dev:") || attr.is_some_and(|s| s.developer_only);
    if developer && !p.admin {
        report(sink, Rule::DeveloperOnlyAttribute, a, false, || {
            format!("{line}{name}: Developer-only attributes cannot be updated by the user; use AdminUpdateUserAttributes.")
        });
        return;
    }
    // Admin operations are IAM-authorised: no app client, no write list.
    if !p.admin && !schema.may_write(name, attr) {
        report(sink, Rule::UnauthorizedWrite, a, false, || {
            "A client attempted to write unauthorized attribute".into()
        });
    }
    // Under the default pool `dev:custom:<base>` is as well-formed as
    // `custom:<base>`.
    let shaped = is_custom_name(name.strip_prefix("dev:").unwrap_or(name));
    if attr.is_none() && (schema.is_closed() || !shaped) {
        let message = if p.untyped_custom && name.starts_with("custom:") {
            format!("Type for attribute {{{name}}} could not be determined")
        } else {
            format!("{line}{name}: Attribute does not exist in the schema.")
        };
        let help = suggest(schema, name).map(|s| format!("did you mean '{s}'?"));
        report_help(sink, Rule::AttributeNotInSchema, a, message, help);
        return;
    }
    let Some(value) = a.value else {
        report(sink, Rule::NullValue, a, true, || {
            format!("Attribute value for {name} must not be null")
        });
        return;
    };
    let Some(attr) = attr else {
        // A custom attribute the default pool cannot know: only its name is checked.
        return;
    };
    // A creating operation gives an immutable attribute its value.
    if !attr.mutable && !p.creates {
        report(sink, Rule::ImmutableAttribute, a, false, || {
            format!("{line}{name}: Attribute cannot be updated.")
        });
        return;
    }
    if value.is_empty() {
        // A blank value deletes the attribute; a creating operation leaves
        // it out.
        if attr.required && p.creates {
            report(sink, Rule::RequiredAttributeMissing, a, true, || {
                p.required_missing(wording, name)
            });
        } else if attr.required {
            report(sink, Rule::RequiredAttributeDeleted, a, true, || {
                format!("{line}{name}: Required attribute cannot be deleted.")
            });
        }
        return;
    }
    if !a.value_ok {
        return;
    }
    match attr.data_type {
        DataType::String => {
            // n bytes hold between n/4 and n scalar values: count only when
            // the byte length cannot settle both bounds.
            let bytes = value.len() as u64;
            let settled = attr.max_length.is_none_or(|m| bytes <= m)
                && attr.min_length.is_none_or(|m| m <= bytes / 4);
            let len = if settled {
                bytes / 4
            } else {
                value.chars().count() as u64
            };
            if let Some(min) = attr.min_length.filter(|&m| len < m) {
                report(sink, Rule::StringTooShort, a, true, || {
                    format!("{line}{name}: String must be no shorter than {min} characters")
                });
            } else if let Some(max) = attr.max_length.filter(|&m| len > m) {
                report(sink, Rule::StringTooLong, a, true, || {
                    format!("{line}{name}: String must be no longer than {max} characters")
                });
            }
        }
        DataType::Number => match parse_integer(value) {
            None => report(sink, Rule::NotANumber, a, true, || {
                format!("{line}{name}: Number must be an integer")
            }),
            Some(n) => {
                if let Some(min) = attr.min_value.filter(|&m| n < i128::from(m)) {
                    report(sink, Rule::NumberOutOfRange, a, true, || {
                        format!("{line}{name}: Number must be no less than {min}")
                    });
                } else if let Some(max) = attr.max_value.filter(|&m| n > i128::from(m)) {
                    report(sink, Rule::NumberOutOfRange, a, true, || {
                        format!("{line}{name}: Number must be no greater than {max}")
                    });
                }
            }
        },
        DataType::Boolean => {
            if value != "true" && value != "false" {
                report(sink, Rule::NotABoolean, a, true, || {
                    format!("{line}{name}: Boolean must be true or false")
                });
            }
        }
        DataType::DateTime => {
            if !is_date_time(value) {
                report(sink, Rule::NotADateTime, a, true, || {
                    format!("{line}{name}: DateTime must be a number of seconds or an ISO 8601 date-time")
                });
            }
        }
    }
    match name {
        "email" if !is_possible_email(value) => report(sink, Rule::InvalidEmail, a, true, || {
            "Invalid email address format.".into()
        }),
        "phone_number" if !is_phone_number(value) => {
            report(sink, Rule::InvalidPhoneNumber, a, true, || {
                "Invalid phone number format.".into()
            })
        }
        "email_verified" | "phone_number_verified" if !p.admin => {
            report(sink, Rule::VerifiedAttribute, a, false, || {
                format!("{line}{name}: Whether the service accepts this through {} is not confirmed; verification goes through VerifyUserAttribute.", p.operation)
            })
        }
        _ => {}
    }
}

/// `-?[0-9]+`, as an integer wide enough for any 64-bit bound.
fn parse_integer(s: &str) -> Option<i128> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || digits.len() > 30 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `+` then one or more ASCII digits, nothing else.
pub(crate) fn is_phone_number(s: &str) -> bool {
    s.strip_prefix('+')
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// False only when `s` is certainly not an address: no `@`, nothing before the
/// last `@`, or a domain after it that is empty or holds white space or a
/// control character.
pub(crate) fn is_possible_email(s: &str) -> bool {
    match s.rsplit_once('@') {
        None => false,
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && if domain.is_ascii() {
                    // ASCII white space and controls are all at or below
                    // space, or DEL.
                    !domain.bytes().any(|b| b <= b' ' || b == 0x7f)
                } else {
                    !domain.chars().any(|c| c.is_whitespace() || c.is_control())
                }
        }
    }
}

/// A decimal number of seconds, or text beginning `YYYY-MM-DD`.
fn is_date_time(s: &str) -> bool {
    if parse_integer(s).is_some() {
        return true;
    }
    let b = s.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || b[10] == b'T' || b[10] == b' ')
}

/// The name probably meant: the same ignoring case, or the `custom:` form.
fn suggest(schema: &Schema, name: &str) -> Option<String> {
    if let Some(a) = schema
        .attributes()
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
    {
        return Some(a.name.clone());
    }
    let base = name.rsplit_once(':').map_or(name, |(_, b)| b);
    let custom = format!("custom:{base}");
    if schema.attribute(&custom).is_some() || (!schema.is_closed() && is_custom_name(&custom)) {
        return Some(custom);
    }
    let lower = name.to_ascii_lowercase();
    if is_standard(&lower) {
        return Some(lower);
    }
    None
}

/// Reports the second and later occurrences of a name (linters only).
pub(crate) fn duplicate(sink: &mut Sink, a: &Attribute<'_>, first: usize) {
    let name = a.name;
    report(sink, Rule::DuplicateAttribute, a, false, || {
        format!(
            "user.{name}: Also set by attribute {}; whether the service keeps one value or refuses the request is not confirmed.",
            first + 1
        )
    });
}

/// Reports an empty `UserAttributes` list.
pub(crate) fn empty_list(sink: &mut Sink, span: Option<Span>) {
    sink.report(Rule::EmptyAttributeList, || {
        Diagnostic::new(
            Rule::EmptyAttributeList,
            Path::root().member(Member::UserAttributes),
            span,
        )
        .with_detail("UserAttributes is empty: the request changes nothing; whether the service accepts it is not confirmed.")
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers() {
        for ok in ["+14325551212", "+1"] {
            assert!(is_phone_number(ok), "{ok}");
        }
        for bad in [
            "14325551212",
            "+",
            "+1 432",
            "+1-432",
            "+(1)432",
            "+１２",
            "",
        ] {
            assert!(!is_phone_number(bad), "{bad}");
        }
    }

    #[test]
    fn emails_refused_only_when_certainly_wrong() {
        for ok in [
            "ada@example.com",
            "\"a b\"@example.com",
            "a@b@example.com",
            "a@localhost",
        ] {
            assert!(is_possible_email(ok), "{ok}");
        }
        for bad in [
            "ada.example.com",
            "@example.com",
            "ada@",
            "ada@exa mple.com",
            "ada@ex\u{7}ample",
        ] {
            assert!(!is_possible_email(bad), "{bad}");
        }
    }

    #[test]
    fn date_times() {
        for ok in [
            "1700000000",
            "2026-11-21",
            "2026-11-21T10:00:00Z",
            "2026-11-21 10:00",
        ] {
            assert!(is_date_time(ok), "{ok}");
        }
        for bad in [
            "last tuesday",
            "2026/11/21",
            "21-11-2026",
            "2026-11-21X",
            "",
        ] {
            assert!(!is_date_time(bad), "{bad}");
        }
    }
}
