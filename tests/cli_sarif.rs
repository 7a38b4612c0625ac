//! The SARIF output validates against the official SARIF 2.1.0 schema
//! (vendored in tests/data; the schema declares draft-04) and carries the
//! rules, regions and column kind code scanning needs.

use std::fs;

use assert_cmd::Command;
use cognito_validate::Rule;
use serde_json::Value;

const SCHEMA: &str = "tests/data/sarif-schema-2.1.0.json";

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&fs::read_to_string(SCHEMA).unwrap()).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn sarif(args: &[&str]) -> Value {
    let out = Command::cargo_bin("cognito-validate")
        .unwrap()
        .args(["lint", "--format", "sarif"])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn the_output_validates_against_the_official_schema() {
    let v = validator();
    for args in [
        &["tests/fixtures/cli"][..],
        &["tests/fixtures/cli/tree/a-valid.json"][..],
        &["examples/requests", "no/such/path.json"][..],
    ] {
        let doc = sarif(args);
        assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{args:?}");
    }
}

#[test]
fn the_validator_catches_broken_documents() {
    let v = validator();
    let doc = sarif(&["tests/fixtures/cli/tree"]);
    assert!(v.is_valid(&doc));
    let mut bad_level = doc.clone();
    bad_level["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!v.is_valid(&bad_level));
    let mut no_version = doc.clone();
    no_version.as_object_mut().unwrap().remove("version");
    assert!(!v.is_valid(&no_version));
    let mut bad_line = doc.clone();
    bad_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!v.is_valid(&bad_line));
    let mut bad_uri = doc;
    bad_uri["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri".into();
    assert!(!v.is_valid(&bad_uri));
}

#[test]
fn every_rule_is_described_and_results_point_at_them() {
    let doc = sarif(&["tests/fixtures/cli/tree"]);
    let run = &doc["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "cognito-validate");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), Rule::ALL.len());
    for (d, r) in rules.iter().zip(Rule::ALL) {
        assert_eq!(d["id"], r.code());
        assert_eq!(d["name"], r.name());
        assert_eq!(d["shortDescription"]["text"], r.summary());
        assert_eq!(d["fullDescription"]["text"], r.explanation());
        assert!(d["help"]["text"]
            .as_str()
            .unwrap()
            .contains(r.example_bad()));
        assert_eq!(d["defaultConfiguration"]["level"], r.severity().as_str());
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for res in results {
        let i = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], res["ruleId"]);
    }
}

#[test]
fn regions_come_from_the_spans() {
    let file = "tests/fixtures/cli/tree/b-bad-name.json";
    let text = fs::read_to_string(file).unwrap();
    let needle = "\"given name\"";
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    let doc = sarif(&[file]);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let loc = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], file);
    let region = &loc["region"];
    assert_eq!(region["startLine"], line);
    assert_eq!(region["startColumn"], column);
    assert_eq!(region["endLine"], line);
    assert_eq!(region["endColumn"], column + needle.chars().count());
    assert_eq!(region["byteOffset"], at);
    assert_eq!(region["byteLength"], needle.len());
    assert_eq!(results[0]["ruleId"], "S103");
    assert_eq!(results[0]["level"], "error");
}
