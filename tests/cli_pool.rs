//! `lint` with a pool schema and an app client's write list: the phase-two
//! answers of reference section 4 through the binary, and clear errors for
//! schema files that cannot be used.

use assert_cmd::Command;
use serde_json::Value;

const POOL: &str = "examples/pool/describe-user-pool.json";
const CLIENT: &str = "examples/pool/describe-user-pool-client.json";

fn run(args: &[&str], stdin: &str) -> (String, String, i32) {
    let out = Command::cargo_bin("cognito-validate")
        .unwrap()
        .arg("lint")
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

fn request(name: &str, value: &str) -> String {
    format!(
        r#"{{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{{"Name": "{name}", "Value": "{value}"}}]}}"#
    )
}

/// The single AWS answer for one request on stdin.
fn answer(args: &[&str], stdin: &str) -> (String, String) {
    let mut all = vec!["--format", "aws"];
    all.extend_from_slice(args);
    let (out, err, code) = run(&all, stdin);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    (
        v["body"]["__type"].as_str().unwrap().to_string(),
        v["body"]["message"].as_str().unwrap().to_string(),
    )
}

#[test]
fn default_pool_rules_apply_without_a_schema() {
    assert_eq!(
        answer(&[], &request("favorite_flavor", "vanilla")),
        (
            "InvalidParameterException".into(),
            "user.favorite_flavor: Attribute does not exist in the schema.\n".into()
        )
    );
    // --phase-one-only: only the shapes.
    let (_, _, code) = run(
        &["--phase-one-only"],
        &request("favorite_flavor", "vanilla"),
    );
    assert_eq!(code, 0);
}

#[test]
fn pool_schema_and_write_list() {
    assert_eq!(
        answer(
            &["--pool-schema", POOL],
            &request("custom:tenant_id", "acme")
        ),
        (
            "InvalidParameterException".into(),
            "user.custom:tenant_id: Attribute cannot be updated.\n".into()
        )
    );
    assert_eq!(
        answer(
            &["--pool-schema", POOL, "--write-attributes", CLIENT],
            &request("custom:plan", "pro")
        ),
        (
            "NotAuthorizedException".into(),
            "A client attempted to write unauthorized attribute".into()
        )
    );
    // A comma-separated list works as well as a file.
    assert_eq!(
        answer(
            &["--write-attributes", "nickname, given_name"],
            &request("family_name", "Lovelace")
        )
        .0,
        "NotAuthorizedException"
    );
    let (_, err, code) = run(
        &["--write-attributes", "nickname,family_name"],
        &request("family_name", "Lovelace"),
    );
    assert_eq!(code, 0, "{err}");
    let (_, err, code) = run(
        &["--pool-schema", POOL, "--write-attributes", CLIENT],
        &request("custom:age", "34"),
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn unusable_schema_files_are_usage_errors_that_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("pool.json");
    std::fs::write(
        &bad,
        r#"[{"Name": "custom:a", "AttributeDataType": "Text"}]"#,
    )
    .unwrap();
    let (_, err, code) = run(
        &["--pool-schema", bad.to_str().unwrap()],
        &request("nickname", "x"),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("pool.json")
            && err.contains("SchemaAttributes[0] \"custom:a\" AttributeDataType: \"Text\""),
        "{err}"
    );

    let missing = dir.path().join("nope.json");
    let (_, err, code) = run(
        &["--pool-schema", missing.to_str().unwrap()],
        &request("nickname", "x"),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("nope.json") && err.contains("os error"),
        "{err}"
    );

    let (_, _, code) = run(
        &["--phase-one-only", "--pool-schema", POOL],
        &request("nickname", "x"),
    );
    assert_eq!(code, 2, "the two options conflict");
}

#[test]
fn human_format_shows_the_did_you_mean() {
    let (out, _, code) = run(
        &["--format", "human", "--color", "never"],
        &request("Email", "ada@example.com"),
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("error[A001]: user.Email: Attribute does not exist in the schema."),
        "{out}"
    );
    assert!(out.contains("help: did you mean 'email'?"), "{out}");
}
