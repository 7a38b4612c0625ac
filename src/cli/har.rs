//! HAR files (HTTP Archive 1.2, as browsers' developer tools export them):
//! finding the Cognito requests among `log.entries`, decoding each one's
//! body (`request.postData.text`, a JSON string, base64 when
//! `encoding` says so) and mapping positions in the body back to the HAR
//! file. Only [`super::check`] uses it; nothing here writes output, and the
//! errors it returns hold no text of the file (serde's messages can quote
//! values, so they are replaced by a position).

use std::borrow::Cow;

use base64::Engine;
use cognito_validate::{Operation, Span};
use serde::Deserialize;
use serde_json::value::RawValue;

/// A HAR file may be this many times `--max-input-bytes` long; a longer one
/// is not read (the file counts as unreadable, exit 2).
pub const HAR_FACTOR: usize = 64;

/// The `X-Amz-Target` prefix of Cognito user pool requests.
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";

#[derive(Deserialize)]
struct Har<'a> {
    #[serde(borrow)]
    log: Log<'a>,
}

#[derive(Deserialize)]
struct Log<'a> {
    #[serde(borrow)]
    entries: Vec<RawEntry<'a>>,
}

#[derive(Deserialize)]
struct RawEntry<'a> {
    #[serde(borrow)]
    request: Request<'a>,
}

#[derive(Deserialize)]
struct Request<'a> {
    #[serde(borrow, default)]
    headers: Vec<Header<'a>>,
    #[serde(borrow, default, rename = "postData")]
    post_data: Option<PostData<'a>>,
}

#[derive(Deserialize)]
struct Header<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(borrow)]
    value: Cow<'a, str>,
}

#[derive(Deserialize)]
struct PostData<'a> {
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    #[serde(borrow, default)]
    encoding: Option<Cow<'a, str>>,
}

/// What an entry's `X-Amz-Target` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// An operation of the model.
    Known(Operation),
    /// A name under [`TARGET_PREFIX`] that is no operation of the model.
    Unknown,
}

/// One Cognito request of a HAR file, not yet decoded. No `Debug`: it
/// holds the body's text.
pub struct Entry<'a> {
    /// Its index in `log.entries` (0-based).
    pub index: usize,
    /// The operation its `X-Amz-Target` names.
    pub target: Target,
    /// `postData.text` as it stands in the file (quotes and escapes
    /// included), when there is one.
    text: Option<&'a RawValue>,
    /// Whether `postData.encoding` is `base64`.
    base64: bool,
}

/// A body decoded, with the way back to the file. No `Debug`: it holds the
/// body.
pub struct Body {
    /// The body's bytes, at most the `keep` given to [`Entry::body`].
    pub bytes: Vec<u8>,
    /// The body's whole length.
    pub total: usize,
    map: Map,
}

enum Map {
    /// The file offset of each byte of the body, and of its end.
    Each(Vec<usize>),
    /// A base64 body: every position is the whole `text` string.
    Whole(Span),
    /// No `postData.text`: the empty body has no place in the file.
    Nowhere,
}

/// The Cognito requests of `har` (a HAR file's text) in file order, or why
/// it is not a HAR file. Entries without `X-Amz-Target` or with another
/// service's target are left out.
pub fn entries(har: &str) -> Result<Vec<Entry<'_>>, String> {
    let parsed: Har<'_> = serde_json::from_str(har).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Data => {
                "not a HAR file (log.entries[].request with headers and postData expected)"
            }
            serde_json::error::Category::Eof => "not a HAR file (the JSON text ends early)",
            _ => "not a HAR file (not JSON)",
        };
        format!("{what} at line {} column {}", e.line(), e.column())
    })?;
    let mut out = Vec::new();
    for (index, entry) in parsed.log.entries.into_iter().enumerate() {
        let request = entry.request;
        let Some(value) = request
            .headers
            .iter()
            .find(|h| h.name.trim().eq_ignore_ascii_case("x-amz-target"))
            .map(|h| h.value.trim())
        else {
            continue;
        };
        if !value.starts_with(TARGET_PREFIX) {
            continue;
        }
        let target = Operation::from_target(value).map_or(Target::Unknown, Target::Known);
        let (text, base64) = match request.post_data {
            Some(p) => (
                p.text,
                p.encoding
                    .is_some_and(|e| e.trim().eq_ignore_ascii_case("base64")),
            ),
            None => (None, false),
        };
        out.push(Entry {
            index,
            target,
            text,
            base64,
        });
    }
    Ok(out)
}

