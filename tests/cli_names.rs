//! File names that are not UTF-8 (issue 14, item 10). Before the fix
//! `a\xFF.json` and `a\xFE.json` both printed as `a\u{FFFD}.json`, and the
//! SARIF URI (`a%EF%BF%BD.json`) named a file that does not exist.
#![cfg(target_os = "linux")]

#[path = "common/percent.rs"]
mod percent;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Command;

const BAD: &str = r#"{"AccessToken": "t", "UserAttributes": [{"Name": "a b", "Value": "v"}]}"#;

fn lint(dir: &Path, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cognito-validate"))
        .args(["lint", "--format", format, "."])
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{format}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn names_differing_in_invalid_bytes_stay_apart_and_sarif_points_at_them() {
    let dir = tempfile::tempdir().unwrap();
    for raw in [&b"a\xFE.json"[..], &b"a\xFF.json"[..]] {
        std::fs::write(dir.path().join(OsStr::from_bytes(raw)), BAD).unwrap();
    }
    let concise = lint(dir.path(), "concise");
    let names: Vec<&str> = concise
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(names, [r"./a\xFE.json", r"./a\xFF.json"], "{concise}");

    let sarif: serde_json::Value = serde_json::from_str(&lint(dir.path(), "sarif")).unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, ["a%FE.json", "a%FF.json"]);
    for uri in uris {
        let path = dir.path().join(OsStr::from_bytes(&percent::decode(uri)));
        assert!(path.is_file(), "{uri} names no file");
    }
}

#[test]
fn an_unreadable_name_is_escaped_on_stderr_and_raw_in_the_sarif_uri() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cognito-validate"))
        .args(["lint", "--format", "sarif"])
        .arg(OsStr::from_bytes(b"gone\xFD.json"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(r"cannot read gone\xFD.json"), "{stderr}");
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let note = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
    let uri = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert_eq!(percent::decode(uri), b"gone\xFD.json");
}
