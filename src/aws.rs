//! The service's answer to a refused request, rendered exactly: status,
//! headers and the `{"__type":…,"message":…}` body.
//!
//! Message rules (reference section 3): `1 validation error detected: ` or
//! `N validation errors detected: `, then the items joined by `; `. A body the
//! service cannot read at all gets a `SerializationException` naming the first
//! such problem instead.

use crate::chars;
use crate::diagnostic::Diagnostic;
use crate::path::push_decimal;
use crate::rule::{ErrorType, Rule, Severity};

/// Whether the service words the rule as `user.<name>: …` lines, one per name,
/// each ending in a line break (reference section 4).
pub(crate) fn line_form(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::AttributeNotInSchema
            | Rule::ImmutableAttribute
            | Rule::DeveloperOnlyAttribute
            | Rule::StringTooShort
            | Rule::StringTooLong
            | Rule::NotANumber
            | Rule::NumberOutOfRange
            | Rule::NotABoolean
            | Rule::NotADateTime
    )
}

/// A refused request: the error diagnostics and the AWS answer they make.
///
/// Neither its `Display`, its `Debug` nor its body ever holds the access token
/// or an attribute value.
///
/// ```
/// use cognito_validate::{validate_json, Options};
/// let err = validate_json(br#"{"UserAttributes": []}"#, &Options::default()).unwrap_err();
/// assert_eq!(err.status(), 400);
/// assert_eq!(
///     err.body(),
///     r#"{"__type":"InvalidParameterException","message":"1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must not be null"}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{error_type}: {message}")]
pub struct Rejection {
    error_type: ErrorType,
    message: String,
    diagnostics: Vec<Diagnostic>,
    errors: usize,
}

/// The HTTP status of every answer rendered here; public as [`Rejection::STATUS`].
pub(crate) const STATUS: u16 = 400;

/// The `Content-Type` of AWS JSON 1.1 answers; public as
/// [`Rejection::CONTENT_TYPE`].
pub(crate) const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

impl Rejection {
    /// The HTTP status of every answer: 400.
    pub const STATUS: u16 = STATUS;

    /// The `Content-Type` of AWS JSON 1.1 answers.
    pub const CONTENT_TYPE: &'static str = CONTENT_TYPE;

    /// Builds the answer for a request with these diagnostics (warnings are
    /// dropped), of which `counts.0` were phase-one errors and `counts.1`
    /// errors in all, kept or not. Returns `None` when there is no error.
    pub(crate) fn from_diagnostics(
        diags: Vec<Diagnostic>,
        (phase_one, errors): (usize, usize),
    ) -> Option<Rejection> {
        if errors == 0 {
            return None;
        }
        let mut diagnostics: Vec<Diagnostic> = diags
            .into_iter()
            .filter(|d| d.severity() == Severity::Error)
            .collect();
        if phase_one == 0 {
            return Some(Self::phase_two(diagnostics));
        }
        diagnostics.retain(|d| d.rule.phase() == 1);
        // A text that is not JSON at all outranks a value of the wrong type
        // found before the parse stopped; otherwise the service stops at the
        // first thing it cannot read.
        let unreadable = diagnostics
            .iter()
            .position(|d| d.rule.stops_parse())
            .or_else(|| {
                diagnostics
                    .iter()
                    .position(|d| d.rule.error_type() == ErrorType::SerializationException)
            });
        if let Some(i) = unreadable {
            let d = diagnostics.swap_remove(i);
            return Some(Rejection {
                error_type: ErrorType::SerializationException,
                message: d.message(),
                diagnostics: vec![d],
                errors: 1,
            });
        }
        // One buffer, sized for the usual item (about 150 bytes), written
        // in place: no string per item, no `fmt`.
        let mut message = String::with_capacity(40 + diagnostics.len() * 160);
        if phase_one == 1 {
            message.push_str("1 validation error detected: ");
        } else {
            push_decimal(&mut message, phase_one as u64);
            message.push_str(" validation errors detected: ");
        }
        for (i, d) in diagnostics.iter().enumerate() {
            if i > 0 {
                message.push_str("; ");
            }
            d.push_message(&mut message);
        }
        Some(Rejection {
            error_type: ErrorType::InvalidParameterException,
            message,
            diagnostics,
            errors: phase_one,
        })
    }

    /// The answer to a request that passed phase one: the first class of
    /// business rule that applies, in the order the service is taken to check
    /// them; `user.<name>: …` classes list one line per name, each ending in
    /// `\n`.
    fn phase_two(mut diagnostics: Vec<Diagnostic>) -> Rejection {
        let first = diagnostics
            .iter()
            .filter_map(|d| d.rule.business_order())
            .min();
        diagnostics.retain(|d| d.rule.business_order() == first);
        let error_type = diagnostics
            .first()
            .map_or(ErrorType::InvalidParameterException, |d| {
                d.rule.error_type()
            });
        let message = match diagnostics.first() {
            Some(d) if line_form(d.rule) => diagnostics
                .iter()
                .map(|d| d.message() + "\n")
                .collect::<String>(),
            Some(d) => d.message(),
            None => String::new(),
        };
        Rejection {
            error_type,
            message,
            errors: diagnostics.len(),
            diagnostics,
        }
    }

    /// The same answer with another message (an operation's own voice).
    pub(crate) fn with_message(mut self, message: String) -> Rejection {
        self.message = message;
        self
    }

