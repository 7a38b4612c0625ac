//! `cognito-validate rules` and `cognito-validate explain CODE`.

use assert_cmd::Command;
use cognito_validate::{Rule, Severity};

fn bin() -> Command {
    Command::cargo_bin("cognito-validate").unwrap()
}

#[test]
fn rules_lists_every_rule_with_name_severity_and_summary() {
    let out = bin().arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), Rule::ALL.len());
    for (row, rule) in rows.iter().zip(Rule::ALL) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[0], rule.code());
        assert_eq!(cols[1], rule.name());
        assert_eq!(cols[2], rule.severity().as_str());
        assert!(row.ends_with(rule.summary()), "{row}");
    }
}

#[test]
fn explain_prints_the_explanation_and_both_examples() {
    for rule in Rule::ALL {
        for code in [
            rule.code().to_string(),
            rule.code().to_lowercase(),
            rule.name().to_string(),
        ] {
            let out = bin().args(["explain", &code]).output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{code}");
            let text = String::from_utf8(out.stdout).unwrap();
            let explanation = text.find(rule.explanation()).expect("explanation");
            let bad = text.find(rule.example_bad()).expect("failing example");
            let good = text.rfind(rule.example_good()).expect("passing example");
            assert!(explanation < bad && bad < good, "{code}");
            let op = rule.example_operation();
            if op != "UpdateUserAttributes" {
                let named = text
                    .find(&format!("lint --operation {op}"))
                    .expect("the examples' operation");
                assert!(named < bad, "{code}");
            }
        }
    }
}

#[test]
fn explain_of_an_unknown_code_exits_2_and_lists_the_codes() {
    let out = bin().args(["explain", "X999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("X999"));
    for rule in Rule::ALL {
        assert!(err.contains(rule.code()), "{err}");
    }
}

/// The examples `explain` shows really fail and pass `lint`, with that code.
/// Only for the rules of the request's text and shapes: the business rules'
/// examples may need a user pool's schema, which `lint` is not given here.
#[test]
fn the_examples_of_explain_behave_as_lint_says() {
    let phase_one = Rule::ALL
        .iter()
        .filter(|r| r.code().starts_with(['S', 'J', 'M']) || r.code() == "W001");
    for rule in phase_one {
        let bad = rule.example_bad_bytes();
        let op = rule.example_operation();
        let out = bin()
            .args(["lint", "--operation", op, "--format", "concise", "-"])
            .write_stdin(bad)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(&format!(" {} ", rule.code())),
            "{}: {text}",
            rule.code()
        );
        let expected = if rule.severity() == Severity::Error {
            1
        } else {
            0
        };
        assert_eq!(out.status.code(), Some(expected), "{}", rule.code());

        let good = rule.example_good();
        let out = bin()
            .args(["lint", "--operation", op, "--format", "concise", "-"])
            .write_stdin(good)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains(&format!(" {} ", rule.code())),
            "{}: {text}",
            rule.code()
        );
    }
}

#[test]
fn explain_adds_the_command_line_flags_to_the_library_text() {
    // The library's explanations name its API; the CLI names its flags.
    for (code, flag) in [
        ("S103", "--name-pattern current"),
        ("J007", "--max-input-bytes"),
        ("J008", "--max-depth"),
        ("A001", "--pool-schema"),
        ("A015", "--write-attributes"),
        ("A016", "--require-challenge-attributes"),
        ("T005", "--jwks"),
    ] {
        let out = bin().args(["explain", code]).output().unwrap();
        assert!(out.status.success(), "{code}");
        let text = String::from_utf8(out.stdout).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("On the command line: "))
            .unwrap_or_else(|| panic!("{code}: no command-line line in\n{text}"));
        assert!(line.contains(flag), "{code}: {line}");
    }
    // A rule with no flag gets no such line.
    let out = bin().args(["explain", "S101"]).output().unwrap();
    assert!(!String::from_utf8(out.stdout)
        .unwrap()
        .contains("On the command line"));
}
