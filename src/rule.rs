//! The catalogue of rules: one stable code, a kebab-case name, a severity,
//! the AWS error class and an explanation per rule.
//!
//! Codes never change meaning once published. `S` rules are the service's
//! shape constraints (`InvalidParameterException`, phase one); `J` rules are
//! about the JSON itself (`SerializationException`-class: the service could not
//! read the body); `W` rules are warnings the service does not act on.

use std::fmt;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The service would accept the request; worth a look.
    Warning,
    /// The service would reject the request.
    Error,
}

impl Severity {
    /// `"warning"` or `"error"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The AWS error class a rule's violation is answered with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ErrorType {
    /// The body could not be read as the request structure.
    SerializationException,
    /// A parameter broke a constraint.
    InvalidParameterException,
}

impl ErrorType {
    /// The name AWS puts in `__type` and `x-amzn-ErrorType`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorType::SerializationException => "SerializationException",
            ErrorType::InvalidParameterException => "InvalidParameterException",
        }
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule the validator checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// S001: a required member is missing or `null`.
    MissingMember,
    /// S101: an attribute name is empty.
    NameTooShort,
    /// S102: an attribute name is longer than 32 scalar values.
    NameTooLong,
    /// S103: an attribute name has a character outside its pattern.
    NamePattern,
    /// S111: an attribute value is longer than 2048 scalar values.
    ValueTooLong,
    /// S121: the access token has a character outside `[A-Za-z0-9-_=.]`, or is empty.
    TokenPattern,
    /// S131: a `ClientMetadata` key is longer than 131072 scalar values.
    MetadataKeyTooLong,
    /// S132: a `ClientMetadata` value is longer than 131072 scalar values.
    MetadataValueTooLong,
    /// J001: the input is not JSON.
    InvalidJson,
    /// J002: the input is not UTF-8.
    InvalidUtf8,
    /// J003: a `\u` escape names half of a surrogate pair.
    LoneSurrogate,
    /// J004: something follows the request object.
    TrailingCharacters,
    /// J005: an object names the same key twice.
    DuplicateKey,
    /// J006: a member holds a JSON value of the wrong type.
    WrongType,
    /// J007: the input is larger than the configured limit.
    InputTooLarge,
    /// J008: the input nests deeper than the configured limit.
    NestingTooDeep,
    /// W001: a member the request structure does not have.
    UnknownMember,
}

