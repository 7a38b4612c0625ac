//! Differential test of the library's JSON parser against serde_json.
//!
//! The library parses requests with a hand-written single-pass parser
//! (`src/json.rs`). serde_json is the oracle:
//!
//! - **Verdict.** The library reports a JSON-text rule (J001 invalid-json,
//!   J002 invalid-utf8, J003 lone-surrogate, J004 trailing-characters, J007
//!   input-too-large, J008 nesting-too-deep) exactly when
//!   `serde_json::from_slice::<serde_json::Value>` fails. Other rejections
//!   (wrong types, repeated keys, shape violations) are about the request, not
//!   the JSON text, and do not count.
//! - **Decoded strings.** When the library accepts a request, the request it
//!   returns equals serde_json's typed parse of the same bytes, and every
//!   string equals what serde_json decodes; strings without escapes are
//!   borrowed.
//!
//! Documented differences, handled explicitly below:
//! - repeated keys: `serde_json::Value` keeps the last; the library reports
//!   J005 duplicate-key, which is not a JSON-text rule, so verdicts agree;
//! - nesting: serde_json refuses 128 levels (it allows 127); the library's
//!   default limit is 64. The verdict tests run the library with
//!   `max_depth = 127`; one test checks the default separately;
//! - numbers: serde_json (without `arbitrary_precision`) refuses a number
//!   whose magnitude overflows `f64` (`1e400`) with "number out of range";
//!   RFC 8259 sets no such limit and the library accepts it. Inputs on which
//!   serde_json says so are skipped for the verdict;
//! - size: the library refuses inputs over `max_input_bytes` (1 MiB); every
//!   input here is far smaller.
//!
//! A mismatch prints the input, escaped.

use std::borrow::Cow;

use cognito_validate::{validate_json, Options, UpdateUserAttributesRequest};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// The deepest nesting serde_json accepts (its limit counter starts at 128
/// and refuses when it reaches 0).
const SERDE_MAX_DEPTH: usize = 127;

/// JSON-text rules: the input is not valid JSON (or too large/deep to read).
const TEXT_RULES: [&str; 6] = ["J001", "J002", "J003", "J004", "J007", "J008"];

/// Shapes only: the business rules (phase two) would refuse most generated
/// attribute names, and are no business of a JSON parser test.
fn opts() -> Options {
    Options::default()
        .phase_one_only()
        .with_max_depth(SERDE_MAX_DEPTH)
        .with_max_diagnostics(usize::MAX)
}

fn show(input: &[u8]) -> String {
    format!(
        "input ({} bytes): b\"{}\"",
        input.len(),
        input.escape_ascii()
    )
}

/// The library's JSON-text verdict: `Some(code)` of the text rule it
/// reported, `None` when the text was valid JSON.
fn library_text_error(input: &[u8], opts: &Options) -> Option<&'static str> {
    match validate_json(input, opts) {
        Ok(_) => None,
        Err(r) => r
            .diagnostics()
            .iter()
            .map(|d| d.rule.code())
            .find(|c| TEXT_RULES.contains(c)),
    }
}

/// What serde_json says: `Ok(())`, `Err(Some(msg))` for a refusal that is a
/// real JSON error, `Err(None)` for a documented difference (skip).
fn serde_verdict(input: &[u8]) -> Result<(), Option<String>> {
    match serde_json::from_slice::<serde_json::Value>(input) {
        Ok(_) => Ok(()),
        Err(e) if e.to_string().starts_with("number out of range") => Err(None),
        Err(e) => Err(Some(e.to_string())),
    }
}

