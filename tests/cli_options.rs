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

/// Each of these used to be taken as an attribute list, so that every
/// attribute was refused (A015) with exit 1.
#[test]
fn write_attributes_that_are_not_a_file_nor_a_list_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let misspelt = format!("{d}/client.jsn");
    let cases: [(&str, &str); 6] = [
        (&misspelt, "cannot read"),
        ("describe-user-pool-clinet.json", "cannot read"),
        ("", "names no attribute"),
        (" , ,", "names no attribute"),
        (d, "is a directory"),
        (".", "is a directory"),
    ];
    for (value, says) in cases {
        let out = lint(&["--write-attributes", value]);
        assert_eq!(out.status.code(), Some(2), "{value:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("error: ") && err.contains(says),
            "{value:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{value:?}");
    }
    // A list and a file still work.
    let out = lint(&["--write-attributes", "nickname, email"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = dir.path().join("client.json");
    std::fs::write(&file, r#"["nickname"]"#).unwrap();
    let out = lint(&["--write-attributes", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = lint(&["--write-attributes", "email"]);
    assert_eq!(out.status.code(), Some(1), "nickname is not in the list");
}