impl Entry<'_> {
    /// The body, keeping at most `keep` bytes of it; `har` is the file's text
    /// the entry was found in. Fails (with the tool's words, no text of the
    /// file) when `postData.text` is not a string or not valid base64.
    pub fn body(&self, har: &str, keep: usize) -> Result<Body, &'static str> {
        let Some(raw) = self.text.map(RawValue::get) else {
            return Ok(Body {
                bytes: Vec::new(),
                total: 0,
                map: Map::Nowhere,
            });
        };
        // The raw value borrows from `har`: its offset is the pointers' distance.
        let start = (raw.as_ptr() as usize).wrapping_sub(har.as_ptr() as usize);
        if start > har.len() || har.get(start..start + raw.len()) != Some(raw) {
            return Err("postData.text is not where it was found");
        }
        // A base64 body is decoded whole (it is at most the file's length),
        // then cut.
        let stored = if self.base64 { usize::MAX } else { keep };
        let Some((bytes, at, total)) = unescape(raw.as_bytes(), start, stored) else {
            return Err("postData.text is not a string");
        };
        if !self.base64 {
            return Ok(Body {
                bytes,
                total,
                map: Map::Each(at),
            });
        }
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(bytes.trim_ascii())
            .map_err(|_| "postData.text is not valid base64")?;
        let total = decoded.len();
        let mut bytes = decoded;
        bytes.truncate(keep);
        Ok(Body {
            bytes,
            total,
            map: Map::Whole(Span {
                start,
                end: start + raw.len(),
            }),
        })
    }
}

impl Body {
    /// Where the body's bytes `span` stand in the file: the same characters
    /// for a plain body (an escape such as `\"` is one character of the body
    /// and two of the file), the whole `text` string for a base64 body, and
    /// nothing when there is no `text`.
    pub fn locate(&self, span: Span) -> Option<Span> {
        match &self.map {
            Map::Each(at) => {
                let last = at.len().checked_sub(1)?;
                let start = *at.get(span.start.min(last))?;
                let end = *at.get(span.end.min(last))?;
                Some(Span {
                    start,
                    end: end.max(start),
                })
            }
            Map::Whole(s) => Some(*s),
            Map::Nowhere => None,
        }
    }
}

/// The value of four hex digits.
fn hex4(b: &[u8]) -> Option<u32> {
    let s = std::str::from_utf8(b).ok()?;
    if s.len() != 4 || !s.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(s, 16).ok()
}