/// Both oracles on one input; panics (through `prop_assert`) on any mismatch.
fn compare(input: &[u8]) -> Result<(), TestCaseError> {
    let opts = opts();
    let ours = library_text_error(input, &opts);
    match serde_verdict(input) {
        Err(None) => return Ok(()),
        Ok(()) => prop_assert!(
            ours.is_none(),
            "serde_json accepts, the library reports {:?}; {}",
            ours,
            show(input)
        ),
        Err(Some(msg)) => prop_assert!(
            ours.is_some(),
            "serde_json refuses ({msg}), the library finds the JSON text valid; {}",
            show(input)
        ),
    }
    if let Ok(req) = validate_json(input, &opts) {
        let typed = serde_json::from_slice::<UpdateUserAttributesRequest<'_>>(input);
        prop_assert!(
            typed.is_ok(),
            "the library accepts, serde_json's typed parse refuses ({:?}); {}",
            typed.err().map(|e| e.to_string()),
            show(input)
        );
        let typed = typed.unwrap();
        prop_assert!(
            req == typed,
            "decoded requests differ (library {:?} / serde {:?} are redacted; compare by hand); {}",
            owned_strings(&req),
            owned_strings(&typed),
            show(input)
        );
    }
    Ok(())
}

/// Every string of a request, for a mismatch message. (The test inputs hold
/// no real secret, so showing them is fine here.)
fn owned_strings(r: &UpdateUserAttributesRequest<'_>) -> Vec<String> {
    let mut v = vec![r.access_token.to_string()];
    for a in &r.user_attributes {
        v.push(a.name.to_string());
        v.push(format!("{:?}", a.value.as_deref()));
    }
    if let Some(m) = &r.client_metadata {
        for (k, x) in &m.0 {
            v.push(format!("{k}={x}"));
        }
    }
    v
}

// ---------------------------------------------------------------------------
// Generators

/// Separators between tokens: JSON white space mostly, and now and then a
/// character that looks like white space but is not JSON white space.
fn ws() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        8 => Just(""),
        4 => Just(" "),
        1 => Just("\n"),
        1 => Just("\t"),
        1 => Just("\r\n"),
        1 => Just("  \t \n "),
        1 => prop::sample::select(vec!["\u{0B}", "\u{0C}", "\u{A0}", "\u{2028}", "\u{FEFF}", "\u{85}"]),
    ]
}

/// How one character of a string is written in JSON.
#[derive(Clone, Copy, Debug)]
enum Esc {
    Raw,
    Short,
    Unicode,
    UnicodeUpper,
}

/// `s` as a JSON string literal, each character written as `esc` says
/// (characters that must be escaped always are).
fn encode(s: &str, esc: &[Esc]) -> String {
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        let e = esc.get(i % esc.len().max(1)).copied().unwrap_or(Esc::Raw);
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        let must = c == '"' || c == '\\' || (c as u32) < 0x20;
        let mut unicode = |upper: bool| {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                if upper {
                    out.push_str(&format!("\\u{u:04X}"));
                } else {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
        };
        match (e, short) {
            (Esc::Short, Some(s)) => out.push_str(s),
            (Esc::Raw, Some(s)) if must => out.push_str(s),
            (Esc::Raw | Esc::Short, _) if must => unicode(false),
            (Esc::Raw | Esc::Short, _) => out.push(c),
            (Esc::Unicode, _) => unicode(false),
            (Esc::UnicodeUpper, _) => unicode(true),
        }
    }
    out.push('"');
    out
}

fn escapes() -> impl Strategy<Value = Vec<Esc>> {
    prop::collection::vec(
        prop_oneof![
            6 => Just(Esc::Raw),
            1 => Just(Esc::Short),
            1 => Just(Esc::Unicode),
            1 => Just(Esc::UnicodeUpper),
        ],
        1..6,
    )
}

/// Any string, weighted toward characters JSON treats specially.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::char::range('a', 'z'),
            1 => prop::sample::select(vec!['"', '\\', '/', '\u{8}', '\u{c}', '\n', '\r', '\t', '\0', '\u{1f}', '\u{7f}', ' ']),
            1 => prop::sample::select(vec!['é', '\u{301}', '€', '\u{FFFF}', '\u{FEFF}', '\u{2028}', '👍', '\u{10FFFF}', '\u{E000}']),
            1 => any::<char>(),
        ],
        0..max,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// Attribute names the legacy pattern accepts (1..=32 characters).
