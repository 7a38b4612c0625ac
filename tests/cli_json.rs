//! `--format json`'s positions and classes (issue 14, item 12): `line` and
//! `column` are the position in the file for every kind of input, `record`
//! the .jsonl line, `end_line`/`end_column` where the finding ends, and
//! `error_type` the AWS error class. Expected values are computed here from
//! the input text and the rule table of the issue, not read from the tool.

use std::process::{Command, Stdio};

use serde_json::Value;

fn json(args: &[&str], stdin: &str) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-validate"))
        .args(["lint", "--format", "json"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array().unwrap().clone()
}

/// 1-based line and column (scalar values) of byte `at` in `text`.
fn position(text: &str, at: usize) -> (u64, u64) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line as u64, column as u64)
}

#[test]
fn line_and_column_are_the_file_position_with_the_end_and_the_class() {
    // Two lines, a wide character before the bad name so that columns
    // (scalar values) and bytes differ.
    let text = "{\"AccessToken\": \"t\",\n \"UserAttributes\": [{\"Name\": \"custom:é\", \"Value\": \"v\"}, {\"Name\": \"a b\", \"Value\": \"v\"}]}";
    let items = json(&["-"], text);
    assert_eq!(items.len(), 1);
    let i = &items[0];
    let start = text.find("\"a b\"").unwrap();
    let end = start + "\"a b\"".len();
    assert_eq!((i["line"].as_u64(), i["column"].as_u64()), {
        let (l, c) = position(text, start);
        (Some(l), Some(c))
    });
    assert_eq!((i["end_line"].as_u64(), i["end_column"].as_u64()), {
        let (l, c) = position(text, end);
        (Some(l), Some(c))
    });
    assert_eq!(i["row"], i["line"]);
    assert!(i["record"].is_null());
    assert_eq!(i["error_type"], "InvalidParameterException");
}

#[test]
fn jsonl_records_and_each_error_class() {
    let lines = [
        r#"{"AccessToken": "t", "UserAttributes": [{"Name": "nickname", "Value": "v"}]}"#,
        "",
        r#"{"AccessToken": "t", "UserAttributes": [{"Name": "nickname", "Value": "v"}], "UserAttributes": []}"#,
        r#"{"AccessToken": "t", "UserAttributes": [{"Name": "email", "Value": "a@example.com"}]}"#,
    ];
    let text = lines.join("\n");
    let items = json(&["--jsonl", "--write-attributes", "nickname", "-"], &text);
    let got: Vec<(u64, u64, &str)> = items
        .iter()
        .map(|i| {
            (
                i["record"].as_u64().unwrap(),
                i["line"].as_u64().unwrap(),
                i["error_type"].as_str().unwrap(),
            )
        })
        .collect();
    // Line 3 repeats a key (J005, SerializationException); line 4 writes an
    // attribute outside the client's list (A015, NotAuthorizedException).
    assert_eq!(
        got,
        [
            (3, 3, "SerializationException"),
            (4, 4, "NotAuthorizedException")
        ],
        "{items:#?}"
    );
}

/// The first input's report is sent ahead in pieces once it passes 64 KiB;
/// the array must still be one document with every item, in order.
#[test]
fn a_report_sent_in_pieces_is_still_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let line = r#"{"AccessToken":"t","UserAttributes":[{"Name":"a b","Value":"v"}]}"#;
    let n = 2000;
    std::fs::write(dir.path().join("a.jsonl"), format!("{line}\n").repeat(n)).unwrap();
    std::fs::write(dir.path().join("b.json"), line).unwrap();
    let d = dir.path().to_str().unwrap();
    let items = json(&[d], "");
    assert_eq!(items.len(), n + 1);
    for (k, i) in items.iter().take(n).enumerate() {
        assert_eq!(i["record"].as_u64(), Some(k as u64 + 1));
    }
    assert!(items[n]["file"].as_str().unwrap().ends_with("b.json"));
    let out = Command::new(env!("CARGO_BIN_EXE_cognito-validate"))
        .args(["lint", "--format", "sarif", d])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), n + 1);
}
