//! The attribute family: the business rules (phase two) of every operation
//! that writes, deletes or verifies user attributes, as one rule set
//! ([`crate::semantics`]) applied through each operation's [`Profile`], a
//! row of data.
//!
//! | operation | input | admin | creates | username | voice |
//! |---|---|---|---|---|---|
//! | UpdateUserAttributes | UserAttributes | no | no | no | `user.<name>: …\n` |
//! | AdminUpdateUserAttributes | UserAttributes | yes | no | no | `user.<name>: …\n` |
//! | SignUp | UserAttributes | no | yes | yes | `Attributes did not conform to the schema: <name>: …\n` |
//! | AdminCreateUser | UserAttributes | yes | yes | yes | as SignUp; `Type for attribute {custom:x} could not be determined` |
//! | DeleteUserAttributes | UserAttributeNames | no | no | no | `user.<name>: …\n` |
//! | AdminDeleteUserAttributes | UserAttributeNames | yes | no | no | `user.<name>: …\n` |
//! | VerifyUserAttribute, GetUserAttributeVerificationCode | AttributeName | no | no | no | `invalid attribute name. Only phone_number and email can be verified` |
//! | RespondToAuthChallenge, AdminRespondToAuthChallenge | ChallengeResponses `userAttributes.<name>` (NEW_PASSWORD_REQUIRED) | no / yes | yes | no | `Invalid attributes given, <name> is missing` |
//!
//! *Admin* operations are IAM-authorised: the app client's WriteAttributes
//! does not apply, and they may write `dev:` attributes and the `_verified`
//! ones. *Creating* operations must give every required attribute and may
//! set immutable ones. `ValidationData` is not checked against the schema.
//! A delete is checked as setting the attribute blank: `sub`, immutable,
//! required and unknown names are refused with the `user.<name>` lines of
//! UpdateUserAttributes. That wording is the library's choice: no answer of
//! the service to a refused delete has been found, and deleting a name the
//! pool has not configured was reported to succeed (amplify-js#12128).
//!
//! The texts and their sources (found in public issue threads, 2026-12-02):
//!
//! | text | operation | source |
//! |---|---|---|
//! | `Username should be an email.` | AdminCreateUser | boto/boto3#3836 (2023); aws-samples/sample-aws-genai-ops-demos#2 (2026) |
//! | `Username should be a phone number` | SignUp | mobilequickie/amplify-passwordless-sms-auth#13 (2020) |
//! | `Username should be either an email or a phone number.` | SignUp | aws-amplify/amplify-js#533 (2018) |
//! | `Username cannot be of email format, since user pool is configured for email alias.` | SignUp | aws-amplify/amplify-js#8800 (2021); amazon-archives/awsmobile-cli#178 (2018) |
//! | `Attributes did not conform to the schema: email: the attribute is required` | SignUp | furaiev/amazon-cognito-identity-dart-2#89 (2020) |
//! | `Attributes did not conform to the schema: given_name: The at…` | SignUp | aws-amplify/amplify-js#935 (2018) |
//! | `…: name.givenName: The attribute name.givenName is required,` | SignUp | agentlang-ai/agentlang#240 (2025) |
//! | `Attributes did not conform to the schema: custom:…: Attribute does not exist in the schema.\n` | SignUp | aws-amplify/amplify-cli#1761 (2019) |
//! | `Invalid attributes given, name is missing` | AdminRespondToAuthChallenge | aws/aws-sdk-js#1290 (2017); aws-amplify/aws-sdk-android#1402 (2019) |
//! | `Invalid attributes given, given_name is missing` | RespondToAuthChallenge | amazon-archives/aws-cognito-angular-quickstart#116 (2017) |
//! | `invalid attribute name. Only phone_number and email can be verified` | GetUserAttributeVerificationCode | aws-amplify/amplify-js#3652 |
//!
//! Choices where the texts leave it open (each also in the rule's
//! explanation): every line of the SignUp voice ends in `\n`, as the
//! confirmed `Attribute does not exist` line does; `The attribute is
//! required` by default ([`RequiredWording`]); the other lines of a
//! NEW_PASSWORD_REQUIRED answer read `userAttributes.<name>: …`.

use std::borrow::Cow;

use crate::aws::{line_form, Rejection};
use crate::check::Sink;
use crate::diagnostic::{Diagnostic, Span};
use crate::options::Options;
use crate::path::{Member, Path};
use crate::reader::{members, string_at, Parse, Reader};
use crate::rule::{ErrorType, Rule};
use crate::semantics::{self, is_phone_number, is_possible_email, Attribute, Place};
use crate::walk::TopMember;