fn name_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => prop::char::range('a', 'z'),
            1 => prop::sample::select(vec![':', '_', '-', '"', '\\', '/', 'é', '\u{301}', '👍', '€', '字']),
        ],
        1..20,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn token_text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_=.-]{1,80}"
}

/// One attribute: (name, value) with how each is written.
type Attr = ((String, Vec<Esc>), Option<(String, Vec<Esc>)>);

fn attr() -> impl Strategy<Value = Attr> {
    (
        (name_text(), escapes()),
        prop::option::weighted(0.85, (any_text(24), escapes())),
    )
}

/// A valid request (as far as the JSON text goes; shapes hold too) written
/// with varied white space and escapes.
#[derive(Clone, Debug)]
struct Req {
    token: (String, Vec<Esc>),
    attrs: Vec<Attr>,
    meta: Option<Vec<(String, String, Vec<Esc>)>>,
    ws: Vec<&'static str>,
    order: u8,
}

impl Req {
    fn render(&self) -> String {
        let mut w = self.ws.iter().cycle();
        let mut s = String::new();
        let mut push = |s: &mut String, t: &str| {
            s.push_str(w.next().copied().unwrap_or(""));
            s.push_str(t);
        };
        let token = format!("\"AccessToken\":{}", encode(&self.token.0, &self.token.1));
        let mut attrs = String::from("\"UserAttributes\":[");
        for (i, ((n, ne), v)) in self.attrs.iter().enumerate() {
            if i > 0 {
                attrs.push(',');
            }
            attrs.push_str(&format!("{{\"Name\":{}", encode(n, ne)));
            if let Some((v, ve)) = v {
                attrs.push_str(&format!(",\"Value\":{}", encode(v, ve)));
            }
            attrs.push('}');
        }
        attrs.push(']');
        let meta = self.meta.as_ref().map(|m| {
            let mut seen = std::collections::HashSet::new();
            let entries: Vec<String> = m
                .iter()
                .filter(|(k, _, _)| seen.insert(k.clone()))
                .map(|(k, v, e)| format!("{}:{}", encode(k, e), encode(v, e)))
                .collect();
            format!("\"ClientMetadata\":{{{}}}", entries.join(","))
        });
        let mut members = vec![token, attrs];
        members.extend(meta);
        let turn = usize::from(self.order) % members.len();
        members.rotate_left(turn);
        push(&mut s, "{");
        for (i, m) in members.iter().enumerate() {
            if i > 0 {
                push(&mut s, ",");
            }
            // White space inside a member too: split after its `:`.
            match m.split_once(':') {
                Some((k, v)) => {
                    push(&mut s, k);
                    push(&mut s, ":");
                    push(&mut s, v);
                }
                None => push(&mut s, m),
            }
        }
        push(&mut s, "}");
        push(&mut s, "");
        s
    }
}

fn req() -> impl Strategy<Value = Req> {
    (
        (token_text(), escapes()),
        prop::collection::vec(attr(), 0..6),
        prop::option::of(prop::collection::vec(
            (any_text(12), any_text(16), escapes()),
            0..5,
        )),
        prop::collection::vec(ws(), 1..12),
        any::<u8>(),
    )
        .prop_map(|(token, attrs, meta, ws, order)| Req {
            token,
            attrs,
            meta,
            ws,
            order,
        })
}

