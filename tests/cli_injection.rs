//! Terminal and log injection (issue 14, item 4): names, keys and file names
//! come from the input and must not reach a terminal or a CI log raw. Before
//! the fix the name below set the terminal's title, cleared the screen and
//! forged a finding line in human, concise and github output.

use std::process::{Command, Output, Stdio};

/// The issue's name: an OSC title, a BEL, a screen clear, a newline and a
/// forged finding line; then a C1 CSI and a right-to-left override, which
/// the JSON encoder leaves raw.
const NAME: &str = r#"a\u001b]0;pwned\u0007\u001b[2J\nfake.json:1:1: S000 forged\u009b2J\u202e"#;

fn request() -> String {
    format!(
        r#"{{"AccessToken":"t","UserAttributes":[{{"Name":"{NAME}","Value":"v"}}],"X{NAME}":1}}"#
    )
}

fn lint(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-validate"))
        .args(["lint", "--color", "never"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().unwrap()
}

/// No control character but the line ends, no C1 control, no bidi override.
fn assert_inert(what: &str, out: &[u8]) {
    let text = String::from_utf8(out.to_vec()).unwrap();
    for c in text.chars() {
        assert!(
            c == '\n' || !(c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{what}: U+{:04X} printed raw in {text}",
            u32::from(c)
        );
    }
}

#[test]
fn text_formats_escape_names_and_keys_and_forge_no_line() {
    for format in ["human", "concise", "github"] {
        let out = lint(&["--format", format, "-"], &request());
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert_inert(format, &out.stdout);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            !text.lines().any(|l| l.starts_with("fake.json")),
            "{format}: a forged line\n{text}"
        );
        // What was there is still readable.
        assert!(
            text.contains(r"a\u{1b}]0;pwned\u{7}\u{1b}[2J\nfake.json"),
            "{format}: {text}"
        );
        if format == "github" {
            assert!(
                text.lines()
                    .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
                "{text}"
            );
        }
    }
}

#[test]
fn json_formats_escape_what_their_encoder_leaves_raw() {
    for format in ["json", "sarif", "aws"] {
        let out = lint(&["--format", format, "-"], &request());
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert_inert(format, &out.stdout);
        // Still JSON, still the same name.
        let text = String::from_utf8_lossy(&out.stdout);
        let first = text.lines().next().unwrap_or_default();
        let doc = if format == "aws" { first } else { &text };
        let v: serde_json::Value = serde_json::from_str(doc).unwrap();
        assert!(v.to_string().contains('\u{202e}'), "{format}");
    }
}

#[cfg(unix)]
#[test]
fn file_names_are_escaped_in_reports_and_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "x\u{1b}[2J\nfake.json:1:1: S000 forged.json";
    std::fs::write(dir.path().join(evil), request()).unwrap();
    let missing = dir.path().join("gone\u{1b}]0;t\u{7}.json");
    for format in ["human", "concise", "github"] {
        let out = lint(
            &[
                "--format",
                format,
                dir.path().to_str().unwrap(),
                missing.to_str().unwrap(),
            ],
            "",
        );
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert_inert(format, &out.stdout);
        assert_inert("stderr", &out.stderr);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(r"x\u{1b}[2J\nfake.json"), "{format}: {text}");
        assert!(!text.lines().any(|l| l.starts_with("fake.json")), "{text}");
    }
}