/// How a missing required attribute is worded by SignUp and AdminCreateUser
/// (`Attributes did not conform to the schema: <line>`). The service was
/// seen with each; which it sends today is not confirmed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequiredWording {
    /// `email: The attribute is required` (2018–2019 reports). The default.
    #[default]
    Capitalised,
    /// `email: the attribute is required` (a 2020 report).
    Lower,
    /// `email: The attribute email is required` (a 2025 report).
    Named,
}

/// Which member holds the attribute names an operation works on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Input {
    /// `UserAttributes`: a list of `{Name, Value}`.
    UserAttributes,
    /// `UserAttributeNames`: a list of names, each deleted.
    AttributeNames,
    /// `AttributeName`: one name, verified.
    AttributeName,
    /// `ChallengeResponses` keys `userAttributes.<name>` when `ChallengeName`
    /// is `NEW_PASSWORD_REQUIRED`.
    Challenge,
}

/// How the operation words a missing required attribute.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Voice {
    /// `user.<name>: …` lines (the updating and deleting operations).
    User,
    /// `Attributes did not conform to the schema: ` once, then `<name>: …`
    /// lines.
    Schema,
    /// `Invalid attributes given, <name> is missing`.
    Challenge,
}

/// One operation's row: how the rule set applies to it.
#[derive(Debug)]
pub(crate) struct Profile {
    /// The operation's name.
    pub(crate) operation: &'static str,
    /// Where the attribute names are.
    pub(crate) input: Input,
    /// IAM-authorised: no write list; `dev:` and `_verified` writable.
    pub(crate) admin: bool,
    /// Required attributes must be present; immutable ones may be set.
    pub(crate) creates: bool,
    /// `Username` is checked against the pool's sign-in settings.
    pub(crate) username: bool,
    /// A `custom:` name the pool lacks is `Type for attribute {…} could not
    /// be determined`.
    pub(crate) untyped_custom: bool,
    /// How lines start: `user.`, `userAttributes.` or nothing.
    pub(crate) line_prefix: &'static str,
    /// How the answer is worded.
    pub(crate) voice: Voice,
}

/// The prefix of the answers of SignUp and AdminCreateUser.
pub(crate) const SCHEMA_PREFIX: &str = "Attributes did not conform to the schema: ";

const fn row(
    operation: &'static str,
    input: Input,
    admin: bool,
    creates: bool,
    voice: Voice,
) -> Profile {
    Profile {
        operation,
        input,
        admin,
        creates,
        username: matches!(voice, Voice::Schema),
        untyped_custom: false,
        line_prefix: match voice {
            Voice::User => "user.",
            Voice::Schema => "",
            Voice::Challenge => "userAttributes.",
        },
        voice,
    }
}

/// Every operation of the family, one row each.
pub(crate) static PROFILES: [Profile; 10] = [
    row(
        "UpdateUserAttributes",
        Input::UserAttributes,
        false,
        false,
        Voice::User,
    ),
    row(
        "AdminUpdateUserAttributes",
        Input::UserAttributes,
        true,
        false,
        Voice::User,
    ),
    row("SignUp", Input::UserAttributes, false, true, Voice::Schema),
    Profile {
        untyped_custom: true,
        ..row(
            "AdminCreateUser",
            Input::UserAttributes,
            true,
            true,
            Voice::Schema,
        )
    },
    row(
        "DeleteUserAttributes",
        Input::AttributeNames,
        false,
        false,
        Voice::User,
    ),
    row(
        "AdminDeleteUserAttributes",
        Input::AttributeNames,
        true,
        false,
        Voice::User,
    ),
    row(
        "VerifyUserAttribute",
        Input::AttributeName,
        false,
        false,
        Voice::User,
    ),
    row(
        "GetUserAttributeVerificationCode",
        Input::AttributeName,
        false,
        false,
        Voice::User,
    ),
    row(
        "RespondToAuthChallenge",
        Input::Challenge,
        false,
        true,
        Voice::Challenge,
    ),
    row(
        "AdminRespondToAuthChallenge",
        Input::Challenge,
        true,
        true,
        Voice::Challenge,
    ),
];

/// UpdateUserAttributes's row, for its own fast path.
pub(crate) static UPDATE_USER_ATTRIBUTES: &Profile = &PROFILES[0];

/// The row of the operation of this name, if it is of the family.
pub(crate) fn profile(operation: &str) -> Option<&'static Profile> {
    PROFILES.iter().find(|p| p.operation == operation)
}

impl Profile {
    /// The line for a required attribute `name` left out.
    pub(crate) fn required_missing(&self, wording: RequiredWording, name: &str) -> String {
        match (self.voice, wording) {
            (Voice::Challenge, _) => format!("Invalid attributes given, {name} is missing"),
            (_, RequiredWording::Capitalised) => format!("{name}: The attribute is required"),
            (_, RequiredWording::Lower) => format!("{name}: the attribute is required"),
            (_, RequiredWording::Named) => format!("{name}: The attribute {name} is required"),
        }
    }

