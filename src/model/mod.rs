//! The cognito-idp service model as static tables: every operation, the
//! shapes its input reaches, their constraints and sensitive flags, in model
//! order.
//!
//! The tables in `generated.rs` are written by the generator
//! (`cargo run -p xtask -- codegen`) from the vendored botocore model
//! (`model/service-2.json`) and the overlay (`model/overlay.json`: where the
//! service differs from the model, each entry with its public source). They
//! are plain `static` data: no allocation, no initialisation at run time.
//! The overlay is already applied: shapes carry the service's effective
//! constraints (`PasswordType` prints `^[\S]+.*[\S]+$` and has a minimum of
//! 6; enums list their values in the order the service prints them), members
//! say whether the service prints their value, and a constraint the overlay
//! changes for one operation only becomes a synthetic shape of its own,
//! `<shape>@<operation>`. A walker needs to know nothing of overlays.
//!
//! Iterate with [`operations`], [`shapes`] and [`patterns`]; look up with
//! [`OperationDef::from_name`] (or [`OperationDef::from_target`]), [`shape`],
//! and the ids' `def` methods ([`ShapeId::def`], [`PatternId::def`]).
//!
//! ```
//! use cognito_validate::model::{Kind, OperationDef};
//!
//! let op = OperationDef::from_name("ListUsers").unwrap();
//! let Kind::Structure { members } = op.input.def().kind else { unreachable!() };
//! let limit = members.iter().find(|m| m.name == "Limit").unwrap();
//! assert_eq!(limit.aws_name, "limit");
//! let Kind::Integer { range } = limit.shape.def().kind else { unreachable!() };
//! assert_eq!((range.min, range.max), (Some(0), Some(60)));
//! ```

use std::fmt;

use unicode_general_category::{get_general_category, GeneralCategory as G};

use crate::options::NamePattern;

mod generated;

/// The prefix of every operation's `X-Amz-Target` header value, before the
/// `.` and the operation's name.
pub const TARGET_PREFIX: &str = generated::TARGET_PREFIX;

/// The botocore release whose model the tables were generated from.
pub const MODEL_VERSION: &str = generated::MODEL_VERSION;

/// Every operation of the model, sorted by name.
pub fn operations() -> &'static [OperationDef] {
    &generated::OPERATIONS
}

/// Every shape reachable from an operation's input (synthetic overlay shapes
/// included), sorted by name (byte order).
pub fn shapes() -> &'static [ShapeDef] {
    &generated::SHAPES
}

/// Every distinct pattern of the shapes in [`shapes`].
pub fn patterns() -> &'static [PatternDef] {
    &generated::PATTERNS
}

/// The operation of this name (`"SignUp"`): the same as
/// [`OperationDef::from_name`], kept because other modules use it.
pub fn operation(name: &str) -> Option<&'static OperationDef> {
    OperationDef::from_name(name)
}

/// The shape of this name (`"UsernameType"`, or a synthetic
/// `"<shape>@<operation>"`), by binary search.
pub fn shape(name: &str) -> Option<ShapeId> {
    let all = shapes();
    let i = all.binary_search_by(|s| s.name.cmp(name)).ok()?;
    // The generator asserts that there are fewer than 65 536 shapes.
    Some(ShapeId(i as u16))
}

/// An index into [`shapes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShapeId(u16);

impl ShapeId {
    /// The position of the shape in [`shapes`].
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The shape's definition.
    pub fn def(self) -> &'static ShapeDef {
        // Ids are only made by the generator, from positions in the table.
        &generated::SHAPES[self.index()]
    }
}

/// An index into [`patterns`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PatternId(u16);

impl PatternId {
    /// The position of the pattern in [`patterns`].
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The pattern's definition.
    pub fn def(self) -> &'static PatternDef {
        // Ids are only made by the generator, from positions in the table.
        &generated::PATTERNS[self.index()]
    }

    /// This pattern, or the one that replaces it when the caller chose the
    /// current attribute-name pattern ([`PatternDef::current`]).
    pub fn resolve(self, current_names: bool) -> PatternId {
        match self.def().current {
            Some(current) if current_names => current,
            _ => self,
        }
    }

    /// [`PatternId::resolve`] for the attribute-name pattern of
    /// [`Options::name_pattern`](crate::Options::name_pattern).
    pub fn under(self, names: NamePattern) -> PatternId {
        self.resolve(names == NamePattern::Current)
    }
}

/// How an operation is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Auth {
    /// Signed with AWS credentials (Signature Version 4): the service's
    /// default.
    SigV4,
    /// Not signed (the model's `smithy.api#noAuth`): the caller proves who it
    /// is with a token, a session or an app client id in the body.
    NoAuth,
}