/// Byte strings worth inserting: escapes, surrogates, controls, broken
/// UTF-8, structure, literals and numbers.
const SNIPPETS: &[&[u8]] = &[
    b"\\",
    b"\"",
    b"\\u",
    b"\\u0000",
    b"\\u00e9",
    b"\\uD800",
    b"\\uDBFF\\uDFFF",
    b"\\uDC00",
    b"\\uD83D\\uDE00",
    b"\\uD83D",
    b"\\uD83D\\u0041",
    b"\\uD83D\\uD83D",
    b"\\ud83d\\ude00",
    b"\\u12",
    b"\\uGHIJ",
    b"\\x41",
    b"\\U0041",
    b"\\'",
    b"\\a",
    b"\x00",
    b"\x01",
    b"\x1f",
    b"\x7f",
    b"\t",
    b"\n",
    b"\r",
    b" ",
    b"\x0b",
    b"\x0c",
    b"\xc2\xa0",
    b"\xa0",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xc0\x80",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xe2\x82",
    b"\xf0\x9f\x91\x8d",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"-",
    b"0",
    b"1",
    b".",
    b"e",
    b"E",
    b"+",
    b"true",
    b"false",
    b"null",
    b"nul",
    b"tru",
    b"1e400",
    b"-0.0e-0",
    b"01",
    b"[[[[",
    b"]]]]",
    b"/*c*/",
    b"//",
    b"\"x\":1",
    b"\"AccessToken\":\"a\"",
    b"{}",
    b"[]",
];

#[derive(Clone, Debug)]
enum Mutation {
    FlipBit(usize, u8),
    Insert(usize, usize),
    SetByte(usize, u8),
    Delete(usize, usize),
    Truncate(usize),
    Repeat(usize, usize),
    Append(Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => (any::<usize>(), 0u8..8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        4 => (any::<usize>(), 0..SNIPPETS.len()).prop_map(|(i, s)| Mutation::Insert(i, s)),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::SetByte(i, b)),
        2 => (any::<usize>(), 1usize..8).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (any::<usize>(), 1usize..16).prop_map(|(i, n)| Mutation::Repeat(i, n)),
        1 => prop::collection::vec(any::<u8>(), 1..6).prop_map(Mutation::Append),
    ]
}

fn apply(mut b: Vec<u8>, ms: &[Mutation]) -> Vec<u8> {
    for m in ms {
        let len = b.len();
        let at = |i: usize| if len == 0 { 0 } else { i % (len + 1) };
        match m {
            Mutation::FlipBit(i, bit) if len > 0 => b[i % len] ^= 1 << bit,
            Mutation::SetByte(i, v) if len > 0 => b[i % len] = *v,
            Mutation::Insert(i, s) => {
                let i = at(*i);
                b.splice(i..i, SNIPPETS[*s].iter().copied());
            }
            Mutation::Delete(i, n) if len > 0 => {
                let i = i % len;
                b.drain(i..(i + n).min(len));
            }
            Mutation::Truncate(i) => b.truncate(at(*i)),
            Mutation::Repeat(i, n) if len > 0 => {
                let i = i % len;
                let chunk: Vec<u8> = b[i..(i + n).min(len)].to_vec();
                b.splice(i..i, chunk);
            }
            Mutation::Append(tail) => b.extend_from_slice(tail),
            _ => {}
        }
    }
    b
}

/// Numbers from every corner of the grammar, valid and not.
fn number() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "", "", "-", "+", "--"]),
        prop::sample::select(vec![
            "0",
            "0",
            "1",
            "7",
            "123",
            "00",
            "01",
            "",
            "99999999999999999999999999999999",
            "18446744073709551615",
            "18446744073709551616",
            "9223372036854775808",
        ]),
        prop::sample::select(vec![
            "",
            "",
            "",
            ".",
            ".0",
            ".5",
            ".000",
            ".123456789",
            ".e",
            "..1",
        ]),
        prop::sample::select(vec![
            "", "", "", "e", "E", "e+", "e-", "e0", "e5", "E+05", "e-07", "e308", "e309", "e400",
            "e-400", "e99999", "e-99999", "ee1", "e+-1", "e1.5",
        ]),
    )
        .prop_map(|(s, i, f, e)| format!("{s}{i}{f}{e}"))
}