impl Rule {
    /// Every rule, in code order.
    pub const ALL: &'static [Rule] = &[
        Rule::MissingMember,
        Rule::NameTooShort,
        Rule::NameTooLong,
        Rule::NamePattern,
        Rule::ValueTooLong,
        Rule::TokenPattern,
        Rule::MetadataKeyTooLong,
        Rule::MetadataValueTooLong,
        Rule::InvalidJson,
        Rule::InvalidUtf8,
        Rule::LoneSurrogate,
        Rule::TrailingCharacters,
        Rule::DuplicateKey,
        Rule::WrongType,
        Rule::InputTooLarge,
        Rule::NestingTooDeep,
        Rule::UnknownMember,
    ];

    /// The stable code, e.g. `S102`.
    pub const fn code(self) -> &'static str {
        match self {
            Rule::MissingMember => "S001",
            Rule::NameTooShort => "S101",
            Rule::NameTooLong => "S102",
            Rule::NamePattern => "S103",
            Rule::ValueTooLong => "S111",
            Rule::TokenPattern => "S121",
            Rule::MetadataKeyTooLong => "S131",
            Rule::MetadataValueTooLong => "S132",
            Rule::InvalidJson => "J001",
            Rule::InvalidUtf8 => "J002",
            Rule::LoneSurrogate => "J003",
            Rule::TrailingCharacters => "J004",
            Rule::DuplicateKey => "J005",
            Rule::WrongType => "J006",
            Rule::InputTooLarge => "J007",
            Rule::NestingTooDeep => "J008",
            Rule::UnknownMember => "W001",
        }
    }

    /// The stable kebab-case name, e.g. `name-too-long`.
    pub const fn name(self) -> &'static str {
        match self {
            Rule::MissingMember => "missing-member",
            Rule::NameTooShort => "name-too-short",
            Rule::NameTooLong => "name-too-long",
            Rule::NamePattern => "name-pattern",
            Rule::ValueTooLong => "value-too-long",
            Rule::TokenPattern => "token-pattern",
            Rule::MetadataKeyTooLong => "metadata-key-too-long",
            Rule::MetadataValueTooLong => "metadata-value-too-long",
            Rule::InvalidJson => "invalid-json",
            Rule::InvalidUtf8 => "invalid-utf8",
            Rule::LoneSurrogate => "lone-surrogate",
            Rule::TrailingCharacters => "trailing-characters",
            Rule::DuplicateKey => "duplicate-key",
            Rule::WrongType => "wrong-type",
            Rule::InputTooLarge => "input-too-large",
            Rule::NestingTooDeep => "nesting-too-deep",
            Rule::UnknownMember => "unknown-member",
        }
    }

    /// Finds a rule by its code (`S102`, case-insensitive) or its name (`name-too-long`).
    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.code().eq_ignore_ascii_case(code) || r.name() == code)
    }

    /// Whether a violation makes the service refuse the request.
    pub const fn severity(self) -> Severity {
        match self {
            Rule::UnknownMember => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The class of AWS error a violation is answered with. Warnings have the
    /// class they would have if the service acted on them.
    pub const fn error_type(self) -> ErrorType {
        match self {
            Rule::InvalidJson
            | Rule::InvalidUtf8
            | Rule::LoneSurrogate
            | Rule::TrailingCharacters
            | Rule::DuplicateKey
            | Rule::WrongType
            | Rule::InputTooLarge
            | Rule::NestingTooDeep => ErrorType::SerializationException,
            _ => ErrorType::InvalidParameterException,
        }
    }

    /// Whether a violation stops the parse: the input is not a readable JSON
    /// text at all (J001-J004, J007, J008). After one of these nothing more is
    /// reported.
    pub const fn stops_parse(self) -> bool {
        matches!(
            self,
            Rule::InvalidJson
                | Rule::InvalidUtf8
                | Rule::LoneSurrogate
                | Rule::TrailingCharacters
                | Rule::InputTooLarge
                | Rule::NestingTooDeep
        )
    }

    /// Whether the message is the service's own wording (as observed or as its
    /// framework words every constraint) rather than this library's.
    pub const fn aws_wording(self) -> bool {
        matches!(
            self,
            Rule::MissingMember
                | Rule::NameTooShort
                | Rule::NameTooLong
                | Rule::NamePattern
                | Rule::ValueTooLong
                | Rule::TokenPattern
        )
    }

    /// One line on what the rule checks.
    pub const fn summary(self) -> &'static str {
        match self {
            Rule::MissingMember => "A required member is missing or null.",
            Rule::NameTooShort => "An attribute name is empty.",
            Rule::NameTooLong => "An attribute name is longer than 32 characters.",
            Rule::NamePattern => {
                "An attribute name contains a character its pattern does not allow."
            }
            Rule::ValueTooLong => "An attribute value is longer than 2048 characters.",
            Rule::TokenPattern => {
                "The access token is empty or contains a character outside [A-Za-z0-9-_=.]."
            }
            Rule::MetadataKeyTooLong => "A ClientMetadata key is longer than 131072 characters.",
            Rule::MetadataValueTooLong => {
                "A ClientMetadata value is longer than 131072 characters."
            }
            Rule::InvalidJson => "The request is not valid JSON.",
            Rule::InvalidUtf8 => "The request is not valid UTF-8.",
            Rule::LoneSurrogate => "A \\u escape encodes half of a surrogate pair.",
            Rule::TrailingCharacters => "Something follows the request object.",
            Rule::DuplicateKey => "An object has the same key twice.",
            Rule::WrongType => "A member holds a JSON value of the wrong type.",
            Rule::InputTooLarge => "The request is larger than the configured limit.",
            Rule::NestingTooDeep => "The request nests deeper than the configured limit.",
            Rule::UnknownMember => {
                "The request has a member that UpdateUserAttributes does not define."
            }
        }
    }

    /// What the rule checks, why, and how to fix a violation; a few paragraphs.
    pub const fn explanation(self) -> &'static str {
        match self {
            Rule::MissingMember => {
                "\
`AccessToken`, `UserAttributes` and the `Name` of every attribute are required by the \
service model. A member that is absent and a member whose value is JSON `null` are the \
same to the service: it answers `Value null at '<path>' failed to satisfy constraint: \
Member must not be null`. An attribute's `Value` is optional in the model (phase-two \
rules decide what a missing value means)."
            }
            Rule::NameTooShort => {
                "\
Attribute names (`AttributeNameType`) are 1 to 32 Unicode scalar values long. An empty \
name also fails the name pattern, so the service lists two items for it: the length \
item first, then the pattern item."
            }
            Rule::NameTooLong => {
                "\
Attribute names (`AttributeNameType`) are 1 to 32 Unicode scalar values long. Length is \
counted in scalar values (code points), not bytes and not UTF-16 units: `👍` counts as \
one, and a letter followed by a combining mark counts as two. A custom attribute name \
`custom:<base>` has a base of at most 20 characters, so a real one is never longer than 27."
            }
            Rule::NamePattern => {
                "\
Attribute names must match `[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+` as a whole: letters, marks, \
symbols, numbers and punctuation, nothing else. White space (space, tab, newlines, NBSP) \
and invisible format characters such as ZERO WIDTH SPACE are refused. AWS widened the \
pattern in February 2026 to admit tab, LF, CR and space \
(`[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r ]+`); older user pools keep the legacy pattern, \
which is the default here. Select the newer one with `--name-pattern current` \
(`Options::name_pattern`)."
            }
            Rule::ValueTooLong => {
                "\
Attribute values (`AttributeValueType`) are at most 2048 Unicode scalar values. The value \
is sensitive: the service leaves it out of its message (`Value at \
'userAttributes.1.member.value'`), and so does this tool. An empty value is allowed: it \
deletes the attribute."
            }
            Rule::TokenPattern => {
                "\
The access token (`TokenModelType`) must match `[A-Za-z0-9-_=.]+` as a whole: ASCII \
letters, digits, `-`, `_`, `=` and `.`, at least one of them, no length limit. A JWT \
with standard base64 characters (`+`, `/`), white space or a trailing newline is refused. \
The token is secret and never printed."
            }
            Rule::MetadataKeyTooLong => {
                "\
`ClientMetadata` maps strings to strings (`StringType`, 0 to 131072 scalar values). The \
message wording is this library's: the service's framework wording for map keys is not \
confirmed."
            }
            Rule::MetadataValueTooLong => {
                "\
`ClientMetadata` maps strings to strings (`StringType`, 0 to 131072 scalar values). The \
message wording is this library's: the service's framework wording for map values is not \
confirmed."
            }
            Rule::InvalidJson => {
                "\
The body must be one JSON object (RFC 8259, strict): no comments, no trailing commas, no \
single quotes, no unescaped control characters in strings, no byte-order mark. The \
service answers an unreadable body with a SerializationException; its exact wording for \
Cognito is not confirmed, so the message is this library's."
            }
            Rule::InvalidUtf8 => {
                "\
JSON text exchanged between systems must be UTF-8 (RFC 8259 section 8.1). The position \
given is that of the first byte that is not part of a valid UTF-8 sequence."
            }
            Rule::LoneSurrogate => {
                "\
A `\\uD800`..`\\uDFFF` escape must be half of a high-low surrogate pair; alone it encodes \
no Unicode scalar value, so the string cannot be read."
            }
            Rule::TrailingCharacters => {
                "\
A request is exactly one JSON object, optionally surrounded by white space. Anything after \
it, such as a second object, is refused."
            }
            Rule::DuplicateKey => {
                "\
RFC 8259 leaves the meaning of repeated keys open: one parser keeps the first, another the \
last. A gateway that validated one value while the service reads the other would let an \
unchecked value through, so repeated keys in the request, in an attribute and in \
`ClientMetadata` are refused."
            }
            Rule::WrongType => {
                "\
Each member has one JSON type: `AccessToken`, `Name`, `Value` and metadata values are \
strings, `UserAttributes` is an array of objects, `ClientMetadata` is an object. A value \
of another type (a number where a string belongs, an object where a list belongs) is not a \
constraint violation but an unreadable body: AWS JSON services answer it with a \
SerializationException."
            }
            Rule::InputTooLarge => {
                "\
To bound the work done on hostile input, requests larger than `--max-input-bytes` \
(`Options::max_input_bytes`, 1 MiB by default) are refused before they are parsed."
            }
            Rule::NestingTooDeep => {
                "\
To bound the work done on hostile input, arrays and objects nested deeper than \
`--max-depth` (`Options::max_depth`, 64 by default) are refused. A valid request nests \
three deep."
            }
            Rule::UnknownMember => {
                "\
Members that UpdateUserAttributes does not define are ignored by the service, so they are \
a warning, not an error. Member names are case-sensitive: `accessToken` is not \
`AccessToken`, and a request that spells a required member wrongly is missing it. The \
help line suggests the member that was probably meant."
            }
        }
    }

    /// A request that breaks the rule (for `explain`); a test checks it does.
    pub const fn example_bad(self) -> &'static str {
        match self {
            Rule::MissingMember => {
                r#"{"UserAttributes": [{"Name": "email", "Value": "a@example.com"}]}"#
            }
            Rule::NameTooShort => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "", "Value": "x"}]}"#
            }
            Rule::NameTooLong => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:a_really_long_attribute_name", "Value": "x"}]}"#
            }
            Rule::NamePattern => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "given name", "Value": "Ada"}]}"#
            }
            Rule::ValueTooLong => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:bio", "Value": "<2049 characters>"}]}"#
            }
            Rule::TokenPattern => {
                r#"{"AccessToken": "eyJ0+eyJ1/c2ln", "UserAttributes": [{"Name": "email", "Value": "a@example.com"}]}"#
            }
            Rule::MetadataKeyTooLong => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [], "ClientMetadata": {"<131073 characters>": "v"}}"#
            }
            Rule::MetadataValueTooLong => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [], "ClientMetadata": {"source": "<131073 characters>"}}"#
            }
            Rule::InvalidJson => r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [],}"#,
            Rule::InvalidUtf8 => "<the bytes 0xC3 0x28 inside a string>",
            Rule::LoneSurrogate => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "nickname", "Value": "\ud83d"}]}"#
            }
            Rule::TrailingCharacters => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": []} {}"#
            }
            Rule::DuplicateKey => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "email", "Value": "a@example.com", "Value": "b@example.com"}]}"#
            }
            Rule::WrongType => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:age", "Value": 42}]}"#
            }
            Rule::InputTooLarge => "<a request of more than 1 MiB>",
            Rule::NestingTooDeep => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [], "Extra": [[[[[[[[ ... 65 levels ... ]]]]]]]]}"#
            }
            Rule::UnknownMember => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [], "Useratributes": []}"#
            }
        }
    }

    /// A request that keeps the rule (for `explain`); a test checks it does.
    pub const fn example_good(self) -> &'static str {
        match self {
            Rule::MissingMember
            | Rule::NameTooShort
            | Rule::NameTooLong
            | Rule::NamePattern
            | Rule::ValueTooLong
            | Rule::WrongType
            | Rule::LoneSurrogate
            | Rule::InvalidUtf8
            | Rule::InputTooLarge
            | Rule::NestingTooDeep => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:nickname", "Value": "Ada \ud83d\udc4d"}]}"#
            }
            Rule::TokenPattern => {
                r#"{"AccessToken": "eyJ0-eyJ1_c2ln", "UserAttributes": [{"Name": "email", "Value": "a@example.com"}]}"#
            }
            Rule::MetadataKeyTooLong | Rule::MetadataValueTooLong => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [], "ClientMetadata": {"source": "signup-form"}}"#
            }
            Rule::InvalidJson | Rule::TrailingCharacters | Rule::UnknownMember => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": []}"#
            }
            Rule::DuplicateKey => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "email", "Value": "b@example.com"}]}"#
            }
        }
    }
}