/// One operation of the model.
#[derive(Debug)]
pub struct OperationDef {
    /// The operation's name, as in `X-Amz-Target` after the prefix: `"SignUp"`.
    pub name: &'static str,
    /// The whole `X-Amz-Target` header value:
    /// `"AWSCognitoIdentityProviderService.SignUp"`.
    pub target: &'static str,
    /// The shape of the request body (always a structure).
    pub input: ShapeId,
    /// How the operation is authorised.
    pub auth: Auth,
    /// Whether the operation's access token must carry the
    /// `aws.cognito.signin.user.admin` scope: the operation is unsigned and
    /// the model's documentation of it names that scope (21 operations;
    /// VerifySoftwareToken takes a token but its documentation does not say).
    pub needs_admin_scope: bool,
}

impl OperationDef {
    /// The operation of this name.
    pub fn from_name(name: &str) -> Option<&'static OperationDef> {
        generated::operation_index(name).and_then(|i| operations().get(i))
    }

    /// The operation named by an `X-Amz-Target` header value
    /// (`"AWSCognitoIdentityProviderService.SignUp"`).
    pub fn from_target(target: &str) -> Option<&'static OperationDef> {
        let name = target.strip_prefix(TARGET_PREFIX)?.strip_prefix('.')?;
        Self::from_name(name)
    }
}

/// One shape of the model.
#[derive(Debug)]
pub struct ShapeDef {
    /// The model's name of the shape; a synthetic overlay shape is named
    /// `<model shape>@<operation>`.
    pub name: &'static str,
    /// What values the shape takes.
    pub kind: Kind,
    /// The model marks the shape sensitive: the service leaves its values
    /// (and everything inside it) out of its messages.
    pub sensitive: bool,
}

/// The length bounds of a string (in Unicode scalar values), list, map or
/// blob; `None` where the model sets none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Length {
    /// The smallest length allowed.
    pub min: Option<u64>,
    /// The largest length allowed.
    pub max: Option<u64>,
}

/// The value bounds of an integer or long; `None` where the model sets none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Range {
    /// The smallest value allowed.
    pub min: Option<i64>,
    /// The largest value allowed.
    pub max: Option<i64>,
}

/// What values a shape takes, with its constraints.
#[derive(Debug)]
#[non_exhaustive]
pub enum Kind {
    /// A JSON object with named members; unknown members are ignored by the
    /// service.
    Structure {
        /// The members, in model order (the order in which the service
        /// reports missing required members). At most 64 (tested), so a
        /// walker can track the members it has seen in a `u64`.
        members: &'static [MemberDef],
    },
    /// A JSON array.
    List {
        /// The shape of every item.
        member: ShapeId,
        /// How many items.
        length: Length,
    },
    /// A JSON object with any keys.
    Map {
        /// The shape of every key (a string shape).
        key: ShapeId,
        /// The shape of every value.
        value: ShapeId,
        /// How many entries.
        length: Length,
    },
    /// A JSON string.
    String {
        /// Its length in Unicode scalar values.
        length: Length,
        /// The whole value must match this pattern.
        pattern: Option<PatternId>,
        /// If not empty, the value must be one of these, listed in the order
        /// the service prints them.
        enum_values: &'static [&'static str],
    },
    /// A JSON number without fraction or exponent, 32 bits.
    Integer {
        /// Its bounds.
        range: Range,
    },
    /// A JSON number without fraction or exponent, 64 bits.
    Long {
        /// Its bounds.
        range: Range,
    },
    /// A JSON number, single precision (none in the model today).
    Float,
    /// A JSON number, double precision (none in the model today).
    Double,
    /// `true` or `false`.
    Boolean,
    /// A JSON number of seconds since the epoch.
    Timestamp,
    /// A base64-encoded JSON string.
    Blob {
        /// Its length.
        length: Length,
    },
    /// Any JSON value.
    Document,
}

/// One member of a structure.
#[derive(Debug)]
pub struct MemberDef {
    /// The JSON key: `"UserAttributes"`.
    pub name: &'static str,
    /// The name as the service's messages print it in a path: the first
    /// letter lower-cased, `"userAttributes"`. For the 15 names that start
    /// with an acronym (`MFAOptions` → `mFAOptions`) no public answer
    /// confirms the rule.
    pub aws_name: &'static str,
    /// The member's shape.
    pub shape: ShapeId,
    /// The member must be present (and not `null`).
    pub required: bool,
    /// The service prints the member's value in its messages. `false` when
    /// the model marks the member or its shape sensitive, unless the overlay
    /// records that the service prints it anyway in this operation (and the
    /// other way round). Everything inside a hidden member is hidden too;
    /// inside a shown one, list items, map keys and map values are hidden
    /// when their own shape is [`ShapeDef::sensitive`], and structure members
    /// follow their own `shown`.
    pub shown: bool,
}

