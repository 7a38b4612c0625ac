//! `lint`'s pool options as the command line sees them (issue 14, items 6
//! and 7): the files are read with a cap, and a `--write-attributes` value
//! that is meant as a file but is not one is a usage error, not a list.

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const REQUEST: &str =
    r#"{"AccessToken": "t", "UserAttributes": [{"Name": "nickname", "Value": "x"}]}"#;

/// Runs `lint ARGS -` on the request, killed after 60 s.
fn lint(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-validate"))
        .arg("lint")
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        // The tool may exit before reading: a closed pipe is fine here.
        let _ = stdin.write_all(REQUEST.as_bytes());
    }
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("lint {args:?} still running after 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[cfg(unix)]
#[test]
fn pool_files_that_never_end_are_refused_after_a_mebibyte() {
    for flag in ["--pool-schema", "--write-attributes"] {
        let out = lint(&[flag, "/dev/zero"]);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        let err = stderr(&out);
        assert!(
            err.contains("/dev/zero: more than 1048576 bytes"),
            "{flag}: {err}"
        );
        assert!(out.stdout.is_empty(), "{flag}");
    }
}

#[test]
fn the_cap_is_in_the_help() {
    let out = Command::new(env!("CARGO_BIN_EXE_cognito-validate"))
        .args(["lint", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(help.matches("At most 1 MiB").count(), 2, "{help}");
}