impl Rule {
    /// The bytes of [`Rule::example_bad`], with its abbreviations (`<2049
    /// characters>`, `... 65 levels ...`) written out.
    pub fn example_bad_bytes(self) -> Vec<u8> {
        match self {
            Rule::InvalidUtf8 => {
                let mut v = br#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "nickname", "Value": "a"#.to_vec();
                v.extend_from_slice(&[0xC3, 0x28]);
                v.extend_from_slice(br#""}]}"#);
                v
            }
            Rule::InputTooLarge => {
                let pad = "a".repeat(crate::Options::DEFAULT_MAX_INPUT_BYTES);
                format!(r#"{{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{{"Name": "nickname", "Value": "{pad}"}}]}}"#).into_bytes()
            }
            Rule::NestingTooDeep => {
                let n = crate::Options::DEFAULT_MAX_DEPTH + 1;
                format!(
                    r#"{{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [], "Extra": {}{}}}"#,
                    "[".repeat(n),
                    "]".repeat(n)
                )
                .into_bytes()
            }
            _ => expand_lengths(self.example_bad()).into_bytes(),
        }
    }
}

/// Replaces each `<N characters>` in `s` by N copies of `a`.
fn expand_lengths(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(" characters>") {
            Some(end) if after[..end].bytes().all(|b| b.is_ascii_digit()) && end > 0 => {
                // The guard just checked that the text is a run of digits.
                let n: usize = after[..end].parse().unwrap_or(0);
                out.extend(std::iter::repeat_n('a', n));
                rest = &after[end + " characters>".len()..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl fmt::Display for Rule {
    /// `S102 name-too-long`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code(), self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let codes: HashSet<_> = Rule::ALL.iter().map(|r| r.code()).collect();
        let names: HashSet<_> = Rule::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(codes.len(), Rule::ALL.len());
        assert_eq!(names.len(), Rule::ALL.len());
        for r in Rule::ALL {
            assert!(r
                .name()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert_eq!(Rule::from_code(r.code()), Some(*r));
            assert_eq!(Rule::from_code(&r.code().to_lowercase()), Some(*r));
            assert_eq!(Rule::from_code(r.name()), Some(*r));
            assert!(r.summary().ends_with('.'));
        }
        assert_eq!(Rule::from_code("X999"), None);
    }
}