/// Decodes the JSON string `raw` (quotes included), found at `base` in the
/// file: its bytes (at most `keep` of them), the file offset of each byte
/// kept and of the end of what is kept, and the whole decoded length. A
/// lone surrogate escape becomes U+FFFD. `None` when `raw` is no string.
fn unescape(raw: &[u8], base: usize, keep: usize) -> Option<(Vec<u8>, Vec<usize>, usize)> {
    if raw.len() < 2 || raw.first() != Some(&b'"') || raw.last() != Some(&b'"') {
        return None;
    }
    let inner_end = raw.len() - 1;
    let cap = keep.min(inner_end);
    let (mut out, mut at) = (Vec::with_capacity(cap), Vec::with_capacity(cap + 1));
    let mut total = 0usize;
    let mut i = 1;
    while i < inner_end {
        let c = raw[i];
        let (len, ch) = if c != b'\\' {
            (1, None)
        } else {
            match *raw.get(i + 1)? {
                b'"' => (2, Some('"')),
                b'\\' => (2, Some('\\')),
                b'/' => (2, Some('/')),
                b'b' => (2, Some('\u{8}')),
                b'f' => (2, Some('\u{c}')),
                b'n' => (2, Some('\n')),
                b'r' => (2, Some('\r')),
                b't' => (2, Some('\t')),
                b'u' => {
                    let hi = hex4(raw.get(i + 2..i + 6)?)?;
                    let lo = (raw.get(i + 6..i + 8) == Some(b"\\u"))
                        .then(|| raw.get(i + 8..i + 12).and_then(hex4))
                        .flatten()
                        .filter(|lo| {
                            (0xD800..0xDC00).contains(&hi) && (0xDC00..0xE000).contains(lo)
                        });
                    match lo {
                        Some(lo) => {
                            let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            (12, Some(char::from_u32(cp).unwrap_or('\u{FFFD}')))
                        }
                        None => (6, Some(char::from_u32(hi).unwrap_or('\u{FFFD}'))),
                    }
                }
                _ => return None,
            }
        };
        let mut tmp = [0u8; 4];
        let bytes: &[u8] = match ch {
            Some(ch) => ch.encode_utf8(&mut tmp).as_bytes(),
            None => std::slice::from_ref(&raw[i]),
        };
        for &b in bytes {
            if out.len() < keep {
                out.push(b);
                at.push(base + i);
            }
            total += 1;
        }
        i += len;
    }
    // The end of what is kept: the closing quote, or the next byte's place.
    let end = if total > out.len() {
        at.last().map_or(base + 1, |&a| a + 1)
    } else {
        base + inner_end
    };
    at.push(end);
    Some((out, at, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_map_to_their_first_byte_and_the_end_to_the_quote() {
        let raw = br#""a\"b\u00e9\ud83d\ude00c""#;
        let (bytes, at, total) = unescape(raw, 10, usize::MAX).unwrap();
        assert_eq!(bytes, "a\"b\u{e9}\u{1F600}c".as_bytes());
        assert_eq!(total, bytes.len());
        // a at 11, \" at 12, b at 14, \u00e9 at 15 (two bytes), the pair at
        // 21 (four bytes), c at 33, the closing quote at 34.
        assert_eq!(at, [11, 12, 14, 15, 15, 21, 21, 21, 21, 33, 34], "{at:?}");
    }

    #[test]
    fn a_kept_prefix_counts_the_whole() {
        let (bytes, at, total) = unescape(br#""abcdef""#, 0, 2).unwrap();
        assert_eq!((bytes.as_slice(), total), (&b"ab"[..], 6));
        assert_eq!(at, [1, 2, 3]);
    }

    #[test]
    fn lone_surrogates_and_non_strings() {
        let (bytes, _, _) = unescape(br#""\ud800x""#, 0, 99).unwrap();
        assert_eq!(bytes, "\u{FFFD}x".as_bytes());
        assert!(unescape(b"12", 0, 9).is_none());
        assert!(unescape(b"\"", 0, 9).is_none());
        assert!(unescape(br#""\q""#, 0, 9).is_none());
    }

    proptest::proptest! {
        /// Any string, each character written plainly or as a `\u` escape
        /// (a surrogate pair beyond the BMP): decoded to itself, and each
        /// character placed where its text starts.
        #[test]
        fn any_string_decodes_and_maps_back(chars in proptest::collection::vec((proptest::prelude::any::<char>(), proptest::prelude::any::<bool>()), 0..40)) {
            let mut raw = String::from("\"");
            let mut want = String::new();
            let mut starts = Vec::new();
            for (c, escaped) in &chars {
                want.push(*c);
                let must = matches!(c, '"' | '\\') || (*c as u32) < 0x20;
                starts.push((raw.len(), *escaped || must));
                if *escaped || must {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        raw.push_str(&format!("\\u{u:04x}"));
                    }
                } else {
                    raw.push(*c);
                }
            }
            raw.push('"');
            let (bytes, at, total) = unescape(raw.as_bytes(), 7, usize::MAX).unwrap();
            proptest::prop_assert_eq!(&bytes, want.as_bytes());
            proptest::prop_assert_eq!(total, bytes.len());
            let mut b = 0;
            for (c, (start, escaped)) in want.chars().zip(starts) {
                // An escape's bytes all point at its backslash; a plain
                // character's each at itself.
                for k in 0..c.len_utf8() {
                    let from = if escaped { 0 } else { k };
                    proptest::prop_assert_eq!(at[b + k], 7 + start + from);
                }
                b += c.len_utf8();
            }
            proptest::prop_assert_eq!(at[b], 7 + raw.len() - 1);
        }

        /// No input makes reading a HAR, decoding or placing panic.
        #[test]
        fn no_input_panics(text in "\\PC{0,80}", keep in 0usize..20, s in 0usize..100, e in 0usize..100) {
            let har = format!(
                r#"{{"log":{{"entries":[{{"request":{{"headers":[{{"name":"X-Amz-Target","value":"AWSCognitoIdentityProviderService.SignUp"}}],"postData":{{"text":{text},"encoding":"base64"}}}}}}]}}}}"#
            );
            for input in [text.as_str(), har.as_str()] {
                if let Ok(entries) = entries(input) {
                    for entry in entries {
                        if let Ok(body) = entry.body(input, keep) {
                            let _ = body.locate(Span { start: s, end: e });
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn only_cognito_targets_are_entries_and_errors_quote_nothing() {
        let har = r#"{"log":{"entries":[
          {"request":{"headers":[{"name":"x-amz-target","value":"AWSCognitoIdentityProviderService.SignUp"}],"postData":{"text":"{}"}}},
          {"request":{"headers":[{"name":"X-Amz-Target","value":"DynamoDB_20120810.GetItem"}]}},
          {"request":{"headers":[]}},
          {"request":{"headers":[{"name":"X-AMZ-TARGET","value":"AWSCognitoIdentityProviderService.NoSuchThing"}]}}
        ]}}"#;
        let e = entries(har).unwrap();
        let got: Vec<(usize, Target)> = e.iter().map(|e| (e.index, e.target)).collect();
        let signup = Operation::from_name("SignUp").unwrap();
        assert_eq!(got, [(0, Target::Known(signup)), (3, Target::Unknown)]);
        // `Entry` has no `Debug` (it would print the body): no `unwrap_err`.
        let err = entries(r#"{"log":{"entries":"SECRET-MARKER"}}"#)
            .err()
            .unwrap();
        assert!(!err.contains("SECRET"), "{err}");
        assert!(err.contains("line 1"), "{err}");
        let err = entries("SECRET-MARKER").err().unwrap();
        assert!(!err.contains("SECRET"), "{err}");
    }
}
