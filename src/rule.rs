//! The catalogue of rules: one stable code, a kebab-case name, a severity,
//! the AWS error class and an explanation per rule.
//!
//! Codes never change meaning once published. `S` rules are the service's
//! shape constraints (`InvalidParameterException`, phase one); `J` rules are
//! about the JSON itself (`SerializationException`-class: the service could not
//! read the body); `W` rules are warnings the service does not act on; `T` rules are
//! the access-token check (`NotAuthorizedException`, feature `token`), which
//! runs after phase one and before the business rules.
//! `M` rules are the service model's constraint kinds (length, pattern, enum,
//! range) for every operation but UpdateUserAttributes, which keeps its own
//! `S` codes for the same constraints on its members (so baselines and
//! existing users see no change); not-null is S001, wrong JSON types J006
//! and repeated keys J005 for every operation.

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
    /// A parameter broke a constraint or a business rule.
    InvalidParameterException,
    /// The app client may not do what the request asks.
    NotAuthorizedException,
}

impl ErrorType {
    /// The name AWS puts in `__type` and `x-amzn-ErrorType`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorType::SerializationException => "SerializationException",
            ErrorType::InvalidParameterException => "InvalidParameterException",
            ErrorType::NotAuthorizedException => "NotAuthorizedException",
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
    NameCharacters,
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
    /// A001: the attribute is not in the user pool's schema.
    AttributeNotInSchema,
    /// A002: the request changes `sub`.
    ModifySub,
    /// A003: the attribute is immutable in the pool.
    ImmutableAttribute,
    /// A004: an attribute has no `Value`.
    NullValue,
    /// A005: a required attribute is set blank.
    RequiredAttributeDeleted,
    /// A006: `email` is certainly not an address.
    InvalidEmail,
    /// A007: `phone_number` is not `+` and digits.
    InvalidPhoneNumber,
    /// A008: a String attribute is shorter than its MinLength.
    StringTooShort,
    /// A009: a String attribute is longer than its MaxLength.
    StringTooLong,
    /// A010: a Number attribute is not an integer.
    NotANumber,
    /// A011: a Number attribute is outside MinValue..MaxValue.
    NumberOutOfRange,
    /// A012: a Boolean attribute is not `true` or `false`.
    NotABoolean,
    /// A013: a DateTime attribute is not a date-time.
    NotADateTime,
    /// A014: a developer-only (`dev:`) attribute.
    DeveloperOnlyAttribute,
    /// A015: the app client may not write the attribute.
    UnauthorizedWrite,
    /// A016: a creating operation (SignUp, AdminCreateUser, a
    /// NEW_PASSWORD_REQUIRED answer) leaves out a required attribute.
    RequiredAttributeMissing,
    /// A017: the username does not fit how the pool signs users in
    /// (`UsernameAttributes`, `AliasAttributes`).
    UsernameFormat,
    /// A018: an attribute other than `email` or `phone_number` is verified.
    AttributeNotVerifiable,
    /// W010: the same attribute twice in one request.
    DuplicateAttribute,
    /// W011: an empty `UserAttributes` list.
    EmptyAttributeList,
    /// W012: an `_verified` attribute set through UpdateUserAttributes.
    VerifiedAttribute,
    /// R001: a response's `DeliveryMedium` is not `SMS` or `EMAIL`.
    DeliveryMedium,
    /// R002: a response's `Destination` is longer than 131072 scalar values.
    DestinationTooLong,
    /// T001: the access token is not a well-formed JWT.
    TokenMalformed,
    /// T002: the token's header `alg` is not `RS256`.
    TokenAlgorithm,
    /// T003: the token's `kid` names no key of the JWKS.
    TokenUnknownKey,
    /// T004: the token's RS256 signature does not verify.
    TokenSignature,
    /// T005: the token's `exp` is past.
    TokenExpired,
    /// T006: the token's `nbf` is in the future.
    TokenNotYetValid,
    /// T007: the token's `token_use` is not `access`.
    TokenNotAccess,
    /// T008: the token's `iss` is not the user pool's.
    TokenIssuer,
    /// T009: the token's `client_id` is not an allowed app client.
    TokenClient,
    /// T010: the token lacks the scope the operation needs.
    TokenScope,
    /// M101: a string, list or map of any operation is shorter than its
    /// minimum length.
    MinLength,
    /// M102: a string, list or map of any operation is longer than its
    /// maximum length.
    MaxLength,
    /// M103: a string of any operation does not match its pattern.
    Pattern,
    /// M104: a string of any operation is not one of its enum values.
    Enum,
    /// M105: a number of any operation is below its minimum.
    MinValue,
    /// M106: a number of any operation is above its maximum.
    MaxValue,
}

