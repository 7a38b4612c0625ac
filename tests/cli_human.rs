//! The human format: its layout (a snapshot written by hand, after reading
//! the output and judging it right) and its facts, asserted on their own.

use assert_cmd::Command;

const TREE: &str = "tests/fixtures/cli/tree";

fn human(args: &[&str]) -> (String, i32) {
    let out = Command::cargo_bin("cognito-validate")
        .unwrap()
        .args(["lint", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

/// Hand-written: a finding with a source line (masked values, carets under
/// the name, help), a JSON error (no source line), a warning, and the summary.
#[test]
fn layout_snapshot() {
    let (out, code) = human(&[
        &format!("{TREE}/b-bad-name.json"),
        &format!("{TREE}/sub/c-trailing.json"),
        &format!("{TREE}/sub/e-warning.json"),
    ]);
    assert_eq!(code, 1);
    let expected = r#"error[S103]: Value 'given name' at 'userAttributes.3.member.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]+
 --> tests/fixtures/cli/tree/b-bad-name.json:5:59
  |
5 |     { "Name": "custom:prénom👍", "Value": "*" }, { "Name": "given name", "Value": "*" }
  |                                                            ^^^^^^^^^^^^
  |
  = help: character 6 is U+0020 (a space separator), which the pattern does not allow; the current pattern (`NamePattern::Current`) admits it

error[J001]: The request is not valid JSON: expected a JSON value.
 --> tests/fixtures/cli/tree/sub/c-trailing.json:5:3

warning[W001]: `ClientMetdata` is not a member of the request; the service ignores it.
 --> tests/fixtures/cli/tree/sub/e-warning.json:4:3
  |
4 |   "ClientMetdata": ***…***
  |   ^^^^^^^^^^^^^^^
  |
  = help: did you mean `ClientMetadata`?

2 errors, 1 warning in 3 files; 2 of 3 requests rejected
"#;
    assert_eq!(out, expected);
}

/// Facts: each header names the code, each location line the position found
/// in the file text, the carets sit under the offending text.
#[test]
fn headers_locations_and_carets_match_the_text() {
    let file = format!("{TREE}/b-bad-name.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let at = text.find("\"given name\"").unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let src = text.lines().nth(line - 1).unwrap();
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    let (out, _) = human(&[&file]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("error[S103]: Value 'given name' at 'userAttributes.3.member.name'")
    );
    assert_eq!(lines[1], format!(" --> {file}:{line}:{column}"));
    // The shown line is the source line with the values masked.
    let shown = lines[3].strip_prefix(&format!("{line} | ")).unwrap();
    assert_eq!(shown.chars().count(), src.chars().count());
    assert_eq!(
        shown,
        src.replace(r#""Value": "x""#, r#""Value": "*""#)
            .replace(r#""Value": "y""#, r#""Value": "*""#)
    );
    // Carets: one per character of "given name" with its quotes, under it:
    // indented by the display width of what comes before on the line.
    let carets = lines[4].strip_prefix("  | ").unwrap();
    assert_eq!(carets.trim_start().len(), "\"given name\"".len());
    assert!(carets.trim_start().chars().all(|c| c == '^'));
    let before: String = shown.chars().take(column - 1).collect();
    assert_eq!(
        carets.chars().count() - carets.trim_start().chars().count(),
        unicode_width::UnicodeWidthStr::width(before.as_str())
    );
    assert!(lines[6].starts_with("  = help: "));
}

#[test]
fn json_text_errors_have_no_source_line() {
    let (out, _) = human(&[&format!("{TREE}/sub/d-lines.jsonl")]);
    let j001 = out.find("error[J001]").unwrap();
    let block: Vec<&str> = out[j001..].lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(block.len(), 2, "{block:?}");
    assert!(block[1].ends_with("d-lines.jsonl:5:51"), "{block:?}");
}

#[test]
fn the_summary_counts_errors_warnings_files_and_requests() {
    // tree: b (1 error), c (1), d (S101, S103 on line 4, J001 on line 5), e (1 warning);
    // requests: a, b, c, e and four non-blank lines of d; rejected: b, c, d:4, d:5.
    let (out, _) = human(&[TREE]);
    assert_eq!(
        out.lines().last().unwrap(),
        "5 errors, 1 warning in 5 files; 4 of 8 requests rejected"
    );
    let (out, code) = human(&[&format!("{TREE}/a-valid.json")]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "0 errors, 0 warnings in 1 file; 0 of 1 request rejected\n"
    );
}

/// Issue 14, item 11: carets count display columns. The name is 22 columns
/// wide with its quotes; emoji and a combining mark before it on the line
/// move it by their width (2 and 0), not by their count.
#[test]
fn carets_follow_display_width() {
    let name = "\"custom:好きな 食べ物\"";
    // A raw emoji and a raw combining mark (not JSON escapes).
    let key = "\u{1F44D}\u{1F44D}e\u{301}";
    let req = format!(
        r#"{{"AccessToken": "t", "ClientMetadata": {{"{key}": "x"}}, "UserAttributes": [{{"Name": {name}, "Value": "v"}}]}}"#
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wide.json");
    std::fs::write(&file, &req).unwrap();
    let (out, _) = human(&[file.to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("error[S103]"))
        .unwrap();
    let source = lines[at + 3].strip_prefix("1 | ").unwrap();
    let carets = lines[at + 4].strip_prefix("  | ").unwrap();
    assert_eq!(carets.trim_start(), "^".repeat(22));
    // Before the name: the text's columns, all narrow but the emoji (2).
    let prefix = &source[..source.find(name).unwrap()];
    assert!(prefix.contains(key));
    // Each 👍 is 2 columns (one more than its count), U+0301 is 0 (one less).
    let columns = prefix.chars().count() + 2 - 1;
    assert_eq!(carets.len() - carets.trim_start().len(), columns);
}
