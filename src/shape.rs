//! The model's string shapes, their limits and patterns, and the pure check of
//! one value against one shape.
//!
//! Every number of the `UpdateUserAttributes` model lives here, once, beside
//! the shape it belongs to (reference section 2). The JSON Schemas under
//! `schemas/` are tested against these constants, and the diagnostics quote
//! them, so changing a limit here changes it everywhere.

use crate::chars;

/// A regular expression of the model, matched against the whole value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Pattern {
    /// The legacy attribute-name pattern.
    LegacyName,
    /// The current attribute-name pattern.
    CurrentName,
    /// The access-token pattern.
    Token,
}

impl Pattern {
    /// The pattern as AWS prints it: without `^` and `$`, although the service
    /// matches the whole value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Pattern::LegacyName => r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+",
            Pattern::CurrentName => r"[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r ]+",
            Pattern::Token => "[A-Za-z0-9-_=.]+",
        }
    }

    /// Whether the whole of `s` matches the pattern.
    #[inline]
    pub fn is_match(self, s: &str) -> bool {
        // Every pattern is one class repeated with `+`: at least one scalar
        // value, and all of them in the class.
        !s.is_empty()
            && match self {
                Pattern::LegacyName => chars::all_legacy_name(s),
                Pattern::CurrentName => chars::all_current_name(s),
                Pattern::Token => chars::all_token(s),
            }
    }
}

/// A string shape of the model: its length bounds in Unicode scalar values,
/// its pattern, and whether the service treats it as sensitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StringShape {
    /// The shape's name in the service model, e.g. `AttributeNameType`.
    pub model_name: &'static str,
    /// Least length; `0` when the model sets none.
    pub min_length: usize,
    /// Greatest length; `None` when the model sets none.
    pub max_length: Option<usize>,
    /// The pattern the whole value must match, if any.
    pub pattern: Option<Pattern>,
    /// Whether values of this shape are secret: never printed by the service
    /// (`Value at '…'`) nor by this library.
    pub sensitive: bool,
}

/// `AttributeNameType` under the legacy pattern: 1..=32, `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`.
pub const ATTRIBUTE_NAME_LEGACY: StringShape = StringShape {
    model_name: "AttributeNameType",
    min_length: 1,
    max_length: Some(32),
    pattern: Some(Pattern::LegacyName),
    sensitive: false,
};

/// `AttributeNameType` under the current pattern: 1..=32, white space admitted.
pub const ATTRIBUTE_NAME_CURRENT: StringShape = StringShape {
    pattern: Some(Pattern::CurrentName),
    ..ATTRIBUTE_NAME_LEGACY
};

/// `AttributeValueType`: 0..=2048, no pattern, sensitive.
pub const ATTRIBUTE_VALUE: StringShape = StringShape {
    model_name: "AttributeValueType",
    min_length: 0,
    max_length: Some(2048),
    pattern: None,
    sensitive: true,
};

/// `TokenModelType`: `[A-Za-z0-9-_=.]+`, no length limit, sensitive.
pub const ACCESS_TOKEN: StringShape = StringShape {
    model_name: "TokenModelType",
    min_length: 0,
    max_length: None,
    pattern: Some(Pattern::Token),
    sensitive: true,
};

/// `StringType`, the keys and values of `ClientMetadata`: 0..=131072.
pub const CLIENT_METADATA_STRING: StringShape = StringShape {
    model_name: "StringType",
    min_length: 0,
    max_length: Some(131_072),
    pattern: None,
    sensitive: false,
};

/// One way a value breaks its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Violation {
    /// Fewer scalar values than `min`.
    TooShort {
        /// The least length allowed.
        min: usize,
        /// The measured length, in scalar values.
        actual: usize,
    },
    /// More scalar values than `max`.
    TooLong {
        /// The greatest length allowed.
        max: usize,
        /// The measured length, in scalar values.
        actual: usize,
    },
    /// The value does not match the pattern as a whole.
    Pattern(Pattern),
}

/// The violations of one value, at most one length item and one pattern item,
/// in the order the service lists them (length first).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Violations {
    length: Option<Violation>,
    pattern: Option<Violation>,
}

impl Violations {
    /// Whether the value satisfied its shape.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.length.is_none() && self.pattern.is_none()
    }

    /// The violations, length item first.
    pub fn iter(&self) -> impl Iterator<Item = Violation> + '_ {
        self.length.iter().chain(self.pattern.iter()).copied()
    }
}

impl StringShape {
    /// Checks `s` against the shape. Allocation-free; the length is counted in
    /// scalar values only when the byte length cannot settle it.
    // Always inlined: the callers pass constant shapes, and the limits and
    // pattern then fold away.
    #[inline(always)]
    pub fn check(&self, s: &str) -> Violations {
        let mut v = Violations::default();
        let bytes = s.len();
        // A string of n bytes holds between ceil(n/4) and n scalar values.
        if bytes < self.min_length {
            let actual = chars::scalar_count(s);
            if actual < self.min_length {
                v.length = Some(Violation::TooShort {
                    min: self.min_length,
                    actual,
                });
            }
        }
        if let Some(max) = self.max_length {
            if bytes > max {
                let actual = chars::scalar_count(s);
                if actual > max {
                    v.length = Some(Violation::TooLong { max, actual });
                }
            }
        }
        if let Some(p) = self.pattern {
            if !p.is_match(s) {
                v.pattern = Some(Violation::Pattern(p));
            }
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_name_breaks_length_then_pattern() {
        let v: Vec<_> = ATTRIBUTE_NAME_LEGACY.check("").iter().collect();
        assert_eq!(
            v,
            [
                Violation::TooShort { min: 1, actual: 0 },
                Violation::Pattern(Pattern::LegacyName)
            ]
        );
    }

    #[test]
    fn name_length_counts_scalar_values() {
        let thumbs32 = "👍".repeat(32);
        assert!(ATTRIBUTE_NAME_LEGACY.check(&thumbs32).is_empty());
        let thumbs33 = "👍".repeat(33);
        assert_eq!(
            ATTRIBUTE_NAME_LEGACY
                .check(&thumbs33)
                .iter()
                .collect::<Vec<_>>(),
            [Violation::TooLong {
                max: 32,
                actual: 33
            }]
        );
    }
}
