//! Peak memory of `cognito-validate lint` (issue 14, item 2): it must stay
//! within a small multiple of the largest input, whatever the format and
//! `--max-diagnostics`. Before the fix each finding kept its whole masked
//! source line (4 bytes a character) and every file's findings were held
//! until the end: one 1 MiB single-line file with 100 bad names took about
//! 400 MB, and `--max-diagnostics 1000` on a line with 90k errors aborted.
//!
//! The child's peak resident set size comes from `wait4`.
#![cfg(target_os = "linux")]

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs the tool with `args`, output discarded; returns its exit code and
/// peak RSS in bytes.
fn peak_rss(args: &[&str]) -> (i32, u64) {
    #[allow(clippy::zombie_processes)] // reaped by `wait4` below
    let child = Command::new(env!("CARGO_BIN_EXE_cognito-validate"))
        .args(args)
        // Inputs are checked a window of twice the threads at a time: fix
        // the threads so that the bound does not depend on the machine.
        .env("RAYON_NUM_THREADS", "2")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: `rusage` is plain data, for which all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for; both pointers are valid
    // for writes for the duration of the call.
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(got, pid, "wait4 failed");
    assert!(libc::WIFEXITED(status), "the child did not exit normally");
    drop(child);
    // ru_maxrss is in KiB on Linux.
    (
        libc::WEXITSTATUS(status),
        u64::try_from(usage.ru_maxrss).unwrap() * 1024,
    )
}

const MIB: u64 = 1 << 20;

/// Runs `lint EXTRA --format F PATH` for each format: each must exit 1 and
/// peak at less than `limit` bytes above the tool's peak on an empty input.
fn assert_peak_below(extra: &[&str], formats: &[&str], path: &str, limit: u64) {
    let (_, baseline) = peak_rss(&["lint", "--format", "concise", "-q", "/dev/null"]);
    for format in formats {
        let mut args = vec!["lint"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--format", format, path]);
        let (code, peak) = peak_rss(&args);
        assert_eq!(code, 1, "{format}");
        let used = peak.saturating_sub(baseline);
        eprintln!(
            "{format}: peak {} KiB above {} KiB",
            used / 1024,
            baseline / 1024
        );
        assert!(
            used < limit,
            "{format}: {} MiB above the baseline, limit {} MiB",
            used / MIB,
            limit / MIB
        );
    }
}

/// One line of just under 1 MiB holding 100 long names with a space in them.
fn wide_file(path: &Path) -> usize {
    let name_len = 10_000;
    let mut body = String::from(r#"{"AccessToken":"t","UserAttributes":["#);
    for i in 0..100 {
        if i > 0 {
            body.push(',');
        }
        let name = format!("a b{}", "x".repeat(name_len - 3));
        body.push_str(&format!(r#"{{"Name":"{name}","Value":"v"}}"#));
    }
    body.push_str("]}");
    assert!(body.len() < 1 << 20);
    fs::write(path, &body).unwrap();
    body.len()
}

#[test]
fn eight_wide_files_with_100_findings_each_stay_small_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut largest = 0;
    for i in 0..8 {
        largest = largest.max(wide_file(&dir.path().join(format!("{i}.json"))));
    }
    let path = dir.path().to_str().unwrap();
    let formats = ["human", "concise", "json", "sarif", "github", "aws"];
    assert_peak_below(&[], &formats, path, 20 * largest as u64);
}

#[test]
fn a_thousand_findings_kept_of_170k_on_one_line_do_not_abort() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.json");
    let mut body = String::from(r#"{"AccessToken":"t","UserAttributes":["#);
    let entry = r#"{"Name":""}"#;
    let n = ((1 << 20) - 100) / (entry.len() + 1);
    for i in 0..n {
        if i > 0 {
            body.push(',');
        }
        body.push_str(entry);
    }
    body.push_str("]}");
    fs::write(&file, &body).unwrap();
    let path = file.to_str().unwrap();
    let formats = ["human", "json", "sarif"];
    let limit = 20 * body.len() as u64;
    assert_peak_below(&["--max-diagnostics", "1000"], &formats, path, limit);
}

#[test]
fn a_large_jsonl_file_is_streamed_in_and_out() {
    // 4 MB of requests with one finding each: the report is several times
    // the input, and it used to be held whole (with the file read whole).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.jsonl");
    let line = "{\"AccessToken\":\"t\",\"UserAttributes\":[{\"Name\":\"a b\",\"Value\":\"v\"}]}\n";
    let body = line.repeat((4 << 20) / line.len());
    fs::write(&file, &body).unwrap();
    let path = file.to_str().unwrap();
    assert_peak_below(&[], &["human", "json"], path, body.len() as u64);
}
