//! Making text safe to print: names, keys, messages and file names come from
//! the input and may hold control characters that a terminal or a log viewer
//! obeys (`ESC ]0;…BEL` sets a window title, `ESC [2J` clears the screen, a
//! newline forges a finding line). The text formats print them escaped; the
//! JSON formats, whose encoder leaves DEL, C1 controls and bidirectional
//! overrides raw, write those as `\uXXXX` escapes.
//!
//! Escapes: `\n`, `\r`, `\t`, and `\u{…}` for any other character that
//! [`is_unsafe`]. A backslash is left as it is, so that Windows paths stay
//! readable; a name that holds `\u{1b}` as text prints the same as one
//! holding ESC, which is harmless.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

/// Whether `c` must not reach a terminal raw: control characters (C0, DEL,
/// C1), the line and paragraph separators, and the bidirectional embedding,
/// override and isolate characters (which reorder what is shown).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{061C}' | '\u{200E}' | '\u{200F}'
        )
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `s` with every unsafe character escaped.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Writes `value` as JSON (pretty or compact) with every unsafe character
/// the encoder leaves raw (DEL, C1, the separators and bidi controls)
/// written as a `\uXXXX` escape. Such characters can
/// only stand inside JSON strings, where the escape means the same.
pub fn write_json<T: Serialize>(out: &mut dyn Write, value: &T, pretty: bool) -> io::Result<()> {
    let bytes = if pretty {
        serde_json::to_vec_pretty(value)?
    } else {
        serde_json::to_vec(value)?
    };
    // serde_json writes valid UTF-8, escapes C0 controls inside strings and
    // writes them raw only as layout (newlines, spaces) outside strings.
    let raw = |c: char| c >= ' ' && is_unsafe(c);
    let text = String::from_utf8_lossy(&bytes);
    if !text.chars().any(raw) {
        return out.write_all(&bytes);
    }
    let mut safe = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if raw(c) {
            let _ = write!(safe, "\\u{:04x}", u32::from(c));
        } else {
            safe.push(c);
        }
    }
    out.write_all(safe.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_escaped_the_rest_kept() {
        assert_eq!(
            escape("a\u{1b}]0;x\u{7}\n\tb\u{9b}\u{202e}é好\\"),
            "a\\u{1b}]0;x\\u{7}\\n\\tb\\u{9b}\\u{202e}é好\\"
        );
        assert!(matches!(escape("plain ü"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_gets_the_raw_ones_escaped_and_means_the_same() {
        let v = serde_json::json!({"m": "a\u{7f}\u{9b}\u{202e}\u{1b}b"});
        let mut out = Vec::new();
        write_json(&mut out, &v, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, r#"{"m":"a\u007f\u009b\u202e\u001bb"}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
