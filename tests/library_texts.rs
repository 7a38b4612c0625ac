//! The library's texts name its API, not the command line's flags or the
//! repository's files (issue 14.14); the CLI adds its flags where it prints.

use cognito_validate::{check_json, Options, Rule};

/// A flag (`--name`) or a path into the repository's examples.
fn names_the_cli(text: &str) -> bool {
    text.contains("examples/")
        || text
            .match_indices("--")
            .any(|(i, _)| text[i + 2..].starts_with(|c: char| c.is_ascii_lowercase()))
}

#[test]
fn rule_texts_name_the_api() {
    assert!(names_the_cli("select `--name-pattern current`"));
    for rule in Rule::ALL {
        for text in [rule.explanation(), rule.summary()] {
            assert!(!names_the_cli(text), "{}: {text}", rule.code());
        }
    }
    assert!(Rule::NameCharacters
        .explanation()
        .contains("Options::with_name_pattern(NamePattern::Current)"));
}

#[test]
fn help_lines_name_the_api() {
    let body =
        br#"{"AccessToken": "t", "UserAttributes": [{"Name": "given name", "Value": "Ada"}]}"#;
    let report = check_json(body, &Options::default());
    let help: Vec<&str> = report
        .diagnostics
        .iter()
        .filter_map(|d| d.help.as_deref())
        .collect();
    assert!(
        help.iter()
            .any(|h| h.contains("the current pattern (`NamePattern::Current`) admits it")),
        "{help:?}"
    );
    for h in help {
        assert!(!names_the_cli(h), "{h}");
    }
}
