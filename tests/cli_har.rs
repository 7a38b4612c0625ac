//! `cognito-validate lint` on HAR files: which entries are checked and as
//! what, positions in the HAR file (computed here from the fixture's text)
//! and in the request body, the entry named in every format, no secret of
//! the HAR in any output, malformed and oversized files, directories.

use std::fs;

use assert_cmd::Command;
use serde_json::{json, Value};

const HAR: &str = "examples/har/sign-up-session.har";

/// Every secret the fixture holds: in headers, cookies, request bodies and
/// response bodies.
const MARKERS: &[&str] = &[
    "COOKIE-SECRET-7f3a",
    "AUTH-HEADER-SECRET-41d2",
    "RESPONSE-HTML-SECRET-0b9e",
    "PASSWORD-SECRET-1a2b",
    "RESPONSE-SUB-SECRET-77aa",
    "PASSWORD-SECRET-3c4d",
    "ATTRIBUTE-VALUE-SECRET-8e8e",
    "RESPONSE-MESSAGE-SECRET",
    "ACCESS-TOKEN-SECRET-9c8d",
    "VALUE-SECRET-5e6f",
    "VALUE-SECRET-6f70",
    "PASSWORD-SECRET-5e6f",
    "PASSWORD-SECRET-7a8b",
    "RESPONSE-TOKEN-SECRET-c0c0",
    "RESPONSE-ID-SECRET-d1d1",
    "RESPONSE-REFRESH-SECRET-e2e2",
    "GetUserPoolMfaConfg",
];

fn bin() -> Command {
    Command::cargo_bin("cognito-validate").unwrap()
}

/// Line and column (1-based, columns in scalar values) of the only
/// occurrence of `needle` in `text`, and its byte offset.
fn pos_of(text: &str, needle: &str) -> (usize, usize, usize) {
    let all: Vec<usize> = text.match_indices(needle).map(|m| m.0).collect();
    assert_eq!(all.len(), 1, "{needle:?} is not in the text exactly once");
    let idx = all[0];
    let before = &text[..idx];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col, idx)
}

fn lint(args: &[&str]) -> (String, String, i32) {
    let out = bin().arg("lint").args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

fn json_findings(args: &[&str]) -> (Vec<Value>, String, i32) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (out, err, code) = lint(&all);
    let v: Value = serde_json::from_str(&out).expect("json format is one JSON document");
    (v.as_array().unwrap().clone(), err, code)
}