impl Rule {
    /// Every rule, in code order.
    pub const ALL: &'static [Rule] = &[
        Rule::MissingMember,
        Rule::NameTooShort,
        Rule::NameTooLong,
        Rule::NameCharacters,
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
        Rule::AttributeNotInSchema,
        Rule::ModifySub,
        Rule::ImmutableAttribute,
        Rule::NullValue,
        Rule::RequiredAttributeDeleted,
        Rule::InvalidEmail,
        Rule::InvalidPhoneNumber,
        Rule::StringTooShort,
        Rule::StringTooLong,
        Rule::NotANumber,
        Rule::NumberOutOfRange,
        Rule::NotABoolean,
        Rule::NotADateTime,
        Rule::DeveloperOnlyAttribute,
        Rule::UnauthorizedWrite,
        Rule::RequiredAttributeMissing,
        Rule::UsernameFormat,
        Rule::AttributeNotVerifiable,
        Rule::DuplicateAttribute,
        Rule::EmptyAttributeList,
        Rule::VerifiedAttribute,
        Rule::DeliveryMedium,
        Rule::DestinationTooLong,
        Rule::TokenMalformed,
        Rule::TokenAlgorithm,
        Rule::TokenUnknownKey,
        Rule::TokenSignature,
        Rule::TokenExpired,
        Rule::TokenNotYetValid,
        Rule::TokenNotAccess,
        Rule::TokenIssuer,
        Rule::TokenClient,
        Rule::TokenScope,
        Rule::MinLength,
        Rule::MaxLength,
        Rule::Pattern,
        Rule::Enum,
        Rule::MinValue,
        Rule::MaxValue,
    ];

    /// The stable code, e.g. `S102`.
    pub const fn code(self) -> &'static str {
        match self {
            Rule::MissingMember => "S001",
            Rule::NameTooShort => "S101",
            Rule::NameTooLong => "S102",
            Rule::NameCharacters => "S103",
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
            Rule::AttributeNotInSchema => "A001",
            Rule::ModifySub => "A002",
            Rule::ImmutableAttribute => "A003",
            Rule::NullValue => "A004",
            Rule::RequiredAttributeDeleted => "A005",
            Rule::InvalidEmail => "A006",
            Rule::InvalidPhoneNumber => "A007",
            Rule::StringTooShort => "A008",
            Rule::StringTooLong => "A009",
            Rule::NotANumber => "A010",
            Rule::NumberOutOfRange => "A011",
            Rule::NotABoolean => "A012",
            Rule::NotADateTime => "A013",
            Rule::DeveloperOnlyAttribute => "A014",
            Rule::UnauthorizedWrite => "A015",
            Rule::RequiredAttributeMissing => "A016",
            Rule::UsernameFormat => "A017",
            Rule::AttributeNotVerifiable => "A018",
            Rule::DuplicateAttribute => "W010",
            Rule::EmptyAttributeList => "W011",
            Rule::VerifiedAttribute => "W012",
            Rule::DeliveryMedium => "R001",
            Rule::DestinationTooLong => "R002",
            Rule::TokenMalformed => "T001",
            Rule::TokenAlgorithm => "T002",
            Rule::TokenUnknownKey => "T003",
            Rule::TokenSignature => "T004",
            Rule::TokenExpired => "T005",
            Rule::TokenNotYetValid => "T006",
            Rule::TokenNotAccess => "T007",
            Rule::TokenIssuer => "T008",
            Rule::TokenClient => "T009",
            Rule::TokenScope => "T010",
            Rule::MinLength => "M101",
            Rule::MaxLength => "M102",
            Rule::Pattern => "M103",
            Rule::Enum => "M104",
            Rule::MinValue => "M105",
            Rule::MaxValue => "M106",
        }
    }

    /// The stable kebab-case name, e.g. `name-too-long`.
    pub const fn name(self) -> &'static str {
        match self {
            Rule::MissingMember => "missing-member",
            Rule::NameTooShort => "name-too-short",
            Rule::NameTooLong => "name-too-long",
            Rule::NameCharacters => "name-pattern",
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
            Rule::AttributeNotInSchema => "attribute-not-in-schema",
            Rule::ModifySub => "modify-sub",
            Rule::ImmutableAttribute => "immutable-attribute",
            Rule::NullValue => "null-value",
            Rule::RequiredAttributeDeleted => "required-attribute-deleted",
            Rule::InvalidEmail => "invalid-email",
            Rule::InvalidPhoneNumber => "invalid-phone-number",
            Rule::StringTooShort => "string-too-short",
            Rule::StringTooLong => "string-too-long",
            Rule::NotANumber => "not-a-number",
            Rule::NumberOutOfRange => "number-out-of-range",
            Rule::NotABoolean => "not-a-boolean",
            Rule::NotADateTime => "not-a-date-time",
            Rule::DeveloperOnlyAttribute => "developer-only-attribute",
            Rule::UnauthorizedWrite => "unauthorized-write",
            Rule::RequiredAttributeMissing => "required-attribute-missing",
            Rule::UsernameFormat => "username-format",
            Rule::AttributeNotVerifiable => "attribute-not-verifiable",
            Rule::DuplicateAttribute => "duplicate-attribute",
            Rule::EmptyAttributeList => "empty-attribute-list",
            Rule::VerifiedAttribute => "verified-attribute",
            Rule::DeliveryMedium => "delivery-medium",
            Rule::DestinationTooLong => "destination-too-long",
            Rule::TokenMalformed => "token-malformed",
            Rule::TokenAlgorithm => "token-algorithm",
            Rule::TokenUnknownKey => "token-unknown-key",
            Rule::TokenSignature => "token-signature",
            Rule::TokenExpired => "token-expired",
            Rule::TokenNotYetValid => "token-not-yet-valid",
            Rule::TokenNotAccess => "token-not-access",
            Rule::TokenIssuer => "token-issuer",
            Rule::TokenClient => "token-client",
            Rule::TokenScope => "token-scope",
            Rule::MinLength => "min-length",
            Rule::MaxLength => "max-length",
            Rule::Pattern => "pattern",
            Rule::Enum => "enum",
            Rule::MinValue => "min-value",
            Rule::MaxValue => "max-value",
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
            Rule::UnknownMember
            | Rule::DuplicateAttribute
            | Rule::EmptyAttributeList
            | Rule::VerifiedAttribute => Severity::Warning,
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
            Rule::UnauthorizedWrite => ErrorType::NotAuthorizedException,
            _ if self.about_token() => ErrorType::NotAuthorizedException,
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
                | Rule::NameCharacters
                | Rule::ValueTooLong
                | Rule::TokenPattern
                | Rule::AttributeNotInSchema
                | Rule::ModifySub
                | Rule::ImmutableAttribute
                | Rule::NullValue
                | Rule::RequiredAttributeDeleted
                | Rule::InvalidEmail
                | Rule::InvalidPhoneNumber
                | Rule::StringTooShort
                | Rule::UnauthorizedWrite
                | Rule::RequiredAttributeMissing
                | Rule::UsernameFormat
                | Rule::AttributeNotVerifiable
                | Rule::DeliveryMedium
                | Rule::DestinationTooLong
                | Rule::TokenMalformed
                | Rule::TokenSignature
                | Rule::TokenExpired
                | Rule::TokenScope
                | Rule::MinLength
                | Rule::MaxLength
                | Rule::Pattern
                | Rule::Enum
                | Rule::MinValue
                | Rule::MaxValue
        )
    }

    /// 1 for the service's framework checks (shapes, JSON), 2 for what it
    /// checks only in a request that passed phase one: the access token, then
    /// the business rules.
    pub const fn phase(self) -> u8 {
        match self {
            Rule::DuplicateAttribute | Rule::EmptyAttributeList | Rule::VerifiedAttribute => 2,
            _ if self.business_order().is_some() => 2,
            _ => 1,
        }
    }

    /// For the business rules that refuse a request, the order in which the
    /// service is taken to apply them: the first class with a finding is its
    /// answer. Not published: this order is the library's choice (the access
    /// token, request-level checks, then permission, existence, mutability,
    /// deletion, the schema's type constraints, formats). Rules of one class
    /// share a number; the token check finds one fault at most.
    pub(crate) const fn business_order(self) -> Option<u8> {
        Some(match self {
            _ if self.about_token() => 0,
            Rule::UsernameFormat | Rule::AttributeNotVerifiable => 1,
            Rule::NullValue => 2,
            Rule::ModifySub => 3,
            Rule::UnauthorizedWrite => 4,
            Rule::AttributeNotInSchema => 5,
            Rule::RequiredAttributeMissing => 6,
            Rule::DeveloperOnlyAttribute => 7,
            Rule::ImmutableAttribute => 8,
            Rule::RequiredAttributeDeleted => 9,
            Rule::StringTooShort
            | Rule::StringTooLong
            | Rule::NotANumber
            | Rule::NumberOutOfRange
            | Rule::NotABoolean
            | Rule::NotADateTime => 10,
            Rule::InvalidEmail => 11,
            Rule::InvalidPhoneNumber => 12,
            _ => return None,
        })
    }

    /// One line on what the rule checks.
    pub const fn summary(self) -> &'static str {
        match self {
            Rule::MissingMember => "A required member is missing or null.",
            Rule::NameTooShort => "An attribute name is empty.",
            Rule::NameTooLong => "An attribute name is longer than 32 characters.",
            Rule::NameCharacters => {
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
            Rule::UnknownMember => "The request has a member its operation does not define.",
            Rule::AttributeNotInSchema => "The attribute is not in the user pool's schema.",
            Rule::ModifySub => "The request tries to change `sub`, which never changes.",
            Rule::ImmutableAttribute => "The attribute is immutable in this user pool.",
            Rule::NullValue => "An attribute has no Value.",
            Rule::RequiredAttributeDeleted => "A required attribute is set to a blank value.",
            Rule::InvalidEmail => "The email value is certainly not an email address.",
            Rule::InvalidPhoneNumber => "The phone_number value is not a + followed by digits.",
            Rule::StringTooShort => "A String attribute is shorter than its MinLength.",
            Rule::StringTooLong => "A String attribute is longer than its MaxLength.",
            Rule::NotANumber => "A Number attribute is not an integer.",
            Rule::NumberOutOfRange => "A Number attribute is outside its MinValue..MaxValue.",
            Rule::NotABoolean => "A Boolean attribute is not true or false.",
            Rule::NotADateTime => "A DateTime attribute is not a date-time.",
            Rule::DeveloperOnlyAttribute => {
                "A developer-only (dev:) attribute cannot be changed by the user."
            }
            Rule::UnauthorizedWrite => "The app client may not write the attribute.",
            Rule::RequiredAttributeMissing => {
                "A user is created without an attribute the pool requires."
            }
            Rule::UsernameFormat => {
                "The username does not fit how the pool signs users in."
            }
            Rule::AttributeNotVerifiable => {
                "Only email and phone_number can be verified."
            }
            Rule::DuplicateAttribute => "The same attribute appears twice in one request.",
            Rule::EmptyAttributeList => "UserAttributes is empty, so the request changes nothing.",
            Rule::VerifiedAttribute => {
                "email_verified or phone_number_verified is set by the user."
            }
            Rule::MinLength => "A string, list or map is shorter than its model minimum.",
            Rule::MaxLength => "A string, list or map is longer than its model maximum.",
            Rule::Pattern => "A string does not match its model pattern.",
            Rule::Enum => "A string is not one of its model enum values.",
            Rule::MinValue => "A number is smaller than its model minimum.",
            Rule::MaxValue => "A number is larger than its model maximum.",
            Rule::DeliveryMedium => "A response's DeliveryMedium is not SMS or EMAIL.",
            Rule::DestinationTooLong => {
                "A response's Destination is longer than 131072 characters."
            }
            Rule::TokenMalformed => "The access token is not a JWT of three base64url parts holding JSON objects, with an exp.",
            Rule::TokenAlgorithm => "The access token's header alg is not RS256.",
            Rule::TokenUnknownKey => "The access token's kid names no key of the user pool's JWKS.",
            Rule::TokenSignature => "The access token's RS256 signature does not verify.",
            Rule::TokenExpired => "The access token has expired.",
            Rule::TokenNotYetValid => "The access token is not valid yet (nbf is in the future).",
            Rule::TokenNotAccess => "The token is not an access token (token_use is not access).",
            Rule::TokenIssuer => "The access token was issued by another user pool or issuer.",
            Rule::TokenClient => "The access token was issued to an app client that is not allowed.",
            Rule::TokenScope => "The access token lacks the aws.cognito.signin.user.admin scope.",
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
            Rule::NameCharacters => {
                "\
Attribute names must match `[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+` as a whole: letters, marks, \
symbols, numbers and punctuation, nothing else. White space (space, tab, newlines, NBSP) \
and invisible format characters such as ZERO WIDTH SPACE are refused. AWS widened the \
pattern in February 2026 to admit tab, LF, CR and space \
(`[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r ]+`); older user pools keep the legacy pattern, \
which is the default here. Select the newer one with \
`Options::with_name_pattern(NamePattern::Current)`."
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
unchecked value through, so a repeated `AccessToken`, `UserAttributes`, `ClientMetadata`, \
`Name` or `Value`, and a repeated `ClientMetadata` key, are refused. Repeats of members the \
service ignores (warning W001) are not: nothing reads them."
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
To bound the work done on hostile input, requests larger than \
`Options::max_input_bytes` (1 MiB by default) are refused before they are parsed."
            }
            Rule::NestingTooDeep => {
                "\
To bound the work done on hostile input, arrays and objects nested deeper than \
`Options::max_depth` (64 by default) are refused. A valid request nests \
three deep."
            }
            Rule::UnknownMember => {
                "\
Members that the operation does not define (in any structure of the request) are ignored \
by the service, so they are a warning, not an error. Member names are case-sensitive: \
`accessToken` is not `AccessToken`, and a request that spells a required member wrongly \
is missing it. The help line suggests the member that was probably meant."
            }
            Rule::AttributeNotInSchema => {
                "\
Every attribute must exist in the user pool's schema. Standard attributes (`email`, \
`given_name`, ...) exist in every pool; any other name must be a custom attribute, written \
`custom:<base>` with a base of 1 to 20 letters, marks, symbols, numbers or punctuation. \
The service answers `user.<name>: Attribute does not exist in the schema.` followed by a \
line break, one line per unknown name. Without a pool schema (`Options::with_schema`), every \
well-formed `custom:` name is assumed to exist; with one, only the pool's attributes do. \
Names are case-sensitive: `Email` is not `email`. SignUp and AdminCreateUser answer \
`Attributes did not conform to the schema: <name>: Attribute does not exist in the schema.` \
(the prefix once, then one line per name), AdminCreateUser `Type for attribute {custom:<base>} \
could not be determined` for a custom name; `ValidationData` is not checked. For \
(Admin)DeleteUserAttributes the `user.<name>` line is the library's choice: deleting a name \
the pool lacks was reported to succeed."
            }
            Rule::ModifySub => {
                "\
`sub` is the user's immutable identifier. The service answers `Cannot modify the \
non-mutable attribute sub`."
            }
            Rule::ImmutableAttribute => {
                "\
A custom attribute created without `Mutable`, or a standard attribute a pool made \
immutable, is set once at sign-up. The service answers `user.<name>: Attribute cannot be \
updated.` followed by a line break. Needs a pool schema to know which attributes are immutable. \
SignUp, AdminCreateUser and a NEW_PASSWORD_REQUIRED answer may set them; deleting one is \
refused with the same line (the library's choice)."
            }
            Rule::NullValue => {
                "\
`Value` is optional in the model, so phase one lets a missing value through, but the \
service then refuses it: `Attribute value for <name> must not be null`. To delete an \
attribute, send it with an empty string."
            }
            Rule::RequiredAttributeDeleted => {
                "\
A blank value deletes an attribute, and a pool's required attributes cannot be deleted: \
`user.<name>: Required attribute cannot be deleted.` Needs a pool schema to know which \
attributes are required. (Admin)DeleteUserAttributes get the same text (the library's choice: \
no refused delete has been quoted); for SignUp and AdminCreateUser a blank required \
attribute is A016."
            }
            Rule::InvalidEmail => {
                "\
The service answers `Invalid email address format.` for values it cannot read as an \
address. Its exact rule is not published, so this tool refuses only what is certainly \
not an address: no `@`, nothing before the last `@`, nothing after it, a domain that \
contains white space, a control character, or no character at all. Anything else is \
left to the service."
            }
            Rule::InvalidPhoneNumber => {
                "\
`phone_number` must be `+` followed by digits only, such as `+14325551212`: no spaces, \
dashes or parentheses. The service answers `Invalid phone number format.`"
            }
            Rule::StringTooShort => {
                "\
String attributes have a MinLength (for `birthdate`, 10: `YYYY-MM-DD`). The service \
answers `user.<name>: String must be no shorter than <n> characters` followed by a line \
break. Lengths count Unicode scalar values."
            }
            Rule::StringTooLong => {
                "\
String attributes have a MaxLength (2048 for most standard attributes, 10 for \
`birthdate`, the pool's value for custom ones). The service's wording is not confirmed; \
this tool writes `user.<name>: String must be no longer than <n> characters`."
            }
            Rule::NotANumber => {
                "\
Number attributes (`updated_at`, custom Number attributes) hold an integer written in \
decimal digits with an optional `-`. The service's wording is not confirmed; this tool \
writes `user.<name>: Number must be an integer`."
            }
            Rule::NumberOutOfRange => {
                "\
Number attributes have a MinValue and MaxValue (`updated_at`: at least 0). The service's \
wording is not confirmed; this tool writes `user.<name>: Number must be no less than <n>` \
or `no greater than <n>`."
            }
            Rule::NotABoolean => {
                "\
Boolean attributes hold the text `true` or `false`. The wording is this tool's."
            }
            Rule::NotADateTime => {
                "\
Custom DateTime attributes hold a date-time. The service's format rule is not published; \
this tool accepts a decimal number of seconds or an ISO 8601 date or date-time beginning \
`YYYY-MM-DD`, and refuses anything else with its own wording."
            }
            Rule::DeveloperOnlyAttribute => {
                "\
Attributes written `dev:<name>` are for administrators: AWS documents that \
UpdateUserAttributes cannot change them (AdminUpdateUserAttributes can). The service's \
wording is not confirmed; this tool writes its own."
            }
            Rule::RequiredAttributeMissing => {
                "\
SignUp, AdminCreateUser and the NEW_PASSWORD_REQUIRED answer of (Admin)RespondToAuthChallenge \
must give every attribute the pool marks Required. SignUp and AdminCreateUser answer \
`Attributes did not conform to the schema: email: The attribute is required` (one line per \
name, the prefix once; whether each line ends in a line break is the library's choice: it \
does, like the confirmed `Attribute does not exist in the schema.` lines). The case of `The` \
is not confirmed: `the attribute is required` (2020) and `The attribute email is required` \
(2025) were also seen; `Options::with_required_wording` picks one. RespondToAuthChallenge \
answers `Invalid attributes given, email is missing` (in ChallengeResponses as \
`userAttributes.email`); it asks only for what the user lacks, which a request alone cannot \
show, so with a pool that requires attributes a user already has, this may refuse a request \
the service accepts."
            }
            Rule::UsernameFormat => {
                "\
A pool whose users sign in with their email or phone number (`UsernameAttributes`) takes \
that as the Username of SignUp and AdminCreateUser: `Username should be an email.`, \
`Username should be a phone number`, or with both `Username should be either an email or a \
phone number.`. A pool with an email alias (`AliasAttributes`) refuses an email-shaped \
username: `Username cannot be of email format, since user pool is configured for email \
alias.`. All four texts are the service's, as quoted in public issues (sources in `src/family.rs`). \
Needs the pool (`Options::with_schema`)."
            }
            Rule::AttributeNotVerifiable => {
                "\
VerifyUserAttribute and GetUserAttributeVerificationCode work on `email` and \
`phone_number` only: `invalid attribute name. Only phone_number and email can be verified` \
(amplify-js#3652; the case of its first letter is not confirmed)."
            }
            Rule::UnauthorizedWrite => {
                "\
An app client with a WriteAttributes list may write only those attributes (and the \
pool's required ones). The service answers with NotAuthorizedException `A client \
attempted to write unauthorized attribute`. Give the list with `Schema::with_write_attributes`. The \
IAM-authorised admin operations (AdminUpdateUserAttributes, AdminCreateUser, \
AdminDeleteUserAttributes, AdminRespondToAuthChallenge) have no app client: the list does \
not apply to them."
            }
            Rule::DuplicateAttribute => {
                "\
What the service does with the same name twice in one request is not confirmed: it may \
keep one value or refuse the request. A warning, since it may be accepted."
            }
            Rule::EmptyAttributeList => {
                "\
An empty `UserAttributes` list passes the model; whether the service accepts it as a \
no-op is not confirmed. A warning."
            }
            Rule::VerifiedAttribute => {
                "\
Reports conflict on whether the service ignores `email_verified` and \
`phone_number_verified` when a user sets them, or refuses them. Verification normally \
goes through VerifyUserAttribute. A warning; the value must still be `true` or `false`."
            }
            Rule::MinLength => {
                "\
A string (in Unicode scalar values), a list or a map of any operation is shorter than the \
minimum of its shape in the service model. The framework words it `Member must have length \
greater than or equal to N`. UpdateUserAttributes keeps its own codes (S101 and its \
neighbours) for the same constraint on its members."
            }
            Rule::MaxLength => {
                "\
A string (in Unicode scalar values), a list or a map of any operation is longer than the \
maximum of its shape in the service model: `Member must have length less than or equal to N`. \
UpdateUserAttributes keeps its own codes (S102, S111, S131, S132)."
            }
            Rule::Pattern => {
                "\
A string of any operation does not match, as a whole, the pattern of its shape: `Member must \
satisfy regular expression pattern: P`, with the pattern printed as the service prints it \
(the password's `^[\\S]+.*[\\S]+$`, for one). UpdateUserAttributes keeps S103 and S121."
            }
            Rule::Enum => {
                "\
A string of any operation is not one of the values of its enum: `Member must satisfy enum \
value set: [A, B]`, the values in the order the service prints them. A list of enum values \
with a bad item is reported once, at the list, printed whole: `Value '[X]' at \
'explicitAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member \
must satisfy enum value set: [...]]`."
            }
            Rule::MinValue => {
                "\
An integer of any operation is below the minimum of its shape: `Value '-1' at 'limit' \
failed to satisfy constraint: Member must have value greater than or equal to 0` (numbers \
are quoted like strings)."
            }
            Rule::MaxValue => {
                "\
An integer of any operation is above the maximum of its shape: `Value '100' at 'limit' \
failed to satisfy constraint: Member must have value less than or equal to 60` (ListUsers)."
            }
            Rule::DeliveryMedium => {
                "\
For emulators and mocks: in an UpdateUserAttributes response, each entry of \
`CodeDeliveryDetailsList` has a `DeliveryMedium` of `SMS` or `EMAIL` (the model's enum), \
and an `AttributeName` that follows the attribute-name rules (S101-S103). The message uses \
the framework's enum wording `Member must satisfy enum value set: [SMS, EMAIL]`."
            }
            Rule::DestinationTooLong => {
                "\
For emulators and mocks: a response's `Destination` (the masked address the code went \
to, such as `a***@e***`) is a `StringType` of at most 131072 characters."
            }
            Rule::TokenMalformed => {
                "\
Checked only with a JWKS (`Options::with_token_check`), after the shapes pass. An access \
token is a JWS in compact form: three base64url parts without padding, joined by dots; \
the first two decode to JSON objects (the header and the claims). Its claims must have \
their JSON types (`exp` and `nbf` numbers, `scope`, `iss`, `client_id`, `token_use` \
strings, `cognito:groups` an array of strings), `exp` must be present, and the header \
must not name `crit` extensions. Tokens longer than 32768 bytes are refused unread. \
The service answers a token it cannot read with NotAuthorizedException `Invalid Access \
Token`. The token checks run in this order, the first fault being the answer (the \
service's order is not published; this is the library's choice): form (T001), `alg` \
(T002), `kid` (T003), signature (T004), `token_use` (T007), `exp` (T005), `nbf` (T006), \
`iss` (T008), `client_id` (T009), `scope` (T010). A token fault outranks every business \
rule. The examples describe the token instead of showing one: checking needs the keys."
            }
            Rule::TokenAlgorithm => {
                "\
Cognito signs access tokens with RS256 only. A header naming `none`, `HS256` (the \
classic key-confusion attack) or any other algorithm is refused before any key is \
looked at. The message `Invalid Access Token` for this case is the library's choice \
among the service's texts. The examples describe the token instead of showing one."
            }
            Rule::TokenUnknownKey => {
                "\
The header's `kid` must name a key of the user pool's JWKS \
(`<issuer>/.well-known/jwks.json`); a token of another pool, or one without `kid`, \
cannot be verified. The message `Could not verify signature for Access Token` for this \
case is the library's choice among the service's texts. A gateway that fetches the JWKS \
refetches it on an unknown `kid` (keys rotate). The examples describe the token instead \
of showing one."
            }
            Rule::TokenSignature => {
                "\
The RS256 signature (RSASSA-PKCS1-v1_5 with SHA-256, 2048 to 8192-bit keys) over the \
first two parts must verify with the key `kid` names. A token whose header or claims \
were changed, or that another key signed, is refused with the service's text `Could not \
verify signature for Access Token`. The examples describe the token instead of showing \
one."
            }
            Rule::TokenExpired => {
                "\
An access token is valid until `exp` (epoch seconds; 5 minutes to 1 day after it was \
issued): at `exp` and after, the service answers `Access Token has expired`. The time \
checked is the caller's `now`; grace seconds (`TokenPolicy::grace_seconds`) allow for \
clock skew. `iat` is not checked. The examples describe the token instead of showing \
one."
            }
            Rule::TokenNotYetValid => {
                "\
When a token has `nbf` (not before), it is refused before that time, less the grace \
seconds. Cognito's tokens carry no `nbf`; a token that has one was not issued by it. \
The message `Invalid Access Token` for this case is the library's choice. The examples \
describe the token instead of showing one."
            }
            Rule::TokenNotAccess => {
                "\
Cognito issues id tokens (`token_use` `id`) and access tokens (`token_use` `access`) \
with the same keys; the operations that take an `AccessToken` want the second. Passing \
the id token is a common mistake. The message `Invalid Access Token` for this case is \
the library's choice. The examples describe the token instead of showing one."
            }
            Rule::TokenIssuer => {
                "\
When the policy names a user pool or an issuer, `iss` must be it, in either documented \
form: `https://cognito-idp.<region>.amazonaws.com/<poolId>` or (since 2026) \
`https://issuer-cognito-idp.<region>.amazonaws.com/<poolId>`. A multi-region replica \
may issue tokens whose `iss` names the primary's region. The message `Invalid Access \
Token` for this case is the library's choice. The examples describe the token instead \
of showing one."
            }
            Rule::TokenClient => {
                "\
When the policy lists app clients, the token's `client_id` must be one of them: a token \
issued to another app client of the same pool is refused. The message `Invalid Access \
Token` for this case is the library's choice. The examples describe the token instead \
of showing one."
            }
            Rule::TokenScope => {
                "\
The operations on a user's own profile (UpdateUserAttributes among them) need the scope \
`aws.cognito.signin.user.admin` in the token's space-separated `scope`. Tokens from the \
hosted UI or OAuth flows that did not ask for it, or whose pre-token-generation trigger \
removed it, are refused with the service's text `Access Token does not have required \
scopes`. The examples describe the token instead of showing one."
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
            Rule::NameCharacters => {
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
            Rule::AttributeNotInSchema => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "favorite_flavor", "Value": "vanilla"}]}"#
            }
            Rule::ModifySub => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "sub", "Value": "0f8e7c2a-1111-2222-3333-444455556666"}]}"#
            }
            Rule::ImmutableAttribute => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:tenant_id", "Value": "acme"}]}"#
            }
            Rule::NullValue => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "nickname"}]}"#
            }
            Rule::RequiredAttributeDeleted => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "email", "Value": ""}]}"#
            }
            Rule::InvalidEmail => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "email", "Value": "ada.example.com"}]}"#
            }
            Rule::InvalidPhoneNumber => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "phone_number", "Value": "+1 (432) 555-1212"}]}"#
            }
            Rule::StringTooShort => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "birthdate", "Value": "1990-1-1"}]}"#
            }
            Rule::StringTooLong => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "birthdate", "Value": "1990-01-01T00:00"}]}"#
            }
            Rule::NotANumber => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "updated_at", "Value": "yesterday"}]}"#
            }
            Rule::NumberOutOfRange => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "updated_at", "Value": "-1"}]}"#
            }
            Rule::NotABoolean => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:newsletter", "Value": "yes"}]}"#
            }
            Rule::NotADateTime => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:last_seen", "Value": "last tuesday"}]}"#
            }
            Rule::DeveloperOnlyAttribute => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "dev:custom:plan", "Value": "pro"}]}"#
            }
            Rule::UnauthorizedWrite => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:plan", "Value": "pro"}]}"#
            }
            Rule::RequiredAttributeMissing => {
                r#"{"ClientId": "4l1c3b0bexample0client0id0", "Username": "ada@example.com", "Password": "Corr3ct-Horse", "UserAttributes": [{"Name": "name", "Value": "Ada"}]}"#
            }
            Rule::UsernameFormat => {
                r#"{"ClientId": "4l1c3b0bexample0client0id0", "Username": "ada", "Password": "Corr3ct-Horse", "UserAttributes": [{"Name": "email", "Value": "ada@example.com"}]}"#
            }
            Rule::AttributeNotVerifiable => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "AttributeName": "nickname"}"#
            }
            Rule::DuplicateAttribute => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}, {"Name": "nickname", "Value": "Countess"}]}"#
            }
            Rule::EmptyAttributeList => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": []}"#
            }
            Rule::VerifiedAttribute => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "email_verified", "Value": "true"}]}"#
            }
            Rule::MinLength => r#"{"UserPoolId": ""}"#,
            Rule::MaxLength => {
                r#"{"PoolName": "p", "Schema": [{"Name": "phone_number_verified"}]}"#
            }
            Rule::Pattern => r#"{"UserPoolId": " ap-northeast-1_xxx"}"#,
            Rule::Enum => {
                r#"{"UserPoolId": "us-east-1_abc", "Username": "ada", "MessageAction": "SEND"}"#
            }
            Rule::MinValue => r#"{"UserPoolId": "us-east-1_abc", "Limit": -1}"#,
            Rule::MaxValue => r#"{"UserPoolId": "us-east-1_abc", "Limit": 100}"#,
            Rule::DeliveryMedium => {
                r#"{"CodeDeliveryDetailsList": [{"Destination": "a***@e***", "DeliveryMedium": "FAX", "AttributeName": "email"}]}"#
            }
            Rule::DestinationTooLong => {
                r#"{"CodeDeliveryDetailsList": [{"Destination": "<131073 characters>", "DeliveryMedium": "EMAIL", "AttributeName": "email"}]}"#
            }
            Rule::TokenMalformed => {
                r#"{"AccessToken": "<a token that is not three base64url parts>", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
            Rule::TokenAlgorithm => {
                r#"{"AccessToken": "<a token whose header says alg none or HS256>", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
            Rule::TokenUnknownKey => {
                r#"{"AccessToken": "<a token signed by a key the JWKS does not have>", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
            Rule::TokenSignature => {
                r#"{"AccessToken": "<a token whose payload was changed after signing>", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
            Rule::TokenExpired => {
                r#"{"AccessToken": "<a token whose exp is before the time checked>", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
            Rule::TokenNotYetValid => {
                r#"{"AccessToken": "<a token whose nbf is after the time checked>", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
            Rule::TokenNotAccess => {
                r#"{"AccessToken": "<an id token: token_use is id>", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
            Rule::TokenIssuer => {
                r#"{"AccessToken": "<a token whose iss is another pool's>", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
            Rule::TokenClient => {
                r#"{"AccessToken": "<a token whose client_id is not in the allowed list>", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
            Rule::TokenScope => {
                r#"{"AccessToken": "<a token whose scope lacks aws.cognito.signin.user.admin>", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
        }
    }

    /// A request that keeps the rule (for `explain`); a test checks it does.
    pub const fn example_good(self) -> &'static str {
        match self {
            Rule::MissingMember
            | Rule::NameTooShort
            | Rule::NameTooLong
            | Rule::NameCharacters
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
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}], "ClientMetadata": {"source": "signup-form"}}"#
            }
            Rule::InvalidJson | Rule::TrailingCharacters | Rule::UnknownMember => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
            Rule::DuplicateKey => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "email", "Value": "b@example.com"}]}"#
            }
            Rule::AttributeNotInSchema => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:favorite_flavor", "Value": "vanilla"}]}"#
            }
            Rule::RequiredAttributeMissing => {
                r#"{"ClientId": "4l1c3b0bexample0client0id0", "Username": "ada@example.com", "Password": "Corr3ct-Horse", "UserAttributes": [{"Name": "name", "Value": "Ada"}, {"Name": "email", "Value": "ada@example.com"}]}"#
            }
            Rule::UsernameFormat => {
                r#"{"ClientId": "4l1c3b0bexample0client0id0", "Username": "ada@example.com", "Password": "Corr3ct-Horse", "UserAttributes": [{"Name": "email", "Value": "ada@example.com"}]}"#
            }
            Rule::AttributeNotVerifiable => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "AttributeName": "email"}"#
            }
            Rule::ModifySub => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
            Rule::ImmutableAttribute => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:favorite_flavor", "Value": "vanilla"}]}"#
            }
            Rule::NullValue => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "nickname", "Value": ""}]}"#
            }
            Rule::RequiredAttributeDeleted => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "email", "Value": "ada@example.com"}]}"#
            }
            Rule::InvalidEmail => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "email", "Value": "ada@example.com"}]}"#
            }
            Rule::InvalidPhoneNumber => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "phone_number", "Value": "+14325551212"}]}"#
            }
            Rule::StringTooShort => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "birthdate", "Value": "1990-01-01"}]}"#
            }
            Rule::StringTooLong => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "birthdate", "Value": "1990-01-01"}]}"#
            }
            Rule::NotANumber => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "updated_at", "Value": "1700000000"}]}"#
            }
            Rule::NumberOutOfRange => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "updated_at", "Value": "0"}]}"#
            }
            Rule::NotABoolean => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:newsletter", "Value": "true"}]}"#
            }
            Rule::NotADateTime => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:last_seen", "Value": "2026-11-21T10:00:00Z"}]}"#
            }
            Rule::DeveloperOnlyAttribute => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:favorite_flavor", "Value": "vanilla"}]}"#
            }
            Rule::UnauthorizedWrite => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:favorite_flavor", "Value": "vanilla"}]}"#
            }
            Rule::DuplicateAttribute => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}, {"Name": "given_name", "Value": "Ada"}]}"#
            }
            Rule::EmptyAttributeList => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
            Rule::VerifiedAttribute => {
                r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "email", "Value": "ada@example.com"}]}"#
            }
            Rule::MinLength | Rule::Pattern => r#"{"UserPoolId": "ap-northeast-1_xxx"}"#,
            Rule::MaxLength => r#"{"PoolName": "p", "Schema": [{"Name": "tenant"}]}"#,
            Rule::Enum => {
                r#"{"UserPoolId": "us-east-1_abc", "Username": "ada", "MessageAction": "SUPPRESS"}"#
            }
            Rule::MinValue | Rule::MaxValue => r#"{"UserPoolId": "us-east-1_abc", "Limit": 60}"#,
            Rule::DeliveryMedium => {
                r#"{"CodeDeliveryDetailsList": [{"Destination": "a***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}]}"#
            }
            Rule::DestinationTooLong => {
                r#"{"CodeDeliveryDetailsList": [{"Destination": "+*******1212", "DeliveryMedium": "SMS", "AttributeName": "phone_number"}]}"#
            }
            Rule::TokenMalformed
            | Rule::TokenAlgorithm
            | Rule::TokenUnknownKey
            | Rule::TokenSignature
            | Rule::TokenExpired
            | Rule::TokenNotYetValid
            | Rule::TokenNotAccess
            | Rule::TokenIssuer
            | Rule::TokenClient
            | Rule::TokenScope => {
                r#"{"AccessToken": "<an access token of the pool, valid at the time checked, with the admin scope>", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}]}"#
            }
        }
    }
}