/// Where a generated fragment goes in an otherwise valid request.
fn in_request(fragment: &str, place: u8) -> String {
    match place % 6 {
        0 => format!(r#"{{"AccessToken":"abc","UserAttributes":[],"Extra":{fragment}}}"#),
        1 => format!(r#"{{"Extra":[{fragment}],"AccessToken":"abc","UserAttributes":[]}}"#),
        2 => format!(r#"{{"AccessToken":{fragment},"UserAttributes":[]}}"#),
        3 => {
            format!(r#"{{"AccessToken":"a","UserAttributes":[{{"Name":"n","Value":{fragment}}}]}}"#)
        }
        4 => format!(
            r#"{{"AccessToken":"a","UserAttributes":[],"ClientMetadata":{{"k":{fragment}}}}}"#
        ),
        _ => fragment.to_string(),
    }
}

/// Nesting `depth` levels deep (arrays and objects mixed by `kinds`),
/// closed properly or not.
fn nest(depth: usize, kinds: u64, close: bool) -> String {
    let mut open = String::new();
    let mut closing = Vec::new();
    for i in 0..depth {
        if kinds >> (i % 64) & 1 == 0 {
            open.push('[');
            closing.push(']');
        } else {
            open.push_str("{\"a\":");
            closing.push('}');
        }
    }
    // The innermost `{"a":` needs a value.
    open.push('1');
    if close {
        open.extend(closing.iter().rev());
    } else if let Some(c) = closing.last() {
        open.push(*c);
    }
    open
}

/// An arbitrary JSON value (valid JSON text by construction).
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<f64>()
            .prop_filter_map("finite", serde_json::Number::from_f64)
            .prop_map(Value::Number),
        any_text(10).prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((any_text(8), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn valid_requests_agree_and_decode_alike(r in req()) {
        let body = r.render();
        compare(body.as_bytes())?;
    }

    #[test]
    fn mutated_requests_agree(r in req(), ms in prop::collection::vec(mutation(), 1..5)) {
        let body = apply(r.render().into_bytes(), &ms);
        compare(&body)?;
    }
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn numbers_agree(n in number(), place in any::<u8>(), ws in ws()) {
        let body = in_request(&format!("{ws}{n}{ws}"), place);
        compare(body.as_bytes())?;
    }

    #[test]
    fn arbitrary_bytes_agree(b in prop::collection::vec(any::<u8>(), 0..48)) {
        compare(&b)?;
    }

    #[test]
    fn arbitrary_json_agrees(v in json_value(), place in any::<u8>(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&v).unwrap()
        } else {
            serde_json::to_string(&v).unwrap()
        };
        let body = in_request(&text, place);
        compare(body.as_bytes())?;
    }

    #[test]
    fn strings_decode_like_serde(
        s in any_text(40),
        esc in escapes(),
        k in any_text(10),
    ) {
        // Three places a string of any content may stand in a valid request:
        // an attribute value, a metadata key and a metadata value.
        let lit = encode(&s, &esc);
        let key = encode(&k, &esc);
        let body = format!(
            r#"{{"AccessToken":"t","UserAttributes":[{{"Name":"n","Value":{lit}}}],"ClientMetadata":{{{key}:{lit}}}}}"#
        );
        compare(body.as_bytes())?;
        let req = validate_json(body.as_bytes(), &opts());
        prop_assert!(req.is_ok(), "refused: {}", show(body.as_bytes()));
        let req = req.unwrap();
        let decoded: String = serde_json::from_str(&lit).unwrap();
        prop_assert_eq!(&decoded, &s);
        let value = req.user_attributes[0].value.as_ref().unwrap();
        prop_assert_eq!(&**value, decoded.as_str());
        let meta = &req.client_metadata.as_ref().unwrap().0[0];
        prop_assert_eq!(&*meta.0, k.as_str());
        prop_assert_eq!(&*meta.1, decoded.as_str());
        // Borrowed exactly when the literal has no escape.
        prop_assert_eq!(
            matches!(value, Cow::Borrowed(_)),
            !lit.contains('\\'),
            "{}", show(body.as_bytes())
        );
    }
}

proptest! {
    #![proptest_config(config(600))]

    #[test]
    fn deep_nesting_agrees(
        depth in 100usize..140,
        kinds in any::<u64>(),
        close in any::<bool>(),
        place in any::<u8>(),
    ) {
        let body = in_request(&nest(depth, kinds, close), place);
        compare(body.as_bytes())?;
    }
}

// ---------------------------------------------------------------------------
// Fixed cases: each documented difference, and corners worth naming.

#[test]
fn nesting_limits_match_serde_at_127_and_default_to_64() {
    for depth in 1..=140 {
        let body = nest(depth, 0, true);
        let serde_ok = serde_json::from_slice::<serde_json::Value>(body.as_bytes()).is_ok();
        assert_eq!(serde_ok, depth <= SERDE_MAX_DEPTH, "serde at depth {depth}");
        let ours = library_text_error(body.as_bytes(), &opts());
        assert_eq!(ours.is_none(), serde_ok, "depth {depth}: {ours:?}");
        let default = library_text_error(body.as_bytes(), &Options::default());
        let want = if depth <= Options::DEFAULT_MAX_DEPTH {
            None
        } else {
            Some("J008")
        };
        assert_eq!(default, want, "default limit at depth {depth}");
    }
}

#[test]
fn repeated_keys_are_json_but_the_library_refuses_them() {
    let body = br#"{"AccessToken":"a","AccessToken":"b","UserAttributes":[]}"#;
    let v: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!(v["AccessToken"], "b", "serde_json keeps the last");
    let err = validate_json(body, &opts()).unwrap_err();
    let codes: Vec<_> = err.diagnostics().iter().map(|d| d.rule.code()).collect();
    assert_eq!(codes, ["J005"]);
}

#[test]
fn numbers_beyond_f64_are_json_for_the_library_only() {
    for n in ["1e400", "-1e400", "1e99999"] {
        let body = in_request(n, 0);
        assert!(serde_verdict(body.as_bytes()) == Err(None), "{n}");
        assert_eq!(library_text_error(body.as_bytes(), &opts()), None, "{n}");
    }
    // Huge integers and underflow are fine for both.
    for n in ["99999999999999999999999999999999", "1e-400", "0e99999"] {
        let body = in_request(n, 0);
        assert_eq!(serde_verdict(body.as_bytes()), Ok(()), "{n}");
        assert_eq!(library_text_error(body.as_bytes(), &opts()), None, "{n}");
    }
}

#[test]
fn named_corners_agree() {
    let cases: &[&[u8]] = &[
        b"",
        b" ",
        b"\xef\xbb\xbf{}",
        b"{}",
        b"{} ",
        b"{}x",
        b"{}{}",
        b"{\"a\":1,}",
        b"{,}",
        b"[1,]",
        b"{\"a\" 1}",
        b"{'a':1}",
        b"{\"a\":\"\\uD800\"}",
        b"{\"a\":\"\\uDC00\\uD800\"}",
        b"{\"a\":\"\\uD800\\uDC00\"}",
        b"{\"a\":\"\x7f\"}",
        b"{\"a\":\"\x1f\"}",
        b"{\"a\":\"\xed\xa0\x80\"}",
        b"{\"a\":\"\xf4\x8f\xbf\xbf\"}",
        b"{\"a\":\"\xf4\x90\x80\x80\"}",
        b"{\"a\":\"\xc0\xaf\"}",
        b"{\"a\":-}",
        b"{\"a\":-0}",
        b"{\"a\":1.}",
        b"{\"a\":.5}",
        b"{\"a\":1e}",
        b"{\"a\":NaN}",
        b"{\"a\":Infinity}",
        b"{\"a\":truee}",
        b"{\"a\":nul}",
        b"\x0c{}",
        b"{}\x00",
        b"{\"AccessToken\":\"abc\",\"UserAttributes\":[]}",
    ];
    for c in cases {
        compare(c).unwrap_or_else(|e| panic!("{e}"));
    }
}