/// A regular expression a string shape's whole value must match.
#[derive(Debug)]
pub struct PatternDef {
    /// The text the service prints after `Member must satisfy regular
    /// expression pattern: ` (the model's pattern, or the overlay's).
    pub printed: &'static str,
    /// The same pattern as an anchored source for the `regex` crate, with
    /// the service's (Java) meanings spelt out: `\w` and `\d` are ASCII, `\s`
    /// is `[ \t\n\x0B\f\r]`, `.` stops at line terminators, and lookbehind is
    /// rewritten.
    pub regex: &'static str,
    /// When the pattern is one character class repeated, the class: the
    /// value matches when every scalar value is in it (and, with
    /// [`ClassDef::one_or_more`], it is not empty). `None`: use `regex`.
    pub class: Option<ClassDef>,
    /// The pattern that replaces this one when the caller chose the current
    /// attribute-name pattern (the model's since 2026-02-27; the service still
    /// answers with the legacy one by default). Only the attribute-name
    /// pattern has one.
    pub current: Option<PatternId>,
}

/// A pattern that is one character class repeated: `[...]+` or `[...]*`.
#[derive(Debug, PartialEq, Eq)]
pub struct ClassDef {
    /// `[^...]`: the class is every scalar value *not* in `items`.
    pub negated: bool,
    /// The parts of the class, in the pattern's order.
    pub items: &'static [ClassItem],
    /// `+` (at least one character) rather than `*`.
    pub one_or_more: bool,
    /// The pattern is written between `^` and `$`.
    pub anchored: bool,
    /// The pattern writes its single characters and range ends as `\xHH`
    /// escapes (`[\x21\x23-\x5B]+`).
    pub hex: bool,
    /// Bit `b` is set when the ASCII character `b` is in the class (negation
    /// applied), computed by the generator.
    pub ascii: u128,
}

/// A Unicode general category group, `\p{X}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// `\p{L}`: letters.
    Letter,
    /// `\p{M}`: marks.
    Mark,
    /// `\p{S}`: symbols.
    Symbol,
    /// `\p{N}`: numbers.
    Number,
    /// `\p{P}`: punctuation.
    Punctuation,
    /// `\p{Z}`: separators.
    Separator,
    /// `\p{C}`: other (controls, format, surrogates, private use, unassigned).
    Other,
}

/// One part of a character class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClassItem {
    /// `\p{X}`.
    Category(Category),
    /// `\w`: ASCII letters, digits and `_` (Java's meaning).
    Word,
    /// `\d`: ASCII digits.
    Digit,
    /// `\s`: space, `\t`, `\n`, `\x0B`, `\f`, `\r` (Java's meaning).
    Space,
    /// `\S`: anything but `\s`.
    NotSpace,
    /// One character, written as itself (`-`), as a control escape (`\t`)
    /// or, with [`ClassDef::hex`], as `\xHH`.
    Char(char),
    /// One punctuation character written with a backslash (`\-`): the same
    /// as [`ClassItem::Char`], kept apart so that the class writes back as
    /// the model wrote it.
    Escaped(char),
    /// An inclusive range `a-z`.
    Range(char, char),
}

impl Category {
    /// The letter after `\p{`.
    pub const fn letter(self) -> char {
        match self {
            Category::Letter => 'L',
            Category::Mark => 'M',
            Category::Symbol => 'S',
            Category::Number => 'N',
            Category::Punctuation => 'P',
            Category::Separator => 'Z',
            Category::Other => 'C',
        }
    }

    /// Whether `c` is in the category group.
    pub fn contains(self, c: char) -> bool {
        Category::of(c) == self
    }

    /// The group of `c`'s general category.
    pub fn of(c: char) -> Category {
        match get_general_category(c) {
            G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter => Category::Letter,
            G::NonspacingMark | G::SpacingMark | G::EnclosingMark => Category::Mark,
            G::MathSymbol | G::CurrencySymbol | G::ModifierSymbol | G::OtherSymbol => {
                Category::Symbol
            }
            G::DecimalNumber | G::LetterNumber | G::OtherNumber => Category::Number,
            G::ConnectorPunctuation
            | G::DashPunctuation
            | G::OpenPunctuation
            | G::ClosePunctuation
            | G::InitialPunctuation
            | G::FinalPunctuation
            | G::OtherPunctuation => Category::Punctuation,
            G::SpaceSeparator | G::LineSeparator | G::ParagraphSeparator => Category::Separator,
            _ => Category::Other,
        }
    }
}

