//! Checks shared by the fuzz targets: what in a request body is secret, and
//! that no output of the library shows it.
//!
//! What is sound to check. A secret (the access token, an attribute value)
//! may legitimately turn up in an output when the same text is also public:
//! a name, a key or a metadata string that contains it, or the fixed words
//! of a message and its help (`userAttributes.1.member.value` is a valid
//! token; the fuzzer soon finds a value spelt "did you mean `AccessTok").
//! The fixed texts are all ASCII (but for `…`), so a secret counts as leaked
//! only when it is at least [`MIN_SECRET_CHARS`] long, holds a non-ASCII
//! character other than `…` (no fixed text can then contain it), and occurs
//! in no public string of the input. Digits are compared as `0`. The
//! `aws_render` target puts such a character into every value itself.
//! Independently, every diagnostic about a secret member must show it as
//! omitted, which needs no text search and covers ASCII tokens.

use cognito_validate::{Diagnostic, Rejection, Rule, Shown};
use serde_json::Value;

/// Secrets shorter than this (in characters) are not searched for.
pub const MIN_SECRET_CHARS: usize = 8;

/// The strings of one request body, split into secret and public ones.
#[derive(Default, Debug)]
pub struct Strings {
    /// The access token and attribute values (and any string nested in them
    /// when they have the wrong type).
    pub secrets: Vec<String>,
    /// Every other string and every key, joined, with the fixed texts.
    pub public: String,
}

/// Fixed texts of messages and help lines, for [`Strings::public`].
const FIXED: &[&str] = &[
    "1 validation error detected: ",
    "0 validation errors detected: ",
    "Value '' at 'userAttributes.0.member.name' failed to satisfy constraint: ",
    "Value at 'userAttributes.0.member.value' failed to satisfy constraint: ",
    "Value at 'accessToken' failed to satisfy constraint: ",
    "Value null at 'userAttributes.0.member.name' failed to satisfy constraint: ",
    "Value null at 'userAttributes' failed to satisfy constraint: ",
    "Value null at 'accessToken' failed to satisfy constraint: ",
    "clientMetadata",
    "Member must have length less than or equal to 0",
    "Member must have length greater than or equal to 0",
    "Member must satisfy regular expression pattern: ",
    r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+",
    r"[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r ]+",
    "[A-Za-z0-9-_=.]+",
    "Member must not be null",
    "the limit is at least 0 characters; this has 0",
    "the limit is 0 characters; this has 0",
    "the value is empty; the pattern needs at least one character",
    "character 0 is outside the alphabet: tokens use base64url (`-` and `_`), not base64 (`+` and `/`)",
    "character 0 is white space; trim the token",
    "character 0 is outside the alphabet [A-Za-z0-9-_=.]",
    "which the pattern does not allow; the current pattern (`--name-pattern current`) admits it",
];

/// Whether a secret can be searched for soundly: long enough, and holding a
/// character no fixed text of the library holds.
pub fn distinctive(s: &str) -> bool {
    s.chars().count() >= MIN_SECRET_CHARS && s.chars().any(|c| !c.is_ascii() && c != '…')
}

/// Digits read as `0`: counts and indexes vary, words do not.
pub fn norm(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

fn all_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| all_strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| all_strings(x, out)),
        _ => {}
    }
}

fn public_strings(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => out.push_str(s),
        Value::Array(a) => a.iter().for_each(|x| {
            public_strings(x, out);
            out.push('\u{0}');
        }),
        Value::Object(o) => {
            for (k, x) in o {
                out.push_str(k);
                out.push('\u{0}');
                public_strings(x, out);
                out.push('\u{0}');
            }
        }
        _ => {}
    }
}

