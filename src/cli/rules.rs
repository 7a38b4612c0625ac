//! `cognito-validate rules` (the catalogue as a table) and
//! `cognito-validate explain CODE` (one rule in full, with examples).

use std::io::{self, Write};

use cognito_validate::Rule;

/// Writes the table: code, name, severity, summary.
pub fn list(out: &mut dyn Write) -> io::Result<()> {
    let width = Rule::ALL.iter().map(|r| r.name().len()).max().unwrap_or(0);
    writeln!(
        out,
        "{:<5} {:<width$} {:<8} SUMMARY",
        "CODE", "NAME", "SEVERITY"
    )?;
    for r in Rule::ALL {
        writeln!(
            out,
            "{:<5} {:<width$} {:<8} {}",
            r.code(),
            r.name(),
            r.severity().as_str(),
            r.summary()
        )?;
    }
    Ok(())
}

/// Finds a rule by code (any case) or by name.
pub fn find(code: &str) -> Option<Rule> {
    Rule::from_code(&code.to_ascii_uppercase())
        .or_else(|| Rule::ALL.iter().copied().find(|r| r.name() == code))
}

/// The message for an unknown code, listing the valid ones.
pub fn unknown(code: &str) -> String {
    let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
    format!("unknown rule `{code}`; the rules are {}", codes.join(", "))
}

/// Writes the explanation, then the failing and the passing example.
pub fn explain(rule: Rule, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} {} ({}): {}\n",
        rule.code(),
        rule.name(),
        rule.severity().as_str(),
        rule.summary()
    )?;
    writeln!(out, "{}\n", rule.explanation())?;
    if rule.example_is_response() {
        writeln!(out, "The examples are UpdateUserAttributes responses.\n")?;
    } else if rule.example_operation() != "UpdateUserAttributes" {
        writeln!(
            out,
            "The examples are {} requests (lint --operation {}).\n",
            rule.example_operation(),
            rule.example_operation()
        )?;
    } else if rule.example_needs_pool() {
        writeln!(
            out,
            "The examples are checked with --pool-schema examples/pool/describe-user-pool.json \
             --write-attributes examples/pool/describe-user-pool-client.json.\n"
        )?;
    }
    if let Some(flags) = command_line(rule) {
        writeln!(out, "On the command line: {flags}.\n")?;
    }
    if !rule.aws_wording() {
        writeln!(
            out,
            "The message is cognito-validate's own wording: the service's is not confirmed.\n"
        )?;
    }
    writeln!(out, "Fails:\n    {}\n", rule.example_bad())?;
    writeln!(out, "Passes:\n    {}", rule.example_good())
}

/// The `lint` and `serve` flags that bear on a rule, where its explanation
/// speaks of the library's API (`Options::with_schema`, `NamePattern`, …):
/// the library names its own API, the command line adds its flags here.
fn command_line(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::NameCharacters => "`--name-pattern current` admits tab, LF, CR and space",
        Rule::InputTooLarge => "`--max-input-bytes N` (lint), `--max-body BYTES` (serve)",
        Rule::NestingTooDeep => "`--max-depth N`",
        Rule::UnauthorizedWrite => "`--write-attributes FILE|LIST` gives the app client's list",
        Rule::RequiredAttributeMissing => {
            "`--pool-schema FILE` gives the required attributes; serve checks a \
             NEW_PASSWORD_REQUIRED answer for them only with `--require-challenge-attributes`"
        }
        r if r.code().starts_with('A') => "`--pool-schema FILE` gives the user pool's schema",
        r if r.code().starts_with('T') => {
            "`--jwks FILE` with `--now`, `--issuer` or `--user-pool-id`, `--client-id`, \
             `--grace-seconds`"
        }
        _ => return None,
    })
}