/// Java's `\s`: space, tab, line feed, vertical tab, form feed, carriage
/// return.
const fn is_java_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0B' | '\x0C' | '\r')
}

impl ClassItem {
    /// Whether `c` is in this part of the class.
    pub fn contains(self, c: char) -> bool {
        match self {
            ClassItem::Category(g) => g.contains(c),
            ClassItem::Word => c.is_ascii_alphanumeric() || c == '_',
            ClassItem::Digit => c.is_ascii_digit(),
            ClassItem::Space => is_java_space(c),
            ClassItem::NotSpace => !is_java_space(c),
            ClassItem::Char(x) | ClassItem::Escaped(x) => c == x,
            ClassItem::Range(lo, hi) => lo <= c && c <= hi,
        }
    }
}

impl ClassDef {
    /// Whether `c` is in the class: one bit test for ASCII, else the items
    /// (looking the general category up at most once).
    pub fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii >> (c as u32) & 1 == 1;
        }
        let mut group = None;
        let hit = self.items.iter().any(|&item| match item {
            ClassItem::Category(g) => *group.get_or_insert_with(|| Category::of(c)) == g,
            other => other.contains(c),
        });
        hit != self.negated
    }

    /// Whether `c` is in the class, from the items alone (what
    /// [`ClassDef::ascii`] is computed from; for tests).
    pub fn contains_by_items(&self, c: char) -> bool {
        self.items.iter().any(|i| i.contains(c)) != self.negated
    }

    /// Whether the whole of `value` matches the pattern: ASCII bytes by the
    /// bitmap without decoding, other characters by [`ClassDef::contains`].
    pub fn matches(&self, value: &str) -> bool {
        if value.is_empty() {
            return !self.one_or_more;
        }
        let bytes = value.as_bytes();
        if value.is_ascii() {
            let (low, high) = (self.ascii as u64, (self.ascii >> 64) as u64);
            return bytes.iter().all(|&b| {
                let half = if b < 64 { low } else { high };
                half >> (b & 63) & 1 == 1
            });
        }
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                if self.ascii >> b & 1 == 0 {
                    return false;
                }
                i += 1;
            } else {
                // `i` only ever advances by whole characters, so it is on a
                // character boundary and `value[i..]` is not empty.
                let Some(c) = value.get(i..).and_then(|rest| rest.chars().next()) else {
                    return false;
                };
                if !self.contains(c) {
                    return false;
                }
                i += c.len_utf8();
            }
        }
        true
    }
}

/// Writes a character the way the model's patterns write it inside a class.
fn write_class_char(f: &mut fmt::Formatter<'_>, c: char, hex: bool) -> fmt::Result {
    match c {
        c if hex => write!(f, "\\x{:02X}", c as u32),
        '\t' => f.write_str("\\t"),
        '\n' => f.write_str("\\n"),
        '\r' => f.write_str("\\r"),
        '\\' | ']' | '[' | '^' => write!(f, "\\{c}"),
        c if c.is_ascii_control() => write!(f, "\\x{:02X}", c as u32),
        c => write!(f, "{c}"),
    }
}

/// The pattern text the class was parsed from: `[\p{L}\p{M}]+`, or
/// `^[0-9a-f]+$`.
impl fmt::Display for ClassDef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.anchored {
            f.write_str("^")?;
        }
        f.write_str(if self.negated { "[^" } else { "[" })?;
        for item in self.items {
            match *item {
                ClassItem::Category(g) => write!(f, "\\p{{{}}}", g.letter())?,
                ClassItem::Word => f.write_str("\\w")?,
                ClassItem::Digit => f.write_str("\\d")?,
                ClassItem::Space => f.write_str("\\s")?,
                ClassItem::NotSpace => f.write_str("\\S")?,
                ClassItem::Char(c) => write_class_char(f, c, self.hex)?,
                ClassItem::Escaped(c) => write!(f, "\\{c}")?,
                ClassItem::Range(lo, hi) => {
                    write_class_char(f, lo, self.hex)?;
                    f.write_str("-")?;
                    write_class_char(f, hi, self.hex)?;
                }
            }
        }
        f.write_str(if self.one_or_more { "]+" } else { "]*" })?;
        if self.anchored {
            f.write_str("$")?;
        }
        Ok(())
    }
}