    /// The error class: `InvalidParameterException` or `SerializationException`.
    pub fn error_type(&self) -> ErrorType {
        self.error_type
    }

    /// The `message` of the body, e.g. for a request without a token:
    ///
    /// ```
    /// use cognito_validate::{validate_json, Options};
    /// let err = validate_json(br#"{"UserAttributes": []}"#, &Options::default()).unwrap_err();
    /// assert_eq!(
    ///     err.message(),
    ///     "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: \
    ///      Member must not be null"
    /// );
    /// ```
    ///
    /// When more errors were found than [`crate::Options::max_diagnostics`]
    /// keeps, the count is of all of them and the items of those kept.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The error diagnostics behind the answer, in document order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// How many errors were found, including any beyond the cap.
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// The HTTP status: always 400.
    pub fn status(&self) -> u16 {
        STATUS
    }

    /// The headers the service sends with the answer (reference section 5):
    /// `x-amzn-ErrorType` (`<Name>:`), `x-amzn-ErrorMessage` and
    /// `Content-Type`.
    ///
    /// `x-amzn-ErrorMessage` carries [`Rejection::message`] percent-encoded,
    /// since a header value cannot hold line breaks or other control
    /// characters and should be ASCII, while messages end in `\n` in the
    /// `user.<name>: …` form and quote names in any script. Every byte of the
    /// message's UTF-8 outside visible ASCII, `%` itself, and a space at
    /// either end become `%XX` (upper-case hex); a space inside stays. Any
    /// percent-decoder gives the message back. How the service itself sends
    /// such messages is not known: this encoding is the tool's choice.
    ///
    /// ```
    /// use cognito_validate::{validate_json, Options};
    /// let body = r#"{"AccessToken": "eyJ0.eyJ1.c2ln",
    ///                "UserAttributes": [{"Name": "nickñame", "Value": "Ada"}]}"#;
    /// let err = validate_json(body.as_bytes(), &Options::default()).unwrap_err();
    /// assert_eq!(err.message(), "user.nickñame: Attribute does not exist in the schema.\n");
    /// assert_eq!(
    ///     err.headers()[1],
    ///     ("x-amzn-ErrorMessage", "user.nick%C3%B1ame: Attribute does not exist in the schema.%0A".to_string())
    /// );
    /// ```
    pub fn headers(&self) -> [(&'static str, String); 3] {
        [
            ("x-amzn-ErrorType", format!("{}:", self.error_type)),
            ("x-amzn-ErrorMessage", header_text(&self.message)),
            ("Content-Type", CONTENT_TYPE.to_string()),
        ]
    }

    /// The body: `{"__type":"<Name>","message":"<text>"}`, compact, with JSON
    /// string escaping.
    pub fn body(&self) -> String {
        let type_name = self.error_type.as_str();
        let mut out = String::with_capacity(32 + type_name.len() + self.message.len() * 9 / 8);
        out.push_str("{\"__type\":\"");
        push_json_text(&mut out, type_name);
        out.push_str("\",\"message\":\"");
        push_json_text(&mut out, &self.message);
        out.push_str("\"}");
        out
    }
}

/// Appends `text` to `out` escaped as the inside of a JSON string, byte for
/// byte as serde_json escapes it (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`,
/// `\t`, other control characters as `\u00xx` in lower case; everything
/// else as is), copying the runs between escapes whole.
fn push_json_text(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    let mut run = 0;
    loop {
        // The reader's scan for the end of a plain string run stops at
        // exactly the bytes JSON escapes, eight bytes at a time.
        let i = run + chars::json_plain_len(bytes.get(run..).unwrap_or_default());
        let Some(&b) = bytes.get(i) else {
            break;
        };
        // `i` is at an ASCII byte, so both slices end on char boundaries.
        out.push_str(text.get(run..i).unwrap_or_default());
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
        run = i + 1;
    }
    out.push_str(text.get(run..).unwrap_or_default());
}

/// `text` as a header value: the bytes outside visible ASCII, `%`, and a
/// space at either end percent-encoded (see [`Rejection::headers`]).
pub(crate) fn header_text(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        let inner_space = b == b' ' && i != 0 && i + 1 != bytes.len();
        if (b.is_ascii_graphic() && b != b'%') || inner_space {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{header_text, push_json_text};

    #[test]
    fn json_text_is_escaped_as_serde_json_escapes_it() {
        let mut every: String = (0u8..0x80).map(char::from).collect();
        every.push_str("é東👍\u{7f}\u{2028}x\"\\");
        let long =
            "Value 'bad name 1' at 'userAttributes.1.member.name' failed: [\\p{L}\\p{M}]+; é\"\n";
        for text in [
            every.as_str(),
            long,
            "",
            "plain",
            "\"",
            "a\u{1}b",
            "[\\p{L}]+",
        ] {
            let mut ours = String::from("\"");
            push_json_text(&mut ours, text);
            ours.push('"');
            let theirs = serde_json::to_string(text).expect("a str always serializes");
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    #[test]
    fn header_text_encodes_what_a_header_value_cannot_hold() {
        // A header value's outer white space is lost in transit.
        assert_eq!(header_text(" a b "), "%20a b%20");
        assert_eq!(header_text(" "), "%20");
        assert_eq!(header_text("100%\t\u{7f}é"), "100%25%09%7F%C3%A9");
        assert_eq!(header_text(""), "");
    }
}
