//! `--format aws` reproduces the service's real answers (reference section 3)
//! byte for byte, and says nothing for a request the service would accept.

use assert_cmd::Command;
use serde_json::Value;

fn aws(args: &[&str], stdin: Option<&str>) -> (String, i32) {
    let mut cmd = Command::cargo_bin("cognito-validate").unwrap();
    cmd.args(["lint", "--format", "aws"]).args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let out = cmd.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

/// The four real messages of reference section 3, verbatim.
const REAL: [(&str, &str); 4] = [
    (
        "empty-name.json",
        r"2 validation errors detected: Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]+",
    ),
    (
        "null-name.json",
        "1 validation error detected: Value null at 'userAttributes.1.member.name' failed to satisfy constraint: Member must not be null",
    ),
    (
        "bad-token.json",
        "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
    ),
    (
        "missing-token.json",
        "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must not be null",
    ),
];

#[test]
fn the_four_real_answers_are_reproduced_byte_for_byte() {
    for (file, message) in REAL {
        let path = format!("tests/fixtures/cli/aws/{file}");
        let (out, code) = aws(&[&path], None);
        assert_eq!(code, 1, "{file}");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 1, "{file}: {out}");
        let v: Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(v["file"], path.as_str());
        assert!(v.get("line").is_none(), "no line for a .json file");
        assert_eq!(v["status"], 400);
        assert_eq!(
            v["headers"]["x-amzn-ErrorType"],
            "InvalidParameterException:"
        );
        assert_eq!(v["headers"]["Content-Type"], "application/x-amz-json-1.1");
        assert_eq!(v["body"]["__type"], "InvalidParameterException");
        assert_eq!(
            v["body"]["message"].as_str().unwrap().as_bytes(),
            message.as_bytes(),
            "{file}"
        );
        assert_eq!(v.as_object().unwrap().len(), 4);
        assert_eq!(v["body"].as_object().unwrap().len(), 2);
    }
}

#[test]
fn jsonl_answers_name_their_line_and_valid_requests_get_none() {
    let input = format!(
        "{}\n{}\n\n{}\n",
        r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "email", "Value": "a@example.com"}]}"#,
        r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": null, "Value": "Ada"}]}"#,
        r#"{"UserAttributes": [{"Name": "email", "Value": "a@example.com"}]}"#,
    );
    let (out, code) = aws(&["--jsonl", "-"], Some(&input));
    assert_eq!(code, 1);
    let answers: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["file"], "-");
    assert_eq!(answers[0]["line"], 2);
    assert_eq!(answers[0]["body"]["message"], REAL[1].1);
    assert_eq!(answers[1]["line"], 4);
    assert_eq!(answers[1]["body"]["message"], REAL[3].1);
}

#[test]
fn an_unreadable_body_is_a_serialization_exception() {
    let (out, code) = aws(
        &["-"],
        Some(r#"{"AccessToken": "t", "UserAttributes": [],}"#),
    );
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(out.trim_end()).unwrap();
    assert_eq!(v["body"]["__type"], "SerializationException");
    assert_eq!(v["headers"]["x-amzn-ErrorType"], "SerializationException:");
}

#[test]
fn nothing_is_written_for_an_accepted_request() {
    let (out, code) = aws(
        &["-"],
        Some(
            r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "email", "Value": "a@example.com"}]}"#,
        ),
    );
    assert_eq!((out.as_str(), code), ("", 0));
}

/// `lint --operation` with `--pool-schema` applies the attribute family's
/// rules, worded as the operation words them (issue 12).
#[test]
fn family_operations_answer_in_their_own_voice() {
    let pool = "examples/pool/describe-user-pool.json";
    for (operation, file, message) in [
        (
            "SignUp",
            "examples/family-requests/SignUp/invalid-email-missing.json",
            "Attributes did not conform to the schema: email: The attribute is required\n",
        ),
        (
            "AWSCognitoIdentityProviderService.AdminCreateUser",
            "examples/family-requests/AdminCreateUser/invalid-untyped-custom.json",
            "Attributes did not conform to the schema: Type for attribute {custom:role} could not be determined\n",
        ),
        (
            "RespondToAuthChallenge",
            "examples/family-requests/RespondToAuthChallenge/invalid-email-missing.json",
            "Invalid attributes given, email is missing",
        ),
    ] {
        let (out, code) = aws(&["--operation", operation, "--pool-schema", pool, file], None);
        assert_eq!(code, 1, "{operation}: {out}");
        let line: Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(line["body"]["message"], message, "{operation}");
        let valid = file.replace(file.rsplit('/').next().unwrap(), "valid.json");
        let (out, code) = aws(&["--operation", operation, "--pool-schema", pool, &valid], None);
        assert_eq!((code, out.as_str()), (0, ""), "{operation}");
    }
}
