//! The JSON Schemas under `schemas/` and the library's phase-one verdict agree
//! on 100,000 generated requests.
//!
//! Each request is JSON text built by a small seeded generator, valid and
//! invalid in every way the shapes allow: names of every length around 32
//! (ASCII, astral, combining marks, every admitted category), empty names,
//! white space in names under both patterns, characters no pattern admits,
//! tokens with `+`, `/`, space, newline, or empty, values around 2048
//! characters counted in code points, metadata keys and values around 131072,
//! members missing, `null` or of another type, unknown members, keys and
//! strings written with `\u` escapes, white space between tokens. Every other
//! request uses the current name pattern (and its schema file).
//!
//! For each, the `jsonschema` crate (validator built once per schema file,
//! instance parsed with `serde_json`) and `validate_json` with
//! [`Options::phase_one_only`] must both accept or both refuse. A disagreement
//! prints the request.
//!
//! Not generated, because a JSON Schema cannot say them or `serde_json` does
//! not keep them:
//! - repeated keys (J005): `serde_json::Value` keeps the last one silently;
//! - text that is not JSON (J001), not UTF-8 (J002), a lone surrogate escape
//!   (J003) or has something after the object (J004): no instance to validate;
//! - the library's own bounds on hostile input, size (J007) and depth (J008):
//!   requests stay below 1 MiB and nest at most 4 deep;
//! - numbers outside `f64` (which `serde_json` refuses without
//!   `arbitrary_precision`): only small numbers appear;
//! - phase-two business rules, which need a user pool.
//!
//! `DIFF_SCHEMA_CASES` and `DIFF_SCHEMA_SEED` override the count and the seed.

use std::fmt::Write as _;
use std::time::Instant;

use cognito_validate::shape::{ATTRIBUTE_NAME_LEGACY, ATTRIBUTE_VALUE, CLIENT_METADATA_STRING};
use cognito_validate::{validate_json, NamePattern, Options};
use jsonschema::Validator;
use serde_json::Value;

const DEFAULT_CASES: u64 = 100_000;
const DEFAULT_SEED: u64 = 0x5eed_c061_1170;

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `pct` times in 100.
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    /// Any scalar value, uniformly.
    fn scalar(&mut self) -> char {
        loop {
            if let Some(c) = char::from_u32((self.next() % 0x11_0000) as u32) {
                return c;
            }
        }
    }
}

/// Characters both name patterns admit, one or more of every admitted
/// category (Lu Ll Lt Lm Lo Mn Mc Me Sm Sc Sk So Nd Nl No Pc Pd Ps Pe Pi Pf
/// Po), astral ones included.
const ADMITTED: &[char] = &[
    'a',
    'z',
    'A',
    'Z',
    '0',
    '9',
    '_',
    ':',
    '-',
    '.',
    '@',
    '+',
    '!',
    '~',
    '$',
    'é',
    'ß',
    'Ǆ',
    'ʰ',
    '中',
    '\u{301}',
    '\u{903}',
    '\u{20DD}',
    '∑',
    '€',
    '^',
    '©',
    '٣',
    'Ⅻ',
    '½',
    '‿',
    '—',
    '(',
    ')',
    '«',
    '»',
    '¡',
    '👍',
    '𝒜',
    '𐐀',
    '𠀀',
    '\u{1F3FB}',
    '\u{E0100}',
    '\u{1D165}',
    '\u{1F1E6}',
    '\u{10FFFD}',
];
/// Mostly astral characters and combining marks: 4 bytes, 2 UTF-16 units,
/// 1 code point each.
const WIDE: &[char] = &[
    '👍',
    '𝒜',
    '𐐀',
    '𠀀',
    '\u{E0100}',
    '\u{1D165}',
    '\u{301}',
    '\u{20DD}',
];
/// The white space the current pattern adds.
const WHITE: &[char] = &[' ', '\t', '\n', '\r'];
/// Characters no name pattern admits: separators, controls, format,
/// private use, unassigned, noncharacters.
const REFUSED: &[char] = &[
    '\u{A0}',
    '\u{200B}',
    '\u{2028}',
    '\u{2029}',
    '\u{3000}',
    '\0',
    '\u{7F}',
    '\u{1F}',
    '\u{85}',
    '\u{AD}',
    '\u{FEFF}',
    '\u{E000}',
    '\u{378}',
    '\u{FFFF}',
    '\u{E0001}',
    '\u{F0000}',
    '\u{1BCA0}',
    '\u{0B}',
    '\u{0C}',
];
/// Characters outside the token alphabet.
const NOT_TOKEN: &[char] = &[
    '+', '/', ' ', '\n', '\t', '%', 'é', '\\', '"', '~', '\0', '👍', ',', ':', '\r',
];
const TOKEN: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=.";

