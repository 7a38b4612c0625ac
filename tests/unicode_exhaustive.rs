//! `Pattern::is_match` against the `regex` crate, for every Unicode scalar
//! value and for a few hundred mixed strings (reference section 2, "Matching
//! semantics" and "Length and Unicode").
//!
//! The library decides its character classes without a regex engine; these
//! tests build the regular expression from the very text the library prints
//! (`Pattern::as_str`), anchor it, and require both to give the same answer.

use cognito_validate::shape::Pattern;
use regex::Regex;

const PATTERNS: [Pattern; 3] = [Pattern::LegacyName, Pattern::CurrentName, Pattern::Token];

/// Number of Unicode scalar values: U+0000..=U+10FFFF without the 2,048 surrogates.
const SCALAR_VALUES: usize = 0x11_0000 - 0x800;

/// The pattern as AWS prints it, anchored so that it matches the whole value.
fn anchored(p: Pattern) -> Regex {
    Regex::new(&format!("^(?:{})$", p.as_str())).expect("the model's pattern compiles")
}

#[test]
fn every_scalar_value_agrees_with_regex() {
    let engines: Vec<(Pattern, Regex)> = PATTERNS.iter().map(|&p| (p, anchored(p))).collect();
    let mut buf = [0u8; 4];
    let mut checked = 0usize;
    let mut accepted = [0usize; 3];
    let mut disagreements: Vec<(Pattern, char, bool, bool)> = Vec::new();
    // `char::from_u32` refuses the surrogates, so this is exactly the scalar values.
    for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
        let s: &str = c.encode_utf8(&mut buf);
        checked += 1;
        for (i, (p, re)) in engines.iter().enumerate() {
            let ours = p.is_match(s);
            let theirs = re.is_match(s);
            accepted[i] += usize::from(ours);
            if ours != theirs && disagreements.len() < 20 {
                disagreements.push((*p, c, ours, theirs));
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "is_match and regex disagree (pattern, char, ours, regex): {disagreements:?}"
    );
    assert_eq!(checked, SCALAR_VALUES);
    assert_eq!(checked, 1_112_064);
    // The current class is the legacy class plus exactly four ASCII characters,
    // and the token alphabet has 66 characters (reference section 2).
    assert_eq!(
        accepted[1],
        accepted[0] + 4,
        "current = legacy + \\t\\n\\r and space"
    );
    assert_eq!(accepted[2], 66, "token alphabet size");
    // A sanity bound: L, M, S, N and P hold well over 100,000 code points in
    // any recent Unicode version, and far fewer than all scalar values.
    assert!(
        (100_000..SCALAR_VALUES / 2).contains(&accepted[0]),
        "legacy class size {}",
        accepted[0]
    );
}

#[test]
fn spot_checks_from_the_reference() {
    let legacy = anchored(Pattern::LegacyName);
    let current = anchored(Pattern::CurrentName);
    let token = anchored(Pattern::Token);

    // Refused by the legacy pattern: space (Zs), tab (Cc), NBSP (Zs), ZWSP (Cf).
    for s in [" ", "\t", "\u{A0}", "\u{200B}", "\n", "\r"] {
        assert!(!Pattern::LegacyName.is_match(s), "legacy accepted {s:?}");
        assert!(!legacy.is_match(s), "legacy regex accepted {s:?}");
    }
    // Tab, LF, CR and space are what the current pattern adds.
    for s in ["\t", "\n", "\r", " ", "a b", "given name\r\n"] {
        assert!(Pattern::CurrentName.is_match(s), "current refused {s:?}");
        assert!(current.is_match(s), "current regex refused {s:?}");
    }
    // NBSP and ZWSP stay refused by the current pattern too.
    for s in ["\u{A0}", "\u{200B}", "\u{B}", "\u{C}"] {
        assert!(!Pattern::CurrentName.is_match(s), "current accepted {s:?}");
    }
    // Letters, symbols and marks pass both name patterns.
    for s in ["é", "👍", "\u{301}", "e\u{301}", "custom:x", "$"] {
        for p in [Pattern::LegacyName, Pattern::CurrentName] {
            assert!(p.is_match(s), "{p:?} refused {s:?}");
        }
        assert!(
            legacy.is_match(s) && current.is_match(s),
            "regex refused {s:?}"
        );
    }
    // Whole-value matching: a search would find a match inside these.
    assert!(!Pattern::LegacyName.is_match("a b"));
    assert!(!Pattern::LegacyName.is_match("abc\n"));
    assert!(!Pattern::Token.is_match("a b"));
    assert!(!Pattern::Token.is_match("abc+"));
    assert!(!token.is_match("abc+"));
    // The `-` after `0-9` is a literal hyphen, not a range.
    assert!(Pattern::Token.is_match("-"));
    assert!(token.is_match("-"));
    assert!(Pattern::Token.is_match("eyJ0-_=.Zz9"));
    // The empty string fails every pattern (`+`).
    for p in PATTERNS {
        assert!(!p.is_match(""), "{p:?} accepted the empty string");
    }
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        // `n` is small; the bias of a plain modulo does not matter here.
        (self.next() % n as u64) as usize
    }
}