    /// The service's answer for this operation: SignUp's and
    /// AdminCreateUser's schema lines carry the prefix once and each end in
    /// `\n`.
    pub(crate) fn reword(&self, r: Rejection) -> Rejection {
        if self.voice != Voice::Schema || r.error_type() != ErrorType::InvalidParameterException {
            return r;
        }
        let d = r.diagnostics();
        let schema_lines = d.first().is_some_and(|d| {
            d.rule.phase() == 2 && (line_form(d.rule) || d.rule == Rule::RequiredAttributeMissing)
        });
        if !schema_lines {
            return r;
        }
        let mut message = String::from(SCHEMA_PREFIX);
        for d in d {
            message.push_str(&d.message());
            message.push('\n');
        }
        r.with_message(message)
    }
}

/// A `{Name, Value}` item as read.
struct Item<'a> {
    name: Option<(Cow<'a, str>, Span)>,
    value: Option<(Cow<'a, str>, Span)>,
    object: Span,
}

/// The items of the `UserAttributes` list at `at`.
fn read_attributes(text: &str, at: usize) -> Vec<Item<'_>> {
    let opts = Options::default();
    let mut scratch = Sink::new(&opts, false);
    let mut r = Reader::at(text, at, &mut scratch);
    let mut items = Vec::new();
    let _ = members(&mut r, b']', "", |r| {
        r.ws();
        let start = r.pos;
        let mut item = Item {
            name: None,
            value: None,
            object: Span { start, end: start },
        };
        if r.peek() != Some(b'{') {
            return r.value();
        }
        members(r, b'}', "", |r| {
            let (key, _) = r.key()?;
            let slot = match &*key {
                "Name" => &mut item.name,
                "Value" => &mut item.value,
                _ => return r.value(),
            };
            if r.peek() == Some(b'"') {
                *slot = Some(r.string()?);
                Ok(())
            } else {
                r.value()
            }
        })?;
        item.object.end = r.pos;
        items.push(item);
        Ok(())
    });
    items
}

/// The strings of a list at `at` (non-strings skipped, with their index).
fn read_strings(text: &str, at: usize) -> Vec<(usize, Cow<'_, str>, Span)> {
    let opts = Options::default();
    let mut scratch = Sink::new(&opts, false);
    let mut r = Reader::at(text, at, &mut scratch);
    let mut out = Vec::new();
    let mut i = 0;
    let _ = members(&mut r, b']', "", |r| {
        r.ws();
        if r.peek() == Some(b'"') {
            let (s, span) = r.string()?;
            out.push((i, s, span));
        } else {
            r.value()?;
        }
        i += 1;
        Ok(())
    });
    out
}

/// The string entries of a map at `at`.
fn read_map(text: &str, at: usize) -> Vec<(Cow<'_, str>, Span, Cow<'_, str>, Span)> {
    let opts = Options::default();
    let mut scratch = Sink::new(&opts, false);
    let mut r = Reader::at(text, at, &mut scratch);
    let mut out = Vec::new();
    let _ = members(&mut r, b'}', "", |r| -> Parse<()> {
        let (k, ks) = r.key()?;
        if r.peek() == Some(b'"') {
            let (v, vs) = r.string()?;
            out.push((k, ks, v, vs));
            Ok(())
        } else {
            r.value()
        }
    });
    out
}

/// The decoded string of member `name`, with its span.
fn member_str<'a>(text: &'a str, top: &[TopMember], name: &str) -> Option<(Cow<'a, str>, Span)> {
    let &(_, span) = top.iter().find(|(m, _)| m.name == name)?;
    string_at(text, span.start)
}

/// Where member `name` starts, if present and of the opening byte `open`.
fn member_at(text: &str, top: &[TopMember], name: &str, open: u8) -> Option<usize> {
    let &(_, span) = top.iter().find(|(m, _)| m.name == name)?;
    (text.as_bytes().get(span.start) == Some(&open)).then_some(span.start)
}

