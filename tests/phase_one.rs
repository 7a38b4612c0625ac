//! Phase one through `validate_json`: the real AWS messages of reference
//! section 3 byte for byte, and every shape rule at and across its boundary.
//!
//! Expected messages are written from the reference (section 3) and the rule
//! definitions, not from the code's output.

use cognito_validate::{check_json, validate_json, NamePattern, Options, Rejection};

const TOKEN: &str = "eyJraWQiOiJhYmMifQ.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl";
const LEGACY: &str = r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+";
const CURRENT: &str = r"[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r ]+";

/// A request with one attribute; `name` and `value` are JSON fragments.
fn one(name: &str, value: &str) -> String {
    format!(
        r#"{{"AccessToken": "{TOKEN}", "UserAttributes": [{{"Name": {name}, "Value": {value}}}]}}"#
    )
}

/// A JSON string literal of `s`.
fn lit(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Phase one only: these tests are about shapes, and names such as `a` are
/// not attributes of any pool.
fn p1() -> Options {
    Options::default().phase_one_only()
}

fn reject(body: &str, opts: &Options) -> Rejection {
    validate_json(body.as_bytes(), opts).expect_err("the request must be rejected")
}

fn codes(body: &str, opts: &Options) -> Vec<&'static str> {
    match validate_json(body.as_bytes(), opts) {
        Ok(_) => vec![],
        Err(r) => r.diagnostics().iter().map(|d| d.rule.code()).collect(),
    }
}

fn ok(body: &str, opts: &Options) {
    if let Err(e) = validate_json(body.as_bytes(), opts) {
        panic!("expected {body} to pass, got {e}");
    }
}

