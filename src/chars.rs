//! Character classes of the model's patterns, checked without a regex engine.
//!
//! The service writes its patterns as regular expressions; checking them with a
//! regex engine costs a DFA walk per byte and, for `\p{..}`, large tables. Every
//! pattern here is a single character class repeated (`[...]+`), so a match is
//! "every scalar value is in the class". ASCII is answered by a 128-entry table;
//! anything else goes to `unicode-general-category`. A test in
//! `tests/unicode_exhaustive.rs` walks every scalar value and checks this module
//! against the `regex` crate for each pattern.

use std::sync::atomic::{AtomicU64, Ordering};

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

/// Whether a non-ASCII scalar value is in the name classes, through a cache
/// of planes 0 and 1 (the BMP, and emoji among others) filled one block of 64 code points at a
/// time on first use: a bit test instead of a search of the category tables.
/// No allocation, no lock: racing threads compute and store the same bits.
#[inline]
fn is_lmsnp_cached(cp: u32) -> bool {
    let cp = cp as usize;
    if cp >= CACHED {
        return char::from_u32(cp as u32).is_some_and(is_lmsnp);
    }
    let block = cp / 64;
    let filled = FILLED[block / 64].load(Ordering::Acquire) & (1 << (block % 64)) != 0;
    let bits = if filled {
        CACHE[block].load(Ordering::Relaxed)
    } else {
        fill_block(block)
    };
    bits & (1 << (cp % 64)) != 0
}

/// Code points below this are cached: planes 0 and 1, 16 KiB of bits.
const CACHED: usize = 0x2_0000;

/// Blocks of 64 code points in the cache.
const BLOCKS: usize = CACHED / 64;

/// Bit `b % 64` of word `b / 64` is set once block `b` of [`CACHE`] is filled.
static FILLED: [AtomicU64; BLOCKS / 64] = [const { AtomicU64::new(0) }; BLOCKS / 64];

/// Bit `c % 64` of word `c / 64` is set when code point `c` is in
/// `[\p{L}\p{M}\p{S}\p{N}\p{P}]` (valid once the block is marked filled).
static CACHE: [AtomicU64; BLOCKS] = [const { AtomicU64::new(0) }; BLOCKS];

#[cold]
fn fill_block(block: usize) -> u64 {
    let mut bits = 0u64;
    for i in 0..64 {
        // Surrogates are not scalar values and stay 0; no `str` holds them.
        if char::from_u32((block * 64 + i) as u32).is_some_and(is_lmsnp) {
            bits |= 1 << i;
        }
    }
    CACHE[block].store(bits, Ordering::Relaxed);
    // Release: whoever sees the flag (with Acquire) sees the bits.
    FILLED[block / 64].fetch_or(1 << (block % 64), Ordering::Release);
    bits
}

// The ASCII classes again, as branch-free arithmetic rather than table
// lookups, so that loops over them compile to SIMD compares (SSE2 at least)
// and take 16 bytes per step. A test checks each against the table.

/// `b` is in the legacy name class: visible ASCII, U+0021..U+007E.
#[inline(always)]
const fn is_legacy_ascii(b: u8) -> bool {
    b.wrapping_sub(0x21) < 0x5e
}

/// `b` is in the current name class: visible ASCII, space, `\t`, `\n`, `\r`.
#[inline(always)]
const fn is_current_ascii(b: u8) -> bool {
    (b.wrapping_sub(0x20) < 0x5f) | (b == b'\t') | (b == b'\n') | (b == b'\r')
}

/// `b` is in the token alphabet `[A-Za-z0-9-_=.]`.
#[inline(always)]
pub(crate) const fn is_token_byte(b: u8) -> bool {
    // Setting bit 5 maps exactly the ASCII letters onto `a..=z`.
    ((b | 0x20).wrapping_sub(b'a') < 26)
        | (b.wrapping_sub(b'0') < 10)
        | (b == b'-')
        | (b == b'_')
        | (b == b'=')
        | (b == b'.')
}

/// `b` may stand unescaped in a JSON string and does not end one: not `"`,
/// not `\\`, not a control character below U+0020.
#[inline(always)]
const fn is_json_plain(b: u8) -> bool {
    (b >= 0x20) & (b != b'"') & (b != b'\\')
}