/// Values of each JSON type but `null`, by type.
const NUMBERS: &[&str] = &["0", "-1", "1.5e3", "42", "-0.0"];
const BOOLEANS: &[&str] = &["true", "false"];
const STRINGS: &[&str] = &["\"x\"", "\"\"", "\"42\""];
const ARRAYS: &[&str] = &["[]", "[1,\"a\"]", "[{\"Name\":\"email\"}]"];
const OBJECTS: &[&str] = &[
    "{}",
    "{\"k\":\"v\"}",
    "{\"Name\":\"email\",\"Value\":\"x\"}",
];

#[derive(Clone, Copy, PartialEq)]
enum Type {
    String,
    Array,
    Object,
}

/// JSON text of any type but `null` and `not`.
fn wrong(rng: &mut Rng, not: Type) -> &'static str {
    loop {
        let (t, xs) = match rng.below(5) {
            0 => (None, NUMBERS),
            1 => (None, BOOLEANS),
            2 => (Some(Type::String), STRINGS),
            3 => (Some(Type::Array), ARRAYS),
            _ => (Some(Type::Object), OBJECTS),
        };
        if t != Some(not) {
            return rng.pick(xs);
        }
    }
}

/// Writes JSON text with random but valid spelling.
struct Writer<'r> {
    rng: &'r mut Rng,
    out: String,
}

impl Writer<'_> {
    /// White space between tokens, now and then.
    fn ws(&mut self) {
        if self.rng.chance(8) {
            let w = self.rng.pick(&[" ", "\n", "\t", "\r\n", "  "]);
            self.out.push_str(w);
        }
    }

    /// A JSON string: controls, `"` and `\` escaped; other characters
    /// sometimes escaped as `\uXXXX` (surrogate pairs for astral ones) when
    /// the string is short enough for that not to matter to the size.
    fn string(&mut self, s: &str) {
        let may_escape = s.len() <= 4096 && self.rng.chance(30);
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\u{8}' if self.rng.chance(50) => self.out.push_str("\\b"),
                '\u{C}' if self.rng.chance(50) => self.out.push_str("\\f"),
                '\n' if self.rng.chance(50) => self.out.push_str("\\n"),
                '\r' if self.rng.chance(50) => self.out.push_str("\\r"),
                '\t' if self.rng.chance(50) => self.out.push_str("\\t"),
                '/' if may_escape && self.rng.chance(30) => self.out.push_str("\\/"),
                c if (c as u32) < 0x20 || (may_escape && self.rng.chance(15)) => {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        if self.rng.chance(50) {
                            let _ = write!(self.out, "\\u{:04x}", u);
                        } else {
                            let _ = write!(self.out, "\\u{:04X}", u);
                        }
                    }
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    /// An object of members given as (key, JSON text of the value).
    fn object(&mut self, members: &mut [(String, String)]) {
        // Shuffle: members come in any order.
        for i in (1..members.len()).rev() {
            let j = self.rng.below(i + 1);
            members.swap(i, j);
        }
        self.out.push('{');
        for (i, (k, v)) in members.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.ws();
            self.string(k);
            self.ws();
            self.out.push(':');
            self.ws();
            self.out.push_str(v);
            self.ws();
        }
        self.out.push('}');
    }
}

/// What was generated, to check that the mix is as wide as intended.
#[derive(Default, Debug)]
struct Tally {
    /// Names by length in code points.
    names: std::collections::BTreeMap<usize, u64>,
    empty_names: u64,
    white_names: [u64; 2],
    refused_names: u64,
    wide_names: u64,
    bad_tokens: u64,
    empty_tokens: u64,
    values_at: [u64; 4],
    long_metadata: u64,
    missing: u64,
    wrong_types: u64,
    unknown: u64,
}

struct Gen<'r> {
    rng: &'r mut Rng,
    tally: &'r mut Tally,
    /// Whether this request already holds a string of 131072-odd characters.
    long_used: bool,
    /// The current pattern's index in `white_names`.
    current: usize,
    /// Whether to make only choices the shapes allow (a third of the
    /// requests), so that valid requests are common, boundaries included.
    clean: bool,
}

