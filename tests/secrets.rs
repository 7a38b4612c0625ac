//! The access token and attribute values never appear in anything the library
//! renders: `Display`, `Debug`, messages, help, the AWS body and headers.
//!
//! Each request plants marker strings in the secret places, valid and invalid
//! ones, and every rendering is searched for them.

use cognito_validate::{check_json, validate_json, Options, UpdateUserAttributesRequest};

const TOKEN_MARK: &str = "TOKENMARKERzq";
const VALUE_MARK: &str = "VALUEMARKERzq";

fn requests() -> Vec<Vec<u8>> {
    let t = TOKEN_MARK;
    let v = VALUE_MARK;
    let long = format!("{v}{}", "x".repeat(2100));
    let bodies = vec![
        // Valid, to check the typed request's Debug.
        format!(
            r#"{{"AccessToken": "{t}", "UserAttributes": [{{"Name": "nickname", "Value": "{v}"}}]}}"#
        ),
        // Bad token alphabet, value with escapes.
        format!(
            r#"{{"AccessToken": "{t}+/ {t}", "UserAttributes": [{{"Name": "given name", "Value": "{v}\n\u00e9"}}]}}"#
        ),
        // Too-long value, empty name.
        format!(
            r#"{{"AccessToken": "{t}", "UserAttributes": [{{"Name": "", "Value": "{long}"}}]}}"#
        ),
        // Misspelt token member, unknown attribute member holding a value.
        format!(
            r#"{{"accessToken": "{t}", "UserAttributes": [{{"Name": "email", "value": "{v}"}}]}}"#
        ),
        // Wrong types holding the markers.
        format!(
            r#"{{"AccessToken": ["{t}"], "UserAttributes": [{{"Name": "email", "Value": {{"v": "{v}"}}}}]}}"#
        ),
        // Repeated secret members.
        format!(
            r#"{{"AccessToken": "{t}", "AccessToken": "{t}", "UserAttributes": [{{"Name": "email", "Value": "{v}", "Value": "{v}"}}]}}"#
        ),
        // Syntax errors inside and right after secrets.
        format!(r#"{{"AccessToken": "{t}"#),
        format!(r#"{{"AccessToken": "{t}" "UserAttributes": []}}"#),
        format!(r#"{{"AccessToken": {t}, "UserAttributes": []}}"#),
        format!(r#"{{"AccessToken": "t", "UserAttributes": [{{"Name": "a", "Value": "{v}\x"}}]}}"#),
        format!(
            r#"{{"AccessToken": "t", "UserAttributes": [{{"Name": "a", "Value": "{v}\ud800"}}]}}"#
        ),
        format!(r#"{{"AccessToken": "{t}", "UserAttributes": []}} "{v}""#),
    ];
    let mut out: Vec<Vec<u8>> = bodies.into_iter().map(String::into_bytes).collect();
    // Invalid UTF-8 right after a marker.
    let mut bad =
        format!(r#"{{"AccessToken": "t", "UserAttributes": [{{"Name": "a", "Value": "{v}"#)
            .into_bytes();
    bad.extend_from_slice(b"\xff\"}]}");
    out.push(bad);
    out
}

fn assert_clean(what: &str, text: &str, input: &[u8]) {
    for mark in [TOKEN_MARK, VALUE_MARK] {
        assert!(
            !text.contains(mark),
            "{what} shows a secret for input {}:\n{text}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn no_rendering_shows_a_secret() {
    let opts = Options::default();
    let mut rejected = 0;
    for input in requests() {
        match validate_json(&input, &opts) {
            Ok(req) => assert_clean("request Debug", &format!("{req:?} {req:#?}"), &input),
            Err(r) => {
                rejected += 1;
                assert_clean("Display", &r.to_string(), &input);
                assert_clean("Debug", &format!("{r:?} {r:#?}"), &input);
                assert_clean("message", r.message(), &input);
                assert_clean("body", &r.body(), &input);
                assert_clean("headers", &format!("{:?}", r.headers()), &input);
            }
        }
        let report = check_json(&input, &opts);
        assert_clean("Report Debug", &format!("{report:?}"), &input);
        for d in &report.diagnostics {
            assert_clean("diagnostic Display", &d.to_string(), &input);
            assert_clean("diagnostic Debug", &format!("{d:?}"), &input);
            assert_clean("diagnostic message", &d.message(), &input);
            assert_clean("help", d.help.as_deref().unwrap_or(""), &input);
        }
        if let Some(r) = report.rejection() {
            assert_clean("report rejection", &r.body(), &input);
        }
    }
    assert!(
        rejected >= 10,
        "the requests must exercise the rejection path"
    );
}

#[test]
fn secret_spans_cover_every_secret() {
    // A linter masks these spans when it shows source lines: every marker
    // occurrence must lie inside one.
    for input in requests() {
        let report = check_json(&input, &Options::default());
        let stopped = report.diagnostics.iter().any(|d| d.rule.stops_parse());
        if stopped {
            // The parse stopped; a linter shows no source line then.
            continue;
        }
        let text = String::from_utf8_lossy(&input);
        for mark in [TOKEN_MARK, VALUE_MARK] {
            for (at, _) in text.match_indices(mark) {
                assert!(
                    report
                        .secret_spans
                        .iter()
                        .any(|s| s.start <= at && at + mark.len() <= s.end),
                    "marker at {at} not covered in {text}"
                );
            }
        }
    }
}

#[test]
fn typed_request_debug_redacts() {
    let body = format!(
        r#"{{"AccessToken": "{TOKEN_MARK}", "UserAttributes": [{{"Name": "nickname", "Value": "{VALUE_MARK}"}}], "ClientMetadata": {{"k": "v"}}}}"#
    );
    let req: UpdateUserAttributesRequest = serde_json::from_str(&body).unwrap();
    let dbg = format!("{req:?} {req:#?} {:?}", req.user_attributes[0]);
    assert!(
        !dbg.contains(TOKEN_MARK) && !dbg.contains(VALUE_MARK),
        "{dbg}"
    );
    // The name and the metadata are not secret and stay readable.
    assert!(dbg.contains("nickname") && dbg.contains("\"k\""), "{dbg}");
}

/// Issue 14, item 1: whatever the parser skips unread under `UserAttributes`
/// or `AccessToken` (and any `ClientMetadata` value) lies in a secret span,
/// whatever its type or place, and no rendering shows it.
#[test]
fn skipped_values_are_secret_whatever_their_shape() {
    let v = VALUE_MARK;
    let t = TOKEN_MARK;
    let attr = format!(r#"{{"Name":"email","Value":"{v}"}}"#);
    let bodies = [
        // An object for the list.
        format!(r#"{{"AccessToken":"x","UserAttributes":{attr}}}"#),
        // Nested arrays.
        format!(r#"{{"AccessToken":"x","UserAttributes":[[{attr}]]}}"#),
        // A string for an attribute, and for the list.
        format!(r#"{{"AccessToken":"x","UserAttributes":["{v}"]}}"#),
        format!(r#"{{"AccessToken":"x","UserAttributes":"{v}"}}"#),
        // A repeated member whose second copy holds values.
        format!(r#"{{"AccessToken":"x","UserAttributes":[],"UserAttributes":[{attr}]}}"#),
        // `null`, then a real one.
        format!(r#"{{"AccessToken":"x","UserAttributes":null,"UserAttributes":[{attr}]}}"#),
        // A repeated token, and a token of the wrong shape.
        format!(r#"{{"AccessToken":null,"AccessToken":"{t}","UserAttributes":[]}}"#),
        format!(r#"{{"AccessToken":{{"t":["{t}"]}},"UserAttributes":[]}}"#),
        // A name of the wrong type, a repeated name holding a value.
        format!(r#"{{"AccessToken":"x","UserAttributes":[{{"Name":["{v}"],"Value":"a"}}]}}"#),
        format!(r#"{{"AccessToken":"x","UserAttributes":[{{"Name":"email","Name":"{v}"}}]}}"#),
        // The request itself of the wrong type.
        format!(r#"[{attr}]"#),
        // ClientMetadata values: plain, wrong-typed, repeated, and the map
        // of the wrong type.
        format!(r#"{{"AccessToken":"x","UserAttributes":[],"ClientMetadata":{{"k":"{v}"}}}}"#),
        format!(r#"{{"AccessToken":"x","UserAttributes":[],"ClientMetadata":{{"k":["{v}"]}}}}"#),
        format!(
            r#"{{"AccessToken":"x","UserAttributes":[],"ClientMetadata":{{"k":"a","k":"{v}"}}}}"#
        ),
        format!(r#"{{"AccessToken":"x","UserAttributes":[],"ClientMetadata":["{v}"]}}"#),
    ];
    let opts = Options::default();
    for body in &bodies {
        let input = body.as_bytes();
        let report = check_json(input, &opts);
        assert!(
            !report.diagnostics.iter().any(|d| d.rule.stops_parse()),
            "the parse must reach the end of {body}"
        );
        for mark in [TOKEN_MARK, VALUE_MARK] {
            for (at, _) in body.match_indices(mark) {
                assert!(
                    report
                        .secret_spans
                        .iter()
                        .any(|s| s.start <= at && at + mark.len() <= s.end),
                    "marker at {at} not covered in {body}"
                );
            }
        }
        assert_clean("Report Debug", &format!("{report:?}"), input);
        for d in &report.diagnostics {
            assert_clean("diagnostic", &format!("{d} {d:?} {}", d.message()), input);
            assert_clean("help", d.help.as_deref().unwrap_or(""), input);
        }
        match validate_json(input, &opts) {
            Ok(req) => assert_clean("request Debug", &format!("{req:?} {req:#?}"), input),
            Err(r) => assert_clean("rejection", &format!("{r} {r:?} {}", r.body()), input),
        }
    }
}

/// `ClientMetadata` values are treated as secret: the typed request's
/// `Debug` shows the keys only.
#[test]
fn client_metadata_values_are_redacted_in_debug() {
    let body = format!(
        r#"{{"AccessToken":"x","UserAttributes":[],"ClientMetadata":{{"tenant":"{VALUE_MARK}"}}}}"#
    );
    let req = validate_json(body.as_bytes(), &Options::default()).unwrap();
    let dbg = format!("{req:?} {req:#?} {:?}", req.client_metadata);
    assert!(!dbg.contains(VALUE_MARK), "{dbg}");
    assert!(dbg.contains("tenant"), "{dbg}");
}
