//! `--format sarif`: a SARIF 2.1.0 log with one run, every rule of the
//! catalogue in `tool.driver.rules`, and one result per finding. Regions give
//! lines, columns in Unicode code points (`columnKind: unicodeCodePoints`) and
//! byte offsets; artifact URIs are the paths as given, with forward slashes,
//! made of the name's raw bytes (a byte that is not UTF-8 is percent-encoded
//! as itself, so the URI points at the real file).

use std::io::{self, Write};

use cognito_validate::{Rule, Severity};
use serde_json::{json, Map, Value};

use super::{text, Context, Part};
use crate::cli::check::{Finding, RequestOutcome};
use crate::cli::walk::PathError;

/// Where the tool is documented: the repository when Cargo.toml names one,
/// else the crate's documentation.
fn information_uri() -> String {
    let repo = env!("CARGO_PKG_REPOSITORY");
    if repo.is_empty() {
        concat!("https://docs.rs/", env!("CARGO_PKG_NAME")).to_string()
    } else {
        repo.to_string()
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A relative URI reference for a path as shown: forward slashes, no leading
/// `./`, everything but unreserved characters and `/` percent-encoded.
/// Absolute paths become `file://` URIs.
pub fn uri(name: &[u8]) -> String {
    let slashed: Vec<u8> = name
        .iter()
        .map(|&b| if b == b'\\' { b'/' } else { b })
        .collect();
    let mut path = slashed.as_slice();
    while let Some(rest) = path.strip_prefix(b"./") {
        path = rest;
    }
    let mut out = String::new();
    if path.starts_with(b"/") {
        out.push_str("file://");
    } else if path.get(1) == Some(&b':') {
        out.push_str("file:///");
    }
    for &b in path {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else if b == b':' && out.starts_with("file:///") && out.len() == 9 {
            out.push(':');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rule_descriptor(rule: Rule) -> Value {
    let bad = rule.example_bad();
    let good = rule.example_good();
    json!({
        "id": rule.code(),
        "name": rule.name(),
        "shortDescription": { "text": rule.summary() },
        "fullDescription": { "text": rule.explanation() },
        "help": {
            "text": format!("{}\n\nFails:\n{bad}\n\nPasses:\n{good}", rule.explanation()),
            "markdown": format!(
                "{}\n\nFails:\n\n```json\n{bad}\n```\n\nPasses:\n\n```json\n{good}\n```",
                rule.explanation()
            ),
        },
        "defaultConfiguration": { "level": level(rule.severity()) },
    })
}

fn result(raw_name: &[u8], f: &Finding) -> Value {
    let d = &f.diagnostic;
    let mut region = Map::new();
    if let Some(r) = f.row() {
        region.insert("startLine".into(), r.into());
    }
    if let (Some(start), Some(end)) = (d.position, f.end) {
        region.insert("startColumn".into(), start.column.into());
        region.insert("endLine".into(), end.line.into());
        region.insert("endColumn".into(), end.column.into());
    }
    if let Some(s) = d.span {
        region.insert("byteOffset".into(), s.start.into());
        region.insert("byteLength".into(), s.end.saturating_sub(s.start).into());
    }
    let mut physical = json!({ "artifactLocation": { "uri": uri(raw_name) } });
    if !region.is_empty() {
        physical["region"] = Value::Object(region);
    }
    let mut text = d.message();
    if let Some(h) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(h);
    }
    let index = Rule::ALL.iter().position(|r| *r == d.rule);
    let mut result = json!({
        "ruleId": d.rule.code(),
        "level": level(d.severity()),
        "message": { "text": text },
        "locations": [{ "physicalLocation": physical }],
    });
    if let Some(i) = index {
        result["ruleIndex"] = i.into();
    }
    result
}

/// Writes the log up to the opening of `results`: the tool, every rule.
pub fn begin(out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = Rule::ALL.iter().map(|r| rule_descriptor(*r)).collect();
    let tool = json!({
        "driver": {
            "name": env!("CARGO_PKG_NAME"),
            "informationUri": information_uri(),
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }
    });
    write!(
        out,
        "{{\n\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n\
         \"version\": \"2.1.0\",\n\"runs\": [{{\n\"tool\": "
    )?;
    text::write_json(out, &tool, true)?;
    write!(
        out,
        ",\n\"columnKind\": \"unicodeCodePoints\",\n\"results\": ["
    )
}

/// Writes one result per finding of `req`.
pub fn request(
    cx: &Context,
    raw_name: &[u8],
    req: &RequestOutcome,
    part: &mut Part,
) -> io::Result<()> {
    for f in cx.findings(req) {
        part.bytes
            .extend_from_slice(if part.items == 0 { b"\n" } else { b",\n" });
        part.items += 1;
        text::write_json(&mut part.bytes, &result(raw_name, f), true)?;
    }
    Ok(())
}

/// Closes `results` and writes the invocation, with the inputs that could
/// not be read.
pub fn end(unreadable: &[PathError], out: &mut dyn Write) -> io::Result<()> {
    let notifications: Vec<Value> = unreadable
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": format!("cannot read {}: {}", e.path, e.reason) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&e.raw) } } }],
            })
        })
        .collect();
    let invocations = json!([{
        "executionSuccessful": notifications.is_empty(),
        "toolExecutionNotifications": notifications,
    }]);
    out.write_all(b"\n],\n\"invocations\": ")?;
    text::write_json(out, &invocations, true)?;
    out.write_all(b"\n}]\n}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references_with_forward_slashes() {
        assert_eq!(uri(b"./a/b c.json"), "a/b%20c.json");
        assert_eq!(uri(b"a\\b.json"), "a/b.json");
        assert_eq!(uri(b"/tmp/x.json"), "file:///tmp/x.json");
        assert_eq!(uri(b"C:\\x\\y.json"), "file:///C:/x/y.json");
        assert_eq!(uri("é#.json".as_bytes()), "%C3%A9%23.json");
        assert_eq!(uri(b"a\xFF.json"), "a%FF.json");
    }
}