/// The request body of entry `i` of the fixture, decoded by serde_json.
fn body(har: &str, i: usize) -> String {
    let v: Value = serde_json::from_str(har).unwrap();
    v["log"]["entries"][i]["request"]["postData"]["text"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn findings_point_at_the_value_in_the_har_and_in_the_body() {
    let har = fs::read_to_string(HAR).unwrap();
    let (items, err, code) = json_findings(&[HAR]);
    assert_eq!(code, 1, "{err}");
    // (entry, the value as it stands in the HAR, as it stands in the body, aws path)
    let expected = [
        (
            2,
            r#"\"given name\""#,
            r#""given name""#,
            "userAttributes.1.member.name",
        ),
        (
            3,
            r#"\"custom:tier level\""#,
            r#""custom:tier level""#,
            "userAttributes.2.member.name",
        ),
        (4, r#"\"USER_PASSWORD\""#, r#""USER_PASSWORD""#, "authFlow"),
    ];
    assert_eq!(items.len(), expected.len(), "{items:#?}");
    for (item, (entry, in_har, in_body, path)) in items.iter().zip(expected) {
        let (line, column, at) = pos_of(&har, in_har);
        let text = body(&har, entry);
        let (body_line, body_column, _) = pos_of(&text, in_body);
        let want = json!({
            "file": HAR,
            "entry": entry,
            "record": null,
            "line": line,
            "row": line,
            "column": column,
            "end_line": line,
            "end_column": column + in_har.chars().count(),
            "span": {"start": at, "end": at + in_har.len()},
            "body_line": body_line,
            "body_column": body_column,
            "aws_path": path,
        });
        for (k, v) in want.as_object().unwrap() {
            assert_eq!(&item[k], v, "{k} of entry {entry}: {item:#}");
        }
    }
    // The multi-line body's finding is on its ninth line, while in the HAR
    // the body is one line.
    assert_eq!(items[1]["body_line"], 9);
    // The unknown operation is a warning naming the entry, not the name.
    assert!(
        err.contains("log.entries[6]: X-Amz-Target names no operation"),
        "{err}"
    );
}

#[test]
fn the_entry_target_wins_over_the_operation_flag() {
    let (a, _, _) = json_findings(&[HAR]);
    let (b, _, _) = json_findings(&["--operation", "ListGroups", HAR]);
    assert_eq!(a, b);
}

#[test]
fn every_format_names_the_entry() {
    let har = fs::read_to_string(HAR).unwrap();
    let (line, column, _) = pos_of(&har, r#"\"USER_PASSWORD\""#);
    let at = format!("{HAR}:{line}:{column}");
    let (concise, _, _) = lint(&["--format", "concise", HAR]);
    let l = concise.lines().find(|l| l.starts_with(&at)).unwrap();
    assert!(l.ends_with(" (log.entries[4])"), "{l}");
    let (human, _, _) = lint(&["--format", "human", "--color", "never", HAR]);
    let after = &human[human.find(&format!("--> {at}")).unwrap()..];
    let text = body(&har, 4);
    let (bl, bc, _) = pos_of(&text, r#""USER_PASSWORD""#);
    let note = format!("= note: in log.entries[4], request body line {bl} column {bc}");
    assert!(
        after[..after.find("\n\n").unwrap()].contains(&note),
        "{after}"
    );
    let (github, _, _) = lint(&["--format", "github", HAR]);
    let l = github
        .lines()
        .find(|l| l.contains(&format!("line={line},col={column}")))
        .unwrap();
    assert!(l.contains("(log.entries[4])"), "{l}");
    let (sarif, _, _) = lint(&["--format", "sarif", HAR]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"] == line)
        .unwrap();
    assert_eq!(r["properties"]["harEntry"], 4);
    assert_eq!(r["properties"]["bodyColumn"], bc);
    assert!(r["message"]["text"]
        .as_str()
        .unwrap()
        .contains("(log.entries[4])"));
    let (aws, _, _) = lint(&["--format", "aws", HAR]);
    let entries: Vec<u64> = aws
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["entry"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(entries, [2, 3, 4]);
}

#[test]
fn no_secret_of_the_har_reaches_any_output() {
    for format in ["human", "concise", "json", "sarif", "github", "aws"] {
        let (out, err, code) = lint(&["--format", format, "--color", "always", HAR]);
        assert_eq!(code, 1, "{format}: {err}");
        for m in MARKERS {
            assert!(!out.contains(m), "{format} shows {m}:\n{out}");
            assert!(!err.contains(m), "{format} says {m} on stderr:\n{err}");
        }
    }
}

#[test]
fn the_human_source_line_is_the_masked_body_line_not_the_har_line() {
    let (out, _, _) = lint(&["--color", "never", HAR]);
    // Entry 2's body is one line holding the password and the value:
    // both masked, and nothing of the HAR line (`"text": `) around it.
    let shown: Vec<&str> = out.lines().filter(|l| l.starts_with("1 | ")).collect();
    assert_eq!(shown.len(), 2, "{out}");
    for l in shown {
        assert!(!l.contains("\"text\""), "{l}");
        assert!(!l.contains("\\\""), "the body is shown decoded: {l}");
    }
    assert!(
        out.contains(r#"{"Name":"given name","Value":"***…***"}"#),
        "{out}"
    );
}

fn temp_har(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn cognito_entry(target: &str, post_data: Value) -> Value {
    json!({"request": {
        "method": "POST",
        "headers": [{"name": "x-amz-target", "value": target}],
        "postData": post_data,
    }})
}

#[test]
fn a_base64_body_points_at_its_whole_text() {
    use base64::Engine;
    let body =
        r#"{"AuthFlow":"PLAIN","ClientId":"c","AuthParameters":{"PASSWORD":"B64-SECRET-PW"}}"#;
    let encoded = base64::engine::general_purpose::STANDARD.encode(body);
    let har = serde_json::to_string_pretty(&json!({"log": {"entries": [cognito_entry(
        "AWSCognitoIdentityProviderService.InitiateAuth",
        json!({"mimeType": "application/x-amz-json-1.1", "text": encoded, "encoding": "base64"}),
    )]}}))
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = temp_har(&dir, "b.har", &har);
    let (items, err, code) = json_findings(&[&path]);
    assert_eq!(code, 1, "{err}");
    let quoted = format!("\"{encoded}\"");
    let (line, column, at) = pos_of(&har, &quoted);
    let f = items.iter().find(|i| i["aws_path"] == "authFlow").unwrap();
    assert_eq!((&f["line"], &f["column"]), (&json!(line), &json!(column)));
    assert_eq!(f["span"], json!({"start": at, "end": at + quoted.len()}));
    assert_eq!(
        (&f["body_line"], &f["body_column"]),
        (&json!(1), &json!(13))
    );
    for format in ["human", "json", "sarif"] {
        let (out, _, _) = lint(&["--format", format, &path]);
        assert!(!out.contains("B64-SECRET-PW"), "{out}");
    }
}

#[test]
fn malformed_har_files_are_errors_of_their_path_quoting_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("not-json.har", "SECRET-MARKER-1 {"),
        ("entries.har", r#"{"log": {"entries": "SECRET-MARKER-2"}}"#),
        ("no-log.har", r#"{"SECRET-MARKER-3": 1}"#),
        (
            "headers.har",
            r#"{"log": {"entries": [{"request": {"headers": "SECRET-MARKER-4"}}]}}"#,
        ),
        ("cut.har", r#"{"log": {"entries": [{"request": "#),
    ];
    for (name, text) in cases {
        let path = temp_har(&dir, name, text);
        for format in ["human", "json", "sarif"] {
            let (out, err, code) = lint(&["--format", format, &path]);
            assert_eq!(code, 2, "{name}: {err}");
            assert!(err.contains("not a HAR file"), "{name}: {err}");
            assert!(err.contains("line 1 column"), "{name}: {err}");
            assert!(
                !err.contains("SECRET") && !out.contains("SECRET"),
                "{name}: {err}{out}"
            );
        }
    }
    // A text that is no string, and bad base64, skip their entry with a warning.
    let har = json!({"log": {"entries": [
        cognito_entry("AWSCognitoIdentityProviderService.SignUp", json!({"text": 12})),
        cognito_entry(
            "AWSCognitoIdentityProviderService.SignUp",
            json!({"text": "SECRET-MARKER-5!", "encoding": "base64"}),
        ),
    ]}});
    let path = temp_har(&dir, "bodies.har", &har.to_string());
    let (out, err, code) = lint(&[&path]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("log.entries[0]: postData.text is not a string"),
        "{err}"
    );
    assert!(
        err.contains("log.entries[1]: postData.text is not valid base64"),
        "{err}"
    );
    assert!(!err.contains("SECRET") && !out.contains("SECRET"));
}

#[test]
fn an_entry_without_a_body_is_an_empty_request() {
    let har = json!({"log": {"entries": [{"request": {
        "method": "POST",
        "headers": [{"name": "X-Amz-Target", "value": "AWSCognitoIdentityProviderService.SignUp"}],
    }}]}});
    let dir = tempfile::tempdir().unwrap();
    let path = temp_har(&dir, "empty.har", &har.to_string());
    let (items, _, code) = json_findings(&[&path]);
    assert_eq!(code, 1);
    assert!(!items.is_empty());
    for i in &items {
        assert_eq!(
            (&i["entry"], &i["line"], &i["span"]),
            (&json!(0), &Value::Null, &Value::Null)
        );
    }
}

#[test]
fn har_files_are_capped_at_a_multiple_of_the_input_limit() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "x".repeat(64 * 100);
    let har = json!({"log": {"entries": [], "comment": filler}}).to_string();
    let path = temp_har(&dir, "big.har", &har);
    let (_, err, code) = lint(&["--max-input-bytes", "100", &path]);
    assert_eq!(code, 2);
    assert!(
        err.contains("the HAR file is more than 6400 bytes"),
        "{err}"
    );
    // Under the cap, a body over the limit is refused as a request is.
    let body = format!(r#"{{"ClientId":"{}"}}"#, "c".repeat(150));
    let har = json!({"log": {"entries": [cognito_entry(
        "AWSCognitoIdentityProviderService.SignUp",
        json!({"text": body}),
    )]}})
    .to_string();
    let path = temp_har(&dir, "long-body.har", &har);
    let (items, _, code) = json_findings(&["--max-input-bytes", "100", &path]);
    assert_eq!(code, 1);
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0]["name"], "input-too-large");
    let help = items[0]["help"].as_str().unwrap_or_default().to_string()
        + items[0]["message"].as_str().unwrap();
    assert!(
        help.contains(&format!("{} bytes", body.len())),
        "{}",
        items[0]
    );
}

#[test]
fn directories_pick_up_har_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(HAR, dir.path().join("session.har")).unwrap();
    fs::write(dir.path().join("notes.txt"), "not checked").unwrap();
    let (items, _, code) = json_findings(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(items.len(), 3);
    assert!(items
        .iter()
        .all(|i| i["file"].as_str().unwrap().ends_with("session.har")));
}

#[test]
fn several_findings_of_one_body_are_each_placed() {
    // Two bad names on different lines of a body, non-ASCII before them,
    // and a second entry after: each finding's place computed here.
    let body = "{\n \"AccessToken\": \"tok\",\n \"UserAttributes\": [\n  {\"Name\": \"Ærø name\", \"Value\": \"v\"},\n  {\"Name\": \"b c\", \"Value\": \"w\"}]}";
    let entry = |b: &str| {
        cognito_entry(
            "AWSCognitoIdentityProviderService.UpdateUserAttributes",
            json!({ "text": b }),
        )
    };
    let har =
        serde_json::to_string_pretty(&json!({"log": {"entries": [entry(body), entry(body)]}}))
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = temp_har(&dir, "two.har", &har);
    let (items, err, _) = json_findings(&[&path]);
    let names: Vec<&str> = items
        .iter()
        .filter(|i| i["aws_path"].as_str().unwrap().ends_with(".name"))
        .map(|i| i["aws_path"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 4, "{err}{items:#?}");
    let name_items = items
        .iter()
        .filter(|i| i["aws_path"].as_str().unwrap().ends_with(".name"));
    let places = [
        (0, r#"\"Ærø name\""#),
        (0, r#"\"b c\""#),
        (1, r#"\"Ærø name\""#),
        (1, r#"\"b c\""#),
    ];
    for ((nth, needle), item) in places.into_iter().zip(name_items) {
        let idx = har.match_indices(needle).nth(nth).unwrap().0;
        let before = &har[..idx];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        assert_eq!(item["entry"], nth);
        assert_eq!(
            (&item["line"], &item["column"]),
            (&json!(line), &json!(column)),
            "{item}"
        );
        assert_eq!(item["end_column"], column + needle.chars().count());
        assert_eq!(item["span"]["start"], idx);
    }
}

#[test]
fn a_byte_order_mark_is_read_past_and_offsets_stay_the_files() {
    let har = format!("\u{FEFF}{}", fs::read_to_string(HAR).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = temp_har(&dir, "bom.har", &har);
    let (items, err, code) = json_findings(&[&path]);
    assert_eq!(code, 1, "{err}");
    let needle = r#"\"given name\""#;
    let at = har.find(needle).unwrap();
    assert_eq!(
        items[0]["span"],
        json!({"start": at, "end": at + needle.len()})
    );
    assert_eq!(items.len(), 3);
}

#[test]
fn warnings_about_entries_are_capped_and_quiet_hides_them() {
    let entries: Vec<Value> = (0..25)
        .map(|_| {
            cognito_entry(
                "AWSCognitoIdentityProviderService.Nope",
                json!({"text": "{}"}),
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = temp_har(
        &dir,
        "many.har",
        &json!({"log": {"entries": entries}}).to_string(),
    );
    let (_, err, code) = lint(&[&path]);
    assert_eq!(code, 0);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 21, "{err}");
    assert!(warnings[19].contains("log.entries[19]"), "{err}");
    assert!(
        warnings[20].ends_with(": 5 more entries not checked"),
        "{err}"
    );
    let (_, err, _) = lint(&["--quiet", &path]);
    assert_eq!(err, "");
}