impl Rule {
    /// The operation whose request the examples are: UpdateUserAttributes,
    /// except for the model's constraint kinds (`M` codes) and the rules of
    /// the other attribute operations (SignUp, GetUserAttributeVerificationCode).
    pub const fn example_operation(self) -> &'static str {
        match self {
            Rule::MinLength | Rule::Pattern => "ListGroups",
            Rule::MaxLength => "CreateUserPool",
            Rule::Enum => "AdminCreateUser",
            Rule::MinValue | Rule::MaxValue => "ListUsers",
            Rule::RequiredAttributeMissing | Rule::UsernameFormat => "SignUp",
            Rule::AttributeNotVerifiable => "GetUserAttributeVerificationCode",
            _ => "UpdateUserAttributes",
        }
    }

    /// Whether the examples are UpdateUserAttributes responses, not requests.
    pub const fn example_is_response(self) -> bool {
        matches!(self, Rule::DeliveryMedium | Rule::DestinationTooLong)
    }

    /// Whether the examples need the pool schema and app client shipped in
    /// `examples/pool/` (immutable, required, DateTime and write-list rules).
    pub const fn example_needs_pool(self) -> bool {
        matches!(
            self,
            Rule::ImmutableAttribute
                | Rule::RequiredAttributeDeleted
                | Rule::NotADateTime
                | Rule::UnauthorizedWrite
                | Rule::NotABoolean
                | Rule::RequiredAttributeMissing
                | Rule::UsernameFormat
        )
    }

    /// Whether the examples describe an access token instead of showing one:
    /// checking them needs the keys that signed it (the `T` rules).
    pub const fn example_needs_keys(self) -> bool {
        self.about_token()
    }

    /// The access-token rules: those whose code starts with `T`.
    const fn about_token(self) -> bool {
        // Every code is a letter and three digits, so byte 0 exists.
        self.code().as_bytes()[0] == b'T'
    }

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

    /// The texts quote the limits; they must quote the shapes' numbers, so
    /// that a limit changed in `shape` cannot leave a text behind.
    #[test]
    fn texts_quote_the_shape_limits() {
        use crate::shape::{ATTRIBUTE_NAME_LEGACY, ATTRIBUTE_VALUE, CLIENT_METADATA_STRING};
        let limit = |s: &crate::shape::StringShape| s.max_length.unwrap().to_string();
        let cases = [
            (Rule::NameTooLong, limit(&ATTRIBUTE_NAME_LEGACY)),
            (
                Rule::NameTooShort,
                ATTRIBUTE_NAME_LEGACY.min_length.to_string(),
            ),
            (Rule::ValueTooLong, limit(&ATTRIBUTE_VALUE)),
            (Rule::MetadataKeyTooLong, limit(&CLIENT_METADATA_STRING)),
            (Rule::MetadataValueTooLong, limit(&CLIENT_METADATA_STRING)),
            (Rule::DestinationTooLong, limit(&CLIENT_METADATA_STRING)),
        ];
        for (rule, n) in cases {
            assert!(rule.explanation().contains(&n), "{rule}: {n}");
            if rule != Rule::NameTooShort {
                assert!(rule.summary().contains(&n), "{rule}: {n}");
            }
        }
        let base = crate::pool::CUSTOM_BASE_MAX_LENGTH.to_string();
        assert!(Rule::NameTooLong
            .explanation()
            .contains(&format!("at most {base}")));
        assert!(Rule::AttributeNotInSchema
            .explanation()
            .contains(&format!("1 to {base}")));
    }
}
