//! Character classes of the model's patterns, checked without a regex engine.
//!
//! The service writes its patterns as regular expressions; checking them with a
//! regex engine costs a DFA walk per byte and, for `\p{..}`, large tables. Every
//! pattern here is a single character class repeated (`[...]+`), so a match is
//! "every scalar value is in the class". ASCII is answered by a 128-entry table;
//! anything else goes to `unicode-general-category`. A test in
//! `tests/unicode_exhaustive.rs` walks every scalar value and checks this module
//! against the `regex` crate for each pattern.

use unicode_general_category::{get_general_category, GeneralCategory as G};

/// Bit for the legacy name class `[\p{L}\p{M}\p{S}\p{N}\p{P}]`.
const LEGACY: u8 = 1;
/// Bit for the current name class: legacy plus `\t`, `\n`, `\r` and space.
const CURRENT: u8 = 2;
/// Bit for the token class `[A-Za-z0-9-_=.]`.
const TOKEN: u8 = 4;

/// Membership of each ASCII byte in each class.
static ASCII: [u8; 128] = build_ascii_table();

const fn build_ascii_table() -> [u8; 128] {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        // Every visible ASCII character (U+0021..U+007E) is a letter, digit,
        // punctuation or symbol; space is Zs and the rest are controls (Cc).
        if b >= 0x21 && b <= 0x7e {
            t[b] = LEGACY | CURRENT;
        }
        if b == b'\t' as usize || b == b'\n' as usize || b == b'\r' as usize || b == b' ' as usize {
            t[b] = CURRENT;
        }
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'=' || c == b'.' {
            t[b] |= TOKEN;
        }
        b += 1;
    }
    t
}

/// Whether a non-ASCII scalar value is a letter, mark, symbol, number or punctuation.
#[inline]
pub(crate) fn is_lmsnp(c: char) -> bool {
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::NonspacingMark
            | G::SpacingMark
            | G::EnclosingMark
            | G::MathSymbol
            | G::CurrencySymbol
            | G::ModifierSymbol
            | G::OtherSymbol
            | G::DecimalNumber
            | G::LetterNumber
            | G::OtherNumber
            | G::ConnectorPunctuation
            | G::DashPunctuation
            | G::OpenPunctuation
            | G::ClosePunctuation
            | G::InitialPunctuation
            | G::FinalPunctuation
            | G::OtherPunctuation
    )
}

/// Whether every scalar value of `s` is in the class named by `bit`, with
/// non-ASCII scalar values decided by [`is_lmsnp`] when `unicode` is true and
/// refused otherwise. The empty string passes: the `+` is the caller's business.
#[inline]
fn all_in(s: &str, bit: u8, unicode: bool) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if ASCII[b as usize] & bit == 0 {
                return false;
            }
            i += 1;
        } else {
            if !unicode {
                return false;
            }
            // `s` is a `str`, so a non-ASCII lead byte starts a whole scalar
            // value; decode from here and finish the rest char by char.
            return s[i..].chars().all(|c| {
                if c.is_ascii() {
                    ASCII[c as usize] & bit != 0
                } else {
                    is_lmsnp(c)
                }
            });
        }
    }
    true
}

/// `[\p{L}\p{M}\p{S}\p{N}\p{P}]*` on the whole of `s`.
#[inline]
pub(crate) fn all_legacy_name(s: &str) -> bool {
    all_in(s, LEGACY, true)
}

/// `[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r ]*` on the whole of `s`.
#[inline]
pub(crate) fn all_current_name(s: &str) -> bool {
    all_in(s, CURRENT, true)
}

/// `[A-Za-z0-9-_=.]*` on the whole of `s`.
#[inline]
pub(crate) fn all_token(s: &str) -> bool {
    all_in(s, TOKEN, false)
}

/// Number of Unicode scalar values in `s`, which is how Smithy's `@length`
/// counts. Only called when the byte length alone cannot settle a limit.
#[inline]
pub(crate) fn scalar_count(s: &str) -> usize {
    // Every scalar value has exactly one byte that is not a continuation byte.
    s.as_bytes().iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_table_matches_the_classes_by_hand() {
        for b in 0u8..128 {
            let c = b as char;
            let s = c.to_string();
            let visible = c.is_ascii_graphic();
            assert_eq!(all_legacy_name(&s), visible, "{b:#x}");
            assert_eq!(
                all_current_name(&s),
                visible || matches!(c, '\t' | '\n' | '\r' | ' '),
                "{b:#x}"
            );
            assert_eq!(
                all_token(&s),
                c.is_ascii_alphanumeric() || "-_=.".contains(c),
                "{b:#x}"
            );
        }
    }

    #[test]
    fn token_alphabet_has_66_characters() {
        let n = (0u8..128)
            .filter(|&b| all_token(&(b as char).to_string()))
            .count();
        assert_eq!(n, 66);
    }

    #[test]
    fn scalar_count_counts_code_points() {
        assert_eq!(scalar_count(""), 0);
        assert_eq!(scalar_count("abc"), 3);
        assert_eq!(scalar_count("é"), 1);
        assert_eq!(scalar_count("e\u{301}"), 2);
        assert_eq!(scalar_count("👍"), 1);
    }
}
