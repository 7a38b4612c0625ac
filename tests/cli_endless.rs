//! Inputs that never end (issue 14, item 5): `lint --jsonl < /dev/zero`, a
//! `.jsonl` symbolic link to it, and a long line without a newline. Before
//! the fix a .jsonl line was skipped to its newline however long it was, so
//! these ran until killed. Every run here is bounded by a deadline.
#![cfg(unix)]

use std::fs::File;
use std::io::Write;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Waits for `child` at most `secs` seconds (killing it then) and returns
/// its output.
fn within(mut child: Child, secs: u64) -> Output {
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(secs) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("still running after {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn tool() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cognito-validate"));
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    c
}

fn lines(out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn jsonl_from_dev_zero_ends_with_j007_and_exit_2() {
    for limit in ["1000", "1048576"] {
        let child = tool()
            .args([
                "lint",
                "--jsonl",
                "--format",
                "concise",
                "--max-input-bytes",
                limit,
            ])
            .stdin(File::open("/dev/zero").unwrap())
            .spawn()
            .unwrap();
        let out = within(child, 60);
        assert_eq!(out.status.code(), Some(2), "limit {limit}");
        let stdout = lines(&out.stdout);
        assert_eq!(stdout.len(), 1, "{stdout:?}");
        assert!(stdout[0].starts_with("-:1: J007 "), "{stdout:?}");
        assert!(
            stdout[0].contains(&format!("more than {limit} bytes")),
            "{stdout:?}"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("error: cannot read -: line 1 goes on"),
            "{stderr}"
        );
    }
}

#[test]
fn a_jsonl_symlink_to_dev_zero_ends() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("zero.jsonl");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let child = tool()
        .args(["lint", "--format", "json", "--max-input-bytes", "4096"])
        .arg(&link)
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let out = within(child, 60);
    assert_eq!(out.status.code(), Some(2));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items[0]["code"], "J007");
}

#[test]
fn a_long_line_that_ends_is_skipped_and_the_next_one_checked() {
    // 50 MB of zeros then a newline and a bad request: under 64 times the
    // default limit, so the line is skipped and the request after it read.
    let mut child = tool()
        .args(["lint", "--jsonl", "--format", "concise"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let block = vec![0u8; 1 << 20];
        for _ in 0..50 {
            stdin.write_all(&block).unwrap();
        }
        stdin
            .write_all(b"\n{\"AccessToken\":\"t\",\"UserAttributes\":[{\"Name\":\"a b\",\"Value\":\"v\"}]}\n")
            .unwrap();
    });
    let out = within(child, 120);
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = lines(&out.stdout);
    assert_eq!(stdout.len(), 2, "{stdout:?}");
    assert!(stdout[0].starts_with("-:1: J007 "), "{stdout:?}");
    assert!(stdout[0].contains(&(50u64 << 20).to_string()), "{stdout:?}");
    assert!(stdout[1].starts_with("-:2:"), "{stdout:?}");
    assert!(stdout[1].contains("S103"), "{stdout:?}");
}
