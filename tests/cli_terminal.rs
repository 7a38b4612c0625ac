//! What `lint` does on a terminal (issue 14, item 13): colour decided by
//! anstream (NO_COLOR, CLICOLOR_FORCE honoured) and a throttled progress bar
//! on standard error, cleared at the end; neither when the output is a pipe.
//! The terminal is a pseudo-terminal made by util-linux `script`.
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_cognito-validate");
const BAD: &str = r#"{"AccessToken": "t", "UserAttributes": [{"Name": "a b", "Value": "v"}]}"#;
const GOOD: &str =
    r#"{"AccessToken": "t", "UserAttributes": [{"Name": "nickname", "Value": "v"}]}"#;

/// 60 files (more than the 50 that bring the bar), one of them bad.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..60 {
        let body = if i == 0 { BAD } else { GOOD };
        std::fs::write(dir.path().join(format!("{i:02}.json")), body).unwrap();
    }
    dir
}

/// Runs `lint ARGS` on a pseudo-terminal; returns what the terminal got
/// (standard output and error together).
fn on_terminal(args: &str, env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &format!("{BIN} lint {args}"), "/dev/null"])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .output()
        .expect("util-linux `script` is needed for this test");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn path(dir: &Path) -> &str {
    dir.to_str().unwrap()
}

#[test]
fn a_terminal_gets_colour_and_a_progress_bar_that_is_cleared() {
    let dir = tree();
    let text = on_terminal(path(dir.path()), &[]);
    assert!(text.contains("checked "), "no progress shown: {text:?}");
    assert!(text.contains("/60 files"), "{text:?}");
    // The bar is cleared before the report's summary line.
    let summary = text.rfind("1 error, 0 warnings in 60 files").unwrap();
    assert!(text[..summary].rfind("\x1b[2K").is_some(), "{text:?}");
    assert!(
        text.contains("\x1b[31m") || text.contains(";31m"),
        "no red: {text:?}"
    );
}

#[test]
fn no_color_and_quiet_are_honoured_on_a_terminal() {
    let dir = tree();
    let text = on_terminal(&format!("-q {}", path(dir.path())), &[("NO_COLOR", "1")]);
    assert!(!text.contains('\x1b'), "{text:?}");
    assert!(text.contains("error[S103]"), "{text:?}");
    assert!(!text.contains("checked "), "-q shows no progress: {text:?}");
}

#[test]
fn a_pipe_gets_neither() {
    let dir = tree();
    let out = Command::new(BIN)
        .args(["lint", path(dir.path())])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn report_lines_written_while_the_bar_is_up_start_on_a_clean_line() {
    let dir = tree();
    for i in [30, 45] {
        std::fs::write(dir.path().join(format!("{i:02}.json")), BAD).unwrap();
    }
    let d = path(dir.path());
    let text = on_terminal(&format!("--format concise {d}"), &[("NO_COLOR", "1")]);
    let findings: Vec<&str> = text.split('\n').filter(|l| l.contains("S103")).collect();
    assert_eq!(findings.len(), 3, "{text:?}");
    for line in findings {
        // What the terminal shows of the line: after the last line clear.
        let shown = line
            .rsplit("\x1b[2K")
            .next()
            .unwrap()
            .trim_start_matches('\r');
        assert!(shown.starts_with(d), "the bar is mixed in: {line:?}");
    }
}
