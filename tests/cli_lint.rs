//! End-to-end tests of `cognito-validate lint`: positions computed here from
//! the fixture text, exit statuses, standard input, directories, .jsonl files,
//! unreadable paths, size limits and options.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const TREE: &str = "tests/fixtures/cli/tree";

fn bin() -> Command {
    Command::cargo_bin("cognito-validate").unwrap()
}

/// Line and column (1-based, columns in scalar values) of the `nth`
/// occurrence of `needle`, and its byte offset.
fn pos_of(text: &str, needle: &str, nth: usize) -> (usize, usize, usize) {
    let idx = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture"))
        .0;
    let before = &text[..idx];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col, idx)
}

fn read(path: &str) -> String {
    fs::read_to_string(path).unwrap()
}

fn json_findings(args: &[&str]) -> (Vec<Value>, i32) {
    let out = bin()
        .arg("lint")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("json format is one JSON document");
    (v.as_array().unwrap().clone(), out.status.code().unwrap())
}

/// (file, code, row, column) of each finding.
fn facts(items: &[Value]) -> Vec<(String, String, u64, u64)> {
    items
        .iter()
        .map(|i| {
            (
                i["file"].as_str().unwrap().to_string(),
                i["code"].as_str().unwrap().to_string(),
                i["row"].as_u64().unwrap_or(0),
                i["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn a_directory_is_searched_recursively_and_findings_sit_where_the_text_says() {
    let (items, code) = json_findings(&[TREE]);
    assert_eq!(code, 1);

    let b = format!("{TREE}/b-bad-name.json");
    let c = format!("{TREE}/sub/c-trailing.json");
    let d = format!("{TREE}/sub/d-lines.jsonl");
    let e = format!("{TREE}/sub/e-warning.json");
    let (bt, ct, dt, et) = (read(&b), read(&c), read(&d), read(&e));

    let (b_line, b_col, b_at) = pos_of(&bt, "\"given name\"", 0);
    let (c_line, c_col, _) = pos_of(&ct, "]", 0);
    // .jsonl: the empty name is on the 4th line; the 5th line stops short.
    let lines: Vec<&str> = dt.split('\n').collect();
    assert!(lines[3].contains(r#""Name":"""#) && lines[4].ends_with('['));
    let (d_line, d_col, d_at) = pos_of(&dt, r#""""#, 0);
    assert_eq!(d_line, 4);
    let d_end_col = lines[4].chars().count() + 1;
    let (e_line, e_col, _) = pos_of(&et, "\"ClientMetdata\"", 0);

    let expected = vec![
        (b.clone(), "S103".to_string(), b_line as u64, b_col as u64),
        (c.clone(), "J001".to_string(), c_line as u64, c_col as u64),
        (d.clone(), "S101".to_string(), 4, d_col as u64),
        (d.clone(), "S103".to_string(), 4, d_col as u64),
        (d.clone(), "J001".to_string(), 5, d_end_col as u64),
        (e.clone(), "W001".to_string(), e_line as u64, e_col as u64),
    ];
    assert_eq!(facts(&items), expected);

    // Byte spans are offsets in the file, also for .jsonl lines.
    assert_eq!(items[0]["span"]["start"], b_at);
    assert_eq!(items[0]["span"]["end"], b_at + "\"given name\"".len());
    assert_eq!(items[2]["span"]["start"], d_at);
    assert_eq!(items[2]["record"], 4);
    assert_eq!(items[4]["record"], 5);
    assert!(items[0]["record"].is_null());
    // The other fields of the schema.
    assert_eq!(items[0]["name"], "name-pattern");
    assert_eq!(items[0]["severity"], "error");
    assert_eq!(items[0]["pointer"], "/UserAttributes/2/Name");
    assert_eq!(items[0]["aws_path"], "userAttributes.3.member.name");
    assert!(items[0]["message"].as_str().unwrap().starts_with(
        "Value 'given name' at 'userAttributes.3.member.name' failed to satisfy constraint"
    ));
    // Shape rules speak the service's words; JSON rules and warnings the tool's.
    for i in &items {
        let code = i["code"].as_str().unwrap();
        assert_eq!(i["aws_wording"], code.starts_with('S'), "{code}");
    }
    assert_eq!(items[5]["severity"], "warning");
    assert!(items[5]["help"]
        .as_str()
        .unwrap()
        .contains("ClientMetadata"));
    // Only *.json and *.jsonl files outside hidden directories are read.
    assert!(!items.iter().any(|i| {
        let f = i["file"].as_str().unwrap();
        f.ends_with(".txt") || f.ends_with(".bak") || f.contains(".hidden")
    }));
}

#[test]
fn a_file_named_explicitly_is_checked_whatever_its_extension() {
    let (items, code) = json_findings(&[&format!("{TREE}/sub/not-a-request.json.bak")]);
    assert_eq!(code, 1);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["code"], "S103");
    // Hidden directories are skipped when searching, checked when named.
    let (items, code) = json_findings(&[&format!("{TREE}/.hidden/skipped.json")]);
    assert_eq!(code, 1);
    assert_eq!(items[0]["code"], "S121");
}

#[test]
fn exit_status_is_0_when_everything_passes_even_with_warnings() {
    let (items, code) = json_findings(&[&format!("{TREE}/a-valid.json")]);
    assert_eq!((items.len(), code), (0, 0));
    let (items, code) = json_findings(&[&format!("{TREE}/sub/e-warning.json")]);
    assert_eq!((items.len(), code), (1, 0));
}

#[test]
fn an_unreadable_path_exits_2_names_the_path_and_the_others_are_still_checked() {
    let out = bin()
        .args(["lint", "--format", "concise", "no/such/file.json"])
        .arg(format!("{TREE}/b-bad-name.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no/such/file.json"), "{err}");
    assert!(err.contains("No such file or directory"), "{err}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("b-bad-name.json:5:"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn a_directory_that_cannot_be_read_exits_2() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("x.json"), "{}").unwrap();
    fs::write(
        dir.path().join("open.json"),
        r#"{"AccessToken": "a b", "UserAttributes": []}"#,
    )
    .unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let denied = fs::read_dir(&locked).is_err();
    let out = bin()
        .args(["lint", "--format", "concise"])
        .arg(dir.path())
        .output()
        .unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("open.json:1:17: S121"), "{stdout}");
    if !denied {
        // Running as root: permissions do not deny reads; nothing to test.
        return;
    }
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&*locked.display().to_string()), "{err}");
    assert!(err.contains("Permission denied"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    bin()
        .args(["lint", "--format", "xml", TREE])
        .assert()
        .code(2);
    bin()
        .args(["lint", "--max-depth", "deep", TREE])
        .assert()
        .code(2);
    bin()
        .args(["lint", "--name-pattern", "modern", TREE])
        .assert()
        .code(2);
    bin().arg("frobnicate").assert().code(2);
    bin().assert().code(2);
}

const BAD: &str =
    "{\n  \"AccessToken\": \"eyJ0.eyJ1.c2ln\",\n  \"UserAttributes\": [{\"Name\": \"a b\"}]\n}\n";

#[test]
fn standard_input_is_read_for_dash_and_when_no_path_is_given() {
    let (line, col, _) = pos_of(BAD, "\"a b\"", 0);
    let expected = format!("-:{line}:{col}: S103 ");
    for args in [
        &["lint", "--format", "concise", "-"][..],
        &["lint", "--format", "concise"][..],
    ] {
        let out = bin().args(args).write_stdin(BAD).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.starts_with(&expected), "{stdout}");
    }
    let out = bin()
        .args(["lint", "--format", "concise"])
        .write_stdin(r#"{"AccessToken": "t", "UserAttributes": [{"Name": "email", "Value": "a@example.com"}]}"#)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn standard_input_can_be_json_lines() {
    let input = "{\"AccessToken\": \"t\", \"UserAttributes\": [{\"Name\": \"email\", \"Value\": \"a@example.com\"}]}\n\n{\"AccessToken\": \"t t\", \"UserAttributes\": [{\"Name\": \"email\", \"Value\": \"a@example.com\"}]}\n";
    let (items, code) = {
        let out = bin()
            .args(["lint", "--format", "json", "--jsonl", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        (v.as_array().unwrap().clone(), out.status.code().unwrap())
    };
    assert_eq!(code, 1);
    assert_eq!(
        facts(&items),
        vec![("-".to_string(), "S121".to_string(), 3, 17)]
    );
    assert_eq!(items[0]["record"], 3);
}

#[test]
fn requests_over_the_size_limit_are_refused_with_j007_also_per_jsonl_line() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!(
        r#"{{"AccessToken": "t", "UserAttributes": [{{"Name": "nickname", "Value": "{}"}}]}}"#,
        "a".repeat(300)
    );
    let small =
        r#"{"AccessToken": "t", "UserAttributes": [{"Name": "email", "Value": "a@example.com"}]}"#;
    assert!(small.len() <= 100 && big.len() > 100);
    fs::write(dir.path().join("big.json"), &big).unwrap();
    fs::write(
        dir.path().join("lines.jsonl"),
        format!("{small}\n{big}\n{small}\n"),
    )
    .unwrap();
    let (items, code) = json_findings(&["--max-input-bytes", "100", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    let codes: Vec<(&str, Value)> = items
        .iter()
        .map(|i| (i["code"].as_str().unwrap(), i["record"].clone()))
        .collect();
    assert_eq!(codes, vec![("J007", Value::Null), ("J007", Value::from(2))]);
    // The message gives the real size, not just the bytes read.
    for i in &items {
        let m = i["message"].as_str().unwrap();
        assert!(
            m.contains(&big.len().to_string()) && m.contains("100"),
            "{m}"
        );
    }
    // The default limit lets them through.
    let (items, code) = json_findings(&[dir.path().to_str().unwrap()]);
    assert_eq!((items.len(), code), (0, 0));
}

#[test]
fn max_diagnostics_caps_findings_per_request() {
    let req = r#"{"AccessToken": "t", "UserAttributes": [{"Name": "a b"}, {"Name": "c d"}, {"Name": "e f"}, {"Name": "g h"}]}"#;
    let out = bin()
        .args(["lint", "--format", "json", "--max-diagnostics", "2", "-"])
        .write_stdin(req)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    let out = bin()
        .args(["lint", "--color", "never", "--max-diagnostics", "2", "-"])
        .write_stdin(req)
        .output()
        .unwrap();
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(human.contains("2 more findings"), "{human}");
    assert!(human.contains("4 errors"), "{human}");
}

#[test]
fn quiet_shows_errors_only_and_no_summary() {
    let out = bin()
        .args(["lint", "--quiet", "--color", "never", TREE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("error[S103]"));
    assert!(!s.contains("warning["), "{s}");
    assert!(!s.contains("rejected"), "{s}");
    let out = bin()
        .args(["lint", "--quiet"])
        .arg(format!("{TREE}/sub/e-warning.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let file = format!("{TREE}/b-bad-name.json");
    let always = bin()
        .args(["lint", "--color", "always", &file])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(always.stdout.contains(&0x1b));
    let never = bin()
        .args(["lint", "--color", "never", &file])
        .output()
        .unwrap();
    assert!(!never.stdout.contains(&0x1b));
    // Standard output is a pipe here, so `auto` means no colour.
    let auto = bin()
        .args(["lint", &file])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(!auto.stdout.contains(&0x1b));
    assert_eq!(auto.stdout, never.stdout);
}

#[test]
fn the_current_name_pattern_admits_spaces() {
    let req =
        r#"{"AccessToken": "t", "UserAttributes": [{"Name": "custom:nick name", "Value": "x"}]}"#;
    let codes = |extra: &[&str]| -> Vec<String> {
        let out = bin()
            .args(["lint", "--format", "json"])
            .args(extra)
            .arg("-")
            .write_stdin(req)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(codes(&[]).contains(&"S103".to_string()));
    assert!(codes(&["--name-pattern", "legacy"]).contains(&"S103".to_string()));
    assert!(!codes(&["--name-pattern", "current"]).contains(&"S103".to_string()));
}

#[test]
fn every_format_parses_and_agrees_on_the_findings() {
    let run = |format: &str| {
        let out = bin()
            .args(["lint", "--format", format, TREE])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        String::from_utf8(out.stdout).unwrap()
    };
    let (items, _) = json_findings(&[TREE]);
    let n = items.len();

    let concise = run("concise");
    let re = regex::Regex::new(r"^[^:]+:\d+(:\d+)?: [A-Z]\d{3} .+$").unwrap();
    assert_eq!(concise.lines().count(), n);
    assert!(concise.lines().all(|l| re.is_match(l)), "{concise}");

    let github = run("github");
    let re = regex::Regex::new(
        r"^::(error|warning) file=[^,]+(,line=\d+)?(,col=\d+)?,title=[A-Z]\d{3} [a-z0-9-]+::.+$",
    )
    .unwrap();
    assert_eq!(github.lines().count(), n);
    assert!(github.lines().all(|l| re.is_match(l)), "{github}");

    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), n);

    let aws = run("aws");
    let rejected: Vec<Value> = aws
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // b, c, and lines 4 and 5 of d.
    assert_eq!(rejected.len(), 4);
    assert!(rejected.iter().all(|r| r["status"] == 400));

    let human = run("human");
    assert_eq!(
        human.matches("error[").count() + human.matches("warning[").count(),
        n
    );
}

#[test]
fn each_file_is_reported_once_in_path_order() {
    let b = format!("{TREE}/b-bad-name.json");
    let (items, _) = json_findings(&[&b, TREE, &b]);
    let files: Vec<&str> = items.iter().map(|i| i["file"].as_str().unwrap()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert_eq!(files.iter().filter(|f| **f == b).count(), 1);
    assert!(Path::new(&b).exists());
}

#[test]
fn the_long_help_documents_the_json_schema_and_exit_statuses() {
    let out = bin().args(["lint", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    for field in [
        "\"file\"",
        "\"line\"",
        "\"row\"",
        "\"column\"",
        "\"span\"",
        "\"code\"",
        "\"name\"",
        "\"severity\"",
        "\"pointer\"",
        "\"aws_path\"",
        "\"message\"",
        "\"help\"",
    ] {
        assert!(help.contains(field), "{field}");
    }
    assert!(help.contains("stable"));
    assert!(help.contains("EXIT STATUS"));
}

/// `--operation` takes a name or an `X-Amz-Target` value and checks the
/// requests as that operation; an unknown one is a usage error.
#[test]
fn lint_checks_the_operation_it_is_given() {
    let body = r#"{"UserPoolId": "us-east-1_abc", "Limit": 100}"#;
    for op in ["ListUsers", "AWSCognitoIdentityProviderService.ListUsers"] {
        let out = bin()
            .args(["lint", "--operation", op, "--format", "aws", "-"])
            .write_stdin(body)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{op}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(
                "Value '100' at 'limit' failed to satisfy constraint: \
                 Member must have value less than or equal to 60"
            ),
            "{op}: {text}"
        );
    }
    let ok = bin()
        .args(["lint", "--operation", "ListUsers", "-"])
        .write_stdin(r#"{"UserPoolId": "us-east-1_abc", "Limit": 60}"#)
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    // Without --operation the body is an UpdateUserAttributes request.
    let uua = bin()
        .args(["lint", "-"])
        .write_stdin(body)
        .output()
        .unwrap();
    assert_eq!(uua.status.code(), Some(1));
    let bad = bin()
        .args(["lint", "--operation", "NoSuchThing", "-"])
        .write_stdin(body)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}
