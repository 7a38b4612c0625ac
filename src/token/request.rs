//! The token check inside a request check: after phase one passed, the
//! request's `AccessToken` is checked and a fault becomes a finding at the
//! token's span.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{check_access_token, TokenCheck};
use crate::diagnostic::{Diagnostic, Span};

/// The request's `AccessToken`, as JSON text borrowed from the input.
#[derive(Deserialize)]
struct WithToken<'a> {
    #[serde(rename = "AccessToken", borrow)]
    token: Option<&'a RawValue>,
}

/// The `AccessToken` of a request that passed phase one (so it is a JSON
/// object with at most one `AccessToken`, a string), decoded, and the span of
/// its JSON string.
fn locate(input: &[u8]) -> Option<(Cow<'_, str>, Span)> {
    let raw = serde_json::from_slice::<WithToken<'_>>(input).ok()?.token?;
    let text = raw.get();
    let start = (text.as_ptr() as usize).checked_sub(input.as_ptr() as usize)?;
    let token = serde_json::from_str::<Cow<'_, str>>(text).ok()?;
    Some((
        token,
        Span {
            start,
            end: start + text.len(),
        },
    ))
}

/// The finding for the `AccessToken` of `input`, a request that passed phase
/// one, when `check` refuses it (or the token lacks `required_scope`).
/// `token` is the token when the caller has it already, with the span of its
/// JSON string when known (else looked up only for a fault). `None` when the
/// request has no token.
pub(crate) fn finding(
    input: &[u8],
    token: Option<(&str, Option<Span>)>,
    check: &TokenCheck,
    required_scope: Option<&str>,
) -> Option<Diagnostic> {
    let (token, span) = match token {
        Some((t, span)) => (Cow::Borrowed(t), span),
        None => {
            let (t, span) = locate(input)?;
            (t, Some(span))
        }
    };
    let err = check_access_token(
        &token,
        &check.keys,
        check.now,
        &check.policy,
        required_scope,
    )
    .err()?;
    let span = span.or_else(|| locate(input).map(|(_, s)| s));
    Some(err.diagnostic(span))
}

/// Puts the token's finding among `diags` in document order (first when it
/// has no span). It decides the answer, so under the cap it takes the place
/// of the last finding kept.
pub(crate) fn keep(diags: &mut Vec<Diagnostic>, d: Diagnostic, cap: usize) {
    if diags.len() >= cap.max(1) {
        diags.truncate(cap.max(1) - 1);
    }
    let at = match d.span {
        Some(s) => diags.partition_point(|k| k.span.is_some_and(|k| k.start < s.start)),
        None => 0,
    };
    diags.insert(at, d);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_span_is_the_json_string_escapes_decoded() {
        let input = br#"{"UserAttributes": [], "AccessToken" : "a\u002eb.c"}"#;
        let (token, span) = locate(input).unwrap();
        assert_eq!(token, "a.b.c");
        assert_eq!(&input[span.start..span.end], br#""a\u002eb.c""#);
        assert!(locate(br#"{"UserAttributes": []}"#).is_none());
    }
}