impl Gen<'_> {
    /// JSON text of a string.
    fn json_string(&mut self, s: &str) -> String {
        let mut w = Writer {
            rng: self.rng,
            out: String::with_capacity(s.len() + 2),
        };
        w.string(s);
        w.out
    }

    fn object(&mut self, members: &mut [(String, String)]) -> String {
        let mut w = Writer {
            rng: self.rng,
            out: String::new(),
        };
        w.object(members);
        w.out
    }

    fn name(&mut self) -> String {
        let max = ATTRIBUTE_NAME_LEGACY.max_length.expect("a maximum");
        let len = match self.rng.below(20) {
            0 if self.clean => 1,
            0 => 0,
            1 => 1,
            2..=4 => max - 1,
            5..=7 => max,
            8..=11 if self.clean => max,
            8..=10 => max + 1,
            11 => max + 2 + self.rng.below(8),
            _ if self.clean => 1 + self.rng.below(max),
            _ => 1 + self.rng.below(max + 2),
        };
        let mode = if self.clean {
            self.rng.below(80)
        } else {
            self.rng.below(100)
        };
        let mut chars: Vec<char> = (0..len)
            .map(|_| match mode {
                0..=59 => self.rng.pick(ADMITTED),
                60..=79 => self.rng.pick(WIDE),
                _ => self.rng.scalar(),
            })
            .collect();
        if len > 0 && self.rng.chance(20) && (!self.clean || self.current == 1) {
            let at = self.rng.below(len);
            chars[at] = self.rng.pick(WHITE);
            self.tally.white_names[self.current] += 1;
        }
        if len > 0 && !self.clean && self.rng.chance(8) {
            let at = self.rng.below(len);
            chars[at] = self.rng.pick(REFUSED);
            self.tally.refused_names += 1;
        }
        if len == 0 {
            self.tally.empty_names += 1;
        }
        if (60..80).contains(&mode) {
            self.tally.wide_names += 1;
        }
        *self.tally.names.entry(len).or_default() += 1;
        chars.into_iter().collect()
    }

    fn token(&mut self) -> String {
        let len = match self.rng.below(10) {
            0 => 1,
            1 => 200 + self.rng.below(3000),
            _ => 1 + self.rng.below(120),
        };
        let mut t: Vec<char> = (0..len).map(|_| char::from(self.rng.pick(TOKEN))).collect();
        match self.rng.below(100) {
            _ if self.clean => {}
            0..=4 => {
                t.clear();
                self.tally.empty_tokens += 1;
            }
            5..=19 => {
                let at = self.rng.below(len + 1);
                t.insert(at, self.rng.pick(NOT_TOKEN));
                self.tally.bad_tokens += 1;
            }
            _ => {}
        }
        t.into_iter().collect()
    }

    /// A string of `len` characters from one of several pools; beyond 4096
    /// characters, a short random run repeated (cheap, and exact in length).
    fn text(&mut self, len: usize) -> String {
        if len > 4096 {
            let run = 1 + self.rng.below(8);
            let run: Vec<char> = self.text(run).chars().collect();
            return run.into_iter().cycle().take(len).collect();
        }
        match self.rng.below(4) {
            0 => (0..len).map(|_| self.rng.pick(WIDE)).collect(),
            1 => (0..len).map(|_| self.rng.scalar()).collect(),
            2 => (0..len).map(|_| self.rng.pick(&['é', 'ж', '中'])).collect(),
            _ => (0..len)
                .map(|_| char::from(b'a' + (self.rng.below(26) as u8)))
                .collect(),
        }
    }

    fn value(&mut self) -> String {
        let max = ATTRIBUTE_VALUE.max_length.expect("a maximum");
        let (len, at) = match self.rng.below(20) {
            0 => (max - 1, Some(0)),
            1 => (max, Some(1)),
            2 | 3 if self.clean => (max, Some(1)),
            2 => (max + 1, Some(2)),
            3 => (max + 2 + self.rng.below(50), Some(3)),
            4 => (0, None),
            _ => (self.rng.below(24), None),
        };
        if let Some(i) = at {
            self.tally.values_at[i] += 1;
        }
        self.text(len)
    }

    fn metadata_string(&mut self) -> String {
        if !self.long_used && self.rng.below(1000) == 0 {
            self.long_used = true;
            self.tally.long_metadata += 1;
            let max = CLIENT_METADATA_STRING.max_length.expect("a maximum");
            let len = max - 1 + self.rng.below(if self.clean { 2 } else { 3 });
            return self.text(len);
        }
        let len = self.rng.below(12);
        self.text(len)
    }

    /// Unknown member names for an object whose members are `known`.
    fn unknown_key(&mut self, known: &[&str], taken: &[(String, String)]) -> Option<String> {
        let k = match self.rng.below(3) {
            0 => self
                .rng
                .pick(&[
                    "accessToken",
                    "userAttributes",
                    "name",
                    "value",
                    "Extra",
                    "",
                    "NAME",
                ])
                .to_owned(),
            1 => {
                let len = self.rng.below(6);
                self.text(len)
            }
            _ => format!("{} ", self.rng.pick(known)),
        };
        let clash = known.contains(&k.as_str()) || taken.iter().any(|(t, _)| *t == k);
        (!clash).then_some(k)
    }

    /// A required member's value, or `None` to leave it out.
    fn required(&mut self, ty: Type, make: impl FnOnce(&mut Self) -> String) -> Option<String> {
        match self.rng.below(100) {
            _ if self.clean => Some(make(self)),
            0..=2 => {
                self.tally.missing += 1;
                None
            }
            3..=4 => {
                self.tally.missing += 1;
                Some("null".into())
            }
            5..=7 => {
                self.tally.wrong_types += 1;
                Some(wrong(self.rng, ty).into())
            }
            _ => Some(make(self)),
        }
    }

    fn attribute(&mut self) -> String {
        match self.rng.below(100) {
            _ if self.clean => {}
            0..=1 => return "null".into(),
            2..=4 => {
                self.tally.wrong_types += 1;
                return wrong(self.rng, Type::Object).into();
            }
            _ => {}
        }
        let mut members = Vec::new();
        if let Some(n) = self.required(Type::String, |g| {
            let n = g.name();
            g.json_string(&n)
        }) {
            members.push(("Name".to_owned(), n));
        }
        match self.rng.below(100) {
            0..=9 => {}
            10..=14 => members.push(("Value".into(), "null".into())),
            15..=17 if !self.clean => {
                self.tally.wrong_types += 1;
                members.push(("Value".into(), wrong(self.rng, Type::String).into()));
            }
            _ => {
                let v = self.value();
                let v = self.json_string(&v);
                members.push(("Value".into(), v));
            }
        }
        if self.rng.chance(4) {
            if let Some(k) = self.unknown_key(&["Name", "Value"], &members) {
                self.tally.unknown += 1;
                members.push((k, wrong(self.rng, Type::Array).into()));
            }
        }
        self.object(&mut members)
    }

    fn attributes(&mut self) -> String {
        let n = match self.rng.below(10) {
            0 => 0,
            1..=5 => 1,
            6..=7 => 2,
            _ => 3 + self.rng.below(3),
        };
        let items: Vec<String> = (0..n).map(|_| self.attribute()).collect();
        format!("[{}]", items.join(","))
    }

    fn metadata(&mut self) -> String {
        let n = self.rng.below(4);
        let mut members: Vec<(String, String)> = Vec::new();
        for _ in 0..n {
            let k = self.metadata_string();
            if members.iter().any(|(t, _)| *t == k) {
                continue;
            }
            let v = if !self.clean && self.rng.chance(4) {
                self.tally.wrong_types += 1;
                if self.rng.chance(30) {
                    "null".into()
                } else {
                    wrong(self.rng, Type::String).into()
                }
            } else {
                let v = self.metadata_string();
                self.json_string(&v)
            };
            members.push((k, v));
        }
        self.object(&mut members)
    }

    fn request(&mut self) -> String {
        if !self.clean && self.rng.chance(1) {
            self.tally.wrong_types += 1;
            return wrong(self.rng, Type::Object).into();
        }
        let mut members = Vec::new();
        if let Some(t) = self.required(Type::String, |g| {
            let t = g.token();
            g.json_string(&t)
        }) {
            members.push(("AccessToken".to_owned(), t));
        }
        if let Some(a) = self.required(Type::Array, Self::attributes) {
            members.push(("UserAttributes".to_owned(), a));
        }
        match self.rng.below(100) {
            0..=39 => {}
            40..=44 => members.push(("ClientMetadata".into(), "null".into())),
            45..=47 => {
                self.tally.wrong_types += 1;
                members.push((
                    "ClientMetadata".into(),
                    wrong(self.rng, Type::Object).into(),
                ));
            }
            _ => {
                let m = self.metadata();
                members.push(("ClientMetadata".into(), m));
            }
        }
        if self.rng.chance(5) {
            let known = ["AccessToken", "UserAttributes", "ClientMetadata"];
            if let Some(k) = self.unknown_key(&known, &members) {
                self.tally.unknown += 1;
                members.push((k, wrong(self.rng, Type::Array).into()));
            }
        }
        self.object(&mut members)
    }
}