/// `POOL[..TOKEN_END]` is the token alphabet's share of the pool.
const TOKEN_END: usize = 8;
/// `POOL[..NAME_END]` is accepted by both name patterns.
const NAME_END: usize = 21;

/// Characters to build strings from: each accepted by some patterns and
/// refused by others, ASCII and not, one to four UTF-8 bytes.
const POOL: &[char] = &[
    // token and both name patterns
    'a',
    'Z',
    '0',
    '9',
    '-',
    '_',
    '=',
    '.',
    // both name patterns, not the token
    '+',
    '/',
    '$',
    ':',
    '@',
    '~',
    'é',
    'ß',
    '中',
    '€',
    '👍',
    '\u{301}',
    '\u{1D400}',
    // the current name pattern only
    ' ',
    '\t',
    '\n',
    '\r',
    // no pattern: controls, other spaces, format, private use, unassigned, noncharacter
    '\0',
    '\u{7F}',
    '\u{85}',
    '\u{A0}',
    '\u{200B}',
    '\u{2028}',
    '\u{3000}',
    '\u{FEFF}',
    '\u{E000}',
    '\u{10FFFD}',
    '\u{378}',
    '\u{FFFF}',
    '\u{10FFFF}',
    '\u{E0001}',
];

#[test]
fn mixed_strings_agree_with_regex() {
    let engines: Vec<(Pattern, Regex)> = PATTERNS.iter().map(|&p| (p, anchored(p))).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut accepted = [0usize; 3];
    let mut refused = [0usize; 3];
    let mut s = String::new();
    const STRINGS: usize = 600;
    // The pool is split the way the comments say (checked with regex alone).
    let one = |re: &Regex, c: &char| re.is_match(c.encode_utf8(&mut [0; 4]));
    let (legacy, token) = (&engines[0].1, &engines[2].1);
    assert!(POOL[..TOKEN_END].iter().all(|c| one(token, c)));
    assert!(!POOL[TOKEN_END..].iter().any(|c| one(token, c)));
    assert!(POOL[..NAME_END].iter().all(|c| one(legacy, c)));
    assert!(!POOL[NAME_END..].iter().any(|c| one(legacy, c)));
    for n in 0..STRINGS {
        s.clear();
        let len = rng.below(40);
        // A third of the strings draw only from the token alphabet, a third
        // from the name characters, so that every pattern also sees matches.
        let limit = match n % 3 {
            0 => TOKEN_END,
            1 => NAME_END,
            _ => POOL.len(),
        };
        for _ in 0..len {
            s.push(POOL[rng.below(limit)]);
        }
        // Now and then, put one outsider at the start or the end, where an
        // unanchored or badly anchored pattern would let it through.
        if n % 7 == 0 && !s.is_empty() {
            let outsider = POOL[NAME_END + rng.below(POOL.len() - NAME_END)];
            if rng.below(2) == 0 {
                s.insert(0, outsider);
            } else {
                s.push(outsider);
            }
        }
        for (i, (p, re)) in engines.iter().enumerate() {
            let ours = p.is_match(&s);
            assert_eq!(ours, re.is_match(&s), "{p:?} on {s:?}");
            if ours {
                accepted[i] += 1;
            } else {
                refused[i] += 1;
            }
        }
    }
    // Each pattern must have seen both answers, or the comparison proves little.
    for (i, p) in PATTERNS.iter().enumerate() {
        assert!(
            accepted[i] >= 50 && refused[i] >= 50,
            "{p:?}: {} accepted, {} refused",
            accepted[i],
            refused[i]
        );
    }
}
