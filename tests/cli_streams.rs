//! Standard streams that are closed (issue 14, item 8). Before the fix an
//! error line on a standard error whose reader had gone made `eprintln!`
//! panic (exit 101, the report on standard output lost), `explain NOPE`
//! included; and a closed standard input read as an empty request.

use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_cognito-validate");

/// Runs the tool with its standard error a pipe whose reading end is closed
/// at once, so that writing to it fails with EPIPE.
fn with_broken_stderr(args: &[&str]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    child.wait_with_output().unwrap()
}

#[test]
fn explain_of_an_unknown_code_exits_2_when_stderr_is_gone() {
    let out = with_broken_stderr(&["explain", "NOPE"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn lint_keeps_its_report_and_exit_2_when_stderr_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"AccessToken": "t", "UserAttributes": [{"Name": "a b"}]}"#,
    )
    .unwrap();
    let missing = dir.path().join("missing.json");
    let out = with_broken_stderr(&[
        "lint",
        "--format",
        "concise",
        bad.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("bad.json:1:") && stdout.contains("S103"),
        "{stdout}"
    );
}

/// `sh -c '… <&-'` starts the tool with descriptor 0 closed.
#[cfg(target_os = "linux")]
#[test]
fn a_closed_stdin_is_unreadable_not_an_empty_request() {
    for args in ["lint -", "lint"] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("exec \"$0\" {args} --format json <&-"))
            .arg(BIN)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("error: cannot read -: standard input is closed"),
            "{args}: {stderr}"
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), "[]\n", "{args}");
    }
    // An empty standard input is still an empty request.
    let out = Command::new(BIN)
        .args(["lint", "--format", "concise", "-"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("-:1:1: J001 "));
}