/// The length of the longest prefix of `bytes` whose bytes all satisfy
/// `f`. Whole chunks of 16 bytes are tested without early exit (which lets
/// the compiler vectorise the test); the chunk that fails, and the tail, go
/// byte by byte.
#[inline(always)]
fn prefix_len(bytes: &[u8], f: impl Fn(u8) -> bool) -> usize {
    let mut i = 0;
    for chunk in bytes.chunks_exact(16) {
        if !chunk.iter().fold(true, |ok, &b| ok & f(b)) {
            break;
        }
        i += 16;
    }
    while i < bytes.len() && f(bytes[i]) {
        i += 1;
    }
    i
}

/// `0x01` in every byte of a word.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// `0x80` in every byte of a word.
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The high bit of each byte of `w` that is zero is set, and possibly of
/// bytes after (in memory order) the first zero byte, never before it.
#[inline(always)]
const fn zero_bytes(w: u64) -> u64 {
    w.wrapping_sub(ONES) & !w & HIGHS
}

/// How many bytes from the start of `bytes` can stand in a JSON string
/// before one that ends it or needs a closer look (`"`, `\\`, a control).
///
/// Eight bytes per step, as one word: a byte is flagged when it equals `"`,
/// equals `\\` or is below 0x20. Flags after the first true one may be
/// wrong (borrows run upward), so only the lowest is used.
#[inline]
pub(crate) fn json_plain_len(bytes: &[u8]) -> usize {
    let mut words = bytes.chunks_exact(8);
    let mut i = 0;
    for word in &mut words {
        let mut a = [0u8; 8];
        a.copy_from_slice(word);
        // Little-endian, so the lowest flag is the first byte in memory.
        let w = u64::from_le_bytes(a);
        let stop = zero_bytes(w ^ (ONES * u64::from(b'"')))
            | zero_bytes(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGHS);
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + prefix_len(words.remainder(), is_json_plain)
}

/// How many bytes from the start of `bytes` are in the token alphabet.
#[inline]
pub(crate) fn token_len(bytes: &[u8]) -> usize {
    prefix_len(bytes, is_token_byte)
}

/// Whether every scalar value of `s` is in the class named by `bit`, with
/// non-ASCII scalar values decided by [`is_lmsnp`] when `unicode` is true and
/// refused otherwise. The empty string passes: the `+` is the caller's business.
#[inline]
fn all_in(s: &str, bit: u8, unicode: bool) -> bool {
    let bytes = s.as_bytes();
    let i = match bit {
        LEGACY => prefix_len(bytes, is_legacy_ascii),
        CURRENT => prefix_len(bytes, is_current_ascii),
        _ => prefix_len(bytes, is_token_byte),
    };
    match bytes.get(i) {
        None => true,
        // An ASCII byte outside the class, or a non-ASCII one where none may be.
        Some(&b) if b < 0x80 || !unicode => false,
        // Every byte before `i` is ASCII, so `i` starts a scalar value.
        Some(_) => rest_in(&bytes[i..], bit),
    }
}

/// Whether every scalar value of `bytes`, which is valid UTF-8 (a `str`
/// or the tail of one starting at a scalar value), is in the class `bit`,
/// non-ASCII ones deciding by [`is_lmsnp_cached`].
///
/// Decodes by hand: the input is known to be valid, so the lead byte alone
/// gives the length and no check of the continuation bytes is needed. Kept
/// out of line so that the ASCII path, and the shape checks around it, stay
/// small enough to inline into the parser.
#[inline(never)]
fn rest_in(mut bytes: &[u8], bit: u8) -> bool {
    // Continuation bits of a byte.
    let c = |b: u8| u32::from(b & 0x3f);
    loop {
        let (ok, n) = match *bytes {
            [] => return true,
            [b, ..] if b < 0x80 => (ASCII[b as usize] & bit != 0, 1),
            [b, b1, ..] if b < 0xe0 => (is_lmsnp_cached(u32::from(b & 0x1f) << 6 | c(b1)), 2),
            [b, b1, b2, ..] if b < 0xf0 => (
                is_lmsnp_cached(u32::from(b & 0x0f) << 12 | c(b1) << 6 | c(b2)),
                3,
            ),
            [b, b1, b2, b3, ..] => (
                is_lmsnp_cached(u32::from(b & 0x07) << 18 | c(b1) << 12 | c(b2) << 6 | c(b3)),
                4,
            ),
            // Not reached for valid UTF-8; refusing is the safe answer.
            _ => return false,
        };
        if !ok {
            return false;
        }
        bytes = &bytes[n..];
    }
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
    // std counts a word at a time.
    s.chars().count()
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
    fn branch_free_classes_match_the_table() {
        for b in 0u8..=255 {
            let t = |bit: u8| b < 0x80 && ASCII[b as usize] & bit != 0;
            assert_eq!(is_legacy_ascii(b), t(LEGACY), "{b:#x}");
            assert_eq!(is_current_ascii(b), t(CURRENT), "{b:#x}");
            assert_eq!(is_token_byte(b), t(TOKEN), "{b:#x}");
            assert_eq!(
                is_json_plain(b),
                b >= 0x20 && b != b'"' && b != b'\\',
                "{b:#x}"
            );
        }
    }

    #[test]
    fn prefix_lengths_stop_at_the_first_outsider_in_any_chunk_position() {
        // Every length up to 3 chunks, with the outsider at every position.
        for len in 0..48 {
            let token = "a".repeat(len);
            assert_eq!(token_len(token.as_bytes()), len);
            assert_eq!(json_plain_len(token.as_bytes()), len);
            for at in 0..len {
                let mut t = token.clone().into_bytes();
                t[at] = b'+';
                assert_eq!(token_len(&t), at, "token {len} {at}");
                assert!(!all_token(std::str::from_utf8(&t).unwrap()));
                t[at] = b'"';
                assert_eq!(json_plain_len(&t), at, "plain {len} {at}");
                t[at] = b' ';
                assert!(!all_legacy_name(std::str::from_utf8(&t).unwrap()));
                assert!(all_current_name(std::str::from_utf8(&t).unwrap()));
                t[at] = 0x1f;
                assert_eq!(json_plain_len(&t), at, "control {len} {at}");
            }
        }
        // Non-ASCII after a long ASCII run goes to the Unicode check.
        let s = format!("{}é{}", "a".repeat(20), "b".repeat(20));
        assert!(all_legacy_name(&s));
        assert!(!all_token(&s));
        let s = format!("{}\u{a0}{}", "a".repeat(20), "b".repeat(20));
        assert!(!all_legacy_name(&s));
    }

    #[test]
    fn word_scan_agrees_with_the_byte_rule() {
        let naive = |b: &[u8]| b.iter().take_while(|&&c| is_json_plain(c)).count();
        // Every byte value at every offset of a 24-byte run, after runs of
        // bytes that could leave a borrow (0x00 is a stop itself).
        for fill in [b'a', 0x80, 0xff, 0x20, 0x21, 0x5d, 0x23] {
            for at in 0..24 {
                for b in 0u8..=255 {
                    let mut buf = vec![fill; 24];
                    buf[at] = b;
                    assert_eq!(json_plain_len(&buf), naive(&buf), "{fill:#x} {at} {b:#x}");
                }
            }
        }
        // Pseudo-random buffers with stops now and then.
        let mut x: u32 = 1;
        for _ in 0..20_000 {
            let len = (x >> 27) as usize;
            let buf: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                    match x >> 29 {
                        0 => [b'"', b'\\', 0x00, 0x1f][(x >> 8) as usize % 4],
                        _ => (x >> 12) as u8,
                    }
                })
                .collect();
            assert_eq!(json_plain_len(&buf), naive(&buf), "{buf:?}");
        }
    }

    #[test]
    fn the_cache_agrees_with_the_category_tables() {
        // Twice: the first pass fills blocks, the second reads them.
        for _ in 0..2 {
            for c in ('\u{80}'..='\u{2FFFF}').chain(['\u{10FFFF}', '\u{E0001}']) {
                assert_eq!(is_lmsnp_cached(c as u32), is_lmsnp(c), "U+{:04X}", c as u32);
                // And through the decoder, after an ASCII letter.
                let s = format!("a{c}");
                assert_eq!(all_legacy_name(&s), is_lmsnp(c), "U+{:04X}", c as u32);
            }
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