/// Checks the business rules of a family operation's request that passed
/// phase one (`top`: its top-level members). Other operations: nothing.
pub(crate) fn check(
    operation: &str,
    text: &str,
    top: &[TopMember],
    opts: &Options,
    sink: &mut Sink,
) {
    let (Some(p), Some(schema)) = (profile(operation), opts.schema.schema()) else {
        return;
    };
    let wording = opts.required_wording;
    let mut given: Vec<Cow<'_, str>> = Vec::new();
    match p.input {
        Input::UserAttributes => {
            if p.username {
                if let Some((username, span)) = member_str(text, top, "Username") {
                    username_rules(sink, schema, &username, span);
                }
            }
            let Some(at) = member_at(text, top, "UserAttributes", b'[') else {
                return required(sink, schema, p, wording, &given);
            };
            for (index, item) in read_attributes(text, at).into_iter().enumerate() {
                let Some((name, name_span)) = item.name else {
                    continue;
                };
                let a = Attribute {
                    place: Place::UserAttributes,
                    index,
                    name: &name,
                    name_span: Some(name_span),
                    value: item.value.as_ref().map(|v| &*v.0),
                    value_span: item.value.as_ref().map(|v| v.1),
                    value_ok: true,
                    object_span: Some(item.object),
                };
                semantics::attribute(sink, schema, p, wording, &a);
                given.push(name);
            }
        }
        Input::AttributeNames => {
            let Some(at) = member_at(text, top, "UserAttributeNames", b'[') else {
                return;
            };
            for (index, name, span) in read_strings(text, at) {
                // Deleting is setting blank.
                let a = Attribute {
                    place: Place::AttributeNames,
                    index,
                    name: &name,
                    name_span: Some(span),
                    value: Some(""),
                    value_span: Some(span),
                    value_ok: true,
                    object_span: Some(span),
                };
                semantics::attribute(sink, schema, p, wording, &a);
            }
        }
        Input::AttributeName => {
            if let Some((name, span)) = member_str(text, top, "AttributeName") {
                if name != "email" && name != "phone_number" {
                    sink.report(Rule::AttributeNotVerifiable, || {
                        Diagnostic::new(
                            Rule::AttributeNotVerifiable,
                            Path::root().member(Member::AttributeName),
                            Some(span),
                        )
                        .with_detail(
                            "invalid attribute name. Only phone_number and email can be verified",
                        )
                    });
                }
            }
        }
        Input::Challenge => {
            let new_password = member_str(text, top, "ChallengeName")
                .is_some_and(|(n, _)| n == "NEW_PASSWORD_REQUIRED");
            if !new_password {
                return;
            }
            let Some(at) = member_at(text, top, "ChallengeResponses", b'{') else {
                if opts.required_in_challenge {
                    required(sink, schema, p, wording, &given);
                }
                return;
            };
            let entries = read_map(text, at);
            for (index, (key, key_span, value, value_span)) in entries.iter().enumerate() {
                let Some(name) = key.strip_prefix("userAttributes.") else {
                    continue;
                };
                let a = Attribute {
                    place: Place::Challenge(key),
                    index,
                    name,
                    name_span: Some(*key_span),
                    value: Some(value),
                    value_span: Some(*value_span),
                    value_ok: true,
                    object_span: Some(*key_span),
                };
                semantics::attribute(sink, schema, p, wording, &a);
                given.push(Cow::Owned(name.to_owned()));
            }
        }
    }
    let asks_all = p.input != Input::Challenge || opts.required_in_challenge;
    if p.creates && asks_all {
        required(sink, schema, p, wording, &given);
    }
}

/// Reports each required attribute (but `sub`, which the service assigns)
/// that `given` leaves out.
fn required(
    sink: &mut Sink,
    schema: &crate::pool::Schema,
    p: &Profile,
    wording: RequiredWording,
    given: &[Cow<'_, str>],
) {
    if !p.creates {
        return;
    }
    // Linear in the names given: a pool has few attributes (at most 50
    // custom), but a request may list many names.
    let given: std::collections::HashSet<&str> = given.iter().map(|n| &**n).collect();
    for a in schema.attributes() {
        if a.required && a.name != "sub" && !given.contains(a.name.as_str()) {
            let path = match p.input {
                Input::Challenge => Path::root()
                    .field("ChallengeResponses", "challengeResponses")
                    .key(&format!("userAttributes.{}", a.name)),
                _ => Path::root().member(Member::UserAttributes),
            };
            sink.report(Rule::RequiredAttributeMissing, || {
                Diagnostic::new(Rule::RequiredAttributeMissing, path, None)
                    .with_detail(p.required_missing(wording, &a.name))
            });
        }
    }
}

/// The username rules of SignUp and AdminCreateUser.
fn username_rules(sink: &mut Sink, schema: &crate::pool::Schema, username: &str, span: Span) {
    let by = |n: &str| schema.username_attributes().iter().any(|a| a == n);
    let (email, phone) = (by("email"), by("phone_number"));
    let message = match (email, phone) {
        (true, true) if !is_possible_email(username) && !is_phone_number(username) => {
            "Username should be either an email or a phone number."
        }
        (true, false) if !is_possible_email(username) => "Username should be an email.",
        (false, true) if !is_phone_number(username) => "Username should be a phone number",
        (false, false)
            if schema.alias_attributes().iter().any(|a| a == "email")
                && is_possible_email(username) =>
        {
            "Username cannot be of email format, since user pool is configured for email alias."
        }
        _ => return,
    };
    sink.report(Rule::UsernameFormat, || {
        Diagnostic::new(
            Rule::UsernameFormat,
            Path::root().field("Username", "username"),
            Some(span),
        )
        .with_detail(message)
    });
}