#[test]
fn real_message_empty_name() {
    let r = reject(&one(r#""""#, r#""x""#), &p1());
    assert_eq!(r.error_type().as_str(), "InvalidParameterException");
    assert_eq!(
        r.message(),
        r"2 validation errors detected: Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]+"
    );
}

#[test]
fn real_message_null_name() {
    for body in [
        one("null", r#""x""#),
        format!(r#"{{"AccessToken": "{TOKEN}", "UserAttributes": [{{"Value": "x"}}]}}"#),
    ] {
        let r = reject(&body, &p1());
        assert_eq!(
            r.message(),
            "1 validation error detected: Value null at 'userAttributes.1.member.name' failed to satisfy constraint: Member must not be null"
        );
    }
}

#[test]
fn real_message_token_pattern() {
    let body = r#"{"AccessToken": "abc+def/ghi", "UserAttributes": []}"#;
    let r = reject(body, &p1());
    assert_eq!(
        r.message(),
        "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+"
    );
    assert_eq!(
        r.body(),
        r#"{"__type":"InvalidParameterException","message":"1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+"}"#
    );
}

#[test]
fn real_message_token_null() {
    for body in [
        r#"{"UserAttributes": []}"#,
        r#"{"AccessToken": null, "UserAttributes": []}"#,
    ] {
        let r = reject(body, &p1());
        assert_eq!(
            r.message(),
            "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must not be null"
        );
    }
}

#[test]
fn answer_envelope() {
    let r = reject(r#"{"UserAttributes": []}"#, &p1());
    assert_eq!(r.status(), 400);
    let h = r.headers();
    assert_eq!(
        h[0],
        ("x-amzn-ErrorType", "InvalidParameterException:".to_string())
    );
    // Reference section 5: the message in a header too. The message has no
    // byte outside visible ASCII but its inner spaces, so it stands as it is.
    assert_eq!(h[1], ("x-amzn-ErrorMessage", r.message().to_string()));
    assert_eq!(
        h[2],
        ("Content-Type", "application/x-amz-json-1.1".to_string())
    );
    let body: serde_json::Value = serde_json::from_str(&r.body()).unwrap();
    assert_eq!(body["__type"], "InvalidParameterException");
    assert_eq!(body["message"], r.message());
    assert_eq!(body.as_object().unwrap().len(), 2);
}

#[test]
fn name_length_boundaries_ascii_astral_and_combining() {
    let opts = p1();
    let at = |s: String| one(&lit(&s), r#""v""#);
    ok(&at("a".repeat(32)), &opts);
    ok(&at("👍".repeat(32)), &opts);
    // "e" + COMBINING ACUTE ACCENT is two scalar values.
    ok(&at("e\u{301}".repeat(16)), &opts);
    assert_eq!(codes(&at("a".repeat(33)), &opts), ["S102"]);
    assert_eq!(codes(&at("👍".repeat(33)), &opts), ["S102"]);
    assert_eq!(
        codes(&at(format!("{}e", "e\u{301}".repeat(16))), &opts),
        ["S102"]
    );

    let r = reject(&at("a".repeat(33)), &opts);
    let name = "a".repeat(33);
    assert_eq!(
        r.message(),
        format!("1 validation error detected: Value '{name}' at 'userAttributes.1.member.name' failed to satisfy constraint: Member must have length less than or equal to 32")
    );
    assert_eq!(r.diagnostics()[0].measured, Some(33));
    // A 33-emoji name is 132 bytes but 33 characters.
    assert_eq!(
        reject(&at("👍".repeat(33)), &opts).diagnostics()[0].measured,
        Some(33)
    );
}

#[test]
fn name_pattern_tab_and_space_under_both_patterns() {
    let legacy = p1();
    let current = p1().with_name_pattern(NamePattern::Current);
    for name in ["given\tname", "given name", "line\nbreak", "cr\r"] {
        let body = one(&lit(name), r#""v""#);
        let r = reject(&body, &legacy);
        assert_eq!(
            r.message(),
            format!("1 validation error detected: Value '{name}' at 'userAttributes.1.member.name' failed to satisfy constraint: Member must satisfy regular expression pattern: {LEGACY}")
        );
        ok(&body, &current);
    }
    // NBSP and ZERO WIDTH SPACE fail both patterns; the current pattern is quoted.
    for name in ["a\u{a0}b", "a\u{200b}b"] {
        let body = one(&lit(name), r#""v""#);
        assert_eq!(codes(&body, &legacy), ["S103"]);
        let r = reject(&body, &current);
        assert!(
            r.message().ends_with(&format!("pattern: {CURRENT}")),
            "{}",
            r.message()
        );
    }
    // An empty name under the current pattern: length and current pattern.
    let r = reject(&one(r#""""#, r#""v""#), &current);
    assert_eq!(
        r.message(),
        format!("2 validation errors detected: Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: Member must satisfy regular expression pattern: {CURRENT}")
    );
}

#[test]
fn value_length_boundaries() {
    let opts = p1();
    ok(&one(r#""nickname""#, &lit(&"v".repeat(2048))), &opts);
    ok(&one(r#""nickname""#, &lit(&"ü".repeat(2048))), &opts);
    ok(&one(r#""nickname""#, r#""""#), &opts);
    ok(&one(r#""nickname""#, "null"), &opts);
    for value in ["v".repeat(2049), "ü".repeat(2049), "👍".repeat(2049)] {
        let r = reject(&one(r#""nickname""#, &lit(&value)), &opts);
        assert_eq!(
            r.message(),
            "1 validation error detected: Value at 'userAttributes.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 2048"
        );
        assert_eq!(r.diagnostics()[0].rule.code(), "S111");
        assert_eq!(r.diagnostics()[0].measured, Some(2049));
    }
}

#[test]
fn token_alphabet_boundaries() {
    let opts = p1();
    let with = |t: &str| format!(r#"{{"AccessToken": {}, "UserAttributes": []}}"#, lit(t));
    ok(&with("a"), &opts);
    ok(&with("AZaz09-_=."), &opts);
    ok(&with(&"x".repeat(100_000)), &opts);
    for bad in [
        "", "abc+def", "abc/def", "abc\n", "abc def", " abc", "abc\t", "é",
    ] {
        let r = reject(&with(bad), &opts);
        assert_eq!(
            r.message(),
            "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
            "token {bad:?}"
        );
        assert_eq!(r.diagnostics()[0].rule.code(), "S121");
    }
}

#[test]
fn metadata_boundaries() {
    let opts = p1();
    let with = |k: &str, v: &str| {
        format!(
            r#"{{"AccessToken": "{TOKEN}", "UserAttributes": [], "ClientMetadata": {{{}: {}}}}}"#,
            lit(k),
            lit(v)
        )
    };
    ok(&with("", ""), &opts);
    ok(&with(&"k".repeat(131_072), &"v".repeat(131_072)), &opts);
    assert_eq!(codes(&with(&"k".repeat(131_073), "v"), &opts), ["S131"]);
    assert_eq!(codes(&with("k", &"v".repeat(131_073)), &opts), ["S132"]);
    let r = reject(&with("k", &"v".repeat(131_073)), &opts);
    assert_eq!(
        r.message(),
        "1 validation error detected: Value at 'clientMetadata' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 131072]"
    );
}

#[test]
fn items_come_in_document_order_with_the_right_count() {
    let body = format!(
        r#"{{"AccessToken": "a b", "UserAttributes": [{{"Name": "ok", "Value": "x"}}, {{"Name": "", "Value": {}}}, {{"Value": "y"}}]}}"#,
        lit(&"v".repeat(2049))
    );
    let r = reject(&body, &p1());
    let codes: Vec<_> = r.diagnostics().iter().map(|d| d.rule.code()).collect();
    assert_eq!(codes, ["S121", "S101", "S103", "S111", "S001"]);
    assert!(r
        .message()
        .starts_with("5 validation errors detected: Value at 'accessToken'"));
    assert_eq!(r.message().matches("; Value").count(), 4);
    let paths: Vec<_> = r.diagnostics().iter().map(|d| d.path.aws()).collect();
    assert_eq!(
        paths,
        [
            "accessToken",
            "userAttributes.2.member.name",
            "userAttributes.2.member.name",
            "userAttributes.2.member.value",
            "userAttributes.3.member.name"
        ]
    );
}

#[test]
fn diagnostic_cap_keeps_the_count() {
    let attrs: Vec<String> = (0..30).map(|_| r#"{"Name": ""}"#.to_string()).collect();
    let body = format!(
        r#"{{"AccessToken": "t", "UserAttributes": [{}]}}"#,
        attrs.join(",")
    );
    let r = reject(&body, &p1().with_max_diagnostics(5));
    assert_eq!(r.error_count(), 60);
    assert_eq!(r.diagnostics().len(), 5);
    assert!(r.message().starts_with("60 validation errors detected: "));
    assert_eq!(r.message().matches("; ").count(), 4);
}

#[test]
fn spans_and_positions_point_at_the_value() {
    let body = format!(
        "{{\n  \"AccessToken\": \"{TOKEN}\",\n  \"UserAttributes\": [\n    {{\"Name\": \"é b\", \"Value\": \"x\"}}\n  ]\n}}"
    );
    let report = check_json(body.as_bytes(), &p1());
    let d = &report.diagnostics[0];
    assert_eq!(d.rule.code(), "S103");
    let start = body.find("\"é b\"").unwrap();
    let span = d.span.unwrap();
    assert_eq!((span.start, span.end), (start, start + "\"é b\"".len()));
    let pos = d.position.unwrap();
    assert_eq!(pos.line, 4);
    assert_eq!(pos.column, "    {\"Name\": ".chars().count() + 1);
    assert_eq!(d.path.json_pointer(), "/UserAttributes/0/Name");
}

#[test]
fn json_text_errors_are_serialization_exceptions() {
    let opts = p1();
    let cases: &[(&[u8], &str)] = &[
        (b"", "J001"),
        (b"   ", "J001"),
        (b"{\"AccessToken\": \"t\", \"UserAttributes\": [],}", "J001"),
        (b"{'AccessToken': 't'}", "J001"),
        (b"\xEF\xBB\xBF{\"AccessToken\": \"t\", \"UserAttributes\": []}", "J001"),
        (b"{\"AccessToken\": \"t\x01\", \"UserAttributes\": []}", "J001"),
        (b"{\"AccessToken\": \"t\", \"UserAttributes\": [01]}", "J001"),
        (b"{\"AccessToken\": \"t\xC3\x28\", \"UserAttributes\": []}", "J002"),
        (b"{\"AccessToken\": \"t\", \"UserAttributes\": [{\"Name\": \"\\ud83d\"}]}", "J003"),
        (b"{\"AccessToken\": \"t\", \"UserAttributes\": [{\"Name\": \"\\udc4d\\ud83d\"}]}", "J003"),
        (b"{\"AccessToken\": \"t\", \"UserAttributes\": []} {}", "J004"),
        (b"{\"AccessToken\": \"t\", \"AccessToken\": \"u\", \"UserAttributes\": []}", "J005"),
        (b"{\"AccessToken\": \"t\", \"UserAttributes\": [], \"ClientMetadata\": {\"a\": \"1\", \"a\": \"2\"}}", "J005"),
        (b"{\"AccessToken\": 42, \"UserAttributes\": []}", "J006"),
        (b"{\"AccessToken\": \"t\", \"UserAttributes\": {}}", "J006"),
        (b"{\"AccessToken\": \"t\", \"UserAttributes\": [\"email\"]}", "J006"),
        (b"{\"AccessToken\": \"t\", \"UserAttributes\": [], \"ClientMetadata\": {\"a\": 1}}", "J006"),
        (b"[]", "J006"),
    ];
    for (input, code) in cases {
        let r = validate_json(input, &opts).expect_err(&String::from_utf8_lossy(input));
        assert_eq!(
            r.error_type().as_str(),
            "SerializationException",
            "{}",
            String::from_utf8_lossy(input)
        );
        assert_eq!(
            r.diagnostics()[0].rule.code(),
            *code,
            "{}",
            String::from_utf8_lossy(input)
        );
        assert_eq!(r.message(), r.diagnostics()[0].message());
    }
}

/// Issue 14, item 9: a key repeated after a value of the wrong type is still
/// a repeated key.
#[test]
fn a_metadata_key_repeated_after_a_wrong_type_is_reported() {
    for body in [
        r#"{"AccessToken":"t","UserAttributes":[],"ClientMetadata":{"a":1,"a":"y"}}"#,
        r#"{"AccessToken":"t","UserAttributes":[],"ClientMetadata":{"a":null,"a":"y"}}"#,
    ] {
        let report = check_json(body.as_bytes(), &p1());
        let codes: Vec<_> = report.diagnostics.iter().map(|d| d.rule.code()).collect();
        assert_eq!(codes, ["J006", "J005"], "{body}");
        assert_eq!(
            report.diagnostics[1].path.json_pointer(),
            "/ClientMetadata/a"
        );
    }
}

#[test]
fn valid_escapes_are_decoded() {
    let body = r#"{"AccessToken": "t", "UserAttributes": [{"Name": "nick\u006eame", "Value": "\ud83d\udc4d \"q\" \\ \/ \b\f\n\r\t"}]}"#;
    let req = validate_json(body.as_bytes(), &p1()).unwrap();
    assert_eq!(req.user_attributes[0].name, "nickname");
    assert_eq!(
        req.user_attributes[0].value.as_deref(),
        Some("👍 \"q\" \\ / \u{8}\u{c}\n\r\t")
    );
}

#[test]
fn limits_are_enforced() {
    let body = format!(
        r#"{{"AccessToken": "t", "UserAttributes": [], "X": {}{}}}"#,
        "[".repeat(10),
        "]".repeat(10)
    );
    assert!(validate_json(body.as_bytes(), &p1()).is_ok());
    assert_eq!(codes(&body, &p1().with_max_depth(10)), ["J008"]);
    assert!(validate_json(body.as_bytes(), &p1().with_max_depth(11)).is_ok());
    let n = body.len();
    assert!(validate_json(body.as_bytes(), &p1().with_max_input_bytes(n)).is_ok());
    assert_eq!(codes(&body, &p1().with_max_input_bytes(n - 1)), ["J007"]);
    // Nesting far beyond any thread's stack is refused, not a crash.
    let deep = format!(
        r#"{{"AccessToken": "t", "UserAttributes": [], "X": {}}}"#,
        "[".repeat(1_000_000)
    );
    assert_eq!(
        codes(
            &deep,
            &p1()
                .with_max_depth(usize::MAX)
                .with_max_input_bytes(usize::MAX)
        ),
        ["J008"]
    );
}

#[test]
fn unknown_members_warn_with_did_you_mean() {
    let body = format!(
        r#"{{"AccessToken": "{TOKEN}", "Useratributes": [], "UserAttributes": [{{"Name": "email", "value": "x"}}]}}"#
    );
    assert!(validate_json(body.as_bytes(), &p1()).is_ok());
    let report = check_json(body.as_bytes(), &p1());
    assert!(!report.is_rejected());
    assert_eq!(report.warnings, 2);
    let helps: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| d.help.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        helps,
        ["did you mean `UserAttributes`?", "did you mean `Value`?"]
    );
    assert_eq!(
        report.diagnostics[1].path.json_pointer(),
        "/UserAttributes/0/value"
    );
    // A request that only misspells a required member is missing it.
    let r = reject(r#"{"accessToken": "t", "UserAttributes": []}"#, &p1());
    assert!(r
        .message()
        .contains("Value at 'accessToken' failed to satisfy constraint: Member must not be null"));
}

#[test]
fn typed_request_validates_the_same_shapes() {
    let body = one(r#""given name""#, &lit(&"v".repeat(2049)));
    let from_json = reject(&body, &p1());
    let req: cognito_validate::UpdateUserAttributesRequest = serde_json::from_str(&body).unwrap();
    let typed = req.validate(&p1()).unwrap_err();
    assert_eq!(typed.message(), from_json.message());
    assert!(typed.diagnostics().iter().all(|d| d.span.is_none()));
    // Round trip through Serialize.
    let again = serde_json::to_string(&req).unwrap();
    let back: cognito_validate::UpdateUserAttributesRequest = serde_json::from_str(&again).unwrap();
    assert_eq!(back, req);
    // The typed parse refuses repeated metadata keys as validate_json does.
    let dup =
        r#"{"AccessToken": "t", "UserAttributes": [], "ClientMetadata": {"a": "1", "a": "2"}}"#;
    assert!(serde_json::from_str::<cognito_validate::UpdateUserAttributesRequest>(dup).is_err());
}

#[test]
fn the_typed_parse_borrows_values_too() {
    use std::borrow::Cow;
    let body = r#"{"AccessToken": "t", "UserAttributes": [{"Name": "nickname", "Value": "Ada"}, {"Name": "x", "Value": "a\nb"}, {"Name": "y"}]}"#;
    let req: cognito_validate::UpdateUserAttributesRequest = serde_json::from_str(body).unwrap();
    assert!(matches!(
        req.user_attributes[0].value,
        Some(Cow::Borrowed("Ada"))
    ));
    assert!(matches!(&req.user_attributes[1].value, Some(Cow::Owned(s)) if s == "a\nb"));
    assert_eq!(req.user_attributes[2].value, None);
}