impl Strings {
    /// The strings of a body that `serde_json` reads (for repeated keys it
    /// keeps the last value; the first is secret as well, but the library
    /// never shows a repeated member's value, so nothing is lost).
    pub fn of_json(input: &[u8]) -> Option<Strings> {
        let v: Value = serde_json::from_slice(input).ok()?;
        let mut s = Strings::default();
        let mut public = v.clone();
        if let Some(o) = public.as_object_mut() {
            if let Some(t) = o.remove("AccessToken") {
                all_strings(&t, &mut s.secrets);
            }
            if let Some(Value::Array(list)) = o.get_mut("UserAttributes") {
                for a in list.iter_mut().filter_map(Value::as_object_mut) {
                    // The value is secret; its key stays public.
                    if let Some(val) = a.insert("Value".into(), Value::Null) {
                        all_strings(&val, &mut s.secrets);
                    }
                }
            }
        }
        public_strings(&public, &mut s.public);
        s.add_fixed();
        Some(s)
    }

    /// Strings given directly: `secrets` and `public` ones.
    pub fn of(secrets: Vec<String>, public: &[&str]) -> Strings {
        let mut s = Strings {
            secrets,
            public: public.join("\u{0}"),
        };
        s.add_fixed();
        s
    }

    fn add_fixed(&mut self) {
        for f in FIXED {
            self.public.push('\u{0}');
            self.public.push_str(f);
        }
        for r in Rule::ALL {
            for t in [
                r.code(),
                r.name(),
                r.summary(),
                r.explanation(),
                r.example_bad(),
                r.example_good(),
            ] {
                self.public.push('\u{0}');
                self.public.push_str(t);
            }
        }
        self.public = norm(&self.public);
    }

    /// Panics if `text` (named `what`) shows a secret.
    pub fn assert_hidden(&self, what: &str, text: &str) {
        let text = norm(text);
        for s in &self.secrets {
            if !distinctive(s) {
                continue;
            }
            let n = norm(s);
            if text.contains(&n) && !self.public.contains(&n) {
                panic!("{what} shows the secret {s:?}: {text:?}");
            }
        }
    }

    /// Checks every text a rejection offers.
    pub fn assert_rejection_hidden(&self, r: &Rejection) {
        self.assert_hidden("message", r.message());
        self.assert_hidden("body", &r.body());
        self.assert_hidden("Display", &r.to_string());
        self.assert_hidden("Debug", &format!("{r:?}"));
        for d in r.diagnostics() {
            self.assert_diagnostic_hidden(d);
        }
    }

    /// Checks every text of a diagnostic.
    pub fn assert_diagnostic_hidden(&self, d: &Diagnostic) {
        assert_secret_omitted(d);
        self.assert_hidden("diagnostic", &d.to_string());
        self.assert_hidden("diagnostic message", &d.message());
        if let Some(t) = &d.detail {
            self.assert_hidden("detail", t);
        }
        if let Some(t) = &d.help {
            self.assert_hidden("help", t);
        }
    }
}

/// A diagnostic about the access token or an attribute value never holds
/// its text.
pub fn assert_secret_omitted(d: &Diagnostic) {
    let p = d.path.json_pointer();
    let secret = p == "/AccessToken"
        || (p.starts_with("/UserAttributes/")
            && p.ends_with("/Value")
            && p.matches('/').count() == 3);
    if secret {
        assert!(
            !matches!(d.shown, Shown::Text(_)),
            "{} shows the value at {p}",
            d.rule.code()
        );
    }
}

/// A rendered answer reads back: the body is a JSON object of exactly
/// `__type` and `message`, equal to the rejection's; the headers and status
/// are the service's.
pub fn assert_rendering(r: &Rejection) {
    let body: Value = serde_json::from_str(&r.body()).expect("the body is JSON");
    let o = body.as_object().expect("the body is an object");
    assert_eq!(o.len(), 2, "{body}");
    assert_eq!(o["__type"], r.error_type().as_str());
    assert_eq!(o["message"], r.message());
    assert_eq!(r.status(), 400);
    let [(n1, v1), (n2, v2), (n3, v3)] = r.headers();
    assert_eq!(n1, "x-amzn-ErrorType");
    assert_eq!(v1, format!("{}:", r.error_type().as_str()));
    assert_eq!(n2, "x-amzn-ErrorMessage");
    assert!(v2.bytes().all(|b| b.is_ascii_graphic() || b == b' '), "{v2}");
    assert_eq!(n3, "Content-Type");
    assert_eq!(v3, "application/x-amz-json-1.1");
    assert!(!r.message().is_empty());
}
