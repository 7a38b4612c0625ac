//! No format ever shows a secret: fixtures hold marker strings in access
//! tokens, attribute values, a misspelt `accessToken`, unknown members, a
//! too-long value, and values on the same line as a name error (also where
//! the parse stops right after the name), and every format is run over them.

use std::fs;

use assert_cmd::Command;

const DIR: &str = "tests/fixtures/cli/secrets";
const MARKERS: [&str; 3] = ["SECRETTOKENMARKER", "SECRETVALUEMARKER", "MARKER"];
const FORMATS: [&str; 6] = ["human", "concise", "json", "sarif", "github", "aws"];

fn run(args: &[&str], stdin: Option<Vec<u8>>) -> (String, String) {
    let mut cmd = Command::cargo_bin("cognito-validate").unwrap();
    cmd.arg("lint").args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_clean(what: &str, out: &str) {
    for m in MARKERS {
        assert!(!out.contains(m), "{what} shows {m}:\n{out}");
    }
}

fn fixtures() -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn the_fixtures_hold_the_markers() {
    let files = fixtures();
    assert!(files.len() >= 8);
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        assert!(
            text.contains("SECRETTOKENMARKER") || text.contains("SECRETVALUEMARKER"),
            "{f}"
        );
    }
}

#[test]
fn no_format_shows_a_secret_for_the_directory_or_any_single_file() {
    let mut targets = vec![DIR.to_string()];
    targets.extend(fixtures());
    for target in &targets {
        for format in FORMATS {
            for colour in ["never", "always"] {
                let (out, err) = run(&["--format", format, "--color", colour, target], None);
                assert_clean(&format!("{format} of {target}"), &out);
                assert_clean(&format!("stderr of {format} of {target}"), &err);
            }
        }
    }
}

#[test]
fn no_format_shows_a_secret_read_from_standard_input() {
    for f in fixtures() {
        let bytes = fs::read(&f).unwrap();
        let jsonl = f.ends_with(".jsonl");
        for format in FORMATS {
            let mut args = vec!["--format", format];
            if jsonl {
                args.push("--jsonl");
            }
            args.push("-");
            let (out, err) = run(&args, Some(bytes.clone()));
            assert_clean(&format!("{format} of stdin {f}"), &out);
            assert_clean(&format!("stderr of {format} of stdin {f}"), &err);
        }
    }
}

/// The human format does show source lines around the secrets (so the tests
/// above look at real masking), with the secret replaced by `*`.
#[test]
fn source_lines_are_shown_with_the_secrets_masked() {
    let file = format!("{DIR}/token-pattern.json");
    let (out, _) = run(&["--color", "never", &file], None);
    let shown: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert!(
        shown.iter().any(|l| l.contains(r#""AccessToken": "***"#)),
        "{out}"
    );
    assert!(
        shown
            .iter()
            .any(|l| l.contains(r#""Name": "given name""#) && l.contains(r#""Value": "***"#)),
        "{out}"
    );

    // The misspelt member's value is on the same line as the name error.
    let file = format!("{DIR}/misspelt-token.json");
    let (out, _) = run(&["--color", "never", &file], None);
    assert!(out.contains(r#""accessToken": "***"#), "{out}");
    assert!(out.contains(r#""Name": "bad name""#), "{out}");
}

/// Where the parse stopped after a name error on the same line, the value
/// after it was never recorded as secret: no source line is shown at all.
#[test]
fn a_request_whose_parse_stopped_shows_no_source_line() {
    for name in ["stops-after-name.json", "unknown-object-stops.json"] {
        let file = format!("{DIR}/{name}");
        let (out, _) = run(&["--color", "never", &file], None);
        assert!(
            out.contains("error[S103]") && out.contains("error[J001]"),
            "{out}"
        );
        assert!(!out.lines().any(|l| l.contains(" | ")), "{out}");
    }
}
