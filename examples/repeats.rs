//! Times `check_json` and `validate_json` on a body that names many
//! attributes and then names them all again (issue 14, item 3): the repeat
//! detection must stay linear in the number of attributes.
//!
//! `cargo run --release --example repeats [UNIQUE]` (default 15000).

use std::time::Instant;

use cognito_validate::{check_json, validate_json, Options};

fn main() {
    let unique: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(15_000);
    let mut body = String::from(r#"{"AccessToken":"t","UserAttributes":["#);
    for round in 0..2 {
        for i in 0..unique {
            if round + i > 0 {
                body.push(',');
            }
            body.push_str(&format!(r#"{{"Name":"custom:n{i}","Value":"v"}}"#));
        }
    }
    body.push_str("]}");
    let opts = Options::default().with_max_input_bytes(body.len());
    println!(
        "{unique} unique names, then each again: {} bytes",
        body.len()
    );
    let t = Instant::now();
    let report = check_json(body.as_bytes(), &opts);
    println!(
        "check_json:    {:>8.1} ms ({} warnings)",
        t.elapsed().as_secs_f64() * 1e3,
        report.warnings
    );
    let t = Instant::now();
    let rejected = validate_json(body.as_bytes(), &opts).is_err();
    println!(
        "validate_json: {:>8.1} ms (rejected: {rejected})",
        t.elapsed().as_secs_f64() * 1e3
    );
}