fn compile(file: &str) -> Validator {
    let path = format!("{}/schemas/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    jsonschema::draft202012::new(&doc).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// The request text for a failure message, long runs elided.
fn shown(text: &str) -> String {
    const HALF: usize = 3000;
    if text.len() <= 2 * HALF {
        return text.to_owned();
    }
    let mut a = HALF;
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = text.len() - HALF;
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{} … ({} bytes) … {}", &text[..a], text.len(), &text[b..])
}

#[test]
fn schemas_and_library_agree_on_generated_requests() {
    let cases = env_u64("DIFF_SCHEMA_CASES", DEFAULT_CASES);
    let seed = env_u64("DIFF_SCHEMA_SEED", DEFAULT_SEED);
    let patterns = [
        (
            NamePattern::Legacy,
            compile("update-user-attributes-request.legacy.schema.json"),
        ),
        (
            NamePattern::Current,
            compile("update-user-attributes-request.current.schema.json"),
        ),
    ];
    let options = patterns
        .each_ref()
        .map(|(p, _)| Options::default().with_name_pattern(*p).phase_one_only());

    let started = Instant::now();
    let mut rng = Rng(seed);
    let mut tally = Tally::default();
    let (mut accepted, mut refused, mut largest) = (0u64, 0u64, 0usize);
    let mut disagreements: Vec<String> = Vec::new();
    let mut disagreed = 0u64;
    for i in 0..cases {
        let which = (i % 2) as usize;
        let text = Gen {
            rng: &mut rng,
            tally: &mut tally,
            long_used: false,
            current: which,
            clean: i % 3 == 0,
        }
        .request();
        largest = largest.max(text.len());
        assert!(
            text.len() < Options::DEFAULT_MAX_INPUT_BYTES,
            "the generator made a request of {} bytes",
            text.len()
        );
        let instance: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("the generator made bad JSON ({e}): {}", shown(&text)));
        let (pattern, validator) = &patterns[which];
        let by_schema = validator.is_valid(&instance);
        let by_library = validate_json(text.as_bytes(), &options[which]);
        if by_library.is_ok() {
            accepted += 1;
        } else {
            refused += 1;
        }
        if by_schema != by_library.is_ok() {
            disagreed += 1;
            if disagreements.len() < 10 {
                let schema_says: Vec<String> = validator
                    .iter_errors(&instance)
                    .map(|e| format!("{}: {e}", e.instance_path()))
                    .collect();
                let library_says = match &by_library {
                    Ok(_) => "accepted".to_owned(),
                    Err(e) => e.to_string(),
                };
                disagreements.push(format!(
                    "case {i} ({pattern:?}): schema {}, library {}\n  request: {}\n  schema: {schema_says:?}\n  library: {library_says}",
                    if by_schema { "accepts" } else { "refuses" },
                    if by_library.is_ok() { "accepts" } else { "refuses" },
                    shown(&text),
                ));
            }
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{cases} requests (seed {seed:#x}) in {elapsed:.2?}: {accepted} accepted, {refused} refused, \
         largest {largest} bytes; {tally:?}"
    );
    assert!(
        disagreements.is_empty(),
        "{disagreed} disagreements; the first ones:\n{}",
        disagreements.join("\n\n")
    );

    // The mix is as wide as the module documentation says (meaningful for
    // the default count; a smaller DIFF_SCHEMA_CASES may miss rare cases).
    if cases >= DEFAULT_CASES {
        assert!(
            accepted >= cases / 5 && refused >= cases / 5,
            "{accepted} / {refused}"
        );
        let max = ATTRIBUTE_NAME_LEGACY.max_length.expect("a maximum");
        for n in [0, 1, max - 1, max, max + 1] {
            let seen = tally.names.get(&n).copied().unwrap_or(0);
            assert!(seen > 100, "few names of {n}: {tally:?}");
        }
        assert!(tally.white_names.iter().all(|&n| n > 100), "{tally:?}");
        assert!(tally.values_at.iter().all(|&n| n > 100), "{tally:?}");
        assert!(tally.long_metadata > 100, "{tally:?}");
        for n in [
            tally.empty_names,
            tally.refused_names,
            tally.wide_names,
            tally.bad_tokens,
            tally.empty_tokens,
            tally.missing,
            tally.wrong_types,
            tally.unknown,
        ] {
            assert!(n > 100, "{tally:?}");
        }
    }
}
