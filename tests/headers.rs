//! `Rejection::headers` (issue 14.16, reference section 5): the service's
//! three headers, `x-amzn-ErrorMessage` percent-encoded so that any message
//! fits in a header value.

#[path = "common/percent.rs"]
mod percent;

use cognito_validate::pool::Schema;
use cognito_validate::{validate_json, NamePattern, Options, Rejection};

fn reject(body: &str, options: &Options) -> Rejection {
    validate_json(body.as_bytes(), options).unwrap_err()
}

/// Percent-decoding, written out in the tests so that they do not trust
/// the encoder's own idea of it.
fn percent_decode(s: &str) -> String {
    String::from_utf8(percent::decode(s)).unwrap()
}

fn error_message(r: &Rejection) -> String {
    let h = r.headers();
    assert_eq!(h[1].0, "x-amzn-ErrorMessage");
    let v = h[1].1.clone();
    // A header value: visible ASCII and inner spaces only.
    assert!(
        v.bytes().all(|b| b.is_ascii_graphic() || b == b' '),
        "{v:?}"
    );
    assert!(!v.starts_with(' ') && !v.ends_with(' '), "{v:?}");
    assert_eq!(percent_decode(&v), r.message(), "{v:?}");
    v
}

#[test]
fn the_three_headers_of_reference_section_5() {
    let r = reject(r#"{"UserAttributes": []}"#, &Options::default());
    let names: Vec<&str> = r.headers().iter().map(|h| h.0).collect();
    assert_eq!(
        names,
        ["x-amzn-ErrorType", "x-amzn-ErrorMessage", "Content-Type"]
    );
    assert_eq!(
        error_message(&r),
        "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn line_form_messages_keep_their_line_breaks_encoded() {
    // Two unknown attributes: one `user.<name>: …\n` line each.
    let body = r#"{"AccessToken": "t", "UserAttributes": [
        {"Name": "nickñame", "Value": "a"}, {"Name": "custom:plan%", "Value": "b"}]}"#;
    let pool = Schema::from_json(br#"[]"#).unwrap();
    let r = reject(body, &Options::default().with_schema(pool));
    assert_eq!(
        r.message(),
        "user.nickñame: Attribute does not exist in the schema.\nuser.custom:plan%: Attribute does not exist in the schema.\n"
    );
    assert_eq!(
        error_message(&r),
        "user.nick%C3%B1ame: Attribute does not exist in the schema.%0Auser.custom:plan%25: Attribute does not exist in the schema.%0A"
    );
}

#[test]
fn controls_and_white_space_in_names_are_encoded() {
    // The current pattern admits tab, line feed, carriage return and space in
    // names; the phase-one message quotes the name with a character outside
    // the pattern (a bell) next to them.
    let body = "{\"AccessToken\": \"t\", \"UserAttributes\": [{\"Name\": \" a\\tb\\r\\nc\\u0007 \", \"Value\": \"v\"}]}";
    let opts = Options::default()
        .with_name_pattern(NamePattern::Current)
        .phase_one_only();
    let r = reject(body, &opts);
    assert!(
        r.message().contains("Value ' a\tb\r\nc\u{7} ' at"),
        "{}",
        r.message()
    );
    let v = error_message(&r);
    assert!(v.contains("Value ' a%09b%0D%0Ac%07 ' at"), "{v}");
}

#[test]
fn a_space_inside_stays() {
    // A name ending in a space: the space is inside the message, which ends
    // in `\n`. (A space at either end is encoded: see the unit test in
    // `src/aws.rs`; no message begins or ends with one today.)
    let body = r#"{"AccessToken": "t", "UserAttributes": [{"Name": "x ", "Value": "v"}]}"#;
    let opts = Options::default()
        .with_name_pattern(NamePattern::Current)
        .with_schema(Schema::from_json(b"[]").unwrap());
    let r = reject(body, &opts);
    assert_eq!(
        error_message(&r),
        "user.x : Attribute does not exist in the schema.%0A"
    );
}
